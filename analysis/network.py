"""A signed network of relations and what structural balance says about it.

Heider's balance theory reads a triangle of three actors by the signs of its three ties: a
triangle is *balanced* when the product of its signs is positive ("the friend of my friend is my
friend", "the enemy of my enemy is my friend") and *unbalanced* otherwise, and unbalanced
triangles are under pressure to change one tie. Davis's weaker reading also accepts a triangle of
three enemies; we report both so a reader can see where they differ.

Input is a relations frame (see :mod:`analysis.relations`) with at least ``source``, ``target``,
``relation``, ``sign``, ``quote`` and ``sentence_id``; ``hedged`` and ``negated`` are used when
present. Everything here is plain networkx and pandas, and deterministic: nodes and triangles are
visited in sorted order and the layout is computed from the ties (no random start).
"""

from __future__ import annotations

from itertools import combinations

import networkx as nx
import pandas as pd

from analysis.frames import make_frame

#: Columns of :func:`signed_edges`.
EDGE_COLUMNS = (
    "u", "v", "sign", "relations", "n_statements", "hedged", "sentence_ids", "quotes",
)
#: Columns of :func:`triads`.
TRIAD_COLUMNS = (
    "a", "b", "c", "signs", "negative_ties", "balanced", "weakly_balanced", "status", "reason",
)
#: Columns of :func:`balance_predictions`.
PREDICTION_COLUMNS = ("a", "b", "via", "signs", "predicted_sign", "reason")
#: Columns of :func:`tension_by_actor`.
TENSION_COLUMNS = ("actor", "triads", "unbalanced_triads", "share_unbalanced")

_SYMBOL = {1: "+", -1: "−", 0: "±"}


def _usable(relations: pd.DataFrame) -> pd.DataFrame:
    """Rows that assert a tie: negated statements ("not an ally") are not enmity, so drop them."""
    rows = relations[relations["source"] != relations["target"]]
    if "negated" in rows.columns:
        rows = rows[~rows["negated"].eq(True)]
    return rows


def signed_edges(relations: pd.DataFrame) -> pd.DataFrame:
    """One undirected, signed edge per pair of actors, with every statement behind it.

    Several statements about one pair (the same alliance said twice, or an alliance plus
    support) become one edge: its ``sign`` is the sign of the sum of the statements' signs, and
    0 ("±", ambivalent) when positive and negative statements balance out. ``hedged`` is True
    only when every statement behind the edge is hedged. ``quotes`` keeps every quote, joined by
    `` | `` in sentence order, so no evidence is lost when edges merge.
    """
    rows = _usable(relations)
    groups: dict[tuple[str, str], list] = {}
    for rec in rows.sort_values(["sentence_id", "start"]).to_dict("records"):
        u, v = sorted((str(rec["source"]), str(rec["target"])))
        groups.setdefault((u, v), []).append(rec)
    out = []
    for (u, v), recs in sorted(groups.items()):
        total = sum(int(r["sign"]) for r in recs)
        quotes: list[str] = []
        for r in recs:
            if r["quote"] not in quotes:
                quotes.append(r["quote"])
        out.append(
            {
                "u": u,
                "v": v,
                "sign": (total > 0) - (total < 0),
                "relations": ", ".join(sorted({str(r["relation"]) for r in recs})),
                "n_statements": len(recs),
                "hedged": all(r.get("hedged", False) is True for r in recs),
                "sentence_ids": ", ".join(map(str, sorted({int(r["sentence_id"]) for r in recs}))),
                "quotes": " | ".join(quotes),
            }
        )
    return make_frame(out, EDGE_COLUMNS)


def signed_graph(relations: pd.DataFrame) -> nx.Graph:
    """The undirected signed graph of :func:`signed_edges` (edge attributes are its columns).

    Nodes are added in sorted order so every traversal, and the layout, is reproducible.
    """
    edges = signed_edges(relations)
    graph = nx.Graph()
    graph.add_nodes_from(sorted(set(edges["u"]) | set(edges["v"])))
    for rec in edges.to_dict("records"):
        graph.add_edge(rec.pop("u"), rec.pop("v"), **rec)
    return graph


