"""Prose the notebooks render from data: computed from the same numbers as the charts."""

from __future__ import annotations

import re

import nbformat
import pandas as pd
import pytest

from analysis import plotting
from analysis.network import balance_predictions, signed_graph, triads
from analysis.paths import NOTEBOOKS_DIR
from analysis.prose import (
    counted,
    describe_agreement,
    describe_collective_meetings,
    describe_comparison,
    describe_figures,
    describe_front,
    describe_hub,
    describe_lengths,
    describe_moves,
    describe_naming,
    describe_negation_pairs,
    describe_ranges,
    describe_retold,
    describe_split_predictions,
    describe_status_changes,
    describe_tense_cues,
    describe_triangles,
    describe_without,
    describe_wordings,
    quoted_examples,
    range_words,
    relation_lines,
)


def _sentences(texts: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"sentence_id": range(1, len(texts) + 1), "kind": "body",
                         "text": texts})


def test_the_length_chart_draws_words_per_sentence_not_characters():
    sentences = _sentences(["one two three", "a b", "longwordwithoutspaces", "x y z w"])
    words = plotting.words_per_sentence(sentences)
    assert words.to_dict() == {1: 3, 2: 2, 3: 1, 4: 4}
    fig = plotting.sentence_lengths(sentences, title="t", source="s")
    heights = [patch.get_height() for patch in fig.axes[0].patches]
    assert heights == [3, 2, 1, 4]


def test_lengths_prose_names_every_sentence_tied_with_the_last_one_listed():
    words = pd.Series({1: 10, 2: 42, 3: 28, 4: 40, 5: 27, 6: 35, 7: 28, 8: 3})
    text = describe_lengths(words, {3: "the lead"})
    assert text.startswith("The longest sentences are 2 (42 words), 4 (40 words) and 6 (35 words).")
    assert text.endswith("Next come sentences 3 (the lead), 5 and 7, at 27–28 words.")
    tied = describe_lengths(pd.Series({1: 9, 2: 5, 3: 5, 4: 5}), top=1, then=1)
    assert tied.endswith("Next come sentences 2, 3 and 4, at 5 words.")


@pytest.mark.parametrize("words, expected", [
    (pd.Series({1: 4}), "The longest sentence is 1 (4 words)."),
    (pd.Series(dtype=int), "The article has no sentences."),
])
def test_lengths_prose_on_short_articles(words, expected):
    assert describe_lengths(words) == expected


def test_the_naming_chart_and_its_prose_read_the_same_table():
    table = pd.DataFrame({"name": [1, 4, 0], "demonym": [5, 0, 1], "metonymy": [2, 1, 0]},
                         index=pd.Index(["A", "B", "C"], name="actor"))
    table.columns.name = "how"
    fig = plotting.stacked_counts(table, title="t", xlabel="x", ylabel="y", source="s")
    totals = [text.get_text().strip() for text in fig.axes[0].texts]
    assert totals == ["1", "5", "8"]  # bottom to top: C, B, A
    text = describe_naming(table, top=2)
    assert "A: 8 mentions (5 by demonym, 2 by metonymy and 1 by name)" in text
    assert "B: 5 mentions (4 by name and 1 by metonymy)" in text and "C:" not in text


def test_counted_and_range_words():
    frame = pd.DataFrame({"role": ["year", "count", "count", "pronoun", "year", "count"]})
    assert counted(frame, "role") == "3 count, 2 year and 1 pronoun"
    assert range_words(450_000, 500_000, 550_000) == "450,000 to 550,000"
    assert range_words(40, pd.NA, pd.NA) == "at least 40"
    assert range_words(pd.NA, pd.NA, 30) == "at most 30"
    assert range_words(12, 12, 12) == "12"


def test_describe_figures_flags_a_year_read_inside_a_figure():
    figures = pd.DataFrame([{"quote": "killed 20 people", "measure": "killed", "low": 20,
                             "best": 20, "high": 20, "start": 10, "end": 26}])
    clean = pd.DataFrame([{"role": "year", "start": 40, "end": 44}])
    assert describe_figures(figures, clean).endswith("No year or date is read as a figure.")
    assert "(killed, 20)" in describe_figures(figures, clean)
    slipped = pd.DataFrame([{"role": "date", "start": 17, "end": 19}])
    assert "check them" in describe_figures(figures, slipped)
    assert describe_figures(figures.iloc[0:0], clean).startswith("The article gives no")


