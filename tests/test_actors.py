"""Actors and mentions: what the meetings and relations stages (and the notebook) rely on."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.actors import (
    ACTOR_COLUMNS,
    HOWS,
    KINDS,
    MENTION_COLUMNS,
    ROLES,
    actor_frames,
    clear_cache,
    extract_actors,
    extract_mentions,
)
from analysis.article import load_article
from analysis.provenance import check_provenance


def article_from(tmp_path, text: str, name: str = "story.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_article(path, published="2020-01-01")


@pytest.fixture(scope="module")
def seed_frames(seed):
    return actor_frames(seed)


def by_id(actors: pd.DataFrame) -> pd.DataFrame:
    return actors.set_index("actor_id")


# -- the frames' shape and provenance ---------------------------------------------------------


def test_frames_have_the_documented_columns_and_vocabularies(seed_frames):
    actors, mentions = seed_frames
    assert tuple(actors.columns) == ACTOR_COLUMNS
    assert tuple(mentions.columns) == MENTION_COLUMNS
    assert set(actors["kind"]) <= set(KINDS)
    assert set(mentions["how"]) <= set(HOWS)
    assert set(mentions["role_in_sentence"]) <= set(ROLES)
    assert actors["actor_id"].is_unique
    assert mentions["confidence"].between(0, 1).all()


def test_every_mention_and_actor_points_at_its_text(seed, seed_frames):
    actors, mentions = seed_frames
    assert (mentions["text"] == mentions["quote"]).all()
    assert check_provenance(mentions, seed).empty
    assert check_provenance(actors, seed).empty
    assert set(mentions["actor_id"]) >= set(actors["actor_id"])


def test_mentions_do_not_overlap(seed_frames):
    _, mentions = seed_frames
    ordered = mentions.sort_values("start")
    assert (ordered["start"].iloc[1:].to_numpy() >= ordered["end"].iloc[:-1].to_numpy()).all()


def test_counts_and_forms_agree_with_the_mentions(seed_frames):
    actors, mentions = seed_frames
    counted = mentions[mentions["role_in_sentence"] != "location"]
    for row in actors.itertuples():
        mine = counted[counted["actor_id"] == row.actor_id]
        assert row.mentions == len(mine)
        assert set(row.surface_forms.split("|")) == set(mine["text"])
        assert row.first_sentence == mine["sentence_id"].min()


def test_api_functions_agree(seed):
    """Each public function gives what ``actor_frames`` gives, recomputed from a fresh load (not
    the same cached object compared with itself)."""
    actors, mentions = actor_frames(seed)
    clear_cache()
    fresh = load_article(seed.path)
    pd.testing.assert_frame_equal(extract_actors(fresh), actors)
    clear_cache()
    pd.testing.assert_frame_equal(extract_mentions(load_article(seed.path)), mentions)


# -- recognition on invented text (generic, not the seed) -------------------------------------


def test_titles_names_surnames_and_pronouns(tmp_path):
    art = article_from(
        tmp_path,
        "French President Jean Dupont met Kenya's leader Amani Otieno in Nairobi.\n\n"
        "Dupont said he was pleased. The Kenyan president thanked him.",
    )
    actors, mentions = actor_frames(art)
    people = by_id(actors)
    assert people.loc["jean-dupont", "country"] == "FRA"
    assert people.loc["jean-dupont", "role"] == "French President"
    assert people.loc["jean-dupont", "cameo"] == "FRAGOV"
    assert people.loc["amani-otieno", "country"] == "KEN"
    assert people.loc["jean-dupont", "mentions"] == 4  # name, surname, "he", "him"
    # "The Kenyan president thanked him": an object pronoun is not the sentence's subject
    assert mentions.set_index("text").loc["him", "actor_id"] == "jean-dupont"
    how = mentions.set_index("text")["how"]
    assert how["Kenyan president"] == "title"
    assert mentions.set_index("text").loc["Kenyan president", "actor_id"] == "amani-otieno"
    assert how["he"] == "coreference"


def test_people_titled_by_each_other_do_not_loop(tmp_path):
    art = article_from(
        tmp_path, "Adams's special envoy Tom Brown spoke. Brown's spokesman Sam Adams replied."
    )
    actors = by_id(extract_actors(art))
    assert actors.loc["tom-brown", "role"] == "Adams's special envoy"
    assert actors.loc["sam-adams", "country"] == ""


def test_capital_as_place_and_as_state(tmp_path):
    art = article_from(
        tmp_path,
        "The minister arrived in Paris on Monday. Paris is a close ally of Berlin, and the "
        "White House welcomed German aid.",
    )
    actors, mentions = actor_frames(art)
    roles = list(zip(mentions["text"], mentions["role_in_sentence"], mentions["actor_id"],
                     strict=True))
    assert ("Paris", "location", "france") in roles
    assert ("Paris", "actor", "france") in roles
    assert ("Berlin", "actor", "germany") in roles
    assert ("German", "modifier", "germany") in roles
    assert ("White House", "actor", "united-states-government") in roles
    assert by_id(actors).loc["france", "mentions"] == 1  # the place does not count
    assert by_id(actors).loc["united-states-government", "kind"] == "government"


def test_a_state_seen_only_as_a_place_is_not_an_actor(tmp_path):
    art = article_from(tmp_path, "Delegates met in Vienna and in northern Iraq on Sunday.")
    actors, mentions = actor_frames(art)
    assert actors.empty
    assert set(mentions["role_in_sentence"]) == {"location"}


def test_diacritics_and_curly_apostrophes(tmp_path):
    art = article_from(
        tmp_path,
        "Turkish President Recep Tayyip Erdoğan spoke on Friday. Erdoğan’s office said "
        "Erdogan would travel. The Turkish government agreed.",
    )
    actors, mentions = actor_frames(art)
    person = by_id(actors).loc["recep-tayyip-erdogan"]
    assert person["name"] == "Recep Tayyip Erdoğan"
    linked = mentions[mentions["actor_id"] == "recep-tayyip-erdogan"]
    assert {"Recep Tayyip Erdoğan", "Erdogan"} <= set(linked["text"])
    gov = mentions[mentions["actor_id"] == "turkey-government"]
    assert {"office", "Turkish government"} <= set(gov["text"])
    assert "Erdoğan" in set(linked["text"])  # the office does not hide the person


def test_an_office_after_a_name_keeps_the_person(tmp_path):
    art = article_from(
        tmp_path, "U.S. President Jane Roe's administration welcomed the deal. The Roe "
        "government agreed.",
    )
    actors, mentions = actor_frames(art)
    ids = by_id(actors)
    assert ids.loc["jane-roe", "role"] == "U.S. President"
    gov = mentions[mentions["actor_id"] == "united-states-government"]
    assert list(gov["text"]) == ["administration", "government"]
    person = mentions[mentions["actor_id"] == "jane-roe"]
    assert list(person["role_in_sentence"]) == ["modifier", "modifier"]


def test_lowercase_common_words_are_not_states(tmp_path):
    art = article_from(tmp_path, "They ate turkey from fine china at dinner. Turkey objected.")
    actors, mentions = actor_frames(art)
    assert list(actors["actor_id"]) == ["turkey"]
    assert list(mentions["text"]) == ["Turkey"]


def test_no_actors_gives_empty_frames_with_columns(tmp_path):
    art = article_from(tmp_path, "it rained all day and the river rose. nobody was hurt.")
    actors, mentions = actor_frames(art)
    assert actors.empty and tuple(actors.columns) == ACTOR_COLUMNS
    assert mentions.empty and tuple(mentions.columns) == MENTION_COLUMNS


def test_generic_armed_groups_take_the_country_from_context(tmp_path):
    art = article_from(
        tmp_path,
        "Iraqi insurgents attacked a base. Officials said the insurgents fled. "
        "Hezbollah denied any role.",
    )
    actors = by_id(extract_actors(art))
    assert actors.loc["iraq-rebels", "name"] == "Iraqi rebels"
    assert actors.loc["iraq-rebels", "cameo"] == "IRQREB"
    assert actors.loc["iraq-rebels", "mentions"] == 2
    assert actors.loc["hezbollah", "kind"] == "armed_group"
    assert actors.loc["hezbollah", "country"] == "LBN"


def test_troops_need_a_demonym_and_based_is_a_place(tmp_path):
    art = article_from(
        tmp_path,
        "Turkish troops entered the town as security forces watched. A London-based monitor "
        "reported it, and Britain protested.",
    )
    actors, mentions = actor_frames(art)
    ids = by_id(actors)
    assert ids.loc["turkey-military", "cameo"] == "TURMIL"
    assert ids.loc["turkey-military", "kind"] == "armed_group"
    assert "security forces" not in set(mentions["text"])
    london = mentions[mentions["text"] == "London"]
    assert london["role_in_sentence"].tolist() == ["location"]
    assert ids.loc["united-kingdom", "mentions"] == 1  # "Britain protested"


def test_collective_actors(tmp_path):
    art = article_from(tmp_path, "Gulf monarchies and Western powers urged calm.")
    actors = by_id(extract_actors(art))
    assert actors.loc["gulf-monarchies", "kind"] == "collective"
    assert actors.loc["western-powers", "name"] == "Western powers"


@pytest.mark.parametrize(
    ("sentence", "actor_id"),
    [
        ("An Iraqi delegation held talks with Jan Berg.", "iraq-delegation"),
        ("Jan Berg will meet French civilians.", "france-civilians"),
        ("Iranian dissidents protested outside the embassy.", "iran-dissidents"),
        ("Jan Berg told a meeting of Arab foreign ministers that time was short.",
         "arab-foreign-ministers"),
        ("Mediators met both sides, and mediators said talks would go on.", "mediators"),
        ("Violence between Sunnis and Shiites rose.", "sunnis"),
    ],
)
def test_group_nouns_make_collective_actors(tmp_path, sentence, actor_id):
    """A demonym and a group noun, or a group noun of the lexicon, is an actor of its own."""
    actors = by_id(extract_actors(article_from(tmp_path, sentence)))
    assert actor_id in actors.index, list(actors.index)


@pytest.mark.parametrize(
    ("sentence", "actor_id", "country"),
    [
        ("An Iraqi delegation held talks with Jan Berg.", "iraq-delegation", "IRQ"),
        ("A South Sudanese delegation crossed the border.", "south-sudan-delegation", "SSD"),
        ("Gulf monarchies urged calm.", "gulf-monarchies", ""),
    ],
)
def test_a_demonym_group_is_named_on_its_state(tmp_path, sentence, actor_id, country):
    """Like "<state>-government", a demonym's group takes its state's id and country, so the
    same group reads alike whichever demonym spelling the text uses."""
    actors = by_id(extract_actors(article_from(tmp_path, sentence)))
    assert actor_id in actors.index, list(actors.index)
    assert (actors.loc[actor_id, "country"] or "") == country


# -- robustness: any prose of the genre's words keeps the frames' invariants -------------------

WORDS = [
    "President", "Jean", "Dupont", "Dupont's", "he", "his", "in", "Paris", "French", "Iraqi",
    "insurgents", "rebels", "the", "government", "Kremlin", "White", "House", "and", ",", "met",
    "said", "office", "Erdoğan’s", "turkey", "Turkey", "Gulf", "monarchies", "U.S.", "U.N.",
    "envoy", "to", "Mr.", "Hamas", "Kurdish", "forces", "opposed", "Arab", "leaders", "of",
    "northern", "visited", "Minister", "Foreign", "ambassador", "Syrian-brokered", "al-Rashid",
    "Adams's", "Adams", "Brown's", "Brown", "spokesman", "special", "him",
]


@settings(max_examples=max(60, settings.default.max_examples), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14), min_size=1,
                max_size=5))
def test_random_prose_keeps_the_invariants(sentences):
    text = " ".join(" ".join(words).replace(" ,", ",") + "." for words in sentences)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.txt"
        path.write_text(text, encoding="utf-8")
        article = load_article(path, published="2020-01-01")
        actors, mentions = actor_frames(article)
    assert check_provenance(mentions, article).empty
    assert check_provenance(actors, article).empty
    assert set(mentions["how"]) <= set(HOWS)
    assert set(mentions["role_in_sentence"]) <= set(ROLES)
    ordered = mentions.sort_values("start")
    assert (ordered["start"].iloc[1:].to_numpy() >= ordered["end"].iloc[:-1].to_numpy()).all()
    counted = mentions[mentions["role_in_sentence"] != "location"]
    assert actors["mentions"].sum() == len(counted)
    assert set(actors["actor_id"]) == set(counted["actor_id"])
    assert "turkey" not in set(mentions["text"])


def test_headline_verbs_and_bare_titles_are_not_names(tmp_path):
    """A title-case headline's verb or bare title ("Rebel Chief Meet") is not a person."""
    art = article_from(tmp_path, "Xandia President, Rebel Chief Meet in Oslo\n\nJan Berg spoke.")
    actors = by_id(extract_actors(art))
    assert not any(i.startswith(("rebel-chief", "chief")) for i in actors.index), list(actors.index)


def test_a_group_noun_before_a_named_group_takes_its_country(tmp_path):
    """ "the opposition <named council> gathered in Paris": the noun describes the named group,
    so it is that group's country's opposition, not the place's."""
    art = article_from(tmp_path, "The opposition Syrian National Council gathered in Paris.")
    actors = by_id(extract_actors(art))
    assert "syria-opposition" in actors.index, list(actors.index)
    assert "france-opposition" not in actors.index
