"""Every dated happening the article mentions: what happened, who, when, and whether it did.

One row per date expression of the article (from :mod:`analysis.dates`), with the happening it
dates: the nearest event word of ``data/lexicons/event_cues.csv`` in the date's clause, before
the date first ("intervened in the conflict in 1987"), then after it ("In June the
ministers ... met"). A date used as a noun modifier dates the noun after it ("a March 2
flood"). A clause ", when …" right after a date is a second happening at that date ("since
May 2020, when she also met Berg"). The actors are the actor mentions of the clause (the
speaker included: the ministry is the actor of "the ministry said"); a relative clause takes its
antecedent ("Paris which intervened" -> Paris). Status (:func:`_status`): negated ("has not
visited", "failed to"), possible (the clause's mood, an agreement sought, a condition), planned
(a future clause, or a date after publication), else held.

A date opening the sentence ("On Friday, the envoy warned ...") dates the clause after its comma.
A happening after a definite event noun told before ("After the quake X offered aid") runs from
that event's date to publication; a date after a postponement ("postponed until May") is the new
date, ahead.

The headline restates the lead, so a headline or caption row with the same date and description
as a body row is not repeated: its sentence id goes to the body row's ``also_in``.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from analysis.actors import actor_frames
from analysis.article import Article
from analysis.clauses import Clause, Tense, clause_at, negation_at, sentence_clauses
from analysis.dates import extract_dates, find_date_expressions, interval, resolve
from analysis.frames import make_frame
from analysis.lexicons import lexicon_rows
from analysis.meetings import (
    CONDITION,
    SOUGHT,
    WHEN_AFTER_DATE,
    Mention,
    clause_window,
    mentions_by_sentence,
    select_participants,
)

#: Columns of :func:`extract_events`.
EVENT_COLUMNS = (
    "event_id",
    "description",
    "actors",
    "quote",
    "sentence_id",
    "start",
    "end",
    "date",
    "precision",
    "date_start",
    "date_end",
    "status",
    "kind",
    "trigger",
    "how_dated",
    "also_in",
)

# "After the quake ...": a definite event noun after a time preposition refers back to it.
_AFTER_THE = re.compile(r"\b(after|since|following)\s+(?:the|this|that)\s+(?:[\w-]+\s+){0,1}$",
                        re.IGNORECASE)
# A date adverbial opening the sentence ("Also Saturday, ...", "On Friday, ...").
_LEADING_DATE = re.compile(r"\s*(?:(?:also|earlier|later|then|and|but|on|by|late|early)\s+)*",
                           re.IGNORECASE)
_COMMA_AFTER = re.compile(r"\s*,\s*")
# A date right after a postponement is the new date ("was postponed until May").
_PUT_OFF = re.compile(r"\b(?:postponed|delayed|put\s+off|pushed\s+back|rescheduled|moved)\s+"
                      r"(?:(?:until|till|to|for)\s+)?(?:the\s+)?$", re.IGNORECASE)
_NEW_DATE_WORD = re.compile(r"\b(?:until|till|to|for)\s+(?:the\s+)?$|^(?:until|till|to|for)\b",
                            re.IGNORECASE)
_MODIFIER_SLOT = re.compile(r"\b(?:a|an|the|its|this|that|their|his|her)\s+$", re.IGNORECASE)
_RELATIVE_BEFORE = re.compile(r"^\s*(?:which|who|that)\s+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _cues() -> tuple[list[tuple[re.Pattern, str, str]], re.Pattern | None]:
    rows = lexicon_rows("event_cues.csv")
    events = [
        (re.compile(rf"\b(?:{r['pattern']})\b", re.IGNORECASE), r["label"], r["kind"])
        for r in rows
        if r["kind"] != "conflict_noun"
    ]
    nouns = [r["pattern"] for r in rows if r["kind"] == "conflict_noun"]
    conflict = re.compile(rf"\b({'|'.join(nouns)})\b", re.IGNORECASE) if nouns else None
    return events, conflict


def find_triggers(sentence: str) -> list[tuple[int, int, str, str]]:
    """Event words of a sentence as (start, end, label, kind), longest first where they overlap."""
    events, _ = _cues()
    hits = []
    for pattern, label, kind in events:
        for m in pattern.finditer(sentence):
            text = " ".join(m.group(0).lower().split())
            hits.append((m.start(), m.end(), label.replace("{match}", text), kind))
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    chosen: list[tuple[int, int, str, str]] = []
    for hit in hits:
        if not any(hit[0] < c[1] and c[0] < hit[1] for c in chosen):
            chosen.append(hit)
    return sorted(chosen)


def _pick_trigger(
    sentence: str, span: tuple[int, int], window: tuple[int, int]
) -> tuple[int, int, str, str] | None:
    """The happening a date dates (module docstring)."""
    inside = [t for t in find_triggers(sentence) if window[0] <= t[0] and t[1] <= window[1]]
    after = [t for t in inside if t[0] >= span[1]]
    before = [t for t in inside if t[1] <= span[0]]
    if _MODIFIER_SLOT.search(sentence[: span[0]]) and after:
        return after[0]  # "a March 2 flood"
    if before:
        return before[-1]
    return after[0] if after else None


def _describe(sentence: str, trigger: tuple[int, int, str, str]) -> str:
    label = trigger[2]
    _, conflict = _cues()
    if label == "began" and conflict is not None:
        nouns = list(conflict.finditer(sentence, 0, trigger[0]))
        if nouns:
            return f"{nouns[-1].group(1).lower()} began"
    return label


def _actors_of(
    sentence: str,
    window: tuple[int, int],
    mentions: list[Mention],
    trigger: tuple[int, int, str, str],
) -> list[str]:
    """Who acts: the antecedent of "which", the speaker of a statement, nobody for a disaster,
    else the participants of the clause (as for meetings)."""
    if trigger[3] == "disaster":
        return []
    before = [
        m for m in mentions if window[0] <= m.start and m.end <= trigger[0] and m.role != "location"
    ]
    if before and _RELATIVE_BEFORE.match(sentence[before[-1].end : trigger[0]]):
        return [before[-1].name]  # "Paris which intervened"
    if trigger[3] == "statement":
        speakers = [m for m in before if m.role == "actor"]
        if speakers:
            return [speakers[-1].name]  # no speaker: "the announcement of <a deal>" -> its parties
    people, _ = select_participants(
        sentence, window, mentions, "event", (trigger[0], trigger[1]), speakers=True
    )
    return [m.name for m in people]


def _status(
    sentence: str, trigger: tuple[int, int, str, str], tense: str, clauses: tuple[Clause, ...],
    date_start: str = "", published: str = "",
) -> str:
    """negated (the clause layer's negation covers the trigger, or "refused to", "failed to");
    possible (the clause's mood: "could", "is expected to", "hopes to"; an agreement still
    sought, "closer to a deal"; a plan under a condition, "only if"); planned (a future clause,
    "will", "agreed to", or a date after publication, which cannot have happened yet); else
    held."""
    clause = clause_at(clauses, trigger[0])
    if negation_at(sentence, clause, trigger[0]):
        return "negated"
    mood = clause.mood if clause is not None and clause.finite else ""
    if mood in ("refused", "failed"):
        return "negated"
    if mood in ("possible", "intended"):
        return "possible"
    if trigger[3] == "diplomacy" and SOUGHT.search(sentence[: trigger[0]]):
        return "possible"
    if tense == "future" or mood in ("planned", "agreed") or (
            published and date_start and date_start > published):
        return "possible" if CONDITION.search(sentence, trigger[1]) else "planned"
    return "held"


def extract_events(
    article: Article, actors: pd.DataFrame | None = None, mentions: pd.DataFrame | None = None,
    dates: pd.DataFrame | None = None, clauses: dict[int, tuple[Clause, ...]] | None = None,
) -> pd.DataFrame:
    """Every dated happening, one row per date expression (columns ``EVENT_COLUMNS``).

    ``quote`` spans the event word and its date; ``how_dated`` is the date's reasoning.
    """
    if actors is None or mentions is None:
        actors, mentions = actor_frames(article)
    by_sentence = mentions_by_sentence(actors, mentions, article)
    layer = sentence_clauses(article) if clauses is None else clauses
    dates = extract_dates(article, layer) if dates is None else dates
    kinds = article.sentences.set_index("sentence_id")["kind"]
    published = article.published.isoformat() if article.published else ""
    texts = article.sentences.set_index("sentence_id")
    rows: list[dict] = []
    for d in dates.itertuples(index=False):
        sid = int(d.sentence_id)
        sentence, offset = texts.at[sid, "text"], int(texts.at[sid, "start"])
        ments = by_sentence.get(sid, [])
        span = (int(d.start) - offset, int(d.end) - offset)
        window = clause_window(sentence, span, ments, relative=False)
        if _LEADING_DATE.fullmatch(sentence[: span[0]]) and _COMMA_AFTER.match(
                sentence[span[1] :]):
            # "On Friday, the envoy warned ...": a date set before the clause dates that clause
            rest = (span[1] + _COMMA_AFTER.match(sentence[span[1] :]).end(), len(sentence))
            window = (window[0], clause_window(sentence, rest, ments, relative=False)[1])
        trigger = _pick_trigger(sentence, span, window)
        date = {
            "date": d.date,
            "precision": d.precision,
            "date_start": d.date_start,
            "date_end": d.date_end,
            "how_dated": d.how + (f" ({d.note})" if d.note else ""),
        }
        if (trigger is not None and article.published and _PUT_OFF.search(sentence[: span[0]])
                and (_NEW_DATE_WORD.search(sentence[: span[0]])
                     or _NEW_DATE_WORD.search(d.quote))):
            # "postponed until May": the new date, ahead of the news whatever the verb's tense
            new = resolve(find_date_expressions(d.quote)[0], article.published,
                          Tense("future", "postponed")) if find_date_expressions(d.quote) else None
            if new is not None and new.date:
                date.update(date=new.date, precision=new.precision, date_start=new.date_start,
                            date_end=new.date_end,
                            how_dated=f"{new.how}; after a postponement the date is the new one")
        if trigger is not None:
            status = _status(sentence, trigger, d.tense, layer.get(sid, ()), date["date_start"],
                             published)
            rows.append(_row(article, sid, kinds[sid], sentence, offset, span, trigger, date,
                             status, ments, window))  # fmt: skip
        when = WHEN_AFTER_DATE.match(sentence[span[1] :])
        if when:
            rest = (span[1] + when.end(), len(sentence))
            later = [t for t in find_triggers(sentence) if t[0] >= rest[0]]
            if later:
                start, end = interval(d.date, d.precision)
                how = f"the clause ', when …' takes the date '{d.quote}'"
                anchor = dict(date, date_start=start, date_end=end, how_dated=how)
                win = clause_window(sentence, (later[0][0], later[0][1]), ments)
                rows.append(_row(article, sid, kinds[sid], sentence, offset, span, later[0],
                                 anchor, "held", ments, win))  # fmt: skip
    rows += _after_told_events(article, rows, by_sentence, layer, published)
    return make_frame(_merge_display(rows), EVENT_COLUMNS)


def _after_told_events(
    article: Article, rows: list[dict], by_sentence: dict[int, list[Mention]],
    layer: dict[int, tuple[Clause, ...]], published: str,
) -> list[dict]:
    """Happenings dated from an earlier dated happening: "After the quake X offered aid" runs
    from the quake's date (told before, "a March 2 quake") to publication. The noun must be
    definite ("the quake": the one told) and of the earlier row's kind and word."""
    out: list[dict] = []
    for sent in article.sentences.itertuples(index=False):
        sid, sentence, offset = int(sent.sentence_id), sent.text, int(sent.start)
        triggers = find_triggers(sentence)
        dated = {r["trigger"] for r in rows if r["sentence_id"] == sid}
        for i, t in enumerate(triggers):
            lead = _AFTER_THE.search(sentence[: t[0]])
            if lead is None:
                continue
            earlier = next((r for r in reversed(rows) if r["sentence_id"] < sid
                            and r["kind"] == t[3] and r["date_start"]
                            and _same_word(r["description"], t[2])), None)
            nxt = next((h for h in triggers[i + 1 :] if h[3] not in ("disaster", "conflict")),
                       None)
            if earlier is None or nxt is None or sentence[nxt[0] : nxt[1]] in dated:
                continue
            clauses = layer.get(sid, ())
            if clause_at(clauses, nxt[0]) is not clause_at(clauses, t[0]):
                continue  # "isolated since the start of the war, but he met ...": not its date
            ments = by_sentence.get(sid, [])
            window = clause_window(sentence, (nxt[0], nxt[1]), ments, relative=False)
            word = lead.group(1).lower()
            end = published if word in ("after", "since", "following") and published else ""
            date = {
                "date": earlier["date"], "precision": earlier["precision"],
                "date_start": earlier["date_start"], "date_end": end or earlier["date_end"],
                "how_dated": f"'{word}' the {t[2]} dated before (sentence "
                             f"{earlier['sentence_id']}, {earlier['date']}): between it and "
                             f"publication",
            }
            status = _status(sentence, nxt, "", layer.get(sid, ()), date["date_start"],
                             published)
            out.append(_row(article, sid, sent.kind, sentence, offset,
                            (lead.start(), t[1]), nxt, date, status, ments, window))
    return out


def _same_word(a: str, b: str) -> bool:
    """Whether two event words name the same happening ("earthquake", "quake")."""
    return a == b or a.endswith(b) or b.endswith(a)

def _row(article, sid, kind_of_sentence, sentence, offset, span, trigger, date, status, ments,
         window) -> dict:  # fmt: skip
    lo, hi = min(span[0], trigger[0]), max(span[1], trigger[1])
    return {
        "description": _describe(sentence, trigger),
        "actors": "|".join(dict.fromkeys(_actors_of(sentence, window, ments, trigger))),
        "quote": article.text[offset + lo : offset + hi],
        "sentence_id": sid,
        "start": offset + lo,
        "end": offset + hi,
        **{k: date[k] for k in ("date", "precision", "date_start", "date_end")},
        "status": status,
        "kind": trigger[3],
        "trigger": sentence[trigger[0] : trigger[1]],
        "how_dated": date["how_dated"],
        "also_in": "",
        "_display": kind_of_sentence != "body",
    }


def _merge_display(rows: list[dict]) -> list[dict]:
    """Drop headline/caption rows that restate a body row (same date and description)."""
    body = [r for r in rows if not r["_display"]]
    out = list(body)
    for r in rows:
        if not r["_display"]:
            continue
        twin = next(
            (b for b in body if b["date"] == r["date"] and b["description"] == r["description"]),
            None,
        )
        if twin is None:
            out.append(r)
        else:
            ids = [s for s in twin["also_in"].split("|") if s] + [str(r["sentence_id"])]
            twin["also_in"] = "|".join(sorted(set(ids), key=int))
    out.sort(key=lambda r: (r["start"], r["end"]))
    for i, r in enumerate(out, 1):
        r.pop("_display", None)
        r["event_id"] = f"E{i:02d}"
    return out


#: Columns of :func:`timeline_items` (what :func:`analysis.plotting.timeline` draws).
TIMELINE_COLUMNS = (
    "label",
    "date_start",
    "date_end",
    "precision",
    "status",
    "source",
    "sentence_id",
)


def _short(names: str) -> str:
    return ", ".join(n for n in names.split("|") if n)


def timeline_items(meetings: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """What the timeline shows: every dated meeting, plus every dated event no meeting covers.

    A meeting and a statement, meeting or diplomacy event of the same sentence and date are one
    happening (the meeting, with its participants, is kept; "the announcement on Monday of a
    restoration of ties" is the agreement); a disaster or a war in the same sentence stays its
    own item. Undated rows cannot be placed and are left out.
    """
    rows = []
    covered = set()
    for m in meetings.itertuples(index=False):
        if not m.date_start:
            continue
        covered.add((int(m.sentence_id), m.date))
        place = f" in {m.location}" if m.location else ""
        negated = "no " if m.status == "negated" else ""
        rows.append(
            {
                "label": f"{negated}{m.kind}{place}: {_short(m.participants)}",
                "date_start": m.date_start,
                "date_end": m.date_end,
                "precision": m.precision,
                "status": m.status,
                "source": m.meeting_id,
                "sentence_id": int(m.sentence_id),
            }
        )
    for e in events.itertuples(index=False):
        same = (int(e.sentence_id), e.date) in covered
        if not e.date_start or (same and e.kind in ("meeting", "statement", "diplomacy")):
            continue
        who = _short(e.actors)
        rows.append(
            {
                "label": f"{e.description}: {who}" if who else e.description,
                "date_start": e.date_start,
                "date_end": e.date_end,
                "precision": e.precision,
                "status": e.status,
                "source": e.event_id,
                "sentence_id": int(e.sentence_id),
            }
        )
    frame = make_frame(rows, TIMELINE_COLUMNS)
    return frame.sort_values(["date_start", "date_end"], kind="stable").reset_index(drop=True)
