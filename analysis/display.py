"""One call at the top of every notebook so outputs look the same on every machine.

nbval compares stored outputs with a fresh run, so anything that varies between runs (figure
sizes, float formatting, warnings with temp paths, unordered sets) must be fixed here.
"""

from __future__ import annotations

import warnings

import pandas as pd

from analysis import plotting


def setup() -> None:
    """Fix pandas display options, the chart style and known warning noise."""
    pd.set_option("display.max_rows", 80)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.width", 160)
    pd.set_option("display.max_colwidth", 80)
    pd.set_option("display.precision", 3)
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", category=FutureWarning)
    plotting.apply_style()


def show(frame: pd.DataFrame, columns: list[str] | None = None, max_colwidth: int = 80) -> None:
    """Display a frame (optionally a column subset) with long quotes cut at ``max_colwidth``."""
    from IPython.display import display

    shown = frame if columns is None else frame[columns]
    with pd.option_context("display.max_colwidth", max_colwidth):
        display(shown)
