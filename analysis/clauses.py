"""The clause layer: each sentence cut into clauses, each with its verb group read once.

Dates, meetings, relations, events and attributions all need to know, for a word of a
sentence, which clause it sits in and what that clause's verb says: its **tense** (past /
present / future), **aspect** (simple / perfect / progressive), **voice** (active / passive),
**modality** ("will", "might", "is due to", "hopes to", "refused to" ... and the *mood* they
give: planned, possible, intended, agreed, refused, failed) and **negation** ("not", "never",
"has yet to", "without", "no" before the subject). This module is the one place that reads
that; the others ask it (:func:`sentence_clauses`, :func:`clause_at`, :func:`clause_tense`).

How a sentence is cut, in order (every step a single left-to-right pass over its tokens):

1. **Tokens** by one linear regex (words with inner apostrophes or hyphens, numbers, single
   punctuation marks).
2. **Verb groups**: a modal or an auxiliary ("will", "has", "was") with the adverbs, negators
   and verbs after it ("will not be held"); a past form (irregular from ``tense_cues.csv`` or
   "-ed" by rule); a known present form (a reporting verb, "is"); an "-ing" word after a
   preposition ("despite holding", a gerund) or after "be" ("is meeting"). A catenative ("due
   to", "plans to", "agreed to", any verb + "to" + verb) carries the infinitive into the group,
   so "is due to arrive" is one group whose modality is "due to".
3. **Segments**: punctuation breaks (commas, semicolons, colons, brackets, quotes, dashes), a
   subordinator ("that", "which", "when" ...), a coordinator between two finite groups ("met ...
   and will meet"), and the start of a reported clause after a reporting verb without "that"
   ("said on Monday he might meet": the new clause starts at "he").
4. **Clauses**: a segment without a verb group (a list item, "On Monday", an apposition) joins
   the clause before it (or the next one at the start of the sentence).

Why not spaCy: no trained model may be installed, and a blank pipeline gives tokens only, with
no tags; the grammar above would be the same code over spaCy tokens, plus the cost of building
a ``Doc``. One regex token pass and dictionary look-ups are simpler and several times faster.

Nothing here raises on odd text: a sentence it cannot analyse gives clauses with empty fields.
The words are data: ``data/lexicons/tense_cues.csv`` (tense, modality, negation) and
``data/lexicons/clause_words.yml`` (auxiliaries, subordinators, determiners ...).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
import yaml

from analysis.article import Article
from analysis.frames import make_frame
from analysis.lexicons import lexicon_rows, read_lexicon
from analysis.paths import LEXICONS_DIR

#: Columns of :func:`extract_clauses`.
CLAUSE_COLUMNS = (
    "clause_id",
    "sentence_id",
    "start",
    "end",
    "quote",
    "link",
    "verb",
    "verb_start",
    "verb_end",
    "finite",
    "tense",
    "tense_cue",
    "aspect",
    "voice",
    "modality",
    "mood",
    "negated",
    "negation",
    "subject",
    "subject_start",
    "subject_end",
    "object",
    "object_start",
    "object_end",
)

#: Columns of the clauses frame that are not text (the provenance ones are integers anyway).
_CLAUSE_DTYPES = {
    **dict.fromkeys(("verb_start", "verb_end", "subject_start", "subject_end", "object_start",
                     "object_end"), "int64"),
    "finite": "bool",
    "negated": "bool",
}

TENSES = ("past", "present", "future")
MOODS = ("planned", "possible", "intended", "agreed", "refused", "failed")

# Words (with inner apostrophes or hyphens), numbers, or one punctuation mark: linear, since
# each repeated group starts with a character the group before cannot match.
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*(?:-[A-Za-z]+)*|\d+(?:[.,:]\d+)*|[^\w\s]")
_BREAK_PUNCT = frozenset(";:()[]\"“”—–")


# --------------------------------------------------------------------------------------------
# Lexicons


@dataclass(frozen=True)
class Cue:
    """One row of ``tense_cues.csv``."""

    tense: str
    kind: str
    mood: str


@dataclass(frozen=True)
class _Words:
    cues: dict[str, Cue]  # one word
    phrases: dict[tuple[str, ...], Cue]  # several words, first word -> longest first
    phrase_starts: frozenset[str]  # the first words of ``phrases``
    aux: dict[str, tuple[str, str]]  # form -> (verb, tense)
    subordinators: frozenset[str]
    coordinators: frozenset[str]
    links: frozenset[str]
    gerund_preps: frozenset[str]
    adverbs: frozenset[str]
    determiners: frozenset[str]
    pronouns: frozenset[str]
    prepositions: frozenset[str]
    ing_nouns: frozenset[str]
    reporting: frozenset[str]
    calendar: frozenset[str]


@lru_cache(maxsize=1)
def tense_cues() -> dict[str, tuple[str, str]]:
    """cue -> (tense, kind), from ``data/lexicons/tense_cues.csv``."""
    rows = lexicon_rows("tense_cues.csv")
    return {row["cue"]: (row["tense"], row["kind"]) for row in rows}


@lru_cache(maxsize=1)
def _words() -> _Words:
    rows = lexicon_rows("tense_cues.csv")
    cues: dict[str, Cue] = {}
    phrases: dict[tuple[str, ...], Cue] = {}
    for row in rows:
        cue = Cue(row["tense"], row["kind"], row.get("mood", "") or "")
        parts = tuple(row["cue"].lower().split())
        if len(parts) == 1:
            cues[parts[0]] = cue
        else:
            phrases[parts] = cue
    closed = yaml.safe_load((LEXICONS_DIR / "clause_words.yml").read_text(encoding="utf-8"))
    aux = {
        form: (verb, tense or "")
        for verb, forms in closed["auxiliaries"].items()
        for form, tense in forms.items()
    }
    reporting = read_lexicon("reporting_verbs.csv")["form"].str.lower()
    dates = read_lexicon("date_words.csv")
    calendar = dates.loc[dates["kind"].isin(["month", "weekday", "relative_day"]), "word"]

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in closed[key])

    return _Words(
        cues=cues,
        phrases=phrases,
        phrase_starts=frozenset(parts[0] for parts in phrases),
        aux=aux,
        subordinators=words("subordinators"),
        coordinators=words("coordinators"),
        links=words("coordinators") | words("links_between_verbs"),
        gerund_preps=words("gerund_prepositions"),
        adverbs=words("adverbs"),
        determiners=words("determiners"),
        pronouns=words("pronouns"),
        prepositions=words("prepositions"),
        ing_nouns=words("ing_nouns"),
        reporting=frozenset(reporting),
        calendar=frozenset(w.lower().rstrip(".") for w in calendar),
    )


# --------------------------------------------------------------------------------------------
# The layer's types


@dataclass(frozen=True)
class Tense:
    """The tense of a clause and the word that decided it."""

    tense: str  # future | past | present | unknown
    cue: str = ""
    where: str = ""  # in clause | clause before | clause after | marker


@dataclass(frozen=True)
class Clause:
    """One clause of a sentence; offsets are sentence-relative (``-1`` when absent).

    ``link`` is the word that opened it ("that", "when", "and") or "" for a main clause;
    ``finite`` is False for a clause whose verb is a gerund or an infinitive only (its time is
    its neighbours'); ``mood`` summarises the modality (planned, possible, intended, agreed,
    refused, failed) and is "" for a plain statement.
    """

    index: int
    start: int
    end: int
    link: str = ""
    verb_start: int = -1
    verb_end: int = -1
    verb: str = ""
    finite: bool = False
    tense: str = ""
    tense_cue: str = ""
    aspect: str = ""
    voice: str = ""
    modality: str = ""
    mood: str = ""
    negated: bool = False
    negation: str = ""
    subject: tuple[int, int] = (-1, -1)
    object: tuple[int, int] = (-1, -1)

    def contains(self, start: int, end: int | None = None) -> bool:
        """Whether the sentence span ``start..end`` (or the offset ``start``) lies inside."""
        end = start + 1 if end is None else end
        return self.start <= start and end <= max(self.end, start + 1)


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    low: str


@dataclass(slots=True)
class _Group:
    first: int  # token indexes, inclusive
    last: int
    strength: int  # 3 modal/aux, 2 known or past verb, 1 guessed present, 0 non-finite
    tense: str = ""
    tense_cue: str = ""
    aspect: str = ""
    voice: str = ""
    modality: str = ""
    mood: str = ""
    negation: str = ""
    reporting: bool = False


# --------------------------------------------------------------------------------------------
# Verb groups


def _tokens(sentence: str) -> list[_Tok]:
    low = sentence.lower().replace("’", "'")
    if len(low) != len(sentence):  # a character whose lower case is longer: token by token
        return [_Tok(m.start(), m.end(), m.group(0), m.group(0).lower().replace("’", "'"))
                for m in _TOKEN.finditer(sentence)]
    # tokens are ASCII words, digits and single marks, whose lower case does not depend on
    # the characters around them: slicing the lowered sentence is lowering each token
    return [_Tok(s, e, sentence[s:e], low[s:e])
            for s, e in (m.span() for m in _TOKEN.finditer(sentence))]


def _is_word(t: _Tok) -> bool:
    return t.text[0].isalpha()


def _capitalised(toks: list[_Tok], i: int) -> bool:
    """A capital that is not merely the first word of the sentence."""
    return toks[i].text[0].isupper() and i > 0 and toks[i - 1].text not in "\"“(‘'"


def _past_form(w: _Words, toks: list[_Tok], i: int) -> bool:
    t = toks[i]
    if not _is_word(t) or _capitalised(toks, i):
        return False
    cue = w.cues.get(t.low)
    if cue is not None:
        return cue.kind == "verb" and cue.tense == "past"
    if not (t.low.endswith("ed") and len(t.low) > 4 and "-" not in t.low):
        return False
    prev = toks[i - 1].low if i > 0 else ""
    return prev not in w.determiners  # "the agreed plan", "an armed group"


def _base_verb(w: _Words, toks: list[_Tok], i: int) -> bool:
    """Could the token at ``i`` be a verb after a modal, an auxiliary or "to"?"""
    if i >= len(toks):
        return False
    t = toks[i]
    if not _is_word(t) or t.text[0].isupper():
        return False
    low = t.low
    return not (
        low in w.determiners
        or low in w.pronouns
        or low in w.prepositions
        or low in w.subordinators
        or low in w.coordinators
    )


def _phrase_at(w: _Words, toks: list[_Tok], i: int) -> tuple[int, Cue] | None:
    """(length, cue) of the longest multi-word cue starting at token ``i``."""
    if i >= len(toks) or toks[i].low not in w.phrase_starts:
        return None  # most words start no cue: one set look-up instead of two tuple look-ups
    best = None
    for n in (3, 2):
        key = tuple(t.low for t in toks[i : i + n])
        if len(key) == n and key in w.phrases:
            best = (n, w.phrases[key])
            break
    return best


def _catenative(toks: list[_Tok], i: int, phrase: tuple[int, Cue]) -> bool:
    """A marker that belongs to a verb group ("due to", "scheduled for"), not one that only
    dates a noun ("ahead of", "prepare for"); a "to" followed by a determiner is a preposition
    ("agreed to the proposal", "due to the storm"), not the start of a verb."""
    after = toks[i + phrase[0]].low if i + phrase[0] < len(toks) else ""
    if toks[i + phrase[0] - 1].low == "to" and after in _words().determiners:
        return False
    return phrase[1].kind == "marker" and (
        toks[i + phrase[0] - 1].low == "to" or bool(phrase[1].mood)
    )


def _negator(w: _Words, low: str) -> bool:
    cue = w.cues.get(low)
    return (cue is not None and cue.kind == "negation") or low.endswith("n't")


def _extend(w: _Words, toks: list[_Tok], g: _Group) -> None:
    """Grow a group rightwards over adverbs, negators, auxiliaries, the lexical verb and any
    catenative "to" + verb ("plans to meet", "is due to arrive")."""
    j = g.last + 1
    tail = toks[g.last].low
    need_verb = (
        tail in w.aux or tail == "to" or tail.endswith("n't")
        or w.cues.get(tail, Cue("", "", "")).kind == "modal"
    )
    while j < len(toks):
        t = toks[j]
        if not _is_word(t):
            break
        phrase = _phrase_at(w, toks, j)
        if phrase is not None and phrase[1].kind == "negation":
            g.negation = g.negation or " ".join(x.text for x in toks[j : j + phrase[0]])
            g.last = j + phrase[0] - 1
            j = g.last + 1
            need_verb = True
            continue
        if _negator(w, t.low) and t.low not in ("no", "without", "neither", "nor"):
            g.negation = g.negation or t.text
            g.last, j = j, j + 1
            continue
        if t.low in w.adverbs and t.low != "no":
            j += 1  # only kept when a verb follows
            continue
        if (
            need_verb and t.low in w.prepositions and j + 2 < len(toks)
            and toks[j + 1].low.rstrip(".") in w.calendar and _past_form(w, toks, j + 2)
        ):
            j += 2  # "had in January said"
            continue
        if t.low in w.aux and not _capitalised(toks, j):
            g.last, j = j, j + 1
            need_verb = True
            continue
        if phrase is not None and _catenative(toks, j, phrase):
            g.modality = g.modality or " ".join(x.low for x in toks[j : j + phrase[0]])
            g.mood = g.mood or phrase[1].mood
            if phrase[1].tense == "future":
                g.tense, g.tense_cue = "future", " ".join(x.low for x in toks[j : j + phrase[0]])
            g.last = j + phrase[0] - 1
            j = g.last + 1
            need_verb = toks[g.last].low == "to"
            continue
        if need_verb and _base_verb(w, toks, j):
            g.last, j = j, j + 1
            need_verb = False
            continue
        if t.low == "to" and not need_verb and _base_verb(w, toks, j + 1):
            g.last, j = j + 1, j + 2  # a catenative: "tried to reach", "traveled to meet"
            continue
        break


def _verb_groups(w: _Words, toks: list[_Tok]) -> list[_Group]:
    groups: list[_Group] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if not _is_word(t):
            i += 1
            continue
        low, cap = t.low, _capitalised(toks, i)
        cue = w.cues.get(low)
        phrase = _phrase_at(w, toks, i)
        g = None
        if phrase is not None and _catenative(toks, i, phrase) and not cap:
            g = _Group(i, i + phrase[0] - 1, 3)
            g.modality = " ".join(x.low for x in toks[i : i + phrase[0]])
            g.mood = phrase[1].mood
            g.tense = phrase[1].tense if phrase[1].tense != "none" else ""
            g.tense_cue = g.modality
        elif cue is not None and cue.kind == "modal" and not cap:
            g = _Group(i, i, 3, tense=cue.tense, tense_cue=low, modality=low, mood=cue.mood)
        elif low.endswith("'ll"):
            g = _Group(i, i, 3, tense="future", tense_cue=low, modality="will", mood="planned")
        elif low in w.aux and not cap:
            tense = w.aux[low][1]
            if low.endswith("n't"):
                g = _Group(i, i, 3, tense=tense, tense_cue=low, negation=low)
            else:
                g = _Group(i, i, 3 if tense else 0, tense=tense, tense_cue=low if tense else "")
        elif low.endswith("n't") and low[:-3] in ("won", "wo"):
            g = _Group(i, i, 3, "future", low, modality="will", mood="planned", negation=low)
        elif low.endswith("n't"):
            base = low[:-3]
            tense = w.aux.get(base, ("", ""))[1] or (w.cues.get(base, Cue("", "", "")).tense)
            g = _Group(i, i, 3, tense=tense if tense != "none" else "", tense_cue=low,
                       negation=low)
        elif low == "to" and _base_verb(w, toks, i + 1) and not (
            i > 0 and toks[i - 1].low in w.cues
        ):
            # "Leaders to meet on Friday" (headline style), "... to meet him": a plan
            strength = 1 if i > 0 and _is_word(toks[i - 1]) else 0
            g = _Group(i, i, strength, "future", f"to {toks[i + 1].low}", modality="to",
                       mood="planned")
        elif _past_form(w, toks, i):
            g = _Group(i, i, 2, tense="past", tense_cue=low)
        elif low in w.reporting and not cap:
            g = _Group(i, i, 2, tense="present" if low.endswith("s") else "past", tense_cue=low)
            if low in ("say", "tell"):
                g = _Group(i, i, 1, tense="present", tense_cue=low)
        elif low.endswith("ing") and low not in w.ing_nouns and len(low) > 4:
            prev = toks[i - 1].low if i > 0 else ""
            first = i == 0 or not _is_word(toks[i - 1])
            if prev in w.gerund_preps or (first and toks[i + 1:i + 2] and _is_word(toks[i + 1])):
                g = _Group(i, i, 0)
        elif (
            low.endswith("s") and not low.endswith(("ss", "us", "is", "ics"))
            and len(low) > 3 and i > 0 and not low[0].isdigit()
            and (toks[i - 1].low in ("he", "she", "it", "who", "which", "that", "also")
                 or (toks[i - 1].text[0].isupper() and not cap and _object_next(w, toks, i + 1)))
        ):
            g = _Group(i, i, 1, tense="present", tense_cue=low)
        elif (cap and low.endswith("s") and i > 0 and toks[i - 1].text[0].isupper()
              and low[:-1] in _known_verb_stems()):
            g = _Group(i, i, 1, tense="present", tense_cue=low)  # a headline: "X Meets Y"
        if g is None:
            i += 1
            continue
        _extend(w, toks, g)
        _describe_group(w, toks, g)
        groups.append(g)
        i = g.last + 1
    return groups


def _object_next(w: _Words, toks: list[_Tok], i: int) -> bool:
    """Does an object start at token ``i`` ("X backs Y", "X supports the plan")?"""
    if i >= len(toks) or not _is_word(toks[i]):
        return False
    t = toks[i]
    return t.text[0].isupper() or t.low in w.determiners or t.low in ("him", "her", "them")


@lru_cache(maxsize=1)
def _known_verb_stems() -> frozenset[str]:
    """Stems of verbs a headline may write in Title Case ("Meets", "Visits", "Says")."""
    w = _words()
    stems = {f[:-1] for f in w.reporting if f.endswith("s")}
    cues = read_lexicon("meeting_cues.csv")
    for pattern in cues.loc[cues["part"] == "verb", "pattern"]:
        stems.update(re.findall(r"\b([a-z]{3,})s\b", pattern))
    return frozenset(stems)


def _describe_group(w: _Words, toks: list[_Tok], g: _Group) -> None:
    """Tense, aspect and voice of a grown group."""
    words = [t.low for t in toks[g.first : g.last + 1]]
    lexical = [x for x in words if x not in w.adverbs and not _negator(w, x) and x != "to"]
    has_perfect = any(w.aux.get(x, ("",))[0] == "have" for x in words)
    last = lexical[-1] if lexical else ""
    prev = lexical[-2] if len(lexical) > 1 else ""
    participle = last.endswith("ed") or (
        w.cues.get(last, Cue("", "", "")).kind == "verb" and last not in ("is", "are")
    )
    progressive = last.endswith("ing") and w.aux.get(prev, ("",))[0] == "be"
    if has_perfect and progressive:
        g.aspect = "perfect progressive"
    elif has_perfect and (participle or last in ("been",)):
        g.aspect = "perfect"
    elif progressive:
        g.aspect = "progressive"
    elif g.strength > 0:
        g.aspect = "simple"
    passive = participle and w.aux.get(prev, ("",))[0] == "be" and not last.endswith("ing")
    if g.strength > 0 or lexical:
        g.voice = "passive" if passive else "active"
    if not g.tense and g.strength == 0:
        g.voice = "passive" if passive else ("active" if lexical else "")
    if not g.modality:
        for x in words:
            cue = w.cues.get(x)
            if cue is not None and cue.kind == "modal":
                g.modality, g.mood = x, cue.mood
                break
    if g.tense == "past" and words and words[0] in ("has", "have", "'ve") and g.aspect:
        g.tense, g.tense_cue = "past", words[0]
    if words and words[0] in w.reporting:
        g.reporting = True
    elif lexical and lexical[-1] in w.reporting and g.strength >= 2:
        g.reporting = True


# --------------------------------------------------------------------------------------------
# Segments and clauses


def _subject_start(w: _Words, toks: list[_Tok], after: int, verb: int) -> int:
    """Where the subject of the verb group at ``verb`` starts, looking back no further than
    ``after`` (the end of a reporting verb group): back to a pronoun or a determiner ("he",
    "the talks with the rebels", "he and his counterparts"); a date word, a subordinator or a
    coordinator ends the look-back; without a determiner, the subject starts after the
    preposition nearest the verb ("said on Friday Oslo would": Oslo)."""
    k = verb - 1
    start = verb
    fallback = verb
    while k > after:
        t = toks[k]
        if not _is_word(t) or t.low in w.calendar:
            break
        if t.low in w.subordinators or t.low in w.coordinators:
            break
        if t.low in w.prepositions:
            fallback = min(fallback, start) if fallback == verb else fallback
            k -= 1
            continue
        start = k
        if t.low in w.pronouns or t.low in w.determiners:
            if k - 2 > after and toks[k - 1].low in ("and", "or"):
                k -= 2  # "he and his counterparts failed": a coordinated subject
                continue
            return start
        k -= 1
    return start if fallback == verb else fallback


def scare_quote_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of quotation marks around at most three words ("had "useful" talks"): a
    scare quote inside a clause, not the edge of a quoted statement."""
    toks = _tokens(sentence)
    return [(toks[i].start, toks[i].end) for i in sorted(_scare_quotes(toks))]


