"""The frames of every shipped article as CSV text, and the script that stores them.

``tests/test_frames_unchanged.py`` compares the frames the pipeline makes now with the snapshot
stored in ``tests/data/frames_snapshot/<article-id>/<frame>.csv``, so a change meant only to make
the pipeline faster cannot change a single cell unnoticed.

The snapshot is regenerated only on purpose, by running this file::

    .venv/bin/python tests/frames_snapshot.py

after a change that is *meant* to change outputs (a new rule, a lexicon entry, a merge of such a
change), and the diff of the CSV files is then read and committed with that change.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

TESTS_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS_DIR.parent))

from analysis.article import load_article  # noqa: E402
from analysis.paths import ARTICLES_DIR  # noqa: E402
from analysis.pipeline import FRAMES, extract_all  # noqa: E402

SNAPSHOT_DIR = TESTS_DIR / "data" / "frames_snapshot"

#: Every article the project ships: data/articles and the invented test articles.
ARTICLES = sorted([*ARTICLES_DIR.glob("*.txt"), *(TESTS_DIR / "data").glob("*.txt")])


def frames_as_csv(path: Path) -> dict[str, str]:
    """frame name -> the frame of the article at ``path`` as CSV text (full float precision)."""
    frames = extract_all(load_article(path))
    return {name: frame.to_csv(index=False, lineterminator="\n") for name, frame in frames.items()}


def write_snapshot() -> None:
    """Replace the stored snapshot with the frames the pipeline makes now."""
    if SNAPSHOT_DIR.exists():
        shutil.rmtree(SNAPSHOT_DIR)
    for path in ARTICLES:
        folder = SNAPSHOT_DIR / path.stem
        folder.mkdir(parents=True)
        for name, text in frames_as_csv(path).items():
            (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    print(f"{len(ARTICLES)} articles x {len(FRAMES)} frames written to {SNAPSHOT_DIR.name}/")


if __name__ == "__main__":
    write_snapshot()
