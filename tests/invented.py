"""Hand-made actor frames for invented sentences, shared by the meeting tests.

Why: the meeting rules are tested apart from actor recognition, so each test names its actors in
a small lexicon (surface -> actor_id, name, kind, country, role) and gets the two frames the
meeting pass reads, with every occurrence of each surface as a mention.
"""

from __future__ import annotations

import pandas as pd

from analysis.article import Article

ACTOR_COLUMNS = ["actor_id", "name", "kind", "country", "role", "cameo", "mentions",
                 "surface_forms", "first_sentence"]  # fmt: skip
MENTION_COLUMNS = ["actor_id", "sentence_id", "start", "end", "text", "how", "role_in_sentence"]


def hand_made_frames(article: Article, lexicon: dict[str, tuple]) -> tuple[pd.DataFrame,
                                                                          pd.DataFrame]:
    """(actors, mentions) of ``article`` from ``lexicon``: each surface found verbatim."""
    actors, mentions = {}, []
    for surface, (actor_id, name, kind, country, role) in lexicon.items():
        start = article.text.find(surface)
        while start >= 0:
            end = start + len(surface)
            mentions.append([actor_id, article.sentence_at(start), start, end, surface, "name",
                             role])  # fmt: skip
            actors[actor_id] = [actor_id, name, kind, country, "", "", 1, surface, 1]
            start = article.text.find(surface, end)
    return (pd.DataFrame(list(actors.values()), columns=ACTOR_COLUMNS),
            pd.DataFrame(mentions, columns=MENTION_COLUMNS))