def _scare_quotes(toks: list[_Tok]) -> set[int]:
    """Token indexes of quotation marks that open and close a quote of one to three words."""
    out: set[int] = set()
    opened = -1
    for i, t in enumerate(toks):
        if t.text not in "\"“”":
            continue
        if opened >= 0 and t.text in "\"”" and 1 <= i - opened - 1 <= 3 and all(
            _is_word(x) for x in toks[opened + 1 : i]
        ):
            out.update((opened, i))
            opened = -1
        else:
            opened = i if t.text in "\"“" else -1
    return out


def _split_points(w: _Words, toks: list[_Tok], groups: list[_Group]) -> dict[int, str]:
    """Token index -> link word of every clause start (module docstring, step 3)."""
    points: dict[int, str] = {}
    scare = _scare_quotes(toks)
    for i, t in enumerate(toks):
        if i in scare:
            continue
        if t.text in _BREAK_PUNCT or t.text == ",":
            points[i + 1] = ""
        elif t.text == "-" and 0 < i < len(toks) - 1 and toks[i - 1].end < t.start:
            points[i + 1] = ""
        elif t.low in w.subordinators and not _capitalised(toks, i):
            points[i] = t.low
    for g in groups:  # "despite holding talks", "without meeting him": a clause of its own
        if g.strength == 0 and g.first > 0 and toks[g.first - 1].low in w.gerund_preps:
            points[g.first - 1] = toks[g.first - 1].low
    finite = [g for g in groups if g.strength >= 1]
    for a, b in zip(finite, finite[1:], strict=False):
        between = range(a.last + 1, b.first)
        if any(k in points or toks[k].text in _BREAK_PUNCT for k in between):
            continue
        coord = [k for k in between if toks[k].low in w.links]
        if a.reporting and b.first > a.last + 1:
            points[_subject_start(w, toks, a.last, b.first)] = ""
        elif coord:
            points[coord[-1]] = toks[coord[-1]].low
    return points


