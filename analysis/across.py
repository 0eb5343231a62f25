"""Views across articles: the frames of a corpus folder (``extract-corpus``) read together.

Why a module: notebook 07 and any user's corpus need the same few steps: which conflict an
article is about, every dated meeting on one time axis, who meets whom, the figures by conflict,
and one signed network in which an edge counts the articles that state the tie. Each function
takes the stacked frames (``article_id`` first) and returns a plain DataFrame or graph.
"""

from __future__ import annotations

import json
from itertools import combinations

import networkx as nx
import pandas as pd

from analysis.frames import make_frame
from analysis.lexicons import read_lexicon, split_bar
from analysis.network import signed_edges

#: Columns of :func:`article_conflicts`.
CONFLICT_COLUMNS = ("article_id", "conflict", "how")
#: Columns of :func:`meeting_timeline`.
TIMELINE_COLUMNS = (
    "article_id", "meeting_id", "label", "date_start", "date_end", "precision", "status",
    "conflict", "sentence_id", "quote",
)
#: Columns of :func:`merged_edges`.
MERGED_EDGE_COLUMNS = ("u", "v", "sign", "articles", "positive", "negative", "article_ids")
OTHER = "other"


def conflict_table() -> pd.DataFrame:
    """``data/lexicons/conflicts.csv``: conflict, theatre (ISO3 joined by |), began, ended."""
    return read_lexicon("conflicts.csv")


def article_conflicts(
    manifest: pd.DataFrame, actors: pd.DataFrame, conflicts: pd.DataFrame
) -> pd.DataFrame:
    """The conflict of every article: its metadata's ``conflict`` field, else the lexicon rule.

    The rule (data, not code): the conflict whose theatre countries the article's actors mention
    most; a tie goes to the conflict listed first; no theatre mentioned gives ``"other"``.
    """
    theatre = {
        iso3: (order, row["conflict"])
        for order, row in enumerate(conflicts.to_dict("records"))
        for iso3 in split_bar(str(row["theatre"]))
    }
    rows = []
    for record in manifest[manifest["status"] == "ok"].to_dict("records"):
        meta = json.loads(record["metadata"] or "{}")
        if str(meta.get("conflict", "")).strip():
            rows.append((record["article_id"], meta["conflict"].strip(), "metadata"))
            continue
        mine = actors[actors["article_id"] == record["article_id"]]
        votes: dict[tuple[int, str], int] = {}
        for country, mentions in zip(mine["country"], mine["mentions"], strict=True):
            if country in theatre:
                votes[theatre[country]] = votes.get(theatre[country], 0) + int(mentions)
        if votes:
            (_, conflict), count = min(votes.items(), key=lambda kv: (-kv[1], kv[0][0]))
            rows.append((record["article_id"], conflict, f"theatre mentioned {count} times"))
        else:
            rows.append((record["article_id"], OTHER, "no theatre country mentioned"))
    return make_frame([dict(zip(CONFLICT_COLUMNS, r, strict=True)) for r in rows], CONFLICT_COLUMNS)


def _short(participants: str, limit: int = 3) -> str:
    names = [n for n in split_bar(participants) if n]
    more = f" +{len(names) - limit}" if len(names) > limit else ""
    return " – ".join(names[:limit]) + more


def meeting_timeline(meetings: pd.DataFrame, conflicts: pd.DataFrame) -> pd.DataFrame:
    """Every dated meeting of the corpus, oldest first, with its article's conflict."""
    dated = meetings[meetings["date_start"].fillna("").ne("")]
    joined = dated.merge(conflicts[["article_id", "conflict"]], on="article_id", how="left")
    joined["conflict"] = joined["conflict"].fillna(OTHER)
    joined["label"] = joined["participants"].map(_short)
    joined = joined.sort_values(["date_start", "date_end", "article_id", "meeting_id"])
    return make_frame(joined[list(TIMELINE_COLUMNS)].to_dict("records"), TIMELINE_COLUMNS)