def _reason(names: tuple[str, str, str], signs: dict[tuple[str, str], int]) -> tuple[str, str]:
    """Status and a one-line plain-English reason for a closed triangle."""
    a, b, c = names
    pairs = [(a, b), (a, c), (b, c)]
    values = [signs[p] for p in pairs]
    if 0 in values:
        u, v = pairs[values.index(0)]
        return "ambivalent", f"the tie between {u} and {v} is both positive and negative"
    negatives = [p for p, s in zip(pairs, values, strict=True) if s < 0]
    if not negatives:
        return "balanced", "all three are friends"
    if len(negatives) == 2:
        (p1, p2) = negatives
        enemy = (set(p1) & set(p2)).pop()
        friends = sorted(set(names) - {enemy})
        return (
            "balanced",
            f"{friends[0]} and {friends[1]} are friends with a common enemy, {enemy}",
        )
    if len(negatives) == 1:
        u, v = negatives[0]
        broker = (set(names) - {u, v}).pop()
        return (
            "unbalanced",
            f"{broker} is a friend of both {u} and {v}, who are enemies: "
            "one tie is under pressure to change",
        )
    return (
        "unbalanced",
        "all three are enemies: each pair shares an enemy in the third yet they are not "
        "friends; balance predicts two will make up (Davis's weak balance accepts it)",
    )


def triads(graph: nx.Graph) -> pd.DataFrame:
    """Every closed triangle of the graph, classified balanced / unbalanced with the reason.

    ``signs`` lists the ties a–b, a–c, b–c; ``balanced`` is Heider's reading (product of signs
    positive), ``weakly_balanced`` Davis's (only "+ + −" is unbalanced). A triangle with an
    ambivalent (0) tie has status ``ambivalent`` and is neither.
    """
    out = []
    nodes = sorted(graph.nodes)
    for a, b, c in combinations(nodes, 3):
        if not (graph.has_edge(a, b) and graph.has_edge(a, c) and graph.has_edge(b, c)):
            continue
        signs = {
            (a, b): graph.edges[a, b]["sign"],
            (a, c): graph.edges[a, c]["sign"],
            (b, c): graph.edges[b, c]["sign"],
        }
        values = list(signs.values())
        status, reason = _reason((a, b, c), signs)
        product = values[0] * values[1] * values[2]
        negatives = sum(1 for s in values if s < 0)
        out.append(
            {
                "a": a,
                "b": b,
                "c": c,
                "signs": " ".join(_SYMBOL[s] for s in values),
                "negative_ties": negatives,
                "balanced": product > 0,
                "weakly_balanced": 0 not in values and negatives != 1,
                "status": status,
                "reason": reason,
            }
        )
    return make_frame(out, TRIAD_COLUMNS)


def balance_predictions(graph: nx.Graph) -> pd.DataFrame:
    """For every open triad (a–via–b tied, a–b not), the tie balance theory predicts for a–b.

    The prediction is the product of the two known signs: two friends of one actor should be
    friends, a friend and an enemy of one actor should be enemies, and two enemies of one actor
    should be friends ("the enemy of my enemy is my friend").
    """
    out = []
    for via in sorted(graph.nodes):
        neighbours = sorted(graph.neighbors(via))
        for a, b in combinations(neighbours, 2):
            if graph.has_edge(a, b):
                continue
            s1, s2 = graph.edges[a, via]["sign"], graph.edges[via, b]["sign"]
            if 0 in (s1, s2):
                continue
            predicted = s1 * s2
            if s1 < 0 and s2 < 0:
                reason = f"{a} and {b} share an enemy, {via}: the enemy of my enemy is my friend"
            elif s1 > 0 and s2 > 0:
                reason = f"{a} and {b} are both friends of {via}"
            else:
                friend, enemy = (a, b) if s1 > 0 else (b, a)
                reason = f"{friend} is a friend of {via}, and {enemy} its enemy"
            out.append(
                {
                    "a": a,
                    "b": b,
                    "via": via,
                    "signs": f"{_SYMBOL[s1]} {_SYMBOL[s2]}",
                    "predicted_sign": predicted,
                    "reason": reason,
                }
            )
    frame = make_frame(out, PREDICTION_COLUMNS)
    return frame.sort_values(["a", "b", "via"], kind="stable").reset_index(drop=True)


