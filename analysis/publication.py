"""What the text itself says about when it was written.

Wire copy rarely prints its own date, but it leaves clues: a statement made "on Tuesday" in a
past-tense reporting clause was usually made on the day of writing; talks that "will" happen
"on Wednesday" lie ahead; the latest year mentioned is a lower bound. These clues cannot fix the
date alone (every week has a Tuesday), which is why the publication date is metadata; but they can
check it, and a mismatch is worth a look before anything is resolved against the wrong day.

Columns of :func:`date_clues`: ``sentence_id``, ``quote``, ``start``, ``end``, ``clue``
(weekday | year), ``value``, ``reading`` (what it implies), ``consistent`` (with the publication
date; empty when the article has none).
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from analysis.article import Article
from analysis.attributions import reporting_verb_pattern
from analysis.dates import calendar_names
from analysis.frames import make_frame

COLUMNS = ("sentence_id", "quote", "start", "end", "clue", "value", "reading", "consistent")

#: Weekday names, Monday first (index = ``date.weekday()``), from ``date_words.csv``.
WEEKDAYS = calendar_names("weekday")
_WEEKDAY = re.compile(r"\b(?:on |last |next |this )?(" + "|".join(WEEKDAYS) + r")\b")
_YEAR = re.compile(r"\b(?:in |since |of |by )?((?:19|20)\d{2})\b")
_FUTURE = re.compile(r"\b(?:will|to hold|to meet|is to|are to|plans? to|set to)\b")
_CLAUSE_END = ",;\"“”"


def _clause(text: str, start: int, end: int) -> str:
    """The clause around a match: from the previous comma or quote mark to the next one."""
    left = max(text.rfind(ch, 0, start) for ch in _CLAUSE_END)
    rights = [i for i in (text.find(ch, end) for ch in _CLAUSE_END) if i >= 0]
    return text[left + 1 : min(rights) if rights else len(text)]


def date_clues(article: Article) -> pd.DataFrame:
    """Weekday and year clues in the body, each read against the publication date."""
    pub = article.published
    rows = []
    for sent in article.body.itertuples():
        for match in _WEEKDAY.finditer(sent.text):
            day = match.group(1)
            clause = _clause(sent.text, match.start(), match.end())
            if _FUTURE.search(clause):
                reading = f"{day} is ahead: written before a {day}"
                ok = None if pub is None else WEEKDAYS[pub.weekday()] != day
            elif reporting_verb_pattern().search(clause):
                reading = f"said on {day}: most likely the day of writing"
                ok = None if pub is None else WEEKDAYS[pub.weekday()] == day
            else:
                reading = f"an earlier {day}: says little about the day of writing"
                ok = None
            rows.append(_row(article, sent, match, "weekday", day, reading, ok))
        for match in _YEAR.finditer(sent.text):
            year = int(match.group(1))
            reading = f"written in {year} or later"
            ok = None if pub is None else pub >= date(year, 1, 1)
            rows.append(_row(article, sent, match, "year", str(year), reading, ok))
    frame = make_frame(rows, COLUMNS)
    return frame.sort_values(["sentence_id", "start"], kind="stable").reset_index(drop=True)


def _row(article, sent, match, clue, value, reading, ok) -> dict:
    start, end = sent.start + match.start(), sent.start + match.end()
    return {
        "sentence_id": sent.sentence_id,
        "quote": article.text[start:end],
        "start": start,
        "end": end,
        "clue": clue,
        "value": value,
        "reading": reading,
        "consistent": "" if ok is None else ("yes" if ok else "no"),
    }


def metadata_table(article: Article) -> pd.DataFrame:
    """The article's metadata for display: one row per field (the index), one ``value`` column."""
    fields = ["title", "outlet", "byline", "dateline", "language", "address"]
    rows = [
        {"field": f, "value": str(article.metadata[f])} for f in fields if f in article.metadata
    ]
    published = article.published.isoformat() if article.published else "(unknown)"
    rows.append({"field": "published", "value": published})
    rows.append({"field": "published from", "value": article.published_source})
    if "published_how" in article.metadata:
        rows.append({"field": "how the date is known", "value": article.metadata["published_how"]})
    return pd.DataFrame(rows, columns=["field", "value"]).set_index("field")
