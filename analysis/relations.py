"""Who is allied with, supports, opposes, mediates between or rivals whom, read from cue words.

A relation is a cue (``data/lexicons/relation_cues.csv``: "close ally", "backed by", "opposed
to", "-brokered", "rivals" ...) plus the actor mentions around it, picked by the cue's ``ends``
rule (before the cue -> after it, passive, symmetric pair, mediator -> parties ...). Both ends
must be actors the article names; a cue with an unnamed end ("regional support") gives nothing.

Phrases that point back are read as the actors they stand for: "both sides", "its two allies"
(the last pair named), "the kingdom", "the group" (the last actor of that type in the
paragraph), "the league" (the last body whose name ends so), "that support" (the last tie of
its type just before). "A urged B to <cue> C" is A's stance; "A condemned the attack on B"
does not oppose B; an office "envoy to B" is held by the subject that takes it "as" or by the
person in apposition.

Network nodes are states and groups, not people: a person or government office is collapsed to
the state it belongs to (a president to his country), because alliances in this genre are
reported between states even when a leader speaks (see :func:`actor_nodes`).

Columns of the relations frame (one row per statement; the network merges repeats):

- ``source``, ``target``: node names (canonical actor or state names); symmetric relations
  (``ally``, ``rival``) are listed once, in alphabetical order;
- ``relation``: ally | supports | opposes | mediates | rival; ``sign``: +1 or -1;
- ``hedged``: the statement is reported or tentative ("analysts say ... is trying to");
- ``negated``: the statement denies the tie ("is not an ally"); kept, but not a tie;
- ``cue``: the cue words as they appear; ``source_text``, ``target_text``: the mentions used;
- ``quote``, ``sentence_id``, ``start``, ``end``: provenance, the span from the first end (or
  the cue) to the last, ``quote == article.text[start:end]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from analysis.actors import actor_frames
from analysis.article import Article
from analysis.clauses import Clause, clause_at, negation_at, sentence_clauses
from analysis.frames import make_frame
from analysis.lexicons import countries, read_commented_csv, slug
from analysis.paths import LEXICONS_DIR

#: Columns of the relations frame, in order.
RELATION_COLUMNS = (
    "source", "target", "relation", "sign", "cue", "quote", "sentence_id", "start", "end",
    "hedged", "negated", "source_text", "target_text",
)
#: Relation types; the symmetric ones are listed once per pair.
RELATIONS = ("ally", "supports", "opposes", "mediates", "rival")
SYMMETRIC = frozenset({"ally", "rival"})
#: Actor kinds that stand for their state in the network (a president, a government, a state).
STATE_LEVEL_KINDS = frozenset({"person", "state", "government"})
#: CAMEO sectors of a state's own organs (intelligence, legislature, judiciary, armed forces):
#: a group with one of these and a country acts for its state ("the agency began arming X").
STATE_ORGAN_SECTORS = frozenset({"GOV", "SPY", "LEG", "JUD", "MIL"})
#: Columns of :func:`actor_nodes`.
NODE_COLUMNS = ("actor_id", "name", "kind", "country", "node")
#: Columns a mentions frame must have for :func:`relations_from_mentions`.
MENTION_COLUMNS = ("sentence_id", "start", "end", "text", "node")

CUES_FILE = LEXICONS_DIR / "relation_cues.csv"
_ENDS = {"before>after", "after>before", "pair", "mediator>parties", "after>subject", "after>after",
         "holder>after"}
# Between two coordinated mentions: "A and B", "A, B and C", "A or B", or nothing but a space
# when both mentions are the same actor ("<demonym> President <name>").
_COORD = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)(?:the\s+)?$", re.IGNORECASE)
_BARE_COMMA = re.compile(r"^\s*,\s*(?:the\s+)?$", re.IGNORECASE)
# A relative clause between a list and a cue attaches the cue to the list's last member only
# ("A and B, which has backed C for years").
_RELATIVE = re.compile(r"^\s*,?\s*(?:which|who|whose)\b", re.IGNORECASE)
# Punctuation between a cue and the next actor: that actor belongs to another clause.
_CLAUSE_BREAK = re.compile(r"[,;:()]|--|—")
# After a cue, a preposition that makes "A <cue> of/to/with B" a tie between A and B.
_LINKING = re.compile(r"^\W*(?:of|to|with|for)\b", re.IGNORECASE)
# An agent already taken by an earlier passive ("described as X by A and backed by B").
_AGENT_BEFORE = re.compile(r"\bby\s*$", re.IGNORECASE)
# A hostile act named after a verb judging it, with its victim ("condemned the attack on B").
_JUDGING = re.compile(r"condemn|denounc|critici|slam|rebuk|blam|deplor", re.IGNORECASE)
_VICTIM = re.compile(r"^\W*(?:the|an?|this|that|these|those|its|their)?\s*(?:[\w-]+\s+){0,2}?"
                     r"(?:attacks?|bombings?|killings?|shelling|invasion|crackdown|violence|"
                     r"strikes?|assaults?|massacres?|abductions?|kidnappings?|occupation)\s+"
                     r"(?:on|against|in|of)\s+(?:the\s+)?$", re.IGNORECASE)
# "A urged B to <cue> C": the one urged only is asked to act.
_TO_BEFORE = re.compile(r"^\s+to\s+$", re.IGNORECASE)
_URGED = re.compile(r"\b(?:urg(?:e|es|ed|ing)|ask(?:s|ed|ing)?|call(?:s|ed|ing)?\s+on|"
                    r"press(?:es|ed|ing)?|want(?:s|ed)?|push(?:es|ed|ing)?)\s+(?:the\s+)?"
                    r"(?:[A-Z][\w.'’-]*\s+)*$")
# "that support", "this backing": a tie told before, restated.
_DEMONSTRATIVE = re.compile(r"\b(?:that|this|such|the\s+same)\s+$", re.IGNORECASE)
# "the league", "the council": a definite lower-case noun, maybe the head of a name told before.
_THE_NOUN = re.compile(r"\b[Tt]he\s+([a-z]+)\b")
_ORGAN_WORDS = frozenset({"army", "government", "police", "forces", "military", "ministry"})
# How far back a pair anaphor ("both sides") looks for its two actors.
_ANAPHOR_LOOKBACK = 2
# A role the clause's subject takes ("A replaced B as the special envoy to C"): the cue belongs
# to the subject, not to the actor nearest before it.
_AS_ROLE = re.compile(r"\bas\s+(?:an?|the|its|their|his|her)\s+(?:[\w.'’-]+\s+){0,4}$",
                      re.IGNORECASE)
# Talks named with their parties ("the talks between A and B"): a later "X-brokered talks" with
# no party of its own refers back to them.
_TALKS_BETWEEN = re.compile(r"\b(?:talks|negotiations|dialogue)\s+(?:between|with)\s+"
                            r"(?:the\s+)?$", re.IGNORECASE)
# Between an office's holder and the office in apposition: "A, the envoy to B", "A was envoy".
_HOLDS = re.compile(r",|\b(?:is|was|as|becomes|became|remains|named|appointed)\b", re.IGNORECASE)
_APPOSITION = re.compile(r"^\s*,\s*$")
_TALKS_NEXT = re.compile(r"^\s*(?:talks|negotiations|dialogue)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Cue:
    """One row of the cue lexicon."""

    kind: str
    pattern: re.Pattern
    relation: str
    sign: int
    ends: str


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    nodes: tuple[str, ...]
    text: str
    role: str = "actor"
    anaphor: bool = False
    kind: str = ""  # the actor's kind when the mentions frame has one


@lru_cache(maxsize=4)
def load_cues(path: str | None = None) -> tuple[Cue, ...]:
    """The cue lexicon, checked: a bad regex, relation, sign or ends rule fails loudly here."""
    source = CUES_FILE if path is None else path
    cues = []
    for row in read_commented_csv(source).to_dict("records"):
        kind = row["kind"].strip()
        if kind not in {"relation", "hedge", "pair_anaphor", "anaphor"}:
            raise ValueError(f"{source}: unknown cue kind {kind!r}")
        relation, ends = row["relation"].strip(), row["ends"].strip()
        if kind == "relation" and (relation not in RELATIONS or ends not in _ENDS):
            raise ValueError(f"{source}: bad relation row {row['pattern']!r}")
        if kind == "anaphor" and ends not in {"state", "group"}:
            raise ValueError(f"{source}: anaphor rows need ends state or group")
        sign = int(row["sign"]) if row["sign"].strip() else 0
        if kind == "relation" and sign not in (1, -1):
            raise ValueError(f"{source}: sign must be +1 or -1 in {row['pattern']!r}")
        cues.append(Cue(kind, re.compile(row["pattern"], re.IGNORECASE), relation, sign, ends))
    return tuple(cues)


def cue_table(path: str | None = None) -> pd.DataFrame:
    """The cue lexicon as a frame (kind, pattern, relation, sign, ends, example), for reading."""
    return read_commented_csv(CUES_FILE if path is None else path)


# --------------------------------------------------------------------------- mentions


def _mentions_by_sentence(mentions: pd.DataFrame) -> dict[int, list[_Mention]]:
    """sentence_id -> its usable mentions, in order, overlaps resolved to the longest.

    Built in one pass over the mentions frame (not one filter of it per sentence, which made
    the cost grow with sentences times mentions).
    """
    if mentions.empty:
        return {}
    rows = mentions[mentions["node"].notna()].sort_values(["start", "end"])
    found: dict[int, list[_Mention]] = {}
    for rec in rows.to_dict("records"):
        role = str(rec.get("role_in_sentence") or "actor")
        kind = rec.get("kind")
        found.setdefault(int(rec["sentence_id"]), []).append(
            _Mention(int(rec["start"]), int(rec["end"]), (str(rec["node"]),), str(rec["text"]),
                     role, kind=kind if isinstance(kind, str) else "")
        )
    out: dict[int, list[_Mention]] = {}
    for sid, ms in found.items():
        kept: list[_Mention] = []
        for m in sorted(ms, key=lambda m: (m.start, -(m.end - m.start))):
            if kept and m.start < kept[-1].end:
                continue  # nested or overlapping mention: keep the longer, earlier one
            kept.append(m)
        out[sid] = kept
    return out


def _groups(ms: list[_Mention], text: str, base: int) -> list[list[_Mention]]:
    """Split mentions into coordinated groups ("A and B", "A, B and C").

    A bare comma only coordinates inside a list closed by "and"/"or" ("A, B and C"); otherwise
    it separates phrases ("with support from A, B won ...").
    """
    groups: list[list[_Mention]] = []
    joins: list[list[str]] = []
    for m in ms:
        if groups:
            prev = groups[-1][-1]
            gap = text[prev.end - base:m.start - base]
            same = set(prev.nodes) == set(m.nodes) and not gap.strip()
            if same or _COORD.match(gap):
                groups[-1].append(m)
                joins[-1].append("same" if same else ("comma" if _BARE_COMMA.match(gap) else "and"))
                continue
        groups.append([m])
        joins.append([])
    out: list[list[_Mention]] = []
    for group, kinds in zip(groups, joins, strict=True):
        if "comma" in kinds and "and" not in kinds[kinds.index("comma"):]:
            current = [group[0]]
            for m, kind in zip(group[1:], kinds, strict=True):
                if kind == "comma" and "and" not in kinds:
                    out.append(current)
                    current = [m]
                else:
                    current.append(m)
            out.append(current)
        else:
            out.append(group)
    return out


def _nodes(group: list[_Mention]) -> list[str]:
    out: list[str] = []
    for m in group:
        for node in m.nodes:
            if node not in out:
                out.append(node)
    return out


def _resolve_anaphors(
    base: int, text: str, ms: list[_Mention], history: list[list[list[_Mention]]],
    cues: tuple[Cue, ...],
) -> list[_Mention]:
    """Replace phrases like "its two allies" by the last coordinated pair named before them
    (``base``: the sentence's offset in the article)."""
    out = list(ms)
    for cue in cues:
        if cue.kind != "pair_anaphor":
            continue
        for match in cue.pattern.finditer(text):
            start, end = base + match.start(), base + match.end()
            earlier = [m for m in ms if m.end <= start]
            lookback = history[-_ANAPHOR_LOOKBACK:][::-1]  # the last few, never the whole history
            candidates = [_groups(earlier, text, base), *lookback]
            pair = None
            for groups in candidates:
                multi = [g for g in groups if len(_nodes(g)) >= 2]
                if multi:
                    pair = tuple(_nodes(multi[-1])[:2])
                    break
            if pair is None:
                continue
            out = [m for m in out if m.end <= start or m.start >= end]
            out.append(_Mention(start, end, pair, match.group(0), "actor", anaphor=True))
    return sorted(out, key=lambda m: m.start)


def _head_nouns(ms: list[_Mention]) -> dict[str, _Mention]:
    """The head noun of each multi-word name of a body ("Xandian League" -> "league"), which a
    later "the league" refers back to; the state's own organs ("the army") are left out, since
    "the army" is as likely the state's army as the named one."""
    out = {}
    for m in ms:
        words = m.text.split()
        if (not m.anaphor and len(words) >= 2 and words[-1][:1].isupper()
                and m.kind not in STATE_LEVEL_KINDS and words[-1].lower() not in _ORGAN_WORDS):
            out[words[-1].lower()] = m
    return out


def _resolve_head_nouns(
    base: int, text: str, ms: list[_Mention], heads: dict[str, _Mention]
) -> list[_Mention]:
    """"the league" after "the Xandian League" stands for that body (the last one so named)."""
    out = list(ms)
    for match in _THE_NOUN.finditer(text):
        named = heads.get(match.group(1))
        start, end = base + match.start(), base + match.end()
        if named is None or any(m.start < end and start < m.end for m in out):
            continue
        out.append(_Mention(start, end, named.nodes, match.group(0), "actor", anaphor=True,
                            kind=named.kind))
    return sorted(out, key=lambda m: m.start)


def _is_state(m: _Mention, states: frozenset[str]) -> bool:
    """A state-level actor: by its kind when known, else by its node being a state's name."""
    if m.kind:
        return m.kind in STATE_LEVEL_KINDS
    return m.nodes[0] in states


def _resolve_singular(
    base: int, text: str, ms: list[_Mention], recent: list[_Mention], cues: tuple[Cue, ...],
    states: frozenset[str],
) -> list[_Mention]:
    """Replace "the kingdom" / "the group" by the last state / non-state actor named before it
    in the paragraph (``recent``, this sentence's earlier mentions included)."""
    out = list(ms)
    for cue in cues:
        if cue.kind != "anaphor":
            continue
        for match in cue.pattern.finditer(text):
            start, end = base + match.start(), base + match.end()
            if any(m.start <= start < m.end for m in out):
                continue  # part of a name ("the Islamic State group")
            earlier = [m for m in recent if m.end <= start] + [m for m in ms if m.end <= start]
            wanted = [
                m for m in earlier
                if not m.anaphor and len(m.nodes) == 1 and m.role != "location"
                and _is_state(m, states) == (cue.ends == "state")
            ]
            if not wanted:
                continue
            last = max(wanted, key=lambda m: m.start)
            out.append(_Mention(start, end, last.nodes, match.group(0), "actor", anaphor=True))
    return sorted(out, key=lambda m: m.start)


# --------------------------------------------------------------------------- ends rules


def _cue_matches(text: str, cues: tuple[Cue, ...], ms: list[_Mention], base: int):
    """Non-overlapping relation cues, earliest first and longest at one place."""
    found = []
    for order, cue in enumerate(cues):
        if cue.kind != "relation":
            continue
        for match in cue.pattern.finditer(text):
            s, e = base + match.start(), base + match.end()
            if any(m.start <= s and e <= m.end and not m.anaphor for m in ms):
                continue  # the cue word is part of a name
            found.append((s, e, order, cue))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0]), f[2]))
    taken: list[tuple[int, int, int, Cue]] = []
    for f in found:
        if all(f[0] >= t[1] or f[1] <= t[0] for t in taken):
            taken.append(f)
    return taken


