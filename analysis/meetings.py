"""Meetings, visits, greetings, summits, phone calls and agreements the article mentions.

One row per meeting, whether held, planned (announced) or negated, with who (actors from
:mod:`analysis.actors`), where, when (from :mod:`analysis.dates`, at its precision) and how it
is coded in PLOVER and CAMEO. The rules, in the order they run:

1. **Cues.** A meeting word from ``data/lexicons/meeting_cues.csv`` ("talks", "met", "visit",
   "greeted", "receiving calls", "restored relations"). A noun after "the/their/this"
   ("Their meeting comes after…") points back to a meeting already told and is skipped.
2. **Window.** The cue's stretch of the sentence: clause breaks (";", ":", brackets, quotes,
   dashes, commas) end it, except commas inside a list of actors ("France, Germany and Italy");
   after the cue, a relative clause ("that killed…", "during which…"), "but" and a condition
   ("only if B agrees") end it too.
3. **Participants** are the actor mentions in the window, minus the place (a mention whose
   ``role_in_sentence`` is location, which gives ``location``), minus a speaker ("…, the ministry
   said"), minus a possessive or demonym that only qualifies the next person ("Norwegian Prime
   Minister Jan Berg", "Berg's special envoy Ana Lopes"), minus a state or
   government when a person of that state takes part. A collective ("the foreign ministers of
   France, Germany and Italy") becomes its states' participation, the role kept in ``roles``.
   Phrases that point back stand for the parties they mean: "the two leaders", "both sides",
   "we both" (``relation_cues.csv``, ``pair_anaphor``) are two parties named in the sentence,
   else those of the last meeting, else the last two actors just before; "his counterparts"
   are the parties of the meeting just told; "X, who met Y" gives X. A party added later to a
   meeting told before is added to it ("X also joined the meeting", "Y will host the talks",
   "the head of the delegation, Z,"). An object made to act ("to get X to disarm"), an event
   that only times the meeting ("the sidelines of X") and an organisation naming its member
   ("X League member Y") take no part.
4. **Status** from the cue's clause in the clause layer (:mod:`analysis.clauses`): a verb that
   puts it off or calls it off (``meeting_cues.csv``, part "status") -> postponed / cancelled; a
   negation covering the cue ("has not visited", "no talks", "refused to meet", "failed to strike
   an agreement") -> negated; the clause's mood: planned ("will", "is due to", "agreed to"),
   possible ("might", "could", "hopes to"); else its tense: future -> planned, past/present ->
   held; no cue -> unknown (held in a photo caption, which shows what happened). A gerund clause
   ("despite holding talks on Monday, the sides failed to agree") takes its neighbour's tense
   but not its mood. An agreement the talks aim at ("met ... to try to hash out a deal", "in a
   bid to") is possible and undated, and so is one still sought ("closer to a deal", "pushing
   for an agreement by May"); a condition after the cue makes a plan possible; a meeting inside
   what is denied ("denied that she met B") is negated; a status verb after an apposition is
   the cue's ("The talks, scheduled for Friday, were postponed"). "has not visited X since
   <date>, when ..." also gives a held visit at <date>; without the ", when" clause the text
   does not say one happened.
5. **Date**: the date expression nearest the cue in its window *and its clause*, so the date of
   a reporting verb is not the meeting's ("said on Monday he might meet"); a clause ", when…"
   right after a date takes that date ("since May 2020, when she also met Berg"); "after <date>"
   runs from that date to publication. An undated held meeting reported as happening now
   (present tense, present perfect, "arrived") takes the publication date, and so does one told
   by a past verb or its subject ("He met with the envoy."), the news of the day, unless a
   clause before it dates the report ("On Sunday, the ministry said she met B": that day) or a
   subordinator dates it from another happening ("a day after he conferred with B": undated).
   Talks "in progress for a year" are not of the day. A date behind a subordinate clause after
   the cue is that clause's ("talks ... after the truce expires on Friday"); a date set off by
   commas right after the window is the meeting's; a date after a postponement is the new one,
   ahead. A meeting noun leading into the main clause ("After lengthy talks, the two said on
   Monday") is held by the main clause's subject, on its day.
6. **One meeting, many mentions.** The headline and the photo caption restate the lead, and a
   later sentence can name the same meeting again ("she would meet with Berg"). Mentions with the
   same status, compatible kinds, nested participant sets and no conflicting date or place are
   merged: the body mention with the most detail is kept (its quote is the row's provenance); the
   others' sentence ids go to ``also_in`` and fill its missing place or date. So the headline is
   never counted as a second meeting. A later telling through a pair anaphor ("The two leaders
   met C in X") is the same meeting told in more detail unless "later"/"again" makes it another;
   an arrival that began a visit told as under way is that visit.
7. **Codes** from ``data/lexicons/meeting_codes.csv``: mode visit when the place is a
   participant's country (host = that participant), third-party when it is nobody's,
   multilateral for three or more states, phone for calls; a planned meeting is PLOVER AGREE /
   CAMEO 036 with ``plover_mode`` the mode it will have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date as _date
from functools import lru_cache
from types import SimpleNamespace

import pandas as pd

from analysis.actors import actor_frames
from analysis.article import Article
from analysis.clauses import (
    Clause,
    Tense,
    clause_at,
    clause_tense,
    negation_at,
    scare_quote_spans,
    sentence_clauses,
)
from analysis.dates import extract_dates, find_date_expressions, interval, resolve
from analysis.frames import make_frame
from analysis.lexicons import country_forms, country_name, fold, lexicon_rows

#: Columns of :func:`extract_meetings` (the issue's columns first, then explanations).
MEETING_COLUMNS = (
    "meeting_id",
    "quote",
    "participants",
    "host",
    "location",
    "date",
    "precision",
    "date_start",
    "date_end",
    "status",
    "kind",
    "plover",
    "plover_mode",
    "cameo",
    "sentence_id",
    "start",
    "end",
    "roles",
    "how_dated",
    "also_in",
)

STATUSES = ("planned", "possible", "held", "negated", "postponed", "cancelled", "unknown")
# Moods of the clause layer and the status they give a meeting.
_MOOD_STATUS = {"planned": "planned", "agreed": "planned", "possible": "possible",
                "intended": "possible", "refused": "negated", "failed": "negated"}
KINDS = ("talks", "visit", "greeting", "ministerial", "summit", "phone call", "agreement")
# When two cues of one sentence describe one meeting, the more specific kind wins.
_KIND_RANK = {k: i for i, k in enumerate(
    ("agreement", "phone call", "ministerial", "summit", "greeting", "visit", "talks")
)}  # fmt: skip


@lru_cache(maxsize=1)
def _cue_patterns() -> list[tuple[re.Pattern, str, str]]:
    rows = [r for r in lexicon_rows("meeting_cues.csv") if r["part"] != "status"]
    return [
        (re.compile(rf"\b(?:{r['pattern']})\b", re.IGNORECASE), r["kind"], r["part"]) for r in rows
    ]


@lru_cache(maxsize=1)
def _status_patterns() -> list[tuple[re.Pattern, str]]:
    """Verbs that put a meeting off or call it off ("postponed", "called off")."""
    rows = [r for r in lexicon_rows("meeting_cues.csv") if r["part"] == "status"]
    return [(re.compile(rf"\b(?:{r['pattern']})\b", re.IGNORECASE), r["kind"]) for r in rows]


@lru_cache(maxsize=1)
def _role_patterns() -> list[dict[str, str]]:
    return lexicon_rows("meeting_roles.csv")


@lru_cache(maxsize=1)
def _codes() -> list[dict[str, str]]:
    return lexicon_rows("meeting_codes.csv")


@lru_cache(maxsize=1)
def _reporting_verbs() -> frozenset[str]:
    return frozenset(r["form"].lower() for r in lexicon_rows("reporting_verbs.csv"))


_ANAPHORIC = re.compile(
    r"\b(?:the|their|this|that|these|those|its|such)\s+(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE
)
_AS_NOUN = re.compile(r"['’]s\s+$|\b(?:the|their|this|that|its|his|her)\s+$", re.IGNORECASE)
# "the meeting between A and B", "the talks with A": the noun names its parties, a new meeting.
_NAMES_PARTIES = re.compile(r"\s+(?:between|with)\b", re.IGNORECASE)
# A meeting noun as the aim of an effort ("push toward negotiations") is not a meeting.
_GOAL = re.compile(r"\b(?:toward|towards)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# A meeting noun as the setting of another act ("criticized X during a conference"): only the
# clause's subject takes part.
_SETTING = re.compile(
    r"\b(?:during|at|on\s+the\s+sidelines\s+of)\s+(?:(?:an?|the|this|that)\s+)?"
    r"(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
_TOPIC = re.compile(r"\b(?:on|about|over|regarding|concerning)\s+"
                    r"(?:(?!(?:with|and|between|by|to|from|for)\b)[a-z][\w-]*\s+){0,3}$")
# Brackets do not break a window: "Lopes (left) being received" is one clause.
_HARD_BREAK = re.compile(r"[;:\"“”]|\s[—–]\s|\s--\s")
_RELATIVE = re.compile(r"\b(?:that|which|who|whom|when|where|whose)\b")
_BUT = re.compile(r"\bbut\b")
# A subordinate clause between a meeting cue and a date: the date is that clause's ("talks ...
# after the truce expires on Friday"); right before the date ("after Monday") it dates the cue.
_OTHER_EVENT = re.compile(r"\b(?:after|before|when|while|until|once|because|if|unless)\s+"
                          r"(?:\S+\s+){2,}", re.IGNORECASE)
# A meeting noun that leads into the main clause ("After lengthy talks on X, the two
# ministers said ..."): the main clause's subject held the talks, on the main clause's day.
_LEAD_IN = re.compile(r"(?:^|[,;]\s*)(?:following|after|before|ahead\s+of|despite|amid)\s+"
                      r"(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# The parties a meeting noun names itself ("talks with A", "between A and B").
_WITH = re.compile(r"\b(?:with|between|and)\s+(?:the\s+)?$", re.IGNORECASE)
# An event that only dates or places the meeting ("around the time of the league's assembly").
_TIME_OF = re.compile(r"\b(?:time|sidelines|margins|eve|end|start|close)\s+of\s+(?:the\s+)?$",
                      re.IGNORECASE)
# A person heading a delegation that took part in a meeting told before.
_HEADS = re.compile(r"\b(?:head|leader|chief)\s+of\s+the\s+delegation\b|"
                    r"\bdelegation\b[^.;]{0,40}?\bled\s+by\b", re.IGNORECASE)
_AFTER = re.compile(r"\b(?:after|since)\s+(?:a|an|the)?\s*$", re.IGNORECASE)
#: ", when ..." right after a date: that clause takes the date (events use it too).
_AIM = re.compile(r"\bto\s+(?:try|attempt|seek|work|push)\s+to\b|"
                  r"\bin\s+(?:an?\s+)?(?:attempt|bid|effort|push)\s+to\b", re.IGNORECASE)
_SUBORDINATE = re.compile(r"\b(?:after|before|since|when|while|until|as|because|if)\b",
                          re.IGNORECASE)
WHEN_AFTER_DATE = re.compile(r"^\s*,\s*when\b", re.IGNORECASE)
#: A condition after the cue makes a planned meeting possible ("will meet him only if ...",
# "provided that ..."); "to see if" asks a question, it sets no condition.
CONDITION = re.compile(r"(?<!\bsee )(?<!\bask )(?<!\basked )(?<!\bknow )(?<!\bdecide )"
                        r"\b(?:if|unless|provided(?:\s+that)?|providing\s+that|as\s+long\s+as|"
                        r"on\s+(?:the\s+)?condition\s+that)\b", re.IGNORECASE)
#: An agreement still sought ("closer to a deal", "pushing for an agreement", "to consider a
# deal") is possible, not made.
SOUGHT = re.compile(r"\b(?:clos(?:e|er)\s+to|near(?:ing)?|toward|towards|"
                     r"(?:push|press|hope|call|work|aim|head)(?:s|es|ed|ing)?\s+(?:for|toward|towards)|"
                     r"seek(?:s|ing)?|sought|to\s+(?:reach|strike|consider|negotiate|secure|clinch)|"
                     r"from\s+reaching|"
                     r"consider(?:s|ed|ing)?)\s+(?:an?|the|any)?\s*(?:[\w-]+\s+){0,3}$",
                     re.IGNORECASE)
# A meeting going on for a stated time ("in progress for more than a year") is not one of the
# publication day.
_DURATION = re.compile(r"\bfor\s+(?:(?:more\s+than|over|nearly|almost|about|some)\s+)?"
                       r"(?:a|an|one|two|three|four|five|six|several|many|\d+)\s+"
                       r"(?:days?|weeks?|months?|years?)\b", re.IGNORECASE)
# The object of a causative verb is made to act, it does not meet ("talks intensify to get X to
# disarm").
_CAUSED = re.compile(r"\b(?:get|gets|force|forces|persuade|persuades|pressure|pressures|press|"
                     r"presses|push|pushes|urge|urges|convince|compel)\s+$", re.IGNORECASE)
# A speaker who tells the meeting itself takes part ("X told a meeting of ministers").
_ADDRESSED = re.compile(r"^\s+(?:also\s+)?(?:told|tells|addressed|addresses)\s+(?:an?|the)\s+"
                        r"(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# A meeting told in what is denied ("X denied that she met Y", "dismissed reports that ...",
# "denied meeting Y") did not happen, as far as the text says.
_DENIAL = re.compile(r"\b(?:den(?:y|ies|ied|ying)|dismiss(?:es|ed|ing)?\s+(?:the\s+)?"
                     r"(?:reports?|claims?|suggestions?)|reject(?:s|ed|ing)?\s+(?:the\s+)?"
                     r"(?:reports?|claims?))\s+(?:that\s+)?$", re.IGNORECASE)
_DENIED_GERUND = re.compile(r"\bden(?:y|ies|ied|ying)\s+(?:ever\s+)?(?:having\s+)?$",
                            re.IGNORECASE)
# Headline style: an infinitive with no finite verb tells what will happen ("Envoy to Visit X").
_HEADLINE_TO = re.compile(r"\bto\s+$", re.IGNORECASE)
# The speaker's verb directly before the meeting word is about the speaker's own act ("X denied
# meeting Y").
_OWN_ACT = re.compile(r"\s+(?!said\b|says\b|say\b|told\b|tells\b)[a-z]+\s+(?:ever\s+)?"
                      r"(?:having\s+)?")
# "X said (that) (the) talks with Y ...": the speaker's own talks.
_SAID_TALKS = re.compile(r"(?:^|[,;]\s*)(?:[\w.'’-]+\s+){0,6}?(says|said|told\s+\w+|called|"
                         r"described)\s+(?:that\s+)?(?:the\s+|their\s+|his\s+|her\s+|its\s+)?"
                         r"(?:[\w-]+\s+)?$", re.IGNORECASE)
# An active "received"/"welcomed" greets only a guest named right after it ("received the
# visiting envoy Ana Lopes"), not a thing ("received aid", "welcomed the decision").
_ACTIVE_WELCOME = re.compile(r"(?:receiv|welcom)(?:ed|es|ing)", re.IGNORECASE)
_GUEST_GAP = re.compile(r"\s+(?:(?:the|a|his|her|their|its|visiting|[A-Z][\w.'’-]*)\s+)*")
# A clause that ends on a preposition has lost its object to the next clause.
_DANGLING = re.compile(r"\b(?:with|between|and|of|to|by)\s*$", re.IGNORECASE)
# A party joining or hosting a meeting already told ("X also joined the meeting in Cairo", "Y
# will host the talks").
_JOINED = re.compile(r"\b(?:joined|joins|join|joining|attended|attends|attend|took\s+part\s+in|"
                     r"takes\s+part\s+in|participated\s+in|host|hosts|hosted|hosting)\s+"
                     r"(?:the|their|this|that)\s+"
                     r"(?:[\w'’-]+\s+){0,2}(?:meeting|talks|summit|conference|negotiations|"
                     r"consultations)\b", re.IGNORECASE)
# An organisation naming a member ("Xandian League member Freedonia") qualifies it, it does not
# meet.
_MEMBER = re.compile(r"^\s+(?:member(?:\s+states?|\s+countries)?|ally|partner)\s+$",
                     re.IGNORECASE)
_TALKS_NOUN = re.compile(r"(?:talks|negotiations|consultations|meetings?)$", re.IGNORECASE)
# Topic words between a state and the talks noun ("Xandia peace talks": Xandia is the topic).
_TOPIC_WORDS = re.compile(r"^\s+(?:(?:peace|security|trade|nuclear|crisis|unity|"
                          r"reconciliation|cease-?fire|truce|border|aid)\s+)?$", re.IGNORECASE)
# How far back (in sentences) a pair anaphor ("the two leaders") and a joined meeting look.
_LOOKBACK = 2
# Only a comma (and a preposition) between a meeting's stretch and a date set off by commas.
_APPOSED_DATE = re.compile(r"\s*,\s*(?:(?:on|in|around|about|by|at)\s+)?", re.IGNORECASE)
# Between an antecedent and its relative clause ("X, who met Y").
_ANTECEDENT = re.compile(r"\s*,?\s*")
# "his counterparts": the other parties of the meeting just told.
_COUNTERPARTS = re.compile(r"\b(?:his|her|their|its)\s+(?:[a-z]+\s+)?(counterparts)\b",
                           re.IGNORECASE)
# Another meeting of the same parties, not the one told before.
_AGAIN = re.compile(r"\b(?:later|again|afterwards|next|then|also)\b", re.IGNORECASE)


def code_meeting(kind: str, mode: str, status: str) -> tuple[str, str]:
    """(PLOVER event, CAMEO code) of a meeting, from the codes table (planned -> AGREE/036)."""
    status = "planned" if status == "possible" else status  # an intent to meet: AGREE / 036
    for row in _codes():
        kind_ok = row["kind"] in ("*", kind)
        mode_ok = row["mode"] in ("*", mode)
        status_ok = row["status"] == status or (row["status"] == "*" and status != "planned")
        if kind_ok and mode_ok and status_ok:
            return row["plover"], row["cameo"]
    return "", ""


def find_cues(sentence: str) -> list[tuple[int, int, str, str]]:
    """Meeting cues of a sentence as (start, end, kind, part), longest first where they overlap.

    Nouns that refer back to a meeting already told ("their meeting") are left out.
    """
    hits = []
    for pattern, kind, part in _cue_patterns():
        for m in pattern.finditer(sentence):
            hits.append((m.start(), m.end(), kind, part))
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    chosen: list[tuple[int, int, str, str]] = []
    for hit in hits:
        if any(hit[0] < c[1] and c[0] < hit[1] for c in chosen):
            continue
        # a verb form after a determiner or a possessive is a noun ("the minister's visit")
        noun = hit[3] == "noun" or bool(_AS_NOUN.search(sentence[: hit[0]]))
        if (
            noun
            and hit[2] in ("talks", "visit")
            and _ANAPHORIC.search(sentence[: hit[0]])
            and not _NAMES_PARTIES.match(sentence[hit[1] :])
        ):
            continue
        chosen.append(hit)
    return sorted(chosen)


@dataclass
class Mention:
    """An actor mention with its actor's name, kind and country, offsets sentence-relative."""

    actor_id: str
    name: str
    kind: str
    country: str
    start: int  # sentence-relative
    end: int
    text: str
    how: str
    role: str  # role_in_sentence


