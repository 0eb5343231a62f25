"""Measure the actors frame against hand-checked gold: the honest scoreboard.

Gold files are CSV (``#`` header comments allowed) with columns ``actor_id``, ``name``, ``kind``,
``country``, ``cameo``, ``surface_forms`` ("|"-joined, verbatim in the text) and ``note``:
``data/annotations/actors.csv`` for the seed article, and
``data/annotations/<article id>/actors.csv`` for other articles.

Actors are matched by ``actor_id`` (the extraction's stable slugs), so a wrong canonical name or
id counts as both a miss and a false alarm, which is what a reader of the frame would suffer.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.actors import actor_frames
from analysis.article import Article
from analysis.frames import make_frame, stack_by_article
from analysis.lexicons import cues, split_bar
from analysis.paths import gold_file

GOLD_COLUMNS = ("actor_id", "name", "kind", "country", "cameo", "surface_forms", "note")
#: Columns of :func:`compare_actors`.
COMPARISON_COLUMNS = (
    "actor_id", "name", "outcome", "gold_kind", "kind", "gold_cameo", "cameo", "forms_missed",
    "forms_extra",
)


def gold_path(article: Article) -> Path:
    """Where the gold actors of an article live (the seed's at the top of annotations/)."""
    return gold_file(article.article_id, "actors.csv")


def load_gold(path: Path) -> pd.DataFrame:
    """The gold actors in ``path`` (GOLD_COLUMNS, every cell a string)."""
    frame = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False, encoding="utf-8")
    return make_frame(frame.to_dict("records"), GOLD_COLUMNS)


def unverified_forms(gold: pd.DataFrame, article: Article) -> pd.DataFrame:
    """Gold surface forms that do not occur verbatim in the article (empty = gold is sound).

    Why: a gold list typed by hand drifts from the text (a curly apostrophe, a typo); every
    form must be findable, or the scoreboard measures the typist, not the extractor.
    """
    rows = [
        {"actor_id": row.actor_id, "form": form}
        for row in gold.itertuples(index=False)
        for form in split_bar(row.surface_forms)
        if form not in article.text
    ]
    return make_frame(rows, ("actor_id", "form"))


def compare_actors(actors: pd.DataFrame, gold: pd.DataFrame, mentions: pd.DataFrame | None = None
                   ) -> pd.DataFrame:
    """One row per actor in either frame: ``outcome`` hit | miss | false alarm, and the kind,
    cameo and surface forms on each side (``forms_missed``: gold forms never extracted for the
    actor; ``forms_extra``: extracted forms not in gold; pronouns and places left out)."""
    extracted = actors.set_index("actor_id")
    expected = gold.set_index("actor_id")
    forms_by_actor: dict[str, set[str]] = {}
    if mentions is not None:
        pronouns = set(cues()["person_pronouns"])
        for actor_id, group in mentions.groupby("actor_id"):
            kept = group[(group["role_in_sentence"] != "location")
                         & ~group["text"].str.lower().isin(pronouns)]
            forms_by_actor[actor_id] = set(kept["text"])
    rows = []
    for actor_id in list(expected.index) + [a for a in extracted.index if a not in expected.index]:
        in_gold, in_out = actor_id in expected.index, actor_id in extracted.index
        outcome = "hit" if in_gold and in_out else ("miss" if in_gold else "false alarm")
        gold_forms = set(split_bar(expected.at[actor_id, "surface_forms"])) if in_gold else set()
        if mentions is not None:
            got_forms = forms_by_actor.get(actor_id, set())
        elif in_out:
            got_forms = set(split_bar(extracted.at[actor_id, "surface_forms"]))
        else:
            got_forms = set()
        source = expected if in_gold else extracted
        rows.append(
            {
                "actor_id": actor_id,
                "name": source.at[actor_id, "name"],
                "outcome": outcome,
                "gold_kind": expected.at[actor_id, "kind"] if in_gold else "",
                "kind": extracted.at[actor_id, "kind"] if in_out else "",
                "gold_cameo": expected.at[actor_id, "cameo"] if in_gold else "",
                "cameo": extracted.at[actor_id, "cameo"] if in_out else "",
                "forms_missed": "|".join(sorted(gold_forms - got_forms)) if in_out else "",
                "forms_extra": "|".join(sorted(got_forms - gold_forms)) if in_gold else "",
            }
        )
    return make_frame(rows, COMPARISON_COLUMNS)