def tension_by_actor(triad_frame: pd.DataFrame) -> pd.DataFrame:
    """How many closed triangles each actor sits in, and how many of them are unbalanced.

    Sorted by unbalanced triangles, then name: the actors at the top are those the balance
    reading says are under most pressure to change a tie (or to broker one).
    """
    counts: dict[str, list[int]] = {}
    for rec in triad_frame.to_dict("records"):
        for actor in (rec["a"], rec["b"], rec["c"]):
            total, unbalanced = counts.get(actor, [0, 0])
            counts[actor] = [total + 1, unbalanced + (rec["status"] == "unbalanced")]
    out = [
        {
            "actor": actor,
            "triads": total,
            "unbalanced_triads": unbalanced,
            "share_unbalanced": round(unbalanced / total, 3),
        }
        for actor, (total, unbalanced) in counts.items()
    ]
    frame = make_frame(out, TENSION_COLUMNS)
    frame = frame.sort_values(
        ["unbalanced_triads", "triads", "actor"], ascending=[False, False, True], kind="stable"
    )
    return frame.reset_index(drop=True)


def _ring_order(graph: nx.Graph, ring: list[str]) -> list[str]:
    """Order a ring so that tied actors sit side by side.

    Start from the best-connected member; each member's partners are placed alternately after
    and before the members already placed, so a member with three partners gets one on each
    side and none opposite (where its tie would run through the centre).
    """
    members = sorted(ring, key=lambda n: (-graph.degree(n), n))
    order: list[str] = []
    queue: list[str] = []
    right = False
    for start in members:
        if start in order:
            continue
        order.append(start)
        queue.append(start)
        while queue:
            current = queue.pop(0)
            for partner in sorted(graph.neighbors(current)):
                if partner in ring and partner not in order:
                    right = not right
                    order.insert(len(order) if right else 0, partner)
                    queue.append(partner)
    return order


def _spread(angles: dict[str, float], gap: float) -> dict[str, float]:
    """Push apart nodes of one ring that would sit closer than ``gap`` radians."""
    ordered = sorted(angles.items(), key=lambda item: (item[1], item[0]))
    out: dict[str, float] = {}
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1][1] - ordered[j][1] < gap:
            j += 1
        cluster = ordered[i:j + 1]
        centre = sum(a for _, a in cluster) / len(cluster)
        for k, (node, _) in enumerate(cluster):
            out[node] = centre + (k - (len(cluster) - 1) / 2) * gap
        i = j + 1
    return out


def layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Node positions computed from the ties alone (no randomness), rounded to 3 decimals.

    A radial layout: the actor with most ties in the centre, the actors tied to it on a ring in
    an order that keeps tied actors side by side, and every other actor on an outer ring next
    to the ring actors it is tied to. Actors without a path to the centre go on a third ring.
    Why not a spring layout: springs pull a broker between the two parties it mediates and
    crush triangles into lines, which hides exactly the triads this notebook is about.
    """
    if graph.number_of_nodes() == 0:
        return {}
    from math import atan2, cos, pi, sin

    nodes = sorted(graph.nodes)
    hub = min(nodes, key=lambda n: (-graph.degree(n), n))
    ring1 = _ring_order(graph, sorted(graph.neighbors(hub)))
    angle: dict[str, float] = {
        node: pi / 2 - 2 * pi * i / max(len(ring1), 1) for i, node in enumerate(ring1)
    }
    radius: dict[str, float] = {hub: 0.0, **{node: 1.0 for node in ring1}}
    reachable = nx.node_connected_component(graph, hub)
    outer = [n for n in nodes if n not in radius and n in reachable]
    pending = sorted(outer, key=lambda n: (nx.shortest_path_length(graph, hub, n), n))
    ring2: dict[str, float] = {}
    for node in pending:
        placed = [angle[n] for n in sorted(graph.neighbors(node)) if n in angle]
        x = sum(cos(a) for a in placed)
        y = sum(sin(a) for a in placed)
        ring2[node] = atan2(y, x) if placed else 0.0
        angle[node] = ring2[node]
    for node, a in _spread(ring2, gap=0.45).items():
        angle[node], radius[node] = a, 1.9
    others = [n for n in nodes if n not in radius]
    for i, node in enumerate(others):
        angle[node], radius[node] = 2 * pi * i / len(others), 2.7
    pos = {
        node: (round(radius[node] * cos(angle.get(node, 0.0)), 3),
               round(radius[node] * sin(angle.get(node, 0.0)), 3))
        for node in nodes
    }
    return {node: (x + 0.0, y + 0.0) for node, (x, y) in pos.items()}