@dataclass
class _Meeting:
    sentence_id: int
    sentence_kind: str
    order: int
    kind: str
    status: str
    cue: tuple[int, int]
    participants: list[Mention]
    roles: dict[str, str]
    location: Mention | None
    date: dict[str, str]
    span: tuple[int, int]  # article offsets
    also_in: list[int] = field(default_factory=list)
    extra_locations: list[Mention] = field(default_factory=list)
    clause: int = -1  # index of the cue's clause in its sentence
    arrival: bool = False  # told by an arrival ("arrived in X"): the start of a visit
    again: bool = False  # "later", "again": another meeting of the same parties


def clause_window(
    sentence: str, cue: tuple[int, int], mentions: list[Mention], relative: bool = True
) -> tuple[int, int]:
    """The cue's stretch of the sentence (module docstring, rule 2), sentence-relative.

    ``relative=False`` keeps relative clauses ("Paris which intervened") inside the window.
    """
    scare = {start for start, _ in scare_quote_spans(sentence)}
    hard = [m.start() for m in _HARD_BREAK.finditer(sentence) if m.start() not in scare]
    commas = [m.start() for m in re.finditer(",", sentence)]
    actors_ = [m for m in mentions if m.role != "location"]

    def list_comma(pos: int) -> bool:
        """A comma inside a list of actors, or before an appositive name at the end."""
        left = sentence[:pos].rstrip()
        right = sentence[pos + 1 :]
        stripped = len(right) - len(right.lstrip())
        nxt = next((m for m in actors_ if m.start == pos + 1 + stripped), None)
        if nxt is None:
            return False
        if any(m.end == len(left) for m in actors_):
            return True
        # "met ministers, aid workers, doctors and envoys": a list closed by "and"
        rest = _HARD_BREAK.split(right, maxsplit=1)[0]
        if re.search(r"\band\b", rest) and nxt.kind != "person":
            return True
        # "met the visiting foreign minister, Ana Lopes."
        return nxt.kind == "person" and not sentence[nxt.end :].strip(" .\"”'’")

    breaks = sorted(hard + [c for c in commas if not list_comma(c)])
    lo = max([b + 1 for b in breaks if b < cue[0]], default=0)
    hi = min([b for b in breaks if b >= cue[1]], default=len(sentence))
    if relative:
        for rel in _RELATIVE.finditer(sentence, cue[1], hi):
            hi = rel.start()
            break
        for but in _BUT.finditer(sentence, cue[1], hi):  # "... but differences remain over X"
            hi = but.start()
            break
        for rel in _RELATIVE.finditer(sentence, lo, cue[0]):
            lo = rel.end()
    return lo, hi


