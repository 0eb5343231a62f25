"""Build DataFrames with a fixed set of columns, so empty results still have the right shape."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

#: The provenance columns every extracted frame carries.
PROVENANCE = ("sentence_id", "start", "end", "quote")


#: Provenance columns that stay whole numbers (int64), even in an empty frame.
_INTEGER_COLUMNS = frozenset(("sentence_id", "start", "end", "paragraph"))
_MISSING = float("nan")  # what a row without a column's key holds, as pandas' records reader


def make_frame(
    rows: Iterable[Mapping[str, object]],
    columns: Sequence[str],
    dtypes: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """A DataFrame of ``rows`` with exactly ``columns`` in that order (empty rows -> empty frame).

    Integer provenance columns stay integers even when the frame is empty, and so do the
    columns ``dtypes`` names ("int64" or "bool"; a nullable "Int64" or "Float64" column is
    converted after it is built, as ``astype`` would). Built column by column (one list per
    column, whole numbers and flags as one array): the same frame as pandas' reader of a list of
    records followed by ``astype``, about three times faster, which counts when every pass ends
    in a frame.
    """
    rows = list(rows)
    typed = {col: "int64" for col in _INTEGER_COLUMNS} | dict(dtypes or {})
    if not rows:
        frame = pd.DataFrame([], columns=list(columns))
        for col in frame.columns:
            if col in typed:
                frame[col] = frame[col].astype(typed[col])
        return frame
    data: dict[str, object] = {}
    later: dict[str, str] = {}
    for col in columns:
        values = [row.get(col, _MISSING) for row in rows]
        dtype = typed.get(col)
        if dtype in ("int64", "bool"):
            data[col] = np.array(values, dtype=dtype)
        else:
            data[col] = values
            if dtype is not None:
                later[col] = dtype
    frame = pd.DataFrame(data, columns=list(columns))
    for col, dtype in later.items():
        frame[col] = frame[col].astype(dtype)
    return frame


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
