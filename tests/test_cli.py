"""The command line: frames written as CSV, clear one-line errors, nothing half-written."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pandas as pd
import pytest

from analysis.cli import main
from analysis.paths import PROJECT_ROOT, SEED_ARTICLE
from analysis.pipeline import FRAMES


def test_extract_writes_every_frame(tmp_path, capsys):
    out = tmp_path / "frames"
    code = main(["extract", str(SEED_ARTICLE), "--out", str(out)])
    assert code == 0
    written = sorted(p.name for p in out.glob("*.csv"))
    assert written == sorted(f"{name}.csv" for name in FRAMES)
    assert sorted(p.name for p in out.iterdir() if p.suffix != ".csv") == [".runs", "current"]
    sentences = pd.read_csv(out / "sentences.csv")
    assert sentences["sentence_id"].tolist()[0] == 1
    attributions = pd.read_csv(out / "attributions.csv")
    assert "the Kremlin" in set(attributions["source"])


def test_published_on_the_command_line(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Officials met on Monday. Fighting has killed 40 people, medics said.\n")
    out = tmp_path / "out"
    assert main(["extract", str(story), "--published", "2021-05-04", "--out", str(out)]) == 0
    figures = pd.read_csv(out / "figures.csv")
    assert (figures["measure"].tolist(), figures["best"].tolist()) == (["killed"], [40])
    events = pd.read_csv(out / "events.csv", dtype=str)
    assert events["date"].tolist() == ["2021-05-03"]  # "met on Monday": the day before Tuesday


def error_line(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err
    return err


@pytest.mark.parametrize(
    ("content", "extra", "problem"),
    [
        (None, [], "no such file"),
        (b"", [], "is empty"),
        (b"\xff\xfe\x00b\x00a\x00d", [], "UTF-16"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", [], "binary"),
        ("caf\xe9 news".encode("latin-1"), [], "not UTF-8"),
        (b"<html><body>Putin</body></html>", [], "HTML"),
        (b"Officials met on Monday.", [], "no publication date"),
        (b"Officials met on Monday.", ["--published", "2023-02-30"], "does not exist"),
        (b"Officials met on Monday.", ["--published", "yesterday"], "YYYY-MM-DD"),
        (
            b"Officials met on Monday.",
            ["--published", "TOMORROW"],
            "in the future",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    tmp_path, capsys, content, extra, problem
):
    story = tmp_path / "story.txt"
    if content is not None:
        story.write_bytes(content)
    out = tmp_path / "out"
    # a future date is computed when the test runs, not when it is collected (midnight)
    extra = [(date.today() + timedelta(days=2)).isoformat() if e == "TOMORROW" else e
             for e in extra]
    code = main(["extract", str(story), "--out", str(out), *extra])
    assert code == 2
    err = error_line(capsys)
    assert str(story) in err and problem in err
    assert not out.exists()
    assert not list(tmp_path.glob(".out-*"))


def test_directory_is_bad_input(tmp_path, capsys):
    assert main(["extract", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    assert "is a directory" in error_line(capsys)


def test_module_entry_point_exit_code(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "extract", str(tmp_path / "nope.txt"), "--out",
         str(tmp_path / "o")],
        capture_output=True, text=True, cwd=PROJECT_ROOT, check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "nope.txt: no such file" in result.stderr


def test_undated_flag_processes_without_a_date(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Officials met on Monday. Talks went on.\n")
    code = main(["extract", str(story), "--undated", "--out", str(tmp_path / "out")])
    assert code == 3  # no figures in this story
    events = pd.read_csv(tmp_path / "out" / "events.csv", dtype=str, keep_default_na=False)
    assert events["quote"].str.contains("Monday").all() and not events.empty
    assert (events["date"] == "").all()  # "on Monday" is not guessed without a date


def test_article_without_figures_is_written_and_flagged(tmp_path, capsys):
    story = tmp_path / "story.txt"
    story.write_text("The two ministers met in the capital on Monday. Talks went on.\n")
    out = tmp_path / "out"
    code = main(["extract", str(story), "--published", "2022-05-04", "--out", str(out)])
    assert code == 3
    err = error_line(capsys)
    assert str(story) in err and "no casualty or displacement figures" in err
    figures = pd.read_csv(out / "figures.csv")
    assert figures.empty and "measure" in figures.columns
    assert (out / "sentences.csv").exists()


def test_seed_has_figures_so_exit_is_zero(tmp_path):
    assert main(["extract", str(SEED_ARTICLE), "--out", str(tmp_path / "o")]) == 0


def test_unwritable_out_is_bad_input(tmp_path, capsys):
    story = tmp_path / "story.txt"
    story.write_text("Officials met on Monday.\n")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    out = blocker / "frames"
    assert main(["extract", str(story), "--published", "2022-05-04", "--out", str(out)]) == 2
    err = error_line(capsys)
    assert str(out) in err and "--out cannot be written" in err
