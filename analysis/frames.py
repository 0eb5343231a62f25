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


def make_frame(rows: Iterable[Mapping[str, object]], columns: Sequence[str]) -> pd.DataFrame:
    """A DataFrame of ``rows`` with exactly ``columns`` in that order (empty rows -> empty frame).

    Integer provenance columns stay integers even when the frame is empty. Built column by
    column (one list per column, integers as one array): the same frame as pandas' reader of a
    list of records, about three times faster, which counts when every pass ends in a frame.
    """
    rows = list(rows)
    if not rows:
        frame = pd.DataFrame([], columns=list(columns))
        for col in _INTEGER_COLUMNS.intersection(frame.columns):
            frame[col] = frame[col].astype("int64")
        return frame
    data: dict[str, object] = {}
    for col in columns:
        values = [row.get(col, _MISSING) for row in rows]
        data[col] = np.array(values, dtype="int64") if col in _INTEGER_COLUMNS else values
    return pd.DataFrame(data, columns=list(columns))


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