def _clause_subject(
    clauses: tuple[Clause, ...], s: int, e: int, actors: list[_Mention], base: int,
    text: str = "",
) -> list[_Mention]:
    """The actors of the subject of the clause whose verb the cue is ("Norway backs
    A and has long criticized B": Norway criticized B). A coordinated verb phrase or
    a gerund clause without a subject of its own takes the previous clause's subject. A subject
    with an apposition ("A, B's closest ally, has denied ...") is its head, A."""
    own = clause_at(clauses, s - base)
    if own is None or not (own.verb_start <= s - base < own.verb_end or (
        own.verb_end <= s - base and not text_between_has_words(own, s - base)
    )):
        return []
    chain = [own]
    if own.subject[0] < 0 and (own.link in ("and", "but", "or") or not own.finite):
        chain += [c for c in clauses if c.index < own.index][::-1]
    for clause in chain:
        if clause.subject[0] >= 0:
            lo, hi = base + clause.subject[0], base + clause.subject[1]
            found = [m for m in actors if lo <= m.start and m.end <= hi]
            if len(found) > 1 and text and _apposition_after(text[found[0].end - base:hi - base]):
                return found[:1]
            return found[-1:] if found else []
    return []


def _apposition_after(rest: str) -> bool:
    """Whether the rest of a subject after its first actor is an apposition set off by commas
    (", B's closest ally,"), not a list ("A, B and C")."""
    return rest.startswith(",") and rest.rstrip().endswith(",") and not re.search(
        r"\b(?:and|or)\b", rest)


