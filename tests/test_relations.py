"""Relation extraction: the cue rules on small invented articles, then the seed article."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.article import load_article
from analysis.network import signed_graph
from analysis.paths import ARTICLES_DIR, SEED_ARTICLE
from analysis.provenance import check_provenance
from analysis.relations import (
    CUES_FILE,
    RELATION_COLUMNS,
    RELATIONS,
    actor_nodes,
    extract_relations,
    load_cues,
    relations_from_mentions,
)

# A tiny stand-in for actor recognition: surface form -> network node. Invented countries, so
# the rules are shown to work on names the lexicons have never seen.
NODES = {
    "Freedonia": "Freedonia", "Freedonian": "Freedonia", "Fredville": "Freedonia",
    "Sylvania": "Sylvania", "Sylvanian": "Sylvania", "Sylburg": "Sylvania",
    "Ruritania": "Ruritania", "Ruritanian": "Ruritania", "Rurstadt": "Ruritania",
    "Marsovia": "Marsovia", "Grand Fenwick": "Grand Fenwick",
    "Valley Front": "Valley Front", "President Firefly": "Freedonia",
}
_PATTERN = re.compile("|".join(sorted(map(re.escape, NODES), key=len, reverse=True)))


def article_and_mentions(tmp_path, text, locations=()):
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    article = load_article(path)
    rows = []
    for match in _PATTERN.finditer(article.text):
        rows.append(
            {
                "sentence_id": article.sentence_at(match.start()),
                "start": match.start(),
                "end": match.end(),
                "text": match.group(0),
                "node": NODES[match.group(0)],
                "role_in_sentence": "location" if match.start() in locations else "actor",
                "kind": "armed_group" if NODES[match.group(0)] == "Valley Front" else "state",
            }
        )
    return article, pd.DataFrame(rows)


def extract(tmp_path, text, **kwargs):
    article, mentions = article_and_mentions(tmp_path, text, **kwargs)
    frame = relations_from_mentions(article, mentions)
    assert check_provenance(frame, article).empty
    return frame


def triples(frame):
    return sorted(zip(frame["source"], frame["target"], frame["relation"], strict=True))


def test_frame_has_the_documented_columns_even_when_empty(tmp_path):
    frame = extract(tmp_path, "Freedonia held elections on Sunday.")
    assert list(frame.columns) == list(RELATION_COLUMNS)
    assert frame.empty


def test_ally_is_symmetric_and_listed_once(tmp_path):
    frame = extract(tmp_path, "Sylvania is a staunch ally of Freedonia, officials said.")
    assert triples(frame) == [("Freedonia", "Sylvania", "ally")]
    row = frame.iloc[0]
    assert row["sign"] == 1 and row["cue"] == "staunch ally"
    assert row["quote"] == "Sylvania is a staunch ally of Freedonia"


def test_possessive_allies_and_coordinated_lists(tmp_path):
    frame = extract(
        tmp_path,
        "Freedonia has been one of Sylvania's few allies. "
        "Both Ruritania and Marsovia are among Grand Fenwick's last remaining allies.",
    )
    assert triples(frame) == [
        ("Freedonia", "Sylvania", "ally"),
        ("Grand Fenwick", "Marsovia", "ally"),
        ("Grand Fenwick", "Ruritania", "ally"),
    ]


def test_negation_is_kept_flagged_and_left_out_of_the_network(tmp_path):
    frame = extract(tmp_path, "Sylvania is not an ally of Freedonia. Marsovia backs Ruritania.")
    denied = frame[frame["relation"] == "ally"].iloc[0]
    assert bool(denied["negated"]) is True
    assert bool(frame[frame["relation"] == "supports"].iloc[0]["negated"]) is False
    assert sorted(signed_graph(frame).edges) == [("Marsovia", "Ruritania")]


def test_hedged_mediation_gives_one_row_per_named_party(tmp_path):
    """Bridging a divide mediates between its parties, and the divide it names is a rivalry
    stated in the same words (mediation alone implies no tie between the parties)."""
    frame = extract(
        tmp_path,
        "Analysts say Freedonia is trying to bridge the divide between Sylvania and Ruritania.",
    )
    assert triples(frame) == [
        ("Freedonia", "Ruritania", "mediates"),
        ("Freedonia", "Sylvania", "mediates"),
        ("Ruritania", "Sylvania", "rival"),
    ]
    assert frame["hedged"].all()
    assert set(frame.loc[frame["relation"] == "mediates", "sign"]) == {1}
    plain = extract(tmp_path, "Freedonia mediated between Sylvania and Ruritania.")
    assert "rival" not in set(plain["relation"])


def test_unnamed_parties_are_dropped(tmp_path):
    frame = extract(
        tmp_path,
        "Freedonia brokered a truce between Sylvania and the militias. "
        "Freedonia offered aid to the victims. Analysts say it could bolster regional support.",
    )
    assert triples(frame) == [("Freedonia", "Sylvania", "mediates")]


def test_passive_agents_each_attach_to_the_group_described(tmp_path):
    frame = extract(
        tmp_path,
        'The Valley Front in northern Sylvania, described as "terrorists" by Fredville and '
        "backed by Rurstadt, denied the claim.",
        locations=(len("The Valley Front in northern "),),
    )
    assert triples(frame) == [
        ("Freedonia", "Valley Front", "opposes"),
        ("Ruritania", "Valley Front", "supports"),
    ]
    assert set(frame["sign"]) == {-1, 1}


def test_relative_clause_attaches_to_the_last_member_of_a_list(tmp_path):
    frame = extract(
        tmp_path,
        "The war led to strained relations between Sylburg and Fredville, which has long "
        "supported the Valley Front opposed to President Firefly.",
    )
    assert triples(frame) == [
        ("Freedonia", "Sylvania", "rival"),
        ("Freedonia", "Valley Front", "supports"),
        ("Valley Front", "Freedonia", "opposes"),
    ]


def test_pair_anaphor_refers_back_to_the_last_named_pair(tmp_path):
    frame = extract(
        tmp_path,
        "Ties between Sylvania and Ruritania have frayed. "
        "Marsovia wants to bridge the divide between its two allies.",
    )
    assert ("Marsovia", "Sylvania", "mediates") in triples(frame)
    assert ("Marsovia", "Ruritania", "mediates") in triples(frame)
    assert ("Marsovia", "Ruritania", "ally") in triples(frame)
    mediation = frame[frame["relation"] == "mediates"].iloc[0]
    assert mediation["target_text"] == "its two allies"
    assert mediation["sentence_id"] == 2


def test_brokered_deal_with_one_named_party_takes_the_speaker_as_the_other(tmp_path):
    frame = extract(
        tmp_path,
        "Sylvania's leader said a Freedonian-brokered rapprochement with Ruritania should end "
        "the occupation by Rurstadt of parts of Sylvania.",
        locations=(),
    )
    assert ("Freedonia", "Sylvania", "mediates") in triples(frame)
    assert ("Freedonia", "Ruritania", "mediates") in triples(frame)
    assert ("Ruritania", "Sylvania", "opposes") in triples(frame)


def test_fighting_between_two_parties_is_hostile_both_ways(tmp_path):
    frame = extract(tmp_path, "Fighting between Sylvania and the Valley Front killed dozens.")
    assert triples(frame) == [
        ("Sylvania", "Valley Front", "opposes"),
        ("Valley Front", "Sylvania", "opposes"),
    ]


def test_support_from_names_the_giver_and_the_receiver(tmp_path):
    frame = extract(
        tmp_path,
        "With that support, as well as from Marsovia, Sylvania won back territory. "
        "Freedonia has been receiving aid from Ruritania.",
    )
    assert triples(frame) == [
        ("Marsovia", "Sylvania", "supports"),
        ("Ruritania", "Freedonia", "supports"),
    ]


def test_abbreviation_periods_do_not_end_a_cue_span(tmp_path):
    """ "U.N." inside the span of a long cue ("vetoed U.N. proposals ... pressure on") is not
    the end of the sentence."""
    frame = extract(
        tmp_path,
        "Marsovia has vetoed U.N. Security Council proposals that would have put pressure on "
        "Sylvania.",
    )
    assert triples(frame) == [("Marsovia", "Sylvania", "supports")]


def test_an_attempt_to_arm_has_no_stated_arms_giver(tmp_path):
    """ "warning that attempts to arm the rebels would fail": nobody named arms anybody."""
    frame = extract(tmp_path, "Sylvania warned that attempts to arm the Valley Front would fail.")
    assert [t for t in triples(frame) if t[2] == "supports"] == []


def test_self_loops_are_impossible(tmp_path):
    frame = extract(tmp_path, "President Firefly backed Freedonia's army and Fredville's allies.")
    assert (frame["source"] != frame["target"]).all()


def test_same_statement_twice_is_one_edge_keeping_both_quotes(tmp_path):
    frame = extract(
        tmp_path,
        "Sylvania is an ally of Freedonia. Freedonia has been one of Sylvania's allies.",
    )
    assert len(frame) == 2
    edge = signed_graph(frame).edges["Freedonia", "Sylvania"]
    assert edge["n_statements"] == 2
    assert edge["quotes"].count(" | ") == 1


def test_every_cue_row_catches_its_own_example():
    raw = pd.read_csv(CUES_FILE, comment="#", dtype=str, keep_default_na=False)
    cues = load_cues()
    assert len(cues) == len(raw)
    for cue, example in zip(cues, raw["example"], strict=True):
        assert cue.pattern.search(example), (cue.pattern.pattern, example)


_ROLES = {"A": "Freedonia", "B": "Sylvania", "C": "Ruritania"}
_RELATION_ROWS = [
    row for row in pd.read_csv(CUES_FILE, comment="#", dtype=str, keep_default_na=False)
    .to_dict("records") if row["kind"] == "relation"
]


@pytest.mark.parametrize("row", _RELATION_ROWS, ids=[r["example"] for r in _RELATION_ROWS])
def test_every_relation_example_gives_its_tie(tmp_path, row):
    """Each relation row's invented example, with A, B, C as invented states, gives the tie its
    ``expect`` column names (and the sign of the row)."""
    sentence = re.sub(r"\b[ABC]\b", lambda m: _ROLES[m.group(0)], row["example"])
    frame = extract(tmp_path, sentence[0].upper() + sentence[1:] + ".")
    source, target = re.split(r"[>-]", row["expect"])
    pair = (_ROLES[source], _ROLES[target])
    if "-" in row["expect"]:
        pair = tuple(sorted(pair))
    assert (*pair, row["relation"]) in triples(frame), (sentence, triples(frame))
    assert set(frame.loc[frame["relation"] == row["relation"], "sign"]) == {int(row["sign"])}
    assert not frame["negated"].any()


def test_cue_examples_are_invented_not_taken_from_the_articles():
    texts = [p.read_text(encoding="utf-8").lower() for p in ARTICLES_DIR.glob("*.txt")]
    raw = pd.read_csv(CUES_FILE, comment="#", dtype=str, keep_default_na=False)
    for example in raw["example"]:
        assert not any(example.lower() in text for text in texts), example


def test_singular_anaphor_takes_the_last_actor_of_its_type(tmp_path):
    frame = extract(
        tmp_path,
        "Sylvania hosted the Valley Front leaders. The kingdom has long backed the group.",
    )
    assert ("Sylvania", "Valley Front", "supports") in triples(frame)


def test_tentative_and_denied_ties_are_flagged(tmp_path):
    frame = extract(tmp_path, "Freedonia could arm Sylvania. Ruritania has never backed Marsovia.")
    could = frame[frame["source"] == "Freedonia"].iloc[0]
    never = frame[frame["source"] == "Ruritania"].iloc[0]
    assert bool(could["hedged"]) and not bool(could["negated"])
    assert bool(never["negated"])


@pytest.mark.parametrize("kind", ["relation", "hedge", "pair_anaphor", "anaphor"])
def test_lexicon_has_every_kind_of_row(kind):
    assert any(cue.kind == kind for cue in load_cues())


def test_an_actor_after_a_clause_break_is_not_the_cue_object(tmp_path):
    frame = extract(
        tmp_path,
        "Ahead of the Freedonian-brokered talks, Sylvania's envoy said both sides must yield. "
        "Marsovia has been one of Ruritania's few allies, Sylvania said.",
    )
    assert triples(frame) == [("Marsovia", "Ruritania", "ally")]


# --------------------------------------------------------------------------- real actors


def test_people_and_governments_collapse_to_their_state_but_groups_stay():
    actors = pd.DataFrame(
        [
            {"actor_id": "p", "name": "A Leader", "kind": "person", "country": "FRA"},
            {"actor_id": "g", "name": "French government", "kind": "government",
             "country": "FRA"},
            {"actor_id": "s", "name": "France", "kind": "state", "country": "FRA"},
            {"actor_id": "r", "name": "French rebels", "kind": "armed_group", "country": "FRA"},
            {"actor_id": "c", "name": "Arab leaders", "kind": "collective", "country": ""},
            {"actor_id": "u", "name": "A Stateless Envoy", "kind": "person", "country": ""},
            {"actor_id": "i", "name": "French spy agency", "kind": "organization",
             "country": "FRA", "cameo": "FRASPY"},
            {"actor_id": "a", "name": "French army", "kind": "armed_group", "country": "FRA",
             "cameo": "FRAMIL"},
            {"actor_id": "o", "name": "French charity", "kind": "organization",
             "country": "FRA", "cameo": "FRANGO"},
        ]
    )
    nodes = dict(zip(actor_nodes(actors)["actor_id"], actor_nodes(actors)["node"], strict=True))
    assert nodes["p"] == nodes["g"] == nodes["s"] == nodes["i"] == nodes["a"]
    assert nodes["o"] == "French charity"
    assert nodes["r"] == "French rebels"
    assert nodes["c"] == "Arab leaders"
    assert nodes["u"] == "A Stateless Envoy"


@pytest.fixture(scope="module")
def seed():
    article = load_article(SEED_ARTICLE)
    return article, extract_relations(article)


def test_seed_relations_have_provenance_and_no_self_loops(seed):
    article, frame = seed
    assert not frame.empty
    assert check_provenance(frame, article).empty
    assert (frame["source"] != frame["target"]).all()
    assert set(frame["relation"]) <= set(RELATIONS)
    assert set(frame["sign"]) <= {1, -1}
    symmetric = frame[frame["relation"].isin(["ally", "rival"])]
    assert (symmetric["source"] < symmetric["target"]).all()


@pytest.mark.parametrize("path", sorted(ARTICLES_DIR.glob("voa-*.txt")), ids=lambda p: p.stem)
def test_other_articles_give_clean_frames(path):
    article = load_article(path)
    frame = extract_relations(article)
    assert list(frame.columns) == list(RELATION_COLUMNS)
    assert check_provenance(frame, article).empty
    assert (frame["source"] != frame["target"]).all()


def test_relations_frame_is_registered_for_the_cli():
    from analysis.pipeline import FRAMES

    assert FRAMES["relations"] is extract_relations


_WORDS = [
    "Freedonia", "Sylvania", "Ruritania", "Marsovia", "the Valley Front", "is", "not", "an",
    "ally", "of", "backed", "by", "and", ",", "rivals", "between", "its", "two", "allies",
    "opposed", "to", "Freedonian-brokered", "talks", "with", "aid", "from", "analysts", "say",
    "enemy", "occupation", "fight", "the", "both", "sides", "support", "said", "--",
]


@settings(
    max_examples=max(60, settings.default.max_examples), deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=14), min_size=1,
                max_size=4))
def test_any_sentence_gives_clean_rows(tmp_path, sentences):
    text = " ".join(" ".join(words)[0].upper() + " ".join(words)[1:] + "." for words in sentences)
    article, mentions = article_and_mentions(tmp_path, text)
    frame = relations_from_mentions(article, mentions)
    assert list(frame.columns) == list(RELATION_COLUMNS)
    assert check_provenance(frame, article).empty
    assert (frame["source"] != frame["target"]).all()
    assert set(frame["sign"]) <= {1, -1}


def test_a_coordinated_verb_takes_the_subject_of_its_clause(tmp_path):
    frame = extract(
        tmp_path,
        "Freedonia backs the Valley Front and has long criticized Sylvania, accusing Rurstadt "
        "of meddling.",
    )
    found = triples(frame)
    assert ("Freedonia", "Sylvania", "opposes") in found
    assert ("Freedonia", "Ruritania", "opposes") in found
    assert ("Valley Front", "Sylvania", "opposes") not in found


def test_an_attacked_state_written_as_a_place_is_the_target(tmp_path):
    text = "The Valley Front launched rockets into Sylvania."
    frame = extract(tmp_path, text, locations=(text.index("Sylvania"),))
    assert triples(frame) == [("Valley Front", "Sylvania", "opposes")]


def _with_people(tmp_path, text, people):
    """The invented article with the mentions in ``people`` marked as persons."""
    article, mentions = article_and_mentions(tmp_path, text)
    mentions.loc[mentions["text"].isin(people), "kind"] = "person"
    frame = relations_from_mentions(article, mentions)
    assert check_provenance(frame, article).empty
    return frame


@pytest.mark.parametrize(("text", "expected"), [
    # the subject takes the office "as", not the actor nearest before it
    ("Ruritania replaced Marsovia as the special envoy to Sylvania.",
     [("Ruritania", "Sylvania", "mediates")]),
    # the holder in apposition before the office, or after the office's object
    ("President Firefly, the envoy to Sylvania, arrived on Monday.",
     [("Freedonia", "Sylvania", "mediates")]),
    ("The new peace envoy to Sylvania, President Firefly, met the rebels.",
     [("Freedonia", "Sylvania", "mediates")]),
    # an actor right before the office word is whom the holder serves
    ("The Marsovia envoy to Sylvania arrived on Monday.", []),
])
def test_an_office_held_by_a_person_names_its_holder(tmp_path, text, expected):
    frame = _with_people(tmp_path, text, {"President Firefly"})
    assert triples(frame) == expected


def test_brokered_talks_without_parties_refer_back_to_the_talks_named_before(tmp_path):
    frame = extract(
        tmp_path,
        "The talks between Sylvania and Ruritania resumed in Fredville. "
        "Sylvania said it was hopeful. "
        "Ahead of the Freedonian-brokered talks, Marsovia said both sides must yield.",
    )
    assert triples(frame) == [("Freedonia", "Ruritania", "mediates"),
                              ("Freedonia", "Sylvania", "mediates")]


@pytest.mark.parametrize(("text", "expected"), [
    # an apposition after the subject is not the subject
    ("Marsovia, Sylvania's closest ally, has denied that the Sylvanian army was behind the "
     "attack.", [("Marsovia", "Sylvania", "ally"), ("Marsovia", "Sylvania", "supports")]),
    # a list is: its last member is the one next to the verb
    ("Marsovia, Ruritania and Sylvania condemned Freedonia.",
     [("Marsovia", "Freedonia", "opposes"), ("Ruritania", "Freedonia", "opposes"),
      ("Sylvania", "Freedonia", "opposes")]),
    # blaming by saying who carried it out
    ("Freedonia rejected the charge, saying Sylvanian militants carried out the bombing.",
     [("Freedonia", "Sylvania", "opposes")]),
    # a demand "for" a thing qualified by a demonym names no target; "for B to" does
    ("Talks stalled on Freedonia's demand for Sylvanian guarantees.", []),
    ("Freedonia renewed its demand for Sylvania to withdraw.",
     [("Freedonia", "Sylvania", "opposes")]),
    # the one urged to act is only asked: the stance is the urger's
    ("Marsovia urged President Firefly to cut off aid to Sylvania.",
     [("Marsovia", "Sylvania", "opposes")]),
    ("Freedonia will cut off aid to Sylvania.", [("Freedonia", "Sylvania", "opposes")]),
    # a hostile act condemned names its victim, not the one condemned; its author is
    ("Freedonia condemned the attack on Sylvania.", []),
    ("Freedonia condemned Sylvania's attack on Ruritania.", [("Freedonia", "Sylvania", "opposes")]),
    # ties restored between a pair, a pair at odds, talks hosted between two parties
    ("Freedonia and Sylvania agreed to restore diplomatic ties.",
     [("Freedonia", "Sylvania", "ally")]),
    ("Freedonia and Sylvania have been at odds over the border.",
     [("Freedonia", "Sylvania", "rival")]),
    ("Freedonia is hosting talks between Sylvania and Ruritania.",
     [("Freedonia", "Ruritania", "mediates"), ("Freedonia", "Sylvania", "mediates")]),
    # dissatisfaction, an axis
    ("Freedonia is not satisfied with Sylvania's answer.", [("Freedonia", "Sylvania", "opposes")]),
    ("Sylvania and Ruritania form an axis of resistance.", [("Ruritania", "Sylvania", "ally")]),
])
def test_genre_cues_give_their_ties(tmp_path, text, expected):
    assert triples(extract(tmp_path, text)) == sorted(expected)


def test_a_definite_head_noun_refers_back_to_the_named_body(tmp_path):
    frame = extract(tmp_path, "The Valley Front attacked Sylvania. Talks failed. "
                              "The front also wants Freedonia to allow inspectors in.")
    assert ("Valley Front", "Freedonia", "opposes") in triples(frame)
    alone = extract(tmp_path, "The front also wants Freedonia to allow inspectors in.")
    assert alone.empty  # no body named before: "the front" stands for nobody


def test_a_demonstrative_restates_the_last_tie_of_its_type(tmp_path):
    frame = extract(tmp_path, "Freedonia has long supported Sylvania. With that support, as "
                              "well as aid from Ruritania, Sylvania won back the valley.")
    second = frame[frame["sentence_id"] == 2]
    assert sorted(zip(second["source"], second["target"], strict=True)) == [
        ("Freedonia", "Sylvania"), ("Ruritania", "Sylvania")]
    assert check_provenance(frame, load_article(tmp_path / "story.txt")).empty
    # without a tie of that type just before, the demonstrative restates nothing
    lone = extract(tmp_path, "Freedonia attacked Marsovia. With that support, as well as aid "
                             "from Ruritania, Sylvania won back the valley.")
    assert ("Freedonia", "Sylvania", "supports") not in triples(lone)
