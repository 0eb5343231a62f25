"""The figures frame: what each number counts, of what, where, since when, with provenance."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.article import load_article
from analysis.figures import FIGURE_COLUMNS, MEASURES, extract_figures
from analysis.paths import ARTICLES_DIR, SEED_ARTICLE
from analysis.provenance import check_provenance
from analysis.quantities import find_quantities

ARTICLES = sorted(ARTICLES_DIR.glob("*.txt"))


@pytest.fixture(scope="module")
def seed():
    return load_article(SEED_ARTICLE)


@pytest.fixture(scope="module")
def seed_figures(seed):
    return extract_figures(seed)


def _article(tmp_path, body: str, published: str = "2020-05-01"):
    path = tmp_path / "article.txt"
    path.write_text(body + "\n", encoding="utf-8")
    return load_article(path, published=published)


def _one(tmp_path, body: str) -> pd.Series:
    figures = extract_figures(_article(tmp_path, body))
    assert len(figures) == 1, figures
    return figures.iloc[0]


# --- the seed article against its gold ----------------------------------------------------

# --- provenance and shape on every article ------------------------------------------------

@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_every_figure_quotes_its_span_inside_its_sentence(path):
    article = load_article(path)
    figures = extract_figures(article)
    assert list(figures.columns) == list(FIGURE_COLUMNS)
    assert check_provenance(figures, article).empty
    for row in figures.itertuples():
        assert row.number in row.quote
        assert row.measure in MEASURES
        bounds = [v for v in (row.low, row.best, row.high) if not pd.isna(v)]
        assert bounds == sorted(bounds)


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_no_year_or_date_becomes_a_figure_in_any_article(path):
    article = load_article(path)
    figures = extract_figures(article)
    quantities = find_quantities(article.text)
    not_counts = quantities[quantities["role"] != "count"]
    for row in not_counts.itertuples():
        inside = figures[(figures["start"] <= row.start) & (figures["end"] >= row.end)]
        assert not (inside["number"] == row.text).any(), row.text


def test_article_without_figures_gives_an_empty_frame_with_the_columns(tmp_path):
    figures = extract_figures(_article(tmp_path, "The ministers met in 2019 for two days."))
    assert figures.empty
    assert list(figures.columns) == list(FIGURE_COLUMNS)
    assert figures["start"].dtype == "int64"


# --- what a number counts -----------------------------------------------------------------

@pytest.mark.parametrize(
    ("body", "number", "measure"),
    [
        ("The war has killed around half a million people.", "around half a million", "killed"),
        ("Dozens of people were killed in the unrest.", "Dozens", "killed"),
        ("The conflict has displaced millions more.", "millions more", "displaced"),
        ("The storm has driven 300 people from their homes.", "300", "displaced"),
        ("There are 6.5 million refugees abroad.", "6.5 million", "refugees"),
        ("Police said 48 pilgrims who were kidnapped were freed.", "48", "detained"),
        ("The blast wounded at least 30 people.", "at least 30", "injured"),
        ("Officials said 1,200 people are missing.", "1,200", "missing"),
        ("A delegation of 40 people arrived.", "40", "other"),
        ("The attack left 12 Kenyans dead.", "12", "killed"),
        ("The death toll rose to 40,000 on Monday.", "40,000", "killed"),
        ("About 1.5 million Syrians have fled to Lebanon.", "About 1.5 million", "displaced"),
        ("Some 3.6 million fled the country.", "Some 3.6 million", "refugees"),
        ("At least 1,200 protesters were arrested.", "At least 1,200", "detained"),
    ],
)
def test_the_governing_word_gives_the_measure(tmp_path, body, number, measure):
    row = _one(tmp_path, body)
    assert (row["number"], row["measure"]) == (number, measure)
    assert row["unit"] == "people"


@pytest.mark.parametrize(
    "body",
    [
        "Hamas has launched thousands of rockets.",
        "He tried to bridge the divide between its two allies.",
        "Russia has been one of Syria's few allies.",
        "A 72-hour truce began in 2014 and aid worth $3 million arrived on March 5.",
    ],
)
def test_numbers_that_do_not_count_people_are_not_figures(tmp_path, body):
    assert extract_figures(_article(tmp_path, body)).empty


def test_refers_to_place_and_period_from_the_sentence(tmp_path):
    row = _one(
        tmp_path,
        "Aid arrived after a January 9 flood that killed hundreds in Kenya and Somalia.",
    )
    assert row["refers_to"] == "January 9 flood"
    assert row["event_class"] == "disaster"
    assert row["place"] == "Kenya and Somalia"
    assert row["period_start"] == "2020-01-09"  # the latest January 9 before publication


def test_period_start_from_since_a_year(tmp_path):
    row = _one(tmp_path, "The civil war has killed 10,000 people since it began in 2016.")
    assert (row["refers_to"], row["period_start"]) == ("civil war", "2016")


def test_the_quote_is_the_number_with_what_it_counts(tmp_path):
    row = _one(tmp_path, "Officials say the war has killed about 20,000 people, mostly civilians.")
    assert row["quote"] == "killed about 20,000 people"
    assert (row["low"], row["best"], row["high"]) == (18000, 20000, 22000)


def test_period_start_is_never_after_publication(tmp_path):
    """A weekday the date resolver sends forward cannot be the start of a count already made."""
    row = _one(tmp_path, "The death toll rose to 40,000 on Monday.")
    assert row["period_start"] == "" or row["period_start"] <= "2020-05-01"


def test_figures_link_to_the_actors_they_concern(seed_figures):
    """Places and demonyms in a figure's event, noun or place resolve to actor ids."""
    by_number = seed_figures.set_index("number")["actors"]
    assert by_number["tens of thousands"] == "turkey|syria"
    assert by_number["around half a million"] == "syria"
    gaza = extract_figures(load_article(ARTICLES_DIR / "voa-2014-08-06-gaza-truce-cairo-talks.txt"))
    assert gaza.set_index("number").loc["Sixty-seven", "actors"] == "israel"