def _status(
    sentence: str, cue: tuple[int, int], kind_of_sentence: str, clauses: tuple[Clause, ...]
) -> tuple[str, str]:
    """(status, the word that decided it), read from the cue's clause (module docstring, 4)."""
    clause = clause_at(clauses, cue[0])
    if clause is not None and clause.verb:
        verb = sentence[clause.verb_start : min(clause.end, clause.verb_end + 7)]  # "called off"
        for pattern, status in _status_patterns():
            if pattern.search(verb):
                return status, verb
    for later in clauses:  # "The talks, scheduled for Friday, were postponed."
        if (clause is not None and later.index > clause.index and later.subject[0] < 0
                and not later.link and later.verb):
            verb = sentence[later.verb_start : min(later.end, later.verb_end + 7)]
            status = next((s for pattern, s in _status_patterns() if pattern.search(verb)), "")
            if status:
                return status, verb
            break
    negation = negation_at(sentence, clause, cue[0])
    if negation:
        return "negated", negation
    denial = _DENIAL.search(sentence[: clause.start if clause is not None else 0] + " ")
    if denial is None and clause is not None and clause.verb_start <= cue[0]:
        denial = _DENIED_GERUND.search(sentence[clause.start : cue[0]])
    if denial:
        return "negated", denial.group(0).strip()  # "denied that she met B": it did not happen
    condition = CONDITION.search(sentence, cue[1])
    if clause is not None and clause.finite and clause.mood in _MOOD_STATUS:
        status = _MOOD_STATUS[clause.mood]
        if condition and status == "planned":
            return "possible", condition.group(0)  # "will meet him only if ...": a condition
        return status, clause.modality
    tense = clause_tense(sentence, *cue, clauses)
    if tense.tense == "future":
        if condition:
            return "possible", condition.group(0)
        return "planned", tense.cue
    if tense.tense in ("past", "present"):
        return "held", tense.cue
    if kind_of_sentence == "caption":
        return "held", "photo caption"
    if kind_of_sentence == "headline" and _HEADLINE_TO.search(sentence[: cue[0]]):
        return "planned", "to"  # headline style: "Minister to Visit X" is what will happen
    return "unknown", ""