def score(comparison: pd.DataFrame) -> pd.Series:
    """Precision, recall and F1 over actors, with the counts they come from."""
    hits = int((comparison["outcome"] == "hit").sum())
    misses = int((comparison["outcome"] == "miss").sum())
    alarms = int((comparison["outcome"] == "false alarm").sum())
    precision = hits / (hits + alarms) if hits + alarms else 1.0
    recall = hits / (hits + misses) if hits + misses else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    agree = comparison[comparison["outcome"] == "hit"]
    return pd.Series(
        dtype=object,
        data={
            "gold actors": hits + misses, "extracted actors": hits + alarms, "hits": hits,
            "misses": misses, "false alarms": alarms, "precision": round(precision, 3),
            "recall": round(recall, 3), "f1": round(f1, 3),
            "kind agrees": int((agree["gold_kind"] == agree["kind"]).sum()),
            "cameo agrees": int((agree["gold_cameo"] == agree["cameo"]).sum()),
        }
    )


#: Columns of :func:`scoreboard`.
SCOREBOARD_COLUMNS = (
    "article", "actors", "mentions", *[f"{k}s" for k in ("person", "state", "government")],
    "others", "gold actors", "precision", "recall",
)


def scoreboard(articles: list[Article]) -> pd.DataFrame:
    """One row per article: how many actors and mentions of each kind were found, and precision
    and recall where the article has gold (empty cells where it has none)."""
    rows = []
    for article in articles:
        actors, mentions = actor_frames(article)
        kinds = actors["kind"].value_counts()
        row = {
            "article": article.article_id, "actors": len(actors), "mentions": len(mentions),
            "persons": int(kinds.get("person", 0)), "states": int(kinds.get("state", 0)),
            "governments": int(kinds.get("government", 0)),
            "others": int((~actors["kind"].isin(["person", "state", "government"])).sum()),
            "gold actors": "", "precision": "", "recall": "",
        }
        path = gold_path(article)
        if path.exists():
            result = score(compare_actors(actors, load_gold(path), mentions))
            row.update({k: result[k] for k in ("gold actors", "precision", "recall")})
        rows.append(row)
    return make_frame(rows, SCOREBOARD_COLUMNS)


#: Columns of :func:`gold_scoreboard`.
GOLD_SCOREBOARD_COLUMNS = (
    "article", "gold actors", "extracted actors", "hits", "misses", "false alarms", "precision",
    "recall", "f1", "kind agrees", "cameo agrees",
)


def gold_comparisons(articles: list[Article]) -> pd.DataFrame:
    """:func:`compare_actors` for each article that has actor gold, stacked with an ``article``
    column first: every miss, false alarm and disagreeing field across articles."""
    with_gold = {a.article_id: a for a in articles if gold_path(a).exists()}

    def one(article_id: str) -> pd.DataFrame:
        article = with_gold[article_id]
        actors, mentions = actor_frames(article)
        return compare_actors(actors, load_gold(gold_path(article)), mentions)

    return stack_by_article(with_gold, one, COMPARISON_COLUMNS)


def gold_scoreboard(articles: list[Article]) -> pd.DataFrame:
    """:func:`score` for each article with actor gold, one row each (kind and CAMEO agreement
    counted over hits). Why: seed gold and extractor share an author; the others do not."""
    comparisons = gold_comparisons(articles)
    rows = [
        {"article": article_id,
         **score(comparisons[comparisons["article"] == article_id].drop(columns="article"))}
        for article_id in dict.fromkeys(comparisons["article"])
    ]
    return make_frame(rows, GOLD_SCOREBOARD_COLUMNS)