def _build(w: _Words, sentence: str) -> list[Clause]:
    toks = _tokens(sentence)
    if not toks:
        return []
    groups = _verb_groups(w, toks)
    points = _split_points(w, toks, groups)
    cuts = sorted(k for k in points if 0 < k < len(toks))
    bounds = list(zip([0, *cuts], [*cuts, len(toks)], strict=True))
    segments = []  # (first token, last token exclusive, link, groups)
    g_index = 0
    for lo, hi in bounds:
        inside = []
        while g_index < len(groups) and groups[g_index].first < hi:
            if groups[g_index].first >= lo:
                inside.append(groups[g_index])
            g_index += 1
        if lo < hi:
            segments.append([lo, hi, points.get(lo, ""), inside])
    merged: list[list] = []
    pending: list = []
    for seg in segments:
        if not seg[3]:
            if merged:
                merged[-1][1] = seg[1]
            else:
                pending.append(seg)
            continue
        if pending and seg[2] and seg[2] not in w.gerund_preps:
            # "The talks, which began ...": the head noun is not part of the relative clause
            merged.append([pending[0][0], pending[-1][1], pending[0][2], []])
        elif pending:
            seg[0], seg[2] = pending[0][0], pending[0][2]
        pending = []
        merged.append(seg)
    if pending:  # no verb anywhere: one empty clause
        merged.append([pending[0][0], pending[-1][1], pending[0][2], []])
    return [_clause(w, toks, i, seg) for i, seg in enumerate(merged)]


