"""Gold actors: typed verbatim, and the scoreboard the notebook shows counts what it says."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.actor_gold import (
    GOLD_COLUMNS,
    compare_actors,
    gold_path,
    gold_scoreboard,
    load_gold,
    score,
    scoreboard,
    unverified_forms,
)
from analysis.actors import KINDS, actor_frames
from analysis.article import load_article
from analysis.paths import ANNOTATIONS_DIR, ARTICLES_DIR, SEED_ARTICLE

GOLD_ARTICLES = [SEED_ARTICLE] + sorted(
    ARTICLES_DIR / f"{p.name}.txt" for p in ANNOTATIONS_DIR.iterdir()
    if p.is_dir() and (p / "actors.csv").exists() and p.name != SEED_ARTICLE.stem
)


@pytest.fixture(scope="module", params=[p.name for p in GOLD_ARTICLES])
def annotated(request):
    article = load_article(ARTICLES_DIR / request.param)
    return article, load_gold(gold_path(article))


def test_there_is_gold_for_the_seed_and_an_example():
    assert len(GOLD_ARTICLES) >= 2
    assert all(p.exists() for p in GOLD_ARTICLES)


def test_gold_is_well_formed(annotated):
    _, gold = annotated
    assert tuple(gold.columns) == GOLD_COLUMNS
    assert gold["actor_id"].is_unique
    assert set(gold["kind"]) <= set(KINDS)
    assert (gold["surface_forms"] != "").all()


def test_every_gold_surface_form_is_verbatim_in_the_text(annotated):
    article, gold = annotated
    assert unverified_forms(gold, article).empty


def test_unverified_forms_catches_a_typo(annotated):
    article, gold = annotated
    broken = gold.copy()
    broken.loc[0, "surface_forms"] += "|Nobody At All"
    assert unverified_forms(broken, article)["form"].tolist() == ["Nobody At All"]


def test_seed_meets_the_targets():
    article = load_article(SEED_ARTICLE)
    actors, mentions = actor_frames(article)
    result = score(compare_actors(actors, load_gold(gold_path(article)), mentions))
    assert result["recall"] >= 0.95
    assert result["precision"] >= 0.90


def test_compare_and_score_count_hits_misses_and_false_alarms():
    gold = pd.DataFrame(
        [
            {"actor_id": "a", "name": "A", "kind": "state", "country": "", "cameo": "",
             "surface_forms": "A|Aa", "note": ""},
            {"actor_id": "b", "name": "B", "kind": "state", "country": "", "cameo": "",
             "surface_forms": "B", "note": ""},
        ]
    )
    actors = pd.DataFrame(
        [
            {"actor_id": "a", "name": "A", "kind": "person", "cameo": "", "surface_forms": "A|X"},
            {"actor_id": "c", "name": "C", "kind": "state", "cameo": "", "surface_forms": "C"},
        ]
    )
    comparison = compare_actors(actors, gold).set_index("actor_id")
    assert comparison["outcome"].to_dict() == {"a": "hit", "b": "miss", "c": "false alarm"}
    assert comparison.loc["a", "forms_missed"] == "Aa"
    assert comparison.loc["a", "forms_extra"] == "X"
    result = score(comparison.reset_index())
    assert (result["precision"], result["recall"]) == (0.5, 0.5)
    assert result["kind agrees"] == 0


def test_scoreboard_scores_only_articles_with_gold(seed, tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("French President Jean Dupont met Iraqi insurgents.", encoding="utf-8")
    board = scoreboard([seed, load_article(plain, published="2020-01-01")]).set_index("article")
    assert board.loc[seed.article_id, "recall"] >= 0.95
    assert board.loc["plain", "precision"] == ""
    # the person, France and the Iraqi rebels (the demonym belongs to the group's mention)
    assert board.loc["plain", "actors"] == 3
    assert board.loc["plain", ["persons", "states", "others"]].tolist() == [1, 1, 1]


def test_gold_scoreboard_has_one_row_per_annotated_article():
    articles = [load_article(p) for p in GOLD_ARTICLES]
    board = gold_scoreboard(articles).set_index("article")
    assert list(board.index) == [a.article_id for a in articles]
    for article in articles:
        gold = load_gold(gold_path(article))
        assert board.at[article.article_id, "gold actors"] == len(gold)
    assert board.at[articles[0].article_id, "recall"] == 1.0
