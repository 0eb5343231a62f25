"""Render actor mentions as highlighted article text (displaCy entity HTML, deterministic).

Why displaCy: it draws spans over the verbatim text with a label beside each, needs no model
(``manual=True`` takes our own spans) and its HTML is identical on every run, so notebooks can
store it and nbval can compare it.
"""

from __future__ import annotations

import pandas as pd
from spacy import displacy

from analysis.article import Article

#: Label shown for each actor kind; places get their own label whatever the actor's kind.
LABELS = {
    "person": "PERSON", "state": "STATE", "government": "GOV", "organization": "ORG",
    "armed_group": "ARMED", "collective": "GROUP",
}
PLACE = "PLACE"
#: One colour per label (light tints, so the text stays readable).
COLORS = {
    "PERSON": "#c6dbef", "STATE": "#fdd0a2", "GOV": "#fcbba1", "ORG": "#d9f0a3",
    "ARMED": "#e5b9e8", "GROUP": "#ccebc5", PLACE: "#e0e0e0",
}


def label_spans(mentions: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Mentions with the display ``label`` of each (its actor's kind, or PLACE for a location)."""
    kinds = dict(zip(actors["actor_id"], actors["kind"], strict=True))
    spans = mentions[["actor_id", "sentence_id", "start", "end", "text", "how",
                      "role_in_sentence"]].copy()
    spans["label"] = [
        PLACE if role == "location" else LABELS.get(kinds.get(actor_id, ""), PLACE)
        for actor_id, role in zip(spans["actor_id"], spans["role_in_sentence"], strict=True)
    ]
    return spans


def mentions_html(
    article: Article,
    mentions: pd.DataFrame,
    actors: pd.DataFrame,
    sentence_ids: list[int] | None = None,
) -> str:
    """HTML of the article text (or of the paragraphs holding ``sentence_ids``) with every mention
    highlighted and labelled by kind (PERSON, STATE, GOV, ORG, ARMED, GROUP; PLACE for places)."""
    sentences = article.sentences
    if sentence_ids is not None:
        sentences = sentences[sentences["sentence_id"].isin(sentence_ids)]
    if sentences.empty:
        return ""
    lo, hi = int(sentences["start"].min()), int(sentences["end"].max())
    spans = label_spans(mentions, actors)
    spans = spans[(spans["start"] >= lo) & (spans["end"] <= hi)].sort_values("start")
    doc = {
        "text": article.text[lo:hi],
        "ents": [
            {"start": int(s) - lo, "end": int(e) - lo, "label": label}
            for s, e, label in zip(spans["start"], spans["end"], spans["label"], strict=True)
        ],
        "title": None,
    }
    options = {"colors": COLORS, "ents": list(COLORS)}
    return displacy.render(doc, style="ent", manual=True, jupyter=False, options=options)
