"""Every gold folder is a valid yardstick: checked against its article's text and the guide.

A gold row that does not hold (a quote not at its span, a participant who is no actor of the
file, a range out of order) scores the extraction against nothing, so each rule of the
annotation guide (``data/annotations/README.md``) that a machine can check is checked here, for
every folder under ``data/annotations`` — the independent gold and the legacy seed gold alike.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from analysis import yardsticks
from analysis.article import Article, load_article
from analysis.lexicons import read_commented_csv
from analysis.paths import ANNOTATIONS_DIR, SEED_ARTICLE, article_file

# The annotation guide's vocabularies (data/annotations/README.md).
STATUSES = {"planned", "held", "negated", "possible", "postponed", "cancelled", "unknown"}
PRECISIONS = {"", "day", "week", "month", "year"}
ACTOR_KINDS = {"person", "state", "government", "organization", "armed_group", "collective"}
RELATIONS = {"ally": 1, "supports": 1, "mediates": 1, "opposes": -1, "rival": -1}
MEASURES = {"killed", "injured", "displaced", "refugees", "detained", "missing"}
#: The key column of each gold file.
KEYS = {"actors.csv": "actor_id", "figures.csv": "gold_id", "meetings.csv": "gold_id",
        "events.csv": "gold_id", "relations.csv": "gold_id"}

FOLDERS = sorted(p for p in ANNOTATIONS_DIR.iterdir() if p.is_dir())


def article_id_of(folder: Path) -> str:
    """The article a gold folder annotates: its name, the legacy folder annotates the seed."""
    return SEED_ARTICLE.stem if folder == yardsticks.LEGACY_SEED_GOLD else folder.name


@cache
def article_of(folder: Path) -> Article:
    return load_article(article_file(article_id_of(folder)))


def gold(folder: Path, name: str) -> pd.DataFrame:
    path = folder / name
    if not path.exists():
        pytest.skip(f"no {name} in {folder.name}")
    return read_commented_csv(path)


def folders_with(name: str) -> list[Path]:
    return [f for f in FOLDERS if (f / name).exists()]


def ids(folders: list[Path]) -> list[str]:
    return [f.name for f in folders]


# ---------------------------------------------------------------- the folders themselves

def test_every_gold_folder_names_a_shipped_article():
    assert yardsticks.LEGACY_SEED_GOLD in FOLDERS
    assert (ANNOTATIONS_DIR / SEED_ARTICLE.stem) in FOLDERS
    for folder in FOLDERS:
        assert article_file(article_id_of(folder)).exists(), folder.name


def test_no_gold_file_is_left_at_the_top_of_the_annotations():
    """The legacy seed gold lives in its own folder; nothing at the top can be mistaken for it."""
    assert not list(ANNOTATIONS_DIR.glob("*.csv"))


@pytest.mark.parametrize("folder", FOLDERS, ids=ids(FOLDERS))
def test_every_file_says_who_made_it(folder):
    for path in sorted(folder.glob("*.csv")):
        header = [line for line in path.read_text(encoding="utf-8").splitlines()
                  if line.startswith("#")]
        assert header, f"{path.name} of {folder.name} has no header comment"


@pytest.mark.parametrize("folder", FOLDERS, ids=ids(FOLDERS))
def test_ids_are_unique(folder):
    for name, key in KEYS.items():
        if (folder / name).exists():
            table = read_commented_csv(folder / name)
            assert table[key].is_unique, f"{folder.name}/{name}: duplicate {key}"
            assert (table[key] != "").all(), f"{folder.name}/{name}: empty {key}"


# ---------------------------------------------------------------- quotes and spans

def _check_quotes(folder: Path, table: pd.DataFrame, name: str) -> list[str]:
    """Rows whose quote is not verbatim inside its sentence (at ``start:end`` when given)."""
    article = article_of(folder)
    problems = []
    for row in table.to_dict("records"):
        if not row.get("quote"):
            continue
        label = f"{folder.name}/{name} {row.get('gold_id')}"
        try:
            sentence_start = int(article.sentences.set_index("sentence_id")
                                 .at[int(row["sentence_id"]), "start"])
            sentence = article.sentence(int(row["sentence_id"]))
        except KeyError:
            problems.append(f"{label}: no sentence {row['sentence_id']}")
            continue
        if row["quote"] not in sentence:
            problems.append(f"{label}: quote not in sentence {row['sentence_id']}")
            continue
        if row.get("start", "") != "":
            start, end = int(row["start"]), int(row["end"])
            if article.text[start:end] != row["quote"]:
                problems.append(f"{label}: text[{start}:{end}] is not the quote")
            elif not sentence_start <= start < end <= sentence_start + len(sentence):
                problems.append(f"{label}: span outside sentence {row['sentence_id']}")
    return problems


QUOTED = ("figures.csv", "meetings.csv", "events.csv", "relations.csv")


@pytest.mark.parametrize("folder", FOLDERS, ids=ids(FOLDERS))
@pytest.mark.parametrize("name", QUOTED)
def test_quotes_are_verbatim_at_their_spans_inside_their_sentences(folder, name):
    assert _check_quotes(folder, gold(folder, name), name) == []


def test_the_quote_check_catches_a_shifted_span_and_a_foreign_quote():
    folder = ANNOTATIONS_DIR / SEED_ARTICLE.stem
    table = gold(folder, "meetings.csv").head(1).copy()
    shifted = table.assign(start=str(int(table["start"].iloc[0]) + 1),
                           end=str(int(table["end"].iloc[0]) + 1))
    assert "is not the quote" in _check_quotes(folder, shifted, "meetings.csv")[0]
    other = int(table["sentence_id"].iloc[0]) + 1
    moved = table.assign(sentence_id=str(other))
    assert _check_quotes(folder, moved, "meetings.csv")  # quote or span is not in sentence+1


@pytest.mark.parametrize("folder", folders_with("actors.csv"), ids=ids(folders_with("actors.csv")))
def test_actor_surface_forms_are_verbatim_and_kinds_known(folder):
    actors = gold(folder, "actors.csv")
    text = article_of(folder).text
    assert set(actors["kind"]) <= ACTOR_KINDS
    missing = [(row["actor_id"], form) for row in actors.to_dict("records")
               for form in row["surface_forms"].split("|") if form and form not in text]
    assert missing == []
    assert (actors["surface_forms"] != "").all()


# ---------------------------------------------------------------- vocabularies and names

@pytest.mark.parametrize("folder", FOLDERS, ids=ids(FOLDERS))
@pytest.mark.parametrize("name", ["meetings.csv", "events.csv"])
def test_statuses_precisions_and_intervals_follow_the_guide(folder, name):
    table = gold(folder, name)
    assert set(table["status"]) <= STATUSES
    assert set(table["precision"]) <= PRECISIONS
    closed = table[(table["date_start"] != "") & (table["date_end"] != "")]  # "" = open
    assert (closed["date_start"] <= closed["date_end"]).all()
    assert ((table["date"] == "") == (table["precision"] == "")).all()


def _actor_names(folder: Path) -> set[str]:
    return set(gold(folder, "actors.csv")["name"])


@pytest.mark.parametrize("folder", folders_with("meetings.csv"),
                         ids=ids(folders_with("meetings.csv")))
def test_meeting_participants_are_actors_of_the_same_folder(folder):
    names = _actor_names(folder)
    strangers = {(row["gold_id"], p) for row in gold(folder, "meetings.csv").to_dict("records")
                 for p in row["participants"].split("|") if p and p not in names}
    assert strangers == set()


@pytest.mark.parametrize("folder", folders_with("meetings.csv"),
                         ids=ids(folders_with("meetings.csv")))
def test_planned_meetings_are_coded_agree(folder):
    """The guide: a planned meeting is AGREE/<mode>/036 in meeting_codes.csv."""
    meetings = gold(folder, "meetings.csv")
    assert (meetings.loc[meetings["status"] == "planned", "plover"] == "AGREE").all()


@pytest.mark.parametrize("folder", folders_with("relations.csv"),
                         ids=ids(folders_with("relations.csv")))
def test_relation_ends_are_actors_of_the_same_folder_with_a_consistent_sign(folder):
    relations = gold(folder, "relations.csv")
    names = _actor_names(folder)
    strangers = {(row["gold_id"], end) for row in relations.to_dict("records")
                 for end in (row["source"], row["target"]) if end not in names}
    assert strangers == set()
    assert set(relations["relation"]) <= set(RELATIONS)
    for row in relations.to_dict("records"):
        assert int(row["sign"]) == RELATIONS[row["relation"]], row["gold_id"]
        assert row["source"] != row["target"], row["gold_id"]
        if row["relation"] in ("ally", "rival"):  # symmetric: listed once, in order
            assert row["source"] < row["target"], row["gold_id"]


# ---------------------------------------------------------------- figures

def _digit_strings(text: str) -> list[str]:
    return re.findall(r"\d[\d,.]*\d|\d", text)


@pytest.mark.parametrize("folder", folders_with("figures.csv"),
                         ids=ids(folders_with("figures.csv")))
def test_figure_numbers_are_in_their_sentences_and_every_digit_string_is_listed(folder):
    """A digit string no gold row covers would let an extracted figure go unscored."""
    figures = gold(folder, "figures.csv")
    article = article_of(folder)
    for row in figures.to_dict("records"):
        assert row["number"] in article.sentence(int(row["sentence_id"])), row["gold_id"]
        if row["is_figure"] == "yes":
            assert row["number"] in row["quote"], row["gold_id"]
    for sentence in article.body.itertuples():
        numbers = figures.loc[figures["sentence_id"] == str(sentence.sentence_id), "number"]
        for digits in _digit_strings(sentence.text):
            assert any(digits in n for n in numbers), (sentence.sentence_id, digits)


def _bounds_in_order(row: dict) -> bool:
    bounds = [float(row[c]) for c in ("low", "best", "high") if row[c] != ""]
    return bounds == sorted(bounds)


@pytest.mark.parametrize("folder", folders_with("figures.csv"),
                         ids=ids(folders_with("figures.csv")))
def test_figures_carry_a_known_measure_and_low_best_high_in_order(folder):
    figures = gold(folder, "figures.csv")
    assert set(figures["is_figure"]) <= {"yes", "no"}
    counted = figures[figures["is_figure"] == "yes"]
    assert set(counted["measure"]) <= MEASURES
    assert all(_bounds_in_order(row) for row in counted.to_dict("records"))


@pytest.mark.parametrize("low, best, high, ok", [
    ("1", "2", "3", True), ("1", "", "3", True), ("", "2", "", True),
    ("3", "2", "", False), ("", "2", "1", False), ("1", "", "0", False),
])
def test_the_range_check_reads_both_ends(low, best, high, ok):
    assert _bounds_in_order({"low": low, "best": best, "high": high}) is ok
