"""``make bench`` keeps working: one row per stage, the baseline and the whole pipeline."""

from __future__ import annotations

import pytest

from analysis.bench import run
from analysis.pipeline import FRAMES


@pytest.fixture(scope="module")
def table():
    return run(rounds=1, copies=1)


def test_bench_times_every_stage_against_the_baseline(table):
    assert list(table["job"]) == [
        "baseline: spaCy tokenizer",
        *(f"stage: {name}" for name in FRAMES),
        "whole pipeline (load + every frame)",
    ]
    assert (table["ms_per_article"] > 0).all() and (table["words_per_second"] > 0).all()


def test_bench_columns_are_one_timing_said_three_ways(table):
    """Each row's ratio is its own time over the baseline's (not the reverse, not a constant),
    and words per second times seconds per article is the same word count on every row."""
    base = table.set_index("job").loc["baseline: spaCy tokenizer", "ms_per_article"]
    assert list(table["ratio_to_baseline"]) == pytest.approx(list(table["ms_per_article"] / base))
    words_per_article = table["words_per_second"] * table["ms_per_article"] / 1000
    assert list(words_per_article) == pytest.approx([words_per_article.iloc[0]] * len(table))
    assert words_per_article.iloc[0] > 100  # the shipped articles run to hundreds of words