def _happening_now(clause: Clause | None, sentence: str, cue: tuple[int, int]) -> str:
    """Why an undated held meeting takes the publication date ("" if it does not): the news
    reports it as happening now ("is meeting", "have ended a meeting", "Leader Meets Envoy",
    "arrived in the capital")."""
    if clause is None or not clause.finite:
        return ""
    if _DURATION.search(sentence, clause.start, max(clause.end, cue[1])):
        return ""  # "have been in progress for more than a year": not a meeting of the day
    if clause.tense == "present":
        return f"present tense ('{clause.verb}')"
    if clause.tense_cue in ("has", "have") and clause.aspect.startswith("perfect"):
        return f"present perfect ('{clause.verb}')"
    arrival = sentence[cue[0] : cue[1]].lower().startswith("arriv")
    if arrival and clause.tense == "past" and clause.aspect == "simple":
        return f"an arrival ('{sentence[cue[0] : cue[1]]}')"
    # the verb or its subject, or the object of a holding verb ("held talks"), not "during a
    # summit"
    words = clause.verb.lower().split()
    holding = bool(words) and words[-1] in _HOLDING
    told_by_verb = cue[0] < clause.verb_end or (
        holding and clause.object[0] <= cue[0] < clause.object[1])
    # "a day after he conferred with B": dated by another happening, not by the news
    relative = _SUBORDINATE.search(sentence[clause.start : max(clause.start, clause.verb_start)])
    if clause.tense == "past" and not clause.modality and told_by_verb and not relative:
        # "He met with the envoy.", "had been greeted on arrival": the news of the day.
        return f"past tense without a date of its own ('{clause.verb}')"
    return ""


def _new_date(text: str, date: dict, published: _date) -> dict:
    """A date after a postponement ("postponed until Saturday") is the new one, ahead of the
    news whatever the tense of "was postponed"."""
    found = find_date_expressions(text[date["span"][0] : date["span"][1]])
    if not found:
        return date
    new = resolve(found[0], published, Tense("future", "postponed"))
    if not new.date or new.date == date["date"]:
        return date
    return {**date, "date": new.date, "precision": new.precision, "date_start": new.date_start,
            "date_end": new.date_end,
            "how": f"{new.how}; after a postponement the date is the new one, ahead"}


def _date_of_report(
    sentence_dates: list[SimpleNamespace], offset: int, own: Clause | None, published: str
) -> dict[str, str] | None:
    """The day a past meeting was reported, when a clause before the meeting's dates the
    report ("On Sunday, the ministry said she met B"): the meeting happened by then, and the
    report's day is the reading closest to the text. None without such a date."""
    if own is None:
        return None
    before = [d for d in sentence_dates
              if int(d.end) - offset <= own.start and d.precision == "day" and d.date
              and (not published or d.date <= published)]
    if not before:
        return None
    d = before[-1]
    return {"date": d.date, "precision": d.precision, "date_start": d.date_start,
            "date_end": d.date_end, "how": f"the day it was reported: '{d.quote}'"}


def _roles(sentence: str, people: list[Mention]) -> tuple[dict[str, str], str]:
    """Role of each participant as written, and a kind the roles upgrade the meeting to."""
    roles: dict[str, str] = {}
    upgrade = ""
    for m in people:
        left = sentence[: m.start]
        # Strip earlier items of a coordinated list: "of France, Germany and " -> "of ".
        for _ in range(6):
            new = re.sub(
                r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*(?:\s*,\s*and|\s*,|\s+and)\s*$", "", left
            )
            if new == left:
                break
            left = new
        for row in _role_patterns():
            pat = row["pattern"]
            if row["where"] == "before_of":
                found = re.search(
                    rf"(?:\bthe\s+)?((?:[\w-]+\s+)?(?:{pat}))\s+of\s+$", left, re.IGNORECASE
                )
                if found:
                    roles[m.actor_id] = found.group(1).lower()
                    upgrade = upgrade or row["kind"]
            elif row["where"] == "after":
                if re.match(rf"(?:{pat})", sentence[m.end :], re.IGNORECASE):
                    roles[m.actor_id] = row["role"]
            elif re.search(rf"(?:{pat})\s+(?:the\s+)?$", sentence[: m.start], re.IGNORECASE):
                roles[m.actor_id] = row["role"]
    return roles, upgrade


def select_participants(
    sentence: str,
    window: tuple[int, int],
    mentions: list[Mention],
    cue_kind: str,
    cue: tuple[int, int],
    speakers: bool = False,
) -> tuple[list[Mention], Mention | None]:
    """Participants and place of one cue (module docstring, rule 3).

    ``speakers=True`` keeps the subject of a reporting verb (the actor of a statement).
    """
    inside = [m for m in mentions if window[0] <= m.start and m.end <= window[1]]
    places = [m for m in inside if m.role == "location"]
    if cue_kind == "visit":  # "visited Oslo": the object of a visit is its place
        # (a person or a body visited is a participant, and a host's object is the guest)
        nxt = [m for m in inside if m.start >= cue[1] and not sentence[cue[1] : m.start].strip()
               and m.kind in ("state", "place")
               and not sentence[cue[0] : cue[1]].lower().startswith("host")]
        places = nxt[:1] + [p for p in places if p not in nxt]
    # "talks on X", "a meeting about X": X is the topic, not a party; "around the time of X"
    people = [m for m in inside if m not in places and not _TOPIC.search(sentence[: m.start])
              and not _TIME_OF.search(sentence[: m.start])]
    # "Crucial Xandia Talks": a lone state right before the talks noun is their subject matter
    # ("Xandia-Freedonia talks" names the parties)
    people = [m for m in people if not (
        cue_kind == "talks" and _TALKS_NOUN.match(sentence[cue[0] : cue[1]])
        and m.kind == "state" and m.end < cue[0]
        and _TOPIC_WORDS.match(sentence[m.end : cue[0]])
        and not re.search(r"[-–,]\s*$|\band\s+$", sentence[: m.start]))]
    # "talks intensify to get X to disarm": X is made to act, not a party
    people = [m for m in people if not (_CAUSED.search(sentence[: m.start])
                                        and re.match(r"\s+to\b", sentence[m.end :]))]
    reporting = _reporting_verbs()
    kept = []
    for i, m in enumerate(people):
        first = re.match(r"\s*([a-z]+)", sentence[m.end : m.end + 30].lower())
        if (first and first.group(1) in reporting and not speakers
                and not _ADDRESSED.match(sentence[m.end : cue[0]])
                and not (sentence[cue[0] : cue[1]].lower().endswith("ing")
                         and _OWN_ACT.fullmatch(sentence[m.end : cue[0]]))):
            continue  # the speaker ("the ministry said"), not a participant
        qualifies = (
            m.how == "demonym"
            or sentence[m.end : m.end + 2] in ("'s", "’s")
            or (m.kind == "organization" and _AFFILIATION.match(sentence[m.end : m.end + 45]))
        )
        follower = people[i + 1] if i + 1 < len(people) else None
        if (follower is not None and follower.start == m.end + 1 and m.kind != "person"
                and follower.kind in ("organization", "armed_group")):
            continue  # "the opposition Xandian Council": the noun describes the group named
        if (follower is not None and m.kind == "organization"
                and _MEMBER.match(sentence[m.end : follower.start])):
            continue  # "Xandian League member Freedonia": the league says which Freedonia
        # the person it qualifies may follow another qualifier ("U.N. Xandia envoy Jan Berg")
        nxt = next((p for p in people[i + 1 :] if p.kind == "person"), None)
        if (
            qualifies
            and nxt is not None
            and nxt.kind == "person"
            and nxt.start - m.end <= 45
            and not re.search(r"[,;:]", sentence[m.end : nxt.start])
        ):
            continue  # "Norwegian Prime Minister Jan Berg": Norwegian qualifies Berg
        kept.append(m)
    person_countries = {m.country for m in kept if m.kind == "person" and m.country}
    result, seen = [], set()
    for m in kept:
        if m.kind != "person" and m.country in person_countries:
            continue  # the state of a person who takes part is there through that person
        if m.actor_id in seen:
            continue
        seen.add(m.actor_id)
        result.append(m)
    location = None
    named = [p for p in places if p.how != "demonym"]
    places = named or places  # "the Norwegian port of Bergen": Bergen
    after_cue = [p for p in places if p.start >= cue[1]]
    if after_cue or places:
        location = (after_cue or places)[0]
    return result, location


