"""Reference figures: every row sourced and dated, and matched only with comparable figures."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import plotting
from analysis.article import load_article
from analysis.figures import MEASURES, extract_figures
from analysis.lexicons import read_lexicon
from analysis.paths import ARTICLES_DIR, SEED_ARTICLE
from analysis.reference import (
    ARTICLE,
    compare_with_reference,
    load_reference,
    position_against_article,
)

STATUSES = {"confirmed", "secondary", "unconfirmed"}


@pytest.fixture(scope="module")
def reference():
    return load_reference()


@pytest.fixture(scope="module")
def seed_comparison(reference):
    article = load_article(SEED_ARTICLE)
    return compare_with_reference(extract_figures(article), reference, article.text,
                                  article.published)


def test_every_reference_row_says_who_counted_what_and_as_of_when(reference):
    assert reference["ref_id"].is_unique
    for row in reference.itertuples():
        assert row.source_org and row.source_short and row.counts, row.ref_id
        assert row.as_of[:4].isdigit() and row.period_start[:4].isdigit(), row.ref_id
        assert row.status in STATUSES, row.ref_id
        assert row.measure in MEASURES, row.ref_id
        if row.status == "confirmed":
            assert row.title and row.address.startswith("http"), row.ref_id


def test_unconfirmed_rows_say_what_is_unconfirmed(reference):
    for row in reference[reference["status"] == "unconfirmed"].itertuples():
        assert "UNCONFIRMED" in row.note, row.ref_id


def test_reference_ranges_are_ordered_and_event_classes_are_known(reference):
    classes = set(read_lexicon("figure_nouns.csv")["event_class"]) - {""}
    assert set(reference["event_class"]) <= classes
    for row in reference.itertuples():
        bounds = [v for v in (row.low, row.best, row.high) if not pd.isna(v)]
        assert bounds and bounds == sorted(bounds), row.ref_id


def test_each_article_figure_leads_its_group_and_meets_only_its_kind(seed_comparison, reference):
    by_id = reference.set_index("ref_id")
    for group, part in seed_comparison.groupby("group", sort=False):
        assert part["who"].iloc[0] == ARTICLE
        refs = by_id.loc[part["ref_id"].iloc[1:]]
        assert len(refs) > 0
        assert refs["event_class"].nunique() == 1, group
    war_killed = seed_comparison[seed_comparison["group"].str.contains("F01")]
    # a toll of the single year 2022 is not a toll since 2011
    assert "R05" not in set(war_killed["ref_id"])
    quake = seed_comparison[seed_comparison["group"].str.contains("earthquake")]
    assert set(by_id.loc[quake["ref_id"].iloc[1:], "measure"]) == {"killed"}


def test_an_article_about_another_place_meets_no_syria_reference(reference):
    article = load_article(ARTICLES_DIR / "voa-2014-08-06-gaza-truce-cairo-talks.txt")
    figures = extract_figures(article)
    assert not figures.empty
    assert compare_with_reference(figures, reference, article.text).empty


def test_interval_chart_is_log_scaled_labelled_and_sized(seed_comparison):
    fig = plotting.interval_chart(seed_comparison, "Figures", "people (log scale)", "test")
    ax = fig.axes[0]
    assert ax.get_xscale() == "log"
    assert ax.get_title(loc="left") == "Figures" and ax.get_xlabel() == "people (log scale)"
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == list(seed_comparison["label"])
    notes = [t.get_text() for t in ax.texts]
    assert any("as of 2021-03-31" in n for n in notes)
    assert any("SECONDARY" in n for n in notes)
    plt.close(fig)


def test_position_says_whether_a_reference_lies_inside_the_articles_range(seed_comparison):
    placed = position_against_article(seed_comparison).set_index("ref_id")
    assert placed.loc["R01", "position"] == "inside"  # SOHR 494,438 in 450,000-550,000
    assert placed.loc["R06", "position"] == "below"  # OHCHR counts civilians only
    assert placed.loc["R23", "position"] == "overlaps"  # "more than 54,000" has no ceiling
    assert placed.loc["R10", "position"] == "above"  # 14 million is beyond "millions"
    assert set(placed.loc[placed.index == "", "position"]) == {"article"}


def test_a_count_of_a_period_begun_after_publication_is_not_compared(reference):
    article = load_article(ARTICLES_DIR / "voa-2012-09-15-un-envoy-meets-assad.txt")
    figures = extract_figures(article)
    beside = compare_with_reference(figures, reference, article.text, article.published)
    assert not beside.empty
    assert "R05" not in set(beside["ref_id"])  # SOHR's toll for 2022 alone
    assert (beside["as_of"].iloc[0]) == "2012-09-15"
