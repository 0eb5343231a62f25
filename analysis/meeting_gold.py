"""Compare the meetings and events frames with hand-checked gold (the seed's, or another's).

A gold row and an extracted row are the same item when they come from the same sentence and
their quotes overlap (several items can share a sentence: the best-agreeing one is taken, each
extracted row used once). Then every field is compared: participants and actors as sets of
names, the rest as text. The result says per gold row what was found and what differs, plus the
extracted rows no gold row claims (false alarms), so a notebook can show both.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.article import load_article
from analysis.events import extract_events
from analysis.frames import stack_by_article
from analysis.lexicons import read_commented_csv
from analysis.meetings import extract_meetings
from analysis.paths import ANNOTATIONS_DIR, article_file

#: Fields compared for meetings (participants as a set).
MEETING_FIELDS = (
    "participants",
    "host",
    "location",
    "date",
    "precision",
    "date_start",
    "date_end",
    "status",
    "kind",
    "plover",
    "plover_mode",
    "cameo",
)
#: Fields compared for events.
EVENT_FIELDS = ("description", "date", "precision", "date_start", "date_end", "status")
SET_FIELDS = ("participants", "actors")

#: Columns of :func:`compare`.
COMPARE_COLUMNS = ("gold_id", "found_id", "sentence_id", "quote", "verdict", "differences")


def gold_dir(article_id: str | None = None) -> Path:
    """The folder of an article's meeting and event gold (pass it to :func:`read_gold`)."""
    return paths.gold_dir(article_id)


def read_gold(name: str, directory: Path = ANNOTATIONS_DIR) -> pd.DataFrame:
    """A gold CSV of ``data/annotations`` (comment lines skipped, every value kept as text)."""
    frame = read_commented_csv(directory / name)
    for col in ("sentence_id", "start", "end"):
        frame[col] = frame[col].astype("int64")
    return frame


def _same(field: str, a: object, b: object) -> bool:
    if field in SET_FIELDS:
        return set(filter(None, str(a).split("|"))) == set(filter(None, str(b).split("|")))
    return str(a) == str(b)


def compare(
    found: pd.DataFrame, gold: pd.DataFrame, id_column: str, fields: Sequence[str]
) -> pd.DataFrame:
    """One row per gold item (verdict correct | partly | missed) and per false alarm.

    ``differences`` lists each disagreeing field as ``field: found 'x', gold 'y'``.
    """
    rows = []
    used: set[int] = set()
    for g in gold.itertuples(index=False):
        g = g._asdict()
        best, best_score = None, -1
        for i, f in found.iterrows():
            if i in used or int(f["sentence_id"]) != g["sentence_id"]:
                continue
            if not (int(f["start"]) < g["end"] and g["start"] < int(f["end"])):
                continue
            score = sum(_same(c, f[c], g[c]) for c in fields)
            if score > best_score:
                best, best_score = i, score
        if best is None:
            rows.append(
                {
                    "gold_id": g["gold_id"],
                    "found_id": "",
                    "sentence_id": g["sentence_id"],
                    "quote": g["quote"],
                    "verdict": "missed",
                    "differences": "",
                }
            )
            continue
        used.add(best)
        f = found.loc[best]
        diffs = [f"{c}: found {f[c]!r}, gold {g[c]!r}" for c in fields if not _same(c, f[c], g[c])]
        rows.append(
            {
                "gold_id": g["gold_id"],
                "found_id": f[id_column],
                "sentence_id": g["sentence_id"],
                "quote": g["quote"],
                "verdict": "partly" if diffs else "correct",
                "differences": "; ".join(diffs),
            }
        )
    for i, f in found.iterrows():
        if i not in used:
            rows.append(
                {
                    "gold_id": "",
                    "found_id": f[id_column],
                    "sentence_id": int(f["sentence_id"]),
                    "quote": f["quote"],
                    "verdict": "false alarm",
                    "differences": "",
                }
            )
    return pd.DataFrame(rows, columns=list(COMPARE_COLUMNS))


def scores(comparison: pd.DataFrame) -> dict[str, float]:
    """Precision and recall of finding items, and the share found with every field right."""
    gold_rows = comparison[comparison["gold_id"] != ""]
    found_rows = comparison[comparison["found_id"] != ""]
    matched = gold_rows[gold_rows["verdict"] != "missed"]
    return {
        "gold": float(len(gold_rows)),
        "found": float(len(found_rows)),
        "precision": len(matched) / len(found_rows) if len(found_rows) else 0.0,
        "recall": len(matched) / len(gold_rows) if len(gold_rows) else 0.0,
        "all_fields_right": (
            float((gold_rows["verdict"] == "correct").mean()) if len(gold_rows) else 0.0
        ),
    }


#: What :func:`compare_articles` can score: gold file, extractor, id column, fields compared.
FRAMES = {
    "meetings": ("meetings.csv", extract_meetings, "meeting_id", MEETING_FIELDS),
    "events": ("events.csv", extract_events, "event_id", EVENT_FIELDS),
}
#: Columns of :func:`scoreboard`.
SCOREBOARD_COLUMNS = ("article", "gold", "found", "precision", "recall", "all_fields_right")


def compare_articles(article_ids: Sequence[str], frame: str = "meetings") -> pd.DataFrame:
    """:func:`compare` for each article with gold for ``frame`` ("meetings" or "events"),
    stacked with an ``article`` column first: every miss and false alarm across articles."""
    name, extract, id_column, fields = FRAMES[frame]

    def one(article_id: str) -> pd.DataFrame:
        found = extract(load_article(article_file(article_id)))
        return compare(found, read_gold(name, gold_dir(article_id)), id_column, fields)

    return stack_by_article(article_ids, one, COMPARE_COLUMNS)


def scoreboard(article_ids: Sequence[str], frame: str = "meetings") -> pd.DataFrame:
    """One row per article: :func:`scores` of ``frame`` against that article's gold. Why: the
    seed's score was measured on gold written by the rules' authors; other articles' gold,
    written independently, shows how the rules carry over."""
    comparisons = compare_articles(article_ids, frame)
    rows = [
        {"article": article_id,
         **scores(comparisons[comparisons["article"] == article_id].drop(columns="article"))}
        for article_id in article_ids
    ]
    table = pd.DataFrame(rows, columns=list(SCOREBOARD_COLUMNS))
    return table.astype({"gold": "int64", "found": "int64"})
