"""Find date expressions in an article and resolve them against its publication date.

News prose dates things relative to the day it was written: "on Thursday", "In June",
"last week". Which Thursday or which June depends on the tense of the clause ("will hold
talks on Thursday" is the coming one, "met in June" the past one), and libraries get this
wrong (dateparser sends every bare weekday to the past). So the tense logic is ours:

* a weekday is the publication day itself when it is the same weekday (news style names the day
  of the report by its weekday); otherwise the nearest such weekday within six days, forward in
  a future clause, backward in a past one (and backward when no tense cue is found); "next
  Friday" is the first Friday after publication, "last Wednesday" the last one before it (the
  full list of rules is the header of ``data/lexicons/date_words.csv``);
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
from analysis.clauses import Clause, Tense, analyse_sentence, clause_tense
from analysis.clauses import tense_cues as tense_cues  # re-exported: dates' tense words
from analysis.frames import make_frame
from analysis.lexicons import lexicon_rows

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


@lru_cache(maxsize=1)
def date_words() -> dict[str, dict[str, str]]:
    """kind -> {word: value}, from ``data/lexicons/date_words.csv``."""
    table: dict[str, dict[str, str]] = {}
    for row in lexicon_rows("date_words.csv"):
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
    #            | day_of_month
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    part: str = ""  # early | mid | late
    direction: int | None = None  # last -1, this 0, next +1
    unit: str = ""  # day | week | month | year (relative expressions)
    amount: int = 0  # "two weeks ago" -> 2
    relation: str = ""  # since | until | by | before | after | from
    approx: int = 0  # "around the 28th": days either side
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


def _month_alt(words) -> str:
    """Month names with a capital; an abbreviation's period is optional ("Sept", "Sept.")."""
    stems = {w.rstrip(".") for w in words}
    ordered = sorted(stems, key=len, reverse=True)
    return "|".join(
        re.escape(w[0].upper() + w[1:]) + (r"\.?" if f"{w}." in words else "") for w in ordered
    )


def _month_number(name: str) -> int:
    words = date_words()["month"]
    key = name.lower()
    return int(words.get(key) or words.get(key.rstrip(".")) or words[key.rstrip(".") + "."])


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern, re.Pattern | None]]:
    words = date_words()
    months = _month_alt(words["month"])
    weekdays = _cap_alt(words["weekday"])
    parts = _alt(words["part"])
    rel_days = _alt(words["relative_day"]).replace(r"\ ", r"\s+")
    directions = _alt(words["direction"]).replace(r"\ ", r"\s+")
    sequences = _alt(words.get("sequence", {"following": "1"})).replace(r"\ ", r"\s+")
    units = _alt(words["unit"])
    relations = _alt(words["relation"])
    approx = _alt(words.get("approximate", {"around": "2"}))
    weeks = _alt(words.get("week_of_month", {"first": "1-7"}))
    rel = rf"(?:(?P<relation>{relations})\s+)?"
    part = rf"(?:(?P<part>{parts})[- ]\s?)?"
    year = r"(?P<year>(?:1[89]|20)\d\d)"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    end = r"(?![\w])"  # after a month: "Sept." ends with a period, so no \b
    numbers = _alt(_NUMBER_WORDS)
    return [(kind, _word_start(pattern), _required(kind, words)) for kind, pattern in [
        ("full", re.compile(rf"(?i:{rel})\b(?P<month>{months}){end}\s+{day},?\s+{year}\b")),
        (
            "full",
            re.compile(
                rf"(?i:{rel})\b(?i:the\s+)?{day}(?i:\s+of)?\s+(?P<month>{months}){end},?\s+{year}\b"
            ),
        ),
        (
            "week_of_month",
            re.compile(
                rf"(?i:{rel}\bthe\s+(?P<week>{weeks})\s+week\s+of)\s+(?P<month>{months}){end}"
                rf"(?:,?\s+{year}\b)?"
            ),
        ),
        (
            "month_year",
            re.compile(rf"(?i:{rel}{part})\b(?P<month>{months}){end}(?:,|\s+of)?\s+{year}\b"),
        ),
        (
            "month_day",
            re.compile(rf"(?i:{rel})\b(?P<month>{months}){end}\s+{day}\b(?![,.]?\d)"),
        ),
        (
            "month_day",
            re.compile(rf"(?i:{rel})\b(?i:the\s+)?{day}(?i:\s+of)?\s+(?P<month>{months}){end}"),
        ),
        ("month", re.compile(rf"(?i:{rel}{part})\b(?P<month>{months}){end}")),
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
            "in",
            re.compile(
                rf"(?i:\bin\s+(?P<amount>\d+|{numbers})\s+(?P<unit>{units})s?\b)(?!\s+(?i:of)\b)"
            ),
        ),
        (
            "relative",
            re.compile(
                rf"(?i:{rel}\b(?:(?:the\s+)?(?P<sequence>{sequences})|(?P<direction>{directions}))"
                rf"\s+(?P<unit>{units}))\b"
            ),
        ),
        (
            "day_of_month",
            re.compile(
                rf"(?i:(?:(?P<relation>{relations})|(?P<approx>{approx})|on)\s+the\s+"
                r"(?P<day>[0-3]?\d)(?:st|nd|rd|th))\b(?![ \t]+[a-z])"
            ),
        ),
        (
            "year",
            re.compile(rf"(?i:{rel})(?:(?i:(?P<part>{parts}))[- ]\s?)?\b{year}\b(?![,.]?\d)"),
        ),
    ]]


