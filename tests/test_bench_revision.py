"""``bench --against REV``: an earlier revision's pipeline timed beside ours, on the same texts.

The speed-up must come from running the revision's own code (not the installed package), and a
clone without the revision must skip the rows with a reason, not fail the bench.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from analysis import bench_revision
from analysis.bench import TARGET_SPEEDUP_OVER_REVISION, _write, bench_texts, run
from analysis.paths import PROJECT_ROOT

has_history = shutil.which("git") is not None and subprocess.run(
    ["git", "-C", str(PROJECT_ROOT), "rev-parse", "--verify", "-q", "HEAD"],
    capture_output=True,
).returncode == 0
needs_git = pytest.mark.skipif(not has_history, reason="needs a git clone with history")


def texts(folder, count=2):
    return [_write(folder, f"bench-{i:04d}", t) for i, t in enumerate(bench_texts(count, 5))]


def test_the_runner_runs_the_code_of_the_tree_it_is_given(tmp_path):
    """PYTHONPATH puts the revision's package before the installed one: a tree whose pipeline
    fails makes the runner fail with that tree's error."""
    fake = tmp_path / "fake"
    (fake / "analysis").mkdir(parents=True)
    (fake / "analysis" / "__init__.py").write_text("")
    (fake / "analysis" / "article.py").write_text("def load_article(path):\n    return path\n")
    (fake / "analysis" / "pipeline.py").write_text(
        "def extract_all(article):\n    raise SystemExit('the fake tree ran')\n"
    )
    with pytest.raises(bench_revision.RevisionError, match="the fake tree ran"):
        bench_revision._seconds(fake, texts(tmp_path))


def test_an_unknown_revision_is_skipped_with_its_reason(tmp_path, capsys):
    assert bench_revision.revision_rows("no-such-revision-xyz", texts(tmp_path)) == []
    assert "skipped" in capsys.readouterr().err


@needs_git
def test_head_against_itself_gives_both_rows_and_their_ratio(tmp_path):
    paths = texts(tmp_path)
    rows = bench_revision.revision_rows("HEAD", paths, rounds=1)
    assert [row["job"] for row in rows] == [
        "baseline: the pipeline of revision HEAD", "whole pipeline, same runner and texts"
    ]
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    assert [row["words"] for row in rows] == [words, words]
    old, new = rows
    assert new["speedup_over_revision"] == pytest.approx(old["seconds"] / new["seconds"])
    assert old["words_per_second"] == pytest.approx(words / old["seconds"])


@needs_git
def test_unpack_gives_the_revision_s_package_and_data(tmp_path):
    root = bench_revision.unpack("HEAD", tmp_path / "rev")
    assert (root / "analysis" / "pipeline.py").is_file()
    assert (root / "data" / "frames.yml").is_file()
    assert not (root / "tests").exists()


@needs_git
def test_the_bench_table_says_whether_the_speedup_target_is_met():
    table = run(articles=2, rounds=1, long_words=0, against="HEAD", against_articles=1)
    row = table[table["speedup_over_revision"].notna()].iloc[0]
    assert row["met"] == (row["speedup_over_revision"] >= TARGET_SPEEDUP_OVER_REVISION)
    assert row["target"] == f">= {TARGET_SPEEDUP_OVER_REVISION}x the revision"
