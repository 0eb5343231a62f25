"""One call at the top of every notebook so outputs look the same on every machine.

nbval compares stored outputs with a fresh run, so anything that varies between runs (figure
sizes, float formatting, warnings with temp paths, unordered sets) must be fixed here.
"""

from __future__ import annotations

import warnings

import pandas as pd

from analysis import plotting


def setup(svg: bool = False) -> None:
    """Fix pandas display options, the chart style and known warning noise.

    ``svg=True`` (the briefing) shows charts as SVG with real text, for print; without a date
    in the file, so a rerun stores the same output.
    """
    pd.set_option("display.max_rows", 80)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.width", 160)
    pd.set_option("display.max_colwidth", 80)
    pd.set_option("display.precision", 3)
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", category=FutureWarning)
    plotting.apply_style()
    if svg:
        try:
            from matplotlib_inline.backend_inline import set_matplotlib_formats
        except ImportError:  # pragma: no cover - outside IPython there is nothing to set
            return
        set_matplotlib_formats("svg", bbox_inches="tight", metadata={"Date": None})


def show(frame: pd.DataFrame, columns: list[str] | None = None, max_colwidth: int = 80) -> None:
    """Display a frame (optionally a column subset) with long quotes cut at ``max_colwidth``."""
    from IPython.display import display

    shown = frame if columns is None else frame[columns]
    with pd.option_context("display.max_colwidth", max_colwidth):
        display(shown)
