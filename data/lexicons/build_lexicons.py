"""Rebuild ``data/lexicons/countries.csv`` from its two sources, offline.

Sources:
- ``data/lexicons/sources/countries_curated.csv`` -- written by hand for this project: the common
  English name used in news copy, aliases, demonyms, capitals (and other cities used as the seat
  of government), seats of government used as metonyms ("the Kremlin"), UN membership.
- ``pycountry`` (ISO 3166-1, the installed package): alpha-2, numeric code, the ISO short name and
  the official name. pycountry does not resolve "Turkey" or "Russia" by name, which is why the
  common names are curated.

Run from the project root: ``python data/lexicons/build_lexicons.py`` (``--check`` exits 1 when
the committed file differs from a fresh build).
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pycountry

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "sources" / "countries_curated.csv"
TARGET = HERE / "countries.csv"

HEADER = """\
# countries.csv -- built by data/lexicons/build_lexicons.py; do not edit by hand.
# One row per UN member state (un_member=yes), plus observers and others common in the news.
# Columns and where they come from:
#   iso3, iso2, numeric, iso_name, official_name: pycountry (ISO 3166-1)
#   name (the canonical name shown in frames), aliases, demonyms, capitals, seats, un_member:
#   hand-curated in sources/countries_curated.csv (aliases, demonyms, capitals and seats are
#   "|"-separated; seats are buildings or places that stand for a government, e.g. the Kremlin).
"""

COLUMNS = [
    "iso3", "iso2", "numeric", "name", "iso_name", "official_name",
    "aliases", "demonyms", "capitals", "seats", "un_member",
]


def build() -> str:
    """The text of countries.csv, built from the curated CSV and pycountry."""
    with SOURCE.open(encoding="utf-8", newline="") as handle:
        curated = list(csv.DictReader(handle))
    out = io.StringIO()
    out.write(HEADER)
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in sorted(curated, key=lambda r: r["iso3"]):
        country = pycountry.countries.get(alpha_3=row["iso3"])
        if country is None:
            raise SystemExit(f"{row['iso3']}: not an ISO 3166-1 alpha-3 code")
        writer.writerow(
            {
                "iso3": country.alpha_3,
                "iso2": country.alpha_2,
                "numeric": country.numeric,
                "name": row["name"],
                "iso_name": country.name,
                "official_name": getattr(country, "official_name", country.name),
                "aliases": row["aliases"],
                "demonyms": row["demonyms"],
                "capitals": row["capitals"],
                "seats": row["seats"],
                "un_member": row["un_member"],
            }
        )
    return out.getvalue()


def main(argv: list[str]) -> int:
    text = build()
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET.name} is out of date: run build_lexicons.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.name}: {text.count(chr(10)) - HEADER.count(chr(10)) - 1} countries")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
