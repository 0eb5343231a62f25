"""Views of the actors and mentions frames that a reader asks for: who appears with whom, how
each mention was linked to its actor, and where the extraction is unsure."""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from analysis.article import Article
from analysis.frames import make_frame

#: Columns of :func:`resolutions` and :func:`unsure`.
LINK_COLUMNS = (
    "sentence_id", "start", "end", "quote", "actor", "how", "role_in_sentence", "confidence",
    "sentence",
)


def _names(actors: pd.DataFrame) -> dict[str, str]:
    return dict(zip(actors["actor_id"], actors["name"], strict=True))


def cooccurrence(mentions: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Square frame (actor names, in the actors frame's order): in how many sentences each pair
    of actors is mentioned together. The diagonal counts the sentences an actor appears in.
    Places are left out: arriving in a capital is not meeting its state."""
    counted = mentions[mentions["role_in_sentence"] != "location"]
    names = _names(actors)
    order = [names[a] for a in actors["actor_id"]]
    matrix = pd.DataFrame(0, index=order, columns=order, dtype="int64")
    for _, group in counted.groupby("sentence_id"):
        present = sorted({names[a] for a in group["actor_id"] if a in names})
        for name in present:
            matrix.loc[name, name] += 1
        for a, b in combinations(present, 2):
            matrix.loc[a, b] += 1
            matrix.loc[b, a] += 1
    return matrix


def _links(article: Article, rows: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    names = _names(actors)
    sentences = article.sentences.set_index("sentence_id")["text"]
    out = [
        {
            "sentence_id": r.sentence_id, "start": r.start, "end": r.end, "quote": r.text,
            "actor": names.get(r.actor_id, r.actor_id), "how": r.how,
            "role_in_sentence": r.role_in_sentence, "confidence": r.confidence,
            "sentence": sentences[r.sentence_id],
        }
        for r in rows.itertuples(index=False)
    ]
    return make_frame(out, LINK_COLUMNS)


def resolutions(article: Article, mentions: pd.DataFrame, actors: pd.DataFrame,
                hows: tuple[str, ...] = ("metonymy", "title", "coreference")) -> pd.DataFrame:
    """The mentions that do not name their actor outright (a capital, a seat, an office, a title,
    a pronoun), with the actor they were linked to and the sentence, so a reader can check each."""
    return _links(article, mentions[mentions["how"].isin(hows)], actors)


def unsure(article: Article, mentions: pd.DataFrame, actors: pd.DataFrame,
           below: float = 0.8) -> pd.DataFrame:
    """The mentions linked with confidence under ``below``: the ones to check first."""
    return _links(article, mentions[mentions["confidence"] < below], actors)


def mentions_by_how(mentions: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Counted mentions (places left out) per actor name (rows, most mentioned first) and per
    ``how`` (columns: name, title, demonym, metonymy, coreference)."""
    counted = mentions[mentions["role_in_sentence"] != "location"]
    names = _names(actors)
    table = pd.crosstab(counted["actor_id"].map(names), counted["how"])
    columns = [h for h in ("name", "title", "demonym", "metonymy", "coreference") if h in table]
    table = table.reindex(columns=columns, fill_value=0)
    order = table.sum(axis=1).sort_values(ascending=False, kind="stable").index
    table = table.loc[order]
    table.index.name, table.columns.name = "actor", "how"
    return table
