"""The signed graph, triad classification and layout, on small hand-made relation frames."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.network import (
    balance_predictions,
    layout,
    signed_edges,
    signed_graph,
    tension_by_actor,
    triads,
)


def rel(source, target, relation, sign, sentence_id=1, quote=None, **extra):
    row = {
        "source": source,
        "target": target,
        "relation": relation,
        "sign": sign,
        "quote": quote or f"{source} {relation} {target}",
        "sentence_id": sentence_id,
        "start": 0,
        "end": 1,
    }
    row.update(extra)
    return row


def frame(*rows):
    return pd.DataFrame(list(rows))


def test_same_relation_twice_is_one_edge_with_both_quotes():
    rels = frame(
        rel("A", "B", "ally", 1, 2, "A is B's ally"),
        rel("B", "A", "ally", 1, 5, "B is a staunch ally of A"),
    )
    edges = signed_edges(rels)
    assert len(edges) == 1
    edge = edges.iloc[0]
    assert (edge["u"], edge["v"], edge["sign"], edge["n_statements"]) == ("A", "B", 1, 2)
    assert edge["quotes"] == "A is B's ally | B is a staunch ally of A"
    assert edge["sentence_ids"] == "2, 5"


def test_mixed_statements_give_an_ambivalent_edge_and_negation_is_not_enmity():
    rels = frame(
        rel("A", "B", "ally", 1),
        rel("A", "B", "rival", -1),
        rel("A", "C", "ally", 1, negated=True),
        rel("C", "D", "supports", 1, negated=False),
    )
    edges = signed_edges(rels).set_index(["u", "v"])
    assert edges.loc[("A", "B"), "sign"] == 0
    assert ("A", "C") not in edges.index
    assert edges.loc[("C", "D"), "sign"] == 1


def test_edge_is_hedged_only_when_every_statement_is():
    rels = frame(
        rel("A", "B", "mediates", 1, hedged=True),
        rel("A", "C", "mediates", 1, hedged=True),
        rel("A", "C", "ally", 1, hedged=False),
    )
    edges = signed_edges(rels).set_index(["u", "v"])
    assert bool(edges.loc[("A", "B"), "hedged"]) is True
    assert bool(edges.loc[("A", "C"), "hedged"]) is False


def test_self_loops_never_enter_the_graph():
    graph = signed_graph(frame(rel("A", "A", "ally", 1), rel("A", "B", "ally", 1)))
    assert list(nx_selfloops(graph)) == []
    assert sorted(graph.nodes) == ["A", "B"]


def nx_selfloops(graph):
    import networkx as nx

    return nx.selfloop_edges(graph)


@pytest.mark.parametrize(
    ("signs", "balanced", "weak", "status"),
    [
        ((1, 1, 1), True, True, "balanced"),
        ((1, -1, -1), True, True, "balanced"),
        ((1, 1, -1), False, False, "unbalanced"),
        ((-1, -1, -1), False, True, "unbalanced"),
        ((1, 1, 0), False, False, "ambivalent"),
    ],
)
def test_triangle_classification_follows_the_sign_product(signs, balanced, weak, status):
    ab, ac, bc = signs
    rels = frame(
        rel("A", "B", "x", ab), rel("A", "C", "x", ac), rel("B", "C", "x", bc),
    )
    if 0 in signs:  # an ambivalent tie: one positive and one negative statement
        rels = pd.concat([rels, frame(rel("B", "C", "x", 1), rel("B", "C", "x", -1))])
    out = triads(signed_graph(rels))
    assert len(out) == 1
    row = out.iloc[0]
    assert bool(row["balanced"]) is balanced
    assert bool(row["weakly_balanced"]) is weak
    assert row["status"] == status
    assert row["reason"]


def test_reasons_name_the_broker_and_the_common_enemy():
    broker = triads(signed_graph(frame(
        rel("Hub", "X", "ally", 1), rel("Hub", "Y", "ally", 1), rel("X", "Y", "rival", -1),
    ))).iloc[0]
    assert broker["reason"].startswith("Hub is a friend of both X and Y")
    enemy = triads(signed_graph(frame(
        rel("P", "Q", "ally", 1), rel("P", "Foe", "opposes", -1), rel("Q", "Foe", "opposes", -1),
    ))).iloc[0]
    assert "common enemy, Foe" in enemy["reason"]


def test_open_triads_predict_the_missing_tie():
    preds = balance_predictions(signed_graph(frame(
        rel("A", "E", "opposes", -1), rel("B", "E", "opposes", -1), rel("C", "A", "ally", 1),
    )))
    by_pair = {(r["a"], r["b"]): r for r in preds.to_dict("records")}
    assert by_pair[("A", "B")]["predicted_sign"] == 1  # the enemy of my enemy
    assert "enemy of my enemy" in by_pair[("A", "B")]["reason"]
    assert by_pair[("C", "E")]["predicted_sign"] == -1  # my friend's enemy


def test_tension_counts_unbalanced_triangles_per_actor():
    rels = frame(
        rel("Hub", "X", "ally", 1), rel("Hub", "Y", "ally", 1), rel("X", "Y", "rival", -1),
        rel("X", "Z", "ally", 1), rel("Y", "Z", "ally", 1),
    )
    tension = tension_by_actor(triads(signed_graph(rels))).set_index("actor")
    assert tension.loc["Hub", "unbalanced_triads"] == 1
    assert tension.loc["X", "triads"] == 2
    assert tension.loc["X", "unbalanced_triads"] == 2
    assert tension.index[0] in {"X", "Y"}


def test_empty_relations_give_empty_frames_with_columns():
    empty = pd.DataFrame(columns=["source", "target", "relation", "sign", "quote", "sentence_id",
                                  "start", "end"])
    graph = signed_graph(empty)
    assert graph.number_of_nodes() == 0
    assert list(triads(graph).columns)[:3] == ["a", "b", "c"]
    assert triads(graph).empty and balance_predictions(graph).empty
    assert layout(graph) == {}


def test_layout_is_deterministic_and_independent_of_row_order():
    rows = [rel("A", "B", "ally", 1), rel("B", "C", "rival", -1), rel("C", "D", "ally", 1),
            rel("A", "D", "supports", 1)]
    first = layout(signed_graph(frame(*rows)))
    second = layout(signed_graph(frame(*reversed(rows))))
    assert first == second
    assert sorted(first) == ["A", "B", "C", "D"]


def test_layout_puts_the_best_connected_actor_in_the_centre_and_never_stacks_nodes():
    rows = [rel("Hub", x, "ally", 1) for x in ("P", "Q", "R", "S")]
    rows += [rel("P", "Far", "opposes", -1), rel("Q", "Far2", "ally", 1)]
    rows += [rel("X", "Y", "rival", -1)]
    pos = layout(signed_graph(frame(*rows)))
    assert pos["Hub"] == (0.0, 0.0)
    assert len(set(pos.values())) == len(pos)
    radius = {n: (x * x + y * y) ** 0.5 for n, (x, y) in pos.items()}
    assert radius["P"] < radius["Far"] < radius["X"]
