"""The frames' data dictionary (``data/frames.yml``) as a Frictionless descriptor and Arrow types.

Why one file: the CSV folder of ``extract`` and the Parquet folders of ``extract-corpus`` must
agree on every column's type, and a data tool should be able to load and validate them without
reading our README. ``datapackage.json`` (Frictionless Data Package with a Table Schema per CSV)
and the Parquet schema are both built from the dictionary; a column the dictionary does not know
yet (a frame grew a column) still gets a type, inferred from its pandas dtype, and
``tests/test_datapackage.py`` says which entry is missing.
"""

from __future__ import annotations

import json
import os
import re
from functools import cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import yaml

from analysis.errors import ArticleError
from analysis.paths import DATA_DIR

DICTIONARY_FILE = DATA_DIR / "frames.yml"

#: Frictionless Table Schema type -> Arrow type of the Parquet column.
ARROW_TYPES: dict[str, pa.DataType] = {
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "string": pa.string(),
}


@cache
def dictionary() -> dict[str, dict]:
    """``frame -> {title, description, columns: {column -> {type, description}}}``.

    Cached because it is a read-only data file, not a result: the same for every article.
    """
    return yaml.safe_load(DICTIONARY_FILE.read_text(encoding="utf-8"))


def inferred_type(series: pd.Series) -> str:
    """The Table Schema type of a column from its pandas dtype (all-empty columns are strings)."""
    if pd.api.types.is_bool_dtype(series.dtype):
        return "boolean"
    if pd.api.types.is_integer_dtype(series.dtype):
        return "integer"
    if pd.api.types.is_float_dtype(series.dtype):
        return "number"
    return "string"


def column_type(frame_name: str, column: str, series: pd.Series) -> str:
    """The dictionary's type of ``frame_name.column``, or the inferred one if it has no entry."""
    entry = dictionary().get(frame_name, {}).get("columns", {}).get(column)
    return entry["type"] if entry else inferred_type(series)


def table_schema(frame_name: str, frame: pd.DataFrame) -> dict:
    """The Frictionless Table Schema of one frame, its fields in the frame's column order."""
    columns = dictionary().get(frame_name, {}).get("columns", {})
    fields = []
    for column in frame.columns:
        field = {"name": column, "type": column_type(frame_name, column, frame[column])}
        if column in columns:
            field["description"] = columns[column]["description"]
        fields.append(field)
    return {"fields": fields, "missingValues": [""]}


def arrow_schema(frame_name: str, frame: pd.DataFrame) -> pa.Schema:
    """The Arrow schema a frame is written with, so every article's Parquet file agrees."""
    return pa.schema(
        [
            pa.field(column, ARROW_TYPES[column_type(frame_name, column, frame[column])])
            for column in frame.columns
        ]
    )


def _package_name(text: str) -> str:
    # Frictionless names are lower-case letters, digits and "-._/"
    return re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-") or "frames"


def descriptor(frames: dict[str, pd.DataFrame], name: str) -> dict:
    """The Data Package descriptor of a folder holding ``<frame>.csv`` for each frame."""
    resources = []
    for frame_name, frame in frames.items():
        about = dictionary().get(frame_name, {})
        resource = {
            "name": _package_name(frame_name),
            "path": f"{frame_name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
        }
        if about:
            resource["title"] = about["title"]
            resource["description"] = about["description"]
        resource["schema"] = table_schema(frame_name, frame)
        resources.append(resource)
    return {
        "profile": "tabular-data-package",
        "name": _package_name(name),
        "title": f"Frames of {name}",
        "description": (
            "Frames read from one news article by the analysis package; every row carries its "
            "sentence_id, character span (start, end) and verbatim quote."
        ),
        "resources": resources,
    }


def write_datapackage(folder: Path, frames: dict[str, pd.DataFrame], name: str) -> Path:
    """Write ``folder/datapackage.json`` for the CSV files of ``frames`` (atomically).

    Raises :class:`~analysis.errors.ArticleError` (one line) when the folder cannot be written.
    """
    path = Path(folder) / "datapackage.json"
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(descriptor(frames, name), handle, indent=2, ensure_ascii=False)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise ArticleError(folder, f"--out cannot be written ({exc.strerror or exc})") from None
    return path
