"""World knowledge for recognising actors, read from ``data/lexicons/`` (never written in code).

Files (each says in its header where its columns come from):

- ``countries.csv``: UN member states (plus observers): ISO codes from pycountry, and curated
  common names, aliases, demonyms, capitals and seats of government (built by
  ``data/lexicons/build_lexicons.py``);
- ``titles.csv``: office titles and the CAMEO sector of their holders;
- ``groups.csv``: organisations, armed groups and generic group nouns ("rebels");
- ``people.csv``: a fallback list of well-known office-holders (for a bare surname);
- ``actor_cues.yml``: cue words (location prepositions, honorifics, office nouns, pronouns...).

Matching runs on :func:`fold`-ed text: the same length as the original, so offsets carry over,
with diacritics dropped and curly apostrophes made straight ("Gödel’s" -> "Godel's").
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from analysis.paths import LEXICONS_DIR

_QUOTES = {"’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-"}


def fold(text: str) -> str:
    """``text`` with each character replaced by its plain form, keeping every offset.

    Why: names arrive as "Gödel" or "Godel", "Mosul’s" or "Mosul's"; matching on a folded
    copy of the same length finds both while spans still point into the original text.
    """
    out = []
    for char in text:
        if char in _QUOTES:
            out.append(_QUOTES[char])
            continue
        if ord(char) < 128:
            out.append(char)
            continue
        base = unicodedata.normalize("NFKD", char)[0]
        out.append(base if base and ord(base) < 128 else char)
    return "".join(out)


def slug(text: str) -> str:
    """A stable lower-case id from a name ("Abu Bakr al-Baghdadi" -> "abu-bakr-al-baghdadi")."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")


def split_bar(value: str) -> list[str]:
    """The non-empty items of a "|"-joined lexicon cell."""
    return [item.strip() for item in str(value).split("|") if item.strip()]


def read_commented_csv(path: Path) -> pd.DataFrame:
    """A CSV file with its ``#`` header comment lines dropped, every cell a string.

    Our data files document their columns in a comment header; lines are dropped only when
    they *start* with ``#``, so a ``#`` inside a value is kept. Empty cells stay ``""``.
    """
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    body = "\n".join(line for line in lines if not line.startswith("#"))
    return pd.read_csv(io.StringIO(body), dtype=str, keep_default_na=False)


def read_lexicon(name: str) -> pd.DataFrame:
    """A CSV lexicon from ``data/lexicons``: the one reader of world knowledge, for every module."""
    return read_commented_csv(LEXICONS_DIR / name)


def lexicon_rows(name: str) -> list[dict[str, str]]:
    """The rows of a CSV lexicon as plain dicts (text cells), for passes that loop over them."""
    return read_lexicon(name).to_dict("records")


@lru_cache(maxsize=1)
def countries() -> pd.DataFrame:
    """countries.csv: iso3, iso2, numeric, name, iso_name, official_name, aliases, demonyms,
    capitals, seats, un_member (one row per state)."""
    return read_lexicon("countries.csv")


@lru_cache(maxsize=1)
def titles() -> pd.DataFrame:
    """titles.csv: title (lower case), sector."""
    return read_lexicon("titles.csv")


@lru_cache(maxsize=1)
def groups() -> pd.DataFrame:
    """groups.csv: key, name, aliases, kind, country, sector, cameo, generic."""
    return read_lexicon("groups.csv")


@lru_cache(maxsize=1)
def people() -> pd.DataFrame:
    """people.csv: name, aliases, country, role, sector, years."""
    return read_lexicon("people.csv")


@lru_cache(maxsize=1)
def cues() -> dict[str, list[str]]:
    """actor_cues.yml: lists of cue words by purpose."""
    with (LEXICONS_DIR / "actor_cues.yml").open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return {key: [str(v) for v in values] for key, values in data.items()}


@dataclass(frozen=True)
class CountryForm:
    """One surface form of a state: which state, and how it names it."""

    iso3: str
    form: str  # name | demonym | plural_demonym | capital | seat


@lru_cache(maxsize=1)
def country_forms() -> dict[str, CountryForm]:
    """Folded surface form -> the state it names and how (name, demonym, capital, seat).

    Names win over demonyms, demonyms over capitals when one string is listed twice (e.g.
    "Singapore" is a state and its capital: it reads as the state).
    """
    forms: dict[str, CountryForm] = {}
    order = [("seats", "seat"), ("capitals", "capital"), ("demonyms", "demonym"),
             ("aliases", "name"), ("name", "name")]
    for column, form in order:
        for row in countries().itertuples(index=False):
            for surface in split_bar(getattr(row, column)):
                kind = form
                if form == "demonym" and surface.endswith("s") and not surface.endswith("ss"):
                    singulars = split_bar(row.demonyms)
                    if surface[:-1] in singulars or surface[:-2] + "" in singulars:
                        kind = "plural_demonym"
                key = fold(surface)
                if key.lower().startswith("the "):
                    key = key[4:]
                forms[key] = CountryForm(row.iso3, kind)
    return forms


@lru_cache(maxsize=1)
def _country_index() -> dict[str, int]:
    """iso3 -> position of its first row in countries.csv, built once (a lookup per name, not a
    filter of the whole table)."""
    index: dict[str, int] = {}
    for position, iso3 in enumerate(countries()["iso3"]):
        index.setdefault(iso3, position)
    return index


@lru_cache(maxsize=1)
def _country_names() -> dict[str, tuple[str, str]]:
    """iso3 -> (name, first demonym or the name), for the lookups done per mention."""
    table = countries()
    out: dict[str, tuple[str, str]] = {}
    for iso3, name, demonyms in zip(table["iso3"], table["name"], table["demonyms"], strict=True):
        if iso3 not in out:
            listed = split_bar(demonyms)
            out[iso3] = (name, listed[0] if listed else name)
    return out


def country_row(iso3: str) -> pd.Series | None:
    """The countries.csv row of a state, or None."""
    position = _country_index().get(iso3)
    return None if position is None else countries().iloc[position]


def country_name(iso3: str) -> str:
    """The canonical (common English) name of a state, e.g. "France"."""
    return _country_names().get(iso3, ("", ""))[0]


def country_demonym(iso3: str) -> str:
    """The first demonym of a state ("French"), or its name when none is listed."""
    return _country_names().get(iso3, ("", ""))[1]


def alternation(words: list[str]) -> str:
    """A regex alternation of literal ``words``, longest first ("North Macedonia" beats
    "Macedonia")."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
