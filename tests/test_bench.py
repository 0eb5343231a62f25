"""``make bench`` keeps working: one row per stage, the baseline and the whole pipeline."""

from __future__ import annotations

from analysis.bench import run
from analysis.pipeline import FRAMES


def test_bench_times_every_stage_against_the_baseline():
    table = run(rounds=1, copies=1)
    assert list(table["job"]) == [
        "baseline: spaCy tokenizer",
        *(f"stage: {name}" for name in FRAMES),
        "whole pipeline (load + every frame)",
    ]
    assert (table["ms_per_article"] > 0).all() and (table["words_per_second"] > 0).all()
    baseline = table.set_index("job").loc["baseline: spaCy tokenizer", "ratio_to_baseline"]
    assert baseline == 1.0
