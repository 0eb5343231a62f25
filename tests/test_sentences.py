"""Sentence splitting on the traps of news prose."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.sentences import split_spans


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Assad met Dr. Smith in Moscow. They talked.",
            ["Mr. Assad met Dr. Smith in Moscow.", "They talked."],
        ),
        (
            "The U.S. and the U.N. agreed. Talks follow.",
            ["The U.S. and the U.N. agreed.", "Talks follow."],
        ),
        (
            "The quake struck on Feb. 6 in the south. Rescuers came.",
            ["The quake struck on Feb. 6 in the south.", "Rescuers came."],
        ),
        (
            "Envoy J. R. Smith arrived. He spoke.",
            ["Envoy J. R. Smith arrived.", "He spoke."],
        ),
        (
            'He called it "nearly impossible." Talks stalled.',
            ['He called it "nearly impossible."', "Talks stalled."],
        ),
        (
            "“It is too early,” he said. “We are optimistic.” She left.",
            ["“It is too early,” he said.", "“We are optimistic.”", "She left."],
        ),
        (
            "Is it over? Nobody knows! 2023 was hard.",
            ["Is it over?", "Nobody knows!", "2023 was hard."],
        ),
        ("No stop at the end", ["No stop at the end"]),
    ],
)
def test_split(text, expected):
    assert sentences(text) == expected


def test_offsets_shift_and_trim():
    text = "  First one.  Second one.  "
    spans = split_spans(text, offset=100)
    assert [(s - 100, e - 100) for s, e in spans] == [(2, 12), (14, 25)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wait... What happened? Nobody knows.", ["Wait...", "What happened?", "Nobody knows."]),
        ('He said "no.") Then left. ', ['He said "no.")', "Then left."]),
        ("." * 50, ["." * 50]),
        ("Mr. " * 3 + "Smith came.", ["Mr. Mr. Mr. Smith came."]),
    ],
)
def test_runs_of_stops_and_repeated_abbreviations(text, expected):
    assert sentences(text) == expected


def test_a_very_long_word_before_a_stop_is_not_an_abbreviation():
    long_word = "x" * 5000 + "Mr."  # ends like a title, but the word is far longer than any
    assert sentences(f"{long_word} Next one.") == [long_word, "Next one."]
    assert sentences("Talks with Mr. Smith went on.") == ["Talks with Mr. Smith went on."]


@given(st.text(alphabet=".!?\"')( \nAMr1x”’", max_size=200))
def test_spans_are_ordered_trimmed_and_inside_the_text(text):
    spans = split_spans(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        previous_end = end
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split())  # nothing lost but white space
