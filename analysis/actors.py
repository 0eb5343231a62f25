"""Actors: who is in the article, recognised from the text and the lexicons, one row per actor.

Public API (the meetings, relations and figures stages call exactly this)::

    mentions = extract_mentions(article)    # one row per mention (MENTION_COLUMNS)
    actors = extract_actors(article)        # one row per actor (ACTOR_COLUMNS)
    actors, mentions = actor_frames(article)

**mentions** columns: ``actor_id``, ``sentence_id``, ``start``, ``end``, ``text`` (verbatim
``article.text[start:end]``), ``quote`` (the same string, under the project's provenance name),
``how`` (name | title | demonym | metonymy | coreference), ``role_in_sentence`` (actor |
location | modifier) and ``confidence`` (0-1: how sure the link to the actor is).

**actors** columns: ``actor_id``, ``name`` (canonical), ``kind`` (person | state | government |
organization | armed_group | collective), ``country`` (ISO 3166 alpha-3 or ""), ``role`` (the
first title stated in the text, e.g. "French President"), ``cameo`` (CAMEO-style actor code:
FRA, FRAGOV, IRQREB, UNO... or ""), ``mentions`` (count, locations excluded), ``surface_forms``
("|"-joined, in order of appearance), ``first_sentence``; and the provenance of the mention
that first names the actor (its first ``how == "name"`` mention, else its first mention):
``sentence_id``, ``start``, ``end``, ``quote``.

Rules the consumers can rely on:

- **States and governments are separate actors.** A country's name, its demonym ("French aid")
  and its capital used for the state ("Paris is a close ally of Berlin") are mentions of the
  *state* actor, whose id is the slug of its common name (``france``, ``united-states``) and whose
  name is that common name ("France"). A seat of government ("the Élysée"), an office
  ("Macron's office", "the French presidency") and "the government" are mentions of the
  *government* actor ``<state id>-government`` (name "French government", cameo FRAGOV). Both
  carry the same ``country``, so a consumer that wants states only can roll governments up by
  ``country``.
- **Places are kept, not counted.** A capital or country used as a place ("arrived in Paris",
  "in northern Xandia", a dateline) is a mention with ``role_in_sentence == "location"`` and the
  state's actor id; it does not count in ``actors.mentions`` and a state mentioned only as a
  place is not in the actors frame.
- People get the id of their full name's slug (``emmanuel-macron``); a later surname, "Mr. X", a
  title ("the French president") or a pronoun links to the same actor (how = name, title or
  coreference). A person's country and cameo come from the stated title ("French President",
  "Macron's chief of staff"), else from ``people.csv``.
- Armed groups from ``groups.csv``; generic ones ("insurgents") take the country of a demonym
  before them, of the actor they are "opposed to", of the place they are "in", or else of the
  state the article talks about most (``<state id>-rebels``, cameo IRQREB).
- Collective actors are a group adjective plus a collective noun ("Gulf monarchies").
- News agencies, "analysts" and "media reports" are sources, not actors.

Nothing here names a person, place or phrase of any article: the world knowledge is in
``data/lexicons/`` (see :mod:`analysis.lexicons`).
"""

from __future__ import annotations

from bisect import bisect_right

import pandas as pd

from analysis.actor_context import ContextPasses
from analysis.actor_lexicon import (
    _POSSESSIVE,
    _Actor,
    _group_rows,
    _Mention,
    _patterns,
    _Person,
    _state_id,
)
from analysis.actor_names import NamePasses
from analysis.actor_resolution import ResolutionPasses
from analysis.article import Article, Sentence
from analysis.frames import make_frame
from analysis.lexicons import (
    country_demonym,
    country_forms,
    country_name,
    cues,
    fold,
)

#: Columns of the mentions frame.
MENTION_COLUMNS = (
    "actor_id", "sentence_id", "start", "end", "text", "quote", "how", "role_in_sentence",
    "confidence",
)
#: Columns of the actors frame.
ACTOR_COLUMNS = (
    "actor_id", "name", "kind", "country", "role", "cameo", "mentions", "surface_forms",
    "first_sentence", "sentence_id", "start", "end", "quote",
)
KINDS = ("person", "state", "government", "organization", "armed_group", "collective")
HOWS = ("name", "title", "demonym", "metonymy", "coreference")
ROLES = ("actor", "location", "modifier")



# --------------------------------------------------------------------------------------------
# Recognition


