"""The notebooks' accuracy views read the scorer and nothing else."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import scoring, yardsticks
from analysis.article import load_article
from analysis.paths import SEED_ARTICLE


@pytest.fixture(scope="module")
def seed():
    return load_article(SEED_ARTICLE)


@pytest.fixture(scope="module")
def independent(seed):
    """The independent gold as if extracted: only rows that are items of their frame."""
    frames = scoring.load_gold_frames(scoring.gold_folder(seed.article_id), seed)
    return {name: table[[scoring.SPECS[name].keep_gold(r) for r in table.to_dict("records")]]
            .reset_index(drop=True) for name, table in frames.items()}


@pytest.fixture(scope="module")
def legacy(seed):
    return scoring.load_gold_frames(yardsticks.LEGACY_SEED_GOLD, seed)


@pytest.mark.parametrize("frame", scoring.FRAME_NAMES)
def test_each_yardstick_is_the_scorer_on_its_pair_of_tables(seed, independent, legacy, frame):
    """Passing the independent gold as the extraction makes the first yardstick perfect and the
    second equal to the third: each row compares exactly the tables it names."""
    table = yardsticks.seed_yardsticks(frame, independent, seed).set_index("yardstick")
    assert list(table.index) == list(yardsticks.YARDSTICKS)
    first = table.loc["extraction vs independent gold"]
    assert first["recall"] == 1.0 and first["precision"] == 1.0
    spec = scoring.SPECS[frame]
    gold = scoring.load_gold(spec, yardsticks.LEGACY_SEED_GOLD, seed)
    kept = sum(spec.keep_gold(r) for r in gold.to_dict("records"))
    assert table.loc["extraction vs legacy gold", "gold"] == kept
    assert table.loc["legacy gold vs independent gold", "found"] == kept


def test_frame_board_keeps_one_frame_and_both_totals():
    board = pd.DataFrame([
        {"set": "seed", "article": "s", "frame": "actors", "gold": 2, "found": 2,
         "true_positives": 2},
        {"set": "unseen", "article": "u", "frame": "actors", "gold": 4, "found": 2,
         "true_positives": 1},
        {"set": "unseen", "article": "u", "frame": "figures", "gold": 1, "found": 1,
         "true_positives": 1},
    ])
    board = pd.concat([board.assign(precision=0.0, recall=0.0, f1=0.0),
                       scoring.totals(board.assign(precision=0.0, recall=0.0, f1=0.0))],
                      ignore_index=True)
    shown = yardsticks.frame_board(board, "actors")
    assert "frame" not in shown.columns
    assert list(shown["article"]) == ["s", "u", "(total)", "(total)"]
    unseen = yardsticks.total(board, "actors", "unseen")
    assert (unseen["gold"], unseen["found"], unseen["true_positives"]) == (4, 2, 1)
    assert unseen["recall"] == 0.25
    text = yardsticks.describe_totals(board, "actors")
    assert "recall 0.25" in text and "On the 1 unseen articles" in text
    assert math.isnan(yardsticks.total(board, "events", "seed")["f1"])


def test_frame_verdicts_list_only_errors_of_the_frame():
    comparisons = pd.DataFrame([
        {"article": "a", "frame": "actors", "verdict": v, "sentence": "1", "gold": "g",
         "found": "f", "differences": ""}
        for v in ("correct", "wrong", "missed", "false alarm")
    ] + [{"article": "a", "frame": "figures", "verdict": "missed", "sentence": "1", "gold": "g",
          "found": "", "differences": ""}])
    listed = yardsticks.frame_verdicts(comparisons, "actors")
    assert list(listed["verdict"]) == ["wrong", "missed", "false alarm"]


@pytest.mark.parametrize("own, legacy, word", [(0.5, 0.9, "higher"), (0.9, 0.5, "lower"),
                                                (0.7, 0.7, "the same")])
def test_describe_seed_says_which_way_the_scores_differ(own, legacy, word):
    table = pd.DataFrame({"yardstick": list(yardsticks.YARDSTICKS), "f1": [own, legacy, 0.6]})
    text = yardsticks.describe_seed(table)
    assert word in text and "0.60" in text
    assert yardsticks.rate(math.nan) == "undefined"
