"""Date clues: the text checks the publication date it cannot fix on its own."""

from __future__ import annotations

from datetime import timedelta

from analysis.article import load_article
from analysis.paths import SEED_ARTICLE
from analysis.provenance import check_provenance
from analysis.publication import COLUMNS, date_clues, metadata_table


def test_seed_clues_agree_with_its_date(seed):
    clues = date_clues(seed)
    assert tuple(clues.columns) == COLUMNS
    assert check_provenance(clues, seed).empty
    weekdays = clues[clues["clue"] == "weekday"]
    assert set(weekdays["value"]) >= {"Tuesday", "Wednesday"}
    informative = clues[clues["consistent"] != ""]
    assert not informative.empty and (informative["consistent"] == "yes").all()


def test_a_wrong_date_is_caught():
    wrong = load_article(SEED_ARTICLE, published="2023-03-15")  # a Wednesday
    clues = date_clues(wrong)
    flagged = clues[clues["consistent"] == "no"]
    assert set(flagged["value"]) == {"Tuesday", "Wednesday"}


def test_future_and_past_clauses(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(
        "The ministers will meet on Friday, officials said on Monday. "
        "The deal was signed on Sunday in the capital.\n"
    )
    clues = date_clues(load_article(path, published="2021-06-07"))  # a Monday
    readings = dict(zip(clues["value"], clues["consistent"], strict=True))
    assert readings == {"Friday": "yes", "Monday": "yes", "Sunday": ""}


def test_undated_article_has_no_verdicts(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Talks resumed in 2019, officials said on Monday.\n")
    clues = date_clues(load_article(path))
    assert len(clues) == 2 and (clues["consistent"] == "").all()


def test_metadata_table_says_where_the_date_came_from(seed, tmp_path):
    table = metadata_table(seed)
    assert table.loc["published", "value"] == "2023-03-14"
    assert table.loc["published from", "value"] == "metadata"
    assert "how the date is known" in table.index
    path = tmp_path / "story.txt"
    path.write_text("Talks resumed.\n")
    assert metadata_table(load_article(path)).loc["published", "value"] == "(unknown)"


def test_weekday_names_come_in_python_weekday_order():
    from datetime import date

    from analysis.publication import WEEKDAYS

    days = [date(2024, 1, 1) + timedelta(days=n) for n in range(7)]  # Monday 1 January 2024
    assert [WEEKDAYS[d.weekday()] for d in days] == [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    ]


def test_no_clues_gives_an_empty_frame_with_columns(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Rain fell and the river rose.\n")
    clues = date_clues(load_article(path))
    assert clues.empty and tuple(clues.columns) == COLUMNS