def mentions_by_sentence(
    actors: pd.DataFrame, mentions: pd.DataFrame, article: Article
) -> dict[int, list[Mention]]:
    """sentence_id -> that sentence's mentions, in order, joined with their actor's name, kind
    and country and with sentence-relative offsets: the one view meetings and events read, so
    both see the same participants (a place that never acts gets its state from the lexicon)."""
    info = {
        actor_id: (name, kind, country)
        for actor_id, name, kind, country in zip(
            actors["actor_id"], actors["name"], actors["kind"], actors["country"], strict=True
        )
    }
    starts = dict(zip(article.sentences["sentence_id"].tolist(),
                      article.sentences["start"].tolist(), strict=True))
    out: dict[int, list[Mention]] = {}
    for m in mentions.sort_values(["sentence_id", "start"]).itertuples(index=False):
        if m.actor_id in info:
            a_name, a_kind, a_country = info[m.actor_id]
            name, kind = str(a_name), str(a_kind)
            country = str(a_country) if isinstance(a_country, str) else ""
        elif m.role_in_sentence == "location":
            # A place that never acts is not in the actors frame: its state comes from the
            # country lexicon ("in Paris" -> France), so the host can still be found.
            form = country_forms().get(fold(str(m.text)))
            country = form.iso3 if form else ""
            name, kind = (country_name(country) if country else str(m.text)), "place"
        else:
            continue
        offset = int(starts[int(m.sentence_id)])
        out.setdefault(int(m.sentence_id), []).append(
            Mention(
                actor_id=str(m.actor_id),
                name=name,
                kind=kind,
                country=country,
                start=int(m.start) - offset,
                end=int(m.end) - offset,
                text=str(m.text),
                how=str(m.how),
                role=str(m.role_in_sentence),
            )
        )
    return out


def _date_for(
    sentence_dates: list[SimpleNamespace],
    sentence: str,
    offset: int,
    window: tuple[int, int],
    cue: tuple[int, int],
    published: str,
    clauses: tuple[Clause, ...] = (),
) -> dict[str, str]:
    """The date of a meeting: nearest date expression in its window and its clause, so the
    date of a reporting verb ("said on Monday he might meet") is not the meeting's (module
    docstring, 5)."""
    own = clause_at(clauses, cue[0])
    empty = {
        "date": "",
        "precision": "",
        "date_start": "",
        "date_end": "",
        "how": "",
        "relation": "",
        "span": (),
    }
    rows = []
    for d in sentence_dates:
        s, e = int(d.start) - offset, int(d.end) - offset
        if own is not None and clause_at(clauses, s) is not own:
            continue
        if window[0] <= s and e <= window[1]:
            if s > cue[1] and _OTHER_EVENT.search(sentence, cue[1], s):
                continue  # "talks ... after the truce expires on Friday": the expiry's date
            rows.append((min(abs(s - cue[1]), abs(cue[0] - e)), s, e, d))
    if not rows:
        # "meet again in X around the time of Y, around the 28th, to ...": a date set off by
        # commas right after the meeting's stretch is its date
        for d in sentence_dates:
            s, e = int(d.start) - offset, int(d.end) - offset
            if (s > window[1] and _APPOSED_DATE.fullmatch(sentence[window[1] : s])
                    and re.match(r"\s*(?:,|\.|$)", sentence[e:])):
                rows.append((s - window[1], s, e, d))
    when = None
    if not rows:
        # "since May 2020, when she also met Berg": the when-clause takes that date.
        for d in sentence_dates:
            e = int(d.end) - offset
            if e <= window[0] and WHEN_AFTER_DATE.match(sentence[e:]):
                when = d
        if when is None:
            return empty
        start, end = interval(when.date, when.precision)
        return {
            "date": when.date,
            "precision": when.precision,
            "date_start": start,
            "date_end": end,
            "relation": "when",
            "how": f"the clause ', when …' takes the date it follows: '{when.quote}' "
            f"= {when.date} ({when.precision})",
            "span": (int(when.start) - offset, int(when.end) - offset),
        }
    _, s, e, d = min(rows, key=lambda r: r[0])
    result = {
        "date": d.date,
        "precision": d.precision,
        "date_start": d.date_start,
        "date_end": d.date_end,
        "how": d.how or d.note,
        "relation": d.relation,
        "span": (s, e),
    }
    if not d.relation and _AFTER.search(sentence[:s]) and published and d.date:
        word = _AFTER.search(sentence[:s]).group(0).split()[0].lower()
        result.update(
            relation=word,
            date_end=published,
            how=f"{d.how}; '{word}' it: between it and publication ({published})",
        )
    return result