def test_front_matter_is_read_from_the_kinds():
    sentences = pd.DataFrame({"sentence_id": [1, 2, 3], "kind": ["headline", "body", "body"]})
    assert describe_front(sentences) == "Before the body come a headline (sentence 1)."
    three = pd.DataFrame({"sentence_id": [1, 2, 3, 4],
                          "kind": ["headline", "caption", "dateline", "body"]})
    assert describe_front(three).endswith("a headline, a caption and a dateline (sentences 1–3).")
    assert describe_front(sentences.iloc[1:]).startswith("The text starts with its body")


def test_ranges_by_group_highest_first():
    frame = pd.DataFrame({"how": ["name", "pronoun", "name", "seat", "pronoun"],
                          "confidence": [0.95, 0.7, 1.0, 0.9, 0.6]})
    assert describe_ranges(frame, "how", "confidence") == \
        "name 0.95–1, seat 0.9 and pronoun 0.6–0.7"
    lower = frame.assign(confidence=[0.5, 0.7, 1.0, 0.9, 0.6])
    assert describe_ranges(lower, "how", "confidence").startswith("name 0.5–1")


def test_quoted_examples_distinct_and_in_reading_order():
    frame = pd.DataFrame({"text": ["he", "Russian", "Russian", "Syrian"],
                          "sentence_id": [9, 4, 5, 6]})
    assert quoted_examples(frame) == ("\u201cRussian\u201d (sentence 4) and "
                                      "\u201cSyrian\u201d (sentence 6)")
    assert quoted_examples(frame.iloc[0:0]) == ""


def _beside(rows):
    base = {"figure_id": "F01", "group": "F01 killed: war", "status": "confirmed", "qualifier": ""}
    return pd.DataFrame([{**base, **row} for row in rows])


def test_comparison_sorts_references_by_position():
    beside = _beside([
        {"who": "the article", "label": "article: \u201cdozens\u201d", "low": 24, "best": pd.NA,
         "high": 99, "as_of": "2024-01-01", "ref_id": "", "position": "article"},
        {"who": "UN", "label": "", "low": 30, "best": 30, "high": 30, "as_of": "2024-02",
         "ref_id": "R1", "position": "inside"},
        {"who": "NGO", "label": "", "low": 120, "best": 120, "high": 120, "as_of": "2024-03",
         "ref_id": "R2", "position": "above", "status": "unconfirmed"},
    ])
    text = describe_comparison(beside)
    assert "the article's \u201cdozens\u201d: 24 to 99." in text
    assert "Inside its range: UN 30 (2024-02)." in text
    assert "Above it: NGO 120 (2024-03, unconfirmed)." in text and "Below it" not in text
    moved = beside.assign(position=["article", "below", "above"])
    assert "Below it: UN 30" in describe_comparison(moved)
    assert describe_comparison(beside.iloc[0:0]).startswith("No reference figure")


def test_a_wide_wording_holds_more_counts_than_a_tight_one():
    phrases = pd.DataFrame([
        {"phrase": "around 100", "low": 90, "best": 100, "high": 110, "spread": 1.22},
        {"phrase": "dozens", "low": 24, "best": pd.NA, "high": 99, "spread": 4.12},
        {"phrase": "more than 50", "low": 50, "best": 50, "high": pd.NA, "spread": pd.NA},
    ])
    text = describe_wordings(phrases, [30, 95, 105, 400], "4 counts")
    assert "\u201caround 100\u201d (90 to 110, spread 1.22) holds 2" in text
    assert "\u201cdozens\u201d (24 to 99, spread 4.12) holds 2" in text
    assert "\u201cmore than 50\u201d (at least 50) holds 3" in text
    assert describe_wordings(phrases, [], "counts") == "There are no counts to hold."


def test_moves_lists_what_changed_once_and_what_stayed():
    quotes = pd.Series(["Wednesday", "Wednesday", "2015"])
    text = describe_moves(quotes, pd.Series(["2023-03-15", "2023-03-15", "2015"]),
                          pd.Series(["2023-03-22", "2023-03-22", "2015"]), "on 21 March")
    assert text == ("Published on 21 March, 2 of 3 dates move: \u201cWednesday\u201d "
                    "2023-03-15 → 2023-03-22. These stay where they were: \u201c2015\u201d.")
    same = pd.Series(["2015", "2015", "2015"])
    assert describe_moves(quotes, same, same, "later") == "Published later, no date moves."


def test_tense_cues_grouped_by_tense():
    dates = pd.DataFrame({"tense": ["future", "past", "future", "past"],
                          "tense_cue": ["will", "met", "will", ""]})
    assert describe_tense_cues(dates) == \
        "The cues in this article — future: \u201cwill\u201d; past: \u201cmet\u201d."


def _meetings(rows):
    base = {"roles": "", "also_in": "", "kind": "talks", "status": "held", "date_start": "",
            "date_end": "", "sentence_id": 1}
    return pd.DataFrame([{**base, **row} for row in rows])


