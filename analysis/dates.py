"""Find date expressions in an article and resolve them against its publication date.

News prose dates things relative to the day it was written: "on Thursday", "In June",
"last week". Which Thursday or which June depends on the tense of the clause ("will hold
talks on Thursday" is the coming one, "met in June" the past one), and libraries get this
wrong (dateparser sends every bare weekday to the past). So the tense logic is ours:

* a weekday is the publication day itself when it is the same weekday (news style names the day
  of the report by its weekday); otherwise the nearest such weekday within six days, forward in
  a future clause, backward in a past one (and backward when no tense cue is found);
* a month (or month and day) without a year is the latest one on or before publication in a
  past clause and the next one on or after it in a future clause;
* every result keeps its **precision** (day | week | month | year) and the interval it covers
  (``date_start`` .. ``date_end``); "since May 2020" covers May 2020 to publication;
* a "how we dated it" sentence says which rule and which cue decided;
* without a publication date, relative expressions stay unresolved (empty date, a note); an
  impossible date ("June 31") is widened to the month with a note, never guessed.

The tense of a clause comes from the clause layer (:mod:`analysis.clauses`, which reads
``data/lexicons/tense_cues.csv``); the date words (months, weekdays, "last", "since") are data in
``data/lexicons/date_words.csv``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import pandas as pd

from analysis.article import Article
from analysis.clauses import Tense, analyse_sentence, clause_tense
from analysis.clauses import tense_cues as tense_cues  # re-exported: dates' tense words
from analysis.frames import make_frame
from analysis.lexicons import read_lexicon

#: Columns of :func:`extract_dates`.
DATE_COLUMNS = (
    "date_id",
    "sentence_id",
    "start",
    "end",
    "quote",
    "expression",
    "relation",
    "tense",
    "tense_cue",
    "date",
    "precision",
    "date_start",
    "date_end",
    "how",
    "note",
)

PRECISIONS = ("day", "week", "month", "year")


def _read_csv(name: str) -> list[dict[str, str]]:
    return read_lexicon(name).to_dict("records")


@lru_cache(maxsize=1)
def date_words() -> dict[str, dict[str, str]]:
    """kind -> {word: value}, from ``data/lexicons/date_words.csv``."""
    table: dict[str, dict[str, str]] = {}
    for row in _read_csv("date_words.csv"):
        table.setdefault(row["kind"], {})[row["word"]] = row["value"]
    return table


# --------------------------------------------------------------------------------------------
# Finding expressions


@dataclass(frozen=True)
class DateExpression:
    """One date expression found in a text: its span and the parts it names."""

    start: int
    end: int
    text: str
    kind: str  # weekday | month | month_day | month_year | full | year | relative_day | relative
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    part: str = ""  # early | mid | late
    direction: int | None = None  # last -1, this 0, next +1
    unit: str = ""  # day | week | month | year (relative expressions)
    amount: int = 0  # "two weeks ago" -> 2
    relation: str = ""  # since | until | by | before | after | from
    extra: dict = field(default_factory=dict, compare=False)


def _alt(words) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w) for w in ordered)


def _cap_alt(words) -> str:
    """Alternation matching each word with a capital first letter only."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w[0].upper() + w[1:]) for w in ordered)


_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern]]:
    words = date_words()
    months = _cap_alt(words["month"])
    weekdays = _cap_alt(words["weekday"])
    parts = _alt(words["part"])
    rel_days = _alt(words["relative_day"])
    directions = _alt(words["direction"])
    units = _alt(words["unit"])
    relations = _alt(words["relation"])
    rel = rf"(?:(?P<relation>{relations})\s+)?"
    part = rf"(?:(?P<part>{parts})[- ]\s*)?"
    year = r"(?P<year>(?:1[89]|20)\d\d)"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    numbers = _alt(_NUMBER_WORDS)
    return [
        ("full", re.compile(rf"(?i:{rel})\b(?P<month>{months})\s+{day},?\s+{year}\b")),
        ("full", re.compile(rf"(?i:{rel})\b{day}\s+(?P<month>{months})\s+{year}\b")),
        ("month_year", re.compile(rf"(?i:{rel}{part})\b(?P<month>{months})(?:,)?\s+{year}\b")),
        ("month_day", re.compile(rf"(?i:{rel})\b(?P<month>{months})\s+{day}\b(?![,.]?\d)")),
        ("month_day", re.compile(rf"(?i:{rel})\b{day}\s+(?P<month>{months})\b")),
        ("month", re.compile(rf"(?i:{rel}{part})\b(?P<month>{months})\b")),
        (
            "weekday",
            re.compile(
                rf"(?i:{rel})(?:(?i:(?P<direction>{directions}))\s+)?\b(?P<weekday>{weekdays})\b"
            ),
        ),
        ("relative_day", re.compile(rf"(?i:{rel})\b(?P<relday>(?i:{rel_days}))\b")),
        (
            "ago",
            re.compile(rf"(?i:\b(?P<amount>\d+|{numbers})\s+(?P<unit>{units})s?\s+ago\b)"),
        ),
        (
            "relative",
            re.compile(rf"(?i:{rel}\b(?P<direction>{directions})\s+(?P<unit>{units}))\b"),
        ),
        ("year", re.compile(rf"(?i:{rel})\b{year}\b(?![,.]?\d)")),
    ]


