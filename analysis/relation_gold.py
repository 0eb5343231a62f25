"""Measure the relations frame against hand-checked gold (the seed's, or another article's).

The gold (``data/annotations/relations.csv``) lists every relation statement a careful reader
finds, with the shortest quote that carries it. Comparing statement by statement shows which
ones the cue rules miss and which they invent; comparing edges (source, target, relation, any
sentence) shows what that does to the network a reader sees. Other articles' gold sits in
``data/annotations/<article id>/relations.csv`` (:func:`gold_path`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from analysis.article import Article, load_article
from analysis.frames import make_frame, stack_by_article
from analysis.lexicons import read_commented_csv
from analysis.paths import ANNOTATIONS_DIR, article_file, gold_file
from analysis.relations import extract_relations

#: The seed article's relation gold.
GOLD_PATH = ANNOTATIONS_DIR / "relations.csv"
#: Columns of :func:`compare_with_gold`.
COMPARISON_COLUMNS = (
    "status", "gold_id", "source", "target", "relation", "sentence_id", "hedged_gold",
    "hedged_found", "gold_quote", "found_quote",
)
#: Columns of :func:`scores`.
SCORE_COLUMNS = ("level", "gold", "found", "matched", "precision", "recall", "f1")

_KEY = ["source", "target", "relation", "sentence_id"]


def gold_path(article_id: str | None = None) -> Path:
    """Where an article's relation gold lives: the seed's at the top of ``data/annotations``,
    any other article's in the sub-folder named by its id (so one loader serves every article)."""
    return gold_file(article_id, "relations.csv")


def load_gold(path: Path = GOLD_PATH) -> pd.DataFrame:
    """The gold statements (see the file header for the columns), ``hedged`` as a bool."""
    gold = read_commented_csv(path)
    gold["sign"] = gold["sign"].astype("int64")
    gold["sentence_id"] = gold["sentence_id"].astype("int64")
    gold["hedged"] = gold["hedged"].eq("yes")
    return gold


def compare_with_gold(found: pd.DataFrame, gold: pd.DataFrame, article: Article) -> pd.DataFrame:
    """Every gold and every found statement, paired: ``status`` is match, miss or extra.

    A found row matches a gold row with the same source, target, relation and sentence whose
    spans overlap (so two statements of one tie in one sentence, by different cues, stay two).
    """
    pool = found.reset_index(drop=True).to_dict("records")
    used: set[int] = set()
    rows = []
    for g in gold.to_dict("records"):
        g_start, g_end = article.find(g["quote"], sentence_id=int(g["sentence_id"]))
        hit = None
        for i, f in enumerate(pool):
            if i in used or any(f[k] != g[k] for k in _KEY):
                continue
            if int(f["start"]) < g_end and g_start < int(f["end"]):
                hit = i
                break
        if hit is not None:
            used.add(hit)
        f = pool[hit] if hit is not None else {}
        rows.append(
            {
                "status": "match" if hit is not None else "miss",
                "gold_id": g["gold_id"],
                **{k: g[k] for k in _KEY},
                "hedged_gold": bool(g["hedged"]),
                "hedged_found": bool(f["hedged"]) if f else None,
                "gold_quote": g["quote"],
                "found_quote": f.get("quote", ""),
            }
        )
    for i, f in enumerate(pool):
        if i not in used:
            rows.append(
                {
                    "status": "extra",
                    "gold_id": "",
                    **{k: f[k] for k in _KEY},
                    "hedged_gold": None,
                    "hedged_found": bool(f["hedged"]),
                    "gold_quote": "",
                    "found_quote": f["quote"],
                }
            )
    return make_frame(rows, COMPARISON_COLUMNS)


def _score(level: str, n_gold: int, n_found: int, matched: int) -> dict:
    precision = matched / n_found if n_found else 0.0
    recall = matched / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "level": level, "gold": n_gold, "found": n_found, "matched": matched,
        "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
    }


def scores(found: pd.DataFrame, gold: pd.DataFrame, article: Article) -> pd.DataFrame:
    """Precision, recall and F1 for statements (per sentence) and for edges (the network's view).

    Edge level counts each (source, target, relation) once however often it is stated, which
    is what the drawing shows; a missed repeat of a found tie does not hurt it.
    """
    comparison = compare_with_gold(found, gold, article)
    matched = int((comparison["status"] == "match").sum())
    rows = [_score("statement", len(gold), len(found), matched)]
    key = ["source", "target", "relation"]
    gold_edges = set(map(tuple, gold[key].to_numpy().tolist()))
    found_edges = set(map(tuple, found[key].to_numpy().tolist()))
    rows.append(_score("edge", len(gold_edges), len(found_edges), len(gold_edges & found_edges)))
    return make_frame(rows, SCORE_COLUMNS)


def compare_articles(article_ids: Sequence[str]) -> pd.DataFrame:
    """:func:`compare_with_gold` for each article with relation gold, stacked with an
    ``article`` column first: every miss and extra statement across articles."""
    def one(article_id: str) -> pd.DataFrame:
        article = load_article(article_file(article_id))
        return compare_with_gold(extract_relations(article), load_gold(gold_path(article_id)),
                                 article)

    return stack_by_article(article_ids, one, COMPARISON_COLUMNS)


def scoreboard(article_ids: Sequence[str]) -> pd.DataFrame:
    """:func:`scores` for each article (one row per article and level), ``article`` first. Why:
    the seed's gold was written by the cue rules' author; other articles' independent gold
    shows how far the rules carry to text they were not written for."""
    def one(article_id: str) -> pd.DataFrame:
        article = load_article(article_file(article_id))
        return scores(extract_relations(article), load_gold(gold_path(article_id)), article)

    return stack_by_article(article_ids, one, SCORE_COLUMNS)