def _collect(
    article: Article, actors: pd.DataFrame, mentions: pd.DataFrame,
    dates: pd.DataFrame | None = None, clauses: dict[int, tuple[Clause, ...]] | None = None,
) -> list[_Meeting]:
    layer = sentence_clauses(article) if clauses is None else clauses
    dates = extract_dates(article, layer) if dates is None else dates
    by_sentence = mentions_by_sentence(actors, mentions, article)
    dates_by_sentence: dict[int, list[SimpleNamespace]] = {}
    for row in dates.to_dict("records"):  # one pass; rows read by attribute like the frame's
        dates_by_sentence.setdefault(int(row["sentence_id"]), []).append(SimpleNamespace(**row))
    published = article.published.isoformat() if article.published else ""
    found: list[_Meeting] = []
    for sent in article.sentences.itertuples(index=False):
        sid, text, offset = int(sent.sentence_id), sent.text, int(sent.start)
        clauses = layer.get(sid, ())
        ments = by_sentence.get(sid, [])
        anaphors = _pair_anaphors(text, sid, ments, found, by_sentence)
        if anaphors:
            ments = sorted(ments + anaphors, key=lambda m: m.start)
        sdates = dates_by_sentence.get(sid, [])
        per_sentence: list[_Meeting] = []
        for c_start, c_end, kind, part in find_cues(text):
            cue = (c_start, c_end)
            window = clause_window(text, cue, ments)
            own = clause_at(clauses, c_start)
            if own is not None and own.finite:  # "met A in Cairo, and he conferred with B"
                end = own.end
                if _DANGLING.search(text[own.start : own.end]):
                    # "said talks with | B were useful": the clause cannot end on "with"; its
                    # object is the next clause's subject
                    nxt = next((c for c in clauses if c.index == own.index + 1), None)
                    if nxt is not None and nxt.subject[0] >= 0:
                        end = nxt.subject[1]
                window = (max(window[0], own.start), min(window[1], end))
            condition = CONDITION.search(text, c_end, window[1])
            if condition:  # "will meet A only if B agrees": B sets the condition, not a party
                window = (window[0], condition.start())
            if _GOAL.search(text[:c_start]):
                continue  # "pushing toward negotiations": an aim, not a meeting
            if kind == "greeting" and _ACTIVE_WELCOME.fullmatch(text[c_start:c_end]) and not any(
                    m.role == "actor" and m.kind != "place"
                    and _GUEST_GAP.fullmatch(text[c_end : m.start]) for m in ments):
                continue  # "received aid", "welcomed the decision": no guest, no greeting
            people, location = select_participants(text, window, ments, kind, cue)
            people += [m for m in _verb_subject(text, own, cue, window, ments, kind, clauses)
                       if m.actor_id not in {p.actor_id for p in people}]
            if own is not None and own.link in ("who", "that") and own.subject[0] < 0:
                # "X, who met Y on Monday, said ...": the relative pronoun's antecedent met Y
                antecedent = [m for m in ments if m.role == "actor" and m.end <= own.start
                              and _ANTECEDENT.fullmatch(text[m.end : own.start])]
                people = antecedent[-1:] + [p for p in people
                                            if p.actor_id not in {a.actor_id for a in antecedent}]
            said = _SAID_TALKS.search(text[:c_start])
            if said and part == "noun" and re.match(r"\s+with\b", text[c_end:]):
                # "X said talks with Y were useful": X speaks of its own talks with Y
                speaker = [m for m in ments if m.role == "actor" and m.end <= said.start(1)]
                if speaker and speaker[-1].actor_id not in {p.actor_id for p in people}:
                    people = speaker[-1:] + people
            setting = _setting_subject(text, cue, own)
            if setting is not None:
                people, _ = select_participants(text, setting, ments, kind, cue)
            if not people:
                people = _subject_of_neighbour(text, clauses, cue, ments, kind)
            main = (_main_clause(clauses, cue) if part == "noun" and _LEAD_IN.search(text[:c_start])
                    else None)
            if main is not None:
                subject, _ = select_participants(text, main.subject, ments, kind, cue)
                if subject:
                    ids = {s.actor_id for s in subject}
                    people = subject + [p for p in people if p.start >= c_end
                                        and p.actor_id not in ids and _WITH.search(text[: p.start])]
            status, _why = _status(text, cue, sent.kind, clauses)
            roles, upgrade = _roles(text, people)
            if upgrade and kind in ("talks", "summit"):
                kind = upgrade
            date = _date_for(sdates, text, offset, window, cue, published, clauses)
            if status in ("postponed", "cancelled") and date["span"]:
                put_off = next((m.start() for pattern, _ in _status_patterns()
                                for m in pattern.finditer(text, c_end)), -1)
                if date["span"][1] <= put_off:  # "scheduled for Friday, were postponed"
                    date = {**date, "date": "", "precision": "", "date_start": "",
                            "date_end": "", "span": (), "how": ""}
                elif status == "postponed" and article.published:
                    date = _new_date(text, date, article.published)
            if main is not None and not date["date"]:
                date = _date_for(sdates, text, offset, (main.start, main.end),
                                 (main.verb_start, main.verb_end), published, clauses)
            aim = _AIM.search(text, own.verb_end if own is not None and own.verb else 0, c_start)
            if (kind == "agreement" and part == "noun"
                    and status in ("held", "planned", "unknown")
                    and SOUGHT.search(text[: c_start])):
                status = "possible"  # "closer to a deal", "pushing for an agreement by May"
            if aim and status == "held" and kind == "agreement":
                # "met on Monday to try to hash out a deal": the deal is an aim, not yet held
                status, date = "possible", {**date, "date": "", "precision": "",
                                            "date_start": "", "date_end": "", "span": ()}
            now = _happening_now(clause_at(clauses, cue[0]), text, cue)
            if not date["date"] and status == "held" and now and published:
                date = dict(date, date=published, precision="day", date_start=published,
                            date_end=published,
                            how=f"reported as happening now, {now}: the publication date")
                said = _date_of_report(sdates, offset, own, published)
                if now.startswith("past") and said is not None:
                    date.update(said)
            pieces = [cue] + [(m.start, m.end) for m in people]
            if location is not None:
                pieces.append((location.start, location.end))
            if date["span"]:
                pieces.append(date["span"])
            span = (offset + min(p[0] for p in pieces), offset + max(p[1] for p in pieces))
            meeting = _Meeting(
                sid,
                sent.kind,
                len(found) + len(per_sentence),
                kind,
                status,
                cue,
                people,
                roles,
                location,
                date,
                span,
            )
            meeting.clause = own.index if own is not None else -1
            meeting.arrival = text[c_start:c_end].lower().startswith("arriv")
            lo = own.start if own is not None else window[0]
            meeting.again = bool(_AGAIN.search(text, lo, own.end if own is not None else window[1]))
            same = [
                m for m in per_sentence
                if m.status == status and clause_at(clauses, m.cue[0]) is own
            ]
            if same:  # two cues of one sentence, one meeting ("met ... for talks")
                _merge_into(same[0], meeting)
                continue
            per_sentence.append(meeting)
        _date_failed_deals(per_sentence)
        _add_joiners(text, sid, clauses, ments, found)
        _add_delegation_heads(text, sid, ments, found)
        found.extend(per_sentence)
    found.extend(_implied_by_negation(found, dates, article))
    return [m for m in found if m.participants]


# "U.N. Secretary-General Li", "U.N. envoy Jane Doe": the organisation names the person's
# office (title words only between them), it does not take part by itself.
_AFFILIATION = re.compile(r"^[\s-]+(?:(?:[A-Z][\w.'’-]*|envoy|chief|special|representative|"
                          r"spokes(?:man|woman|person)|minister|ambassador|official|"
                          r"secretary-general|secretary|humanitarian|commissioner|mediator|"
                          r"negotiator|adviser|advisor|head|leader)\s+){1,4}"
                          r"(?=[A-Z])")
_HOLDING = frozenset({"held", "hold", "holds", "holding", "had", "began", "opened"})
_JOIN = re.compile(r"^\s*(?:,\s*and|,|and)\s*$")


def _verb_subject(
    sentence: str, clause: Clause | None, cue: tuple[int, int], window: tuple[int, int],
    mentions: list[Mention], kind: str, clauses: tuple[Clause, ...] = (),
) -> list[Mention]:
    """The subject of a meeting verb takes part even when an apposition cuts it from the verb
    ("The envoy to X, Ana Lopes, met Berg"): the last coordinated actors of the clause's
    subject, when the window does not reach them. The object of a holding verb counts as the
    verb ("have held talks"), and a clause cut from its subject by an apposition after a
    reporting verb ("Berg says he and his counterpart, Ana Lopes, have held talks") takes the
    reporting verb's object as its subject."""
    if clause is None:
        return []
    verb_words = clause.verb.lower().split()
    holds = bool(verb_words) and verb_words[-1] in _HOLDING and clause.object[0] <= cue[0] < (
        clause.object[1])
    # "denied meeting B", "considered visiting X": a gerund right after the verb is its act
    gerund = (sentence[cue[0] : cue[1]].lower().endswith("ing") and clause.verb_end >= 0
              and sentence[clause.verb_end : cue[0]].strip().lower() in ("", "having", "ever"))
    if not (clause.verb_start <= cue[0] < clause.verb_end or holds or gerund):
        return []
    subject = clause.subject
    if subject[0] < 0:
        before = [c for c in clauses if c.index == clause.index - 1]
        if (before and before[0].object[0] >= 0
                and before[0].verb.lower().split()[-1:] and before[0].verb.lower().split()[-1]
                in _reporting_verbs()
                and not sentence[before[0].object[1] : clause.start].strip(" ,")):
            subject = before[0].object
    if subject[0] < 0:
        return []
    reported = subject != clause.subject  # the whole object of the reporting verb takes part
    lo, hi = subject
    if window[0] <= lo:
        return []
    inside = [m for m in mentions if lo <= m.start and m.end <= hi and m.role == "actor"]
    people, _ = select_participants(sentence, (lo, hi), inside, kind, cue)
    if not people:
        return []
    if reported:
        return people
    group = [people[-1]]
    for m in reversed(people[:-1]):
        if m.start != group[0].start and not _JOIN.match(sentence[m.end : group[0].start]):
            break  # (two parties read at one span are the two of a pair anaphor)
        group.insert(0, m)
    return group


def _main_clause(clauses: tuple[Clause, ...], cue: tuple[int, int]) -> Clause | None:
    """The finite clause with a subject nearest the cue's, before it first (the clause a
    lead-in phrase "Following talks, ..." or "..., following talks" belongs to)."""
    own = clause_at(clauses, cue[0])
    if own is None:
        return None
    before = [c for c in clauses if c.index < own.index][::-1]
    after = [c for c in clauses if c.index > own.index]
    return next((c for c in before + after if c.finite and c.subject[0] >= 0), None)