# --- issue 12: numbers that were silently wrong, and the bound convention ------------------

@pytest.mark.parametrize(
    "separator",
    ["\u00a0", "\u202f", "\u2009", "\u200b"],
    ids=["nbsp", "narrow-nbsp", "thin", "zwsp"],
)
def test_a_number_written_with_a_unicode_group_separator_is_one_figure(tmp_path, separator):
    row = _one(tmp_path, f"The war has killed 10{separator}000 people.")
    assert (row["low"], row["best"], row["high"]) == (10000, 10000, 10000)
    assert row["number"] == f"10{separator}000"


@pytest.mark.parametrize(
    "mark", ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066",
             "\u2067", "\u2068", "\u2069"],
)
def test_bidi_controls_around_a_number_do_not_hide_it(tmp_path, mark):
    body = f"The war has killed {mark}2,000{mark} people."
    row = _one(tmp_path, body)
    assert (row["number"], row["best"], row["measure"]) == ("2,000", 2000, "killed")
    assert body[row["start"] : row["end"]] == row["quote"]


@pytest.mark.parametrize(
    "body",
    ["The storm killed -5 people.", "The storm killed \u22125 people.",
     "A thousand million billion trillion people were killed."],
)
def test_negative_counts_and_stacked_scale_words_are_not_figures(tmp_path, body):
    assert extract_figures(_article(tmp_path, body)).empty


def test_a_number_next_to_a_casualty_verb_or_people_noun_is_a_count_not_a_year(tmp_path):
    row = _one(tmp_path, "The fighting killed 1500 people last year.")
    assert (row["number"], row["best"]) == ("1500", 1500)


@pytest.mark.parametrize(
    ("body", "low", "best", "high", "bound"),
    [
        ("Between 20 and 30 people were killed.", 20, None, 30, "closed"),
        ("More than 30 people were killed.", 30, 30, None, "open"),
        ("Fewer than 50 people were killed.", None, None, 50, "open"),
        ("No more than 50 people were killed.", None, None, 50, "closed"),
        ("At least 30 people were killed.", 30, 30, None, "closed"),
    ],
)
def test_ranges_floors_and_ceilings_state_their_bound(tmp_path, body, low, best, high, bound):
    row = _one(tmp_path, body)
    got = tuple(None if pd.isna(row[c]) else int(row[c]) for c in ("low", "best", "high"))
    assert got == (low, best, high)
    assert row["bound"] == bound
