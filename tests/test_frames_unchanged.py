"""Every frame of every shipped article is exactly the stored snapshot.

Why: speed work (and any refactoring) must not change a single cell. When a change is *meant*
to change outputs, regenerate the snapshot with ``python tests/frames_snapshot.py`` and commit
the CSV diff with the change (the lead regenerates it after merges that change outputs).
"""

from __future__ import annotations

import pytest
from frames_snapshot import ARTICLES, SNAPSHOT_DIR, frames_as_csv

from analysis.pipeline import FRAMES


def test_the_snapshot_covers_every_article_and_frame():
    stored = sorted(p.name for p in SNAPSHOT_DIR.iterdir() if p.is_dir())
    assert stored == sorted(p.stem for p in ARTICLES), "regenerate: python tests/frames_snapshot.py"
    for folder in SNAPSHOT_DIR.iterdir():
        assert sorted(p.stem for p in folder.glob("*.csv")) == sorted(FRAMES), folder.name


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_frames_are_the_snapshot(path):
    for name, text in frames_as_csv(path).items():
        stored = SNAPSHOT_DIR / path.stem / f"{name}.csv"
        assert stored.exists(), f"no snapshot of {name} for {path.stem}"
        expected = stored.read_text(encoding="utf-8")
        if text != expected:
            got, want = text.splitlines(), expected.splitlines()
            first = next(
                (i for i, (a, b) in enumerate(zip(got, want, strict=False)) if a != b),
                min(len(got), len(want)),
            )
            pytest.fail(
                f"{path.stem}/{name}.csv differs from line {first + 1}: "
                f"now {got[first] if first < len(got) else '<end>'!r}, "
                f"stored {want[first] if first < len(want) else '<end>'!r}"
            )


@pytest.mark.parametrize("path", ARTICLES[:4], ids=[p.stem for p in ARTICLES[:4]])
def test_each_frame_alone_is_the_frame_of_the_whole_pipeline(path):
    """extract_all computes each layer once and passes it on; every function of FRAMES called
    alone recomputes what it needs. Both must give the same frames, dtypes included."""
    from pandas.testing import assert_frame_equal

    from analysis.actors import clear_cache
    from analysis.article import load_article
    from analysis.pipeline import extract_all

    article = load_article(path)
    together = extract_all(article)
    for name, build in FRAMES.items():
        clear_cache()
        assert_frame_equal(build(article), together[name], check_exact=True, obj=name)