@lru_cache(maxsize=16)  # one compiled object per part, shared by the patterns needing it
def _required_pattern(source: str, flags: int) -> re.Pattern:
    return re.compile(source, flags)


def _required(kind: str, words: dict[str, dict[str, str]]) -> re.Pattern | None:
    """A pattern that must occur somewhere in a text for a pattern of ``kind`` to match in it
    (its month, weekday, unit or year part, with the same case rule), or None.

    Why: most sentences name no month and no weekday; one quick search of the sentence for the
    part every such pattern needs skips the patterns that cannot match, with the same result.
    """
    if kind in {"full", "week_of_month", "month_year", "month_day", "month"}:
        return _required_pattern(_month_alt(words["month"]), 0)
    if kind == "weekday":
        return _required_pattern(_cap_alt(words["weekday"]), 0)
    if kind == "relative_day":
        return _required_pattern(_alt(words["relative_day"]).replace(r"\ ", r"\s+"), re.I)
    if kind == "ago":
        return _required_pattern(r"ago", re.I)
    if kind == "relative":
        return _required_pattern(_alt(words["unit"]), re.I)
    if kind == "day_of_month":
        return _required_pattern(r"\d(?:st|nd|rd|th)", re.I)
    if kind == "year":
        return _required_pattern(r"(?:1[89]|20)\d\d", 0)
    return None


def _word_start(pattern: re.Pattern) -> re.Pattern:
    """``pattern`` tried only where a word starts: every date expression begins with a letter
    or a digit, and checking that first lets the scan skip the rest in linear time."""
    return re.compile(r"(?=[^\W_])(?<![^\W_])" + pattern.pattern, pattern.flags)


# A bare month name ("May", "March") needs a word before it that makes it a date.
_MONTH_INTRO = re.compile(
    r"(?i:\b(?:in|since|until|till|by|of|last|next|this|early|mid|late|from|to|through|during|"
    r"before|after|between|and|or|every|each)[\s-]+)$"
)
# A bare year needs a preposition or determiner before it (not "killed 1987 people").
_YEAR_INTRO = re.compile(
    r"(?i:\b(?:in|since|until|till|by|of|from|to|through|during|before|after|between|and|"
    r"the|early|mid|late|its|his|her|their)\s+)$"
)
_INTRO_WINDOW = 24  # the intro words above are short: look back this far, never further


def find_date_expressions(text: str, offset: int = 0) -> list[DateExpression]:
    """Every date expression in ``text``, longest first where they overlap, in reading order.

    Offsets are ``offset`` plus the position in ``text`` (pass a sentence's start to get
    article offsets). Linear in the text: each pattern scans it once, look-backs are bounded
    and taken spans are marked in a byte map.
    """
    taken = bytearray(len(text) + 1)
    found: list[DateExpression] = []
    present: dict[re.Pattern, bool] = {}
    for kind, pattern, required in _patterns():
        if required is not None:
            if required not in present:
                present[required] = required.search(text) is not None
            if not present[required]:
                continue  # the part every match needs is not in the text
        for m in pattern.finditer(text):
            s, e = m.span()
            if taken.find(1, s, e) >= 0:
                continue
            groups = m.groupdict()
            if kind == "month" and _bare_abbreviation(groups["month"]):
                continue  # "Jan Berg", "Mar": without a day, a year or a period, not a month
            if kind == "month" and not (groups.get("relation") or groups.get("part")):
                at = m.start("month")
                if not _MONTH_INTRO.search(text, max(0, at - _INTRO_WINDOW), at):
                    continue
            if kind == "year" and not (groups.get("relation") or groups.get("part")):
                if not _YEAR_INTRO.search(text, max(0, s - _INTRO_WINDOW), s):
                    continue
            expr = _make_expression(kind, m, offset)
            if expr is not None:
                taken[s:e] = b"\x01" * (e - s)
                found.append(expr)
    return sorted(found, key=lambda x: x.start)


