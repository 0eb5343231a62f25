"""Build DataFrames with a fixed set of columns, so empty results still have the right shape."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
from pandas.arrays import ArrowStringArray

#: The provenance columns every extracted frame carries.
PROVENANCE = ("sentence_id", "start", "end", "quote")


#: Provenance columns that stay whole numbers (int64), even in an empty frame.
_INTEGER_COLUMNS = frozenset(("sentence_id", "start", "end", "paragraph"))
_MISSING = float("nan")  # what a row without a column's key holds, as pandas' records reader


#: The dtype pandas gives a column of text (``str``: Arrow storage, NaN for a missing value).
_TEXT = pd.StringDtype("pyarrow", na_value=np.nan)


def _text_array(values: list[str]) -> ArrowStringArray:
    """The ``str`` column pandas would infer from ``values`` (all of them text), built straight
    from one Arrow array: pandas' inference checks every value again and costs several times
    more, once per text column of every frame."""
    return ArrowStringArray(pa.chunked_array([pa.array(values, type=pa.large_string())]),
                            dtype=_TEXT)


def make_frame(
    rows: Iterable[Mapping[str, object]],
    columns: Sequence[str],
    dtypes: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """A DataFrame of ``rows`` with exactly ``columns`` in that order (empty rows -> empty frame).

    Integer provenance columns stay integers even when the frame is empty, and so do the
    columns ``dtypes`` names ("int64" or "bool"; a nullable "Int64" or "Float64" column is
    converted after it is built, as ``astype`` would). Built column by column (whole numbers,
    flags and text as one array each): the same frame as pandas' reader of a list of records
    followed by ``astype``, several times faster, which counts when every pass ends in a frame.
    """
    rows = list(rows)
    typed = {col: "int64" for col in _INTEGER_COLUMNS} | dict(dtypes or {})
    if not rows:
        frame = pd.DataFrame([], columns=list(columns))
        for col in frame.columns:
            if col in typed:
                frame[col] = frame[col].astype(typed[col])
        return frame
    arrays: list[object] = []
    later: dict[str, str] = {}
    for col in columns:
        values = [row.get(col, _MISSING) for row in rows]
        dtype = typed.get(col)
        if dtype in ("int64", "bool"):
            arrays.append(np.array(values, dtype=dtype))
        elif dtype is None and all(type(v) is str for v in values):
            arrays.append(_text_array(values))
        else:
            arrays.append(values)  # pandas infers its dtype, as its records reader does
            if dtype is not None:
                later[col] = dtype
    frame = _from_columns(arrays, list(columns), len(rows))
    for col, dtype in later.items():
        frame[col] = frame[col].astype(dtype)
    return frame


def _from_columns(arrays: list[object], columns: list[str], length: int) -> pd.DataFrame:
    """The frame of these column arrays (or lists, whose dtype pandas infers).

    Why pandas' ``_from_arrays``: the public constructor from a dict looks every column up
    again and costs about twice as much for the small frames every pass ends in; both check and
    convert each column the same way (the tests compare with pandas' records reader).
    """
    if len(set(columns)) == len(columns) and hasattr(pd.DataFrame, "_from_arrays"):
        return pd.DataFrame._from_arrays(
            arrays, columns=pd.Index(columns), index=pd.RangeIndex(length), verify_integrity=True
        )
    return pd.DataFrame(dict(zip(columns, arrays, strict=True)), columns=columns)


#: A layer passed between passes: a frame, or its rows as plain dicts (column -> value).
Table = pd.DataFrame | Sequence[Mapping[str, object]]


def records(table: Table) -> list[dict[str, object]]:
    """The rows of a frame, or of a list of row dicts, as fresh dicts (column -> value).

    Why: the passes loop over rows, which is slow on a DataFrame (``to_dict`` and ``itertuples``
    box every cell); inside the pipeline layers travel as plain rows and frames are built once
    at the end, while callers may still hand a frame in. Values are those ``to_dict("records")``
    gives (a nullable column's missing value is None); every row is a copy, so a pass cannot
    alter the rows another pass reads.
    """
    if isinstance(table, pd.DataFrame):
        columns = list(table.columns)
        values = [table[col].tolist() for col in columns]
        for k, col in enumerate(columns):  # a nullable column's missing value reads as None
            if isinstance(table[col].dtype, pd.api.extensions.ExtensionDtype) and (
                table[col].dtype.na_value is pd.NA
            ):
                values[k] = [None if v is pd.NA else v for v in values[k]]
        return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]
    return [dict(row) for row in table]


def stack_by_article(
    article_ids: Iterable[str], build: Callable[[str], pd.DataFrame], columns: Sequence[str]
) -> pd.DataFrame:
    """``build(article_id)`` for every article, stacked, with an ``article`` column first.

    Why: scoreboards set several articles side by side; no articles gives an empty frame with
    the right columns.
    """
    rows = [build(article_id).assign(article=article_id) for article_id in article_ids]
    stacked = pd.concat(rows, ignore_index=True).to_dict("records") if rows else []
    return make_frame(stacked, ("article", *columns))
