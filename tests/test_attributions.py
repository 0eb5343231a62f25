"""Who says what: sources, verbs and reported content."""

from __future__ import annotations

import pytest

from analysis.article import load_article
from analysis.attributions import COLUMNS, extract_attributions
from analysis.provenance import check_provenance


@pytest.fixture(scope="module")
def seed_attr(seed):
    return extract_attributions(seed)


def by_sentence_start(article, frame, opening):
    sid = article.sentences.loc[article.sentences["text"].str.startswith(opening), "sentence_id"]
    assert len(sid) == 1, opening
    return frame[frame["sentence_id"] == int(sid.iloc[0])]


@pytest.mark.parametrize(
    ("opening", "source", "verb", "mode"),
    [
        ("Russian President Vladimir Putin will hold", "the Kremlin", "said", "indirect"),
        ('"Topical issues', "the Kremlin", "said", "direct"),
        ("Assad's office said", "Assad's office", "said", "indirect"),
        ("Assad was accompanied", "the Syrian presidency statement", "said", "mixed"),
        ("Analysts say", "Analysts", "say", "indirect"),
        ("But analysts have said", "analysts", "said", "mixed"),
        ("Assad had in January said", "Assad", "said", "mixed"),
        ("Media reports on Tuesday said", "Media reports", "said", "indirect"),
    ],
)
def test_seed_sources(seed, seed_attr, opening, source, verb, mode):
    rows = by_sentence_start(seed, seed_attr, opening)
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row["source"], row["verb"], row["mode"]) == (source, verb, mode)
    assert seed.text[row["source_start"] : row["source_end"]] == source


def test_pronoun_source_resolves_to_previous_statement(seed, seed_attr):
    row = by_sentence_start(seed, seed_attr, "In a statement, it said").iloc[0]
    assert row["source"] == "it"
    assert row["resolved_source"] == "Assad's office"
    assert row["quote"].startswith("the Syrian president had been greeted")


def test_direct_quote_is_the_words_inside_the_marks(seed, seed_attr):
    row = by_sentence_start(seed, seed_attr, '"Topical issues').iloc[0]
    assert row["quote"].startswith("Topical issues")
    assert row["quote"].endswith("will be discussed")


def test_unattributed_sentences_have_no_rows(seed, seed_attr):
    for opening in ("Russia has been one of", "The Syrian civil war", "After the quake"):
        assert by_sentence_start(seed, seed_attr, opening).empty


def test_nouns_that_look_like_verbs_are_not_reports(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Relations between Gulf states improved. Media reports were scarce.\n")
    assert extract_attributions(load_article(path)).empty


def test_provenance_and_columns(seed, example):
    for article in (seed, example):
        frame = extract_attributions(article)
        assert tuple(frame.columns) == COLUMNS
        assert check_provenance(frame, article).empty


def test_told_skips_the_listener(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("The minister told reporters that the border would reopen soon.\n")
    row = extract_attributions(load_article(path)).iloc[0]
    assert row["source"] == "The minister"
    assert row["lemma"] == "tell"
    assert row["quote"] == "the border would reopen soon"


def test_no_reporting_gives_empty_frame_with_columns(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Rain fell on the city. Streets flooded.\n")
    frame = extract_attributions(load_article(path))
    assert frame.empty and tuple(frame.columns) == COLUMNS


def test_speakers_merge_case_and_article(seed_attr):
    counts = seed_attr["speaker"].value_counts()
    assert counts["Analysts"] == 2  # "Analysts say" and "analysts have said"
    assert counts["Kremlin"] == 2
    assert "the Kremlin" not in counts.index