# A bare month name ("May", "March") needs a word before it that makes it a date.
_MONTH_INTRO = re.compile(
    r"(?i:\b(?:in|since|until|till|by|of|last|next|this|early|mid|late|from|to|through|during|"
    r"before|after|between|and|or|every|each)[\s-]+)$"
)
# A bare year needs a preposition or determiner before it (not "killed 2000 people").
_YEAR_INTRO = re.compile(
    r"(?i:\b(?:in|since|until|till|by|of|from|to|through|during|before|after|between|and|"
    r"the|early|mid|late|its|his|her|their)\s+)$"
)


def find_date_expressions(text: str, offset: int = 0) -> list[DateExpression]:
    """Every date expression in ``text``, longest first where they overlap, in reading order.

    Offsets are ``offset`` plus the position in ``text`` (pass a sentence's start to get
    article offsets).
    """
    taken: list[tuple[int, int]] = []
    found: list[DateExpression] = []
    for kind, pattern in _patterns():
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            groups = m.groupdict()
            if kind == "month" and not (groups.get("relation") or groups.get("part")):
                if not _MONTH_INTRO.search(text[: m.start("month")]):
                    continue
            if kind == "year" and not groups.get("relation"):
                if not _YEAR_INTRO.search(text[:s]):
                    continue
            expr = _make_expression(kind, m, offset)
            if expr is not None:
                taken.append((s, e))
                found.append(expr)
    return sorted(found, key=lambda x: x.start)


def _make_expression(kind: str, m: re.Match, offset: int) -> DateExpression | None:
    g = m.groupdict()
    words = date_words()
    relation = (g.get("relation") or "").lower()
    relation = words["relation"].get(relation, "") if relation else ""
    common = dict(
        start=offset + m.start(), end=offset + m.end(), text=m.group(0), relation=relation
    )
    month = int(words["month"][g["month"].lower()]) if g.get("month") else None
    year = int(g["year"]) if g.get("year") else None
    day = int(g["day"]) if g.get("day") else None
    part = (g.get("part") or "").lower()
    direction = g.get("direction")
    direction_value = int(words["direction"][direction.lower()]) if direction else None
    if kind in ("full", "month_day", "month_year", "month"):
        return DateExpression(kind=kind, month=month, year=year, day=day, part=part, **common)
    if kind == "year":
        return DateExpression(kind=kind, year=year, **common)
    if kind == "weekday":
        weekday = int(words["weekday"][g["weekday"].lower()])
        return DateExpression(kind=kind, weekday=weekday, direction=direction_value, **common)
    if kind == "relative_day":
        shift = int(words["relative_day"][g["relday"].lower()])
        return DateExpression(kind=kind, amount=shift, **common)
    if kind == "ago":
        raw = g["amount"].lower()
        amount = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        unit = words["unit"][g["unit"].lower()]
        return DateExpression(kind="relative", unit=unit, amount=-amount, direction=-1, **common)
    if kind == "relative":
        unit = words["unit"][g["unit"].lower()]
        if unit == "day":
            return None
        return DateExpression(
            kind=kind, unit=unit, amount=direction_value or 0, direction=direction_value, **common
        )
    return None


# --------------------------------------------------------------------------------------------
# Resolution


@dataclass(frozen=True)
class Resolution:
    """A resolved date: ISO text at its precision, the interval it covers, and why."""

    date: str = ""
    precision: str = ""
    date_start: str = ""
    date_end: str = ""
    how: str = ""
    note: str = ""


def calendar_names(kind: str) -> tuple[str, ...]:
    """Full month or weekday names from ``date_words.csv`` in calendar order, capitalised.

    Why not :mod:`calendar`: its names follow the process locale, and ``how`` texts must read
    the same on every machine. Weekdays are indexed like ``date.weekday()``, months from 1.
    """
    names: dict[int, str] = {}
    for word, value in date_words()[kind].items():
        if "." not in word and len(word) > len(names.get(int(value), "")):
            names[int(value)] = word.capitalize()
    return tuple(names[k] for k in sorted(names))


_WEEKDAY_NAMES = calendar_names("weekday")
_MONTH_NAMES = ("", *calendar_names("month"))


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _day(d: date, how: str, note: str = "") -> Resolution:
    iso = d.isoformat()
    return Resolution(iso, "day", iso, iso, how, note)


