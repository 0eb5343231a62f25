"""Split a paragraph into sentences with exact character spans.

A rule-based splitter, because news prose has few traps and each is easy to name: a full stop
after a title ("Mr."), a month ("Feb. 6"), an initial ("J.") or a dotted acronym ("U.S.") does not
end a sentence, and a quote closing after the stop (`."`) belongs to the sentence it ends.
The abbreviations are data (``data/lexicons/abbreviations.txt``), not code.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.paths import LEXICONS_DIR

# A stop, then any closing quotes or brackets, then white space, then something that can open a
# sentence (a capital, a digit or an opening quote or bracket). Linear time: a run of stops is
# only tried from its first stop (the look-behind) and taken whole (possessive), so '.' * n is
# one attempt, not n attempts of n characters each.
_BOUNDARY = re.compile(r"""(?<![.!?])[.!?]++["'”’)\]]*+(?=\s++["'“‘(\[]?[A-Z0-9])""")
#: How far back the word before a stop is looked for: longer than any abbreviation, initial or
#: dotted acronym, so a 40,000-character "word" costs no more than a short one.
WORD_LOOKBACK = 40
_INITIAL = re.compile(r"^[(\"“]?[A-Z]\.$")
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.){2,}$")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """The abbreviations that never end a sentence, read from the lexicon file."""
    lines = (LEXICONS_DIR / "abbreviations.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _ends_sentence(text: str, stop_end: int, stop_start: int) -> bool:
    if text[stop_start] != ".":
        return True  # "!" and "?" always end a sentence
    if text[stop_start:stop_end].rstrip("\"'”’)]") != ".":
        return True  # "..." or a stop followed by a closing quote
    word = _word_before(text, stop_start + 1).lstrip("\"'“‘([")
    if word in abbreviations():
        return False
    if _INITIAL.match(word) or _DOTTED_ACRONYM.match(word):
        return False
    return True


def _word_before(text: str, end: int) -> str:
    """The non-space characters ending at ``end`` (at most :data:`WORD_LOOKBACK` of them).

    Why not a regex anchored at the end: ``re.search(r"\\S+$")`` tries every start from the
    paragraph's beginning, quadratic over a long paragraph with many stops.
    """
    start = end
    floor = max(0, end - WORD_LOOKBACK - 1)
    while start > floor and not text[start - 1].isspace():
        start -= 1
    if start == floor and floor > 0 and not text[floor - 1].isspace():
        return ""  # longer than any word that could keep a stop from ending a sentence
    return text[start:end]


def split_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences in ``text``, shifted by ``offset``.

    Spans are trimmed of surrounding white space, so ``text[start:end]`` is the sentence itself.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if not _ends_sentence(text, match.end(), match.start()):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s + offset, e + offset))
    return trimmed