def test_meeting_notes_come_from_roles_status_and_also_in():
    meetings = _meetings([
        {"meeting_id": "M01", "participants": "A|B|C", "roles": "ministers|ministers|",
         "kind": "ministerial", "also_in": "1|3", "sentence_id": 4},
        {"meeting_id": "M02", "participants": "A", "status": "negated", "sentence_id": 7,
         "date_start": "2021-09-01", "date_end": "2023-03-14", "kind": "visit"},
        {"meeting_id": "M03", "participants": "A|D", "sentence_id": 7, "kind": "visit"},
    ])
    assert describe_collective_meetings(meetings) == ("Participants named together in one "
        "role: M01: A and B, each as ministers (kind *ministerial*).")
    negation = describe_negation_pairs(meetings)
    assert "M02, a *negated* visit (2021-09-01 to 2023-03-14), and M03, a *held* visit" in negation
    assert "come from one sentence (7)" in negation
    alone = describe_negation_pairs(meetings.assign(sentence_id=[4, 7, 8]))
    assert "stands alone in sentence 7" in alone
    assert describe_retold(meetings) == ("Told more than once: M01 (kept from sentence 4) is "
                                         "told again in sentences 1 and 3.")
    plain = meetings.assign(roles="", also_in="", status="held")
    assert describe_collective_meetings(plain).startswith("No meeting")
    assert describe_negation_pairs(plain) == "No meeting is negated."
    assert describe_retold(plain) == "No meeting is told more than once."


def _relations(rows):
    return pd.DataFrame([{"hedged": False, "negated": False, "sentence_id": 1, "start": i,
                          "quote": f"q{i}", **dict(
        zip(["source", "relation", "target", "sign"], row, strict=True))}
                         for i, row in enumerate(rows)])


def test_triangles_name_their_brokers_and_the_shared_hostile_tie():
    relations = _relations([("R", "ally", "S", 1), ("R", "ally", "T", 1), ("S", "rival", "T", -1),
                            ("K", "opposes", "S", -1), ("K", "opposes", "T", -1),
                            ("R", "mediates", "S", 1), ("R", "mediates", "T", 1)])
    triad_table = triads(signed_graph(relations))
    text = describe_triangles(triad_table, relations)
    assert "**R–S–T (+ + −)**: R is a friend of both S and T" in text
    assert "The article reports R mediating between S and T." in text
    assert text.endswith("S–T is a hostile side of 2 of the 2 unbalanced triangles: balance "
                         "puts that tie under most pressure.")
    no_broker = relations[relations["relation"] != "mediates"]
    assert "mediating" not in describe_triangles(triads(signed_graph(no_broker)), no_broker)
    one = relations[relations["source"] != "K"]
    assert "No hostile tie is shared" in describe_triangles(triads(signed_graph(one)), one)
    friends = _relations([("A", "ally", "B", 1), ("A", "ally", "C", 1), ("B", "ally", "C", 1)])
    assert describe_triangles(triads(signed_graph(friends)), friends).startswith("No triangle")


def test_hub_split_predictions_and_what_hedges_carry():
    relations = _relations([("S", "ally", "R", 1), ("S", "opposes", "K", -1),
                            ("T", "opposes", "K", -1), ("T", "supports", "X", 1),
                            ("S", "opposes", "X", -1), ("S", "rival", "T", -1)])
    graph = signed_graph(relations)
    assert describe_hub(graph) == ("S has the most ties (4 of 6) and sits in the middle; tied "
                                   "to it: K, R, T and X. Every other party is tied to S.")
    apart = signed_graph(pd.concat([relations, _relations([("Y", "ally", "Z", 1)])]))
    assert describe_hub(apart).endswith("Not tied to it directly: Y and Z.")
    split = describe_split_predictions(balance_predictions(graph))
    assert "K and X (friends through S, enemies through T)" in split
    hedged = relations.assign(hedged=[False, True, True, False, False, False])
    kept = signed_graph(hedged[~hedged["hedged"]])
    text = describe_without(triads(graph), triads(kept), set(graph.nodes), set(kept.nodes),
                            "the hedged statements")
    assert text == ("Without the hedged statements, K leaves the network; the triangle "
                    "K–S–T (− − −) disappears. No unbalanced triangle remains.")
    kept_all = describe_without(triads(graph), triads(graph), set(graph.nodes),
                                set(graph.nodes), "nothing")
    assert kept_all == ("Without nothing, no party leaves the network; no triangle disappears. "
                        "Still unbalanced: K–S–T (− − −).")


