"""Actor recognition, pass 4: the choice among overlapping candidates, each chosen mention's
role in its sentence (actor, location, modifier), and pronoun and "the government" anaphora.
"""

from __future__ import annotations

import re

from analysis.actor_lexicon import (
    _Actor,
    _Mention,
)


class ContextPasses:
    """Passes of :class:`analysis.actors._Recogniser` (they share its state)."""

    # -- 4. overlaps, roles, anaphora ------------------------------------------------------
    def choose(self) -> list[_Mention]:
        """Keep the longest candidate wherever candidates overlap (ties: lower priority)."""
        chosen: list[_Mention] = []
        taken: list[tuple[int, int]] = []
        # characters already covered by a chosen mention: one look-up per candidate instead of
        # a scan of every chosen span (quadratic on a long article); empty spans, which cover
        # no character, keep the exact interval test
        covered = bytearray(len(self.text) + 1)
        points: list[int] = []
        ordered = sorted(
            self.candidates, key=lambda c: (-(c.end - c.start), c.priority, c.start)
        )
        for cand in ordered:
            if cand.end > cand.start:
                if covered.find(1, cand.start, cand.end) >= 0 or any(
                    cand.start < p < cand.end for p in points
                ):
                    continue
            elif any(cand.start < e and s < cand.end for s, e in taken):
                continue
            chosen.append(cand)
            taken.append((cand.start, cand.end))
            if cand.end > cand.start:
                covered[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
            else:
                points.append(cand.start)
        return sorted(chosen, key=lambda c: c.start)

    def finish_people(self, chosen: list[_Mention]) -> None:
        for cand in chosen:
            if cand.actor_id.startswith("?person:"):
                person = self.persons[cand.actor_id.split(":", 1)[1]]
                cand.actor_id = person.actor_id
                cand.person_id = person.actor_id

    def roles(self, chosen: list[_Mention]) -> None:
        kinds = {s.sentence_id: s.kind for s in self.sentences}
        preps = {w.lower() for w in self.c["location_prepositions"]}
        verbs = {w.lower() for w in self.c["location_verbs"]}
        fillers = {w.lower() for w in self.c["location_fillers"]} - {"and"}
        previous: _Mention | None = None
        for cand in chosen:
            if kinds.get(cand.sentence_id) == "dateline":
                cand.role = "location"
            elif cand.form == "demonym" and self.p["place_noun"].match(self.folded, cand.end):
                cand.role = "location"  # "the Ukrainian city of ...": a place, not the state
            elif self.p["place_suffix"].match(self.folded, cand.end):
                cand.role = "location"  # "a London-based monitor"
            elif not cand.role:
                actor = self.actors.get(cand.actor_id)
                placeable = actor is not None and actor.kind == "state" and cand.form in (
                    "name", "capital"
                )
                if placeable and not cand.possessive:
                    sent = self._sentence_of(cand.start)
                    words = self.p["word"].findall(self.folded[sent.start:cand.start].lower())
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
        # what the look-ups need, built once: the characters chosen mentions cover, and the
        # mentions of each sentence with their place in ``chosen + extra`` (the resolvers look
        # back at most two sentences, so they read only those, in the same order)
        covered = bytearray(len(self.folded) + 1)
        points = [s for s, e in taken if e <= s]
        for s, e in taken:
            if e > s:
                covered[s:e] = b"\x01" * (e - s)
        by_sentence: dict[int, list[tuple[int, _Mention]]] = {}
        for index, cand in enumerate(chosen):
            by_sentence.setdefault(cand.sentence_id, []).append((index, cand))

        def recent(sid: int) -> list[_Mention]:
            near = [pair for back in (2, 1, 0) for pair in by_sentence.get(sid - back, [])]
            return [cand for _, cand in sorted(near, key=lambda pair: pair[0])]

        def overlaps_chosen(start: int, end: int) -> bool:
            if end > start:
                return covered.find(1, start, end) >= 0 or any(start < p < end for p in points)
            return any(start < e and s < end for s, e in taken)

        body = {s.sentence_id for s in self.sentences if s.kind == "body"}
        extra: list[_Mention] = []
        resolvers = (("pronoun", self._last_person), ("gov_anaphor", self._last_state))
        for pattern, resolver in resolvers:
            for sent in self.sentences:
                if sent.sentence_id not in body:
                    continue
                for m in self.p[pattern].finditer(self.folded, sent.start, sent.end):
                    if overlaps_chosen(m.start(), m.end()):
                        continue
                    if self.folded[m.start() - 1:m.start()] == "-":
                        continue
                    found = resolver(recent(sent.sentence_id), m.start(), sent.sentence_id,
                                     m.group(0).lower())
                    if found is None:
                        continue
                    actor_id, conf = found
                    word = m.group(0).lower()
                    poss = word in ("his", "her") or self._possessive_after(m.end())
                    mention = _Mention(
                        m.start(), m.end(), actor_id, "coreference", sent.sentence_id, 9, conf,
                        role="modifier" if poss else "actor", form="anaphor",
                        person_id=actor_id if pattern == "pronoun" else "",
                    )
                    extra.append(mention)
                    by_sentence.setdefault(mention.sentence_id, []).append(
                        (len(chosen) + len(extra) - 1, mention)
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
