"""``make bench`` keeps working: one row per stage, both baselines, the whole pipeline, the
scaling rows and the targets; its corpus is deterministic and not copies of one text."""

from __future__ import annotations

import pytest

from analysis.bench import (
    BASELINE_REGEX,
    BASELINE_SPACY,
    TARGET_SCALING,
    TARGET_WORDS_PER_SECOND,
    WHOLE,
    bench_texts,
    main,
    run,
)
from analysis.pipeline import FRAMES


@pytest.fixture(scope="module")
def table():
    return run(articles=3, rounds=1, long_words=2000)


def test_bench_corpus_is_deterministic_and_varied():
    texts = bench_texts(6, seed=3)
    assert texts == bench_texts(6, seed=3)
    assert texts != bench_texts(6, seed=4)
    assert len(set(texts)) == 6
    assert all(300 <= len(t.split()) for t in texts)


def test_bench_times_every_stage_against_both_baselines(table):
    stages = [f"stage: {name}" for name in FRAMES if name != "sentences"]
    corpus_rows = [BASELINE_SPACY, BASELINE_REGEX, "stage: sentences (load + split)", *stages,
                   WHOLE]
    assert list(table["job"])[: len(corpus_rows)] == corpus_rows
    scaling = list(table["job"])[len(corpus_rows):]
    assert len(scaling) == 3 and all(job.startswith("scaling: ") for job in scaling)
    assert (table["ms_per_article"] > 0).all() and (table["words_per_second"] > 0).all()


def test_bench_columns_are_one_timing_said_several_ways(table):
    """Each row's ratio is its own time over the baseline's (not the reverse, not a constant),
    and words per second times seconds is the row's word count."""
    corpus = table[table["ratio_to_spacy"].notna()]
    by_job = corpus.set_index("job")
    assert list(corpus["ratio_to_spacy"]) == pytest.approx(
        list(corpus["seconds"] / by_job.loc[BASELINE_SPACY, "seconds"]))
    assert list(corpus["ratio_to_regex"]) == pytest.approx(
        list(corpus["seconds"] / by_job.loc[BASELINE_REGEX, "seconds"]))
    assert list(table["words_per_second"] * table["seconds"]) == pytest.approx(list(table["words"]))
    assert corpus["words"].nunique() == 1 and corpus["words"].iloc[0] > 3 * 300


def test_bench_says_whether_each_target_is_met(table):
    whole = table.set_index("job").loc[WHOLE]
    assert whole["met"] == (whole["words_per_second"] >= TARGET_WORDS_PER_SECOND)
    scaling = table[table["cost_per_word_long_over_short"].notna()]
    assert len(scaling) == 2
    short = table[table["job"].str.contains("articles of")].iloc[0]
    for _, row in scaling.iterrows():
        assert row["words"] == short["words"]
        ratio = row["seconds"] / short["seconds"]
        assert row["cost_per_word_long_over_short"] == pytest.approx(ratio)
        assert row["met"] == (row["cost_per_word_long_over_short"] <= TARGET_SCALING)


def test_bench_writes_its_table(tmp_path, capsys):
    out = tmp_path / "bench.csv"
    assert main(["--articles", "2", "--rounds", "1", "--long-words", "0", "--csv", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("job,")
    assert WHOLE in capsys.readouterr().out
