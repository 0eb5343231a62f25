"""What a notebook needs to name the article it was given in its parameters cell.

Notebooks 01-05 read ``ARTICLE`` and ``PUBLISHED`` from one cell tagged ``parameters`` (the
seed when ``ARTICLE`` is None), so a teacher, papermill or ``make brief`` can swap the article
by editing or injecting that one cell. Their charts and printouts then have to name whichever
article it is, from its metadata, never from fixed text about the seed.
"""

from __future__ import annotations

from pathlib import Path

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

