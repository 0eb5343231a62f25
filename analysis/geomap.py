"""The places a briefing names, located with country shapes and places shipped in ``data/geo``.

Why shipped data: the map must draw offline and the same on every run. ``data/geo`` holds
Natural Earth's public-domain 1:110m countries and populated places (see its README); this
module reads them and picks the points to show: the meeting places of the meetings frame and
the capitals of the states among the actors. Places that the file does not hold are listed, not
guessed.
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.frames import make_frame
from analysis.lexicons import read_commented_csv
from analysis.paths import DATA_DIR

GEO_DIR = DATA_DIR / "geo"
#: Columns of :func:`named_places`.
PLACE_COLUMNS = ("name", "lon", "lat", "role", "iso3", "sentence_ids")


@lru_cache(maxsize=2)
def _countries(path: Path) -> tuple:
    data = json.loads(path.read_text(encoding="utf-8"))
    return tuple(
        (f["properties"]["iso3"], f["properties"]["name"],
         tuple(tuple(map(tuple, poly[0])) for poly in f["geometry"]["coordinates"]))
        for f in data["features"]
    )


def countries(path: Path = GEO_DIR / "countries.geojson") -> list[tuple[str, str, tuple]]:
    """(iso3, name, polygons) for every country; each polygon a tuple of (lon, lat)."""
    return list(_countries(path))


def places(path: Path = GEO_DIR / "places.csv") -> pd.DataFrame:
    """The gazetteer: ``name``, ``iso3``, ``lon``, ``lat``, ``capital`` (bool)."""
    frame = read_commented_csv(path)
    frame["lon"] = frame["lon"].astype(float)
    frame["lat"] = frame["lat"].astype(float)
    frame["capital"] = frame["capital"].astype(str) == "1"
    return frame


def _key(name: str) -> str:
    """Accent- and case-free key (a name before a comma is tried as well by the caller)."""
    folded = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    return " ".join(folded.lower().replace(".", "").split())


def find_place(name: str, gazetteer: pd.DataFrame) -> pd.Series | None:
    """The gazetteer row for a place name (exact, then the part before a comma)."""
    key = _key(name)
    keys = gazetteer["name"].map(_key)
    hit = gazetteer[keys == key]
    if hit.empty:
        hit = gazetteer[keys.str.split(",").str[0] == key]
    return None if hit.empty else hit.iloc[0]


def named_places(frames: dict[str, pd.DataFrame],
                 gazetteer: pd.DataFrame | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Points to draw and the place names that could not be located.

    Meeting places come first (role ``meeting place``), then the capital of each state among
    the actors (role ``capital of <state>``); one point per place, with the sentences it rests
    on. A meeting place that names a country marks that country's capital.
    """
    gazetteer = places() if gazetteer is None else gazetteer
    found: dict[str, dict] = {}
    missing: list[str] = []
    by_name = {_key(n): iso for iso, n, _ in countries()}
    actors = frames.get("actors", pd.DataFrame())
    if not actors.empty:  # the article's spelling ("North Macedonia", not "N. Macedonia")
        for _, state in actors[actors["kind"] == "state"].iterrows():
            by_name.setdefault(_key(str(state["name"])), str(state["country"]))
    meetings = frames.get("meetings", pd.DataFrame())
    for _, m in (meetings.fillna("").iterrows() if not meetings.empty else []):
        location = str(m["location"]).strip()
        if not location or m["status"] == "negated":
            continue
        row = find_place(location, gazetteer)
        if row is None and _key(location) in by_name:
            caps = gazetteer[(gazetteer["iso3"] == by_name[_key(location)]) & gazetteer["capital"]]
            row = None if caps.empty else caps.iloc[0]
        if row is None:
            if location not in missing:
                missing.append(location)
            continue
        entry = found.setdefault(row["name"], {
            "name": row["name"], "lon": row["lon"], "lat": row["lat"], "role": "meeting place",
            "iso3": row["iso3"], "sentence_ids": set()})
        entry["sentence_ids"].add(int(m["sentence_id"]))
    states = actors[actors["kind"] == "state"] if not actors.empty else actors
    for _, state in states.iterrows():
        caps = gazetteer[(gazetteer["iso3"] == state["country"]) & gazetteer["capital"]]
        if caps.empty:
            continue
        cap = caps.iloc[0]
        entry = found.setdefault(cap["name"], {
            "name": cap["name"], "lon": cap["lon"], "lat": cap["lat"],
            "role": f"capital of {state['name']}", "iso3": cap["iso3"], "sentence_ids": set()})
        if entry["role"] == "meeting place":
            entry["role"] = f"meeting place; capital of {state['name']}"
        entry["sentence_ids"].add(int(state["first_sentence"]))
    rows = [{**e, "sentence_ids": tuple(sorted(e["sentence_ids"]))} for e in found.values()]
    return make_frame(rows, PLACE_COLUMNS), missing


def state_codes(frames: dict[str, pd.DataFrame]) -> list[str]:
    """ISO 3166 alpha-3 codes of the states among the actors (shaded on the map)."""
    actors = frames.get("actors", pd.DataFrame())
    if actors.empty:
        return []
    codes = actors.loc[actors["kind"] == "state", "country"]
    return sorted({c for c in codes if c})
