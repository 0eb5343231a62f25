"""The whole pipeline: article -> every frame, in the order the CLI writes them.

Each entry maps a frame name (and CSV file name) to the function that computes it from an
:class:`~analysis.article.Article`. The notebooks and the CLI both call these functions.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from analysis.actors import actor_frames_of, actor_rows, extract_actors, extract_mentions
from analysis.article import Article
from analysis.attributions import extract_attributions
from analysis.clauses import extract_clauses, sentence_clauses
from analysis.dates import DATE_COLUMNS, date_rows
from analysis.events import extract_events
from analysis.figures import extract_figures
from analysis.frames import make_frame
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
    """Every frame of the article, computed in memory (nothing written).

    Each layer is computed once (clauses, dates, actors and mentions) and passed to the passes
    that read it, so the result is the frames of :data:`FRAMES` at the cost of one pass per
    layer (calling each function of :data:`FRAMES` alone recomputes the layers it needs).
    """
    clauses = sentence_clauses(article)
    dated = date_rows(article, clauses)
    dates = make_frame(dated, DATE_COLUMNS)
    actor_layer, mention_layer = actor_rows(article)
    actors, mentions = actor_frames_of(actor_layer, mention_layer)

    def layers() -> dict[str, pd.DataFrame]:  # each pass its own copy: none can alter another's
        return {"actors": actors.copy(), "mentions": mentions.copy()}

    frames = {
        "sentences": _sentences(article),
        "clauses": extract_clauses(article, clauses),
        "attributions": extract_attributions(article, clauses),
        "actors": actors.copy(),
        "mentions": mentions.copy(),
        "figures": extract_figures(article, dated, mention_layer),
        "relations": extract_relations(article, **layers(), clauses=clauses),
        "meetings": extract_meetings(article, **layers(), dates=dates, clauses=clauses),
        "events": extract_events(article, **layers(), dates=dates, clauses=clauses),
    }
    return {name: frames[name] for name in FRAMES}
