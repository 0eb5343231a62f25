"""The pipeline against the code of an earlier git revision, side by side on the same texts.

Why: words per second depend on the machine (the same commit can measure 12k words/s on one
virtual machine and 30k on another), so "ten times faster than the code we started from" is only
checkable by running that code beside ours, on the same texts, in the same session.
``python -m analysis.bench --against REV`` does it: ``git archive`` unpacks REV's ``analysis/``
and ``data/`` into a temporary folder, and one small runner times, in a fresh process for each
round and each revision (interleaved), CPU seconds of loading every text and computing every
frame (``analysis.pipeline.extract_all``), after one warm-up article, with the actor cache (when
the revision has one) cleared before each article.

Only a clone with history can do this; without git or the revision, :func:`revision_rows`
returns no rows and says why.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from analysis.paths import PROJECT_ROOT

# Runs inside the revision's tree (PYTHONPATH first): only names every revision has.
_RUNNER = r"""
import json, sys, time
from pathlib import Path
from analysis.article import load_article
from analysis.pipeline import extract_all
try:
    from analysis.actors import clear_cache
except ImportError:
    def clear_cache():
        pass
paths = [Path(line) for line in sys.argv[1:]]
extract_all(load_article(paths[0]))  # warm-up: lexicons and patterns load once
start = time.process_time()
for path in paths:
    clear_cache()
    extract_all(load_article(path))
print(json.dumps({"seconds": time.process_time() - start}))
"""


class RevisionError(RuntimeError):
    """The revision cannot be unpacked or run here (no git, no such revision, no pipeline)."""


def unpack(revision: str, into: Path) -> Path:
    """REV's ``analysis/`` and ``data/`` under ``into`` (``git archive``, no checkout touched)."""
    if shutil.which("git") is None:
        raise RevisionError("git is not installed")
    with tempfile.TemporaryFile() as archive:
        command = ["git", "-C", str(PROJECT_ROOT), "archive", "--format=tar", revision]
        done = subprocess.run(
            [*command, "analysis", "data"], stdout=archive, stderr=subprocess.PIPE
        )
        if done.returncode != 0:
            problem = done.stderr.decode(errors="replace").strip().splitlines()
            raise RevisionError(f"git archive {revision}: {problem[-1] if problem else 'failed'}")
        archive.seek(0)
        with tarfile.open(fileobj=archive) as tar:
            tar.extractall(into, filter="data")
    return into


def _seconds(root: Path, paths: list[Path]) -> float:
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER, *map(str, paths)],
        cwd=root, env=env, capture_output=True, text=True,
    )
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise RevisionError(f"the pipeline of {root.name} failed: {lines[-1] if lines else '?'}")
    return json.loads(done.stdout.strip().splitlines()[-1])["seconds"]


def revision_rows(revision: str, paths: list[Path], rounds: int = 2) -> list[dict]:
    """Bench rows: REV's pipeline and this tree's, same runner and texts, interleaved rounds.

    The row of this tree carries ``speedup_over_revision`` (REV's seconds / ours, medians).
    """
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    with tempfile.TemporaryDirectory(prefix="bench-revision-") as tmp:
        try:
            old_root = unpack(revision, Path(tmp) / revision.replace("/", "-"))
        except RevisionError as exc:
            print(f"bench --against {revision}: skipped ({exc})", file=sys.stderr)
            return []
        times: dict[str, list[float]] = {"old": [], "new": []}
        for _ in range(max(1, rounds)):
            times["new"].append(_seconds(PROJECT_ROOT, paths))
            times["old"].append(_seconds(old_root, paths))
    old_s, new_s = statistics.median(times["old"]), statistics.median(times["new"])
    common = {"articles": len(paths), "words": words}
    return [
        {"job": f"baseline: the pipeline of revision {revision}", **common, "seconds": old_s,
         "ms_per_article": 1000 * old_s / len(paths), "words_per_second": words / old_s},
        {"job": "whole pipeline, same runner and texts", **common, "seconds": new_s,
         "ms_per_article": 1000 * new_s / len(paths), "words_per_second": words / new_s,
         "speedup_over_revision": old_s / new_s},
    ]
