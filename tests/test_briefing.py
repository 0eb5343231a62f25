"""Key facts for the briefing: one per frame row, each footnoted to its sentence."""

from __future__ import annotations

import re

import pytest

from analysis.briefing import COLUMNS, article_under_study, facts_html, figure_range, key_facts
from analysis.paths import ARTICLES_DIR, SEED_ARTICLE
from analysis.pipeline import extract_all
from analysis.provenance import check_provenance


@pytest.fixture(scope="module")
def seed_frames(seed):
    return extract_all(seed)


def test_one_fact_per_row_with_provenance(seed, seed_frames):
    facts = key_facts(seed_frames)
    assert tuple(facts.columns) == COLUMNS
    for section in ("meetings", "figures", "relations"):
        assert (facts["section"] == section).sum() == len(seed_frames[section])
    assert check_provenance(facts, seed).empty


def test_html_footnotes_quote_the_source_sentences(seed, seed_frames):
    facts = key_facts(seed_frames)
    page = facts_html(facts, seed)
    numbers = {int(n) for n in re.findall(r"\[(\d+)\]", page)}
    assert numbers == set(range(1, facts["sentence_id"].nunique() + 1))
    assert page.count("<li value=") == facts["sentence_id"].nunique()
    # a fact stated in two sentences is listed once with two footnotes
    assert page.count("Russia – Syria: allies<sup>") == 1


def test_figure_range_wording():
    assert figure_range({"low": 450000, "best": 500000, "high": 550000}) == (
        "500,000 (450,000 to 550,000)"
    )
    assert figure_range({"low": 20000, "best": None, "high": 99999}) == "20,000 to 99,999"
    assert figure_range({"low": 1000, "best": None, "high": None}) == "at least 1,000"


def test_empty_frames_give_no_facts():
    facts = key_facts({})
    assert facts.empty and tuple(facts.columns) == COLUMNS


def test_article_under_study_follows_the_environment(monkeypatch):
    monkeypatch.delenv("BRIEF_ARTICLE", raising=False)
    assert article_under_study().path == SEED_ARTICLE
    other = ARTICLES_DIR / "voa-2013-05-27-lavrov-meets-kerry.txt"
    monkeypatch.setenv("BRIEF_ARTICLE", str(other))
    assert article_under_study().path == other
