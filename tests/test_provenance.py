"""Every row of every frame points at the article text it quotes: one test for all frames."""

from __future__ import annotations

import pytest

from analysis.pipeline import FRAMES, extract_all
from analysis.provenance import check_provenance


@pytest.fixture(scope="module")
def seed_frames(seed):
    return extract_all(seed)


def quote_column(frame) -> str:
    return "quote" if "quote" in frame.columns else "text"


@pytest.mark.parametrize("name", list(FRAMES))
def test_seed_frame_has_provenance(seed, seed_frames, name):
    frame = seed_frames[name]
    for column in ("sentence_id", "start", "end", quote_column(frame)):
        assert column in frame.columns, f"{name} lacks {column}"
    assert not frame.empty, f"{name} is empty on the seed article"
    bad = check_provenance(frame, seed, quote_column(frame))
    assert bad.empty, f"{name}: {bad.to_dict('records')[:3]}"


def test_example_frames_have_provenance(example):
    for name, frame in extract_all(example).items():
        bad = check_provenance(frame, example, quote_column(frame))
        assert bad.empty, f"{example.article_id} {name}: {bad.to_dict('records')[:3]}"


def test_check_provenance_catches_a_shifted_span(seed, seed_frames):
    frame = seed_frames["attributions"].copy()
    frame.loc[0, "start"] += 1
    assert len(check_provenance(frame, seed)) == 1
