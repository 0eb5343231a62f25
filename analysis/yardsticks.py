"""What notebooks 02-05 show about accuracy, built on :mod:`analysis.scoring` alone.

Two views per frame, both read straight from the scorer so a notebook shows the numbers of
``make eval`` and nothing else:

* **the seed, three ways** (:func:`seed_yardsticks`): the extraction against the seed's
  independent gold, the extraction against the legacy gold, and the legacy gold against the
  independent gold. The legacy gold was written by the extractor's authors and mirrors the
  extractor's output (issue 13), so the second score is high for a reason that says nothing
  about accuracy; the third says how far the two annotations are apart.
* **every article with gold** (:func:`frame_board`, :func:`frame_verdicts`): the scoreboard of
  one frame, seed and unseen totals apart, and every miss, false alarm and wrong row behind it.

Sentences about these numbers are written here too (:func:`describe_seed`), so notebook prose
that states a score is rendered from the scores and cannot go stale.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis import paths, scoring
from analysis.article import Article, load_article
from analysis.frames import make_frame

#: The seed's first gold (defined once, in :mod:`analysis.scoring`).
LEGACY_SEED_GOLD = scoring.LEGACY_SEED_GOLD

#: The three comparisons of the seed, in the order a notebook shows them.
YARDSTICKS = (
    "extraction vs independent gold",
    "extraction vs legacy gold",
    "legacy gold vs independent gold",
)
#: Columns of :func:`seed_yardsticks`.
YARDSTICK_COLUMNS = ("yardstick", *scoring.SCORE_COLUMNS)
#: Verdicts that cost a point: listed under every scoreboard.
ERRORS = ("wrong", "missed", "false alarm")


def seed_comparisons(
    frame: str, frames: dict[str, pd.DataFrame], article: Article | None = None,
) -> dict[str, pd.DataFrame]:
    """The seed's three comparisons for ``frame`` (:func:`analysis.scoring.compare` tables),
    keyed by :data:`YARDSTICKS`; ``frames`` are the extraction's frames of the seed."""
    article = load_article(paths.SEED_ARTICLE) if article is None else article
    spec = scoring.SPECS[frame]
    independent = scoring.load_gold(spec, scoring.gold_folder(article.article_id), article)
    legacy = scoring.load_gold(spec, LEGACY_SEED_GOLD, article)
    # the legacy gold plays the extraction: only its rows that are items of the frame
    legacy_rows = legacy[[spec.keep_gold(r) for r in legacy.to_dict("records")]] \
        if not legacy.empty else legacy
    return {
        YARDSTICKS[0]: scoring.compare(spec, frames[frame], independent),
        YARDSTICKS[1]: scoring.compare(spec, frames[frame], legacy),
        YARDSTICKS[2]: scoring.compare(spec, legacy_rows.reset_index(drop=True), independent),
    }


def seed_yardsticks(
    frame: str, frames: dict[str, pd.DataFrame], article: Article | None = None,
) -> pd.DataFrame:
    """One row per yardstick: gold, found and true positives counted, then rated."""
    rows = [{"yardstick": name, **scoring.score(comparison)}
            for name, comparison in seed_comparisons(frame, frames, article).items()]
    return make_frame(rows, YARDSTICK_COLUMNS)


def frame_board(board: pd.DataFrame, frame: str) -> pd.DataFrame:
    """The rows of one frame of :func:`analysis.scoring.evaluate`'s scoreboard: every article,
    then the seed's and the unseen articles' totals (never added together)."""
    part = board[board["frame"] == frame].drop(columns="frame")
    return part.reset_index(drop=True)


def frame_verdicts(comparisons: pd.DataFrame, frame: str) -> pd.DataFrame:
    """Every wrong row, miss and false alarm of ``frame`` over all articles, article first."""
    part = comparisons[(comparisons["frame"] == frame) & comparisons["verdict"].isin(ERRORS)]
    columns = ["article", "verdict", "sentence", "gold", "found", "differences"]
    return part[columns].reset_index(drop=True)


def total(board: pd.DataFrame, frame: str, set_name: str) -> dict[str, float]:
    """The ``(total)`` row of one set (``seed`` or ``unseen``) and frame, as a dict."""
    rows = board[(board["frame"] == frame) & (board["set"] == set_name)
                 & (board["article"] == "(total)")]
    if rows.empty:
        return {c: math.nan for c in scoring.SCORE_COLUMNS}
    return rows.iloc[0][list(scoring.SCORE_COLUMNS)].to_dict()


def rate(value: float) -> str:
    """A rate for prose: two decimals, or "undefined" (nothing to divide by)."""
    return "undefined" if value is None or math.isnan(value) else f"{value:.2f}"


def describe_seed(yardsticks: pd.DataFrame) -> str:
    """The sentence that reads :func:`seed_yardsticks`: which score is higher and why."""
    f1 = dict(zip(yardsticks["yardstick"], yardsticks["f1"], strict=True))
    own, legacy, between = (f1[name] for name in YARDSTICKS)
    if not math.isnan(own) and not math.isnan(legacy) and legacy > own:
        compared = (f"scores higher against the legacy gold (F1 {rate(legacy)}) than against the "
                    f"independent gold (F1 {rate(own)})")
    elif not math.isnan(own) and not math.isnan(legacy) and legacy < own:
        compared = (f"scores lower against the legacy gold (F1 {rate(legacy)}) than against the "
                    f"independent gold (F1 {rate(own)})")
    else:
        compared = (f"scores the same against both golds (F1 {rate(legacy)} against the legacy "
                    f"gold, {rate(own)} against the independent gold)")
    return (f"The extraction {compared}. The legacy gold was written by the extractor's "
            "authors while they wrote the rules and mirrored the extractor's output of that "
            "time (issue 13), "
            "so a score against it shows only that the rules do what their authors meant; the "
            f"two annotations agree with each other at F1 {rate(between)}. The independent "
            "gold is the yardstick.")


def describe_totals(board: pd.DataFrame, frame: str) -> str:
    """One sentence with the seed's and the unseen articles' totals of ``frame``."""
    seed, unseen = total(board, frame, "seed"), total(board, frame, "unseen")
    count = {key: 0 if math.isnan(v) else int(v) for key, v in unseen.items()
             if key in ("gold", "found", "true_positives")}
    seed_gold = 0 if math.isnan(seed["gold"]) else int(seed["gold"])
    articles = board[(board["frame"] == frame) & (board["set"] == "unseen")
                     & (board["article"] != "(total)")]
    return (f"On the seed: precision {rate(seed['precision'])}, recall {rate(seed['recall'])}, "
            f"F1 {rate(seed['f1'])} ({seed_gold} gold rows). On the "
            f"{len(articles)} unseen articles together: precision {rate(unseen['precision'])}, "
            f"recall {rate(unseen['recall'])}, F1 {rate(unseen['f1'])} "
            f"({count['gold']} gold rows, {count['found']} found, "
            f"{count['true_positives']} right).")