def _clause(w: _Words, toks: list[_Tok], index: int, seg: list) -> Clause:
    lo, hi, link, groups = seg
    start = toks[lo].start
    end = toks[hi - 1].end
    while hi - 1 > lo and toks[hi - 1].text in ",;:-—–.!?\"“”":
        hi -= 1
        end = toks[hi - 1].end
    if not groups:
        return Clause(index, start, end, link)
    main = max(groups, key=lambda g: (g.strength, -g.first))
    negation = main.negation
    body = [t for t in toks[lo:hi] if _is_word(t)]
    first_word = body[1].low if body and body[0].low == link and len(body) > 1 else (
        body[0].low if body else ""
    )
    if not negation and link == "without":
        negation = "without"
    if not negation and lo > 0 and toks[lo - 1].low == "without":
        negation = "without"
    if not negation and first_word in ("no", "neither", "none"):
        negation = first_word
    if not negation and main.first > 0 and toks[main.first - 1].low == "without":
        negation = "without"
    subj_lo = lo + (1 if toks[lo].low == link and link else 0)
    subject = (-1, -1)
    if subj_lo < main.first and main.strength >= 1:
        subject = (toks[subj_lo].start, toks[main.first - 1].end)
    obj = (-1, -1)
    if main.last + 1 < hi:
        obj = (toks[main.last + 1].start, end)
    return Clause(
        index=index,
        start=start,
        end=end,
        link=link,
        verb_start=toks[main.first].start,
        verb_end=toks[main.last].end,
        verb=" ".join(t.text for t in toks[main.first : main.last + 1]),
        finite=main.strength >= 1,
        tense=main.tense,
        tense_cue=main.tense_cue,
        aspect=main.aspect,
        voice=main.voice,
        modality=main.modality,
        mood=main.mood,
        negated=bool(negation),
        negation=negation,
        subject=subject,
        object=obj,
    )