def _month(year: int, month: int, how: str, part: str = "", note: str = "") -> Resolution:
    first, last = date(year, month, 1), _month_end(year, month)
    if part:
        lo, hi = (int(x) for x in date_words()["part"][part].split("-"))
        first = date(year, month, lo)
        last = date(year, month, min(hi, last.day))
        how += f"; '{part}' narrows it to days {first.day}-{last.day}"
    return Resolution(
        f"{year:04d}-{month:02d}", "month", first.isoformat(), last.isoformat(), how, note
    )


def _year(year: int, how: str, note: str = "") -> Resolution:
    return Resolution(f"{year:04d}", "year", f"{year:04d}-01-01", f"{year:04d}-12-31", how, note)


def _week(monday: date, how: str) -> Resolution:
    iso_year, iso_week, _ = monday.isocalendar()
    sunday = monday + timedelta(days=6)
    return Resolution(
        f"{iso_year}-W{iso_week:02d}", "week", monday.isoformat(), sunday.isoformat(), how
    )


def _direction_word(tense: Tense) -> str:
    if tense.tense == "future":
        return f"future clause ('{tense.cue}')"
    if tense.tense in ("past", "present"):
        return f"{tense.tense} clause ('{tense.cue}')"
    return "no tense cue found, so taken as past (news mostly reports what happened)"


def resolve(expr: DateExpression, published: date | None, tense: Tense | None = None) -> Resolution:
    """Resolve one expression against the publication date, using the clause's tense."""
    tense = tense or Tense("unknown")
    resolved = _resolve_core(expr, published, tense)
    if not resolved.date or expr.relation not in ("since", "after", "from"):
        return resolved
    if published is None:
        return Resolution(
            resolved.date,
            resolved.precision,
            resolved.date_start,
            "",
            resolved.how + f"; '{expr.relation}': open interval from it",
            "no publication date: the interval's end is unknown",
        )
    return Resolution(
        resolved.date,
        resolved.precision,
        resolved.date_start,
        published.isoformat(),
        resolved.how + f"; '{expr.relation}': the interval runs from it to publication "
        f"({published.isoformat()})",
        resolved.note,
    )


def _unresolved(expr: DateExpression) -> Resolution:
    return Resolution(
        how=f"'{expr.text}' is relative to the publication date",
        note="no publication date: relative date left unresolved (give --published)",
    )


def _resolve_core(expr: DateExpression, published: date | None, tense: Tense) -> Resolution:
    kind = expr.kind
    if kind == "year":
        return _year(expr.year, f"'{expr.text}': a year, precision year")
    if kind == "month_year":
        return _month(
            expr.year, expr.month, f"'{expr.text}': month and year, precision month", expr.part
        )
    if kind == "full":
        how = f"'{expr.text}': day, month and year"
        try:
            return _day(date(expr.year, expr.month, expr.day), how)
        except ValueError:
            return _month(
                expr.year,
                expr.month,
                how,
                note=f"day {expr.day} does not exist in "
                f"{_MONTH_NAMES[expr.month]} {expr.year}: widened to the month",
            )
    if published is None:
        return _unresolved(expr)
    pub = published.isoformat()
    wd = _WEEKDAY_NAMES[published.weekday()]
    if kind == "weekday":
        return _resolve_weekday(expr, published, tense)
    if kind == "month":
        year = _pick_year(expr.month, None, published, tense)
        how = (
            f"'{expr.text}' has no year: {_direction_word(tense)}, so the "
            f"{_choice_word(tense)} {_MONTH_NAMES[expr.month]} relative to {pub}"
        )
        return _month(year, expr.month, how, expr.part)
    if kind == "month_day":
        how = (
            f"'{expr.text}' has no year: {_direction_word(tense)}, so the "
            f"{_choice_word(tense)} such day relative to {pub}"
        )
        year = _pick_year(expr.month, expr.day, published, tense)
        try:
            return _day(date(year, expr.month, expr.day), how)
        except ValueError:
            return _month(
                year,
                expr.month,
                how,
                note=f"day {expr.day} does not exist in "
                f"{_MONTH_NAMES[expr.month]} {year}: widened to the month",
            )
    if kind == "relative_day":
        d = published + timedelta(days=expr.amount)
        return _day(d, f"'{expr.text}': {expr.amount:+d} day(s) from publication ({wd} {pub})")
    if kind == "relative":
        return _resolve_relative(expr, published)
    return Resolution(note=f"'{expr.text}' not understood")


def _choice_word(tense: Tense) -> str:
    return "next (on or after)" if tense.tense == "future" else "latest (on or before)"


