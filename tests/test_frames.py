"""frames.make_frame builds the frame pandas' records reader builds, and records() reads it back."""

from __future__ import annotations

import math

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from analysis.frames import make_frame, records

_VALUES = st.one_of(st.text(max_size=5), st.integers(-5, 5), st.booleans(),
                    st.floats(allow_nan=False, width=32), st.none())
_COLUMNS = ("word", "number", "flag", "mixed")


@st.composite
def _rows(draw) -> list[dict]:
    kinds = {"word": st.text(max_size=6), "number": st.integers(-9, 9), "flag": st.booleans(),
             "mixed": _VALUES}
    rows = []
    for _ in range(draw(st.integers(1, 6))):
        keys = draw(st.sets(st.sampled_from(_COLUMNS), min_size=1))
        rows.append({k: draw(kinds[k]) for k in keys})
    return rows


@given(_rows())
def test_make_frame_is_the_frame_of_pandas_reader(rows):
    """Same columns, dtypes and values as pandas' reader of the records (a text column is
    built straight as Arrow text only when every value is text)."""
    expected = pd.DataFrame.from_records(rows, columns=list(_COLUMNS))
    assert_frame_equal(make_frame(rows, _COLUMNS), expected, check_exact=True)


def test_typed_columns_and_empty_frames_keep_their_dtypes():
    typed = {"n": "int64", "ok": "bool", "x": "Int64"}
    frame = make_frame([{"n": 1, "ok": True, "x": None, "t": "a"}], ("n", "ok", "x", "t"), typed)
    assert [str(t) for t in frame.dtypes] == ["int64", "bool", "Int64", "str"]
    empty = make_frame([], ("n", "ok", "x", "start"), typed)
    assert [str(t) for t in empty.dtypes] == ["int64", "bool", "Int64", "int64"]


def test_records_reads_a_frame_as_to_dict_does_and_copies_rows():
    frame = make_frame([{"a": 1, "b": "x"}, {"a": 2}], ("a", "b"))
    got = records(frame)
    want = frame.to_dict("records")
    assert got[0] == want[0] and got[1]["a"] == 2 and math.isnan(got[1]["b"])
    rows = [{"a": 1}]
    copied = records(rows)
    copied[0]["a"] = 5
    assert rows == [{"a": 1}]
