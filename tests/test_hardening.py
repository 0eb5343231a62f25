"""Hostile input: nothing blocks or eats memory, frames move as a set, every failure is one line.

Each test is a case a hostile or unlucky user met (issue "Hardening"). Crashes are injected at
named points of the writer (``analysis.output._checkpoint``), never left to timing.
"""

from __future__ import annotations

import fcntl
import os
import re
import subprocess
import sys
import threading
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import output
from analysis.actors import extract_actors
from analysis.article import MAX_ARTICLE_BYTES, MAX_METADATA_BYTES, find_markup, load_article
from analysis.cli import main
from analysis.errors import ArticleError
from analysis.paths import PROJECT_ROOT, SEED_ARTICLE
from analysis.pipeline import FRAMES

TEXT = "Officials met in the capital on Tuesday. They said 20 people were killed yesterday.\n"


def write(folder: Path, name: str, data: str | bytes, meta: str | None = None) -> Path:
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    if meta is not None:
        path.with_suffix(".yml").write_text(meta, encoding="utf-8")
    return path


def one_line(text: str) -> str:
    text = text.strip()
    assert text and "\n" not in text and "Traceback" not in text, text[:2000]
    return text


def refused(path: Path, problem: str, **kwargs) -> str:
    with pytest.raises(ArticleError) as info:
        load_article(path, **kwargs)
    message = one_line(str(info.value))
    assert problem in message, message
    return message


def run_cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        capture_output=True, text=True, cwd=PROJECT_ROOT, check=False, **kwargs,
    )


def finishes(target, *args) -> object:
    """Run ``target`` in a thread; a hang (a blocking open) fails instead of stalling the suite."""
    result: dict[str, object] = {}

    def work():
        try:
            result["value"] = target(*args)
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            result["error"] = exc

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(60)  # a guard against hanging forever, not a speed limit
    assert not thread.is_alive(), "load_article blocked"
    if "error" in result:
        raise result["error"]
    return result.get("value")


# --- 1. Nothing blocks, nothing eats the memory ----------------------------------------------


