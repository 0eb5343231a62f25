"""The quantity grammar: number phrases -> low / best / high ranges, and what is not a count."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.quantities import (
    _apply,
    conventions,
    describe_phrases,
    find_quantities,
    parse_quantity,
    read_lexicon,
)


def _cell(value: str) -> Decimal | None:
    return Decimal(value) if value.strip() else None


def _rows():
    table = conventions()
    return [pytest.param(row, id=f"{row.kind}:{row.phrase}") for row in table.itertuples()]


@pytest.mark.parametrize("row", _rows())
def test_every_convention_row_parses_its_example_to_its_stated_range(row):
    quantity = parse_quantity(row.example)
    assert quantity is not None, row.example
    assert quantity.low == _cell(row.example_low)
    assert quantity.best == _cell(row.example_best)
    assert quantity.high == _cell(row.example_high)
    assert row.qualifier in quantity.qualifier.split(", ")
    assert quantity.bound == row.bound


@pytest.mark.parametrize("row", _rows())
def test_every_phrase_variant_of_a_convention_gives_the_same_range(row):
    """Each "|" variant ("around", "about", "some") behaves like the row's example."""
    example = parse_quantity(row.example)
    first = row.phrase.split("|")[0]
    for variant in row.phrase.split("|"):
        if row.kind == "range":  # the variants are templates in X and Y
            phrase = variant.replace("X", "20").replace("Y", "30")
        else:
            phrase = row.example.replace(first, variant, 1)
        quantity = parse_quantity(phrase)
        assert quantity is not None, phrase
        assert (quantity.low, quantity.best, quantity.high) == (
            example.low, example.best, example.high,
        ), phrase


def test_qualifier_formulas_scale_with_x():
    """A qualifier row is a formula in X, so it must hold for other numbers too."""
    assert (parse_quantity("around 20,000").low, parse_quantity("around 20,000").high) == (
        18000, 22000,
    )
    assert parse_quantity("nearly 500").low == 450
    fewer = parse_quantity("fewer than 12")
    assert (fewer.high, fewer.bound) == (12, "open")  # the bound convention: X as written, open


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("6,800", 6800),
        ("6.8 million", 6_800_000),
        ("1.5m", 1_500_000),
        ("300K", 300_000),
        ("2bn", 2_000_000_000),
        ("eleven", 11),
        ("Sixty-seven", 67),
        ("a hundred and twenty", 120),
        ("a dozen", 12),
        ("half a million", 500_000),
        ("a quarter of a million", 250_000),
        ("two-thirds of 900", 600),
        ("one million", 1_000_000),
    ],
)
def test_numerals_and_number_words_read_exactly(phrase, value):
    quantity = parse_quantity(phrase)
    assert quantity.value == value
    assert quantity.low == quantity.best == quantity.high == value
    assert quantity.qualifier == "none"


def test_vague_quantity_has_a_range_but_no_point_value():
    quantity = parse_quantity("hundreds of thousands")
    assert (quantity.low, quantity.best, quantity.high) == (200_000, None, 999_999)


def test_millions_more_means_additional_people_not_more_than():
    more = parse_quantity("millions more")
    assert more.qualifier == "additional"
    plain = parse_quantity("millions")
    assert (more.low, more.best, more.high) == (plain.low, plain.best, plain.high)


def test_a_floor_qualifier_opens_the_ceiling_of_a_vague_word():
    quantity = parse_quantity("more than tens of thousands")
    assert (quantity.low, quantity.high) == (20_000, None)


def test_not_a_quantity_gives_none():
    assert parse_quantity("the Kremlin") is None
    assert parse_quantity("") is None


@pytest.mark.parametrize(
    ("text", "number", "role"),
    [
        ("since it started in 2011 with", "2011", "year"),
        ("intervened in 2015 by", "2015", "year"),
        ("after a February 6 earthquake", "6", "date"),
        ("on 6 February the", "6", "date"),
        ("a 72-hour cease-fire", "72", "duration"),
        ("Eighteen months of fighting", "Eighteen", "duration"),
        ("a 12-year-old boy", "12", "age"),
        ("aged 12 was", "12", "age"),
        ("US$3.7bn in damage", "3.7bn", "money"),
        ("rose 7 percent", "7", "percent"),
        ("a 7.8 magnitude quake", "7.8", "magnitude"),
        ("one of Syria's few allies", "one", "pronoun"),
        ("no one was hurt", "one", "pronoun"),
        ("some 40 km away", "some 40", "measurement"),
    ],
)
def test_years_dates_durations_ages_and_money_are_not_counts(text, number, role):
    found = find_quantities(text)
    assert list(found["text"]) == [number]
    assert found["role"].iloc[0] == role
    assert found[["low", "best", "high"]].isna().all(axis=None)


def test_times_and_fragments_of_other_tokens_are_not_read_as_numbers():
    assert find_quantities("at 04:17 local time, the F-16 and G20 and 1990s").empty


def test_offsets_point_at_the_phrase():
    text = "The war has killed around half a million people."
    found = find_quantities(text, offset=100)
    row = found.iloc[0]
    assert text[row["start"] - 100 : row["end"] - 100] == "around half a million"


def test_text_without_numbers_gives_an_empty_frame_with_the_columns():
    found = find_quantities("No figures here at all.")
    assert found.empty
    assert list(found.columns) == [
        "start", "end", "text", "value", "low", "best", "high", "bound", "qualifier", "kind",
        "role",
    ]


