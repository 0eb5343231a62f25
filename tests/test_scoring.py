"""The scorer under test: small hand-built frames, expected numbers worked out by hand.

Every scored field of every frame is changed on its own and must turn a ``correct`` row into a
``wrong`` one (a miss and a false alarm); alignment rules are checked at their edges (touching
spans do not overlap); the arithmetic is checked on counts where swapping gold and found gives a
different answer, so a precision divided by the wrong count cannot pass.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from analysis import paths, scoring
from analysis.article import load_article
from analysis.errors import ArticleError
from analysis.scoring import SPECS, compare, rates, score


def frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


def verdicts(comparison: pd.DataFrame) -> list[str]:
    return sorted(comparison["verdict"])


def counts(comparison: pd.DataFrame) -> tuple[int, int, int]:
    s = score(comparison)
    return s["gold"], s["found"], s["true_positives"]


# ---------------------------------------------------------------- actors

def test_actors_match_on_id():
    gold = frame({"gold_id": "A1", "actor_id": "kofi-annan"})
    assert verdicts(compare(SPECS["actors"], frame({"actor_id": "kofi-annan"}), gold)) == [
        "correct"]
    other = compare(SPECS["actors"], frame({"actor_id": "ban-ki-moon"}), gold)
    assert verdicts(other) == ["false alarm", "missed"]
    assert counts(other) == (1, 1, 0)


# ---------------------------------------------------------------- figures

FIGURE = {"gold_id": "G1", "sentence_id": "3", "number": "about 3,000", "is_figure": "yes",
          "low": "2700", "best": "3000", "high": "3300"}
NOT_A_FIGURE = {"gold_id": "N1", "sentence_id": "3", "number": "1999", "is_figure": "no",
                "low": "", "best": "", "high": ""}


def found_figure(**changes) -> dict:
    row = {"sentence_id": 3, "number": "3,000", "low": 2700.0, "best": 3000, "high": 3300}
    return {**row, **changes}


def test_a_figure_that_agrees_is_correct_and_non_figures_are_not_gold():
    comparison = compare(SPECS["figures"], frame(found_figure()), frame(FIGURE, NOT_A_FIGURE))
    assert list(comparison["verdict"]) == ["correct"]
    assert list(comparison["gold_id"]) == ["G1"]


@pytest.mark.parametrize("end", ["low", "best", "high"])
def test_each_end_of_a_figure_range_is_scored(end):
    comparison = compare(SPECS["figures"], frame(found_figure(**{end: 9999})), frame(FIGURE))
    assert list(comparison["verdict"]) == ["wrong"]
    assert comparison["differences"][0].startswith(f"{end}: found '9999'")
    assert counts(comparison) == (1, 1, 0)


def test_a_missing_end_is_not_an_agreeing_end():
    comparison = compare(SPECS["figures"], frame(found_figure(high=None)), frame(FIGURE))
    assert list(comparison["verdict"]) == ["wrong"]


def test_figures_align_by_sentence_and_number_phrase():
    gold = frame(FIGURE)
    other_sentence = compare(SPECS["figures"], frame(found_figure(sentence_id=4, high=1)), gold)
    assert verdicts(other_sentence) == ["false alarm", "missed"]
    other_number = compare(SPECS["figures"], frame(found_figure(number="40", high=1)), gold)
    assert verdicts(other_number) == ["false alarm", "missed"]
    inside = compare(SPECS["figures"], frame(found_figure(number="ABOUT 3,000 people", high=1)),
                     gold)
    assert verdicts(inside) == ["wrong"]


# ---------------------------------------------------------------- meetings

MEETING = {"gold_id": "G1", "sentence_id": "2", "start": "100", "end": "140",
           "quote": "x", "participants": "Kofi Annan|Syria", "date_start": "2012-03-10",
           "date_end": "2012-03-10", "status": "held"}


def found_meeting(**changes) -> dict:
    row = {"sentence_id": 2, "start": 120, "end": 160, "participants": "Syria|Kofi Annan",
           "date_start": "2012-03-10", "date_end": "2012-03-10", "status": "held"}
    return {**row, **changes}


def test_meeting_participants_are_a_set():
    comparison = compare(SPECS["meetings"], frame(found_meeting()), frame(MEETING))
    assert list(comparison["verdict"]) == ["correct"]
    doubled = found_meeting(participants="Syria | Kofi Annan|Syria")
    assert list(compare(SPECS["meetings"], frame(doubled), frame(MEETING))["verdict"]) == [
        "correct"]


def test_letter_case_of_a_name_is_no_difference():
    """A collective name capitalised at the start of a row ("Major powers") is the gold's
    "major powers"; a different name still differs."""
    lower = {**MEETING, "participants": MEETING["participants"].lower()}
    assert list(compare(SPECS["meetings"], frame(found_meeting()), frame(lower))["verdict"]) == [
        "correct"]
    other = found_meeting(participants=MEETING["participants"] + "s")
    assert list(compare(SPECS["meetings"], frame(other), frame(lower))["verdict"]) == ["wrong"]


def test_relation_ends_compare_without_letter_case_in_either_order():
    gold = {**RIVAL, "source": "zambia", "target": "Angola"}
    found = found_relation(source="Zambia", target="angola")
    assert list(compare(SPECS["relations"], frame(found), frame(gold))["verdict"]) == ["correct"]
    unlike = found_relation(source="Zambia", target="Angolan")
    assert list(compare(SPECS["relations"], frame(unlike), frame(gold))["verdict"]) != ["correct"]


@pytest.mark.parametrize(("field", "value"), [
    ("participants", "Kofi Annan"),
    ("participants", "Kofi Annan|Syria|Russia"),
    ("date_start", "2012-03-09"),
    ("date_end", "2012-03-11"),
    ("status", "planned"),
])
def test_each_meeting_field_is_scored(field, value):
    comparison = compare(SPECS["meetings"], frame(found_meeting(**{field: value})),
                         frame(MEETING))
    assert list(comparison["verdict"]) == ["wrong"]
    assert comparison["differences"][0].startswith(field)


def test_meetings_align_by_overlapping_quote_or_the_same_participants():
    gold = frame(MEETING)
    # same sentence, other participants: aligned only while the quotes overlap
    overlapping = found_meeting(participants="Russia", status="planned")
    assert verdicts(compare(SPECS["meetings"], frame(overlapping), gold)) == ["wrong"]
    apart = found_meeting(participants="Russia", status="planned", start=10, end=60)
    assert verdicts(compare(SPECS["meetings"], frame(apart), gold)) == ["false alarm", "missed"]
    # a meeting told again in another sentence is the same meeting
    retold = found_meeting(sentence_id=7, start=900, end=950, status="planned")
    assert verdicts(compare(SPECS["meetings"], frame(retold), gold)) == ["wrong"]


# ---------------------------------------------------------------- events

EVENT = {"gold_id": "G1", "sentence_id": "5", "start": "200", "end": "230", "quote": "x",
         "date_start": "2013-09-12", "date_end": "2013-09-12", "status": "held"}


def found_event(**changes) -> dict:
    row = {"sentence_id": 5, "start": 210, "end": 240, "date_start": "2013-09-12",
           "date_end": "2013-09-12", "status": "held"}
    return {**row, **changes}


@pytest.mark.parametrize(("field", "value"), [
    ("date_start", "2013-09-11"), ("date_end", "2013-09-13"), ("status", "planned")])
def test_each_event_field_is_scored(field, value):
    gold = frame(EVENT)
    assert verdicts(compare(SPECS["events"], frame(found_event()), gold)) == ["correct"]
    assert verdicts(compare(SPECS["events"], frame(found_event(**{field: value})), gold)) == [
        "wrong"]


@pytest.mark.parametrize(("start", "end", "sentence", "aligned"), [
    (170, 201, 5, True),   # one character of overlap
    (229, 260, 5, True),
    (170, 200, 5, False),  # touching at the gold's start: no overlap
    (230, 260, 5, False),  # touching at the gold's end
    (200, 230, 6, False),  # same span, other sentence
])
def test_events_align_only_by_overlapping_span_in_the_same_sentence(start, end, sentence,
                                                                     aligned):
    found = frame(found_event(start=start, end=end, sentence_id=sentence, status="planned"))
    expected = ["wrong"] if aligned else ["false alarm", "missed"]
    assert verdicts(compare(SPECS["events"], found, frame(EVENT))) == expected


# ---------------------------------------------------------------- relations

RIVAL = {"gold_id": "R1", "source": "Iran", "target": "Saudi Arabia", "relation": "rival",
         "sign": "-1", "sentence_id": "21"}


def found_relation(**changes) -> dict:
    row = {"source": "Saudi Arabia", "target": "Iran", "relation": "rival", "sign": -1,
           "sentence_id": 21}
    return {**row, **changes}


def test_symmetric_relation_ends_in_either_order_are_correct():
    comparison = compare(SPECS["relations"], frame(found_relation()), frame(RIVAL))
    assert list(comparison["verdict"]) == ["correct"]
    # the gold need not list a symmetric pair alphabetically either
    flipped_gold = {**RIVAL, "source": "Saudi Arabia", "target": "Iran"}
    assert list(compare(SPECS["relations"], frame(found_relation()), frame(flipped_gold))
                ["verdict"]) == ["correct"]


def test_a_flipped_sign_of_a_rival_is_a_miss_and_a_false_alarm():
    comparison = compare(SPECS["relations"], frame(found_relation(sign="+1")), frame(RIVAL))
    assert list(comparison["verdict"]) == ["wrong"]
    assert counts(comparison) == (1, 1, 0)
    assert score(comparison)["precision"] == 0.0 and score(comparison)["recall"] == 0.0


def test_signs_compare_as_numbers():
    gold = {**RIVAL, "relation": "supports", "sign": "1", "source": "Iran", "target": "Syria"}
    found = found_relation(relation="supports", sign="+1", source="Iran", target="Syria")
    assert list(compare(SPECS["relations"], frame(found), frame(gold))["verdict"]) == [
        "correct"]


@pytest.mark.parametrize("changes", [
    {"relation": "ally"},
    {"source": "Iraq"},
    {"target": "Iraq"},
])
def test_relation_type_and_each_end_are_scored(changes):
    comparison = compare(SPECS["relations"], frame(found_relation(**changes)), frame(RIVAL))
    assert list(comparison["verdict"]) == ["wrong"]


def test_directed_relations_keep_their_direction():
    gold = {**RIVAL, "relation": "supports", "sign": "1", "source": "Iran", "target": "Syria"}
    reversed_ = found_relation(relation="supports", sign=1, source="Syria", target="Iran")
    assert list(compare(SPECS["relations"], frame(reversed_), frame(gold))["verdict"]) == [
        "wrong"]


def test_relations_align_by_sentence_and_a_shared_end():
    gold = frame(RIVAL)
    other_sentence = frame(found_relation(sentence_id=20))
    assert verdicts(compare(SPECS["relations"], other_sentence, gold)) == [
        "false alarm", "missed"]
    no_shared_end = frame(found_relation(source="Iraq", target="Jordan"))
    assert verdicts(compare(SPECS["relations"], no_shared_end, gold)) == [
        "false alarm", "missed"]


# ---------------------------------------------------------------- pairing

def test_exact_matches_are_paired_before_near_misses():
    gold = frame({**RIVAL, "gold_id": "R1", "relation": "supports", "sign": "1"},
                 {**RIVAL, "gold_id": "R2", "relation": "opposes", "sign": "-1"})
    found = frame(found_relation(relation="opposes", sign=-1, source="Iran",
                                 target="Saudi Arabia"),
                  found_relation(relation="supports", sign=1, source="Iran",
                                 target="Saudi Arabia"))
    comparison = compare(SPECS["relations"], found, gold)
    assert list(comparison["verdict"]) == ["correct", "correct"]
    assert list(comparison["found_row"]) == [1, 0]


def test_a_found_row_is_used_once():
    gold = frame({**RIVAL, "gold_id": "R1"}, {**RIVAL, "gold_id": "R2"})
    comparison = compare(SPECS["relations"], frame(found_relation()), gold)
    assert list(comparison["verdict"]) == ["correct", "missed"]
    assert counts(comparison) == (2, 1, 1)


def test_an_aligned_row_with_the_fewest_differences_is_paired():
    gold = frame(EVENT)
    found = frame(found_event(date_start="2000-01-01", status="planned"),
                  found_event(status="planned"))
    comparison = compare(SPECS["events"], found, gold)
    row = comparison[comparison["verdict"] == "wrong"].iloc[0]
    assert row["found_row"] == 1 and row["differences"].startswith("status")


def test_comparison_shows_what_was_compared():
    comparison = compare(SPECS["relations"], frame(found_relation(sign=1)), frame(RIVAL))
    row = comparison.iloc[0]
    assert row["gold"] == ("source=Iran; target=Saudi Arabia; relation=rival; sign=-1; "
                           "sentence_id=21")
    assert row["found"].endswith("sign=1; sentence_id=21")
    assert row["differences"] == "sign: found '1', gold '-1'"
    assert row["sentence"] == "21" and row["gold_id"] == "R1"


def test_empty_frames_compare_to_nothing():
    empty = compare(SPECS["events"], frame(), frame())
    assert list(empty.columns) == list(scoring.COMPARISON_COLUMNS) and empty.empty
    missed = compare(SPECS["events"], frame(), frame(EVENT))
    assert list(missed["verdict"]) == ["missed"] and list(missed["found_row"]) == [-1]


# ---------------------------------------------------------------- arithmetic

def test_precision_is_over_found_and_recall_over_gold():
    r = rates(gold=4, found=2, true_positives=1)
    assert r["precision"] == 0.5 and r["recall"] == 0.25
    assert r["f1"] == pytest.approx(1 / 3)  # 2 * 0.5 * 0.25 / 0.75
    swapped = rates(gold=2, found=4, true_positives=1)
    assert swapped["precision"] == 0.25 and swapped["recall"] == 0.5


def test_f1_is_the_harmonic_mean():
    r = rates(gold=10, found=5, true_positives=4)  # p = 0.8, r = 0.4
    assert r["f1"] == pytest.approx(2 * 0.8 * 0.4 / 1.2)
    assert rates(3, 3, 3) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_rates_are_nan_where_undefined():
    nothing_found = rates(gold=3, found=0, true_positives=0)
    assert math.isnan(nothing_found["precision"]) and nothing_found["recall"] == 0.0
    assert nothing_found["f1"] == 0.0
    no_gold = rates(gold=0, found=2, true_positives=0)
    assert no_gold["precision"] == 0.0 and math.isnan(no_gold["recall"])
    assert no_gold["f1"] == 0.0
    assert all(math.isnan(v) for v in rates(0, 0, 0).values())
    all_wrong = rates(gold=2, found=2, true_positives=0)
    assert all_wrong == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_score_counts_each_verdict_on_the_right_side():
    comparison = frame(*({"verdict": v} for v in
                         ["correct"] * 2 + ["wrong"] + ["missed"] * 3 + ["false alarm"]))
    s = score(comparison)
    assert (s["gold"], s["found"], s["true_positives"]) == (6, 4, 2)
    assert s["precision"] == 0.5 and s["recall"] == pytest.approx(1 / 3)


BOARD = frame(
    {"set": "seed", "article": "s", "frame": "events", "gold": 5, "found": 5,
     "true_positives": 5},
    {"set": "unseen", "article": "a", "frame": "events", "gold": 2, "found": 1,
     "true_positives": 1},
    {"set": "unseen", "article": "b", "frame": "events", "gold": 8, "found": 9,
     "true_positives": 3},
    {"set": "unseen", "article": "b", "frame": "actors", "gold": 4, "found": 0,
     "true_positives": 0},
)


def test_totals_add_counts_before_rating_and_keep_seed_apart():
    board = BOARD.assign(precision=0.0, recall=0.0, f1=0.0)
    total = scoring.totals(board).set_index(["set", "frame"])
    unseen = total.loc[("unseen", "events")]
    assert (unseen["gold"], unseen["found"], unseen["true_positives"]) == (10, 10, 4)
    assert unseen["precision"] == 0.4  # the mean of the two articles' precisions is 2/3
    seed = total.loc[("seed", "events")]
    assert (seed["gold"], seed["found"], seed["precision"]) == (5, 5, 1.0)
    assert math.isnan(total.loc[("unseen", "actors"), "precision"])
    assert set(total["article"]) == {"(total)"} and len(total) == 3


def test_totals_ignore_rows_that_are_already_totals():
    board = BOARD.assign(precision=0.0, recall=0.0, f1=0.0)
    once = scoring.totals(board)
    again = scoring.totals(pd.concat([board, once], ignore_index=True))
    pd.testing.assert_frame_equal(once, again)


def test_format_board_shows_two_decimals_and_a_dash_when_undefined():
    board = scoring.totals(BOARD.assign(precision=0.0, recall=0.0, f1=0.0))
    text = scoring.format_board(board)
    lines = text.splitlines()
    assert lines[0].split() == list(scoring.SCOREBOARD_COLUMNS)
    assert lines[1].split()[-3:] == ["1.00", "1.00", "1.00"]
    assert lines[2].split()[-3:] == ["0.40", "0.40", "0.40"]
    assert lines[3].split()[-3:] == ["-", "0.00", "0.00"]


# ---------------------------------------------------------------- gold files and articles

SEED_ID = paths.SEED_ARTICLE.stem


@pytest.fixture(scope="module")
def seed_article():
    return load_article(paths.SEED_ARTICLE)


def test_gold_scored_against_itself_is_perfect(seed_article):
    folder = scoring.gold_folder(SEED_ID)
    frames = scoring.load_gold_frames(folder, seed_article)
    assert set(frames) == set(scoring.FRAME_NAMES)
    assert (frames["figures"]["is_figure"] == "yes").all()
    comparison = scoring.compare_article(seed_article, frames)
    assert set(comparison["verdict"]) == {"correct"}
    assert set(comparison["frame"]) == set(scoring.FRAME_NAMES)


def test_evaluate_keeps_seed_and_unseen_apart(seed_article):
    unseen_id = next(i for i in scoring.gold_articles() if i != SEED_ID)

    def extract(article):  # the seed's gold as the answer for every article
        return scoring.load_gold_frames(scoring.gold_folder(SEED_ID), seed_article)

    board, comparisons = scoring.evaluate([SEED_ID, unseen_id], extract=extract)
    assert list(board.columns) == list(scoring.SCOREBOARD_COLUMNS)
    totals = board[board["article"] == "(total)"].set_index(["set", "frame"])
    seed_rows = board[(board["article"] == SEED_ID)].set_index("frame")
    unseen_rows = board[(board["article"] == unseen_id)].set_index("frame")
    for frame_name in scoring.FRAME_NAMES:
        assert totals.loc[("seed", frame_name), "f1"] == 1.0
        assert totals.loc[("seed", frame_name), "gold"] == seed_rows.loc[frame_name, "gold"]
        assert totals.loc[("unseen", frame_name), "gold"] == unseen_rows.loc[frame_name, "gold"]
    assert set(board["set"]) == {"seed", "unseen"}
    assert set(comparisons["article"]) == {SEED_ID, unseen_id}


def test_article_set():
    assert scoring.article_set(SEED_ID) == "seed"
    assert scoring.article_set("voa-2012-08-07-assad-meets-jalili") == "unseen"
    assert scoring.gold_articles()[0] == SEED_ID


def test_gold_spans_are_checked_or_located(tmp_path, seed_article):
    sentence = seed_article.body.iloc[2]
    sid, start = int(sentence["sentence_id"]), int(sentence["start"])
    quote = seed_article.text[start:start + 12]
    cell = '"' + quote.replace('"', '""') + '"'
    header = "gold_id,sentence_id,quote,date_start,date_end,status\n"
    (tmp_path / "events.csv").write_text(f"# a comment\n{header}G1,{sid},{cell},,,held\n",
                                         encoding="utf-8")
    located = scoring.load_gold(SPECS["events"], tmp_path, seed_article)
    assert (int(located.at[0, "start"]), int(located.at[0, "end"])) == (start, start + 12)
    (tmp_path / "events.csv").write_text(
        f"gold_id,sentence_id,start,end,quote,status\nG7,{sid},{start + 1},{start + 13},"
        f"{cell},held\n", encoding="utf-8")
    with pytest.raises(ArticleError, match=r"events\.csv: row G7: quote is not at its span"):
        scoring.load_gold(SPECS["events"], tmp_path, seed_article)


def test_main_reports_a_broken_gold_file_in_one_line(tmp_path, monkeypatch, capsys):
    def broken():
        raise ArticleError("gold/events.csv", "row G7: quote is not at its span")

    monkeypatch.setattr(scoring, "evaluate", broken)
    assert scoring.main(["--out", str(tmp_path / "eval.csv")]) == 2
    assert capsys.readouterr().err == "error: gold/events.csv: row G7: quote is not at its span\n"
    assert not (tmp_path / "eval.csv").exists()


def test_main_writes_the_scoreboard_and_the_details(tmp_path, monkeypatch, capsys):
    board = scoring.totals(BOARD.assign(precision=0.0, recall=0.0, f1=0.0))
    details = frame({"verdict": "correct"})
    monkeypatch.setattr(scoring, "evaluate", lambda: (board, details))
    out, more = tmp_path / "deep" / "er" / "eval.csv", tmp_path / "details.csv"
    assert scoring.main(["--out", str(out), "--details", str(more)]) == 0
    assert capsys.readouterr().out == scoring.format_board(board) + "\n"
    assert pd.read_csv(out)["gold"].tolist() == board["gold"].tolist()
    assert pd.read_csv(more)["verdict"].tolist() == ["correct"]


# ---------------------------------------------------------------- edges found by mutation testing

def test_an_empty_number_aligns_with_nothing():
    gold = frame({**FIGURE, "number": ""})
    assert verdicts(compare(SPECS["figures"], frame(found_figure(high=1)), gold)) == [
        "false alarm", "missed"]


@pytest.mark.parametrize("empty", [None, math.nan, pd.NA, "", "  "])
def test_an_empty_cell_equals_an_empty_cell(empty):
    gold = frame({**FIGURE, "high": ""})
    assert list(compare(SPECS["figures"], frame(found_figure(high=empty)), gold)["verdict"]) == [
        "correct"]
    assert compare(SPECS["figures"], frame(found_figure(high=empty)), gold)["found"][0].endswith(
        "high=")


def test_an_exact_match_is_not_taken_by_a_near_miss_met_first():
    # F0 overlaps both gold events: it is G2's exact match and only a near miss of G1
    gold = frame({**EVENT, "gold_id": "G1", "status": "planned"},
                 {**EVENT, "gold_id": "G2", "start": "220", "end": "260"})
    comparison = compare(SPECS["events"], frame(found_event(start=225, end=235)), gold)
    assert list(comparison["verdict"]) == ["missed", "correct"]


def test_every_gold_row_gets_its_turn_in_both_rounds():
    gold = frame({**EVENT, "gold_id": "G1", "sentence_id": "9"},  # aligns with nothing
                 {**EVENT, "gold_id": "G2"},
                 {**EVENT, "gold_id": "G3", "start": "300", "end": "330"})
    found = frame(found_event(), found_event(start=310, end=320, status="planned"))
    comparison = compare(SPECS["events"], found, gold)
    assert list(comparison["verdict"]) == ["missed", "correct", "wrong"]


def test_unpaired_rows_show_only_their_own_side():
    comparison = compare(SPECS["events"], frame(found_event(sentence_id=6, status="planned")),
                         frame(EVENT))
    missed, alarm = comparison.to_dict("records")
    assert missed == {"frame": "events", "verdict": "missed", "gold_id": "G1", "found_row": -1,
                      "sentence": "5", "gold": "date_start=2013-09-12; date_end=2013-09-12; "
                      "status=held", "found": "", "differences": ""}
    assert alarm == {"frame": "events", "verdict": "false alarm", "gold_id": "", "found_row": 0,
                     "sentence": "6", "gold": "", "found": "date_start=2013-09-12; "
                     "date_end=2013-09-12; status=planned", "differences": ""}


def test_several_differences_are_listed_apart():
    found = frame(found_event(status="planned", date_end="2013-09-13"))
    assert compare(SPECS["events"], found, frame(EVENT))["differences"][0] == (
        "date_end: found '2013-09-13', gold '2013-09-12'; status: found 'planned', gold 'held'")


def test_totals_keep_the_order_of_the_board():
    total = scoring.totals(BOARD.assign(precision=0.0, recall=0.0, f1=0.0))
    assert list(zip(total["set"], total["frame"], strict=True)) == [
        ("seed", "events"), ("unseen", "events"), ("unseen", "actors")]


def test_format_board_has_no_index_column():
    lines = scoring.format_board(scoring.totals(BOARD.assign(precision=0.0, recall=0.0,
                                                             f1=0.0))).splitlines()
    assert lines[0].lstrip().startswith("set") and lines[1].split()[0] == "seed"


def _copy_gold(source: Path, target: Path, names: tuple[str, ...], empty=()) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        text = (source / name).read_text(encoding="utf-8")
        if name in empty:  # keep the comment and header lines only
            lines = text.splitlines()
            header = next(i for i, line in enumerate(lines) if not line.startswith("#"))
            text = "\n".join(lines[:header + 1]) + "\n"
        (target / name).write_text(text, encoding="utf-8")
    return target


def test_scoreboard_rows_only_for_frames_with_gold(tmp_path, monkeypatch, seed_article):
    # actors (the first frame) has no gold; events has a gold file with no rows
    real = scoring.gold_folder(SEED_ID)
    _copy_gold(real, tmp_path / SEED_ID, ("events.csv", "relations.csv"), empty=("events.csv",))
    monkeypatch.setattr(scoring, "gold_folder", lambda article_id: tmp_path / article_id)

    def extract(article):
        frames = scoring.load_gold_frames(real, seed_article)
        return {**frames, "events": frames["events"].iloc[0:0]}

    board, _ = scoring.evaluate([SEED_ID], extract=extract)
    rows = board[board["article"] == SEED_ID].set_index("frame")
    assert list(rows.index) == ["events", "relations"]
    assert (rows.loc["events", "gold"], rows.loc["events", "found"]) == (0, 0)
    gold_relations = len(scoring.load_gold(SPECS["relations"], real))
    assert rows.loc["relations", "gold"] == rows.loc["relations", "true_positives"] == (
        gold_relations)
    assert list(board.index) == list(range(len(board)))


def test_every_article_scored_against_its_own_gold_is_perfect():
    def extract(article):
        return scoring.load_gold_frames(scoring.gold_folder(article.article_id), article)

    board, comparisons = scoring.evaluate(extract=extract)
    assert set(board["article"]) == {*scoring.gold_articles(), "(total)"}
    with_gold = board["gold"] > 0
    assert (board[with_gold]["f1"] == 1.0).all()
    assert (board[~with_gold]["found"] == 0).all() and board[~with_gold]["f1"].isna().all()
    assert set(comparisons["verdict"]) == {"correct"}
    assert list(comparisons.index) == list(range(len(comparisons)))
    first = board.iloc[0]
    figures = scoring.load_gold(SPECS["figures"], scoring.gold_folder(first["article"]))
    by_frame = board[board["article"] == first["article"]].set_index("frame")
    assert by_frame.loc["figures", "gold"] == (figures["is_figure"] == "yes").sum()


def test_evaluate_on_no_article_gives_empty_tables():
    board, comparisons = scoring.evaluate([], extract=lambda article: {})
    assert board.empty and list(board.columns) == list(scoring.SCOREBOARD_COLUMNS)
    assert comparisons.empty
    assert list(comparisons.columns) == [*scoring.COMPARISON_COLUMNS, "article"]


def test_compare_article_reads_the_folder_it_is_given(tmp_path, seed_article):
    real = scoring.gold_folder(SEED_ID)
    folder = _copy_gold(real, tmp_path, ("events.csv",), empty=("events.csv",))
    frames = scoring.load_gold_frames(real, seed_article)
    comparison = scoring.compare_article(seed_article, frames, folder)
    assert list(comparison["frame"]) == ["events"] * len(frames["events"])
    assert set(comparison["verdict"]) == {"false alarm"}
    nothing = scoring.compare_article(seed_article, {}, real)
    assert nothing.empty and list(nothing.columns) == list(scoring.COMPARISON_COLUMNS)
    only_events = scoring.compare_article(seed_article, {"events": frames["events"]}, real)
    assert set(only_events["frame"]) == {"events"}
    assert list(only_events.index) == list(range(len(only_events)))


def test_gold_without_spans_is_located_within_its_sentence(tmp_path, seed_article):
    at = seed_article.text.index("meet with Putin") + len("meet with ")
    sid = seed_article.sentence_at(at)
    assert seed_article.text.index("Putin") < at  # the name is met earlier in the article
    (tmp_path / "events.csv").write_text(
        f"gold_id,sentence_id,quote,date_start,date_end,status\nG1,{sid},Putin,,,held\n",
        encoding="utf-8")
    for gold in (scoring.load_gold(SPECS["events"], tmp_path, seed_article),
                 scoring.load_gold_frames(tmp_path, seed_article)["events"]):
        assert (int(gold.at[0, "start"]), int(gold.at[0, "end"])) == (at, at + 5)
    comparison = scoring.compare_article(
        seed_article, {"events": frame(found_event(sentence_id=sid, start=at, end=at + 5,
                                                   date_start="", date_end=""))}, tmp_path)
    assert list(comparison["verdict"]) == ["correct"]
    (tmp_path / "events.csv").write_text(
        f"gold_id,sentence_id,quote,status\nG1,{sid},Kremlin,held\n", encoding="utf-8")
    with pytest.raises(ArticleError, match="events.csv: a quote is not in its sentence"):
        scoring.load_gold(SPECS["events"], tmp_path, seed_article)


def test_gold_frames_keep_a_plain_index(seed_article):
    frames = scoring.load_gold_frames(scoring.gold_folder(SEED_ID), seed_article)
    assert "index" not in frames["figures"].columns
    assert list(frames["figures"].index) == list(range(len(frames["figures"])))


def test_main_writes_to_build_by_default(tmp_path, monkeypatch, capsys):
    board = scoring.totals(BOARD.assign(precision=0.0, recall=0.0, f1=0.0))
    monkeypatch.setattr(scoring, "evaluate", lambda: (board, frame({"verdict": "correct"})))
    monkeypatch.setattr(scoring.paths, "PROJECT_ROOT", tmp_path)
    assert scoring.main([]) == 0
    written = tmp_path / "build" / "eval.csv"
    assert list(pd.read_csv(written).columns) == list(scoring.SCOREBOARD_COLUMNS)
    assert capsys.readouterr().err == f"scoreboard written to {written}\n"
    assert sorted(p.name for p in (tmp_path / "build").iterdir()) == ["eval.csv"]


def test_missing_values_read_as_empty_text():
    assert [scoring._text(v) for v in (None, math.nan, pd.NA, " 12.0 ", 3.5, "+1")] == [
        "", "", "", "12.0", "3.5", "+1"]


def test_stacked_comparisons_are_numbered_afresh(seed_article):
    real = scoring.gold_folder(SEED_ID)
    frames = scoring.load_gold_frames(real, seed_article)
    both = scoring.compare_article(seed_article, frames, real, only=("events", "relations"))
    assert list(both["frame"].unique()) == ["events", "relations"]
    assert list(both.index) == list(range(len(both)))


def test_an_empty_gold_file_keeps_its_columns(tmp_path, seed_article):
    folder = _copy_gold(scoring.gold_folder(SEED_ID), tmp_path, ("figures.csv",),
                        empty=("figures.csv",))
    figures = scoring.load_gold_frames(folder, seed_article)["figures"]
    assert figures.empty and {"number", "is_figure", "low", "best", "high"} <= set(
        figures.columns)
