"""Casualty and displacement figures: what each number in an article counts, and of what.

A number in a news sentence is a figure when it counts people: a casualty or displacement word
governs it ("has killed around 300,000", "scores of villagers were killed", "6.5 million
refugees") or it is followed by a noun for people ("48 Iranians"). For each figure this module
gives the range the quantity grammar reads (:mod:`analysis.quantities`), the ``measure`` it
counts, the event or period it ``refers_to`` ("Ethiopian civil war"), the ``place`` where the
article states one, and the date the count starts from (``period_start``, resolved by
:mod:`analysis.dates` against the publication date). Years, dates, ages and durations are never
figures: the grammar has already tagged them.

The words are data: ``data/lexicons/measures.csv`` (casualty and displacement cues) and
``data/lexicons/figure_nouns.csv`` (people nouns, event nouns, phrase boundaries).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.actors import extract_mentions
from analysis.article import Article
from analysis.dates import date_rows
from analysis.frames import Table, make_frame, records
from analysis.lexicons import read_lexicon
from analysis.quantities import grammar, original_span, quantities_in, visible_text

#: Columns of :func:`extract_figures`.
FIGURE_COLUMNS = (
    "figure_id", "quote", "number", "measure", "low", "best", "high", "bound", "qualifier", "unit",
    "refers_to", "event_class", "place", "actors", "period_start", "sentence_id", "start", "end",
)

#: What a figure can count.
MEASURES = ("killed", "displaced", "injured", "refugees", "missing", "detained", "other")

#: Tried first by the cue patterns: a cue starts where a word starts, so every other position
#: is skipped at once instead of trying each alternative (the scans stay cheap and linear).
_AT_WORD = r"(?=[^\W\d_])(?<!\w)"
_AFTER_WORDS = 8  # how far after a number (and its noun) a passive cue may stand
_PLACE_WORDS = r"[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*"


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern, list[tuple[str, re.Pattern]], re.Pattern]:
    """The "before" cues as one pattern anchored at the number; the "after" cues one by one,
    and all "after" cues as one pattern that finds the earliest in a single scan."""
    table = read_lexicon("measures.csv")
    before = table[table["position"] == "before"]
    groups = "|".join(
        f"(?P<m{i}>\\b(?:{cue}))" for i, cue in enumerate(before["cue"])
    )
    before_pattern = re.compile(rf"{_AT_WORD}(?:{groups})\s*$", re.IGNORECASE)
    after_rows = table[table["position"] == "after"]
    after = [
        (row.measure, re.compile(rf"\b(?:{row.cue})\b", re.IGNORECASE))
        for row in after_rows.itertuples()
    ]
    any_after = re.compile(
        _AT_WORD + "(?:" + "|".join(rf"(?:{cue})\b" for cue in after_rows["cue"]) + ")",
        re.IGNORECASE,
    )
    return before_pattern, after, any_after


@lru_cache(maxsize=1)
def _before_measures() -> list[str]:
    table = read_lexicon("measures.csv")
    return list(table.loc[table["position"] == "before", "measure"])


@lru_cache(maxsize=1)
def _nouns() -> dict[str, dict[str, str]]:
    table = read_lexicon("figure_nouns.csv")
    return {
        kind: dict(zip(group["word"], group["event_class"], strict=True))
        for kind, group in table.groupby("kind")
    }


@lru_cache(maxsize=1)
def _calendar_words() -> frozenset[str]:
    words = read_lexicon("date_words.csv")
    return frozenset(words.loc[words["kind"].isin(["month", "weekday"]), "word"])


def _is_people_noun(word: str, sentence_initial: bool) -> bool:
    if word.lower() in _nouns()["people"]:
        return True
    # A capitalised plural after a number ("48 Iranians", "1,300 Xandians") is a group of
    # people in news prose; month and weekday names are not.
    return (
        not sentence_initial
        and word[:1].isupper()
        and word.endswith("s")
        and word.lower().rstrip("s") not in _calendar_words()
        and word.lower() not in _calendar_words()
    )


_OF = re.compile(r"\s+of\b")
_NEXT_WORD = re.compile(r"\s+([A-Za-z][\w'’-]*)")
_CLAUSE_END = re.compile(r"[;:!?]|\.(?=\s|$)|\s(?:but|while|whereas)\s")
_WORD = re.compile(r"\S+")
_TOKEN = re.compile(r"[\w'’-]+")
_WINDOW = 240  # characters a figure's noun, cue or place may lie from its number (bounds scans)


def _counted_noun(text: str, end: int, limit: int) -> _Span | None:
    """The people noun a number counts: "people" in "tens of thousands of people"."""
    boundary = _nouns()["boundary"]
    limit = min(limit, end + _WINDOW)
    pos = end
    match = _OF.match(text, pos, limit)
    if match:
        pos = match.end()
    for _ in range(3):  # up to two modifiers: "48 Iranian pilgrims"
        match = _NEXT_WORD.match(text, pos, limit)
        if not match:
            return None
        word = match.group(1)
        if _is_people_noun(word, sentence_initial=False):
            return _Span(match.start(1), match.end(), word)
        if word.lower() in boundary:
            return None
        pos = match.end()
    return None


def _measure_before(text: str, sent_start: int, start: int) -> tuple[str, _Span] | None:
    pattern, _, _ = _cues()
    window_start = max(sent_start, start - 60)
    if not text[window_start:start].rstrip()[-1:].isalpha():
        return None  # every cue ends in a word ("killed", "toll of"): nothing to search
    match = pattern.search(text, window_start, start)
    if not match:
        return None
    for name, value in match.groupdict().items():
        if value is not None:
            measure = _before_measures()[int(name[1:])]
            return measure, _Span(match.start(name), match.end(name), value)
    return None


def _clause_end(text: str, pos: int, limit: int) -> int:
    match = _CLAUSE_END.search(text, pos, limit)
    return match.start() if match else limit


def _measure_after(text: str, pos: int, limit: int) -> tuple[str, _Span] | None:
    """The earliest "after" cue within a few words of the number; the longest where two start
    at the same word ("fled the country" over "fled")."""
    _, after, any_after = _cues()
    stop = _clause_end(text, pos, min(limit, pos + _WINDOW))
    words = list(_WORD.finditer(text, pos, stop))
    if len(words) > _AFTER_WORDS:
        stop = words[_AFTER_WORDS - 1].end()
    first = any_after.search(text, pos, stop)
    if first is None:
        return None
    best: tuple[str, _Span] | None = None
    for measure, pattern in after:
        match = pattern.match(text, first.start(), stop)
        if match is None:
            continue
        if best is None or match.end() > best[1].end:
            best = (measure, _Span(match.start(), match.end(), match.group(0)))
    return best


def _keep_modifier(token: str) -> bool:
    if token[:1].isupper() or token[:1].isdigit() or "-" in token:
        return True
    if token.endswith(("'s", "’s")):
        return True
    return token.lower().endswith(tuple(_nouns().get("modifier_suffix", {})))


def _event_phrase(text: str, noun_start: int, noun_end: int, sent_start: int) -> _Span:
    """The event noun with up to three modifiers before it ("Ethiopian civil war")."""
    boundary = _nouns()["boundary"]
    start = noun_start
    lo = max(sent_start, noun_start - _WINDOW)
    tokens = list(_TOKEN.finditer(text, lo, noun_start))
    for token in reversed(tokens[-3:]):
        word = token.group(0)
        gap = text[token.end() : start]
        if gap.strip() or word.lower() in boundary or not _keep_modifier(word):
            break
        start = token.start()
    return _Span(start, noun_end, text[start:noun_end])


@lru_cache(maxsize=1)
def _event_pattern() -> re.Pattern:
    words = sorted(_nouns()["event"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


def _events(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Every event noun of ``text[lo:hi]`` (found once per sentence), in reading order."""
    events = _nouns()["event"]
    found = _event_pattern().finditer(text, lo, hi)
    return [(m.start(), m.end(), events[m.group(0).lower()]) for m in found]