def test_status_changes_between_two_triad_tables():
    relations = _relations([("C", "mediates", "I", 1), ("C", "mediates", "A", 1),
                            ("A", "rival", "I", -1)])
    neutral = relations.assign(sign=[0, 0, -1])
    text = describe_status_changes(triads(signed_graph(relations)),
                                   triads(signed_graph(neutral)))
    assert text == "Status changes: A–C–I: unbalanced → ambivalent."
    same = describe_status_changes(triads(signed_graph(relations)),
                                   triads(signed_graph(relations)))
    assert same == "No triangle changes status. Unchanged: A–C–I (unbalanced)."


def test_relation_lines_group_phrases_by_sentence(seed):
    relations = _relations([("Turkey", "supports", "Syrian rebels", 1)])
    sid = seed.sentence_at(seed.find("which has long supported")[0])
    relations["sentence_id"] = sid
    text = relation_lines(seed, relations, ["which has long supported", "not in the text at all"])
    assert f"* sentence {sid} (\u201cwhich has long supported\u201d): Turkey supports " \
           "Syrian rebels" in text
    assert "\u201cnot in the text at all\u201d: not in this article" in text


# What a markdown cell may not state, because a frame decides it: a sentence id ("sentence 8
# is the longest"), a frame row id (M01, E03, F02), a count of rows ("2 of 3"), a score, or a
# sentence length. Quoted article text and section numbers stay allowed.
OUTPUT_IN_PROSE = re.compile(
    r"\b(?:[Ss]entences? \d+|[MEF]\d{2}\b|\d+ (?:of|out of) \d+\b|(?:F1|precision|recall) \d"
    r"|\d+(?:[–-]\d+)? words\b)")


def _markdown_cells():
    for path in sorted(NOTEBOOKS_DIR.glob("[0-9]*.ipynb")):
        for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
            if cell.cell_type == "markdown":
                yield path.name, index, cell.source


@pytest.mark.parametrize("text", [
    "The lead and sentence 12 come next, at 27–28 words.",
    "M04 of notebook 04 already has the call.",
    "The extractor finds 2 of 3 meetings.",
    "On the seed, F1 0.97.",
])
def test_the_output_pattern_catches_what_the_issue_found(text):
    assert OUTPUT_IN_PROSE.search(text)


def test_no_markdown_cell_states_an_output_a_frame_decides():
    found = [f"{name}, cell {index}: {match.group(0)!r}"
             for name, index, source in _markdown_cells()
             for match in OUTPUT_IN_PROSE.finditer(source)]
    assert not found, "render these from the frames instead: " + "; ".join(found)


def test_bar_counts_draws_the_counts_the_prose_lists():
    counts = pd.Series({"Kremlin": 2, "Analysts": 3, "Assad": 1})
    fig = plotting.bar_counts(counts, title="t", xlabel="x", ylabel="y", source="s")
    ax = fig.axes[0]
    assert [p.get_width() for p in ax.patches] == [1, 2, 3]  # smallest at the bottom
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Assad", "Kremlin", "Analysts"]


def test_heatmap_annotates_every_cell_with_its_count():
    matrix = pd.DataFrame([[3, 1], [1, 2]], index=["A", "B"], columns=["A", "B"])
    fig = plotting.heatmap(matrix, title="t", xlabel="x", ylabel="y", source="s")
    assert [t.get_text() for t in fig.axes[0].texts] == ["3", "1", "1", "2"]


def test_signed_network_draws_each_edge_once_with_its_sign_and_label():
    relations = _relations([("R", "ally", "S", 1), ("S", "rival", "T", -1),
                            ("U", "supports", "K", 1)]).assign(hedged=[False, False, True])
    graph = signed_graph(relations)
    positions = {n: (i, i % 2) for i, n in enumerate(sorted(graph.nodes))}
    fig = plotting.signed_network(graph, positions, title="t", source="s")
    ax = fig.axes[0]
    labels = sorted(t.get_text() for t in ax.texts if t.get_text() in {"ally", "rival",
                                                                        "supports"})
    assert labels == ["ally", "rival", "supports"]
    from matplotlib.collections import LineCollection
    drawn = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert sum(len(c.get_segments()) for c in drawn) == graph.number_of_edges()
    faint = [c for c in drawn if c.get_alpha() is not None and c.get_alpha() < 0.5]
    assert sum(len(c.get_segments()) for c in faint) == 1  # the hedged U–K tie


def test_agreement_names_the_phrases_read_otherwise():
    assert describe_agreement({"a": True, "b": False, "c": True}) == (
        "The rows agree with a reader on \u201ca\u201d and \u201cc\u201d; they read "
        "\u201cb\u201d otherwise.")
    assert describe_agreement({"a": True, "b": True}) == \
        "The rows agree with a reader on all 2 phrases."
    assert describe_agreement({"a": False}).startswith("The rows read every phrase otherwise")
