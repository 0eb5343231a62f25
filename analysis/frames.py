"""Build DataFrames with a fixed set of columns, so empty results still have the right shape."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import pandas as pd

#: The provenance columns every extracted frame carries.
PROVENANCE = ("sentence_id", "start", "end", "quote")


def make_frame(rows: Iterable[Mapping[str, object]], columns: Sequence[str]) -> pd.DataFrame:
    """A DataFrame of ``rows`` with exactly ``columns`` in that order (empty rows -> empty frame).

    Integer provenance columns stay integers even when the frame is empty.
    """
    frame = pd.DataFrame(list(rows), columns=list(columns))
    for col in ("sentence_id", "start", "end", "paragraph"):
        if col in frame.columns:
            frame[col] = frame[col].astype("int64")
    return frame.reset_index(drop=True)


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