def _pick_year(month: int, day: int | None, published: date, tense: Tense) -> int:
    """The year of a month (or month and day) without one.

    Past (and unknown) clauses take the latest such month/day on or before publication, future
    clauses the next one on or after it; the publication month itself counts both ways.
    """
    pub = (published.month, published.day if day is not None else 0)
    here = (month, day if day is not None else 0)
    if tense.tense == "future":
        return published.year if here >= pub else published.year + 1
    return published.year if here <= pub else published.year - 1


def _resolve_weekday(expr: DateExpression, published: date, tense: Tense) -> Resolution:
    target = expr.weekday
    back = (published.weekday() - target) % 7
    forward = (target - published.weekday()) % 7
    pub = f"{_WEEKDAY_NAMES[published.weekday()]} {published.isoformat()}"
    name = _WEEKDAY_NAMES[target]
    if expr.direction == -1:
        d = published - timedelta(days=back or 7)
        return _day(d, f"'{expr.text}': the {name} before publication ({pub})")
    if expr.direction == 1:
        d = published + timedelta(days=forward or 7)
        return _day(d, f"'{expr.text}': the {name} after publication ({pub})")
    if back == 0:
        return _day(
            published,
            f"'{expr.text}': same weekday as publication ({pub}): the "
            "publication day itself (news names the day of the report by its weekday)",
        )
    if tense.tense == "future":
        d = published + timedelta(days=forward)
        return _day(
            d, f"'{expr.text}' in a {_direction_word(tense)}: the coming {name} after {pub}"
        )
    d = published - timedelta(days=back)
    return _day(d, f"'{expr.text}', {_direction_word(tense)}: the past {name} before {pub}")


def _resolve_relative(expr: DateExpression, published: date) -> Resolution:
    pub = published.isoformat()
    how = f"'{expr.text}' counted from publication ({pub})"
    if expr.unit == "day":
        return _day(published + timedelta(days=expr.amount), how)
    if expr.unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=expr.amount)
        return _week(monday, how + ": a calendar week, Monday to Sunday")
    if expr.unit == "month":
        index = published.year * 12 + (published.month - 1) + expr.amount
        return _month(index // 12, index % 12 + 1, how)
    if expr.unit == "year":
        return _year(published.year + expr.amount, how)
    return Resolution(note=f"'{expr.text}': unit {expr.unit!r} not understood")


# --------------------------------------------------------------------------------------------
# Whole articles


def resolve_phrase(phrase: str, published: date | None) -> Resolution:
    """Resolve the first date expression of a short phrase, with the phrase's own tense.

    A convenience for tests and teaching: ``resolve_phrase("will meet on Monday", d)``.
    """
    found = find_date_expressions(phrase)
    if not found:
        return Resolution(note=f"no date expression in {phrase!r}")
    expr = found[0]
    return resolve(expr, published, clause_tense(phrase, expr.start, expr.end))


def extract_dates(article: Article) -> pd.DataFrame:
    """Every date expression of the article, resolved, one row each (columns ``DATE_COLUMNS``).

    ``quote`` is the expression verbatim; ``tense``/``tense_cue`` say which word of its clause
    set the direction; ``how`` is the human-readable reasoning; ``note`` flags anything
    unresolved or widened.
    """
    rows = []
    for sent in article.sentences.itertuples(index=False):
        clauses = None
        for expr in find_date_expressions(sent.text, offset=int(sent.start)):
            local = (expr.start - int(sent.start), expr.end - int(sent.start))
            clauses = analyse_sentence(sent.text) if clauses is None else clauses
            tense = clause_tense(sent.text, *local, clauses)
            res = resolve(expr, article.published, tense)
            rows.append(
                {
                    "date_id": f"D{len(rows) + 1:02d}",
                    "sentence_id": int(sent.sentence_id),
                    "start": expr.start,
                    "end": expr.end,
                    "quote": article.text[expr.start : expr.end],
                    "expression": expr.kind,
                    "relation": expr.relation,
                    "tense": tense.tense,
                    "tense_cue": tense.cue,
                    "date": res.date,
                    "precision": res.precision,
                    "date_start": res.date_start,
                    "date_end": res.date_end,
                    "how": res.how,
                    "note": res.note,
                }
            )
    return make_frame(rows, DATE_COLUMNS)


def interval(iso: str, precision: str) -> tuple[str, str]:
    """The first and last day covered by an ISO date at its precision ("2022-12" -> Dec 1-31).

    Used when a meeting takes the anchor of "since May 2020" without the open interval.
    """
    if not iso or precision not in PRECISIONS:
        return "", ""
    if precision == "day":
        return iso, iso
    if precision == "year":
        return f"{iso}-01-01", f"{iso}-12-31"
    if precision == "month":
        year, month = (int(x) for x in iso.split("-"))
        return date(year, month, 1).isoformat(), _month_end(year, month).isoformat()
    year, week = iso.split("-W")
    monday = date.fromisocalendar(int(year), int(week), 1)
    return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