def _add_delegation_heads(
    text: str, sid: int, ments: list[Mention], found: list[_Meeting],
) -> None:
    """"The head of the delegation, X, ...", "the delegation, led by X": X took part in the
    last meeting told just before with a delegation among its parties."""
    for match in _HEADS.finditer(text):
        person = next((m for m in ments if m.start >= match.end() and m.kind == "person"
                       and m.role == "actor"), None)
        target = next((m for m in reversed(found) if sid - m.sentence_id <= _LOOKBACK
                       and any("delegation" in p.name.lower() for p in m.participants)), None)
        if person is None or target is None:
            continue
        if person.actor_id not in {p.actor_id for p in target.participants}:
            target.participants = target.participants + [person]
            target.also_in = sorted(set(target.also_in) | {sid})


def _setting_subject(
    sentence: str, cue: tuple[int, int], clause: Clause | None
) -> tuple[int, int] | None:
    """The subject span of the clause when the meeting noun only sets the scene of its act
    ("X criticized Y during a conference": X takes part, Y does not), else None."""
    if clause is None or clause.verb_end < 0 or clause.subject[0] < 0:
        return None
    if cue[0] <= clause.verb_end or not _SETTING.search(sentence[clause.verb_end : cue[0]]):
        return None
    return clause.subject


def _subject_of_neighbour(
    sentence: str, clauses: tuple[Clause, ...], cue: tuple[int, int], mentions: list[Mention],
    kind: str,
) -> list[Mention]:
    """Participants of a cue in a gerund clause without actors of its own ("Despite holding
    talks on Monday, the sides failed to agree"; "After meeting X, the envoy left"): the
    subject of the nearest finite clause, which is who did the holding."""
    own = clause_at(clauses, cue[0])
    if own is None or own.finite:
        return []
    order = [c for c in clauses if c.index > own.index] + [
        c for c in clauses if c.index < own.index
    ][::-1]
    for c in order:
        if c.finite and c.subject[0] >= 0:
            window = c.subject
            people, _ = select_participants(sentence, window, mentions, kind, cue)
            if people:
                return people
    return []


@lru_cache(maxsize=1)
def _pair_patterns() -> list[tuple[re.Pattern, bool]]:
    """Phrases that refer back to two parties ("the two leaders", "both sides"): the
    ``pair_anaphor`` rows of ``relation_cues.csv``, one list for relations and meetings, each
    with whether it names two persons (``ends`` = person)."""
    return [(re.compile(r["pattern"], re.IGNORECASE), r["ends"].strip() == "person")
            for r in lexicon_rows("relation_cues.csv") if r["kind"] == "pair_anaphor"]


def _pair_anaphors(
    text: str, sid: int, ments: list[Mention], found: list[_Meeting],
    by_sentence: dict[int, list[Mention]],
) -> list[Mention]:
    """Mentions for "the two leaders", "both sides" ...: the two parties of the last meeting
    told in the sentences just before, else the last two actors named there (persons for a
    noun of people), each placed at the phrase's span. "his counterparts" are the parties of
    the meeting just told ("X met in Y. Z said he and his counterparts ...")."""
    out: list[Mention] = []
    for match in _COUNTERPARTS.finditer(text):
        last = next((m for m in reversed(found) if sid - m.sentence_id <= _LOOKBACK), None)
        if last is not None:
            s, e = match.span(1)
            out += [replace(p, start=s, end=e, text=match.group(1), how="pair anaphor",
                            role="actor") for p in last.participants]
    for pattern, people in _pair_patterns():
        for match in pattern.finditer(text):
            s, e = match.span()
            if any(m.start < e and s < m.end for m in ments + out):
                continue  # part of a name, or already read
            pair = _pair_for(sid, s, ments, found, by_sentence, people)
            out += [replace(m, start=s, end=e, text=match.group(0), how="pair anaphor",
                            role="actor") for m in pair]
    return out


def _pair_for(
    sid: int, start: int, ments: list[Mention], found: list[_Meeting],
    by_sentence: dict[int, list[Mention]], people: bool,
) -> list[Mention]:
    """The two a pair anaphor stands for: two actors named earlier in its own sentence; else
    the parties of the last two-party meeting (in the sentences just before for a noun of
    people, "the two leaders"; anywhere before for "both sides", the sides of the talks);
    else the last two actors of the sentences just before."""
    def last_two(mentions: list[Mention]) -> list[Mention]:
        last: dict[str, Mention] = {}
        for m in mentions:
            if m.role == "actor" and m.how != "pair anaphor" and (
                    m.kind == "person" if people else m.kind != "place"):
                last.pop(m.actor_id, None)
                last[m.actor_id] = m
        pair = list(last.values())[-2:]
        return pair if len(pair) == 2 else []

    own = last_two([m for m in ments if m.end <= start])
    if own:
        return own
    for m in reversed(found):
        if people and sid - m.sentence_id > _LOOKBACK:
            break
        if len(m.participants) == 2 and (not people or all(
                p.kind == "person" for p in m.participants)):
            return list(m.participants)
        if people:
            break  # "the two leaders" are those of the meeting just told, or of no meeting
    return last_two([m for s in range(sid - _LOOKBACK, sid) for m in by_sentence.get(s, [])])


def _date_failed_deals(per_sentence: list[_Meeting]) -> None:
    """"failed to reach a deal despite holding talks on Monday": the deal failed at those
    talks, on their day (an undated negated agreement takes the date of the sentence's dated
    held meeting)."""
    held = [m for m in per_sentence if m.status == "held" and m.kind != "agreement"
            and m.date["date"]]
    for m in per_sentence:
        if m.kind == "agreement" and m.status == "negated" and not m.date["date"] and held:
            m.date = dict(held[0].date, how=f"{held[0].date['how']}; the talks it failed at")


def _add_joiners(
    text: str, sid: int, clauses: tuple[Clause, ...], ments: list[Mention],
    found: list[_Meeting],
) -> None:
    """"X also joined the meeting": the subject of the clause takes part in the last meeting
    told in the sentences just before (the noun refers back to it, so it is no new row)."""
    for match in _JOINED.finditer(text):
        target = next((m for m in reversed(found) if sid - m.sentence_id <= _LOOKBACK), None)
        clause = clause_at(clauses, match.start())
        if target is None or clause is None or clause.subject[0] < 0:
            continue
        people, _ = select_participants(text, clause.subject, ments, target.kind, match.span())
        ids = {p.actor_id for p in target.participants}
        added = [p for p in people if p.actor_id not in ids]
        if added:
            target.participants = target.participants + added
            target.also_in = sorted(set(target.also_in) | {sid})


def _implied_by_negation(
    found: list[_Meeting], dates: pd.DataFrame, article: Article
) -> list[_Meeting]:
    """'has not visited X since <date>, when ...' says the last visit was at <date>: a held
    visit then. Without the ', when' clause the text does not say one happened, so none."""
    implied = []
    texts = article.sentences.set_index("sentence_id")["text"]
    for m in found:
        if m.status != "negated" or m.date.get("relation") != "since" or not m.date["span"]:
            continue
        sentence, end = texts[m.sentence_id], m.date["span"][1]
        if not WHEN_AFTER_DATE.match(sentence[end:]):
            continue
        if any(o.sentence_id == m.sentence_id and o.date.get("relation") == "when"
               and o.status == "held" and o.location is not None and m.location is not None
               and o.location.actor_id != m.location.actor_id for o in found):
            continue  # "not visited X since <date>, when they met in Y": no visit to X then
        start, stop = interval(m.date["date"], m.date["precision"])
        date = dict(
            m.date,
            date_start=start,
            date_end=stop,
            relation="",
            how=m.date["how"].split("; 'since'")[0]
            + "; 'not … since <date>, when …' says the last such meeting was then",
        )
        implied.append(
            _Meeting(m.sentence_id, m.sentence_kind, m.order + 0.5, m.kind, "held", m.cue,
                     list(m.participants), dict(m.roles), m.location, date, m.span,
                     clause=m.clause + 1)  # the ", when" clause right after the date
        )
    return implied


def _compatible(a: _Meeting, b: _Meeting) -> bool:
    if a.status != b.status:
        return False
    if a.kind != b.kind and "talks" not in (a.kind, b.kind):
        return False
    pa, pb = {p.actor_id for p in a.participants}, {p.actor_id for p in b.participants}
    if not (pa & pb) or not (pa <= pb or pb <= pa):
        return False
    if a.date["date"] and b.date["date"] and a.date["date"] != b.date["date"]:
        return False
    la = a.location.actor_id if a.location else ""
    lb = b.location.actor_id if b.location else ""
    return not (la and lb and la != lb)