def _refers_to(
    text: str, sent_start: int, events: list[tuple[int, int, str]], starts: list[int],
    cue: _Span | None, number_start: int,
) -> tuple[_Span, str] | None:
    """The event a figure belongs to: the subject of an active cue, else the nearest event.

    "The border conflict has killed ..." and "a flood that killed ..." name the event
    before the cue; "dozens were killed in unrest" names it after. ``events`` are the
    sentence's event nouns and ``starts`` their start offsets (for a binary search).
    """
    anchor = cue.start if cue is not None else number_start
    after_from = cue.end if cue else number_start
    i_before = bisect.bisect_left(starts, anchor)  # events[:i] start before the anchor
    before = [e for e in events[max(0, i_before - 3) : i_before] if e[1] <= anchor]
    i_after = bisect.bisect_left(starts, after_from)
    after = events[i_after : i_after + 1]
    if cue is not None and cue.start < number_start and before:
        chosen = before[-1]
    elif after:
        chosen = after[0]
    elif before:
        chosen = before[-1]
    else:
        return None
    return _event_phrase(text, chosen[0], chosen[1], sent_start), chosen[2]


@lru_cache(maxsize=1)
def _place_pattern() -> re.Pattern:
    return re.compile(
        rf"{_AT_WORD}(?:in|across|inside|throughout)\s+(?:the\s+)?(?P<place>{_PLACE_WORDS}"
        rf"(?:(?:,\s*|\s+and\s+){_PLACE_WORDS})*)"
    )


