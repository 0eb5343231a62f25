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
  name is that common name ("France"). A seat of government ("the White House"), an office
  ("Macron's office", "the French presidency") and "the government" are mentions of the
  *government* actor ``<state id>-government`` (name "French government", cameo FRAGOV). Both
  carry the same ``country``, so a consumer that wants states only can roll governments up by
  ``country``.
- **Places are kept, not counted.** A capital or country used as a place ("arrived in Paris",
  "in northern Iraq", a dateline) is a mention with ``role_in_sentence == "location"`` and the
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

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from analysis.article import Article
from analysis.frames import make_frame
from analysis.lexicons import (
    alternation,
    country_demonym,
    country_forms,
    country_name,
    cues,
    fold,
    groups,
    people,
    slug,
    split_bar,
    titles,
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

    @property
    def full_name(self) -> str:
        return max(self.names, key=lambda n: (len(n.split()), len(n)))

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
    generic_forms = [fold(a) for aliases in generic["aliases"] for a in split_bar(aliases)]
    particles = alternation(c["name_particles"])
    token = (
        rf"(?:{_UPPER}{_LOWER}+(?:'{_UPPER}{_LOWER}+)?(?:-[A-Za-z]{_LOWER}+)*"
        rf"|(?:{particles})-{_UPPER}{_LOWER}+(?:-[A-Za-z]{_LOWER}+)*)"
    )
    name = rf"{token}(?: (?:(?:{particles}) )?{token}){{0,3}}"
    return {
        "country": re.compile(rf"(?<!\w)(?:{alternation(list(country_forms()))})(?!\w)"),
        "group": re.compile(rf"(?<!\w)(?:{alternation(group_forms)})(?!\w)"),
        "generic": re.compile(rf"(?<![\w-])(?:{alternation(generic_forms)})(?![\w-])", re.I),
        "title": re.compile(
            rf"(?<![\w-])(?:{alternation(list(titles()['title']))})(?![\w-])", re.I
        ),
        "name": re.compile(name),
        "honorific": re.compile(
            rf"(?<![\w-])(?:{alternation([h for h in c['honorifics'] if h.endswith('.')])}"
            rf"|(?:{alternation([h for h in c['honorifics'] if not h.endswith('.')])})(?= ))"
            rf" ?(?={_UPPER})"
        ),
        "office": re.compile(rf"(?:{alternation(c['office_nouns'])})(?![\w-])", re.I),
        "gov_anaphor": re.compile(
            rf"(?<![\w-])(?:{alternation(c['government_anaphors'])})(?![\w-])", re.I
        ),
        "pronoun": re.compile(rf"(?<![\w-])(?:{alternation(c['person_pronouns'])})(?![\w-])", re.I),
        "collective": re.compile(
            rf"(?<![\w-])(?:{alternation(c['collective_adjectives'])}) "
            rf"(?:{alternation(c['collective_nouns'])})(?![\w-])"
        ),
        "word": re.compile(r"[\w.]+|[,;:]"),
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


# --------------------------------------------------------------------------------------------
# Recognition


class _Recogniser:
    """One pass over one article; collects candidate mentions, then resolves them."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.folded = fold(article.text)
        self.sentences = article.sentences.to_dict("records")
        self.actors: dict[str, _Actor] = {}
        self.candidates: list[_Mention] = []
        self.persons: dict[str, _Person] = {}
        # (start, end, sentence id, title, role as stated, where the title word starts)
        self.title_only: list[tuple[int, int, int, str, str, int]] = []
        self.p = _patterns()
        self.c = cues()
        self.not_names = set(self.c["not_names"])

    # -- helpers ----------------------------------------------------------------------------
    def _sentence_of(self, offset: int) -> dict:
        for sent in self.sentences:
            if sent["start"] <= offset < sent["end"]:
                return sent
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

    # -- 1. lexicon matches ---------------------------------------------------------------
    def lexicon_matches(self) -> None:
        for sent in self.sentences:
            lo, hi, sid = sent["start"], sent["end"], sent["sentence_id"]
            for m in self.p["country"].finditer(self.folded, lo, hi):
                form = country_forms()[m.group(0)]
                if form.form == "seat":
                    actor_id = self._government(form.iso3)
                    how, conf = "metonymy", 0.9
                else:
                    actor_id = self._state(form.iso3)
                    how = {"name": "name", "capital": "metonymy"}.get(form.form, "demonym")
                    conf = 0.85 if how == "metonymy" else 1.0
                self.candidates.append(
                    _Mention(m.start(), m.end(), actor_id, how, sid, 5, conf, form=form.form,
                             possessive=self._possessive_after(m.end()))
                )
            for m in self.p["group"].finditer(self.folded, lo, hi):
                row = _group_rows()[m.group(0)]
                self._group_mention(row, m.start(), m.end(), sid, 1.0)
            for m in self.p["generic"].finditer(self.folded, lo, hi):
                row = _group_rows()[m.group(0).lower()]
                self._group_mention(row, m.start(), m.end(), sid, 0.8)
            for m in self.p["collective"].finditer(self.folded, lo, hi):
                phrase = self.text[m.start():m.end()]
                actor_id = self._add_actor(
                    _Actor(slug(phrase), phrase[0].upper() + phrase[1:], "collective")
                )
                self.candidates.append(
                    _Mention(m.start(), m.end(), actor_id, "name", sid, 3, 0.9, form="collective")
                )

    def _group_mention(self, row: dict, start: int, end: int, sid: int, conf: float) -> None:
        # a generic noun ("rebels") or an armed group without a home state
        # takes its country from the context; organisations keep theirs (often none)
        generic = row["generic"] != "no" or (not row["country"] and row["kind"] == "armed_group")
        key = row["key"]
        self.candidates.append(
            _Mention(start, end, f"?group:{key}" if generic else key, "name", sid, 2, conf,
                     form="group", possessive=self._possessive_after(end))
        )
        if not generic:
            cameo = row["cameo"] or (f"{row['country']}{row['sector']}" if row["country"] else "")
            self._add_actor(
                _Actor(key, row["name"], row["kind"], row["country"], "", cameo, row["sector"])
            )

    # -- 2. people: titles, honorifics, the people lexicon --------------------------------
    def _candidate_ending_at(self, end: int) -> _Mention | None:
        best = None
        for cand in self.candidates:
            if cand.end == end and (best is None or cand.start < best.start):
                best = cand
        return best

    def _prefix_start(self, title_start: int, lo: int) -> int:
        """Walk left over the words that belong to a stated role: modifiers, a demonym, an
        organisation, "Country's" or "Person's"."""
        pos = title_start
        modifiers = {m.lower() for m in self.c["title_modifiers"]}
        while pos > lo:
            before = self.folded[lo:pos]
            if not before.endswith((" ", "-")):
                break
            stripped = before[:-1]
            cand = self._candidate_ending_at(lo + len(stripped))
            poss = re.search(r"(?:'s|')$", stripped)
            if cand is None and poss:
                cand = self._candidate_ending_at(lo + poss.start())
            if cand is not None and cand.form in ("name", "demonym", "group", "capital"):
                pos = cand.start
                continue
            word = re.search(r"([\w.-]+)$", stripped)
            if word is None:
                break
            w = word.group(1)
            if w.lower() in modifiers or re.fullmatch(r"\w+-backed|\w+-appointed", w):
                pos = lo + word.start()
                continue
            if poss:
                owner = re.search(rf"({_UPPER}{_LOWER}+)(?:'s|')$", stripped)
                if owner and owner.group(1) not in self.not_names:
                    pos = lo + owner.start()
                    continue
            break
        return pos

    def people_by_title(self) -> None:
        for sent in self.sentences:
            lo, hi, sid = sent["start"], sent["end"], sent["sentence_id"]
            for m in self.p["title"].finditer(self.folded, lo, hi):
                pos = m.end()
                # "ambassador to Paris", "envoy for Iraq": the posting belongs to the role
                joint = re.match(rf" (?:{alternation(self.c['title_postings'])}) ",
                                 self.folded[pos:pos + 12])
                if joint:
                    posting = [c for c in self.candidates if c.start == pos + joint.end()]
                    if posting:
                        for place in posting:
                            place.role = "modifier"
                        pos = max(c.end for c in posting)
                role_end = pos
                if self.folded.startswith(", ", pos):
                    pos += 2
                elif self.folded.startswith(" ", pos):
                    pos += 1
                else:
                    pos = -1
                name = self.p["name"].match(self.folded, pos, hi) if pos > 0 else None
                clean = self._clean_name(self.folded[name.start():name.end()]) if name else ""
                if m.group(0)[0].islower() and name and " " not in clean and pos - role_end > 1:
                    clean = ""  # "the envoy, Smith" is not safe without a capitalised title
                p_start = self._prefix_start(m.start(), lo)
                role = self.text[p_start:role_end]
                sector = _title_sectors().get(m.group(0).lower(), "GOV")
                if clean:
                    self._person(clean, pos, sid, role, (p_start, m.start()), sector, 1.0, "name")
                elif p_start < m.start() and not re.match(rf" {_UPPER}", self.folded[role_end:]):
                    # a title with no name after it ("the French president"); a capitalised word
                    # that is not a name ("General Assembly") means it was no title at all
                    self.title_only.append(
                        (p_start, role_end, sid, m.group(0).lower(), role, m.start())
                    )

    def _person(self, name: str, start: int, sid: int, role: str, prefix: tuple[int, int] | None,
                sector: str, conf: float, how: str) -> None:
        key = self._person_key(name)
        person = self.persons.setdefault(key, _Person(key))
        person.names.append(name)
        if role:
            person.roles.append((start, role))
        if prefix and prefix[1] > prefix[0]:
            person.prefixes.append(prefix)
        if sector and not person.sector:
            person.sector = sector
        self.candidates.append(
            _Mention(start, start + len(name), f"?person:{key}", how, sid, 0, conf, form="person",
                     possessive=self._possessive_after(start + len(name)))
        )

    def _person_key(self, name: str) -> str:
        tokens = name.split(" ")
        last = tokens[-1]
        last = re.sub(rf"^(?:{alternation(self.c['name_particles'])})-", "", last)
        return last.lower()

    def people_by_honorific(self) -> None:
        for sent in self.sentences:
            lo, hi, sid = sent["start"], sent["end"], sent["sentence_id"]
            for m in self.p["honorific"].finditer(self.folded, lo, hi):
                name = self.p["name"].match(self.folded, m.end(), hi)
                if name:
                    clean = self._clean_name(name.group(0))
                    if clean:
                        self._person(clean, m.end(), sid, "", None, "", 1.0, "name")

    def people_from_lexicon(self) -> None:
        rows = _people_rows()
        pattern = re.compile(rf"(?<![\w-])(?:{alternation(list(rows))})(?![\w-])")
        for sent in self.sentences:
            for m in pattern.finditer(self.folded, sent["start"], sent["end"]):
                row = rows[m.group(0)]
                key = self._person_key(fold(row["name"]))
                person = self.persons.setdefault(key, _Person(key))
                person.names.append(fold(row["name"]))
                if not person.sector:
                    person.sector = row["sector"]

    def link_people(self) -> None:
        """Find every occurrence of every known person's full name or surname."""
        if not self.persons:
            return
        surfaces: dict[str, str] = {}
        for key, person in self.persons.items():
            for name in set(person.names):
                surfaces[name] = key
                last = name.split(" ")[-1]
                surfaces[last] = key
                surfaces[re.sub(rf"^(?:{alternation(self.c['name_particles'])})-", "", last)] = key
            row = _people_rows().get(person.full_name)
            if row:
                for alias in split_bar(row["aliases"]):
                    surfaces[fold(alias)] = key
        pattern = re.compile(rf"(?<![\w-])(?:{alternation(list(surfaces))})(?![\w-])")
        for sent in self.sentences:
            for m in pattern.finditer(self.folded, sent["start"], sent["end"]):
                key = surfaces[m.group(0)]
                self.candidates.append(
                    _Mention(m.start(), m.end(), f"?person:{key}", "name", sent["sentence_id"], 1,
                             1.0 if " " in m.group(0) else 0.95, form="person",
                             possessive=self._possessive_after(m.end()))
                )

    def person_attributes(self) -> None:
        """Country, role and cameo of each person, from the stated title prefixes."""
        for person in self.persons.values():
            for p_start, p_end in person.prefixes:
                country = self._country_in(p_start, p_end, exclude=person.key)
                if country:
                    person.country = country
                    break
            if not person.country:
                row = _people_rows().get(person.full_name)
                if row and row["country"]:
                    person.country = row["country"]
            role = min(person.roles)[1] if person.roles else ""
            sector = person.sector or ("GOV" if role else "")
            cameo = f"{person.country}{sector}" if person.country and sector else ""
            if not person.country and person.prefixes:
                org = self._org_in(*person.prefixes[0])
                if org is not None:  # "Hezbollah leader": the group's country and code
                    person.country, cameo = org.country, org.cameo
            self._add_actor(
                _Actor(person.actor_id, self._display_name(person), "person", person.country,
                       role, cameo, sector)
            )

    def _display_name(self, person: _Person) -> str:
        """The full name as written in the article (with its diacritics), else as listed."""
        full = person.full_name
        pos = self.folded.find(full)
        return self.text[pos:pos + len(full)] if pos >= 0 else _people_name(full)

    def _country_in(self, start: int, end: int, exclude: str = "",
                    seen: frozenset[str] = frozenset()) -> str:
        """The country a title prefix states: a state or government in it, or the country of a
        person in it ("X's special envoy"), followed through that person's own title."""
        seen = seen | {exclude}
        for cand in sorted(self.candidates, key=lambda c: c.start):
            if start <= cand.start and cand.end <= end:
                if cand.actor_id.startswith("?person:"):
                    key = cand.actor_id.split(":", 1)[1]
                    if key not in seen and key in self.persons:
                        other = self.persons[key]
                        if other.country:
                            return other.country
                        for p in other.prefixes:
                            found = self._country_in(*p, exclude=key, seen=seen)
                            if found:
                                return found
                elif cand.actor_id in self.actors and self.actors[cand.actor_id].kind in (
                    "state", "government"
                ):
                    return self.actors[cand.actor_id].country
        return ""

    def _org_in(self, start: int, end: int) -> _Actor | None:
        """The organisation or armed group named in a title's prefix ("U.N. envoy")."""
        for cand in self.candidates:
            if start <= cand.start and cand.end <= end and cand.actor_id in self.actors:
                actor = self.actors[cand.actor_id]
                if actor.kind in ("organization", "armed_group"):
                    return actor
        return None

    # -- 3. governments, offices, generic groups, titles ----------------------------------
    def offices(self) -> None:
        """"Macron's office", "the French presidency", "the Macron government" -> government.

        After a person, only the office noun is the government's mention: the person stays a
        mention of their own (a modifier), so "X's administration" does not hide X."""
        for cand in list(self.candidates):
            if cand.form not in ("person", "name", "demonym"):
                continue
            rest = self.folded[cand.end:cand.end + 40]
            poss = _POSSESSIVE.match(rest)
            gap = poss.end() + 1 if poss else 1
            if not rest[gap - 1:gap] == " ":
                continue
            office = self.p["office"].match(rest, gap)
            if not office:
                continue
            if cand.form == "demonym" and poss:
                continue
            if cand.form == "name" and not poss:
                continue
            start = cand.start
            if cand.actor_id.startswith("?person:"):
                person = self.persons[cand.actor_id.split(":", 1)[1]]
                iso3 = person.country
                person_id = person.actor_id
                start = cand.end + office.start()
                for same in self.candidates:
                    if (same.start, same.end) == (cand.start, cand.end):
                        same.role = "modifier"
            else:
                iso3 = self.actors[cand.actor_id].country
                person_id = ""
            if not iso3:
                continue
            self.candidates.append(
                _Mention(start, cand.end + office.end(), self._government(iso3), "metonymy",
                         cand.sentence_id, 0, 0.9, form="office", person_id=person_id,
                         possessive=self._possessive_after(cand.end + office.end()))
            )

    def titles_without_names(self) -> None:
        """A title without a name ("the French president") -> that person, else an office-holder."""
        for start, end, sid, title, role, title_start in self.title_only:
            iso3 = self._country_in(start, title_start)
            org = self._org_in(start, title_start)
            if not iso3 and org is None:
                continue
            match, conf = None, 0.85
            compatriots = [p for p in self.persons.values() if iso3 and p.country == iso3]
            for person in compatriots:
                if any(title in fold(r).lower() for _, r in person.roles):
                    match = person
                    break
            named_before = [p for p in compatriots if p.roles and min(p.roles)[0] < start]
            if match is None and len(named_before) == 1:
                # the only titled person of that country named so far ("leader" -> "president")
                match, conf = named_before[0], 0.7
            if match is not None:
                self.candidates.append(
                    _Mention(start, end, f"?person:{match.key}", "title", sid, 0, conf,
                             form="title", person_id=match.actor_id)
                )
                continue
            holder = f"{country_demonym(iso3)} {title}" if iso3 else f"{org.name} {title}"
            cameo = f"{iso3}{_title_sectors().get(title, 'GOV')}" if iso3 else org.cameo
            actor_id = self._add_actor(
                _Actor(slug(holder), holder, "person", iso3, role, cameo)
            )
            self.candidates.append(
                _Mention(start, end, actor_id, "title", sid, 0, 0.8, form="title",
                         person_id=actor_id)
            )

    def resolve_groups(self, chosen: list[_Mention]) -> None:
        """Give generic groups ("insurgents") a country from the context."""
        theatre = self._theatre(chosen)
        pending = [c for c in chosen if c.actor_id.startswith("?group:")]
        found = {id(c): self._group_country(c, chosen) for c in pending}
        # a bare "rebels" is most likely the rebels the article named with a country elsewhere
        stated: dict[str, set[str]] = {}
        for cand in pending:
            if found[id(cand)][0]:
                stated.setdefault(cand.actor_id, set()).add(found[id(cand)][0])
        for cand in pending:
            key = cand.actor_id.split(":", 1)[1]
            row = groups()[groups()["key"] == key].iloc[0]
            iso3, conf, start = found[id(cand)]
            if row["generic"] == "demonym" and start is None:
                cand.actor_id = ""  # "troops" with no demonym before: whose is not stated
                continue
            if not iso3 and len(stated.get(cand.actor_id, ())) == 1:
                iso3, conf = next(iter(stated[cand.actor_id])), 0.75
            if not iso3:
                iso3, conf = theatre, 0.6
            if start is not None:
                cand.start = start
            cand.confidence = min(cand.confidence, conf)
            if row["generic"] != "no":
                if not iso3:
                    cand.actor_id = ""
                    continue
                actor_id = f"{_state_id(iso3)}-{key}"
                name = row["name"].replace("{demonym}", country_demonym(iso3))
            else:
                actor_id, name = key, row["name"]
            cameo = f"{iso3}{row['sector']}" if iso3 else row["cameo"]
            cand.actor_id = self._add_actor(
                _Actor(actor_id, name, row["kind"], iso3, "", cameo, row["sector"])
            )

    def _group_country(self, cand: _Mention, chosen: list[_Mention]):
        """(iso3, confidence, new start) from a demonym just before, or "opposed to X" / "in X"
        after the group in the same sentence."""
        for other in chosen:
            if other.end + 1 == cand.start and other.form == "demonym" and other.actor_id:
                iso3 = self.actors[other.actor_id].country
                other.actor_id = ""  # absorbed into the group's mention
                return iso3, 0.95, other.start
        after = [o for o in chosen if o.sentence_id == cand.sentence_id and o.start > cand.end]
        for other in sorted(after, key=lambda o: o.start):
            between = self.folded[cand.end:other.start].lower()
            if len(between) > 40:
                break
            if re.search(r"\b(opposed to|against|fighting|in|of)\b", between):
                iso3 = self._actor_country(other)
                if iso3:
                    return iso3, 0.85, None
        return "", 0.0, None

    def _actor_country(self, cand: _Mention) -> str:
        if cand.actor_id.startswith("?person:"):
            return self.persons[cand.actor_id.split(":", 1)[1]].country
        actor = self.actors.get(cand.actor_id)
        return actor.country if actor else ""

    def _theatre(self, chosen: list[_Mention]) -> str:
        """The state the article talks about most (any role): where its generic groups fight."""
        counts: dict[str, int] = {}
        for cand in chosen:
            actor = self.actors.get(cand.actor_id)
            if actor is not None and actor.kind == "state":
                counts[actor.country] = counts.get(actor.country, 0) + 1
        if not counts:
            return ""
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    # -- 4. overlaps, roles, anaphora ------------------------------------------------------
    def choose(self) -> list[_Mention]:
        """Keep the longest candidate wherever candidates overlap (ties: lower priority)."""
        chosen: list[_Mention] = []
        taken: list[tuple[int, int]] = []
        ordered = sorted(
            self.candidates, key=lambda c: (-(c.end - c.start), c.priority, c.start)
        )
        for cand in ordered:
            if any(cand.start < e and s < cand.end for s, e in taken):
                continue
            chosen.append(cand)
            taken.append((cand.start, cand.end))
        return sorted(chosen, key=lambda c: c.start)

    def finish_people(self, chosen: list[_Mention]) -> None:
        for cand in chosen:
            if cand.actor_id.startswith("?person:"):
                person = self.persons[cand.actor_id.split(":", 1)[1]]
                cand.actor_id = person.actor_id
                cand.person_id = person.actor_id

    def roles(self, chosen: list[_Mention]) -> None:
        kinds = {s["sentence_id"]: s["kind"] for s in self.sentences}
        preps = {w.lower() for w in self.c["location_prepositions"]}
        verbs = {w.lower() for w in self.c["location_verbs"]}
        fillers = {w.lower() for w in self.c["location_fillers"]} - {"and"}
        place_nouns = rf"^ (?:{alternation(self.c['location_nouns'])})(?![\w-])"
        place_suffix = rf"^(?:{alternation(self.c['location_suffixes'])})(?![\w-])"
        previous: _Mention | None = None
        for cand in chosen:
            if kinds.get(cand.sentence_id) == "dateline":
                cand.role = "location"
            elif cand.form == "demonym" and re.match(place_nouns, self.folded[cand.end:]):
                cand.role = "location"  # "the Ukrainian city of ...": a place, not the state
            elif re.match(place_suffix, self.folded[cand.end:], re.I):
                cand.role = "location"  # "a London-based monitor"
            elif not cand.role:
                actor = self.actors.get(cand.actor_id)
                placeable = actor is not None and actor.kind == "state" and cand.form in (
                    "name", "capital"
                )
                if placeable and not cand.possessive:
                    sent = self._sentence_of(cand.start)
                    words = self.p["word"].findall(self.folded[sent["start"]:cand.start].lower())
                    cand.role = self._place_role(words, preps, verbs, fillers, previous, cand)
                if not cand.role:
                    if cand.possessive or cand.form == "demonym":
                        cand.role = "modifier"
                    else:
                        cand.role = "actor"
            previous = cand

    def _place_role(self, words, preps, verbs, fillers, previous, cand) -> str:
        for word in reversed(words):
            if word in preps or word in verbs:
                return "location"
            if word in fillers:
                continue
            if word in ("and", ","):
                # "in Chile and Peru": a place right before the conjunction carries over
                between = self.folded[previous.end:cand.start].lower() if previous else "x"
                joined = re.fullmatch(r"(?:,|,? and|,? or)?\s*", between.split(word)[0]
                                      if word == "and" else between.split(",")[0])
                if previous is not None and previous.role == "location" and joined and (
                    previous.sentence_id == cand.sentence_id
                ):
                    return "location"
                return ""
            return ""
        return ""

    def anaphora(self, chosen: list[_Mention]) -> list[_Mention]:
        """Pronouns -> the last person; "the government" -> the last state's government."""
        taken = [(c.start, c.end) for c in chosen]
        body = {s["sentence_id"] for s in self.sentences if s["kind"] == "body"}
        extra: list[_Mention] = []
        resolvers = (("pronoun", self._last_person), ("gov_anaphor", self._last_state))
        for pattern, resolver in resolvers:
            for sent in self.sentences:
                if sent["sentence_id"] not in body:
                    continue
                for m in self.p[pattern].finditer(self.folded, sent["start"], sent["end"]):
                    if any(m.start() < e and s < m.end() for s, e in taken):
                        continue
                    if self.folded[m.start() - 1:m.start()] == "-":
                        continue
                    found = resolver(chosen + extra, m.start(), sent["sentence_id"],
                                     m.group(0).lower())
                    if found is None:
                        continue
                    actor_id, conf = found
                    word = m.group(0).lower()
                    poss = word in ("his", "her") or self._possessive_after(m.end())
                    extra.append(
                        _Mention(m.start(), m.end(), actor_id, "coreference", sent["sentence_id"],
                                 9, conf, role="modifier" if poss else "actor",
                                 form="anaphor", person_id=actor_id if pattern == "pronoun" else "")
                    )
        return sorted(chosen + extra, key=lambda c: c.start)

    def _last_person(self, mentions, offset, sid, word=""):
        """The first person named in this sentence before the pronoun (news sentences put the
        subject first), else the first person of the nearest earlier sentence (up to two back).
        An object pronoun ("told him") is not the sentence's subject, so that one is skipped."""
        people = [
            c for c in mentions
            if c.start < offset and c.person_id and 0 <= sid - c.sentence_id <= 2
            and self.actors.get(c.person_id, _Actor("", "", "")).kind == "person"
        ]
        if word in self.c["object_pronouns"]:
            here = [c for c in people if c.sentence_id == sid]
            if here:
                subject = min(here, key=lambda c: c.start).person_id
                people = [c for c in people if c.person_id != subject]
        if not people:
            return None
        nearest = max(c.sentence_id for c in people)
        first = min((c for c in people if c.sentence_id == nearest), key=lambda c: c.start)
        return first.person_id, 0.7

    def _last_state(self, mentions, offset, sid, word=""):
        best = None
        for cand in mentions:
            actor = self.actors.get(cand.actor_id)
            if actor is None or not actor.country or cand.start >= offset:
                continue
            if sid - cand.sentence_id > 1 or actor.kind not in ("state", "government", "person"):
                continue
            if best is None or cand.start > best.start:
                best = cand
        if best is None:
            return None
        return self._government(self.actors[best.actor_id].country), 0.6

    # -- run ---------------------------------------------------------------------------------
    def run(self) -> tuple[pd.DataFrame, pd.DataFrame]:
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
        return self.frames(chosen)

    def frames(self, chosen: list[_Mention]) -> tuple[pd.DataFrame, pd.DataFrame]:
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
        mentions = make_frame(rows, MENTION_COLUMNS)
        actor_rows = []
        counted = mentions[mentions["role_in_sentence"] != "location"]
        for actor_id, group in counted.groupby("actor_id", sort=False):
            actor = self.actors[actor_id]
            forms = list(dict.fromkeys(group["text"]))
            named = group[group["how"] == "name"]
            anchor = (named if not named.empty else group).iloc[0]
            actor_rows.append(
                {
                    "actor_id": actor_id, "name": actor.name, "kind": actor.kind,
                    "country": actor.country, "role": actor.role, "cameo": actor.cameo,
                    "mentions": len(group), "surface_forms": "|".join(forms),
                    "first_sentence": int(group["sentence_id"].min()),
                    "sentence_id": int(anchor["sentence_id"]), "start": int(anchor["start"]),
                    "end": int(anchor["end"]), "quote": anchor["text"],
                    "_first": int(group["start"].min()),
                }
            )
        actor_rows.sort(key=lambda r: r["_first"])
        actors = make_frame(actor_rows, ACTOR_COLUMNS)
        actors["mentions"] = actors["mentions"].astype("int64")
        actors["first_sentence"] = actors["first_sentence"].astype("int64")
        return actors, mentions


def _people_name(folded_name: str) -> str:
    for row in people().to_dict("records"):
        if fold(row["name"]) == folded_name:
            return row["name"]
    return folded_name


# --------------------------------------------------------------------------------------------
# Public API

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
        _CACHE[key] = _Recogniser(article).run()
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
