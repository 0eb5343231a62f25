"""The quantity grammar: how a number phrase in prose becomes a low / best / high range.

News prose rarely gives exact counts: "around a quarter of a million", "tens of thousands",
"thousands more". No library turns such phrases into honest ranges (quantulum3 adds a fraction
word to "million" instead of multiplying), so this module is a small grammar of our own. It
finds every number phrase in a text, reads its value, and applies the conventions of
``data/lexicons/quantities.csv`` (one row per convention, each tested): a vague word gives an
absolute range with no point value, a qualifier turns a number X into a range in X ("around X"
= 0.9X to 1.1X).

It also says what a number is *not*: a year, a date, a time, an age, a duration, money, a
percentage, a measurement or a magnitude (``data/lexicons/non_counts.csv``), so that "since
1998" or "January 9" never becomes a figure. Arithmetic is done in :class:`~decimal.Decimal`,
so "6.8 million" is exactly 6,800,000.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, InvalidOperation
from functools import lru_cache

import pandas as pd

from analysis.frames import make_frame
from analysis.lexicons import read_lexicon

#: Columns of :func:`find_quantities`.
QUANTITY_COLUMNS = (
    "start", "end", "text", "value", "low", "best", "high", "qualifier", "kind", "role",
)

#: Roles a number can have; only ``count`` numbers can be figures.
ROLES = (
    "count", "year", "date", "time", "duration", "age", "money", "percent", "measurement",
    "magnitude", "pronoun",
)


@dataclass(frozen=True)
class Quantity:
    """One number phrase read as a range.

    ``value`` is the number as written (X); ``low``/``best``/``high`` are ``None`` for an open
    end or a missing point value. ``kind`` is numeral | words | fraction | vague.
    """

    value: Decimal | None
    low: Decimal | None
    best: Decimal | None
    high: Decimal | None
    qualifier: str
    kind: str


@dataclass(frozen=True)
class _Convention:
    low: str
    best: str
    high: str
    label: str


@lru_cache(maxsize=1)
def conventions() -> pd.DataFrame:
    """The conventions table (``data/lexicons/quantities.csv``), one row per convention."""
    return read_lexicon("quantities.csv")


@lru_cache(maxsize=1)
def _number_words() -> dict[str, tuple[Decimal, str]]:
    words = read_lexicon("number_words.csv")
    return {r.word: (Decimal(r.value), r.kind) for r in words.itertuples() if r.kind != "fraction"}


@lru_cache(maxsize=1)
def _fractions() -> dict[str, tuple[int, int]]:
    """Fraction words as exact ratios (``2/3``), so "two-thirds of 900" is exactly 600."""
    words = read_lexicon("number_words.csv")
    ratios = {}
    for row in words[words["kind"] == "fraction"].itertuples():
        numerator, denominator = row.value.split("/")
        ratios[row.word] = (int(numerator), int(denominator))
    return ratios


@lru_cache(maxsize=1)
def _phrase_tables() -> tuple[dict[str, tuple], dict[str, _Convention], _Convention]:
    vague: dict[str, tuple] = {}
    qualifiers: dict[str, _Convention] = {}
    additional = _Convention("", "", "", "additional")
    for row in conventions().itertuples():
        for phrase in row.phrase.split("|"):
            phrase = phrase.strip()
            if row.kind == "vague":
                vague[phrase] = (Decimal(row.low), Decimal(row.high))
            elif row.kind == "qualifier":
                qualifiers[phrase] = _Convention(row.low, row.best, row.high, row.qualifier)
            elif row.kind == "additional":
                additional = _Convention(row.low, row.best, row.high, row.qualifier)
    return vague, qualifiers, additional


@lru_cache(maxsize=1)
def _non_count_words() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    table = read_lexicon("non_counts.csv")
    before = {r.word: r.role for r in table.itertuples() if r.position == "before"}
    after = {r.word: r.role for r in table.itertuples() if r.position == "after"}
    dates = read_lexicon("date_words.csv")
    months = frozenset(dates.loc[dates["kind"] == "month", "word"])
    return before, after, months


def _alternation(phrases) -> str:
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    words = _number_words()
    vague, qualifiers, _ = _phrase_tables()
    plain = [w for w, (_, k) in words.items() if k in ("unit", "teen", "ten", "hundred", "scale")]
    plain.append("dozen")
    scales = [w for w, (_, k) in words.items() if k in ("hundred", "scale")]
    suffixes = [w for w, (_, k) in words.items() if k == "suffix"]
    fractions = list(_fractions())
    word = rf"(?:{_alternation(plain)})"
    # "a" counts as one only in front of a scale word: "a million", "a dozen".
    a_one = rf"an?\s+(?=(?:{_alternation(scales + ['dozen'])})\b)"
    wordseq = (
        rf"(?:{a_one})?{word}(?:(?:\s*-\s*|\s+|\s+and\s+){word})*"
        r"(?!-?(?:thirds?|quarters?|fifths?|tenths?)\b)"
    )
    numeral = (
        r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d]|[.,:]\d)"
        rf"(?:\s*(?:{_alternation(scales)})\b|(?:{_alternation(suffixes)})\b)?"
    )
    number = rf"(?:(?P<numeral>{numeral})|(?P<words>{wordseq}))"
    fraction = (
        rf"(?P<fraction>(?:(?:a|one)[\s-]+)?(?:{_alternation(fractions)})(?:\s+of)?\s+(?:the\s+)?)"
    )
    return re.compile(
        r"(?<![\w.,/:])(?<![A-Za-z]-)"
        rf"(?P<qual>(?:{_alternation(qualifiers)})\s+)?"
        rf"(?:(?P<vague>{_alternation(vague)})\b|{fraction}?{number})"
        r"(?P<more>\s+more\b(?!\s+than))?"
        r"(?![\w])",
        re.IGNORECASE,
    )


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def _words_value(text: str) -> Decimal | None:
    """The value of a number-word sequence ("sixty-seven", "a hundred and twenty", "a dozen")."""
    words = _number_words()
    tokens = [t for t in re.split(r"[\s-]+", _norm(text)) if t and t not in ("and", "a", "an")]
    if not tokens:
        return None
    total, current = Decimal(0), Decimal(0)
    for token in tokens:
        value, kind = words.get(token, (None, None))
        if value is None:
            return None
        if kind == "hundred":
            current = (current or 1) * value
        elif kind == "scale":
            total += (current or 1) * value
            current = Decimal(0)
        elif kind == "dozen":
            current = (current or 1) * value
        else:
            current += value
    return total + current


def _numeral_value(text: str) -> Decimal | None:
    match = re.match(r"([\d,]+(?:\.\d+)?)\s*([A-Za-z]*)", text.strip())
    if not match:
        return None
    try:
        value = Decimal(match.group(1).replace(",", ""))
    except InvalidOperation:
        return None
    suffix = match.group(2).lower()
    if suffix:
        scale = _number_words().get(suffix)
        if scale is None:
            return None
        value *= scale[0]
    return value


def _apply(formula: str, x: Decimal) -> Decimal | None:
    """Evaluate a convention cell: "" (open), "X", "0.9X", "X-1" or a plain number."""
    formula = formula.strip()
    if not formula:
        return None
    match = re.fullmatch(r"([\d.]*)X([+-]\d+)?", formula)
    if not match:
        return Decimal(formula)
    factor = Decimal(match.group(1)) if match.group(1) else Decimal(1)
    shift = Decimal(match.group(2)) if match.group(2) else Decimal(0)
    return factor * x + shift


def _quantity(match: re.Match) -> Quantity | None:
    vague, qualifiers, additional = _phrase_tables()
    qual = qualifiers.get(_norm(match.group("qual") or ""))
    labels = [qual.label] if qual else []
    if match.group("vague"):
        low, high = vague[_norm(match.group("vague"))]
        best, value, kind = None, None, "vague"
        if qual and not qual.high:  # a floor ("more than dozens"): no ceiling any more
            high = None
        if qual and not qual.low:  # a ceiling ("up to thousands"): no floor any more
            low = None
        labels = labels or ["vague"]
    else:
        kind = "numeral" if match.group("numeral") else "words"
        number = match.group("numeral") or match.group("words")
        value = _numeral_value(number) if kind == "numeral" else _words_value(number)
        if value is None:
            return None
        if match.group("fraction"):
            head = re.sub(r"(?:\s+(?:of|the))+$", "", _norm(match.group("fraction"))).split()[-1]
            ratio = _fractions().get(head) or _fractions().get(head.split("-")[-1])
            if ratio is None:
                return None
            value = value * ratio[0] / ratio[1]
            kind = "fraction"
        if qual:
            low, best, high = (_apply(f, value) for f in (qual.low, qual.best, qual.high))
        else:
            low = best = high = value
            labels = ["none"]
    if match.group("more"):
        labels = [label for label in labels if label not in ("none", "vague")] + [additional.label]
    return Quantity(value, low, best, high, ", ".join(labels), kind)


def parse_quantity(phrase: str) -> Quantity | None:
    """Read one number phrase ("around a quarter of a million", "6.8 million", "dozens") as a range.

    Returns ``None`` when the whole phrase is not a quantity. Use :func:`find_quantities` to
    find quantities inside running text.
    """
    match = _pattern().fullmatch(phrase.strip())
    return _quantity(match) if match else None


def _token_before(text: str, start: int) -> str:
    match = re.search(r"(\S+)\s*$", text[max(0, start - 40) : start])
    return match.group(1).lower() if match else ""


def _role(text: str, match: re.Match, quantity: Quantity) -> str:
    """What a number is when it is not a count of people (or ``count``)."""
    before, after, months = _non_count_words()
    following = text[match.end() : match.end() + 40].lower()
    following = re.sub(r"^\s*-?\s*", "", following)
    for word in sorted(after, key=len, reverse=True):
        if following.startswith(word) and not following[len(word) : len(word) + 1].isalpha():
            return after[word]
    prev = _token_before(text, match.start())
    if prev in before:
        return before[prev]
    for symbol in (w for w in before if not w.isalpha()):
        if prev.endswith(symbol):
            return before[symbol]
    number = (match.group("numeral") or "").strip()
    if number and not match.group("qual") and not match.group("fraction"):
        if re.fullmatch(r"\d{4}", number) and 1500 <= int(number) <= 2199:
            return "year"
        if re.fullmatch(r"\d{1,2}", number) and 1 <= int(number) <= 31:
            next_word = re.match(r"\s*([A-Za-z]+\.?)", text[match.end() : match.end() + 15])
            if prev in months or (next_word and next_word.group(1).lower() in months):
                return "date"
    if _norm(match.group(0)) == "one" and (
        following.startswith("of ") or prev in ("no", "every", "any", "each", "the", "this", "that")
    ):
        return "pronoun"  # "one of its allies", "no one": not a count of anything
    return "count"


#: No count of people comes near this (the world has about 8 * 10**9); longer digit strings are
#: identifiers or noise, and skipping them keeps every value inside a 64-bit integer.
_LARGEST = Decimal(10) ** 15


def _values(quantity: Quantity) -> list[Decimal | None]:
    return [quantity.value, quantity.low, quantity.best, quantity.high]


def _as_number(value: Decimal | None, rounding: str | None = None) -> float | int | None:
    if value is None:
        return None
    if rounding is not None:
        return int(value.to_integral_value(rounding=rounding))
    return int(value) if value == value.to_integral_value() else float(value)


def find_quantities(text: str, offset: int = 0) -> pd.DataFrame:
    """Every number phrase in ``text`` with its range and its role, in reading order.

    Columns: ``start``/``end`` (offsets into ``text`` shifted by ``offset``), ``text`` (the
    phrase, qualifier included), ``value`` (X as written; empty for a vague word), ``low``,
    ``best``, ``high`` (whole people: low rounded down, high up; empty = open or not stated,
    and empty for every role but ``count``), ``qualifier``, ``kind`` and ``role`` (see
    :data:`ROLES`). Never raises on odd text: what it cannot read it skips.
    """
    rows = []
    for match in _pattern().finditer(text):
        quantity = _quantity(match)
        if quantity is None or any(v is not None and v > _LARGEST for v in _values(quantity)):
            continue
        role = _role(text, match, quantity)
        counted = role == "count"
        rows.append(
            {
                "start": match.start() + offset,
                "end": match.end() + offset,
                "text": match.group(0),
                "value": _as_number(quantity.value),
                "low": _as_number(quantity.low, ROUND_FLOOR) if counted else None,
                "best": _as_number(quantity.best, "ROUND_HALF_EVEN") if counted else None,
                "high": _as_number(quantity.high, ROUND_CEILING) if counted else None,
                "qualifier": quantity.qualifier,
                "kind": quantity.kind,
                "role": role,
            }
        )
    frame = make_frame(rows, QUANTITY_COLUMNS)
    for column in ("low", "best", "high"):
        frame[column] = frame[column].astype("Int64")
    frame["value"] = frame["value"].astype("Float64")
    return frame


#: Columns of :func:`describe_phrases`.
PHRASE_COLUMNS = ("phrase", "low", "best", "high", "qualifier", "spread")


def describe_phrases(phrases: list[str]) -> pd.DataFrame:
    """How the grammar reads each phrase, and how vague it is.

    Columns: ``phrase``, ``low``, ``best``, ``high``, ``qualifier`` and ``spread`` (high / low:
    1.0 for an exact figure, about 5 for "tens of thousands", empty when an end is open). A
    phrase that is not a quantity gets empty values and the qualifier "not a quantity", so a
    student can try any wording without an error.
    """
    rows = []
    for phrase in phrases:
        quantity = parse_quantity(phrase)
        if quantity is None:
            rows.append({"phrase": phrase, "qualifier": "not a quantity"})
            continue
        low = _as_number(quantity.low, ROUND_FLOOR)
        high = _as_number(quantity.high, ROUND_CEILING)
        spread = round(high / low, 2) if low and high is not None else None
        rows.append(
            {
                "phrase": phrase, "low": low, "best": _as_number(quantity.best, "ROUND_HALF_EVEN"),
                "high": high, "qualifier": quantity.qualifier, "spread": spread,
            }
        )
    frame = make_frame(rows, PHRASE_COLUMNS)
    for column in ("low", "best", "high"):
        frame[column] = frame[column].astype("Int64")
    frame["spread"] = frame["spread"].astype("Float64")
    return frame