class _Recogniser(NamePasses, ResolutionPasses, ContextPasses):
    """One article's recognition: the passes (in :meth:`run` order) live in
    :mod:`analysis.actor_names`, :mod:`analysis.actor_resolution` and
    :mod:`analysis.actor_context`; this class holds their shared state and builds the frames."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.folded = fold(article.text)
        self.sentences = article.sentence_rows
        self._starts = [sent.start for sent in self.sentences]
        self.actors: dict[str, _Actor] = {}
        self.candidates: list[_Mention] = []
        self.persons: dict[str, _Person] = {}
        # (start, end, sentence id, title, role as stated, where the title word starts)
        self.title_only: list[tuple[int, int, int, str, str, int]] = []
        self.p = _patterns()
        self.c = cues()
        self.not_names = set(self.c["not_names"])

    # -- helpers ----------------------------------------------------------------------------
    def _sentence_of(self, offset: int) -> Sentence:
        k = bisect_right(self._starts, offset) - 1  # sentences are sorted and do not overlap
        if k >= 0 and offset < self.sentences[k].end:
            return self.sentences[k]
        raise KeyError(offset)

    def _add_actor(self, actor: _Actor) -> str:
        if actor.actor_id not in self.actors:
            self.actors[actor.actor_id] = actor
        return actor.actor_id

    def _state(self, iso3: str) -> str:
        return self._add_actor(
            _Actor(_state_id(iso3), country_name(iso3), "state", iso3, "", iso3)
        )

    def _government(self, iso3: str) -> str:
        return self._add_actor(
            _Actor(
                f"{_state_id(iso3)}-government", f"{country_demonym(iso3)} government",
                "government", iso3, "", f"{iso3}GOV", "GOV",
            )
        )

    def _possessive_after(self, end: int) -> bool:
        return bool(_POSSESSIVE.match(self.folded[end:end + 3]))

    def _clean_name(self, raw: str) -> str:
        tokens = raw.split(" ")
        kept: list[str] = []
        for tok in tokens:
            if tok in self.not_names or tok in country_forms() or fold(tok) in _group_rows():
                break
            kept.append(tok)
        while kept and kept[-1].lower() in self.c["name_particles"]:
            kept.pop()
        return " ".join(kept)


    # -- run ---------------------------------------------------------------------------------
    def run(self) -> tuple[list[dict], list[dict]]:
        self.lexicon_matches()
        self.people_by_title()
        self.people_by_honorific()
        self.people_from_lexicon()
        self.link_people()
        self.person_attributes()
        self.offices()
        self.titles_without_names()
        chosen = self.choose()
        self.finish_people(chosen)
        self.resolve_groups(chosen)
        chosen = [c for c in chosen if c.actor_id]
        self.roles(chosen)
        chosen = self.anaphora(chosen)
        return self.rows(chosen)

    def rows(self, chosen: list[_Mention]) -> tuple[list[dict], list[dict]]:
        """(actor rows, mention rows): every column of ACTOR_COLUMNS / MENTION_COLUMNS."""
        rows = []
        for cand in chosen:
            text = self.text[cand.start:cand.end]
            rows.append(
                {
                    "actor_id": cand.actor_id, "sentence_id": cand.sentence_id,
                    "start": cand.start, "end": cand.end, "text": text, "quote": text,
                    "how": cand.how, "role_in_sentence": cand.role,
                    "confidence": round(cand.confidence, 2),
                }
            )
        groups: dict[str, list[dict]] = {}  # actor -> its counted mentions, in reading order
        for row in rows:
            if row["role_in_sentence"] != "location":
                groups.setdefault(row["actor_id"], []).append(row)
        actor_rows = []
        for actor_id, group in groups.items():
            actor = self.actors[actor_id]
            forms = list(dict.fromkeys(r["text"] for r in group))
            anchor = next((r for r in group if r["how"] == "name"), group[0])
            actor_rows.append(
                {
                    "actor_id": actor_id, "name": actor.name, "kind": actor.kind,
                    "country": actor.country, "role": actor.role, "cameo": actor.cameo,
                    "mentions": len(group), "surface_forms": "|".join(forms),
                    "first_sentence": min(int(r["sentence_id"]) for r in group),
                    "sentence_id": int(anchor["sentence_id"]), "start": int(anchor["start"]),
                    "end": int(anchor["end"]), "quote": anchor["text"],
                }
            )
        firsts = {row["actor_id"]: min(int(r["start"]) for r in groups[row["actor_id"]])
                  for row in actor_rows}
        actor_rows.sort(key=lambda r: firsts[r["actor_id"]])
        return actor_rows, rows



# --------------------------------------------------------------------------------------------
# Public API

def actor_rows(article: Article) -> tuple[list[dict], list[dict]]:
    """``(actors, mentions)`` of an article as plain rows (every column of ACTOR_COLUMNS and
    MENTION_COLUMNS), computed now (no cache): the pipeline calls this once per article, passes
    the rows to the passes that read them and builds the two frames once."""
    return _Recogniser(article).run()


def actor_frames_of(actors: list[dict], mentions: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The actors and mentions frames of the rows :func:`actor_rows` gives."""
    return (
        make_frame(actors, ACTOR_COLUMNS, {"mentions": "int64", "first_sentence": "int64"}),
        make_frame(mentions, MENTION_COLUMNS),
    )


def recognise_actors(article: Article) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(actors, mentions)`` frames of an article, computed now (no cache)."""
    return actor_frames_of(*actor_rows(article))


_CACHE: dict[tuple[str, str], tuple[pd.DataFrame, pd.DataFrame]] = {}
_CACHE_SIZE = 16


def actor_frames(article: Article) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(actors, mentions)`` of an article, computed once per article text (then copied).

    Why both at once: the actors frame is an aggregate of the mentions frame; consumers that
    need both should not pay for two passes.
    """
    key = (str(article.path), article.text)
    if key not in _CACHE:
        if len(_CACHE) >= _CACHE_SIZE:  # keep memory bounded when many articles pass through
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = recognise_actors(article)
    actors, mentions = _CACHE[key]
    return actors.copy(), mentions.copy()


def clear_cache() -> None:
    """Forget every computed article (benchmarks time the real work, not a look-up)."""
    _CACHE.clear()


def extract_mentions(article: Article) -> pd.DataFrame:
    """Every mention of every actor, one row each, with provenance (see MENTION_COLUMNS)."""
    return actor_frames(article)[1]


def extract_actors(article: Article) -> pd.DataFrame:
    """One row per actor with canonical name, kind, country, role, cameo and counts."""
    return actor_frames(article)[0]
