"""Date resolution at its edges: leap days, days a month lacks, open intervals, the calendar's
ends, and the reasoning (``how``/``note``) a reader is shown for each.

Tables of invented news phrases with the reading a careful reader gives them, written from the
documented rules of ``analysis/dates.py`` (past and unknown clauses look back, future clauses
look ahead, "since X" always looks back, a date that cannot exist is widened with a note).
"""

from __future__ import annotations

from datetime import date

import pytest

from analysis.clauses import Tense
from analysis.dates import DateExpression, find_date_expressions, resolve, resolve_phrase

WEDNESDAY = date(2023, 3, 15)


@pytest.mark.parametrize(
    ("phrase", "published", "expected"),
    [
        # a leap day without a year: the nearest leap year in the clause's direction
        ("They met on Feb. 29", date(2023, 3, 1), "2020-02-29"),
        ("The envoys will meet on Feb. 29", date(2023, 3, 1), "2024-02-29"),
        ("The envoys will meet on Feb. 29", date(2022, 3, 1), "2024-02-29"),
        ("The envoys will meet on Feb. 29", date(2021, 3, 1), "2024-02-29"),
        ("They met on Feb. 29", date(2022, 1, 10), "2020-02-29"),
        ("They met on Feb. 29", date(2024, 3, 1), "2024-02-29"),
    ],
)
def test_a_leap_day_without_a_year_takes_the_nearest_leap_year(phrase, published, expected):
    resolved = resolve_phrase(phrase, published)
    assert (resolved.date, resolved.precision) == (expected, "day")
    assert resolved.note == ""


@pytest.mark.parametrize(
    ("phrase", "published", "month", "last_day"),
    [
        ("They met on February 30, 2023", WEDNESDAY, "2023-02", "2023-02-28"),
        ("They met on Feb. 30", WEDNESDAY, "2023-02", "2023-02-28"),
        ("The envoys will meet on April 31", WEDNESDAY, "2023-04", "2023-04-30"),
        ("They met on 31 June 2022", WEDNESDAY, "2022-06", "2022-06-30"),
    ],
)
def test_a_day_the_month_lacks_is_widened_to_the_month_with_a_note(phrase, published, month,
                                                                     last_day):
    resolved = resolve_phrase(phrase, published)
    assert (resolved.date, resolved.precision) == (month, "month")
    assert (resolved.date_start, resolved.date_end) == (f"{month}-01", last_day)
    assert "does not exist" in resolved.note and "widened to the month" in resolved.note
    # how still says what was read: the date as written, or the year chosen for it
    assert "day, month and year" in resolved.how or "has no year" in resolved.how


def test_the_calendar_ends_give_a_widened_month_or_a_note_never_an_error():
    # no leap day before 0002-03-01 in the calendar: February of year 1, widened
    early = resolve_phrase("They met on Feb. 29", date(2, 3, 1))
    assert (early.date, early.precision) == ("0001-02", "month")
    assert "does not exist" in early.note
    # the same ahead of 9998-03-01: February 9999 (not a leap year), widened
    late = resolve_phrase("The envoys will meet on Feb. 29", date(9998, 3, 1))
    assert (late.date, late.precision) == ("9999-02", "month")
    assert "does not exist" in late.note
    # beyond the calendar: an empty resolution whose note says why
    outside = resolve_phrase("The talks resumed yesterday", date(1, 1, 1))
    assert outside.date == "" and outside.precision == ""
    assert "outside the calendar" in outside.note and "yesterday" in outside.note


# --------------------------------------------------------------------------- how it reads


@pytest.mark.parametrize(
    ("phrase", "words"),
    [
        ("The ministers are meeting in March", "present clause ('are')"),
        ("The ministers met in March", "past clause ('met')"),
        ("The ministers will meet in March", "future clause ('will')"),
    ],
)
def test_how_names_the_tense_that_chose_the_year(phrase, words):
    resolved = resolve_phrase(phrase, WEDNESDAY)
    assert words in resolved.how


def test_a_relative_day_is_counted_from_the_named_publication_day():
    resolved = resolve_phrase("The talks resumed yesterday", WEDNESDAY)
    assert resolved.date == "2023-03-14"
    assert "(Wednesday 2023-03-15)" in resolved.how


@pytest.mark.parametrize(
    ("phrase", "expected", "precision"),
    [
        ("They met three days ago", "2023-03-12", "day"),
        ("They met last week", "2023-W10", "week"),
        ("The envoys meet this month", "2023-03", "month"),
        ("They met last year", "2022", "year"),
    ],
)
def test_a_count_of_units_names_the_publication_it_is_counted_from(phrase, expected, precision):
    resolved = resolve_phrase(phrase, WEDNESDAY)
    assert (resolved.date, resolved.precision) == (expected, precision)
    assert "counted from publication (2023-03-15)" in resolved.how


