"""Prose the notebooks render from data: computed from the same numbers as the charts."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import plotting
from analysis.classroom import describe_lengths


def _sentences(texts: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"sentence_id": range(1, len(texts) + 1), "kind": "body",
                         "text": texts})


def test_the_length_chart_draws_words_per_sentence_not_characters():
    sentences = _sentences(["one two three", "a b", "longwordwithoutspaces", "x y z w"])
    words = plotting.words_per_sentence(sentences)
    assert words.to_dict() == {1: 3, 2: 2, 3: 1, 4: 4}
    fig = plotting.sentence_lengths(sentences, title="t", source="s")
    heights = [patch.get_height() for patch in fig.axes[0].patches]
    assert heights == [3, 2, 1, 4]


def test_lengths_prose_names_every_sentence_tied_with_the_last_one_listed():
    words = pd.Series({1: 10, 2: 42, 3: 28, 4: 40, 5: 27, 6: 35, 7: 28, 8: 3})
    text = describe_lengths(words, {3: "the lead"})
    assert text.startswith("The longest sentences are 2 (42 words), 4 (40 words) and 6 (35 words).")
    assert text.endswith("Next come sentences 3 (the lead), 5 and 7, at 27–28 words.")
    tied = describe_lengths(pd.Series({1: 9, 2: 5, 3: 5, 4: 5}), top=1, then=1)
    assert tied.endswith("Next come sentences 2, 3 and 4, at 5 words.")


@pytest.mark.parametrize("words, expected", [
    (pd.Series({1: 4}), "The longest sentence is 1 (4 words)."),
    (pd.Series(dtype=int), "The article has no sentences."),
])
def test_lengths_prose_on_short_articles(words, expected):
    assert describe_lengths(words) == expected