def test_article_larger_than_the_limit_is_refused(tmp_path):
    big = write(tmp_path, "big.txt", "word " * (MAX_ARTICLE_BYTES // 5 + 1))
    refused(big, "larger than the limit of 2,097,152")
    small = write(tmp_path, "small.txt", TEXT)
    refused(small, "larger than the limit of 10", max_bytes=10)
    assert load_article(small, max_bytes=len(TEXT)).text == TEXT


def test_cli_max_bytes_option(tmp_path, capsys):
    story = write(tmp_path, "story.txt", TEXT)
    out = tmp_path / "out"
    code = main(["extract", str(story), "--published", "2023-03-14", "--out", str(out),
                 "--max-bytes", "20"])
    assert code == 2
    assert "larger than the limit of 20" in one_line(capsys.readouterr().err)
    assert not out.exists()


def test_fifo_without_a_writer_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    with pytest.raises(ArticleError, match="FIFO, not a regular file"):
        finishes(load_article, fifo)


def test_fifo_as_metadata_is_refused_without_blocking(tmp_path):
    story = write(tmp_path, "story.txt", TEXT)
    os.mkfifo(story.with_suffix(".yml"))
    with pytest.raises(ArticleError, match="story.yml: is a FIFO"):
        finishes(load_article, story)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_symlink_to_a_device_is_refused(tmp_path, device):
    if not os.path.exists(device):
        pytest.skip(f"{device} is not on this system")
    link = tmp_path / "story.txt"
    link.symlink_to(device)
    with pytest.raises(ArticleError, match="device or socket, not a regular file"):
        finishes(load_article, link)


def test_symlink_to_a_regular_file_is_read(tmp_path):
    real = write(tmp_path, "real.txt", TEXT)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert load_article(link).text == TEXT


BOMB = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
title: *g
"""


@pytest.mark.parametrize(
    ("meta", "problem"),
    [
        (BOMB, "aliases (*name) are not allowed"),
        ("title: &t Talks\nbyline: *t\n", "aliases (*name) are not allowed"),
        ("title: [a, b]\n", "field 'title' is a list"),
        ("title:\n  text: Talks\n", "field 'title' is a mapping"),
        ("- title\n- Talks\n", "must be a mapping"),
        ("title: Talks\n---\ntitle: Other\n", "not valid YAML"),
        ("title: " + "x" * MAX_METADATA_BYTES + "\n", "larger than the limit"),
    ],
    ids=["alias bomb", "scalar alias", "list", "nested mapping", "a list", "two documents",
         "too large"],
)
def test_metadata_must_be_a_small_flat_mapping_of_scalars(tmp_path, meta, problem):
    story = write(tmp_path, "story.txt", TEXT, meta=meta)
    message = refused(story, problem)
    assert message.startswith(str(story.with_suffix(".yml")))


def test_python_tags_in_metadata_stay_plain_strings(tmp_path):
    story = write(tmp_path, "story.txt", TEXT, meta="title: !!python/object/apply:os.getcwd []\n")
    with pytest.raises(ArticleError, match="field 'title' is a list"):
        load_article(story)
    story = write(tmp_path, "s2.txt", TEXT, meta="title: !!python/name:os.getcwd x\n")
    assert load_article(story).metadata["title"] == "x"


# --- 3. Silently wrong before: blank, markup, decomposed text ---------------------------------


@pytest.mark.parametrize(
    "data",
    [b"\xef\xbb\xbf", b"\xef\xbb\xbf\n\n", "\u3000\u3000\n".encode(), "\u00a0 \u00a0".encode(),
     "\u202f\u2009\n\u2028".encode(), "\u200b\u200b".encode(), "\ufeff\u200d\u2060".encode()],
    ids=["BOM", "BOM and blank lines", "ideographic spaces", "no-break spaces",
         "thin spaces and line separator", "zero-width spaces", "invisible format characters"],
)
def test_files_without_visible_text_are_refused_as_empty(tmp_path, data):
    refused(write(tmp_path, "story.txt", data), "is empty")


@pytest.mark.parametrize(
    "text",
    [
        "<article><h1>Talks</h1><p>Leaders met.</p></article>",
        "<section>Leaders met on Monday.</section>",
        '<svg onload="alert(1)">Leaders met.',
        "Leaders met. <svg onload=alert(1)>",
        '<iframe srcdoc="&lt;p&gt;x">',
        "<custom-element>Leaders met.",
        "Leaders met.<br/>They talked.",
        "<!-- a comment --> Leaders met.",
        '<?xml version="1.0"?><story>Leaders met.</story>',
        "<![CDATA[Leaders met.]]>",
        "Leaders met.</p>",
    ],
)
def test_markup_is_found_by_structure(tmp_path, text):
    assert find_markup(text) is not None
    refused(write(tmp_path, "story.txt", text), "HTML markup")


@pytest.mark.parametrize(
    "text",
    [
        "Support (x < p) shrank as the gap < a href narrowed.",
        "Fewer than 5 <10 people came, and 3 < 4 > 2 was said.",
        "The ratio a<b held; it was << 1 and -> up.",
        "Email <press@example.org> for details.",
        "The score was 2 <3, with <-- arrows and < / > signs.",
    ],
)
def test_prose_with_angle_brackets_is_not_markup(tmp_path, text):
    assert find_markup(text) is None
    assert load_article(write(tmp_path, "story.txt", text)).text == text


@given(st.text(alphabet="ab <>=/!?-1 \n\"", max_size=80))
def test_a_less_than_sign_not_followed_by_a_letter_is_never_markup(text):
    prose = re.sub(r"<(?=[A-Za-z!?/])", "< ", text)  # "<>", "<=", "<-", "<1", "< a" remain
    assert find_markup(prose) is None


def test_decomposed_text_is_read_in_nfc_with_spans_on_that_text(tmp_path):
    body = "Turkish President Recep Tayyip {} met Putin on Monday. {} said talks went well.\n"
    composed = write(tmp_path, "composed.txt", body.format("Erdoğan", "Erdoğan"))
    decomposed = write(tmp_path, "decomposed.txt", body.format("Erdog\u0306an", "Erdog\u0306an"))
    nfc, nfd = load_article(composed), load_article(decomposed)
    assert nfd.text == nfc.text and "Erdoğan" in nfd.text
    for row in nfd.sentences.itertuples():
        assert nfd.text[row.start : row.end] == row.text
    actors = extract_actors(nfd)
    assert actors["name"].str.contains("Erdoğan").sum() == 1  # one actor, not a truncated twin
    pd.testing.assert_frame_equal(actors, extract_actors(nfc))


def test_decomposed_metadata_title_still_marks_the_headline(tmp_path):
    story = write(tmp_path, "story.txt", "Erdoğan meets Putin\n\n" + TEXT,
                  meta="title: Erdog\u0306an meets Putin\n")
    assert load_article(story).headline == "Erdoğan meets Putin"


# --- 3. Dates and arguments --------------------------------------------------------------------


@pytest.mark.parametrize("value", ["0001-01-01", "1899-12-31"])
def test_implausibly_old_publication_dates_are_refused(tmp_path, capsys, value):
    story = write(tmp_path, "story.txt", TEXT, meta=f"published: {value}\n")
    refused(story, "outside the years 1900-2100")
    refused(story, "outside the years 1900-2100", published=date.fromisoformat(value))
    plain = write(tmp_path, "plain.txt", TEXT)  # "on Tuesday", "yesterday": nothing to overflow
    code = main(["extract", str(plain), "--published", value, "--out", str(tmp_path / "out")])
    assert code == 2
    assert "outside the years" in one_line(capsys.readouterr().err)


def test_published_may_be_a_datetime(tmp_path):
    story = write(tmp_path, "story.txt", TEXT)
    article = load_article(story, published=datetime(2023, 3, 14, 18, 30))
    assert article.published == date(2023, 3, 14) and type(article.published) is date


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"published": 20230314}, TypeError, "published must be"),
        ({"max_bytes": "2MB"}, TypeError, "max_bytes must be an int"),
        ({"max_bytes": 0}, ValueError, "max_bytes must be at least 1"),
    ],
)
def test_wrong_argument_types_give_short_messages(tmp_path, kwargs, error, words):
    story = write(tmp_path, "story.txt", TEXT)
    with pytest.raises(error) as info:
        load_article(story, **kwargs)
    assert words in str(info.value) and len(str(info.value)) < 120
    with pytest.raises(TypeError, match="path must be a str or a Path, not int"):
        load_article(42)


def test_five_megabytes_of_text_as_a_path(tmp_path, capsys):
    text = ("Leaders met on Monday.\n" * 230_000)[:5_000_000]
    message = refused(text, "file name is too long")
    assert len(message) < 400
    code = main(["extract", text, "--published", "2023-03-14", "--out", str(tmp_path / "o")])
    assert code == 2
    err = one_line(capsys.readouterr().err)
    assert len(err) < 400 and "5,000,000 characters" in err


def test_nul_in_a_path_is_refused(tmp_path):
    refused(str(tmp_path / "a\x00b.txt"), "NUL")


def test_file_name_longer_than_255_bytes(tmp_path, capsys):
    story = tmp_path / ("ğ" * 200 + ".txt")  # 404 bytes in UTF-8
    refused(story, "file name is too long")
    assert main(["extract", str(story), "--undated", "--out", str(tmp_path / "o")]) == 2
    assert "file name is too long" in one_line(capsys.readouterr().err)
    plain = write(tmp_path, "story.txt", TEXT)
    out = tmp_path / ("o" * 300)
    assert main(["extract", str(plain), "--undated", "--out", str(out)]) == 2
    assert "--out cannot be written (file name is too long)" in one_line(capsys.readouterr().err)


# --- 3. The command line: Ctrl-C, a closed or full stdout --------------------------------------


def test_ctrl_c_while_extracting_is_one_line(tmp_path, capsys, monkeypatch):
    def interrupted(article):
        raise KeyboardInterrupt

    monkeypatch.setattr("analysis.pipeline.extract_all", interrupted)
    story = write(tmp_path, "story.txt", TEXT)
    assert main(["extract", str(story), "--undated", "--out", str(tmp_path / "out")]) == 130
    assert "interrupted" in one_line(capsys.readouterr().err)


def test_ctrl_c_while_writing_keeps_the_old_set(tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    assert main(["extract", str(SEED_ARTICLE), "--out", str(out)]) == 0
    before = output.read_frames(out)

    def interrupt(stage):
        if stage == "frame":
            raise KeyboardInterrupt

    monkeypatch.setattr(output, "_checkpoint", interrupt)
    story = write(tmp_path, "story.txt", TEXT)
    assert main(["extract", str(story), "--undated", "--out", str(out)]) == 130
    one_line(capsys.readouterr().err)
    assert_same_frames(output.read_frames(out), before)
    assert_visible_set(out, before)
    assert len(list((out / output.RUNS).glob("run-*"))) == 1  # the interrupted run is gone


def test_closed_stdout_is_one_line(tmp_path):
    read_end, write_end = os.pipe()
    os.close(read_end)  # "| true": nobody reads
    try:
        result = subprocess.run(
            [sys.executable, "-m", "analysis", "extract", str(SEED_ARTICLE), "--out",
             str(tmp_path / "out")],
            stdout=write_end, stderr=subprocess.PIPE, text=True, cwd=PROJECT_ROOT, check=False,
        )
    finally:
        os.close(write_end)
    assert result.returncode == 2
    assert "<stdout>: cannot be written (Broken pipe)" in one_line(result.stderr)


def test_full_stdout_is_one_line(tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "analysis", "extract", str(SEED_ARTICLE), "--out",
             str(tmp_path / "out")],
            stdout=full, stderr=subprocess.PIPE, text=True, cwd=PROJECT_ROOT, check=False,
        )
    assert result.returncode == 2
    assert "<stdout>: cannot be written (No space left on device)" in one_line(result.stderr)


# --- 2. Frames move as a set -------------------------------------------------------------------


def assert_same_frames(got: dict[str, pd.DataFrame], want: dict[str, pd.DataFrame]) -> None:
    assert sorted(got) == sorted(want)
    for name, frame in want.items():
        pd.testing.assert_frame_equal(got[name], frame, obj=name)


def assert_visible_set(out: Path, want: dict[str, pd.DataFrame]) -> None:
    """What a user reads at ``OUT/<frame>.csv`` is exactly the set ``want``, nothing else."""
    assert sorted(p.stem for p in out.glob("*.csv")) == sorted(want)
    for name, frame in want.items():
        pd.testing.assert_frame_equal(pd.read_csv(out / f"{name}.csv"), frame, obj=name)


def test_out_layout_is_a_switched_pointer_and_fixed_links(tmp_path):
    out = tmp_path / "out"
    assert main(["extract", str(SEED_ARTICLE), "--out", str(out)]) == 0
    run = Path(os.path.realpath(out / "current"))
    assert run.parent == (out / ".runs").resolve()
    assert sorted(p.name for p in run.iterdir()) == sorted(f"{n}.csv" for n in FRAMES)
    for name in FRAMES:
        assert os.readlink(out / f"{name}.csv") == f"current/{name}.csv"
    assert_visible_set(out, output.read_frames(out))


def test_empty_out_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    story = write(tmp_path, "story.txt", TEXT)
    assert main(["extract", str(story), "--undated", "--out", ""]) == 2
    assert "--out ''" in one_line(capsys.readouterr().err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt"]


def test_empty_article_name_is_refused(tmp_path, capsys):
    assert main(["extract", "", "--undated", "--out", str(tmp_path / "out")]) == 2
    assert "no article file given" in one_line(capsys.readouterr().err)
    assert not (tmp_path / "out").exists()


def test_writable_out_in_a_read_only_parent_is_accepted(tmp_path):
    parent = tmp_path / "parent"
    out = parent / "out"
    out.mkdir(parents=True)
    parent.chmod(0o555)
    story = write(tmp_path, "story.txt", TEXT)
    try:
        code = main(["extract", str(story), "--published", "2023-03-14", "--out", str(out)])
    finally:
        parent.chmod(0o755)
    assert code == 0
    assert sorted(p.name for p in parent.iterdir()) == ["out"]  # nothing written beside it
    assert (out / "figures.csv").exists()


def test_input_named_like_a_frame_in_its_own_out_is_never_overwritten(tmp_path, capsys):
    story = write(tmp_path, "figures.csv", TEXT)
    code = main(["extract", str(story), "--published", "2023-03-14", "--out", str(tmp_path)])
    assert code == 2
    assert "would be overwritten" in one_line(capsys.readouterr().err)
    assert story.read_text(encoding="utf-8") == TEXT and not story.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figures.csv"]  # nothing written


def test_input_inside_a_run_folder_is_never_deleted(tmp_path, capsys):
    out = tmp_path / "out"
    story = write(tmp_path, "story.txt", TEXT)
    assert main(["extract", str(story), "--undated", "--out", str(out)]) == 0
    sentences = out / "sentences.csv"  # a link into .runs: reading it as an article is allowed...
    code = main(["extract", str(sentences), "--undated", "--out", str(out)])
    assert code == 2  # ...but not writing over the run it lives in
    assert "would be overwritten" in one_line(capsys.readouterr().err)
    assert sentences.exists()


def test_stale_frames_never_survive_and_old_runs_are_cleaned(tmp_path):
    out = tmp_path / "out"
    a = pd.DataFrame({"x": [1]})
    output.write_frames(out, {"first": a, "second": a})
    output.write_frames(out, {"first": a, "second": a})
    output.write_frames(out, {"first": pd.DataFrame({"x": [2]})})
    assert sorted(p.name for p in out.glob("*.csv")) == ["first.csv"]
    assert pd.read_csv(out / "first.csv")["x"].tolist() == [2]
    runs = sorted(p.name for p in (out / ".runs").iterdir())
    assert len(runs) == 3 and "lock" in runs  # the current run and the one before it


def test_files_the_writer_did_not_make_are_left_alone(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "sentences.csv").write_text("old,frame\n1,2\n", encoding="utf-8")  # earlier version
    output.write_frames(out, {"sentences": pd.DataFrame({"new": [1]})})
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert pd.read_csv(out / "sentences.csv").columns.tolist() == ["new"]


def test_a_second_writer_is_refused_with_one_line(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["extract", str(SEED_ARTICLE), "--out", str(out)]) == 0
    before = output.read_frames(out)
    with open(out / ".runs" / "lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another run is writing right now
        story = write(tmp_path, "story.txt", TEXT)
        code = main(["extract", str(story), "--undated", "--out", str(out)])
    assert code == 2
    assert "another extract is writing" in one_line(capsys.readouterr().err)
    assert_visible_set(out, before)


def test_disk_full_keeps_the_old_set(tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    assert main(["extract", str(SEED_ARTICLE), "--out", str(out)]) == 0
    before = output.read_frames(out)
    written = []

    def full(stage):
        written.append(stage)
        if len(written) == 2:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(output, "_checkpoint", full)
    story = write(tmp_path, "story.txt", TEXT)
    assert main(["extract", str(story), "--undated", "--out", str(out)]) == 2
    assert "--out cannot be written (No space left on device)" in one_line(
        capsys.readouterr().err
    )
    assert_visible_set(out, before)
    assert len(list((out / ".runs").glob("run-*"))) == 1


CRASH = """
import os, sys
from analysis import output
from analysis.cli import main
stage, count = sys.argv[1], int(sys.argv[2])
seen = []
def crash(name):
    if name == stage:
        seen.append(name)
        if len(seen) == count:
            os._exit(137)  # as kill -9: no clean-up of any kind runs
output._checkpoint = crash
sys.exit(main(sys.argv[3:]))
"""


def crash_run(stage: str, count: int, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", CRASH, stage, str(count), *args],
        capture_output=True, text=True, cwd=PROJECT_ROOT, check=False,
    )


def test_kill_between_two_frames_leaves_the_old_set_and_the_next_run_cleans_up(tmp_path):
    out = tmp_path / "out"
    assert main(["extract", str(SEED_ARTICLE), "--out", str(out)]) == 0
    before = output.read_frames(out)
    story = write(tmp_path, "story.txt", TEXT)
    args = ["extract", str(story), "--published", "2023-03-14", "--out", str(out)]
    assert crash_run("frame", 1, *args).returncode == 137
    assert_visible_set(out, before)
    assert_same_frames(output.read_frames(out), before)
    assert len(list((out / ".runs").glob("run-*"))) == 2  # the old run and the partial one
    assert main(args) == 0
    after = output.read_frames(out)
    assert "Officials met" in after["sentences"]["text"].iloc[0]
    assert_visible_set(out, after)
    runs = sorted(p.name for p in (out / ".runs").iterdir())
    assert len(runs) == 3  # lock, the new run, the seed's run; the partial one is gone


def test_kill_right_after_the_switch_leaves_the_new_set(tmp_path):
    out = tmp_path / "out"
    assert main(["extract", str(SEED_ARTICLE), "--out", str(out)]) == 0
    story = write(tmp_path, "story.txt", TEXT)
    args = ["extract", str(story), "--published", "2023-03-14", "--out", str(out)]
    assert crash_run("switched", 1, *args).returncode == 137
    new = output.read_frames(out)
    assert "Officials met" in new["sentences"]["text"].iloc[0]
    assert_visible_set(out, new)


def test_kill_while_adopting_frames_of_an_earlier_version(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    old = {name: pd.DataFrame({"old": [name]}) for name in FRAMES}
    for name, frame in old.items():
        frame.to_csv(out / f"{name}.csv", index=False)
    story = write(tmp_path, "story.txt", TEXT)
    args = ["extract", str(story), "--published", "2023-03-14", "--out", str(out)]
    assert crash_run("adopted", 3, *args).returncode == 137
    assert_visible_set(out, old)  # three links, five plain files: all show the old set
    assert main(args) == 0
    assert_visible_set(out, output.read_frames(out))
    assert "Officials met" in pd.read_csv(out / "sentences.csv")["text"].iloc[0]


def test_module_entry_point_errors_are_one_line(tmp_path):
    result = run_cli("extract", str(tmp_path / "missing.txt"), "--out", "")
    assert result.returncode == 2
    one_line(result.stderr)
