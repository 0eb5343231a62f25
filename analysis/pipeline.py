"""The whole pipeline: article -> every frame, in the order the CLI writes them.

Each entry maps a frame name (and CSV file name) to the function that computes it from an
:class:`~analysis.article.Article`. The notebooks and the CLI both call these functions.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from analysis.actors import extract_actors, extract_mentions
from analysis.article import Article
from analysis.attributions import extract_attributions
from analysis.clauses import extract_clauses
from analysis.events import extract_events
from analysis.figures import extract_figures
from analysis.meetings import extract_meetings
from analysis.relations import extract_relations


def _sentences(article: Article) -> pd.DataFrame:
    return article.sentences.copy()


#: name -> function(article) -> DataFrame, in writing order.
FRAMES: dict[str, Callable[[Article], pd.DataFrame]] = {
    "sentences": _sentences,
    "clauses": extract_clauses,
    "attributions": extract_attributions,
    "actors": extract_actors,
    "mentions": extract_mentions,
    "figures": extract_figures,
    "relations": extract_relations,
    "meetings": extract_meetings,
    "events": extract_events,
}


def extract_all(article: Article) -> dict[str, pd.DataFrame]:
    """Every frame of the article, computed in memory (nothing written)."""
    return {name: build(article) for name, build in FRAMES.items()}
