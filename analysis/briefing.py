"""Key facts for a briefing, each footnoted to the sentence of the article that says it.

A briefer needs a short list of facts an audience can check. Each fact here is one row of an
extracted frame (a meeting, a figure, a relation) rewritten as a plain sentence, and each carries
the id of its source sentence as a footnote link. Nothing is added that the frames do not hold;
meetings and figures are worded by :mod:`analysis.summary`, so a figure keeps its qualifier and
a negated meeting reads as an absence.

Columns of :func:`key_facts`: ``section`` (meetings | figures | relations), ``fact``,
``sentence_id``, ``quote``, ``start``, ``end``. The same fact stated in two sentences is two rows
(two pieces of evidence); :func:`facts_html` shows it once with both footnotes.
"""

from __future__ import annotations

import html
import os

import pandas as pd

from analysis.article import Article, load_article
from analysis.frames import make_frame
from analysis.paths import SEED_ARTICLE
from analysis.summary import figure_line, footnotes, meeting_line, thousands

COLUMNS = ("section", "fact", "sentence_id", "quote", "start", "end")


def article_under_study(path: str | os.PathLike | None = None,
                        published: str | None = None) -> Article:
    """The article a notebook is about: ``path`` (its parameters cell's ``ARTICLE``), else
    ``$BRIEF_ARTICLE``, else the seed article.

    ``published`` (``PUBLISHED``, else ``$BRIEF_PUBLISHED``) gives its date when its metadata
    has none.
    """
    path = path or os.environ.get("BRIEF_ARTICLE") or SEED_ARTICLE
    published = published or os.environ.get("BRIEF_PUBLISHED") or None
    return load_article(path, published=published)


def figure_range(row: pd.Series) -> str:
    """'about 7,000 (6,300 to 7,700)' style text for a figures row."""
    low, best, high = (thousands(row.get(c)) for c in ("low", "best", "high"))
    if best and low and high and low != high:
        return f"{best} ({low} to {high})"
    if best:
        return best
    if low and high:
        return f"{low} to {high}"
    if low:
        return f"at least {low}"
    if high:
        return f"up to {high}"
    return "an unstated number"


def _names(joined: str) -> str:
    """'a|b|c' -> 'a, b and c'."""
    names = [n for n in str(joined).split("|") if n]
    if not names:
        return "unnamed"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _meeting_fact(row: pd.Series) -> str:
    return meeting_line(row).text


def _figure_fact(row: pd.Series) -> str:
    return figure_line(row).text


def _relation_fact(row: pd.Series) -> str:
    # noun labels read right whatever the number of the actors ("Gulf states", "Chile")
    label = {"ally": "allies", "supports": "support", "opposes": "opposition",
             "mediates": "mediation", "rival": "rivals"}
    arrow = "–" if row["relation"] in ("ally", "rival") else "→"
    text = f"{row['source']} {arrow} {row['target']}: {label.get(row['relation'], row['relation'])}"
    if bool(row.get("hedged", False)):
        text += " (hedged)"
    return text


_SECTIONS = {"meetings": _meeting_fact, "figures": _figure_fact, "relations": _relation_fact}


def key_facts(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One fact per row of the meetings, figures and relations frames, in reading order."""
    rows = []
    for section, describe in _SECTIONS.items():
        frame = frames.get(section)
        if frame is None or frame.empty:
            continue
        for _, row in frame.sort_values(["sentence_id", "start"], kind="stable").iterrows():
            rows.append(
                {
                    "section": section,
                    "fact": " ".join(describe(row.fillna("")).split()),
                    "sentence_id": int(row["sentence_id"]),
                    "quote": row["quote"],
                    "start": int(row["start"]),
                    "end": int(row["end"]),
                }
            )
    return make_frame(rows, COLUMNS)


def facts_html(facts: pd.DataFrame, article: Article | None = None) -> str:
    """The facts as HTML lists, each fact once with a footnote link (``#s12``) to every
    sentence that states it; the numbered article text holds the anchors."""
    parts = []
    for section, group in facts.groupby("section", sort=False):
        items = []
        for fact, same in group.groupby("fact", sort=False):
            ids = tuple(dict.fromkeys(int(i) for i in same["sentence_id"]))
            items.append(f"<li>{html.escape(str(fact))}{footnotes(ids)}</li>")
        parts.append(f"<h4>{html.escape(str(section).capitalize())}</h4><ul>{''.join(items)}</ul>")
    return "".join(parts)
