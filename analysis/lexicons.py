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
import string
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from analysis.paths import LEXICONS_DIR

_QUOTES = {"’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-"}


class _FoldTable(dict):
    """Character code -> its plain form, filled in the first time a character is seen.

    Why a table: ``str.translate`` folds a whole text in one C call; the per-character rule runs
    once per distinct character, not once per character of every article.
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in _QUOTES:
            plain = _QUOTES[char]
        elif code < 128:
            plain = char
        else:
            base = unicodedata.normalize("NFKD", char)[0]
            plain = base if base and ord(base) < 128 else char
        self[code] = plain
        return plain


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """``text`` with each character replaced by its plain form, keeping every offset.

    Why: names arrive as "Gödel" or "Godel", "Mosul’s" or "Mosul's"; matching on a folded
    copy of the same length finds both while spans still point into the original text.
    """
    if text.isascii() and "`" not in text:
        return text  # nothing to fold (the backtick is the one ASCII character that changes)
    return text.translate(_FOLD)


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


def alternation(words: Iterable[str], case_sensitive: bool = False, spaces: bool = False) -> str:
    """A regex matching the same strings as the alternation of literal ``words`` tried longest
    first ("North Macedonia" beats "Macedonia"), written as a trie: ``Ma(?:cedonia|li)``.

    Why a trie: Python's regex engine tries the branches of an alternation one by one at every
    position, so a lexicon of a thousand forms costs a thousand tests per character; the trie
    tests one branch per character. It matches exactly what the longest-first alternation
    matches, in the same order when the engine backtracks: the forms that match at a position
    are prefixes of one another, so they lie on one path of the trie, and a greedy optional
    tail tries the longer one first. That needs the branches of a node to exclude one another
    even under ``re.IGNORECASE``; when two of them differ only by case (say "Us" and "US"), the
    plain longest-first alternation is returned instead, unless ``case_sensitive`` says the
    pattern is never compiled with ``re.IGNORECASE``. ``spaces``: a space in a word matches any
    run of white space (``\\s+``; the words hold single spaces between non-space characters).
    """
    trie, flat = _trie(words, spaces)
    if trie is None:
        return flat
    try:
        return _trie_pattern(trie, case_sensitive, lambda c: _escape(c, spaces))
    except _CaseClash:
        return flat


def longest_first(words: Iterable[str]) -> str:
    """The plain alternation of literal ``words``, longest first: for the few words of one
    article (its people's names), where building a trie costs more than it saves."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def lexicon_pattern(words: Iterable[str], *, edge: str = r"\w", flags: int = 0) -> re.Pattern:
    """``(?<!edge)(?:words)(?!edge)`` compiled: any of ``words`` (longest first) standing
    alone, the character before and after it not matching ``edge`` (a one-character class).

    Why not that pattern as written: the regex engine skips ahead to the characters a match can
    start with only when the pattern begins with them, not with a look-behind nor under
    ``re.IGNORECASE``. So the pattern here begins with the class of the words' first characters
    (every case of a letter spelt out, "[Tt]", instead of ``re.IGNORECASE``), then tests the
    character before the word (``(?<!edge.)``), then follows the trie branch of the first
    character (``(?<=[Tt])...``; the classes do not overlap). Same matches, a fraction of the
    time.
    """
    words = list(words)
    plain = f"(?<!{edge})(?:{_trie(words)[1]})(?!{edge})"
    members: Callable[[str], list[str]] = _one_case
    given = flags
    if flags & re.IGNORECASE and all(w.isascii() for w in words):
        words = [w.lower() for w in words]
        members, flags = _any_case, flags & ~re.IGNORECASE
    trie, _ = _trie(words)
    if trie is None or "\n" in trie or flags & re.IGNORECASE:  # "." does not match "\n"
        return re.compile(plain, given)

    def render(char: str) -> str:
        chars = members(char)
        return re.escape(char) if len(chars) == 1 else f"[{''.join(map(re.escape, chars))}]"

    first = sorted(c for c in trie if c)
    lead = "[" + "".join(re.escape(m) for c in first for m in members(c)) + "]"
    branches = [f"(?<={render(c)})" + _trie_pattern(trie[c], True, render) for c in first]
    return re.compile(f"{lead}(?<!{edge}.)(?:{'|'.join(branches)})(?!{edge})", flags)


def _one_case(char: str) -> list[str]:
    return [char]


def _any_case(char: str) -> list[str]:
    """The characters ``re.IGNORECASE`` matches ``char`` to: for a letter, its two cases and
    the few others the regex engine folds to it (the Kelvin sign for "k", the long s, the
    dotted and dotless i)."""
    return _ignorecase_classes().get(char, [char])


@lru_cache(maxsize=1)
def _ignorecase_classes() -> dict[str, list[str]]:
    """ASCII lower-case letter -> :func:`_any_case` of it, found by asking the regex engine
    over the Basic Multilingual Plane (the tests check every code point)."""
    letter = re.compile("[a-z]", re.IGNORECASE)
    others = [chr(x) for x in range(0x80, 0x10000)
              if not 0xD800 <= x <= 0xDFFF and letter.fullmatch(chr(x))]
    return {
        c: [c, c.upper(), *(x for x in others if re.fullmatch(c, x, re.IGNORECASE))]
        for c in string.ascii_lowercase
    }


def _escape(char_or_word: str, spaces: bool = False) -> str:
    escaped = re.escape(char_or_word)
    return escaped.replace(r"\ ", r"\s+") if spaces else escaped


def _trie(words: Iterable[str], spaces: bool = False) -> tuple[dict | None, str]:
    """(the trie of ``words`` or None when it cannot stand for them, their flat alternation)."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    flat = "|".join(_escape(w, spaces) for w in unique)
    if len(unique) < 2 or "" in unique:
        return None, flat
    if spaces and any(w.split(" ") != w.split() for w in unique):
        return None, flat  # "\\s+" stands for one space between two words, nothing else
    trie: dict = {}
    for word in unique:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # the end of a word
    return trie, flat


class _CaseClash(Exception):
    """Two branches of one trie node that ``re.IGNORECASE`` would not tell apart."""


def _check_case(chars: list[str]) -> None:
    for i, a in enumerate(chars):
        for b in chars[i + 1:]:
            if _same_ignoring_case(a, b):
                raise _CaseClash


def _trie_pattern(
    node: dict, case_sensitive: bool, render: Callable[[str], str] = re.escape
) -> str:
    chars = sorted(c for c in node if c)
    if not case_sensitive:
        _check_case(chars)
    branches = [render(c) + _trie_pattern(node[c], case_sensitive, render) for c in chars]
    if not branches:
        return ""  # a word ends here and nothing longer goes on
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(branches) == 1 else body + "?"  # greedy: longer first


@lru_cache(maxsize=4096)
def _same_ignoring_case(a: str, b: str) -> bool:
    return bool(re.fullmatch(re.escape(a), b, re.IGNORECASE))
