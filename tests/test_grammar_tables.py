"""The number and date grammars against hand-written tables of news phrases (tests/data/).

Each row states the reading a careful reader gives a phrase; the expected values were written
from the phrase's meaning and the documented conventions before the parser was run. Rows the
grammar still reads wrongly carry ``status`` "wrong: ..." and are expected to fail (strict: a
row that starts passing must be marked ok), so they stay listed instead of being deleted.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from analysis.dates import Tense, find_date_expressions, resolve
from analysis.lexicons import read_commented_csv
from analysis.quantities import find_quantities

DATA = Path(__file__).parent / "data"


def _decode(text: str) -> str:
    """``\\uXXXX`` escapes in a table cell as the characters they name."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)


def _params(name: str) -> list:
    table = read_commented_csv(DATA / name)
    params = []
    for index, row in enumerate(table.to_dict("records"), start=2):
        marks = []
        if row["status"].startswith("wrong"):
            marks.append(pytest.mark.xfail(reason=row["status"], strict=True))
        params.append(pytest.param(row, id=f"{index}:{row[table.columns[0]][:40]}", marks=marks))
    return params


def _cell(value: str) -> int | None:
    return int(value) if value.strip() else None


def _na(value) -> int | None:
    return None if pd.isna(value) else int(value)


def test_tables_have_at_least_150_rows_each():
    assert len(_params("number_phrases.csv")) >= 150
    assert len(_params("date_phrases.csv")) >= 150


@pytest.mark.parametrize("row", _params("number_phrases.csv"))
def test_number_phrase_reads_as_written_in_the_table(row):
    sentence, number = _decode(row["sentence"]), _decode(row["number"])
    found = find_quantities(sentence)
    if number == "-":
        assert found.empty, list(found["text"])
        return
    hits = found[found["text"] == number]
    assert not hits.empty, f"{number!r} not found in {list(found['text'])}"
    hit = hits.iloc[0]
    assert hit["role"] == row["role"]
    if row["role"] == "count":
        assert (_na(hit["low"]), _na(hit["best"]), _na(hit["high"])) == (
            _cell(row["low"]), _cell(row["best"]), _cell(row["high"]),
        )
        assert hit["bound"] == row["bound"]
        assert hit["qualifier"] == row["qualifier"]


@pytest.mark.parametrize("row", _params("date_phrases.csv"))
def test_date_phrase_resolves_as_written_in_the_table(row):
    sentence = _decode(row["sentence"])
    published = date.fromisoformat(row["published"]) if row["published"] else None
    found = [e for e in find_date_expressions(sentence) if e.text == row["expression"]]
    if row["expression"] == "-":
        assert find_date_expressions(sentence) == []
        return
    assert found, [e.text for e in find_date_expressions(sentence)]
    res = resolve(found[0], published, Tense(row["tense"]))
    assert (res.date, res.precision, res.date_start, res.date_end) == (
        row["date"], row["precision"], row["date_start"], row["date_end"],
    ), res.how