def _bare_abbreviation(name: str) -> bool:
    """A month abbreviation written without its period ("Jan", "Sept")."""
    full = _MONTH_NAMES[_month_number(name)]
    return not name.endswith(".") and len(name) < len(full)


def _amount(raw: str) -> int:
    raw = raw.lower()
    return int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]


def _make_expression(kind: str, m: re.Match, offset: int) -> DateExpression | None:
    g = m.groupdict()
    words = date_words()
    relation = (g.get("relation") or "").lower()
    relation = words["relation"].get(relation, "") if relation else ""
    common = dict(
        start=offset + m.start(), end=offset + m.end(), text=m.group(0), relation=relation
    )
    month = _month_number(g["month"]) if g.get("month") else None
    year = int(g["year"]) if g.get("year") else None
    day = int(g["day"]) if g.get("day") else None
    part = re.sub(r"\s+", " ", (g.get("part") or "").lower())
    direction = g.get("direction") or g.get("sequence")
    if direction:
        direction = re.sub(r"\s+", " ", direction.lower())
        table = {**words.get("sequence", {}), **words["direction"]}
        direction_value = int(table[direction])
    else:
        direction_value = None
    if kind in ("full", "month_day", "month_year", "month"):
        return DateExpression(kind=kind, month=month, year=year, day=day, part=part, **common)
    if kind == "week_of_month":
        week = g["week"].lower()
        return DateExpression(
            kind=kind, month=month, year=year, part=f"week:{week}", **common
        )
    if kind == "day_of_month":
        if not 1 <= day <= 31:
            return None
        approx = g.get("approx")
        spread = int(words.get("approximate", {}).get(approx.lower(), 2)) if approx else 0
        return DateExpression(kind=kind, day=day, approx=spread, **common)
    if kind == "year":
        return DateExpression(kind=kind, year=year, part=part, **common)
    if kind == "weekday":
        weekday = int(words["weekday"][g["weekday"].lower()])
        return DateExpression(kind=kind, weekday=weekday, direction=direction_value, **common)
    if kind == "relative_day":
        shift = int(words["relative_day"][re.sub(r"\s+", " ", g["relday"].lower())])
        return DateExpression(kind=kind, amount=shift, **common)
    if kind in ("ago", "in"):
        amount = _amount(g["amount"])
        unit = words["unit"][g["unit"].lower()]
        sign = -1 if kind == "ago" else 1
        return DateExpression(
            kind="relative", unit=unit, amount=sign * amount, direction=sign, **common
        )
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
    is_date: bool = True  # False: the words name a span of time ("in two weeks" said of the past)


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
    if part.startswith("week:"):  # "the last week of July": seven days of the month
        week = part.removeprefix("week:")
        spec = date_words()["week_of_month"][week]
        lo, hi = (last.day - 6, last.day) if spec == "L" else (int(x) for x in spec.split("-"))
        first, last = date(year, month, lo), date(year, month, min(hi, last.day))
        how += f"; 'the {week} week' narrows it to days {first.day}-{last.day}"
    elif part:
        lo, hi = (int(x) for x in date_words()["part"][part].split("-"))
        first = date(year, month, lo)
        last = date(year, month, min(hi, last.day))
        how += f"; '{part}' narrows it to days {first.day}-{last.day}"
    return Resolution(
        f"{year:04d}-{month:02d}", "month", first.isoformat(), last.isoformat(), how, note
    )


