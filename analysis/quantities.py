"""The quantity grammar: how a number phrase in prose becomes a low / best / high range.

News prose rarely gives exact counts: "around a quarter of a million", "tens of thousands",
"between 20 and 30", "no more than 50". No library turns such phrases into honest ranges
(quantulum3 adds a fraction word to "million" instead of multiplying), so this module is a small
grammar of our own. It finds every number phrase in a text, reads its value, and applies the
conventions of ``data/lexicons/quantities.csv`` (one row per convention, each tested): a vague
word gives an absolute range with no point value, a qualifier turns a number X into a range in X
("around X" = 0.9X to 1.1X), two numbers make a range. Floors and ceilings follow one bound
convention: ``low``/``high`` hold the number as written and ``bound`` says whether it is
included ("closed": "at least 30", "up to 50") or not ("open": "more than 30", "fewer than 50").

It also says what a number is *not*: a year, a date, a time, an age, a duration, money, a
percentage, a measurement or a magnitude (``data/lexicons/non_counts.csv``), so that "since
1998" or "January 9" never becomes a figure, while "killed 1500 people" stays a count (a number
next to a people noun or a casualty verb counts people). A signed number ("-5 people") is
``negative``, never a count. Arithmetic is done in :class:`~decimal.Decimal`, so "6.8 million"
is exactly 6,800,000.

Matching runs on a *visible* copy of the text (:func:`visible_text`): invisible format
characters (bidi controls, zero-width spaces) are dropped and a no-break or thin space between
digit groups reads as a thousands separator ("10 000" written with U+00A0 is 10,000); spans are
mapped back to the text as given. Every pattern is compiled once per lexicon content and runs in
linear time: each match attempt starts only at a token boundary and its repetitions are bounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, InvalidOperation
from functools import lru_cache

import pandas as pd

from analysis.frames import make_frame
from analysis.lexicons import alternation, read_lexicon

#: Columns of :func:`find_quantities`.
QUANTITY_COLUMNS = (
    "start", "end", "text", "value", "low", "best", "high", "bound", "qualifier", "kind", "role",
)

#: Roles a number can have; only ``count`` numbers can be figures.
ROLES = (
    "count", "year", "date", "time", "duration", "age", "money", "percent", "measurement",
    "magnitude", "pronoun", "negative",
)

#: How a stated low/high is meant (see ``data/lexicons/quantities.csv``).
BOUNDS = ("closed", "open")

#: No count of people comes near this (the world has about 8 * 10**9); larger values are
#: identifiers, noise or stacked scale words, and skipping them keeps every value in 64 bits.
_LARGEST = Decimal(10) ** 15


@dataclass(frozen=True)
class Quantity:
    """One number phrase read as a range.

    ``value`` is the number as written (X; the first number of a range); ``low``/``best``/
    ``high`` are ``None`` for an open end or a missing point value. ``kind`` is numeral | words
    | fraction | vague | range. ``bound`` says whether a stated low/high is included.
    """

    value: Decimal | None
    low: Decimal | None
    best: Decimal | None
    high: Decimal | None
    qualifier: str
    kind: str
    bound: str = "closed"


@dataclass(frozen=True)
class _Convention:
    low: str
    best: str
    high: str
    label: str
    bound: str


@dataclass(frozen=True)
class _Grammar:
    """Everything the grammar reads from the lexicons, compiled once per lexicon content."""

    pattern: re.Pattern
    number: re.Pattern  # one number ("five and a half million", "1.2m"), groups for reading it
    words: dict[str, tuple[Decimal, str]]
    fractions: dict[str, tuple[int, int]]
    vague: dict[str, tuple[Decimal, Decimal]]
    qualifiers: dict[str, _Convention]
    postfix: dict[str, _Convention]
    additional: _Convention
    range_label: str
    before: dict[str, str]
    symbols: tuple[str, ...]  # the "before" words that are signs ("$", "€"): may end a token
    after: re.Pattern  # a non-count word right after the number ("percent", "-hour")
    after_roles: dict[str, str]
    months: frozenset[str]
    people: frozenset[str]
    casualty: re.Pattern  # a casualty verb ending right before a number


def conventions() -> pd.DataFrame:
    """The conventions table (``data/lexicons/quantities.csv``), one row per convention."""
    return read_lexicon("quantities.csv")


def _rows(name: str, columns: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    table = read_lexicon(name)
    return tuple(tuple(str(row[c]) for c in columns) for row in table.to_dict("records"))


@lru_cache(maxsize=1)
def grammar() -> _Grammar:
    """The grammar built from the lexicon files (package data, read once per process; the
    compiled patterns are memoised on the lexicons' content). Passes that read many texts
    take it once and pass it on (``quantities_in(text, g)``)."""
    return _build_grammar(
        _rows("number_words.csv", ("word", "value", "kind")),
        _rows("quantities.csv", ("kind", "phrase", "low", "best", "high", "bound", "qualifier")),
        _rows("non_counts.csv", ("role", "position", "word")),
        _rows("date_words.csv", ("word", "kind")),
        _rows("figure_nouns.csv", ("word", "kind")),
        _rows("measures.csv", ("measure", "position", "cue")),
    )


def _alternation(phrases) -> str:
    """The phrases longest first, any white space between their words (a trie: see
    :func:`analysis.lexicons.alternation`)."""
    return alternation(phrases, spaces=True)


@lru_cache(maxsize=4)
def _build_grammar(number_words, quantity_rows, non_counts, date_rows, nouns, measures) -> _Grammar:
    words: dict[str, tuple[Decimal, str]] = {}
    fractions: dict[str, tuple[int, int]] = {}
    for word, value, kind in number_words:
        if kind == "fraction":
            numerator, denominator = value.split("/")
            fractions[word] = (int(numerator), int(denominator))
        else:
            words[word] = (Decimal(value), kind)
    vague: dict[str, tuple[Decimal, Decimal]] = {}
    qualifiers: dict[str, _Convention] = {}
    postfix: dict[str, _Convention] = {}
    additional = _Convention("", "", "", "additional", "closed")
    range_label = "range"
    for kind, phrases, low, best, high, bound, label in quantity_rows:
        convention = _Convention(low, best, high, label, bound)
        for phrase in (p.strip() for p in phrases.split("|")):
            if kind == "vague":
                vague[phrase] = (Decimal(low), Decimal(high))
            elif kind == "qualifier":
                qualifiers[phrase] = convention
            elif kind == "postfix":
                postfix[phrase] = convention
        if kind == "additional":
            additional = convention
        elif kind == "range":
            range_label = label
    before = {w: r for r, p, w in non_counts if p == "before"}
    after_roles = {w: r for r, p, w in non_counts if p == "after"}
    after = re.compile(
        r"\s*(?:-\s*)?(?P<word>" + "|".join(
            re.escape(w) for w in sorted(after_roles, key=len, reverse=True)
        ) + r")(?![a-z])", re.IGNORECASE,
    )
    months = frozenset(w for w, k in date_rows if k == "month")
    people = frozenset(w for w, k in nouns if k == "people")
    casualty = re.compile(
        "(?:" + "|".join(rf"\b(?:{cue})" for _, position, cue in measures if position == "before")
        + r")\s*$", re.IGNORECASE,
    )

    plain = [w for w, (_, k) in words.items() if k in ("unit", "teen", "ten", "hundred", "scale")]
    plain.append("dozen")
    scales = [w for w, (_, k) in words.items() if k in ("hundred", "scale")]
    suffixes = [w for w, (_, k) in words.items() if k == "suffix"]
    word = rf"(?:{_alternation(plain)})"
    # "a" counts as one only in front of a scale word: "a million", "a dozen".
    a_one = rf"an?\s+(?=(?:{_alternation(scales + ['dozen'])})\b)"
    wordseq = (
        rf"(?:{a_one})?{word}(?:(?:\s?-\s?|\s{{1,3}}|\s{{1,3}}and\s{{1,3}}){word})*"
        r"(?!-?(?:thirds?|quarters?|fifths?|tenths?)\b)"
    )
    scale = rf"(?:\s{{0,3}}(?:{_alternation(scales)})\b|(?:{_alternation(suffixes)})\b)"
    numeral = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!\d|[.,:]\d)"
    half = r"\s{1,3}and\s{1,3}an?\s{1,3}half"
    # one number: a numeral or words, "and a half", then a scale word shared by both parts
    number_body = (
        rf"(?:(?P<numeral>{numeral})|(?P<words>{wordseq}))(?P<half>{half})?(?P<scale>{scale})?"
    )
    one = number_body.replace("?P<numeral>", "?:").replace("?P<words>", "?:")
    one = one.replace("?P<half>", "?:").replace("?P<scale>", "?:")
    digits = rf"(?:{numeral}(?:{half})?(?:{scale})?)"  # "20-30": a hyphen joins numerals only
    fraction = (
        rf"(?:(?:(?:a|one)[\s-]+)?(?:{_alternation(fractions)})(?:\s+of)?\s+(?:the\s+)?)"
    )
    range_ = (
        rf"(?:between\s{{1,3}}(?P<r1>{one})\s{{1,3}}and\s{{1,3}}(?P<r2>{one})"
        rf"|from\s{{1,3}}(?P<f1>{one})\s{{1,3}}to\s{{1,3}}(?P<f2>{one})"
        rf"|(?P<b1>{digits})\s?[-–]\s?(?P<b2>{digits})"
        rf"|(?P<c1>{one})\s{{1,3}}to\s{{1,3}}(?P<c2>{one}))"
    )
    pattern = re.compile(
        # a number phrase starts with a letter, a digit or a sign: checking that first lets
        # the scan skip spaces and punctuation without trying every alternative
        r"(?=[^\W_]|[-−])(?<![\w.,/:])(?<![A-Za-z]-)"
        rf"(?P<qual>(?:{_alternation(qualifiers)})\s{{1,3}})?"
        rf"(?:(?P<vague>{_alternation(vague)})\b|(?P<range>{range_})(?![\w])"
        rf"|(?P<fraction>{fraction})?(?P<sign>(?<![\w-])[-−](?=\d))?(?P<number>{one}))"
        rf"(?P<post>\s{{1,3}}(?:{_alternation(postfix)})\b)?"
        r"(?P<more>\s+more\b(?!\s+than))?"
        r"(?![\w])",
        re.IGNORECASE,
    )
    return _Grammar(
        pattern=pattern,
        number=re.compile(number_body, re.IGNORECASE),
        words=words, fractions=fractions, vague=vague, qualifiers=qualifiers, postfix=postfix,
        additional=additional, range_label=range_label, before=before,
        symbols=tuple(w for w in before if not w.isalpha()), after=after,
        after_roles=after_roles,
        months=months, people=people, casualty=casualty,
    )


# --------------------------------------------------------------------------------------------
# The visible text


#: Bidi marks, embeddings and isolates, zero-width spaces and joiners, soft hyphen, BOM.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)
#: Digit groups joined by a no-break, figure, thin or narrow no-break space ("10 000"): only a
#: first group of one to three digits, so "in 1987 200 people" stays two numbers.
_GROUPED = re.compile("(?<![\\d.,])\\d{1,3}(?:[\u00a0\u2007\u2009\u202f]\\d{3})+(?!\\d)")
_GROUP_SPACE = re.compile("[\u00a0\u2007\u2009\u202f]")
_SPACES = re.compile("[\N{NO-BREAK SPACE}\N{OGHAM SPACE MARK}\N{EN QUAD}-\N{HAIR SPACE}"
                     "\N{NARROW NO-BREAK SPACE}\N{MEDIUM MATHEMATICAL SPACE}"
                     "\N{IDEOGRAPHIC SPACE}]")


def visible_text(text: str) -> tuple[str, list[int] | None]:
    """``text`` as a reader sees it, and where each of its characters came from.

    Invisible format characters (bidi marks and embeddings, zero-width spaces, soft hyphens)
    are dropped; a no-break, figure, thin or narrow no-break space between digit groups becomes
    a comma ("10 000" is ten thousand, as SI and French style write it); other Unicode spaces
    become plain spaces. The second value maps each position of the visible text (and its end)
    to the original text; ``None`` when nothing was dropped (positions are the same).
    """
    if text.isascii():
        return text, None
    index: list[int] | None = None
    if _INVISIBLE.search(text):
        parts, index, pos = [], [], 0
        for match in _INVISIBLE.finditer(text):
            parts.append(text[pos : match.start()])
            index.extend(range(pos, match.start()))
            pos = match.end()
        parts.append(text[pos:])
        index.extend(range(pos, len(text) + 1))
        text = "".join(parts)
    text = _GROUPED.sub(lambda m: _GROUP_SPACE.sub(",", m.group(0)), text)
    text = _SPACES.sub(" ", text)
    return text, index


def original_span(index: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """A span of the visible text as a span of the original text (see :func:`visible_text`)."""
    if index is None:
        return start, end
    return index[start], (index[end - 1] + 1 if end > start else index[start])


# --------------------------------------------------------------------------------------------
# Reading values


_SPACE_RUN = re.compile(r"\s+")
_WORD_SPLIT = re.compile(r"[\s-]+")
_FORMULA = re.compile(r"([\d.]*)X([+-]\d+)?")
_NEXT_WORDS = re.compile(r"\s*([\w'’-]+)")
_NEXT_TOKEN = re.compile(r"\s*([A-Za-z]+\.?)")


def _norm(text: str) -> str:
    return _SPACE_RUN.sub(" ", text.strip().lower())


def _words_value(g: _Grammar, text: str) -> Decimal | None:
    """The value of a well-formed number-word sequence, or ``None`` ("one one", "two hundred
    hundred"). Scale words close groups in descending order; a scale word right after another
    multiplies ("a thousand million")."""
    tokens = [t for t in _WORD_SPLIT.split(_norm(text)) if t]
    total, group = Decimal(0), Decimal(0)
    last, smallest_scale = "", None
    for i, token in enumerate(tokens):
        if token in ("a", "an"):
            if i != 0:
                return None
            last = "a"
            continue
        if token == "and":
            if last not in ("hundred", "scale"):
                return None
            last = "and"
            continue
        value, kind = g.words.get(token, (None, None))
        if value is None:
            return None
        if kind == "unit" and last in ("", "ten", "hundred", "scale", "and"):
            group += value
        elif kind in ("teen", "ten") and last in ("", "hundred", "scale", "and"):
            group += value
        elif kind == "hundred" and last in ("", "a", "unit", "teen") and group < 100:
            group = (group or 1) * value
        elif kind == "dozen" and last in ("", "a", "unit", "teen", "ten"):
            group = (group or 1) * value
        elif kind == "scale" and last == "scale":  # stacked: "a thousand million"
            total *= value
            smallest_scale = value
        elif kind == "scale" and last not in ("and",):
            if smallest_scale is not None and value >= smallest_scale:
                return None  # "three thousand two thousand"
            total += (group or 1) * value
            group, smallest_scale = Decimal(0), value
        else:
            return None
        last = kind
    if last in ("a", "and", ""):
        return None
    return total + group


def _numeral_value(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _number_value(g: _Grammar, text: str) -> tuple[Decimal | None, Decimal, str]:
    """(value, scale factor, kind) of one number as matched by the grammar ("2.5 million" ->
    2,500,000, 10**6, numeral)."""
    match = g.number.fullmatch(text.strip())
    if not match:
        return None, Decimal(1), ""
    if match.group("numeral"):
        value, kind = _numeral_value(match.group("numeral")), "numeral"
    else:
        value, kind = _words_value(g, match.group("words")), "words"
    if value is None:
        return None, Decimal(1), kind
    if match.group("half"):
        value += Decimal("0.5")
    factor = Decimal(1)
    scale = _norm(match.group("scale") or "")
    if not scale and kind == "words":
        last = _WORD_SPLIT.split(_norm(match.group("words")))[-1]
        if g.words.get(last, (0, ""))[1] in ("scale", "hundred"):
            factor = g.words[last][0]  # "three million": 10**6, shared by "two to three million"
        return value, factor, kind
    if scale:
        entry = g.words.get(scale)
        if entry is None:
            return None, factor, kind
        factor = entry[0]
    return value * factor, factor, kind


def _apply(formula: str, x: Decimal) -> Decimal | None:
    """Evaluate a convention cell: "" (open), "X", "0.9X", "X-1" or a plain number."""
    formula = formula.strip()
    if not formula:
        return None
    match = _FORMULA.fullmatch(formula)
    if not match:
        return Decimal(formula)
    factor = Decimal(match.group(1)) if match.group(1) else Decimal(1)
    shift = Decimal(match.group(2)) if match.group(2) else Decimal(0)
    return factor * x + shift


def _range(g: _Grammar, match: re.Match) -> Quantity | None:
    first, second = (
        next(match.group(f"{k}{i}") for k in "rfbc" if match.group(f"{k}{i}")) for i in (1, 2)
    )
    low, low_factor, _ = _number_value(g, first)
    high, high_factor, _ = _number_value(g, second)
    if low is None or high is None:
        return None
    if low_factor == 1 and high_factor > 1 and low <= high / high_factor:
        low *= high_factor  # "2 to 3 million": the scale belongs to both ends
    if low > high:
        return None  # "30-20" is a score or a typo, never a range that ends before it starts
    return Quantity(low, low, None, high, g.range_label, "range")


def _quantity(g: _Grammar, match: re.Match) -> Quantity | None:
    qual = g.qualifiers.get(_norm(match.group("qual") or ""))
    labels = [qual.label] if qual else []
    bound = qual.bound if qual else "closed"
    if match.group("vague"):
        low, high = g.vague[_norm(match.group("vague"))]
        best, value, kind = None, None, "vague"
        if qual and not qual.high:  # a floor ("more than dozens"): no ceiling any more
            high = None
        if qual and not qual.low:  # a ceiling ("up to thousands"): no floor any more
            low = None
        labels = labels or ["vague"]
    elif match.group("range"):
        # "around 20-30": no convention says what a qualified range means, so it is refused
        return None if qual else _range(g, match)
    else:
        value, _, kind = _number_value(g, match.group("number"))
        if value is None:
            return None
        if match.group("sign"):
            value = -value  # "-5 people": kept as written, its role says it is not a count
        if match.group("fraction"):
            head = re.sub(r"(?:\s+(?:of|the))+$", "", _norm(match.group("fraction"))).split()[-1]
            ratio = g.fractions.get(head) or g.fractions.get(head.split("-")[-1])
            if ratio is None:
                return None
            value = value * ratio[0] / ratio[1]
            kind = "fraction"
        post = g.postfix.get(_norm(match.group("post") or ""))
        if qual and post:
            return None  # "more than 50 or more": contradictory
        rule = qual or post
        if rule:
            low, best, high = (_apply(f, value) for f in (rule.low, rule.best, rule.high))
            labels, bound = [rule.label], rule.bound
        else:
            low = best = high = value
            labels = ["none"]
    if match.group("more"):
        labels = [label for label in labels if label not in ("none", "vague")] + [
            g.additional.label
        ]
    return Quantity(value, low, best, high, ", ".join(labels), kind, bound)


def parse_quantity(phrase: str) -> Quantity | None:
    """Read one number phrase ("around a quarter of a million", "between 20 and 30") as a range.

    Returns ``None`` when the whole phrase is not a quantity. Use :func:`find_quantities` to
    find quantities inside running text.
    """
    g = grammar()
    clean, _ = visible_text(phrase.strip())
    match = g.pattern.fullmatch(clean)
    if not match:
        return None
    quantity = _quantity(g, match)
    if quantity is None or any(v is not None and v > _LARGEST for v in _values(quantity)):
        return None
    return quantity


# --------------------------------------------------------------------------------------------
# Roles


_YEAR = re.compile(r"\d{4}")


def _token_before(text: str, start: int) -> str:
    parts = text[max(0, start - 40) : start].rsplit(None, 1)
    return parts[-1].lower() if parts else ""


def _counts_people(g: _Grammar, text: str, start: int, end: int, prev: str) -> bool:
    """A people noun within two words after the number, or a casualty verb right before it."""
    pos = end
    for _ in range(3):  # the next word, past "of", "the", "more", "other"
        match = _NEXT_WORDS.match(text, pos, end + 60)
        if match is None:
            break
        word = match.group(1)
        if word.lower() in g.people or (word[:1].isupper() and word.endswith("s")
                                        and word.lower() not in g.months):
            return True
        if word.lower() not in ("of", "the", "more", "other"):
            break
        pos = match.end()
    if not prev[-1:].isalpha():  # every casualty cue ends in a letter ("killed", "toll of")
        return False
    return bool(g.casualty.search(text, max(0, start - 60), start))


def _is_year(number: str) -> bool:
    return bool(_YEAR.fullmatch(number)) and 1500 <= int(number) <= 2199


def _role(g: _Grammar, text: str, match: re.Match) -> str:
    """What a number is when it is not a count of people (or ``count``)."""
    hit = g.after.match(text, match.end(), match.end() + 40)
    if hit:
        return g.after_roles[hit.group("word").lower()]
    following = text[match.end() : match.end() + 40].lower().lstrip()
    prev = _token_before(text, match.start())
    if prev in g.before:
        return g.before[prev]
    for symbol in g.symbols:
        if prev.endswith(symbol):
            return g.before[symbol]
    if match.group("sign"):
        return "negative"
    if match.group("range"):
        numbers = [(match.group(f"{k}{i}") or "").strip() for k in "rfbc" for i in (1, 2)]
        numbers = [n for n in numbers if n]
    elif match.group("qual") or match.group("fraction"):
        numbers = []
    else:
        numbers = [(match.group("number") or "").strip()]
    if numbers and not _counts_people(g, text, match.start(), match.end(), prev):
        if all(_is_year(n) for n in numbers):
            return "year"
        small = all(re.fullmatch(r"\d{1,2}", n) and 1 <= int(n) <= 31 for n in numbers)
        if small:
            next_word = _NEXT_TOKEN.match(text, match.end(), match.end() + 15)
            following_word = next_word.group(1).lower() if next_word else ""
            if prev in g.months or following_word in g.months or (
                following_word.rstrip(".") in g.months
            ):
                return "date"
    if _norm(match.group(0)) == "one" and (
        following.startswith("of ") or prev in ("no", "every", "any", "each", "the", "this", "that")
    ):
        return "pronoun"  # "one of its allies", "no one": not a count of anything
    return "count"


# --------------------------------------------------------------------------------------------
# Finding quantities


def _values(quantity: Quantity) -> list[Decimal | None]:
    return [quantity.value, quantity.low, quantity.best, quantity.high]


def _as_number(value: Decimal | None, rounding: str | None = None) -> float | int | None:
    if value is None:
        return None
    if rounding is not None:
        return int(value.to_integral_value(rounding=rounding))
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass(frozen=True)
class Found:
    """One quantity found in a text: its span (in the text as given), phrase and role."""

    start: int
    end: int
    text: str
    quantity: Quantity
    role: str

    def row(self, offset: int = 0) -> dict:
        """The quantity as a row of :func:`find_quantities` (whole people for counts)."""
        q, counted = self.quantity, self.role == "count"
        return {
            "start": self.start + offset,
            "end": self.end + offset,
            "text": self.text,
            "value": _as_number(q.value),
            "low": _as_number(q.low, ROUND_FLOOR) if counted else None,
            "best": _as_number(q.best, "ROUND_HALF_EVEN") if counted else None,
            "high": _as_number(q.high, ROUND_CEILING) if counted else None,
            "bound": q.bound,
            "qualifier": q.qualifier,
            "kind": q.kind,
            "role": self.role,
        }


_NOUN_THEN_POSTFIX = re.compile(r"\s{1,3}([A-Za-z][\w'’-]*)(\s{1,3}or\s{1,3}[a-z]+)\b")


def _postfix_after_noun(g: _Grammar, text: str, match: re.Match, quantity: Quantity) -> Quantity:
    """"300 people or more": a floor (or ceiling) stated after the counted noun."""
    if quantity.qualifier != "none" or quantity.kind in ("vague", "range"):
        return quantity
    after = _NOUN_THEN_POSTFIX.match(text, match.end(), match.end() + 60)
    if not after or after.group(1).lower() not in g.people:
        return quantity
    rule = g.postfix.get(_norm(after.group(2)))
    if rule is None:
        return quantity
    x = quantity.value
    low, best, high = (_apply(f, x) for f in (rule.low, rule.best, rule.high))
    return Quantity(x, low, best, high, rule.label, quantity.kind, rule.bound)


def quantities_in(text: str, g: _Grammar | None = None) -> list[Found]:
    """Every number phrase of ``text`` as plain records, in reading order (the frame-free core
    of :func:`find_quantities`, for passes that work on plain Python structures)."""
    g = g or grammar()
    clean, index = visible_text(text)
    found = []
    for match in g.pattern.finditer(clean):
        quantity = _quantity(g, match)
        if quantity is None or any(v is not None and v > _LARGEST for v in _values(quantity)):
            continue
        quantity = _postfix_after_noun(g, clean, match, quantity)
        start, end = original_span(index, match.start(), match.end())
        found.append(Found(start, end, text[start:end], quantity, _role(g, clean, match)))
    return found


def find_quantities(text: str, offset: int = 0) -> pd.DataFrame:
    """Every number phrase in ``text`` with its range and its role, in reading order.

    Columns: ``start``/``end`` (offsets into ``text`` shifted by ``offset``), ``text`` (the
    phrase, qualifier included, verbatim), ``value`` (X as written; empty for a vague word),
    ``low``, ``best``, ``high`` (whole people: low rounded down, high up; empty = open or not
    stated, and empty for every role but ``count``), ``bound`` (closed | open: whether a stated
    low/high is itself included), ``qualifier``, ``kind`` and ``role`` (see :data:`ROLES`).
    Never raises on odd text: what it cannot read it skips.
    """
    return make_frame([f.row(offset) for f in quantities_in(text)], QUANTITY_COLUMNS,
                      {"low": "Int64", "best": "Int64", "high": "Int64", "value": "Float64"})


#: Columns of :func:`describe_phrases`.
PHRASE_COLUMNS = ("phrase", "low", "best", "high", "bound", "qualifier", "spread")


def describe_phrases(phrases: list[str]) -> pd.DataFrame:
    """How the grammar reads each phrase, and how vague it is.

    Columns: ``phrase``, ``low``, ``best``, ``high``, ``bound``, ``qualifier`` and ``spread``
    (high / low: 1.0 for an exact figure, about 5 for "tens of thousands", empty when an end is
    open). A phrase that is not a quantity gets empty values and the qualifier "not a
    quantity", so a student can try any wording without an error.
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
                "high": high, "bound": quantity.bound, "qualifier": quantity.qualifier,
                "spread": spread,
            }
        )
    frame = make_frame(rows, PHRASE_COLUMNS)
    for column in ("low", "best", "high"):
        frame[column] = frame[column].astype("Int64")
    frame["spread"] = frame["spread"].astype("Float64")
    return frame