def analyse_sentence(sentence: str) -> tuple[Clause, ...]:
    """The clauses of one sentence, in order (sentence-relative offsets).

    Never raises: text it cannot analyse gives one clause over the sentence with empty fields.
    """
    if not isinstance(sentence, str) or not sentence.strip():
        return ()
    try:
        return tuple(_build(_words(), sentence))
    except (IndexError, KeyError, ValueError, TypeError, AttributeError):
        return (Clause(0, 0, len(sentence)),)


def clause_at(clauses: tuple[Clause, ...], start: int, end: int | None = None) -> Clause | None:
    """The clause holding the sentence span ``start..end`` (the one it starts in if it spans;
    a position between two clauses belongs to the one before it)."""
    if not clauses:
        return None
    k = bisect_right([c.start for c in clauses], start) - 1
    return clauses[max(k, 0)]


def sentence_clauses(article: Article) -> dict[int, tuple[Clause, ...]]:
    """sentence_id -> its clauses: the layer, computed once per article."""
    return {sent.sentence_id: analyse_sentence(sent.text) for sent in article.sentence_rows}


def negation_at(sentence: str, clause: Clause | None, start: int) -> str:
    """The negation that covers the word at ``start`` ("" if none): a negator at most two words
    before it in its clause ("no talks", "without agreement", "never met"), else the clause's
    own negation or a refusing or failing mood ("refused to meet", "failed to reach a deal")
    when the word comes after the clause's subject."""
    w = _words()
    lo = clause.start if clause is not None else 0
    toks = [t for t in _tokens(sentence[max(lo, start - 40) : start]) if _is_word(t)][-3:]
    for t in reversed(toks):
        if _negator(w, t.low):
            return t.text
    if clause is None or start < max(clause.verb_start, clause.start):
        return ""
    if clause.negated:
        return clause.negation
    if clause.mood in ("refused", "failed"):
        return clause.modality
    return ""