def _restated(body: _Meeting, display: _Meeting) -> bool:
    """A headline or caption names the body meeting: a shared participant or the same place,
    and a compatible kind (its tense and date are the headline's shorthand, not new facts)."""
    if body.kind != display.kind and "talks" not in (body.kind, display.kind):
        if not {body.kind, display.kind} <= {"talks", "visit", "summit", "ministerial"}:
            return False
    pa = {p.actor_id for p in body.participants}
    pb = {p.actor_id for p in display.participants}
    la = body.location.actor_id if body.location else ""
    lb = display.location.actor_id if display.location else ""
    return bool(pa & pb) or bool(la and la == lb)


def _later_restates(earlier: _Meeting, later: _Meeting) -> bool:
    """A later body sentence restates an earlier meeting unless it adds a date the first lacks
    (then the two cannot be told apart, and are kept apart)."""
    if earlier.sentence_id == later.sentence_id:
        return earlier.clause == later.clause  # "met X as he continues his visit": two
    before = {p.actor_id for p in earlier.participants}
    via = {p.actor_id for p in later.participants if p.how == "pair anaphor"}
    if (via and via <= before and not later.again
            and later.sentence_id - earlier.sentence_id <= _LOOKBACK):
        return True  # "A and B held talks. The two leaders met C in X": those talks, told more
    named = {p.actor_id for p in later.participants} - before
    if named:
        return False  # a later sentence that names more parties tells of another meeting
    return not (later.date["date"] and not earlier.date["date"])


def _new_date_for(postponed: _Meeting, later: _Meeting) -> bool:
    """A later planned or possible mention with the same parties gives a postponed meeting its
    new date (one meeting, put off to then)."""
    if postponed.status != "postponed" or postponed.date["date"] or not later.date["date"]:
        return False
    if postponed.kind != later.kind and "talks" not in (postponed.kind, later.kind):
        return False
    return ({p.actor_id for p in postponed.participants}
            == {p.actor_id for p in later.participants})


def _ongoing_visit_of(visit: _Meeting, arrival: _Meeting) -> bool:
    """Whether ``arrival`` is the start of ``visit``, a visit of the same people told as under
    way at publication."""
    return (visit.kind == "visit" and visit.status == "held" and not visit.arrival
            and visit.date["how"].startswith("reported as happening now")
            and {p.actor_id for p in visit.participants}
            == {p.actor_id for p in arrival.participants})


def _merge_into(keep: _Meeting, other: _Meeting) -> None:
    ids = {p.actor_id for p in keep.participants}
    added = [p for p in other.participants if p.actor_id not in ids]
    if added:
        merged = keep.participants + added
        # a state is there through its own person, once both are named (rule 3)
        countries = {p.country for p in merged if p.kind == "person" and p.country}
        keep.participants = [p for p in merged
                             if not (p.kind == "state" and p.country in countries)]
    for key, value in other.roles.items():
        keep.roles.setdefault(key, value)
    if keep.location is None and other.location is not None:
        keep.location = other.location
    if not keep.date["date"] and other.date["date"]:
        keep.date = other.date
    if _KIND_RANK[other.kind] < _KIND_RANK[keep.kind]:
        keep.kind = other.kind
    if other.sentence_id != keep.sentence_id:
        keep.also_in = sorted(set(keep.also_in + [other.sentence_id] + other.also_in))
    else:
        keep.span = (min(keep.span[0], other.span[0]), max(keep.span[1], other.span[1]))


def _deduplicate(found: list[_Meeting]) -> list[_Meeting]:
    """Merge mentions of one meeting (module docstring, rule 6).

    A body mention can only restate a meeting told before it (or in its own sentence): an
    undated "he had arrived for a visit" is not the visit of two years ago told later. The
    headline and the caption restate the body, so they merge into the first compatible body
    meeting wherever it is.
    """
    body = sorted((m for m in found if m.sentence_kind == "body"), key=lambda m: m.order)
    display = sorted((m for m in found if m.sentence_kind != "body"), key=lambda m: m.order)
    kept: list[_Meeting] = []
    for m in body:
        target = next((k for k in kept if _compatible(k, m) and _later_restates(k, m)), None)
        if target is None and m.status in ("planned", "possible"):
            # "the meeting was postponed ... It is now expected on Saturday": the new date
            target = next((k for k in kept if _new_date_for(k, m)), None)
            if target is not None:
                target.date = m.date if not target.date["date"] else target.date
        if target is None and m.arrival and m.status == "held":
            # "continues his visit ... After arriving in X on Thursday": the arrival began the
            # visit under way, one visit (dated as the visit is told)
            target = next((k for k in kept if _ongoing_visit_of(k, m)), None)
        if target is None:
            kept.append(m)
        else:
            _merge_into(target, m)
    for m in display:
        target = next((k for k in kept if _compatible(k, m)), None)
        if target is None:  # a headline restates the story's meeting in fewer words
            target = next((k for k in kept if k.sentence_kind == "body" and _restated(k, m)),
                          None)
        if target is None:
            kept.append(m)
        else:
            _merge_into(target, m)
    return sorted(kept, key=lambda k: (k.span[0], k.order))


def _mode(m: _Meeting) -> tuple[str, str]:
    """(mode, host name) from the place and the participants' countries."""
    countries = {p.country for p in m.participants if p.country}
    if m.kind == "phone call":
        return "phone", ""
    if m.kind == "agreement" and "mediator" in m.roles.values():
        return "third-party", ""
    host = ""
    if m.location is not None and m.location.country:
        hosts = [p for p in m.participants if p.country == m.location.country]
        # One participant of the place's country hosts; several (two envoys) -> their state.
        # None of them: a visit is hosted by the visited state; talks elsewhere have no host.
        visited = bool(hosts) or m.kind in ("visit", "greeting")
        host = hosts[0].name if len(hosts) == 1 else (m.location.name if visited else "")
    if len(countries) >= 3:
        return "multilateral", host
    if m.kind in ("visit", "greeting"):
        return "visit", host
    if m.location is None or not m.location.country:
        return "", host
    if m.location.country in countries:
        return "visit", host
    return "third-party", host


def extract_meetings(
    article: Article, actors: pd.DataFrame | None = None, mentions: pd.DataFrame | None = None,
    dates: pd.DataFrame | None = None, clauses: dict[int, tuple[Clause, ...]] | None = None,
) -> pd.DataFrame:
    """Every meeting the article mentions, one row each (columns ``MEETING_COLUMNS``).

    ``actors``/``mentions`` default to :func:`analysis.actors.actor_frames` of the article;
    pass them (and the article's ``dates`` frame and ``clauses`` layer) to reuse layers
    already computed.
    """
    if actors is None or mentions is None:
        actors, mentions = actor_frames(article)
    rows = []
    for m in _deduplicate(_collect(article, actors, mentions, dates, clauses)):
        mode, host = _mode(m)
        plover, cameo = code_meeting(m.kind, mode, m.status)
        names = [p.name for p in m.participants]
        roles = [m.roles.get(p.actor_id, "host" if p.name == host else "") for p in m.participants]
        rows.append(
            {
                "meeting_id": f"M{len(rows) + 1:02d}",
                "quote": article.text[m.span[0] : m.span[1]],
                "participants": "|".join(names),
                "host": host,
                "location": m.location.text if m.location is not None else "",
                "date": m.date["date"],
                "precision": m.date["precision"],
                "date_start": m.date["date_start"],
                "date_end": m.date["date_end"],
                "status": m.status,
                "kind": m.kind,
                "plover": plover,
                "plover_mode": mode,
                "cameo": cameo,
                "sentence_id": m.sentence_id,
                "start": m.span[0],
                "end": m.span[1],
                "roles": "|".join(roles),
                "how_dated": m.date["how"] or "no date in the sentence",
                "also_in": "|".join(str(s) for s in m.also_in),
            }
        )
    return make_frame(rows, MEETING_COLUMNS)
