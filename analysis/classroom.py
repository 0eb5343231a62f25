"""What a notebook needs to name the article it was given in its parameters cell.

Notebooks 01-05 read ``ARTICLE`` and ``PUBLISHED`` from one cell tagged ``parameters`` (the
seed when ``ARTICLE`` is None), so a teacher, papermill or ``make brief`` can swap the article
by editing or injecting that one cell. Their charts and printouts then have to name whichever
article it is, from its metadata, never from fixed text about the seed.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from analysis.article import Article
from analysis.dates import calendar_names
from analysis.paths import ARTICLES_DIR, PROJECT_ROOT, SEED_ARTICLE, gold_file

_MONTHS = calendar_names("month")


def article_label(article: Article) -> str:
    """The article's file as a reader can find it: relative to the project when inside it."""
    path = Path(article.path).resolve()
    return str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else path.name


def credit(article: Article) -> str:
    """'Reuters, 2 May 2024': byline (or outlet) and date, for chart source lines."""
    who = article.metadata.get("byline") or article.metadata.get("outlet") or article.article_id
    day = article.published
    when = f"{day.day} {_MONTHS[day.month - 1]} {day.year}" if day else "date unknown"
    return f"{who}, {when}"


def has_gold(article: Article, name: str) -> bool:
    """Whether ``data/annotations`` holds the hand-checked gold file ``name`` of this article."""
    return gold_file(article.article_id, name).exists()


def no_gold(article: Article, name: str) -> str:
    """The plain sentence a notebook prints instead of a score when there is no gold."""
    return (f"No hand-checked gold ({name}) for {article_label(article)}: "
            "nothing to score this article against; the shipped examples are scored below.")


def examples_with_gold(name: str) -> list[Path]:
    """The shipped articles other than the seed whose gold file ``name`` exists, in file order.

    Articles whose gold is still being written are left out instead of failing the notebook.
    """
    return [path for path in sorted(ARTICLES_DIR.glob("*.txt"))
            if path != SEED_ARTICLE and gold_file(path.stem, name).exists()]


def _listed(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _span(values: list[int]) -> str:
    low, high = min(values), max(values)
    return f"{low}" if low == high else f"{low}–{high}"


def describe_lengths(words: pd.Series, names: Mapping[int, str] | None = None,
                     top: int = 3, then: int = 3) -> str:
    """Prose for a sentence-length chart, from its data (``plotting.words_per_sentence``):
    the ``top`` longest sentences, then the ``then`` next ones and every sentence tied with the
    last of them, so no sentence of the same length is left out. ``names`` labels sentence ids
    ("the lead")."""
    names = names or {}

    def label(sid: int, words: int | None = None) -> str:
        notes = [names[sid]] if sid in names else []
        notes += [f"{words} words"] if words is not None else []
        return f"{sid} ({'; '.join(notes)})" if notes else f"{sid}"

    if words.empty:
        return "The article has no sentences."
    ordered = words.sort_values(ascending=False, kind="stable")
    longest = ordered.iloc[:top]
    text = "The longest " + ("sentence is " if len(longest) == 1 else "sentences are ") + _listed(
        [label(int(s), int(n)) for s, n in longest.items()]) + "."
    rest = ordered.iloc[top:]
    if rest.empty:
        return text
    cutoff = rest.iloc[min(then, len(rest)) - 1]
    following = rest[rest >= cutoff].sort_index()
    ids = [label(int(s)) for s in following.index]
    verb = "comes" if len(ids) == 1 else "come"
    noun = "sentence" if len(ids) == 1 else "sentences"
    return (f"{text} Next {verb} {noun} {_listed(ids)}, at "
            f"{_span([int(n) for n in following])} words.")
