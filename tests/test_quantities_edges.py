"""The quantity grammar at its edges: number words, ranges sharing a scale, fractions, signs,
"more", the role of a number (year, date, pronoun, count) and the vagueness table.

Tables of invented news phrases with the reading a careful reader gives them, written from the
documented conventions (``data/lexicons/quantities.csv``, the module docstring).
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from analysis.quantities import describe_phrases, find_quantities, parse_quantity


def _reading(phrase: str):
    q = parse_quantity(phrase)
    return None if q is None else (q.value, q.low, q.best, q.high, q.qualifier, q.kind)


# --------------------------------------------------------------------------- number words


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("two hundred five", 205),
        ("a hundred and five", 105),
        ("a hundred twenty", 120),
        ("one thousand twenty", 1020),
        ("two thousand and five", 2005),
        ("two dozen", 24),
        ("eleven dozen", 132),
        ("twenty dozen", 240),
        ("a thousand million", 1_000_000_000),
        # headlinese drops the article: "Dozen killed", "Hundred thousand flee"
        ("dozen", 12),
        ("hundred", 100),
        ("hundred thousand", 100_000),
    ],
)
def test_number_words_read_as_the_number_they_spell(phrase, value):
    assert _reading(phrase) == (value, value, value, value, "none", "words")


@pytest.mark.parametrize(
    "phrase",
    [
        "one one",
        "one hundred hundred",
        "two hundred hundred",
        "three thousand two thousand",
        "three thousand three thousand",
        "a thousand million two million",
        "two hundred and million",
    ],
)
def test_ill_formed_number_words_are_not_a_quantity(phrase):
    assert parse_quantity(phrase) is None


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("6,800", "numeral"),
        ("1.5m", "numeral"),
        ("eleven", "words"),
        ("dozens", "vague"),
        ("tens of thousands", "vague"),
        ("half a million", "fraction"),
        ("one-third of 900", "fraction"),
        ("20-30", "range"),
    ],
)
def test_each_phrase_says_how_its_number_was_written(phrase, kind):
    assert parse_quantity(phrase).kind == kind


# --------------------------------------------------------------------------- fractions, signs


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("one-third of 900", 300),
        ("a third of 900", 300),
        ("three-quarters of 1,000", 750),
        ("one quarter of the 800", 200),
        ("half of 2000", 1000),
    ],
)
def test_a_fraction_of_a_number_is_that_share_of_it(phrase, value):
    assert _reading(phrase) == (value, value, value, value, "none", "fraction")


def test_a_signed_number_keeps_its_sign_and_is_not_a_count():
    assert parse_quantity("-5").value == Decimal(-5)
    found = find_quantities("The temperature fell to -5 overnight.")
    assert list(found["text"]) == ["-5"]
    assert found["role"].iloc[0] == "negative"
    assert found["value"].iloc[0] == -5


# --------------------------------------------------------------------------- ranges


@pytest.mark.parametrize(
    ("phrase", "low", "high"),
    [
        ("two to three hundred", 200, 300),  # "hundred" belongs to both ends
        ("between 2 and 3 million", 2_000_000, 3_000_000),
        ("from 2 to 2.5 million", 2_000_000, 2_500_000),
        ("from 5 to 2,000", 5, 2000),  # no scale word: each end as written
    ],
)
def test_a_range_shares_a_scale_word_written_once(phrase, low, high):
    assert _reading(phrase) == (low, low, None, high, "range", "range")


@pytest.mark.parametrize(
    "phrase",
    [
        "around 20-30",  # no convention says what a qualified range means
        "between twenty twenty and thirty",  # one end is not a number
        "30-20",  # ends before it starts: a score, not a range
    ],
)
def test_ranges_that_cannot_be_read_are_refused(phrase):
    assert parse_quantity(phrase) is None


# --------------------------------------------------------------------------- "more"


@pytest.mark.parametrize(
    ("phrase", "qualifier", "low", "high"),
    [
        ("50 more", "additional", 50, 50),
        ("around 500 more", "around, additional", 450, 550),
        ("thousands more", "additional", 2000, 9999),
    ],
)
def test_more_after_a_number_means_additional_and_keeps_the_range(phrase, qualifier, low, high):
    q = parse_quantity(phrase)
    assert q.qualifier == qualifier
    assert (q.low, q.high) == (low, high)


# --------------------------------------------------------------------------- roles


@pytest.mark.parametrize(
    ("text", "number", "role"),
    [
        ("On 1 March the talks resumed.", "1", "date"),
        ("31 January was the deadline.", "31", "date"),
        ("By March 32 had fled.", "32", "count"),  # no 32nd of March: a count after a month
        ("The 1500 deadline passed.", "1500", "year"),
        ("The 2199 deadline passed.", "2199", "year"),
        ("2200 rounds were fired.", "2200", "count"),
        ("Nearly 1600 were killed.", "Nearly 1600", "count"),
        ("Two-thirds of 1800 were hurt.", "Two-thirds of 1800", "count"),
        ("The toll rose from 900 to 1800.", "from 900 to 1800", "count"),
        ("The toll rose from 1990 to 2011 levels.", "from 1990 to 2011", "year"),
        ("Each one was counted.", "one", "pronoun"),
        ("Every one was counted.", "one", "pronoun"),
        ("Any one could go.", "one", "pronoun"),
        ("This one was hit.", "one", "pronoun"),
        ("That one was hit.", "one", "pronoun"),
        ("The one that was hit.", "one", "pronoun"),
        ("One was hit.", "One", "count"),
    ],
)
def test_the_role_of_a_number_in_its_sentence(text, number, role):
    found = find_quantities(text)
    assert list(found["text"]) == [number]
    assert found["role"].iloc[0] == role


# --------------------------------------------------------------------------- describe_phrases


def test_describe_phrases_gives_every_column_for_every_phrase_in_order():
    table = describe_phrases(["around 7", "Kremlin", "around 5", "tens of thousands"])
    assert list(table["phrase"]) == ["around 7", "Kremlin", "around 5", "tens of thousands"]
    rows = table.set_index("phrase")
    # around X is 0.9X..1.1X: 6.3..7.7 in whole people is 6..8, spread 8 / 6 to two places
    assert rows.loc["around 7", ["low", "best", "high"]].tolist() == [6, 7, 8]
    assert rows.loc["around 7", "spread"] == pytest.approx(1.33, abs=1e-9)
    assert rows.loc["around 5", ["low", "best", "high"]].tolist() == [4, 5, 6]
    assert (rows.loc["around 5", "bound"], rows.loc["around 5", "qualifier"]) == (
        "closed", "around",
    )
    assert rows.loc["tens of thousands", ["low", "high"]].tolist() == [20_000, 99_999]
    assert pd.isna(rows.loc["tens of thousands", "best"])
    assert rows.loc["Kremlin", "qualifier"] == "not a quantity"
    assert rows.loc["Kremlin", ["low", "best", "high", "spread"]].isna().all()
    # whole people: low rounded down, high up, the best reading to the nearest (half to even)
    halves = describe_phrases(["half of 5", "half of 7"]).set_index("phrase")
    assert halves.loc["half of 5", ["low", "best", "high"]].tolist() == [2, 2, 3]
    assert halves.loc["half of 7", ["low", "best", "high"]].tolist() == [3, 4, 4]
    # whole numbers stay whole, missing values stay missing (nullable columns)
    assert [str(table[c].dtype) for c in ("low", "best", "high", "spread")] == [
        "Int64", "Int64", "Int64", "Float64",
    ]