def _role_subject(
    clauses: tuple[Clause, ...], s: int, actors: list[_Mention], text: str, base: int
) -> list[_Mention]:
    """The subject of the cue's clause when the cue names a role taken "as" ("A replaced B as
    the envoy to C": A is the envoy), else []."""
    own = clause_at(clauses, s - base)
    if own is None or own.subject[0] < 0 or own.verb_end < 0 or own.verb_end > s - base:
        return []
    if not _AS_ROLE.search(text[own.verb_end : s - base]):
        return []
    lo, hi = base + own.subject[0], base + own.subject[1]
    found = [m for m in actors if lo <= m.start and m.end <= hi]
    return found[-1:]


def text_between_has_words(clause: Clause, start: int) -> bool:
    """Whether words stand between the clause's verb group and ``start`` (a cue right after
    the verb, "has long criticized" with the cue on "criticized", has none)."""
    return start - clause.verb_end > 1


def _pairs(
    cue: Cue, s: int, e: int, ms: list[_Mention], text: str, base: int,
    clauses: tuple[Clause, ...] = (), talks: list[_Mention] | None = None,
):
    """(source mention, source node, target mention, target node) tuples for one cue.

    ``talks``: the parties of the last talks named with their parties ("the talks between A
    and B"), which a mediated "talks" with no party named in the sentence refers back to.
    """
    usable = [m for m in ms if not (s <= m.start and m.end <= e)]
    actors = [m for m in usable if m.role != "location"]
    before = _groups([m for m in actors if m.end <= s], text, base)
    after = _groups([m for m in actors if m.end > s], text, base)
    if after and _CLAUSE_BREAK.search(text[e - base:max(e, after[0][0].start) - base]):
        after = []  # "Ahead of the X-brokered talks, B said ...": B is not a party
    if (after and _JUDGING.match(text[s - base : e - base])
            and _VICTIM.match(text[e - base : after[0][0].start - base])):
        after = []  # "A condemned the attack on B": the attack is condemned, B is its victim
    if not after and cue.relation == "opposes" and cue.ends == "before>after":
        # "launched rockets into X": the state attacked may be written as a place
        place = [m for m in usable if m.role == "location" and m.start >= e
                 and not text[e - base : m.start - base].strip(" ")]
        after = [place[:1]] if place else []
    if cue.ends == "before>after" and clauses:
        subject = (_clause_subject(clauses, s, e, actors, base, text)
                   or _role_subject(clauses, s, actors, text, base))
        if subject and before and subject[-1] is not before[-1][-1]:
            before = [subject]
    out = []

    def cross(sources, targets):
        for sm in sources:
            for tm in targets:
                for sn in sm.nodes:
                    for tn in tm.nodes:
                        out.append((sm, sn, tm, tn))

    def among(group):
        flat = [(m, n) for m in group for n in m.nodes]
        for i, (m1, n1) in enumerate(flat):
            for m2, n2 in flat[i + 1:]:
                out.append((m1, n1, m2, n2))

    if cue.ends == "before>after":
        if (len(before) > 1 and _TO_BEFORE.match(text[before[-1][-1].end - base : s - base])
                and _URGED.search(text[: before[-1][0].start - base])):
            before = before[:-1]  # "A urged B to cut aid to C": the stance is A's, B is asked
        if before and after:
            sources = before[-1]
            if _RELATIVE.match(text[sources[-1].end - base:s - base]):
                sources = sources[-1:]
            cross(sources, after[0])
    elif cue.ends == "holder>after":
        # an office ("envoy to B") held by the subject that takes it "as", by the person in
        # apposition after B ("the envoy to B, A,"), or by the actor before it in apposition
        # ("A, the envoy to B"); an actor right before the office word is whom the holder
        # serves ("the U.N. envoy to B"), not the holder
        role = _role_subject(clauses, s, actors, text, base) if clauses else []
        if after:
            rest = [m for m in actors if m.start >= after[0][-1].end]
            apposed = [m for m in rest[:1] if m.kind == "person" and _APPOSITION.match(
                text[after[0][-1].end - base : m.start - base])]
            holder = role or apposed or (before[-1][-1:] if before and _HOLDS.search(
                text[before[-1][-1].end - base : s - base]) else [])
            cross(holder, after[0])
    elif cue.ends == "after>before":
        targets = [g for g in before
                   if not _AGENT_BEFORE.search(text[: g[0].start - base])]
        if after and targets:
            cross(after[0], targets[-1])
    elif cue.ends == "after>subject":
        if after:
            if before:
                cross(after[0], before[-1])
            elif len(after) > 1:
                cross(after[0], after[1])
    elif cue.ends == "after>after":
        if after:
            rest = [m for m in usable if m.start >= after[0][-1].end]
            if rest:
                cross(after[0], [rest[0]])
    elif cue.ends == "mediator>parties":
        word = _TALKS_NEXT.match(text[e - base :])
        if before and not after and talks and word:
            # "Ahead of the X-brokered talks, ...": the parties of the talks told before, read
            # at the word "talks" (the row's quote stays in its sentence)
            at = (e + word.end() - len(word.group(0).lstrip()), e + word.end())
            after = [[_Mention(*at, m.nodes, m.text, anaphor=True) for m in talks]]
        if before and after:
            mediator = before[-1][-1:]
            parties = list(after[0])
            if len(_nodes(parties)) < 2 and len(before) > 1:
                parties = before[-2][-1:] + parties
            elif len(_nodes(parties)) < 2 and len(after) > 1 and not _CLAUSE_BREAK.search(
                text[after[0][-1].end - base : after[1][0].start - base]
            ):
                parties += after[1]  # "A represents B's interests in C"
            cross(mediator, parties)
    elif cue.ends == "pair":
        # "A ... ally of B", or "A ... its two allies" (the cue inside the phrase naming B)
        linked = bool(after) and (
            after[0][0].start < e or _LINKING.match(text[e - base:after[0][0].start - base])
        )
        if before and after and linked:
            cross(before[-1], after[0])
        elif after and len(_nodes(after[0])) >= 2:
            among(after[0])
        elif before and after:
            cross(before[-1], after[0])
        elif before and len(_nodes(before[-1])) >= 2:
            among(before[-1])
        elif not before and len(after) > 1:
            cross(after[0], after[1])  # "Despite disagreement with A, B's minister said"
        else:
            # "A has been one of B's allies": the nearest earlier actor that is not B
            others = [g for g in before[:-1] if set(_nodes(g)) != set(_nodes(before[-1]))]
            if before and others:
                cross(others[-1], before[-1])
    return out