def test_a_relative_week_says_it_is_a_calendar_week():
    resolved = resolve_phrase("They agreed to meet next week", WEDNESDAY)
    assert (resolved.date_start, resolved.date_end) == ("2023-03-20", "2023-03-26")
    assert "Monday to Sunday" in resolved.how


def test_the_publication_weekday_is_the_publication_day_and_how_says_so():
    resolved = resolve_phrase("They met on Wednesday", WEDNESDAY)
    assert resolved.date == "2023-03-15"
    assert "publication day itself" in resolved.how


def test_around_a_day_widens_it_and_how_says_by_how_much():
    resolved = resolve_phrase("They met around the 10th", WEDNESDAY)
    assert resolved.date == "2023-03-10"
    assert (resolved.date_start, resolved.date_end) == ("2023-03-08", "2023-03-12")
    assert "'around' widens it to 2 days either side" in resolved.how


# --------------------------------------------------------------------------- durations


@pytest.mark.parametrize(
    "phrase",
    ["It rained for the first time in two weeks", "The front lines have not moved in 3 months"],
)
def test_in_n_units_in_a_past_or_present_clause_is_a_duration(phrase):
    resolved = resolve_phrase(phrase, WEDNESDAY)
    assert resolved.is_date is False
    assert resolved.date == ""
    assert "duration" in resolved.how and "duration" in resolved.note


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("The envoys will return in 3 days", "2023-03-18"),
        ("The envoys will return in two weeks", "2023-03-27"),  # that calendar week's Monday
    ],
)
def test_in_n_units_in_a_future_clause_is_a_date_ahead(phrase, expected):
    resolved = resolve_phrase(phrase, WEDNESDAY)
    assert resolved.is_date is True
    assert resolved.date_start == expected


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("next week", "past", "2023-W12"),  # "they said they would meet next week"
        ("next month", "present", "2023-04"),
        ("next year", "past", "2024"),
    ],
)
def test_next_unit_stays_a_date_whatever_the_clause_tense(text, tense, expected):
    expr = find_date_expressions(text)[0]
    resolved = resolve(expr, WEDNESDAY, Tense(tense, "said", "in clause"))
    assert resolved.is_date is True
    assert resolved.date == expected


# --------------------------------------------------------------------------- open intervals


def test_since_in_a_future_clause_still_looks_back_and_how_says_why():
    resolved = resolve_phrase("He will stay since March", WEDNESDAY)
    assert (resolved.date, resolved.date_end) == ("2023-03", "2023-03-15")
    assert "past clause ('since')" in resolved.how


def test_since_the_publication_day_runs_to_publication():
    """A "since" date on the publication day itself does not lie ahead: the interval is
    closed at publication (one day), not left open."""
    resolved = resolve_phrase("Fighting has raged since Wednesday", WEDNESDAY)
    assert (resolved.date_start, resolved.date_end) == ("2023-03-15", "2023-03-15")
    assert "runs from it to publication (2023-03-15)" in resolved.how


@pytest.mark.parametrize(
    ("phrase", "start"),
    [
        ("Talks will run from next week", "2023-03-20"),
        ("Aid will flow after May 2024", "2024-05-01"),
    ],
)
def test_an_interval_from_a_date_ahead_is_open(phrase, start):
    resolved = resolve_phrase(phrase, WEDNESDAY)
    assert (resolved.date_start, resolved.date_end) == (start, "")
    assert "open interval from it (it lies ahead)" in resolved.how


def test_without_a_publication_date_an_interval_from_a_year_is_open_with_a_note():
    resolved = resolve_phrase("Fighting has raged since 2019", None)
    assert (resolved.date, resolved.date_start, resolved.date_end) == ("2019", "2019-01-01", "")
    assert resolved.precision == "year"
    assert "open interval from it" in resolved.how
    assert "no publication date" in resolved.note


@pytest.mark.parametrize(
    ("phrase", "end"),
    [
        ("Fighting has raged since February 30, 2021", "2023-03-15"),  # runs to publication
        ("Aid will flow after February 30, 2024", ""),  # lies ahead: open
    ],
)
def test_a_widened_date_keeps_its_note_inside_an_interval(phrase, end):
    resolved = resolve_phrase(phrase, WEDNESDAY)
    assert resolved.precision == "month" and resolved.date_end == end
    assert "does not exist" in resolved.note


# --------------------------------------------------------------------------- never an error


def test_an_expression_of_an_unknown_kind_is_reported_not_resolved():
    resolved = resolve(DateExpression(0, 6, "spring", "season"), WEDNESDAY)
    assert resolved.date == ""
    assert "'spring' not understood" in resolved.note


def test_a_relative_expression_in_an_unknown_unit_is_reported_not_resolved():
    expr = DateExpression(0, 14, "in a fortnight", "relative", unit="fortnight", amount=1,
                          direction=1)
    resolved = resolve(expr, WEDNESDAY, Tense("future", "will"))
    assert resolved.date == ""
    assert "fortnight" in resolved.note and "not understood" in resolved.note