# --------------------------------------------------------------------------------------------
# Tense of a span (dates read it)


def _marker_before(w: _Words, sentence: str, clause: Clause, start: int) -> Tense | None:
    """A non-verb tense marker right before a date in its clause ("ahead of", "upcoming",
    "a statement on"): it dates the noun it qualifies, whatever the clause's verb says."""
    lo = clause.verb_end if clause.verb_end != -1 and clause.verb_end <= start else clause.start
    toks = _tokens(sentence[max(lo, start - 40) : start])[-4:]
    for i in range(len(toks) - 1, -1, -1):
        phrase = _phrase_at(w, toks, i)
        if phrase is not None and phrase[1].kind == "marker" and phrase[1].tense != "none":
            cue = " ".join(t.low for t in toks[i : i + phrase[0]])
            if not cue.endswith(" to"):
                return Tense(phrase[1].tense, cue, "marker")
        cue = w.cues.get(toks[i].low)
        if cue is not None and cue.kind in ("marker", "noun") and cue.tense != "none":
            return Tense(cue.tense, toks[i].low, "marker")
    return None


def _marker_after(w: _Words, sentence: str, end: int, clause: Clause) -> Tense | None:
    """"three days ago": a marker right after the expression."""
    toks = _tokens(sentence[end : min(clause.end, end + 20)])[:1]
    if toks:
        cue = w.cues.get(toks[0].low)
        if cue is not None and cue.kind == "marker" and cue.tense != "none":
            return Tense(cue.tense, toks[0].low, "marker")
    return None


