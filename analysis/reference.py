"""Reference figures from named sources, and which of them an article's figures compare with.

A briefer reading "around 300,000 killed" wants to know what the UN, UNHCR or a monitoring
group counted, as of when, and counting whom. ``data/reference/figures.csv`` holds such figures
with their source, as-of date, what exactly they count and whether they are confirmed; this
module loads it and lines each article figure up with the references that count the same kind
of thing (same event class, compatible measure, same start year, a place the article names).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.frames import make_frame
from analysis.lexicons import read_commented_csv
from analysis.paths import REFERENCE_DIR

#: The reference figures file.
REFERENCE_PATH = REFERENCE_DIR / "figures.csv"

#: Columns of :func:`compare_with_reference`.
COMPARISON_COLUMNS = (
    "figure_id", "group", "who", "label", "low", "best", "high", "qualifier", "as_of",
    "status", "counts", "ref_id",
)

#: Which reference measures an article measure may be set beside: "displaced" in prose often
#: covers people who fled abroad as well as those displaced at home.
COMPATIBLE_MEASURES = {
    "killed": ("killed",),
    "displaced": ("displaced", "refugees"),
    "refugees": ("refugees",),
    "injured": ("injured",),
    "missing": ("missing",),
    "detained": ("detained",),
}

#: The label of the article's own rows in the comparison.
ARTICLE = "the article"


def load_reference(path: Path = REFERENCE_PATH) -> pd.DataFrame:
    """The reference figures (one row per figure; columns documented in the data README)."""
    reference = read_commented_csv(path)
    for column in ("low", "best", "high"):
        reference[column] = pd.to_numeric(reference[column].replace("", None)).astype("Int64")
    return reference


def _text(value: object) -> str:
    """A frame cell as text: empty for a missing value (NA has no truth value)."""
    return "" if value is None or pd.isna(value) else str(value)


def _year(value: str) -> str:
    return str(value)[:4]


def matching_reference(
    figure: pd.Series, reference: pd.DataFrame, text: str, published: object = None
) -> pd.DataFrame:
    """The reference rows one article figure can be compared with.

    Same ``event_class``; a compatible measure; the same start year when both give one (a toll
    for a single later year is not a toll since the war began); no count of a period that
    began after the article was published; and one of the row's ``place_terms`` named somewhere
    in the article (a figure for one country is not set beside an article about another).
    """
    event_class, period_start = _text(figure["event_class"]), _text(figure["period_start"])
    if not event_class:
        return reference.iloc[0:0]
    measures = COMPATIBLE_MEASURES.get(figure["measure"], ())
    keep = (reference["event_class"] == event_class) & reference["measure"].isin(measures)
    if period_start:
        starts = reference["period_start"].map(_year)
        keep &= (starts == "") | (starts == _year(period_start))
    if published is not None:
        keep &= reference["period_start"].map(lambda start: start[:10] <= str(published))
    named = reference["place_terms"].map(
        lambda terms: any(re.search(rf"\b{re.escape(t)}\b", text) for t in terms.split("|") if t)
    )
    return reference[keep & named]


def compare_with_reference(
    figures: pd.DataFrame, reference: pd.DataFrame, text: str, published: object = None
) -> pd.DataFrame:
    """Each article figure followed by the reference figures it can be set beside.

    Columns: ``figure_id``; ``group`` (what is compared: "F01 killed: civil war");
    ``who`` ("the article" or the source's short name, for colour); ``label`` (one line for the
    chart's axis); ``low``/``best``/``high``; ``qualifier``; ``as_of`` (the article's publication
    date for its own rows); ``status``; ``counts``; ``ref_id`` (empty for the article's rows).
    Figures with no matching reference are left out.
    """
    rows = []
    as_of = "" if published is None else str(published)
    for _, figure in figures.iterrows():
        matches = matching_reference(figure, reference, text, published)
        if matches.empty:
            continue
        refers = figure["refers_to"] or figure["event_class"]
        group = f"{figure['figure_id']} {figure['measure']}: {refers}"
        rows.append(
            {
                "figure_id": figure["figure_id"], "group": group, "who": ARTICLE,
                "label": f"article: \u201c{figure['number']}\u201d",
                "low": figure["low"], "best": figure["best"], "high": figure["high"],
                "qualifier": figure["qualifier"], "as_of": as_of, "status": "as written",
                "counts": figure["quote"], "ref_id": "",
            }
        )
        for _, ref in matches.sort_values(["measure", "as_of", "ref_id"]).iterrows():
            rows.append(
                {
                    "figure_id": figure["figure_id"], "group": group, "who": ref["source_short"],
                    "label": f"{ref['source_short']}: {ref['topic'].replace('_', ' ')}, "
                    f"{ref['place']}",
                    "low": ref["low"], "best": ref["best"], "high": ref["high"],
                    "qualifier": ref["qualifier"], "as_of": ref["as_of"],
                    "status": ref["status"], "counts": ref["counts"], "ref_id": ref["ref_id"],
                }
            )
    frame = make_frame(rows, COMPARISON_COLUMNS)
    for column in ("low", "best", "high"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _bounds(row: pd.Series) -> tuple[float, float]:
    """A row's range with open ends made unbounded (0 below, infinity above)."""
    low = float(row["low"]) if not pd.isna(row["low"]) else 0.0
    high = float(row["high"]) if not pd.isna(row["high"]) else float("inf")
    return low, high


def position_against_article(comparison: pd.DataFrame) -> pd.DataFrame:
    """Where each reference figure falls against the article's own range in its group.

    Adds a ``position`` column: ``inside`` (the reference range lies within the article's),
    ``overlaps`` (they share some values), ``below`` or ``above`` (no common value), and
    ``article`` for the article's own rows. Open ends count as unbounded, so "more than 54,000"
    overlaps "tens of thousands" but is not inside it.
    """
    out = comparison.copy()
    positions = []
    article_rows = out[out["who"] == ARTICLE].set_index("group")
    for _, row in out.iterrows():
        if row["who"] == ARTICLE:
            positions.append("article")
            continue
        a_low, a_high = _bounds(article_rows.loc[row["group"]])
        r_low, r_high = _bounds(row)
        if r_high < a_low:
            positions.append("below")
        elif r_low > a_high:
            positions.append("above")
        elif a_low <= r_low and r_high <= a_high:
            positions.append("inside")
        else:
            positions.append("overlaps")
    out["position"] = positions
    return out
