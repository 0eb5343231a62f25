"""Rebuild countries.geojson and places.csv from Natural Earth's 1:110m shapefiles.

Run once by a maintainer, never at run time: the notebooks read the two small files it writes.
The shapefiles are the copies of Natural Earth 1:110m "admin 0 countries" and "populated places"
that geopandas 0.14 shipped in ``geopandas/datasets`` (``pip download geopandas==0.14.4
--no-deps`` and unzip); reading them needs ``pyshp`` (``pip install pyshp``), which the project
itself does not depend on. Usage: ``python data/geo/make_geo.py DATASETS_FOLDER``.

Coordinates are rounded to 0.1 degree and repeated points dropped, enough for a locator map at
page width. Each place gets the country its point falls in; ``capital`` is 1 for the only place
of a country, and for the capitals named in ``CAPITALS`` where a country has several places.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: Where a country has several places in the file, which one is its seat of government.
CAPITALS = {
    "USA": "Washington, D.C.", "CHN": "Beijing", "IND": "New Delhi", "BRA": "Brasília",
    "CHE": "Bern", "NLD": "Amsterdam", "ZAF": "Pretoria", "ISR": "Jerusalem", "TUR": "Ankara",
    "TZA": "Dodoma", "CIV": "Yamoussoukro", "BOL": "Sucre", "LKA": "Sri Jayawardenepura Kotte",
    "MYS": "Kuala Lumpur", "MAR": "Rabat", "NGA": "Abuja", "BEN": "Porto-Novo",
    "AUS": "Canberra", "CAN": "Ottawa", "PHL": "Manila", "JPN": "Tokyo", "ARE": "Abu Dhabi",
    "CHL": "Santiago", "MEX": "Mexico City", "MMR": "Naypyidaw", "RUS": "Moscow",
    "DEU": "Berlin", "ESP": "Madrid", "ITA": "Rome", "FRA": "Paris", "GBR": "London",
    "EGY": "Cairo", "SAU": "Riyadh", "KOR": "Seoul", "IDN": "Jakarta", "COL": "Bogota",
    "ARG": "Buenos Aires", "VNM": "Hanoi", "PAK": "Islamabad", "KEN": "Nairobi",
    "ETH": "Addis Ababa", "IRN": "Tehran", "IRQ": "Baghdad", "AFG": "Kabul", "SOM": "Mogadishu",
    "COD": "Kinshasa", "PRT": "Lisbon", "SWE": "Stockholm", "UKR": "Kyiv", "TWN": "Taipei",
    "NZL": "Wellington", "THA": "Bangkok", "PER": "Lima", "SEN": "Dakar", "VEN": "Caracas",
    "UZB": "Tashkent", "AUT": "Vienna", "GRC": "Athens", "BEL": "Brussels", "DNK": "København",
    "KAZ": "Nur-Sultan", "SWZ": "Mbabane", "SDN": "Khartoum", "SSD": "Juba", "TUN": "Tunis",
    "DZA": "Algiers",
}
#: Places whose point falls in a neighbour's coarse 1:110m outline.
COUNTRY_FIXES = {"Geneva": "CHE"}
#: Names the shapefile's Latin-1 text lost.
NAME_FIXES = {"Chi?in?u": "Chişinău", "?saka": "Ōsaka", "Washington,  D.C.": "Washington, D.C."}


def _ring(points: list) -> list:
    out: list = []
    for x, y in points:
        p = [round(x, 1), round(y, 1)]
        if not out or out[-1] != p:
            out.append(p)
    return out if len(out) >= 4 else []


def _inside(x: float, y: float, ring: list) -> bool:
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def _nearest(x: float, y: float, rings: dict, limit: float = 1.5) -> str:
    """The country with a border point within ``limit`` degrees (coastal capitals fall just
    outside the coarse outlines); empty for small island states the 1:110m file leaves out."""
    best, code = limit, ""
    for iso3, parts in rings.items():
        for part in parts:
            for px, py in part:
                if (d := max(abs(px - x), abs(py - y))) < best:
                    best, code = d, iso3
    return code


def main(folder: Path) -> None:
    import shapefile  # pyshp: only this maintainer script needs it

    countries = shapefile.Reader(str(folder / "naturalearth_lowres/naturalearth_lowres"),
                                 encoding="latin-1")
    features, rings = [], {}
    for shape, rec in zip(countries.shapes(), countries.records(), strict=True):
        iso3 = rec["iso_a3"] if rec["iso_a3"] != "-99" else rec["name"][:3].upper()
        parts = list(shape.parts) + [len(shape.points)]
        polygons = [_ring(shape.points[a:b]) for a, b in zip(parts, parts[1:], strict=False)]
        polygons = [p for p in polygons if p]
        rings[iso3] = [shape.points[a:b] for a, b in zip(parts, parts[1:], strict=False)]
        features.append({
            "type": "Feature",
            "properties": {"name": rec["name"], "iso3": iso3, "continent": rec["continent"]},
            "geometry": {"type": "MultiPolygon", "coordinates": [[p] for p in polygons]},
        })
    collection = {"type": "FeatureCollection", "features": features}
    (HERE / "countries.geojson").write_text(json.dumps(collection, separators=(",", ":")),
                                            encoding="utf-8")

    cities = shapefile.Reader(str(folder / "naturalearth_cities/naturalearth_cities"),
                              encoding="latin-1")
    rows = []
    for shape, rec in zip(cities.shapes(), cities.records(), strict=True):
        name = NAME_FIXES.get(rec["name"], rec["name"])
        x, y = shape.points[0]
        inside = next((code for code, parts in rings.items()
                       if any(_inside(x, y, list(p)) for p in parts)), "")
        iso3 = COUNTRY_FIXES.get(name) or inside or _nearest(x, y, rings)
        rows.append({"name": name, "iso3": iso3, "lon": round(x, 3), "lat": round(y, 3)})
    per_country: dict[str, int] = {}
    for row in rows:
        per_country[row["iso3"]] = per_country.get(row["iso3"], 0) + 1
    for row in rows:
        only = row["iso3"] and per_country[row["iso3"]] == 1
        row["capital"] = int(bool(only) or CAPITALS.get(row["iso3"]) == row["name"])
    with (HERE / "places.csv").open("w", encoding="utf-8", newline="") as handle:
        handle.write("# Natural Earth 1:110m populated places (public domain); see README.md\n")
        writer = csv.DictWriter(handle, ["name", "iso3", "lon", "lat", "capital"],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(rows, key=lambda r: (r["iso3"], r["name"])))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
