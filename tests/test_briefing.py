"""The briefing's words: facts, summary and takeaways from frames, footnoted to sentences, with
every figure's qualifier kept and a negated meeting said as an absence."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import summary
from analysis.article import load_article
from analysis.briefing import COLUMNS, article_under_study, facts_html, figure_range, key_facts
from analysis.events import timeline_items
from analysis.paths import ARTICLES_DIR, SEED_ARTICLE
from analysis.pipeline import extract_all
from analysis.provenance import check_provenance

INVENTED = Path(__file__).parent / "data" / "invented-2024-05-20-andes-border-talks.txt"
ARTICLES = sorted(ARTICLES_DIR.glob("*.txt")) + [INVENTED]


@pytest.fixture(scope="module")
def seed_frames(seed):
    return extract_all(seed)


@pytest.fixture(scope="module")
def invented():
    article = load_article(INVENTED)
    return article, extract_all(article)


def briefing_text(article, frames) -> str:
    """Everything the briefing says in words, as plain text (tags stripped)."""
    parts = [
        summary.lines_html(summary.summary_lines(article, frames)),
        summary.lines_html(summary.takeaways(article, frames), tag="li"),
        summary.figures_table_html(frames["figures"]),
        summary.timeline_html(timeline_items(frames["meetings"], frames["events"])),
        facts_html(key_facts(frames)),
    ]
    return html.unescape(re.sub(r"<[^>]+>", " ", " ".join(parts)))


def test_one_fact_per_row_with_provenance(seed, seed_frames):
    facts = key_facts(seed_frames)
    assert tuple(facts.columns) == COLUMNS
    for section in ("meetings", "figures", "relations"):
        assert (facts["section"] == section).sum() == len(seed_frames[section])
    assert check_provenance(facts, seed).empty


def test_footnotes_link_to_the_sentences_that_state_each_fact(seed, seed_frames):
    facts = key_facts(seed_frames)
    page = facts_html(facts)
    linked = {int(n) for n in re.findall(r'href="#s(\d+)"', page)}
    assert linked == set(facts["sentence_id"])
    # a fact stated in two sentences is listed once with a link to each
    item = re.search(r"<li>Russia – Syria: allies(.*?)</li>", page)
    assert item and page.count("<li>Russia – Syria: allies<a ") == 1
    both = facts.loc[facts["fact"] == "Russia – Syria: allies", "sentence_id"]
    assert {int(n) for n in re.findall(r"#s(\d+)", item.group(1))} == set(both)


def test_article_text_has_an_anchor_for_every_sentence(seed):
    page = summary.article_html(seed)
    assert re.findall(r'id="s(\d+)"', page) == [str(i) for i in seed.sentences["sentence_id"]]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_no_figure_loses_its_qualifier(path):
    """Wherever the briefing prints a figure's digits, the article's qualifier stands before
    them ("more than 12,000" never shows as a bare "12,000")."""
    article = load_article(path)
    frames = extract_all(article)
    text = " ".join(briefing_text(article, frames).split())
    for _, fig in frames["figures"].iterrows():
        phrase = " ".join(str(fig["number"]).split())
        digits = re.search(r"\d[\d,.]*", phrase)
        assert phrase in text, f"{path.stem}: figure wording {phrase!r} missing"
        if not digits or digits.start() == 0:
            continue
        qualifier = phrase[: digits.start()]
        for found in re.finditer(re.escape(digits.group()), text):
            assert text[: found.start()].endswith(qualifier), (
                f"{path.stem}: {digits.group()!r} printed without {qualifier.strip()!r}: "
                f"...{text[max(0, found.start() - 40): found.end()]}"
            )


def test_invented_article_keeps_more_than_and_at_least(invented):
    article, frames = invented
    text = briefing_text(article, frames)
    assert "more than 12,000 people" in text
    assert "at least 300,000 people" in text


def test_negated_since_is_an_absence_not_a_visit_that_month(invented):
    article, frames = invented
    negated = frames["meetings"][frames["meetings"]["status"] == "negated"]
    assert len(negated) == 1  # "has not visited Lima since March 2021"
    line = summary.meeting_line(negated.iloc[0])
    assert line.text == ("The article says there has been no visit by Marta Quiroga to Lima "
                         "since March 2021.")
    assert "took place" not in line.text
    rows = summary.summary_lines(article, frames)
    assert line in rows
    # the timeline says the same: an absence since that month, not a visit-less March
    table = summary.timeline_html(timeline_items(frames["meetings"], frames["events"]))
    assert ("<td>since March 2021</td><td>no visit in Lima since March 2021: Marta Quiroga</td>"
            "<td>negated</td>") in table


def test_meeting_wording_follows_status():
    row = {"kind": "talks", "participants": "A|B", "location": "Oslo", "date": "2020-05-04",
           "precision": "day", "sentence_id": 3}
    assert summary.meeting_line({**row, "status": "planned"}).text == (
        "Talks between A and B in Oslo are planned for 4 May 2020.")
    assert summary.meeting_line({**row, "status": "held"}).text == (
        "Talks between A and B in Oslo took place on 4 May 2020.")
    assert summary.meeting_line({**row, "status": "negated"}).text == (
        "The article says there was no talks between A and B in Oslo on 4 May 2020.")
    assert summary.meeting_line({**row, "status": "possible"}).text == (
        "Talks between A and B in Oslo are possible, not agreed (4 May 2020).")
    assert summary.meeting_line({**row, "status": "postponed"}).text == (
        "Talks between A and B in Oslo have been postponed, now expected on 4 May 2020.")
    assert summary.meeting_line({**row, "status": "cancelled"}).text == (
        "Talks between A and B in Oslo have been called off (4 May 2020).")


def test_takeaways_come_from_this_articles_frames(seed, seed_frames, invented):
    seed_lines = [x.text for x in summary.takeaways(seed, seed_frames)]
    other_lines = [x.text for x in summary.takeaways(*invented)]
    assert seed_lines and other_lines and set(seed_lines).isdisjoint(other_lines)
    assert not any("half a million" in line for line in other_lines)
    assert any("Marta Quiroga" in line for line in other_lines)


def test_text_from_the_article_is_escaped():
    line = summary.Line("<script>x</script> $\\undefinedmacro{x}$", (2,))
    page = summary.lines_html([line])
    assert "<script>" not in page and "$\\undefinedmacro{x}$" in page
    assert 'href="#s2"' in page


def test_figure_words_and_dates():
    assert summary.figure_words({"number": "around half a million", "unit": "people",
                                 "low": 450000, "high": 550000}) == (
        "around half a million people (read as 450,000 to 550,000)")
    assert summary.figure_words({"number": "more than 12,000", "unit": "people",
                                 "low": 12000, "high": pd.NA}) == "more than 12,000 people"
    assert summary.say_date("2021-09", "month") == "September 2021"
    assert summary.say_date("2023-03-15", "day") == "15 March 2023"
    assert summary.cite([12, 4, 12]) == "the article, sentences 4 and 12"


def test_figure_range_wording():
    assert figure_range({"low": 450000, "best": 500000, "high": 550000}) == (
        "500,000 (450,000 to 550,000)"
    )
    assert figure_range({"low": 20000, "best": None, "high": 99999}) == "20,000 to 99,999"
    assert figure_range({"low": 1000, "best": None, "high": None}) == "at least 1,000"


def test_empty_frames_give_no_facts():
    facts = key_facts({})
    assert facts.empty and tuple(facts.columns) == COLUMNS


def test_article_under_study_follows_parameters_then_environment(monkeypatch):
    monkeypatch.delenv("BRIEF_ARTICLE", raising=False)
    assert article_under_study().path == SEED_ARTICLE
    other = ARTICLES_DIR / "voa-2013-05-27-lavrov-meets-kerry.txt"
    monkeypatch.setenv("BRIEF_ARTICLE", str(other))
    assert article_under_study().path == other
    assert article_under_study(INVENTED).path == INVENTED


def test_the_handout_timeline_keeps_meetings_first_and_says_how_many_it_left_out():
    items = pd.DataFrame(
        [{"label": f"event {i}", "date_start": f"2020-01-{i + 1:02d}", "date_end": "",
          "precision": "day", "status": "held", "source": f"E{i:02d}", "sentence_id": i + 1}
         for i in range(6)]
        + [{"label": "talks", "date_start": "2019-05-01", "date_end": "", "precision": "day",
            "status": "held", "source": "M01", "sentence_id": 9}]
    )
    table = summary.timeline_html(items, limit=3)
    assert table.count("<tr>") == 1 + 3
    assert "talks" in table and "event 5" in table and "event 4" in table
    assert "event 0" not in table
    assert "4 more dated items" in table
    assert "more dated" not in summary.timeline_html(items)