def clause_tense(
    sentence: str, start: int, end: int, clauses: tuple[Clause, ...] | None = None
) -> Tense:
    """The tense that governs ``sentence[start:end]`` (a date expression, a cue).

    A tense marker next to it ("ahead of", "upcoming", "ago") first; then its own clause's verb
    group; a clause without a finite verb ("despite holding talks on Monday") takes the nearest
    finite clause before it, then after it. ``clauses`` are the sentence's from
    :func:`analyse_sentence` (computed here when not given).
    """
    w = _words()
    clauses = analyse_sentence(sentence) if clauses is None else clauses
    own = clause_at(clauses, start, end)
    if own is None:
        return Tense("unknown")
    marker = _marker_before(w, sentence, own, start) or _marker_after(w, sentence, end, own)
    if marker is not None:
        return marker
    if own.finite and own.tense:
        return Tense(own.tense, own.tense_cue, "in clause")
    before = [c for c in clauses if c.index < own.index][::-1]
    after = [c for c in clauses if c.index > own.index]
    for where, order in (("clause before", before), ("clause after", after)):
        for c in order:
            if c.finite and c.tense:
                return Tense(c.tense, c.tense_cue, where)
    return Tense("unknown")


# --------------------------------------------------------------------------------------------
# The frame


def _part(sentence: str, span: tuple[int, int]) -> str:
    return sentence[span[0] : span[1]] if span[0] >= 0 else ""


