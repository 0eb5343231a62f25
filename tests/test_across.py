"""Views across articles (analysis.across) and their charts, on small hand-made frames."""

from __future__ import annotations

import json

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis import across, plotting

CONFLICTS = pd.DataFrame(
    {"conflict": ["War A", "War B"], "theatre": ["AAA", "BBB|CCC"], "began": ["", ""],
     "ended": ["", ""]}
)  # fmt: skip


def manifest(rows: list[tuple[str, dict]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": [r[0] for r in rows],
            "status": ["ok"] * len(rows),
            "metadata": [json.dumps(r[1]) for r in rows],
        }
    )


def test_conflict_from_metadata_else_from_the_theatre_mentioned_most():
    actors = pd.DataFrame(
        {
            "article_id": ["a1", "a1", "a1", "a2", "a3", "a4", "a4"],
            "country": ["AAA", "BBB", "CCC", "ZZZ", "AAA", "AAA", "BBB"],
            "mentions": [3, 2, 2, 9, 1, 2, 2],
        }
    )
    table = across.article_conflicts(
        manifest([("a1", {}), ("a2", {}), ("a3", {"conflict": "Named war"}), ("a4", {})]),
        actors,
        CONFLICTS,
    )
    got = dict(zip(table["article_id"], table["conflict"], strict=True))
    # a1: War B's theatre (BBB+CCC, 4 mentions) beats War A's (3); a2: no theatre; a3: metadata;
    # a4: a tie (2 and 2) goes to the conflict listed first
    assert got == {"a1": "War B", "a2": "other", "a3": "Named war", "a4": "War A"}
    assert table.set_index("article_id").loc["a3", "how"] == "metadata"


def meetings() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": ["a1", "a1", "a2", "a2"],
            "meeting_id": ["M01", "M02", "M01", "M02"],
            "participants": ["X|Y", "X|Y|Z", "Y|X", "W"],
            "date_start": ["2020-01-02", "", "2019-05-01", "2021-01-01"],
            "date_end": ["2020-01-02", "", "2019-05-31", "2021-12-31"],
            "precision": ["day", "", "month", "year"],
            "status": ["held", "held", "planned", "held"],
            "sentence_id": [1, 2, 1, 3],
            "quote": ["q1", "q2", "q3", "q4"],
        }
    )


def test_the_timeline_keeps_dated_meetings_oldest_first_with_their_conflict():
    conflicts = pd.DataFrame({"article_id": ["a1"], "conflict": ["War A"], "how": ["x"]})
    items = across.meeting_timeline(meetings(), conflicts)
    assert items["date_start"].tolist() == ["2019-05-01", "2020-01-02", "2021-01-01"]
    assert items["conflict"].tolist() == ["other", "War A", "other"]
    assert items["label"].tolist() == ["Y – X", "X – Y", "W"]
    fig, drawn = plotting.corpus_timeline(items, "t", "s")
    plt.close(fig)
    # one lane per conflict, "other" last; every dated meeting drawn once
    assert drawn["lane"].tolist() == [1, 0, 1]
    assert drawn["colour"].tolist()[0] == plotting.NEUTRAL


def test_who_meets_whom_counts_shared_meeting_reports_per_pair():
    matrix = across.meeting_pairs(meetings(), top=3)
    assert list(matrix.index) == ["X", "Y", "W"]  # 3, 3, 1 reports; ties by name
    assert matrix.loc["X", "Y"] == matrix.loc["Y", "X"] == 3
    assert matrix.loc["X", "X"] == 3 and matrix.loc["W", "X"] == 0
    pairs = across.top_pairs(matrix)
    assert pairs.to_dict("records") == [{"participant": "X", "met with": "Y", "reports": 3}]
    fig, drawn = plotting.who_meets_whom(matrix, "t", "s")
    plt.close(fig)
    assert drawn is matrix


def relations() -> pd.DataFrame:
    rows = [
        ("a1", "P", "Q", 1, False), ("a1", "Q", "P", 1, False), ("a2", "P", "Q", -1, False),
        ("a3", "P", "Q", 1, False), ("a3", "P", "R", -1, False), ("a3", "Q", "R", 1, True),
    ]  # fmt: skip
    return pd.DataFrame(
        [
            {"article_id": a, "source": s, "target": t, "relation": "x", "sign": sign,
             "quote": f"{a}{s}{t}", "sentence_id": i + 1, "start": 0, "end": 1,
             "hedged": False, "negated": neg}
            for i, (a, s, t, sign, neg) in enumerate(rows)
        ]
    )  # fmt: skip


def test_the_merged_network_counts_articles_not_statements():
    edges = across.merged_edges(relations())
    pq_edge = edges[(edges["u"] == "P") & (edges["v"] == "Q")].iloc[0]
    # a1 states it twice (one article), a2 against, a3 for: 3 articles, sign of 1 - 1 + 1
    assert (pq_edge["articles"], pq_edge["positive"], pq_edge["negative"]) == (3, 2, 1)
    assert pq_edge["sign"] == 1
    assert set(zip(edges["u"], edges["v"], strict=True)) == {("P", "Q"), ("P", "R")}  # negated out
    graph = across.merged_graph(edges, min_articles=2)
    assert sorted(graph.edges) == [("P", "Q")]
    assert graph.edges["P", "Q"]["relations"] == "3 articles"
    fig, drawn = plotting.merged_network(graph, "t", "s")
    plt.close(fig)
    assert drawn.to_dict("records") == [{"u": "P", "v": "Q", "sign": 1, "articles": 3}]


def test_rows_per_article_counts_every_frame_and_keeps_empty_articles():
    frames = {"meetings": meetings(), "relations": relations()}
    table = across.rows_per_article(frames, ["a1", "a2", "a3", "a9"])
    assert table.loc["a1"].tolist() == [2, 2]
    assert table.loc["a9"].tolist() == [0, 0]
    fig, drawn = plotting.rows_per_article(table, "t", "s")
    plt.close(fig)
    assert drawn.equals(table)


def test_figures_by_conflict_draws_each_range_in_its_group():
    figures = pd.DataFrame(
        {
            "conflict": ["War B", "War A", "War A", "War A"],
            "label": ["b", "a-open", "a-range", "a-none"],
            "measure": ["killed", "killed", "displaced", "killed"],
            "low": [10, 500, 1000, None],
            "best": [10, 500, None, None],
            "high": [10, None, 9999, None],
        }
    ).astype({"low": "Int64", "best": "Int64", "high": "Int64"})
    fig, drawn = plotting.figures_by_conflict(figures, "t", "s")
    plt.close(fig)
    assert drawn["label"].tolist() == ["a-range", "a-open", "b"]  # no range: not drawn
    assert drawn["conflict"].tolist() == ["War A", "War A", "War B"]
    open_end = drawn.set_index("label").loc["a-open"]
    assert open_end["high"] == pytest.approx(1250.0)  # an open end is drawn to 2.5 times