# --------------------------------------------------------------------------- extraction


def relations_from_mentions(
    article: Article, mentions: pd.DataFrame, cues: tuple[Cue, ...] | None = None,
    clauses: dict[int, tuple[Clause, ...]] | None = None,
) -> pd.DataFrame:
    """The relations frame from actor mentions already mapped to network nodes.

    ``mentions`` needs ``sentence_id``, ``start``, ``end``, ``text`` and ``node`` (the network
    node the mention stands for, or missing to ignore it); ``role_in_sentence`` = "location"
    keeps a place ("forces in northern X") from being read as a party. Works on hand-made
    mention frames, which is how the rules are tested apart from actor recognition.
    """
    cues = load_cues() if cues is None else cues
    hedges = [c.pattern for c in cues if c.kind == "hedge"]
    layer = sentence_clauses(article) if clauses is None else clauses
    states = frozenset(_state_names().values())
    rows: list[dict] = []
    history: list[list[list[_Mention]]] = []
    recent: list[_Mention] = []
    talks: list[_Mention] = []
    heads: dict[str, _Mention] = {}
    paragraph = None
    by_sentence = _mentions_by_sentence(mentions)
    for sentence in article.sentences.to_dict("records"):
        sid, base = int(sentence["sentence_id"]), int(sentence["start"])
        text = sentence["text"]
        if sentence.get("paragraph") != paragraph:
            paragraph, recent = sentence.get("paragraph"), []
        ms = by_sentence.get(sid, [])
        ms = _resolve_anaphors(base, text, ms, history, cues)
        ms = _resolve_singular(base, text, ms, recent, cues, states)
        ms = _resolve_head_nouns(base, text, ms, heads)
        history.append(_groups([m for m in ms if not m.anaphor], text, base))
        recent.extend(m for m in ms if not m.anaphor)
        heads.update(_head_nouns(ms))
        talks = _talks_parties(history[-1], text, base) or talks
        clauses = layer.get(sid, ())
        for s, e, _order, cue in _cue_matches(text, cues, ms, base):
            pairs = _pairs(cue, s, e, ms, text, base, clauses, talks)
            pairs += _restated(cue, s, e, text, base, ms, pairs, rows, sid)
            if not pairs:
                continue
            negated = _denied(text, clauses, s - base, e - base)
            hedged = any(p.search(text[: e - base]) for p in hedges) or (
                _tentative(clauses, s - base)
            )
            for sm, sn, tm, tn in pairs:
                if sn == tn:
                    continue  # no self-loops: "X's leader backs X's army" is not a tie
                directions = [(sm, sn, tm, tn)]
                if cue.ends == "pair" and cue.relation not in SYMMETRIC:
                    directions.append((tm, tn, sm, sn))
                for m1, n1, m2, n2 in directions:
                    if cue.relation in SYMMETRIC and n2 < n1:
                        m1, n1, m2, n2 = m2, n2, m1, n1
                    start = min(m1.start, m2.start, s)
                    end = max(m1.end, m2.end, e)
                    rows.append(
                        {
                            "source": n1,
                            "target": n2,
                            "relation": cue.relation,
                            "sign": cue.sign,
                            "cue": article.text[s:e].strip(" -–—:"),
                            "quote": article.text[start:end],
                            "sentence_id": sid,
                            "start": start,
                            "end": end,
                            "hedged": hedged,
                            "negated": negated,
                            "source_text": m1.text,
                            "target_text": m2.text,
                        }
                    )
    frame = make_frame(rows, RELATION_COLUMNS)
    frame = frame.drop_duplicates(["source", "target", "relation", "sentence_id", "cue"])
    frame["sign"] = frame["sign"].astype("int64")
    for col in ("hedged", "negated"):
        frame[col] = frame[col].astype(bool)
    frame = frame.sort_values(["sentence_id", "start", "source", "target"], kind="stable")
    return frame.reset_index(drop=True)