def _year(year: int, how: str, note: str = "", part: str = "") -> Resolution:
    first, last = date(year, 1, 1), date(year, 12, 31)
    if part:
        lo, hi = (int(x) for x in date_words()["year_part"][part].split("-"))
        first, last = date(year, lo, 1), _month_end(year, hi)
        how += f"; '{part}' narrows it to {_MONTH_NAMES[lo]}-{_MONTH_NAMES[hi]}"
    return Resolution(f"{year:04d}", "year", first.isoformat(), last.isoformat(), how, note)


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
    """Resolve one expression against the publication date, using the clause's tense.

    ``tense`` comes from the clause layer (whoever computes it); "since X" always looks back,
    whatever the clause says. A date beyond the calendar (publication 0001-01-01 and
    "yesterday") gives an empty resolution with a note, never an error.
    """
    tense = tense or Tense("unknown")
    if expr.relation == "since" and tense.tense == "future":
        tense = Tense("past", "since", "relation")
    try:
        resolved = _resolve_core(expr, published, tense)
    except (OverflowError, ValueError):
        return Resolution(note=f"'{expr.text}' falls outside the calendar")
    if not resolved.date or expr.relation not in ("since", "after", "from"):
        return resolved
    if published is not None and resolved.date_start > published.isoformat():
        return Resolution(
            resolved.date, resolved.precision, resolved.date_start, "",
            resolved.how + f"; '{expr.relation}': an open interval from it (it lies ahead)",
            resolved.note,
        )
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
        return _year(expr.year, f"'{expr.text}': a year, precision year", part=expr.part)
    if kind == "week_of_month" and expr.year is not None:
        return _month(expr.year, expr.month, f"'{expr.text}': a week of a month", expr.part)
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
    if kind == "day_of_month":
        return _resolve_day_of_month(expr, published, tense)
    if kind in ("month", "week_of_month"):
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
        if (expr.month, expr.day) == (2, 29):  # "Feb. 29" without a year: the nearest leap year
            step = 1 if tense.tense == "future" else -1
            while not calendar.isleap(year) and date.min.year < year < date.max.year:
                year += step
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
        counted_ahead = expr.text[:3].lower() == "in " and expr.direction == 1
        if counted_ahead and tense.tense in ("past", "present"):
            # "the first time in two weeks": in a past or present clause "in N units" is a
            # span of time up to now, not a point ahead
            return Resolution(
                how=f"'{expr.text}' in a {_direction_word(tense)}: a duration, not a date",
                note="a duration ('the first time in two weeks'), not a date",
                is_date=False,
            )
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


def _resolve_day_of_month(expr: DateExpression, published: date, tense: Tense) -> Resolution:
    """"on the 27th": the month is the publication's, or the one before (past) or after
    (future) when the day has not come yet (has passed); months without that day are skipped."""
    step = 1 if tense.tense == "future" else -1
    index = published.year * 12 + published.month - 1
    candidate = None
    for _ in range(4):  # at most two months in a row lack a day (the 31st)
        year, month = divmod(index, 12)
        month += 1
        if expr.day <= calendar.monthrange(year, month)[1]:
            day = date(year, month, expr.day)
            if (day >= published) if step == 1 else (day <= published):
                candidate = day
                break
        index += step
    if candidate is None:
        return Resolution(note=f"'{expr.text}': no such day near publication")
    how = (
        f"'{expr.text}' names only a day: {_direction_word(tense)}, so the "
        f"{_choice_word(tense)} such day relative to {published.isoformat()}"
    )
    if not expr.approx:
        return _day(candidate, how)
    spread = timedelta(days=expr.approx)
    return Resolution(
        candidate.isoformat(), "day", (candidate - spread).isoformat(),
        (candidate + spread).isoformat(),
        how + f"; 'around' widens it to {expr.approx} days either side",
    )


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


def extract_dates(
    article: Article, clauses: dict[int, tuple[Clause, ...]] | None = None
) -> pd.DataFrame:
    """Every date expression of the article, resolved, one row each (columns ``DATE_COLUMNS``).

    ``quote`` is the expression verbatim; ``tense``/``tense_cue`` say which word of its clause
    set the direction; ``how`` is the human-readable reasoning; ``note`` flags anything
    unresolved or widened. ``clauses`` is the article's clause layer
    (:func:`analysis.clauses.sentence_clauses`) when already computed.
    """
    return make_frame(date_rows(article, clauses), DATE_COLUMNS)


def date_rows(
    article: Article, clauses: dict[int, tuple[Clause, ...]] | None = None
) -> list[dict[str, object]]:
    """The rows of :func:`extract_dates` as plain dicts (every column of ``DATE_COLUMNS``): the
    dates layer as the pipeline passes it on, without a frame to build and read back."""
    layer = clauses  # the clause layer when the caller computed it (the pipeline does, once)
    rows: list[dict[str, object]] = []
    for sentence_id, _paragraph, _kind, sent_start, _end, sent_text in article.sentence_rows:
        own = None
        for expr in find_date_expressions(sent_text, offset=sent_start):
            local = (expr.start - sent_start, expr.end - sent_start)
            if own is None:
                own = layer[sentence_id] if layer is not None else analyse_sentence(sent_text)
            tense = clause_tense(sent_text, *local, own)
            res = resolve(expr, article.published, tense)
            if not res.is_date:
                continue  # a duration after all: the clause's tense says so
            rows.append(
                {
                    "date_id": f"D{len(rows) + 1:02d}",
                    "sentence_id": sentence_id,
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
    return rows


def interval(iso: str, precision: str) -> tuple[str, str]:
    """The first and last day covered by an ISO date at its precision ("1987-06" -> June 1-30).

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
