"""Build DataFrames with a fixed set of columns, so empty results still have the right shape."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

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
