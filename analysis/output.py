"""Write a set of frames into a folder: a reader sees the old set or the new one, never a mix.

Why a pointer: eight CSV files cannot be replaced together, but one symbolic link can be
replaced atomically (``rename`` over it). So every run writes its frames into a folder of its own,
and only when all of them are on disk does one rename make them current::

    OUT/.runs/<run>/<frame>.csv        one folder per run, complete before anything points at it
    OUT/current -> .runs/<run>         the one pointer, switched by an atomic rename
    OUT/<frame>.csv -> current/<frame>.csv   fixed links, so OUT/figures.csv reads as it always did
    OUT/.runs/lock                     one writer at a time (``fcntl``); a second one is refused

A reader that needs several frames of one run resolves ``OUT/current`` once (``realpath``, or
:func:`read_frames`) and reads from that folder; the previous run is kept until the next one, so
a reader that resolved it a moment before a switch can still finish. A crash (even ``kill -9``)
before the switch leaves the old set current and a partial run folder that the next run deletes;
after it, the new set is complete. Files in ``OUT`` that the writer did not create are left alone,
and the input article is never among the files it replaces or deletes.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pandas as pd

from analysis.errors import ArticleError

RUNS = ".runs"
CURRENT = "current"
LOCK = "lock"
_NAME = re.compile(r"^[A-Za-z0-9_-]{1,100}$")


def _checkpoint(stage: str) -> None:
    """A named point of the write (``frame``, ``switched``, ``adopted``). Does nothing.

    Why: fault-injection tests replace it to kill the writer exactly there, instead of hoping
    a timed ``kill -9`` lands between two steps.
    """


def write_frames(
    out: str | Path, frames: Mapping[str, pd.DataFrame], *, protect: Iterable[str | Path] = ()
) -> Path:
    """Write ``frames`` (name -> frame) as ``OUT/<name>.csv`` and make them current as one set.

    ``protect`` lists files that must never be replaced or deleted (the input article). Returns
    the run folder. Raises :class:`ArticleError` (one line) when ``out`` is empty or not a
    folder, another run holds the folder, a protected file would be touched, or writing fails;
    the previous set then stays current.
    """
    for name in frames:
        if not _NAME.match(name):
            raise ValueError(f"frame name {name[:40]!r} is not a plain file name")
    out = _out_path(out)
    _refuse_protected(out, frames, protect)  # before anything, even a folder, is made
    runs = out / RUNS
    with _errors(out):
        if not out.is_dir():  # never mkdir an existing folder: its parent may be read-only
            out.mkdir(parents=True)
        if not runs.is_dir():
            runs.mkdir()
    with _errors(out), _locked(out, runs):
        _adopt_earlier_files(out, runs, frames)
        previous = _current_run(out)
        run = Path(tempfile.mkdtemp(dir=runs, prefix="run-"))
        try:
            for name, frame in frames.items():
                with open(run / f"{name}.csv", "w", encoding="utf-8", newline="") as handle:
                    frame.to_csv(handle, index=False)
                    handle.flush()
                    os.fsync(handle.fileno())
                _checkpoint("frame")
            _fsync_folder(run)
            _switch(out, runs, run)
        except BaseException:
            shutil.rmtree(run, ignore_errors=True)
            raise
        _checkpoint("switched")
        _link_frames(out, frames)
        _clean(out, runs, keep={run.name, previous})
    return run


def read_frames(out: str | Path) -> dict[str, pd.DataFrame]:
    """Every frame of the current run of ``out``, all from one run (``current`` resolved once)."""
    run = Path(os.path.realpath(Path(out) / CURRENT))
    if not run.is_dir():
        raise ArticleError(out, "holds no frames written by extract (no 'current' run)")
    return {path.stem: pd.read_csv(path) for path in sorted(run.glob("*.csv"))}


def _out_path(out: str | Path) -> Path:
    text = os.fspath(out)
    if not text.strip():
        raise ArticleError("--out ''", "no folder given; name the folder for the frames")
    out = Path(text)
    with _errors(out):
        if os.path.lexists(out) and not out.is_dir():
            raise ArticleError(out, "--out exists and is not a folder")
    return out


@contextlib.contextmanager
def _errors(out: Path) -> Iterator[None]:
    """Turn an ``OSError`` (no permission, disk full, name too long) into one line."""
    try:
        yield
    except OSError as exc:
        problem = "file name is too long" if exc.errno == errno.ENAMETOOLONG else (
            exc.strerror or type(exc).__name__
        )
        raise ArticleError(out, f"--out cannot be written ({problem})") from None


@contextlib.contextmanager
def _locked(out: Path, runs: Path) -> Iterator[None]:
    fd = os.open(runs / LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ArticleError(
                out, "another extract is writing to this --out; try again when it has finished"
            ) from None
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _refuse_protected(out: Path, frames: Mapping[str, pd.DataFrame], protect) -> None:
    """Refuse before writing when a protected file is one the writer would replace or delete."""
    runs = os.path.realpath(out / RUNS)
    touched = [out / f"{name}.csv" for name in frames] + [out / CURRENT]
    for path in protect:
        real = os.path.realpath(path)
        inside_runs = os.path.commonpath([real, runs]) == runs
        same = any(
            os.path.realpath(target) == real or _same_file(target, path) for target in touched
        )
        if inside_runs or same:
            raise ArticleError(
                path, f"would be overwritten by the frames in --out {out}; choose another folder"
            )


def _same_file(a: Path, b: str | Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _current_run(out: Path) -> str | None:
    try:
        return Path(os.readlink(out / CURRENT)).name
    except OSError:
        return None


def _switch(out: Path, runs: Path, run: Path) -> None:
    """Point ``OUT/current`` at ``run`` with one atomic rename."""
    link = runs / f"current-{run.name}"
    os.symlink(f"{RUNS}/{run.name}", link)
    try:
        os.replace(link, out / CURRENT)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(link)
        raise
    _fsync_folder(out)


def _is_our_link(path: Path, name: str) -> bool:
    return path.is_symlink() and os.readlink(path) == f"{CURRENT}/{name}.csv"


def _link_frames(out: Path, frames: Mapping[str, pd.DataFrame]) -> None:
    """``OUT/<name>.csv -> current/<name>.csv`` for each frame; links of frames gone are removed."""
    for name in frames:
        path = out / f"{name}.csv"
        if _is_our_link(path, name):
            continue
        tmp = out / RUNS / f"link-{name}.csv"
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        os.symlink(f"{CURRENT}/{name}.csv", tmp)
        os.replace(tmp, path)
    for path in out.glob("*.csv"):
        if path.stem not in frames and _is_our_link(path, path.stem):
            path.unlink()


def _adopt_earlier_files(out: Path, runs: Path, frames: Mapping[str, pd.DataFrame]) -> None:
    """Frames written as plain files (by earlier versions) become a run of their own first.

    Why: replacing them one by one with links to the new run would show a mix; copied into a
    run that ``current`` points to, each link that replaces a plain file shows the same content.
    """
    plain = [
        out / f"{name}.csv"
        for name in frames
        if (out / f"{name}.csv").is_file() and not (out / f"{name}.csv").is_symlink()
    ]
    if not plain:
        return
    if _current_run(out) is None:
        run = Path(tempfile.mkdtemp(dir=runs, prefix="run-earlier-"))
        for path in plain:
            shutil.copy2(path, run / path.name)
        _fsync_folder(run)
        _switch(out, runs, run)
    for path in plain:
        tmp = runs / f"link-{path.name}"
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        os.symlink(f"{CURRENT}/{path.name}", tmp)
        os.replace(tmp, path)
        _checkpoint("adopted")


def _clean(out: Path, runs: Path, keep: set[str | None]) -> None:
    """Delete what earlier or crashed runs left in ``.runs``: all but the lock and ``keep``."""
    for entry in runs.iterdir():
        if entry.name == LOCK or entry.name in keep:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                entry.unlink()


def _fsync_folder(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable (best effort: not every system can)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