def meeting_pairs(meetings: pd.DataFrame, top: int = 12) -> pd.DataFrame:
    """Who meets whom: a symmetric matrix of meeting reports per pair of participants.

    One report is one row of the meetings frame (the same meeting told by two articles counts
    twice). Only the ``top`` participants with the most reports are kept, ordered by that count
    and then by name; the diagonal is each one's own number of reports.
    """
    own: dict[str, int] = {}
    pairs: dict[tuple[str, str], int] = {}
    for participants in meetings["participants"].fillna(""):
        names = sorted({n for n in split_bar(participants) if n})
        for name in names:
            own[name] = own.get(name, 0) + 1
        for a, b in combinations(names, 2):
            pairs[(a, b)] = pairs.get((a, b), 0) + 1
    chosen = sorted(own, key=lambda n: (-own[n], n))[:top]
    matrix = pd.DataFrame(0, index=chosen, columns=chosen, dtype="int64")
    for name in chosen:
        matrix.loc[name, name] = own[name]
    for (a, b), count in pairs.items():
        if a in own and b in own and a in matrix.index and b in matrix.index:
            matrix.loc[a, b] = matrix.loc[b, a] = count
    matrix.index.name, matrix.columns.name = "participant", "met with"
    return matrix


def merged_edges(relations: pd.DataFrame) -> pd.DataFrame:
    """One signed edge per pair of actors across the corpus; ``articles`` = how many state it.

    Each article's statements first become that article's signed edges
    (:func:`analysis.network.signed_edges`: negated statements dropped, signs summed); an edge's
    ``sign`` across articles is then the sign of the sum of the per-article signs, and
    ``positive`` / ``negative`` count the articles on each side.
    """
    per_article = [
        signed_edges(part).assign(article_id=article_id)
        for article_id, part in relations.groupby("article_id", sort=True)
    ]
    rows = []
    if per_article:
        edges = pd.concat(per_article, ignore_index=True)
        for (u, v), group in edges.groupby(["u", "v"], sort=True):
            total = int(group["sign"].sum())
            rows.append(
                {
                    "u": u,
                    "v": v,
                    "sign": (total > 0) - (total < 0),
                    "articles": group["article_id"].nunique(),
                    "positive": int((group["sign"] > 0).sum()),
                    "negative": int((group["sign"] < 0).sum()),
                    "article_ids": "|".join(sorted(group["article_id"].unique())),
                }
            )
    frame = make_frame(rows, MERGED_EDGE_COLUMNS)
    return frame.sort_values(["articles", "u", "v"], ascending=[False, True, True]).reset_index(
        drop=True
    )


def merged_graph(edges: pd.DataFrame, min_articles: int = 1) -> nx.Graph:
    """The signed graph of :func:`merged_edges`, keeping edges stated in ``min_articles`` or more.

    Each edge's ``relations`` label (what :func:`analysis.plotting.signed_network` prints) is its
    number of articles; nodes are added in sorted order so the layout is reproducible.
    """
    kept = edges[edges["articles"] >= min_articles]
    graph = nx.Graph()
    graph.add_nodes_from(sorted(set(kept["u"]) | set(kept["v"])))
    for rec in kept.to_dict("records"):
        label = f"{rec['articles']} article{'s' if rec['articles'] != 1 else ''}"
        graph.add_edge(rec["u"], rec["v"], sign=rec["sign"], relations=label,
                       articles=rec["articles"])  # fmt: skip
    return graph


def rows_per_article(frames: dict[str, pd.DataFrame], articles: list[str]) -> pd.DataFrame:
    """How many rows each article gave in each frame (articles in the given order)."""
    counts = {
        name: frame.groupby("article_id").size().reindex(articles, fill_value=0)
        for name, frame in frames.items()
    }
    table = pd.DataFrame(counts, index=articles).astype("int64")
    table.index.name, table.columns.name = "article", "frame"
    return table


def top_pairs(matrix: pd.DataFrame) -> pd.DataFrame:
    """The pairs of a :func:`meeting_pairs` matrix that met, most reports first (ties by order)."""
    names = list(matrix.index)
    rows = [
        {"participant": a, "met with": b, "reports": int(matrix.loc[a, b])}
        for i, a in enumerate(names)
        for b in names[i + 1 :]
        if matrix.loc[a, b] > 0
    ]
    frame = make_frame(rows, ("participant", "met with", "reports"))
    return frame.sort_values("reports", ascending=False, kind="stable").reset_index(drop=True)
