"""Check that every row of a frame points at the article text it quotes."""

from __future__ import annotations

import pandas as pd

from analysis.article import Article


def check_provenance(
    frame: pd.DataFrame, article: Article, quote_column: str = "quote"
) -> pd.DataFrame:
    """Rows whose quote is not verbatim at ``article.text[start:end]`` or outside their sentence.

    An empty result means every row's provenance holds.
    """
    bad = []
    bounds = article.sentences.set_index("sentence_id")[["start", "end"]]
    for index, row in frame.iterrows():
        start, end, sid = int(row["start"]), int(row["end"]), int(row["sentence_id"])
        problems = []
        if article.text[start:end] != row[quote_column]:
            problems.append("quote is not at its span")
        if sid not in bounds.index:
            problems.append("unknown sentence id")
        elif not (bounds.at[sid, "start"] <= start <= end <= bounds.at[sid, "end"]):
            problems.append("span is outside its sentence")
        if problems:
            bad.append({"row": index, "problem": "; ".join(problems)})
    return pd.DataFrame(bad, columns=["row", "problem"])
