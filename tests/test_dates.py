"""Date resolution: tense-aware weekdays and months, precision, intervals, unresolved cases."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.article import load_article
from analysis.dates import (
    DATE_COLUMNS,
    clause_tense,
    extract_dates,
    find_date_expressions,
    interval,
    resolve_phrase,
)
from analysis.paths import ARTICLES_DIR, SEED_ARTICLE
from analysis.provenance import check_provenance

TUESDAY = date(2023, 3, 14)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Putin to hold talks with the president on Wednesday", "2023-03-15"),
        ("the leaders will hold talks on Wednesday, the office said", "2023-03-15"),
        ("the ministry said in a statement on Tuesday", "2023-03-14"),
        ("Media reports on Tuesday said the ties would be among the topics", "2023-03-14"),
        ("the surprise announcement on Friday of a deal", "2023-03-10"),
        ("the envoy will travel on Friday", "2023-03-17"),
        ("the envoy met the rebels on Monday", "2023-03-13"),
        ("they will meet on Tuesday", "2023-03-14"),
        ("last Tuesday the delegation left", "2023-03-07"),
        ("the summit is next Friday", "2023-03-17"),
    ],
)
def test_weekdays_follow_the_tense_of_their_clause(phrase: str, expected: str) -> None:
    res = resolve_phrase(phrase, TUESDAY)
    assert (res.date, res.precision) == (expected, "day")
    assert res.date_start == res.date_end == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("In December the defence ministers met in the capital", "2022-12"),
        ("The president had in January said the talks should go on", "2023-01"),
        ("the ministers will meet in December", "2023-12"),
        ("the ministers will meet in January", "2024-01"),
        ("the ministers met in March", "2023-03"),
        ("the ministers will meet in March", "2023-03"),
    ],
)
def test_months_without_a_year_go_back_for_past_and_forward_for_future(
    phrase: str, expected: str
) -> None:
    res = resolve_phrase(phrase, TUESDAY)
    assert (res.date, res.precision) == (expected, "month")


def test_month_interval_covers_the_whole_month() -> None:
    res = resolve_phrase("they met in February", TUESDAY)
    assert (res.date_start, res.date_end) == ("2023-02-01", "2023-02-28")


def test_early_and_late_narrow_the_interval_but_keep_month_precision() -> None:
    early = resolve_phrase("they met in early December", TUESDAY)
    late = resolve_phrase("they met in late December", TUESDAY)
    assert early.precision == late.precision == "month"
    assert (early.date_start, early.date_end) == ("2022-12-01", "2022-12-10")
    assert (late.date_start, late.date_end) == ("2022-12-21", "2022-12-31")


@pytest.mark.parametrize(
    ("phrase", "date_", "precision", "start", "end"),
    [
        ("after a February 6 earthquake that killed thousands", "2023-02-06", "day", None, None),
        ("the visit in September 2021", "2021-09", "month", "2021-09-01", "2021-09-30"),
        ("which intervened in 2015", "2015", "year", "2015-01-01", "2015-12-31"),
        ("the war began on March 15, 2011", "2011-03-15", "day", None, None),
        ("the war began on 15 March 2011", "2011-03-15", "day", None, None),
        ("he left yesterday", "2023-03-13", "day", None, None),
        ("he leaves today", "2023-03-14", "day", None, None),
        ("the conference planned for next month", "2023-04", "month", "2023-04-01", "2023-04-30"),
        ("the plan agreed last year", "2022", "year", "2022-01-01", "2022-12-31"),
        ("the talks last week", "2023-W10", "week", "2023-03-06", "2023-03-12"),
        ("he was appointed two weeks ago", "2023-W09", "week", "2023-02-27", "2023-03-05"),
    ],
)
def test_absolute_and_relative_expressions(phrase, date_, precision, start, end) -> None:
    res = resolve_phrase(phrase, TUESDAY)
    assert (res.date, res.precision) == (date_, precision)
    if start:
        assert (res.date_start, res.date_end) == (start, end)


def test_since_runs_from_the_anchor_to_publication() -> None:
    res = resolve_phrase("He has not visited the capital since September 2021", TUESDAY)
    assert (res.date, res.precision) == ("2021-09", "month")
    assert (res.date_start, res.date_end) == ("2021-09-01", "2023-03-14")
    assert "since" in res.how


def test_without_publication_date_relative_dates_stay_unresolved() -> None:
    for phrase in ("will hold talks on Wednesday", "met In December", "met last week"):
        res = resolve_phrase(phrase, None)
        assert res.date == res.precision == res.date_start == res.date_end == ""
        assert "publication date" in res.note
    absolute = resolve_phrase("intervened in 2015", None)
    assert absolute.date == "2015"


def test_impossible_day_is_widened_to_the_month_with_a_note() -> None:
    res = resolve_phrase("the talks on February 30, 2023", TUESDAY)
    assert (res.date, res.precision) == ("2023-02", "month")
    assert "does not exist" in res.note


def test_modal_may_and_counts_are_not_dates() -> None:
    assert find_date_expressions("Talks may resume and killed 2000 people") == []
    assert [e.text for e in find_date_expressions("a deal in May")] == ["May"]


def test_tense_cue_before_the_date_wins_over_a_reporting_verb_after_it() -> None:
    sentence = "The leader will hold talks in the capital on Wednesday, the office said."
    start = sentence.index("Wednesday")
    tense = clause_tense(sentence, start, start + len("Wednesday"))
    assert (tense.tense, tense.cue) == ("future", "will")


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]),
    st.sampled_from(["will meet on", "met on"]),
)
def test_weekdays_land_within_six_days_on_the_right_side(published, weekday, verb) -> None:
    res = resolve_phrase(f"the leaders {verb} {weekday}", published)
    resolved = date.fromisoformat(res.date)
    assert resolved.strftime("%A") == weekday
    assert abs(resolved - published) <= timedelta(days=6)
    if verb.startswith("will"):
        assert resolved >= published
    else:
        assert resolved <= published


def test_seed_article_dates_resolve_as_a_reader_would() -> None:
    article = load_article(SEED_ARTICLE)
    frame = extract_dates(article)
    assert list(frame.columns) == list(DATE_COLUMNS)
    assert check_provenance(frame, article).empty
    december = article.sentence_at(article.find("In December")[0])
    row = frame[(frame["sentence_id"] == december) & (frame["quote"] == "December")]
    assert (row["date"].iloc[0], row["precision"].iloc[0]) == ("2022-12", "month")
    assert "2023-03-15" in set(frame["date"])
    assert "2023-03-10" in set(frame["date"])
    assert {"2011", "2015", "2023-02-06", "2023-01", "2021-09"} <= set(frame["date"])
    assert (frame["how"] != "").all()


def test_every_example_article_keeps_provenance_and_resolves_every_date() -> None:
    for path in sorted(ARTICLES_DIR.glob("*.txt")):
        article = load_article(path)
        frame = extract_dates(article)
        assert check_provenance(frame, article).empty, path.name
        assert (frame["date"] != "").all(), path.name


def test_unpublished_article_reports_relative_dates_unresolved(tmp_path) -> None:
    text = "Leaders to meet on Wednesday\n\nThe leaders met in December and in 2015.\n"
    path = tmp_path / "undated.txt"
    path.write_text(text, encoding="utf-8")
    frame = extract_dates(load_article(path))
    by_quote = frame.set_index("quote")
    assert by_quote.loc["Wednesday", "date"] == ""
    assert by_quote.loc["December", "date"] == ""
    assert by_quote.loc["2015", "date"] == "2015"
    given_date = extract_dates(load_article(path, published="2023-03-14"))
    assert given_date.set_index("quote").loc["Wednesday", "date"] == "2023-03-15"


def test_calendar_names_are_full_names_in_calendar_order() -> None:
    from analysis.dates import calendar_names

    months, weekdays = calendar_names("month"), calendar_names("weekday")
    assert len(months) == 12 and len(weekdays) == 7
    assert (months[0], months[8], months[11]) == ("January", "September", "December")
    assert [weekdays[d.weekday()] for d in (TUESDAY, TUESDAY + timedelta(days=5))] == [
        "Tuesday", "Sunday",
    ]


# --- intervals never end before they start --------------------------------------------------

_RELATIONS = st.sampled_from(["", "since ", "from ", "after ", "until ", "by ", "before "])
_EXPRESSIONS = st.sampled_from(
    [
        "Monday", "next Friday", "last Sunday", "this Thursday", "June", "early March",
        "mid-June", "late February", "Sept. 5", "Feb. 29", "5 June", "the 31st", "the 1st",
        "around the 28th", "the last week of July", "the first week of February",
        "June of 1992", "late 2019", "early 2020", "March 15, 2011", "February 30, 2023",
        "yesterday", "the day after tomorrow", "the day before yesterday", "last week",
        "the following week", "next month", "last year", "three days ago", "two weeks ago",
        "six months ago", "in two weeks", "in 10 days", "in three months", "in two years",
        "2015", "Jan. 2020",
    ]
)


@settings(max_examples=max(500, settings.default.max_examples))
@given(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    _RELATIONS,
    _EXPRESSIONS,
    st.sampled_from(["past", "future", "present", "unknown"]),
)
def test_an_interval_never_ends_before_it_starts(published, relation, expression, tense) -> None:
    """Whatever the relation, tense and publication day (calendar edges included), a resolved
    interval runs forward, and nothing raises."""
    from analysis.dates import Tense, resolve

    text = f"they {relation}{expression}" if expression.startswith(("the ", "in ")) else (
        f"they met {relation}{expression}"
    )
    for expr in find_date_expressions(text):
        res = resolve(expr, published, Tense(tense))
        if res.date_start and res.date_end:
            assert res.date_start <= res.date_end, (text, res)
        if res.date:
            assert res.precision and res.date_start, (text, res)


# --- interval of an ISO date at its precision; the "how" explanation names tense and cue -----


@pytest.mark.parametrize(
    ("iso", "precision", "expected"),
    [
        ("2023-03-14", "day", ("2023-03-14", "2023-03-14")),
        ("2023", "year", ("2023-01-01", "2023-12-31")),
        ("2024-02", "month", ("2024-02-01", "2024-02-29")),  # leap year
        ("2023-02", "month", ("2023-02-01", "2023-02-28")),
        ("2024-W01", "week", ("2024-01-01", "2024-01-07")),  # ISO week 1 of 2024 starts Mon 1 Jan
        ("2020-W53", "week", ("2020-12-28", "2021-01-03")),
        ("2023", "decade", ("", "")),
        ("", "day", ("", "")),
    ],
)
def test_interval_covers_the_days_of_the_precision(iso, precision, expected) -> None:
    assert interval(iso, precision) == expected


@pytest.mark.parametrize(
    ("phrase", "named"),
    [
        ("they will meet on Friday", ("future clause ('will')", "coming Friday")),
        ("they met on Friday", ("past clause ('met')", "past Friday")),
        ("the talks on Friday", ("no tense cue found, so taken as past", "past Friday")),
        ("in March they will meet", ("future clause ('will')", "next (on or after) March")),
        ("they met in March", ("past clause ('met')", "latest (on or before) March")),
        ("they met on the 5th", ("past clause ('met')", "latest (on or before) such day")),
        ("they will meet on the 20th", ("future clause ('will')", "next (on or after) such day")),
    ],
)
def test_how_names_the_tense_cue_and_the_direction_taken(phrase, named) -> None:
    how = resolve_phrase(phrase, TUESDAY).how
    for words in named:
        assert words in how
    assert "2023-03-14" in how
