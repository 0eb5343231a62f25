"""Every row of every frame points at the article text it quotes: one test for all frames."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
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


# check_provenance on a hand-built article: one failure branch per test, and a row that holds.
TEXT = "Envoys met in Geneva.  Talks  resume today."
#       0         1         2         3         4
#       0123456789012345678901234567890123456789012
SENTENCES = pd.DataFrame({"sentence_id": [0, 1], "start": [0, 23], "end": [21, 43]})
TINY = SimpleNamespace(text=TEXT, sentences=SENTENCES)


def rows(*rows: tuple[int, int, int, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["sentence_id", "start", "end", "quote"])


def problems(frame: pd.DataFrame, column: str = "quote") -> list[tuple[int, str]]:
    bad = check_provenance(frame, TINY, column)
    assert list(bad.columns) == ["row", "problem"]
    return list(bad.itertuples(index=False, name=None))


def test_check_provenance_passes_correct_rows():
    frame = rows((0, 0, 6, "Envoys"), (0, 14, 20, "Geneva"), (1, 23, 43, "Talks  resume today."),
                 (0, 0, 21, "Envoys met in Geneva."))
    assert problems(frame) == []


def test_check_provenance_catches_a_quote_not_at_its_span():
    assert problems(rows((0, 0, 6, "Envoys"), (0, 1, 7, "Envoys"))) == [
        (1, "quote is not at its span")]


@pytest.mark.parametrize("quote", ["Talks resume", "Talks  resume ", " Talks  resume",
                                   "talks  resume"])
def test_check_provenance_catches_a_difference_of_whitespace_or_case(quote):
    assert problems(rows((1, 23, 36, quote))) == [(0, "quote is not at its span")]
    assert problems(rows((1, 23, 36, "Talks  resume"))) == []


def test_check_provenance_catches_an_unknown_sentence_id():
    assert problems(rows((2, 0, 6, "Envoys"))) == [(0, "unknown sentence id")]


@pytest.mark.parametrize(("start", "end"), [(20, 23), (22, 29), (35, 44)])
def test_check_provenance_catches_a_span_outside_its_sentence(start, end):
    frame = rows((1, start, end, TEXT[start:end]))
    assert problems(frame) == [(0, "span is outside its sentence")]


def test_check_provenance_accepts_spans_at_the_sentence_edges():
    assert problems(rows((1, 23, 23, ""), (1, 43, 43, ""), (0, 21, 21, ""))) == []


def test_check_provenance_reports_every_problem_of_a_row_and_reads_the_quote_column():
    frame = rows((1, 0, 6, "Envoys"), (0, 2, 8, "voys m"), (0, 0, 6, "envoys"))
    frame = frame.rename(columns={"quote": "text"}).set_axis([10, 11, 12])
    assert problems(frame, "text") == [(10, "span is outside its sentence"),
                                       (12, "quote is not at its span")]
    both = rows((1, 1, 7, "Envoys"))
    assert problems(both) == [(0, "quote is not at its span; span is outside its sentence")]
