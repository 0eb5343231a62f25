"""The briefing's words: a summary in sentences, takeaways and the article text, all from frames.

Why generated: a briefing read aloud must say what *this* article says, so every sentence here
is built from frame rows (meetings, figures, relations, attributions) and carries the ids of the
article sentences it rests on, shown as footnote links (``#s12``) to the numbered article text.
Figures keep the article's own wording ("more than 13,579", "tens of thousands"): a number
is never printed without the qualifier the article gave it. A negated meeting ("has not been to
the capital since May 2020") is said as an absence since that date, never as a visit.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import pandas as pd

from analysis.article import Article

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_SINCE = re.compile(r"\bsince\b", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    """One sentence of the briefing and the article sentences it rests on."""

    text: str
    sentence_ids: tuple[int, ...] = field(default=())


# --------------------------------------------------------------------------- wording helpers


def text(value: object) -> str:
    """A frame cell as text; empty for a missing value (pandas' NA has no truth value)."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def names(joined: object, limit: int = 4) -> str:
    """'a|b|c' -> 'a, b and c' (at most ``limit`` names, then 'and N others')."""
    items = [n for n in text(joined).split("|") if n]
    if not items:
        return ""
    if len(items) > limit:
        items = items[: limit - 1] + [f"{len(items) - limit + 1} others"]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def say_date(value: object, precision: object) -> str:
    """'2019-07-04' (day) -> '4 July 2019'; '2018-11' (month) -> 'November 2018'."""
    value = text(value)
    parts = value.split("-")
    try:
        if precision == "day" and len(parts) == 3:
            return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if precision == "month" and len(parts) >= 2:
            return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return value
    return value


def unit_end(start: str, precision: str) -> str:
    """The last day of the day, month or year that ``start`` (ISO) names at ``precision``."""
    day = pd.Timestamp(start)
    if precision == "month":
        day = day + pd.offsets.MonthEnd(0)
    elif precision == "year":
        day = pd.Timestamp(year=day.year, month=12, day=31)
    return day.date().isoformat()


def runs_on(start: object, end: object, precision: object) -> bool:
    """True when a dated row's span runs past its own day, month or year: a "since" or
    "after" date whose span the extractor carried on to publication."""
    start, end = text(start), text(end)
    if not start or not end or precision not in ("day", "month", "year"):
        return False
    try:
        return end[:10] > unit_end(start[:10], str(precision))
    except ValueError:
        return False


def thousands(value: object) -> str:
    """13579 -> '13,579'; empty for a missing value."""
    if not text(value):
        return ""
    return f"{float(value):,.0f}"


def figure_words(row: pd.Series | dict) -> str:
    """A figure as the article words it, plus how it reads as numbers when the words have none.

    'more than 13,579 people'; 'hundreds of people (read as 200 to 999)'.
    The article's own number phrase is always kept, so its qualifier always is.
    """
    phrase = " ".join(text(row.get("number")).split())
    unit = text(row.get("unit"))
    words = f"{phrase} {unit}".strip() if unit and unit not in phrase else phrase
    if read_as(row):
        words += f" (read as {read_as(row)})"
    return words


def _kind_phrase(kind: str, participants: str, location: str) -> str:
    who = names(participants)
    place = f" in {location}" if location else ""
    noun = {"talks": "Talks", "visit": "A visit", "greeting": "A welcome",
            "ministerial": "A ministers' meeting", "summit": "A summit",
            "phone call": "A phone call", "agreement": "An agreement"}.get(kind, "A meeting")
    if kind == "visit":
        return f"{noun} by {who}{' to ' + location if location else ''}" if who else noun
    link = " between " if "|" in str(participants) else " with "
    return f"{noun}{link + who if who else ''}{place}"


def meeting_line(row: pd.Series | dict) -> Line:
    """One meeting as a sentence whose verb follows its status (held, planned, possible,
    postponed, cancelled, negated): how sure the article is, said in words."""
    kind, status = text(row.get("kind")) or "meeting", text(row.get("status")) or "unknown"
    location = text(row.get("location"))
    when = say_date(row.get("date"), row.get("precision"))
    sid = (int(row["sentence_id"]),)
    if status == "negated":
        what = _kind_phrase(kind, row.get("participants", ""), location)
        what = what[0].lower() + what[1:]
        since = _SINCE.search(text(row.get("how_dated"))) is not None
        if when and since:
            return Line(f"The article says there has been no {_strip_article(what)} since {when}.",
                        sid)
        return Line(f"The article says there was no {_strip_article(what)}"
                    f"{' on ' + when if when else ''}.", sid)
    subject = _kind_phrase(kind, row.get("participants", ""), location)
    plural = kind == "talks"
    if status == "held":
        verb = "took place" + (f" on {when}" if row.get("precision") == "day" else
                               f" in {when}" if when else "")
    elif status == "planned":
        verb = ("are" if plural else "is") + " planned" + (
            f" for {when}" if when else "")
    elif status == "possible":
        verb = ("are" if plural else "is") + " possible, not agreed" + (
            f" ({when})" if when else "")
    elif status == "postponed":
        verb = ("have" if plural else "has") + " been postponed" + (
            f", now expected {'on' if row.get('precision') == 'day' else 'in'} {when}"
            if when else "")
    elif status == "cancelled":
        verb = ("have" if plural else "has") + " been called off" + (
            f" ({when})" if when else "")
    else:
        verb = ("are" if plural else "is") + " reported, without saying whether it took place"
        if when:
            verb += f" ({when})"
    return Line(f"{subject} {verb}.", sid)


def _strip_article(phrase: str) -> str:
    return re.sub(r"^(?:a|an)\s+", "", phrase)


def figure_line(row: pd.Series | dict) -> Line:
    """'Killed: about 3,000 people (flooding).'"""
    measure = text(row.get("measure")) or "other"
    head = "Other count" if measure == "other" else measure.capitalize()
    refers = text(row.get("refers_to"))
    place = text(row.get("place"))
    about = "; ".join(x for x in (refers, place if place not in refers else "") if x)
    where = f" ({about})" if about else ""
    return Line(f"{head}: {figure_words(row)}{where}.", (int(row["sentence_id"]),))


# --------------------------------------------------------------------------- the summary


def _meeting_rank(row: pd.Series) -> tuple:
    return (row["status"] == "negated", not row["date"], -len(str(row["participants"]).split("|")),
            int(row["sentence_id"]))


def summary_lines(article: Article, frames: dict[str, pd.DataFrame], limit: int = 5) -> list[Line]:
    """The summary on top of the briefing: who meets whom, where, when; the key figures; who
    stands with whom; and how sure the article is."""
    lines: list[Line] = []
    meetings = frames.get("meetings", pd.DataFrame())
    if not meetings.empty:
        rows = meetings.fillna("")
        chosen = sorted((r for _, r in rows.iterrows()), key=_meeting_rank)[:limit]
        for row in sorted(chosen, key=lambda r: int(r["sentence_id"])):
            lines.append(meeting_line(row))
    else:
        lines.append(Line("The article reports no meeting between named actors."))
    figures = frames.get("figures", pd.DataFrame())
    for _, row in figures.head(limit).iterrows():
        lines.append(figure_line(row))
    lines.extend(relation_lines(frames.get("relations", pd.DataFrame())))
    lines.append(certainty_line(frames))
    return lines


def relation_lines(relations: pd.DataFrame, limit: int = 4) -> list[Line]:
    """Who stands with whom, strongest-attested pairs first."""
    if relations.empty:
        return []
    verbs = {"ally": "are allies", "rival": "are rivals", "supports": "supports",
             "opposes": "opposes", "mediates": "mediates for"}
    kept = relations[~relations["negated"].astype(bool)] if "negated" in relations else relations
    groups = kept.groupby(["source", "target", "relation"], sort=False)
    ranked = sorted(groups, key=lambda g: -len(g[1]))[:limit]
    lines = []
    for (source, target, relation), rows in ranked:
        ids = tuple(sorted(set(int(s) for s in rows["sentence_id"])))
        hedged = " (as some see it)" if rows["hedged"].astype(bool).all() else ""
        if relation in ("ally", "rival"):
            text = f"{source} and {target} {verbs[relation]}{hedged}."
        else:
            text = f"{source} {verbs.get(relation, relation)} {target}{hedged}."
        lines.append(Line(text, ids))
    return lines


def certainty_line(frames: dict[str, pd.DataFrame]) -> Line:
    """How sure: how much is reported as fact, as plan, as someone's statement."""
    meetings = frames.get("meetings", pd.DataFrame())
    counts = meetings["status"].value_counts() if not meetings.empty else pd.Series(dtype=int)
    parts = []
    for status, word in (("held", "as having taken place"), ("planned", "as planned"),
                         ("possible", "as possible"), ("postponed", "as postponed"),
                         ("cancelled", "as called off"),
                         ("negated", "as not having happened"), ("unknown", "without a status")):
        if counts.get(status, 0):
            n = int(counts[status])
            parts.append(f"{n} meeting{'s' if n != 1 else ''} {word}")
    attributions = frames.get("attributions", pd.DataFrame())
    said = ""
    if not attributions.empty:
        top = attributions["speaker"].value_counts()
        said = (f" {len(attributions)} statement{'s' if len(attributions) != 1 else ''} "
                f"{'are' if len(attributions) != 1 else 'is'} attributed to a source "
                f"(most often {top.index[0]}, {int(top.iloc[0])}).")
    relations = frames.get("relations", pd.DataFrame())
    hedged = int(relations["hedged"].astype(bool).sum()) if not relations.empty else 0
    hedge = f" {hedged} of {len(relations)} stated ties are hedged." if hedged else ""
    reported = "; ".join(parts) if parts else "no meetings"
    return Line(f"How sure: the article reports {reported}.{said}{hedge}")


# --------------------------------------------------------------------------- takeaways


def takeaways(article: Article, frames: dict[str, pd.DataFrame]) -> list[Line]:
    """Three to five points a briefer could close on, computed from this article's frames."""
    out: list[Line] = []
    actors = frames.get("actors", pd.DataFrame())
    if not actors.empty:
        top = actors.sort_values(["mentions", "first_sentence"], ascending=[False, True]).iloc[0]
        out.append(Line(f"The story centres on {top['name']}: {int(top['mentions'])} mentions, "
                        f"first in sentence {int(top['first_sentence'])}.",
                        (int(top["first_sentence"]),)))
    meetings = frames.get("meetings", pd.DataFrame())
    if not meetings.empty:
        ahead = meetings[meetings["status"] == "planned"]
        if not ahead.empty:
            row = ahead.iloc[0]
            out.append(Line(f"What to watch: {meeting_line(row).text[0].lower()}"
                            f"{meeting_line(row).text[1:]}", (int(row["sentence_id"]),)))
    figures = frames.get("figures", pd.DataFrame())
    vague = figures
    if not figures.empty:
        vague = figures[figures["low"].notna() & figures["high"].notna()]
    if not vague.empty:
        spread = (vague["high"].astype(float) / vague["low"].astype(float).clip(lower=1))
        row = vague.loc[spread.idxmax()]
        if float(spread.max()) > 1.5:
            out.append(Line(f"The vaguest figure is \u201c{row['number']}\u201d: it may mean "
                            f"anything from {thousands(row['low'])} to {thousands(row['high'])}.",
                            (int(row["sentence_id"]),)))
    attributions = frames.get("attributions", pd.DataFrame())
    if not attributions.empty:
        speakers = attributions["speaker"].nunique()
        top = attributions["speaker"].value_counts()
        out.append(Line(f"{speakers} source{'s speak' if speakers != 1 else ' speaks'} in the "
                        "article; "
                        f"{top.index[0]} accounts for {int(top.iloc[0])} of "
                        f"{len(attributions)} attributed statements."))
    else:
        out.append(Line("No statement is attributed to a named source: the article speaks in "
                        "its own voice throughout."))
    if figures.empty:
        out.append(Line("The article gives no casualty or displacement figures."))
    return out


# --------------------------------------------------------------------------- HTML


def footnotes(ids: tuple[int, ...]) -> str:
    """Footnote links to the numbered article text: ``[12]`` pointing at ``#s12``."""
    return "".join(f'<a class="fn" href="#s{i}" title="sentence {i}">[{i}]</a>' for i in ids)


def lines_html(lines: list[Line], tag: str = "p") -> str:
    """Escaped text (nothing from the article is read as markup) with footnote links."""
    if tag == "li":
        items = "".join(f"<li>{html.escape(x.text)}{footnotes(x.sentence_ids)}</li>"
                        for x in lines)
        return f'<ul class="brief-summary">{items}</ul>'
    return '<div class="brief-summary">' + "".join(
        f"<p>{html.escape(x.text)}{footnotes(x.sentence_ids)}</p>" for x in lines) + "</div>"


def heading_html(article: Article) -> str:
    """The article named at the top of the briefing: headline, outlet, date, id."""
    title = article.title or article.headline or article.article_id
    outlet = article.metadata.get("outlet") or "unknown outlet"
    when = say_date(article.published.isoformat(), "day") if article.published else "date unknown"
    return (f'<p class="brief-lead"><strong>{html.escape(" ".join(str(title).split()))}</strong>'
            f"<br>{html.escape(str(outlet))}, {html.escape(when)} "
            f"· article <code>{html.escape(article.article_id)}</code></p>")


def article_html(article: Article) -> str:
    """The article, one numbered sentence per line, each with the anchor ``s<id>``."""
    items = "".join(
        f'<li id="s{int(r.sentence_id)}" value="{int(r.sentence_id)}" class="kind-{r.kind}">'
        f"{html.escape(str(r.text))}</li>"
        for r in article.sentences.itertuples(index=False)
    )
    return f'<ol class="brief-article">{items}</ol>'


def read_as(row: pd.Series | dict) -> str:
    """How a figure given in words reads as numbers ("6,300 to 7,700"); empty when the
    article gave digits, whose own words ("more than 13,579") already say it."""
    if re.search(r"\d", text(row.get("number"))):
        return ""
    low, high = thousands(row.get("low")), thousands(row.get("high"))
    if low and high:
        return low if low == high else f"{low} to {high}"
    return f"at least {low}" if low else (f"up to {high}" if high else "")


def figures_table_html(figures: pd.DataFrame) -> str:
    """The article's figures: its wording, how words read as numbers, what it counts, where.

    No column holds a bare number: "more than 13,579" is shown as the article says it."""
    if figures.empty:
        return '<p class="brief-note">The article gives no casualty or displacement figures.</p>'
    head = ("<tr><th>What</th><th>As the article says it</th><th>Read as</th>"
            "<th>Refers to</th><th>Sentence</th></tr>")
    rows = []
    for _, r in figures.iterrows():
        sid = int(r["sentence_id"])
        rows.append(
            f"<tr><td>{html.escape(text(r['measure']))}</td>"
            f"<td>\u201c{html.escape(text(r['number']))}\u201d {html.escape(text(r['unit']))}"
            f"</td><td>{html.escape(read_as(r)) or '—'}</td>"
            f"<td>{html.escape(text(r['refers_to']))}</td>"
            f'<td><a href="#s{sid}">{sid}</a></td></tr>'
        )
    return f'<table class="brief-table">{head}{"".join(rows)}</table>'


def source_html(text: str) -> str:
    """A source line under a chart or table."""
    return f'<p class="brief-source">{html.escape(text)}</p>'


def cite(sentence_ids: object) -> str:
    """'sentence 12' or 'sentences 4, 7 and 22' for a source line."""
    ids = sorted({int(i) for i in sentence_ids})
    if not ids:
        return "the article"
    if len(ids) == 1:
        return f"the article, sentence {ids[0]}"
    shown = [str(i) for i in ids[:8]] + ([f"{len(ids) - 8} more"] if len(ids) > 8 else [])
    return "the article, sentences " + ", ".join(shown[:-1]) + " and " + shown[-1]


def source_lines(article: Article, frames: dict[str, pd.DataFrame],
                 reference_ids: list[str] | None = None) -> list[Line]:
    """What the briefing rests on: the article, the reference data, the map data."""
    meta = article.metadata
    title = " ".join(str(article.title or article.headline or article.article_id).split())
    when = say_date(article.published.isoformat(), "day") if article.published else "date unknown"
    lines = [Line(f"The article: \u201c{title}\u201d, {meta.get('outlet') or 'unknown outlet'}, "
                  f"{when} ({len(article.sentences)} sentences; file {article.path.name}).")]
    if meta.get("license"):
        lines.append(Line(f"Its licence: {' '.join(str(meta['license']).split())}"))
    counts = ", ".join(f"{len(frames[n])} {n}" for n in ("actors", "meetings", "figures",
                                                         "relations", "attributions")
                       if n in frames)
    lines.append(Line(f"Frames extracted from the text by the project's rules: {counts}. "
                      "Every line above names the sentence it comes from."))
    lines.append(Line("Reference figures: data/reference/figures.csv (named sources with as-of "
                      "dates). Map: Natural Earth 1:110m countries and places (public domain)."))
    return lines


def timeline_labels(items: pd.DataFrame) -> pd.DataFrame:
    """Timeline items whose negated span runs on from a date say so: "no visit in X since
    March 2019", so an absence is never read as something that happened that month."""
    out = items.copy()
    for i, r in out.iterrows():
        if r["status"] == "negated" and runs_on(r["date_start"], r["date_end"], r["precision"]):
            since = say_date(str(r["date_start"])[: {"day": 10, "month": 7}.get(r["precision"], 4)],
                             r["precision"])
            head, sep, who = str(r["label"]).partition(": ")
            out.at[i, "label"] = f"{head} since {since}{sep}{who}"
    return out


#: Rows of the handout's timeline table: with the summary, map and sources it fits one A4 page.
HANDOUT_TIMELINE_ROWS = 8


def _within(items: pd.DataFrame, limit: int | None) -> pd.DataFrame:
    """At most ``limit`` items, meetings first, then the events nearest publication (the latest),
    in their original order: a one-page handout keeps what a briefer is asked about."""
    if limit is None or len(items) <= limit:
        return items
    meeting = items["source"].astype(str).str.startswith("M")
    keep = {i for i in range(len(items)) if meeting.iloc[i]}
    keep = set(sorted(keep)[:limit])
    events = [i for i in range(len(items)) if not meeting.iloc[i]]
    events.sort(key=lambda i: str(items["date_start"].iloc[i]), reverse=True)
    keep |= set(events[: max(0, limit - len(keep))])
    return items.iloc[sorted(keep)]


def timeline_html(items: pd.DataFrame, limit: int | None = None) -> str:
    """The timeline as a short table (date as precise as the text, what, status, sentence):
    the handout's compact form of the timeline chart; with ``limit``, at most that many rows
    (meetings first, then the latest events) and a line saying how many more the briefing has."""
    if items.empty:
        return '<p class="brief-note">The article dates no meetings or events.</p>'
    shown = _within(items, limit)
    rows = []
    for r in timeline_labels(shown).itertuples(index=False):
        sid = int(r.sentence_id)
        when = say_date(str(r.date_start)[: {"day": 10, "month": 7}.get(r.precision, 4)],
                        r.precision)
        if runs_on(r.date_start, r.date_end, r.precision):
            when = f"since {when}"
        rows.append(f"<tr><td>{html.escape(when)}</td><td>{html.escape(text(r.label))}</td>"
                    f"<td>{html.escape(text(r.status))}</td>"
                    f'<td><a href="#s{sid}">{sid}</a></td></tr>')
    head = "<tr><th>When</th><th>What</th><th>Status</th><th>Sentence</th></tr>"
    more = len(items) - len(shown)
    note = (f'<p class="brief-note">{more} more dated item{"s" if more != 1 else ""} in the '
            "briefing's timeline.</p>") if more else ""
    return f'<table class="brief-table">{head}{"".join(rows)}</table>{note}'