def _restated(
    cue: Cue, s: int, e: int, text: str, base: int, ms: list[_Mention], pairs: list,
    rows: list[dict], sid: int,
) -> list:
    """"With that support, B ...": a cue after a demonstrative restates the last tie of its
    type told in the sentences just before; its giver is that tie's source, its receiver the
    receiver named here (or that tie's target, when this sentence names it)."""
    lead = _DEMONSTRATIVE.search(text[: s - base])
    if lead is None:
        return []
    last = next((r for r in reversed(rows) if r["relation"] == cue.relation
                 and 0 < sid - r["sentence_id"] <= _ANAPHOR_LOOKBACK), None)
    if last is None:
        return []
    targets = {id(tm): tm for _, _, tm, _ in pairs}
    if not targets:
        targets = {id(m): m for m in ms if last["target"] in m.nodes and m.role != "location"}
    giver = _Mention(base + lead.start(), e, (last["source"],), text[lead.start() : e - base],
                     "actor", anaphor=True)
    return [(giver, last["source"], tm, node) for tm in targets.values() for node in tm.nodes
            if node != last["source"]]


def _talks_parties(groups: list[list[_Mention]], text: str, base: int) -> list[_Mention]:
    """The last coordinated pair of a sentence that names talks by their parties ("the talks
    between A and B"), or []."""
    found: list[_Mention] = []
    for group in groups:
        if len(_nodes(group)) >= 2 and _TALKS_BETWEEN.search(text[: group[0].start - base]):
            found = group
    return found


