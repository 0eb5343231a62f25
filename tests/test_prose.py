"""Prose the notebooks render from data: computed from the same numbers as the charts."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import plotting
from analysis.prose import (
    counted,
    describe_figures,
    describe_lengths,
    describe_naming,
    range_words,
)


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


def test_the_naming_chart_and_its_prose_read_the_same_table():
    table = pd.DataFrame({"name": [1, 4, 0], "demonym": [5, 0, 1], "metonymy": [2, 1, 0]},
                         index=pd.Index(["A", "B", "C"], name="actor"))
    table.columns.name = "how"
    fig = plotting.stacked_counts(table, title="t", xlabel="x", ylabel="y", source="s")
    totals = [text.get_text().strip() for text in fig.axes[0].texts]
    assert totals == ["1", "5", "8"]  # bottom to top: C, B, A
    text = describe_naming(table, top=2)
    assert "A: 8 mentions (5 by demonym, 2 by metonymy and 1 by name)" in text
    assert "B: 5 mentions (4 by name and 1 by metonymy)" in text and "C:" not in text


def test_counted_and_range_words():
    frame = pd.DataFrame({"role": ["year", "count", "count", "pronoun", "year", "count"]})
    assert counted(frame, "role") == "3 count, 2 year and 1 pronoun"
    assert range_words(450_000, 500_000, 550_000) == "450,000 to 550,000"
    assert range_words(40, pd.NA, pd.NA) == "at least 40"
    assert range_words(pd.NA, pd.NA, 30) == "at most 30"
    assert range_words(12, 12, 12) == "12"


def test_describe_figures_flags_a_year_read_inside_a_figure():
    figures = pd.DataFrame([{"quote": "killed 20 people", "measure": "killed", "low": 20,
                             "best": 20, "high": 20, "start": 10, "end": 26}])
    clean = pd.DataFrame([{"role": "year", "start": 40, "end": 44}])
    assert describe_figures(figures, clean).endswith("No year or date is read as a figure.")
    assert "(killed, 20)" in describe_figures(figures, clean)
    slipped = pd.DataFrame([{"role": "date", "start": 17, "end": 19}])
    assert "check them" in describe_figures(figures, slipped)
    assert describe_figures(figures.iloc[0:0], clean).startswith("The article gives no")
