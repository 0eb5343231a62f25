"""Views of actors and mentions: co-occurrence, links to check, counts by how, highlighted HTML."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from analysis import plotting
from analysis.actor_tables import cooccurrence, mentions_by_how, resolutions, unsure
from analysis.actors import actor_frames
from analysis.article import load_article
from analysis.highlight import COLORS, label_spans, mentions_html
from analysis.provenance import check_provenance


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    path = tmp_path_factory.mktemp("story") / "story.txt"
    path.write_text(
        "French President Jean Dupont arrived in Berlin. Dupont met German leaders, and he "
        "thanked Berlin.\n\nThe government said Paris would help.",
        encoding="utf-8",
    )
    article = load_article(path, published="2020-01-01")
    return article, *actor_frames(article)


def test_cooccurrence_counts_sentences_shared_and_skips_places(story):
    _, actors, mentions = story
    matrix = cooccurrence(mentions, actors)
    assert list(matrix.index) == list(actors["name"]) == list(matrix.columns)
    assert (matrix == matrix.T).all().all()
    assert matrix.loc["Jean Dupont", "Germany"] == 1  # sentence 2 only: "in Berlin" is a place
    assert matrix.loc["Jean Dupont", "Jean Dupont"] == 2


def test_resolutions_and_unsure_carry_provenance(story):
    article, actors, mentions = story
    links = resolutions(article, mentions, actors)
    assert set(links["how"]) <= {"metonymy", "title", "coreference"}
    assert {"he", "Berlin", "The government"} <= set(links["quote"])
    assert check_provenance(links, article).empty
    doubtful = unsure(article, mentions, actors, below=0.8)
    assert (doubtful["confidence"] < 0.8).all() and not doubtful.empty


def test_mentions_by_how_adds_up_to_the_actor_counts(story):
    _, actors, mentions = story
    table = mentions_by_how(mentions, actors)
    totals = actors.set_index("name")["mentions"]
    assert table.sum(axis=1).to_dict() == totals.to_dict()
    assert list(table.sum(axis=1)) == sorted(table.sum(axis=1), reverse=True)
    fig = plotting.stacked_counts(table, "t", "mentions", "actor", "test")
    assert fig.get_size_inches().tolist() == [9.0, 6.0]
    plt.close(fig)


def test_highlighted_html_is_deterministic_and_labels_places(story):
    article, actors, mentions = story
    html = mentions_html(article, mentions, actors)
    assert html == mentions_html(article, mentions, actors)
    spans = label_spans(mentions, actors)
    assert set(spans["label"]) <= set(COLORS)
    assert spans.set_index("start").loc[article.text.index("Berlin"), "label"] == "PLACE"
    assert html.count("<mark") == len(mentions)
    one = mentions_html(article, mentions, actors, sentence_ids=[3])
    assert "Paris" in one and "Dupont" not in one