def _denied(text: str, clauses: tuple[Clause, ...], start: int, end: int) -> bool:
    """Whether the clause layer finds a negation covering the cue ("is not an ally"), not
    counting one that is part of the cue itself ("do not have diplomatic relations")."""
    clause = clause_at(clauses, start)
    word = negation_at(text, clause, start)
    if not word:
        return False
    inside = clause is not None and start <= clause.verb_start and clause.verb_end <= end
    return not (inside or word.lower() in text[start:end].lower().split())


def _tentative(clauses: tuple[Clause, ...], start: int) -> bool:
    """A cue in a clause whose mood is possible or intended ("could back", "hopes to arm")."""
    clause = clause_at(clauses, start)
    return clause is not None and clause.mood in ("possible", "intended")


# --------------------------------------------------------------------------- nodes and entry


@lru_cache(maxsize=1)
def _state_names() -> dict[str, str]:
    """iso3 -> common name of every state (read-only: built once from the lexicon)."""
    table = countries()
    return dict(zip(table["iso3"], table["name"], strict=True))


@lru_cache(maxsize=1)
def _states_by_slug() -> dict[str, str]:
    """A state's actor id (the slug of its name) -> its name, built once."""
    return {slug(name): name for name in _state_names().values()}


def actor_nodes(actors: pd.DataFrame) -> pd.DataFrame:
    """Which network node each actor stands for: people and governments collapse to their state.

    Why: news reports alliances between states even when it names a leader ("the president
    offered aid", "rebels opposed to the president"); a network with one node for a leader and
    another for the state would split one tie in two. So a person, a government or a state with
    a country becomes that state's common name (from ``countries.csv``); armed groups,
    organisations and collective actors stay nodes of their own. Columns:
    ``actor_id``, ``name``, ``kind``, ``country``, ``node``.
    """
    states = _state_names()
    rows = []
    for rec in actors.to_dict("records"):
        country = str(rec.get("country") or "")
        cameo = str(rec.get("cameo") or "")
        organ = cameo.startswith(country) and cameo[len(country):] in STATE_ORGAN_SECTORS
        collapse = (rec["kind"] in STATE_LEVEL_KINDS or organ) and country in states
        rows.append(
            {
                "actor_id": rec["actor_id"],
                "name": rec["name"],
                "kind": rec["kind"],
                "country": country,
                "node": states[country] if collapse else rec["name"],
            }
        )
    return make_frame(rows, NODE_COLUMNS)