def _place(text: str, pos: int, limit: int) -> _Span | None:
    """A place stated right after the figure: "in Kenya and Somalia", "across Kenya"."""
    stop = _clause_end(text, pos, min(limit, pos + _WINDOW))
    calendar = _calendar_words()
    for match in _place_pattern().finditer(text, pos, stop):
        parts = re.split(r",\s*|\s+and\s+", match.group("place"))
        parts = [p for p in parts if p.lower().rstrip(".") not in calendar]
        if parts and not re.search(r"\d", match.group("place")):
            name = " and ".join(parts) if len(parts) == 2 else ", ".join(parts)
            return _Span(match.start("place"), match.end("place"), name)
    return None


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    actor_id: str


@dataclass(frozen=True)
class _Date:
    start: int
    end: int
    date: str
    date_start: str


def _actors_in(mentions: list[_Mention], starts: list[int], spans: list[_Span | None]) -> str:
    """Actor ids of the mentions inside the given spans, in text order, "|"-joined."""
    ids: list[str] = []
    for span in spans:
        if span is None:
            continue
        i = bisect.bisect_left(starts, span.start)
        while i < len(mentions) and mentions[i].start < span.end:
            if mentions[i].end <= span.end and mentions[i].actor_id not in ids:
                ids.append(mentions[i].actor_id)
            i += 1
    return "|".join(ids)


def _period_start(
    dates: list[_Date], event: _Span | None, after: int, sent_end: int, published: object = None,
) -> str:
    """The date a figure counts from: a date inside its event ("a January 9 flood"),
    else the first date after the number in the sentence ("since it began in 2016")."""
    rows = [d for d in dates if d.date]
    if published is not None:  # a count cannot start after the article was written
        rows = [d for d in rows if d.date_start <= str(published)]
    if event is not None:
        inside = [d for d in rows if d.start >= event.start and d.end <= event.end]
        if inside:
            return inside[0].date
    later = [d for d in rows if d.start >= after and d.end <= sent_end]
    return later[0].date if later else ""


