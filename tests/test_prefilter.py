"""The literal prefilter never rules out a pattern that matches (so skipping is exact)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.lexicons import read_lexicon
from analysis.paths import ARTICLES_DIR
from analysis.prefilter import LiteralFilter, case_folded, literal_needs

_WORDS = ["talk", "talks", "met", "meet", "ally", "Ally", "by", "to", "k", "s"]
_ATOMS = st.one_of(
    st.sampled_from(_WORDS).map(re.escape),
    st.sampled_from([r"\b", r"\s", r"\w", r"[a-z]", ".", r"(?<!no )", r"(?=\s)", "-?", " "]),
)


@st.composite
def _patterns(draw, depth: int = 2) -> str:
    """Small regexes built from words, classes, look-arounds, groups, branches and repeats."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        if depth and draw(st.booleans()):
            inner = [draw(_patterns(depth - 1)) for _ in range(draw(st.integers(1, 3)))]
            group = "(?:" + "|".join(inner) + ")"
            # bounded repeats only: nested unbounded ones can backtrack for minutes
            parts.append(group + draw(st.sampled_from(["", "?", "{0,2}", "{1,2}", "{2}"])))
        else:
            parts.append(draw(_ATOMS))
    return "".join(parts)


_TEXT = st.lists(
    st.sampled_from([*_WORDS, " ", "  ", "TALKS", "Met", "\u212a", "\u017f", "no ", ".", "x"]),
    max_size=12,
).map("".join)


@given(_patterns(), _TEXT, st.sampled_from([0, re.IGNORECASE]))
def test_a_pattern_that_matches_is_never_ruled_out(source, text, flags):
    pattern = re.compile(source, flags)
    [possible] = LiteralFilter([pattern]).possible(text)
    if pattern.search(text):
        assert possible, (source, text, literal_needs(pattern))


def test_needs_are_the_words_a_pattern_cannot_skip():
    assert literal_needs(re.compile(r"\b(?:backed|supported)\s+by\b")) == {"backed", "supported"}
    assert literal_needs(re.compile(r"\ballied\s+(?:with|to)\b")) == {"allied"}
    assert literal_needs(re.compile(r"(?:tele)?phoned?")) == {"phone"}
    assert literal_needs(re.compile(r"\w+|x")) is None  # a branch with no literal: always tried
    assert literal_needs(re.compile(r"(?:talks)?")) is None  # optional: not needed


def test_case_folding_follows_ignorecase():
    # the Kelvin sign and the long s match "k" and "s" under re.IGNORECASE
    assert case_folded("\u212aerry \u017fays TALKS") == "kerry says talks"
    assert LiteralFilter([re.compile("kerry", re.IGNORECASE)]).possible("\u212aERRY") == [True]
    assert LiteralFilter([re.compile("talks")]).possible("no meeting") == [False]


@pytest.mark.parametrize("lexicon", ["meeting_cues.csv", "relation_cues.csv", "event_cues.csv"])
def test_every_cue_of_the_lexicons_agrees_on_the_shipped_articles(lexicon):
    patterns = [re.compile(rf"\b(?:{p})\b", re.IGNORECASE)
                for p in read_lexicon(lexicon)["pattern"] if p.strip()]
    keep = LiteralFilter(patterns)
    assert sum(n is not None for n in keep.needs) > len(patterns) // 2  # it does rule out
    for path in sorted(ARTICLES_DIR.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for pattern, possible in zip(patterns, keep.possible(line), strict=True):
                assert possible or not pattern.search(line), (pattern.pattern, line)
