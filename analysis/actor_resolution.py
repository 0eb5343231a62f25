"""Actor recognition, pass 3: governments and offices ("the presidency"), titles without a
name ("the foreign minister"), and generic groups given their country.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.actor_lexicon import (
    _POSSESSIVE,
    _Actor,
    _Mention,
    _state_id,
    _title_sectors,
)
from analysis.lexicons import (
    country_demonym,
    fold,
    groups,
    slug,
)


class ResolutionPasses:
    """Passes of :class:`analysis.actors._Recogniser` (they share its state)."""

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
                for same in self.index.starting_at(cand.start):
                    if same.end == cand.end:
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
        # mentions by end and by sentence, in ``chosen`` order: each group reads its neighbours
        # instead of scanning every mention (quadratic on a long article)
        by_end: dict[int, list[_Mention]] = {}
        by_sentence: dict[int, list[_Mention]] = {}
        for other in chosen:
            by_end.setdefault(other.end, []).append(other)
            by_sentence.setdefault(other.sentence_id, []).append(other)
        found = {id(c): self._group_country(c, by_end, by_sentence) for c in pending}
        rows = _group_table()
        # a bare "rebels" is most likely the rebels the article named with a country elsewhere
        stated: dict[str, set[str]] = {}
        for cand in pending:
            if found[id(cand)][0]:
                stated.setdefault(cand.actor_id, set()).add(found[id(cand)][0])
        for cand in pending:
            key = cand.actor_id.split(":", 1)[1]
            row = rows[key]
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

    def _group_country(
        self, cand: _Mention, by_end: dict[int, list[_Mention]],
        by_sentence: dict[int, list[_Mention]],
    ):
        """(iso3, confidence, new start) from a demonym just before, or "opposed to X" / "in X"
        after the group in the same sentence (mentions indexed by end and by sentence)."""
        for other in by_end.get(cand.start - 1, []):
            if other.form == "demonym" and other.actor_id:
                iso3 = self.actors[other.actor_id].country
                other.actor_id = ""  # absorbed into the group's mention
                return iso3, 0.95, other.start
        after = [o for o in by_sentence.get(cand.sentence_id, []) if o.start > cand.end]
        for other in after:
            # "the opposition Xandian Council": the noun describes the named group after it
            if other.start == cand.end + 1 and other.form == "group":
                iso3 = self._actor_country(other)
                if iso3:
                    return iso3, 0.9, None
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


@lru_cache(maxsize=1)
def _group_table() -> dict[str, dict[str, str]]:
    """groups.csv by key (the first row of a key), built once: one look-up per group mention."""
    table: dict[str, dict[str, str]] = {}
    for row in groups().to_dict("records"):
        table.setdefault(row["key"], row)
    return table