def figure_rows(
    text: str,
    sentences: list[tuple[int, int, int]],
    dates: list[_Date],
    mentions: list[_Mention],
    published: object = None,
) -> list[dict]:
    """The figures of ``text`` as plain rows (the frame-free core of :func:`extract_figures`).

    ``sentences`` are (sentence_id, start, end); ``dates`` and ``mentions`` carry article
    offsets. Matching runs on the visible text (:func:`analysis.quantities.visible_text`:
    bidi marks and zero-width spaces cannot hide a number or its words); every span is mapped
    back to ``text``. Each scan is bounded to a window around its number, so the cost grows
    linearly with the text however long a sentence is.
    """
    clean, index = visible_text(text)
    quantity_grammar = grammar()

    def to_clean(pos: int) -> int:
        return pos if index is None else bisect.bisect_left(index, pos)

    def span(start: int, end: int) -> tuple[int, int]:
        return original_span(index, start, end)

    def orig(s: _Span | None) -> _Span | None:
        if s is None:
            return None
        start, end = span(s.start, s.end)
        return _Span(start, end, text[start:end])

    dates = sorted(dates, key=lambda d: d.start)
    date_starts = [d.start for d in dates]
    mentions = sorted(mentions, key=lambda m: m.start)
    mention_starts = [m.start for m in mentions]
    rows = []
    for sentence_id, o_start, o_end in sentences:
        s_start, s_end = to_clean(o_start), to_clean(o_end)
        found = quantities_in(clean[s_start:s_end], quantity_grammar)
        found = [f for f in found if f.role == "count"]
        if not found:
            continue
        events = _events(clean, s_start, s_end)
        event_starts = [e[0] for e in events]
        lo, hi = bisect.bisect_left(date_starts, o_start), bisect.bisect_left(date_starts, o_end)
        sentence_dates = dates[lo:hi]
        for q in found:
            q_start, q_end = s_start + q.start, s_start + q.end
            noun = _counted_noun(clean, q_end, s_end)
            np_end = noun.end if noun else q_end
            hit = _measure_before(clean, s_start, q_start)
            if hit is None:
                hit = _measure_after(clean, q_end, s_end)
            if hit is None and noun is None:
                continue  # not a count of people: "its two allies", "thousands of rockets"
            measure, cue = hit if hit else ("other", None)
            start, end = span(min(q_start, cue.start if cue else q_start),
                              max(np_end, cue.end if cue else np_end))
            event = _refers_to(clean, s_start, events, event_starts, cue, q_start)
            event_span, event_class = (orig(event[0]), event[1]) if event else (None, "")
            place = orig(_place(clean, np_end, s_end))
            row = q.row()
            rows.append(
                {
                    "quote": text[start:end],
                    "number": text[span(q_start, q_end)[0] : span(q_start, q_end)[1]],
                    "measure": measure,
                    "low": row["low"],
                    "best": row["best"],
                    "high": row["high"],
                    "bound": row["bound"],
                    "qualifier": row["qualifier"],
                    "unit": "people",
                    "refers_to": event_span.text if event_span else "",
                    "event_class": event_class,
                    "place": place.text if place else "",
                    "actors": _actors_in(mentions, mention_starts,
                                         [orig(noun), event_span, place]),
                    "period_start": _period_start(
                        sentence_dates, event_span, span(q_start, q_end)[1], o_end, published,
                    ),
                    "sentence_id": sentence_id,
                    "start": start,
                    "end": end,
                }
            )
    return rows


def extract_figures(
    article: Article, dates: Table | None = None, mentions: Table | None = None
) -> pd.DataFrame:
    """Every figure of the article that counts people, with its range and provenance.

    Columns (see :data:`FIGURE_COLUMNS`): ``figure_id`` (F01, F02, ...), ``quote`` (the shortest
    span carrying the number and what it counts; verbatim ``text[start:end]``), ``number`` (the
    quantity phrase), ``measure`` (see :data:`MEASURES`), ``low``/``best``/``high`` (whole
    people; empty = open end or no point value), ``bound`` (closed | open: whether a stated
    low/high is itself included, see ``data/lexicons/quantities.csv``), ``qualifier``, ``unit``
    (people), ``refers_to`` (the event phrase as written), ``event_class`` (war | earthquake |
    disaster | violence), ``place`` (as stated after the figure), ``actors`` (ids from
    :func:`analysis.actors.extract_mentions` of the actors named in the counted noun,
    ``refers_to`` or ``place``, "|"-joined: "kenya|somalia"), ``period_start`` (ISO date at its
    precision: "2016", "2020-01-09"), ``sentence_id``, ``start``, ``end``.
    An article without figures gives an empty frame with these columns. ``dates`` and
    ``mentions`` are the article's dates and mentions layers (frames or their rows) when
    already computed.
    """
    found = date_rows(article) if dates is None else records(dates)
    dates = [_Date(int(d["start"]), int(d["end"]), str(d["date"]), str(d["date_start"]))
             for d in found]
    named = extract_mentions(article) if mentions is None else mentions
    mentions = [_Mention(int(m["start"]), int(m["end"]), str(m["actor_id"]))
                for m in records(named)]
    sentences = [(s.sentence_id, s.start, s.end) for s in article.sentence_rows]
    rows = figure_rows(article.text, sentences, dates, mentions, article.published)
    for index, row in enumerate(rows, start=1):
        row["figure_id"] = f"F{index:02d}"
    return make_frame(rows, FIGURE_COLUMNS, dict.fromkeys(("low", "best", "high"), "Int64"))
