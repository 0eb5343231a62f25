"""Measure the figures frame against hand-checked gold (the seed's, or another article's).

The gold (``data/annotations/figures.csv``) lists every number of the article body, whether it
is a figure (a count of people) or not (a year, a date, a pronoun), and for figures the measure
and range a careful reader gives it. Comparing row by row shows a teacher exactly which
figure the extractor misses or misreads, and whether any year or date slipped in as a figure.
Other articles' gold sits in ``data/annotations/<article id>/figures.csv`` (:func:`gold_path`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from analysis.article import load_article
from analysis.figures import extract_figures
from analysis.frames import make_frame, stack_by_article
from analysis.lexicons import read_commented_csv
from analysis.paths import ANNOTATIONS_DIR, article_file, gold_file

#: The seed article's figure gold.
GOLD_PATH = ANNOTATIONS_DIR / "figures.csv"

#: Columns of :func:`compare_with_gold`.
COMPARISON_COLUMNS = (
    "gold_id", "figure_id", "sentence_id", "number", "is_figure", "found", "measure_ok",
    "range_ok", "qualifier_ok", "refers_to_ok", "place_ok", "period_ok",
)


def gold_path(article_id: str | None = None) -> Path:
    """Where an article's figure gold lives: the seed's at the top of ``data/annotations``,
    any other article's in the sub-folder named by its id (so one loader serves every article)."""
    return gold_file(article_id, "figures.csv")


def load_gold(path: Path = GOLD_PATH) -> pd.DataFrame:
    """The gold numbers: one row per number in the article body (see the file's header)."""
    gold = read_commented_csv(path)
    gold["sentence_id"] = gold["sentence_id"].astype("int64")
    for column in ("low", "best", "high"):
        gold[column] = pd.to_numeric(gold[column].replace("", None)).astype("Int64")
    return gold


def _same(a: object, b: object) -> bool:
    if pd.isna(a) and pd.isna(b):
        return True
    if pd.isna(a) or pd.isna(b):
        return False
    return a == b


def compare_with_gold(figures: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """One row per gold number and per extracted figure the gold does not know.

    A figure matches a gold row when it is in the same sentence and has the same number
    phrase. ``found`` says whether the extractor reported the number as a figure; the ``*_ok``
    columns compare each field for gold figures (empty for numbers that are not figures).
    An extracted figure that matches no gold row comes out with an empty ``gold_id`` and
    ``is_figure`` "no": a false positive.
    """
    rows, used = [], set()
    for g in gold.itertuples():
        hit = figures[(figures["sentence_id"] == g.sentence_id) & (figures["number"] == g.number)]
        found = not hit.empty
        row = {
            "gold_id": g.gold_id, "figure_id": hit["figure_id"].iloc[0] if found else "",
            "sentence_id": g.sentence_id, "number": g.number, "is_figure": g.is_figure,
            "found": found,
        }
        if found:
            used.add(hit.index[0])
        if g.is_figure == "yes":
            f = hit.iloc[0] if found else None
            row.update(
                measure_ok=found and f["measure"] == g.measure,
                range_ok=found and all(_same(f[c], getattr(g, c)) for c in ("low", "best", "high")),
                qualifier_ok=found and f["qualifier"] == g.qualifier,
                refers_to_ok=found and f["refers_to"] == g.refers_to,
                place_ok=found and f["place"] == g.place,
                period_ok=found and f["period_start"] == g.period_start,
            )
        rows.append(row)
    for index, f in figures.iterrows():
        if index not in used:
            rows.append(
                {"gold_id": "", "figure_id": f["figure_id"], "sentence_id": f["sentence_id"],
                 "number": f["number"], "is_figure": "no", "found": True}
            )
    return make_frame(rows, COMPARISON_COLUMNS)


def gold_scores(comparison: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall of "is a figure", and the share of gold figures read right.

    Returns one row per measure with columns ``score`` and ``value`` (0..1) and ``counts``
    (the fraction behind it, e.g. "3/3"), so the notebook can show where the numbers come from.
    """
    figures = comparison[comparison["is_figure"] == "yes"]
    reported = comparison[comparison["found"]]
    true_pos = int((reported["is_figure"] == "yes").sum())
    rows = [
        ("precision: reported figures that are figures", true_pos, len(reported)),
        ("recall: gold figures that are reported", true_pos, len(figures)),
        ("years, dates and non-counts reported as figures",
         int((reported["is_figure"] == "no").sum()), int((comparison["is_figure"] == "no").sum())),
    ]
    for column in ("measure_ok", "range_ok", "qualifier_ok", "refers_to_ok", "place_ok",
                   "period_ok"):
        rows.append((f"{column.removesuffix('_ok')} right", int(figures[column].sum()),
                     len(figures)))
    return pd.DataFrame(
        [{"score": name, "value": (n / d) if d else float("nan"), "counts": f"{n}/{d}"}
         for name, n, d in rows]
    )


#: Columns of :func:`scoreboard` (shares 0..1; NaN where an article has nothing to divide by).
SCOREBOARD_COLUMNS = (
    "article", "gold figures", "reported", "precision", "recall", "non-counts reported",
    "measure", "range", "qualifier", "refers_to", "place", "period",
)


def compare_articles(article_ids: Sequence[str]) -> pd.DataFrame:
    """:func:`compare_with_gold` for each article with figure gold, stacked, with an ``article``
    column first, so a notebook can list every miss and false alarm across articles."""
    def one(article_id: str) -> pd.DataFrame:
        found = extract_figures(load_article(article_file(article_id)))
        return compare_with_gold(found, load_gold(gold_path(article_id)))

    return stack_by_article(article_ids, one, COMPARISON_COLUMNS)


def scoreboard(article_ids: Sequence[str]) -> pd.DataFrame:
    """One row per article: precision and recall of "is a figure" and the share of gold figures
    with each field right. Why: a score on the seed alone (whose gold the rule authors wrote)
    says nothing about articles the rules were not written for; side by side it does."""
    comparisons = compare_articles(article_ids)
    rows = []
    for article_id in article_ids:
        scores = gold_scores(comparisons[comparisons["article"] == article_id])
        value = dict(zip(scores["score"], scores["value"], strict=True))
        counts = dict(zip(scores["score"], scores["counts"], strict=True))
        recall = "recall: gold figures that are reported"
        precision = "precision: reported figures that are figures"
        rows.append({
            "article": article_id,
            "gold figures": int(counts[recall].split("/")[1]),
            "reported": int(counts[precision].split("/")[1]),
            "precision": value[precision], "recall": value[recall],
            "non-counts reported": int(counts["years, dates and non-counts reported as figures"]
                                       .split("/")[0]),
            **{field: value[f"{field} right"] for field in
               ("measure", "range", "qualifier", "refers_to", "place", "period")},
        })
    return make_frame(rows, SCOREBOARD_COLUMNS)