def mentions_with_nodes(actors: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """The mentions frame plus a ``node`` column (see :func:`actor_nodes`).

    A state named only as a place has no row in the actors frame; its mention still gets the
    state's name, so a rule that takes a place ("occupation of parts of X") can use it.
    """
    table = actor_nodes(actors)
    nodes = dict(zip(table["actor_id"], table["node"], strict=True))
    by_slug = _states_by_slug()
    out = mentions.copy()
    out["node"] = [nodes.get(a, by_slug.get(a)) for a in out["actor_id"]]
    kinds = dict(zip(actors["actor_id"], actors["kind"], strict=True))
    out["kind"] = [kinds.get(a, "state" if a in by_slug else "") for a in out["actor_id"]]
    return out


def extract_relations(
    article: Article, actors: pd.DataFrame | None = None, mentions: pd.DataFrame | None = None,
    clauses: dict[int, tuple[Clause, ...]] | None = None,
) -> pd.DataFrame:
    """The relations frame of an article (see the module docstring for its columns).

    ``actors``/``mentions``/``clauses`` are the article's layers when already computed.
    """
    if actors is None or mentions is None:
        actors, mentions = actor_frames(article)
    return relations_from_mentions(article, mentions_with_nodes(actors, mentions),
                                   clauses=clauses)
