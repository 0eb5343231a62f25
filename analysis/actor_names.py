"""Actor recognition, passes 1-2: lexicon matches (states, capitals, seats, groups, collectives)
and people (names after titles and honorifics, the people lexicon, linking surnames to full
names, each person's role, country and sector from the stated title).
"""

from __future__ import annotations

import re

from analysis.actor_lexicon import (
    _LOWER,
    _UPPER,
    _Actor,
    _group_rows,
    _Mention,
    _people_name,
    _people_rows,
    _Person,
    _state_id,
    _title_sectors,
)
from analysis.lexicons import (
    country_forms,
    fold,
    longest_first,
    slug,
    split_bar,
)


def _collective(folded: str, phrase: str) -> tuple[str, str]:
    """(actor id, iso3) of a collective phrase. A demonym's group is named on its state's id, as
    every state-bound actor is ("<state>-government"): "Iraqi delegation" -> ("iraq-delegation",
    "IRQ"); the longest demonym wins, so two-word demonyms are not cut short. Any other
    collective keeps the slug of its phrase and no country."""
    words = folded.split(" ")
    for cut in range(len(words) - 1, 0, -1):
        form = country_forms().get(" ".join(words[:cut]))
        if form is not None and form.form in ("demonym", "plural_demonym"):
            return f"{_state_id(form.iso3)}-{slug(' '.join(words[cut:]))}", form.iso3
    return slug(phrase), ""


class NamePasses:
    """Passes of :class:`analysis.actors._Recogniser` (they share its state)."""

    # -- 1. lexicon matches ---------------------------------------------------------------
    def lexicon_matches(self) -> None:
        for sent in self.sentences:
            lo, hi, sid = sent.start, sent.end, sent.sentence_id
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
                collective_id, iso3 = _collective(m.group(0), phrase)
                actor_id = self._add_actor(
                    _Actor(collective_id, phrase[0].upper() + phrase[1:], "collective", iso3)
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
        """The longest candidate ending at ``end`` (the first of equals), or None."""
        ending = self.index.ending_at(end)
        return min(ending, key=lambda c: c.start) if ending else None

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
            lo, hi, sid = sent.start, sent.end, sent.sentence_id
            for m in self.p["title"].finditer(self.folded, lo, hi):
                pos = m.end()
                # "ambassador to Paris", "envoy for Xandia": the posting belongs to the role
                joint = self.p["posting"].match(self.folded[pos:pos + 12])
                if joint:
                    posting = self.index.starting_at(pos + joint.end())
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
        last = self.p["particle_prefix"].sub("", last)
        return last.lower()

    def people_by_honorific(self) -> None:
        for sent in self.sentences:
            lo, hi, sid = sent.start, sent.end, sent.sentence_id
            for m in self.p["honorific"].finditer(self.folded, lo, hi):
                name = self.p["name"].match(self.folded, m.end(), hi)
                if name:
                    clean = self._clean_name(name.group(0))
                    if clean:
                        self._person(clean, m.end(), sid, "", None, "", 1.0, "name")

    def people_from_lexicon(self) -> None:
        rows = _people_rows()
        for sent in self.sentences:
            for m in self.p["people"].finditer(self.folded, sent.start, sent.end):
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
                surfaces[self.p["particle_prefix"].sub("", last)] = key
            row = _people_rows().get(person.full_name)
            if row:
                for alias in split_bar(row["aliases"]):
                    surfaces[fold(alias)] = key
        pattern = re.compile(rf"(?<![\w-])(?:{longest_first(surfaces)})(?![\w-])")
        for sent in self.sentences:
            for m in pattern.finditer(self.folded, sent.start, sent.end):
                key = surfaces[m.group(0)]
                self.candidates.append(
                    _Mention(m.start(), m.end(), f"?person:{key}", "name", sent.sentence_id, 1,
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
        for _, cand in self.index.inside(start, end):
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
        for _, cand in sorted(self.index.inside(start, end), key=lambda pair: pair[0]):
            if cand.actor_id in self.actors:
                actor = self.actors[cand.actor_id]
                if actor.kind in ("organization", "armed_group"):
                    return actor
        return None