def extract_clauses(
    article: Article, clauses: dict[int, tuple[Clause, ...]] | None = None
) -> pd.DataFrame:
    """Every clause of the article, one row each (columns ``CLAUSE_COLUMNS``, article offsets).

    ``quote`` is the clause verbatim; ``verb``, ``subject`` and ``object`` are the verb group
    and the phrases before and after it, each with its article span (-1 when absent).
    """
    clauses = sentence_clauses(article) if clauses is None else clauses
    rows = []
    for sid, _paragraph, _kind, base, _end, text in article.sentence_rows:

        def shift(pos: int, base: int = base) -> int:
            return base + pos if pos >= 0 else -1

        for c in clauses.get(int(sid), ()):
            rows.append(
                {
                    "clause_id": f"C{len(rows) + 1:03d}",
                    "sentence_id": int(sid),
                    "start": base + c.start,
                    "end": base + c.end,
                    "quote": article.text[base + c.start : base + c.end],
                    "link": c.link,
                    "verb": c.verb,
                    "verb_start": shift(c.verb_start),
                    "verb_end": shift(c.verb_end),
                    "finite": c.finite,
                    "tense": c.tense,
                    "tense_cue": c.tense_cue,
                    "aspect": c.aspect,
                    "voice": c.voice,
                    "modality": c.modality,
                    "mood": c.mood,
                    "negated": c.negated,
                    "negation": c.negation,
                    "subject": _part(text, c.subject),
                    "subject_start": shift(c.subject[0]),
                    "subject_end": shift(c.subject[1]),
                    "object": _part(text, c.object),
                    "object_start": shift(c.object[0]),
                    "object_end": shift(c.object[1]),
                }
            )
    return make_frame(rows, CLAUSE_COLUMNS, _CLAUSE_DTYPES)
