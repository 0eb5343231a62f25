"""data/frames.yml describes every frame; extract's datapackage.json lets tools load the CSVs."""

from __future__ import annotations

import csv
import json

import pandas as pd
import pyarrow as pa
import pytest

from analysis.article import load_article
from analysis.cli import main
from analysis.datapackage import arrow_schema, descriptor, dictionary, inferred_type
from analysis.paths import ARTICLES_DIR, SEED_ARTICLE
from analysis.pipeline import FRAMES, extract_all

ARTICLES = sorted(ARTICLES_DIR.glob("*.txt"))


@pytest.fixture(scope="module")
def all_frames() -> dict[str, dict[str, pd.DataFrame]]:
    return {path.stem: extract_all(load_article(path)) for path in ARTICLES}


def test_the_dictionary_lists_every_frame_in_pipeline_order():
    assert list(dictionary()) == list(FRAMES)
    for name, about in dictionary().items():
        assert about["title"] and about["description"], name
        for column, entry in about["columns"].items():
            assert entry["type"] in {"integer", "number", "string", "boolean"}, (name, column)
            assert entry["description"].strip(), (name, column)


def test_the_dictionary_names_every_column_with_the_type_the_pipeline_writes(all_frames):
    for article_id, frames in all_frames.items():
        for name, frame in frames.items():
            documented = dictionary()[name]["columns"]
            assert list(frame.columns) == list(documented), (
                f"{name}: data/frames.yml lists {list(documented)}, the pipeline writes "
                f"{list(frame.columns)}"
            )
            for column in frame.columns:
                if frame[column].notna().any():  # an empty column has no type to compare
                    assert inferred_type(frame[column]) == documented[column]["type"], (
                        article_id, name, column
                    )


def test_an_undocumented_column_still_gets_a_type_but_no_description():
    frame = pd.DataFrame({"sentence_id": [1], "brand_new": [0.5]})
    fields = descriptor({"sentences": frame}, "x")["resources"][0]["schema"]["fields"]
    assert fields[0] == {
        "name": "sentence_id",
        "type": "integer",
        "description": dictionary()["sentences"]["columns"]["sentence_id"]["description"],
    }
    assert fields[1] == {"name": "brand_new", "type": "number"}


def test_arrow_schema_follows_the_dictionary_even_for_an_empty_frame():
    empty = pd.DataFrame(columns=list(dictionary()["relations"]["columns"]))
    schema = arrow_schema("relations", empty)
    assert schema.field("sign").type == pa.int64()
    assert schema.field("hedged").type == pa.bool_()
    assert schema.field("quote").type == pa.string()


def _conforms(value: str, kind: str) -> bool:
    if value == "":  # missingValues: [""]
        return True
    if kind == "integer":
        return value.lstrip("-").isdigit()
    if kind == "number":
        try:
            float(value)
        except ValueError:
            return False
        return True
    if kind == "boolean":
        return value in {"True", "False"}
    return True


def test_extract_writes_a_datapackage_that_describes_its_csv_files(tmp_path):
    out = tmp_path / "frames"
    assert main(["extract", str(SEED_ARTICLE), "--out", str(out)]) == 0
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    assert package["name"] == SEED_ARTICLE.stem
    assert [r["path"] for r in package["resources"]] == [f"{name}.csv" for name in FRAMES]
    checked = 0
    for resource in package["resources"]:
        with open(out / resource["path"], newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        fields = resource["schema"]["fields"]
        assert rows[0] == [f["name"] for f in fields], resource["path"]
        assert all(f.get("description") for f in fields), resource["path"]
        for row in rows[1:]:
            for value, field in zip(row, fields, strict=True):
                assert _conforms(value, field["type"]), (resource["path"], field["name"], value)
                checked += 1
    assert checked > 500  # the seed's frames are not empty: the check ran on real values