def test_lexicon_reader_keeps_hash_inside_values_and_drops_header_lines():
    table = read_lexicon("quantities.csv")
    assert not table["kind"].str.startswith("#").any()
    assert set(table["kind"]) == {"vague", "qualifier", "postfix", "range", "additional"}
    assert set(table["bound"]) <= {"closed", "open"}


# --- properties ---------------------------------------------------------------------------

@settings(max_examples=max(300, settings.default.max_examples), deadline=None)
@given(st.text(max_size=200))
def test_never_raises_and_ranges_are_ordered_on_arbitrary_text(text):
    found = find_quantities(text)
    for row in found.itertuples():
        assert text[row.start : row.end] == row.text
        bounds = [v for v in (row.low, row.best, row.high) if not pd.isna(v)]
        assert bounds == sorted(bounds)


_WORDS = st.sampled_from(
    ["around", "more than", "nearly", "up to", "fewer than", "at least", "some", "half a",
     "tens of", "thousands", "millions", "dozens", "more", "people", "killed", "2011", "6,800",
     "1.5m", "300K", "eleven", "sixty-seven", "of", "a", "million", "in", "February", "6", "-",
     ",", ".", "two-thirds", "hundred", "and"]
)


@settings(max_examples=max(300, settings.default.max_examples), deadline=None)
@given(st.lists(_WORDS, max_size=12))
def test_ranges_are_ordered_on_quantity_like_word_salad(words):
    text = " ".join(words)
    for row in find_quantities(text).itertuples():
        bounds = [v for v in (row.low, row.best, row.high) if not pd.isna(v)]
        assert bounds == sorted(bounds), row.text


@given(st.integers(min_value=0, max_value=10**12))
def test_thousands_separators_round_trip(n):
    quantity = parse_quantity(f"{n:,}")
    assert quantity.value == n
    found = find_quantities(f"killed {n:,} people")
    if found["role"].iloc[0] == "count":
        assert found["best"].iloc[0] == n


@given(
    st.decimals(min_value=Decimal("0.1"), max_value=Decimal("999.9"), places=1),
    st.sampled_from([("million", 10**6), ("m", 10**6), ("billion", 10**9), ("bn", 10**9),
                     ("thousand", 1000), ("K", 1000)]),
)
def test_decimals_with_a_scale_round_trip_exactly(number, scale):
    word, factor = scale
    space = " " if len(word) > 2 else ""
    quantity = parse_quantity(f"{number}{space}{word}")
    assert quantity.value == number * factor


def test_describe_phrases_measures_vagueness_and_tolerates_non_quantities():
    table = describe_phrases(["half a million", "tens of thousands", "more than 1,800", "Kremlin"])
    spread = dict(zip(table["phrase"], table["spread"], strict=True))
    assert spread["half a million"] == 1.0
    assert spread["tens of thousands"] == pytest.approx(5.0, abs=0.01)
    assert pd.isna(spread["more than 1,800"])
    assert table.loc[3, "qualifier"] == "not a quantity"


def test_digit_strings_too_long_to_be_counts_are_skipped_not_crashed_on():
    assert find_quantities("serial 9223372036854775808 and 20000000000000000000").empty
    assert list(find_quantities("1,000,000,000 people")["best"]) == [10**9]


@settings(max_examples=max(400, settings.default.max_examples), deadline=None)
@given(st.text(alphabet="0123456789,. -kmbnKM$%aboutver", max_size=60))
def test_never_raises_on_digit_heavy_text(text):
    found = find_quantities(text)
    for row in found.itertuples():
        assert text[row.start : row.end] == row.text
        bounds = [v for v in (row.low, row.best, row.high) if not pd.isna(v)]
        assert bounds == sorted(bounds)


# --- convention formulas, range ends and the size limit, at their edges -----------------------


@pytest.mark.parametrize(
    ("formula", "x", "expected"),
    [
        ("X", "40", Decimal(40)),
        ("0.9X", "1000", Decimal(900)),
        ("1.1X", "10", Decimal(11)),
        ("X-1", "50", Decimal(49)),  # "fewer than 50": the largest whole number below
        ("X+1", "50", Decimal(51)),
        ("2X+3", "5", Decimal(13)),
        ("7", "50", Decimal(7)),  # a plain number ignores X
        ("  ", "50", None),  # an empty cell is an open end
    ],
)
def test_convention_formulas_are_evaluated_in_x(formula, x, expected):
    assert _apply(formula, Decimal(x)) == expected


@pytest.mark.parametrize(
    ("phrase", "low", "high"),
    [
        ("2 to 3 million", 2_000_000, 3_000_000),  # the scale belongs to both ends
        ("1 million to 2 million", 1_000_000, 2_000_000),
        ("900 to 1 million", 900, 1_000_000),  # 900 million would end after it starts
        ("20-30", 20, 30),
        ("20 to 20", 20, 20),  # ends equal: still a range, it does not end before it starts
    ],
)
def test_ranges_keep_both_ends_and_their_kind(phrase, low, high):
    quantity = parse_quantity(phrase)
    assert (quantity.value, quantity.low, quantity.best, quantity.high) == (low, low, None, high)
    assert quantity.kind == "range"


def test_values_up_to_the_largest_count_are_kept_and_larger_ones_refused():
    assert parse_quantity("1,000,000,000,000,000").value == 10**15
    assert parse_quantity("1,000,000,000,000,001") is None
    assert parse_quantity("Kremlin") is None
