"""The actor recogniser's working types and the patterns it builds once from the lexicons
(``countries.csv``, ``groups.csv``, ``people.csv``, ``titles.csv``, ``actor_cues.yml``).

Why a module of its own: every recognition pass (:mod:`analysis.actor_names`,
:mod:`analysis.actor_resolution`, :mod:`analysis.actor_context`) reads them. The public API
is :mod:`analysis.actors`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from analysis.lexicons import (
    alternation,
    country_forms,
    country_name,
    cues,
    fold,
    groups,
    lexicon_pattern,
    people,
    slug,
    split_bar,
    titles,
)

_LOWER = r"[a-z\u00df-\u024f]"
_UPPER = r"[A-Z\u00c0-\u00de]"
_POSSESSIVE = re.compile(r"^(?:'s|')(?![\w])")


@dataclass
class _Actor:
    actor_id: str
    name: str
    kind: str
    country: str = ""
    role: str = ""
    cameo: str = ""
    sector: str = ""


@dataclass
class _Mention:
    start: int
    end: int
    actor_id: str
    how: str
    sentence_id: int
    priority: int  # lower wins when two candidates overlap with the same length
    confidence: float = 1.0
    role: str = ""  # forced role_in_sentence ("" = decide from the context)
    form: str = ""  # name | demonym | plural_demonym | capital | seat | person | ...
    person_id: str = ""  # the person this mention leads back to (for pronouns)
    possessive: bool = False


@dataclass
class _Person:
    key: str
    names: list[str] = field(default_factory=list)
    roles: list[tuple[int, str]] = field(default_factory=list)  # (start, role as stated)
    prefixes: list[tuple[int, int]] = field(default_factory=list)  # spans of title prefixes
    sector: str = ""
    country: str = ""
    _best: tuple[int, str] = field(default=(0, ""), repr=False, compare=False)

    @property
    def full_name(self) -> str:
        """The fullest name (most words, then most characters; the first of equals). Names are
        only ever appended, so only the ones added since the last call are compared: asked once
        per mention, it stays linear however often a person is named."""
        seen, best = self._best
        if seen != len(self.names):
            fresh = self.names[seen:] if seen else self.names
            best = max([best, *fresh] if seen else fresh,
                       key=lambda n: (len(n.split()), len(n)))
            self._best = (len(self.names), best)
        return best

    @property
    def actor_id(self) -> str:
        return slug(self.full_name)


# --------------------------------------------------------------------------------------------
# Compiled patterns (built once from the lexicons)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    c = cues()
    fixed = groups()[groups()["generic"] == "no"]
    generic = groups()[groups()["generic"] != "no"]
    group_forms = [fold(a) for aliases in fixed["aliases"] for a in split_bar(aliases)]
    demonyms = [k for k, f in country_forms().items() if f.form == "demonym"]
    generic_forms = [fold(a) for aliases in generic["aliases"] for a in split_bar(aliases)]
    particles = alternation(c["name_particles"])
    token = (
        rf"(?:{_UPPER}{_LOWER}+(?:'{_UPPER}{_LOWER}+)?(?:-[A-Za-z]{_LOWER}+)*"
        rf"|(?:{particles})-{_UPPER}{_LOWER}+(?:-[A-Za-z]{_LOWER}+)*)"
    )
    name = rf"{token}(?: (?:(?:{particles}) )?{token}){{0,3}}"
    return {
        # lexicon forms standing alone (lexicons.lexicon_pattern: a trie the engine can scan)
        "country": lexicon_pattern(country_forms()),
        "group": lexicon_pattern(group_forms),
        "generic": lexicon_pattern(generic_forms, edge=r"[\w-]", flags=re.I),
        "title": lexicon_pattern(titles()["title"], edge=r"[\w-]", flags=re.I),
        "name": re.compile(name),
        "honorific": re.compile(
            rf"(?<![\w-])(?:{alternation([h for h in c['honorifics'] if h.endswith('.')])}"
            rf"|(?:{alternation([h for h in c['honorifics'] if not h.endswith('.')])})(?= ))"
            rf" ?(?={_UPPER})"
        ),
        "office": re.compile(rf"(?:{alternation(c['office_nouns'])})(?![\w-])", re.I),
        "gov_anaphor": lexicon_pattern(c["government_anaphors"], edge=r"[\w-]", flags=re.I),
        "pronoun": lexicon_pattern(c["person_pronouns"], edge=r"[\w-]", flags=re.I),
        "collective": re.compile(
            rf"(?<![\w-])(?:{alternation(c['collective_adjectives'])}) "
            rf"(?:{alternation(c['collective_nouns'])})(?![\w-])"
            # "an Iraqi delegation", "Syrian civilians": a demonym and a group noun
            rf"|(?<![\w-])(?:{alternation(demonyms)}) "
            rf"(?:{alternation(c.get('demonym_collective_nouns', []))})(?![\w-])"
        ),
        "people": lexicon_pattern(_people_rows(), edge=r"[\w-]"),
        "word": re.compile(r"[\w.]+|[,;:]"),
        "particle_prefix": re.compile(rf"^(?:{particles})-"),
        "posting": re.compile(rf" (?:{alternation(c['title_postings'])}) "),
        # matched at a position (``match(text, pos)``), so no "^"
        "place_noun": re.compile(rf" (?:{alternation(c['location_nouns'])})(?![\w-])"),
        "place_suffix": re.compile(rf"(?:{alternation(c['location_suffixes'])})(?![\w-])", re.I),
    }


@lru_cache(maxsize=1)
def _group_rows() -> dict[str, dict]:
    """Folded alias -> groups.csv row (as a dict)."""
    out = {}
    for row in groups().to_dict("records"):
        for alias in split_bar(row["aliases"]):
            out[fold(alias).lower() if row["generic"] != "no" else fold(alias)] = row
    return out


@lru_cache(maxsize=1)
def _people_rows() -> dict[str, dict]:
    """Folded name or alias -> people.csv row."""
    out = {}
    for row in people().to_dict("records"):
        for form in [row["name"], *split_bar(row["aliases"])]:
            out[fold(form)] = row
    return out


@lru_cache(maxsize=1)
def _title_sectors() -> dict[str, str]:
    return {fold(t).lower(): s for t, s in zip(titles()["title"], titles()["sector"], strict=True)}


def _state_id(iso3: str) -> str:
    return slug(country_name(iso3))



def _people_name(folded_name: str) -> str:
    """The people.csv spelling of a folded name (the folded name itself if not listed)."""
    return _people_spellings().get(folded_name, folded_name)


@lru_cache(maxsize=1)
def _people_spellings() -> dict[str, str]:
    """Folded name -> people.csv's spelling (the first row of a name), built once."""
    out: dict[str, str] = {}
    for name in people()["name"]:
        out.setdefault(fold(name), name)
    return out
