"""Relation cues at their edges: cue words inside names, overlapping and nested cues, negations
that are part of the cue or of the clause, and tentative clauses.

Invented countries and groups with hand-made mentions (as in ``test_relations.py``), so the
tests are about the cue rules only; each sentence is listed with the ties a careful reader
takes from it. Rows the rules still read wrongly are strict xfails naming the bug.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.article import load_article
from analysis.provenance import check_provenance
from analysis.relations import Cue, relations_from_mentions

NODES = {
    "Freedonia": "Freedonia", "Sylvania": "Sylvania", "Ruritania": "Ruritania",
    "Marsovia": "Marsovia", "Rivals League": "Rivals League",
    "Southern Rivals": "Southern Rivals",
}
_PATTERN = re.compile("|".join(sorted(map(re.escape, NODES), key=len, reverse=True)))


def relations(tmp_path, text: str, cues: tuple[Cue, ...] | None = None) -> pd.DataFrame:
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    article = load_article(path)
    rows = [
        {"sentence_id": article.sentence_at(m.start()), "start": m.start(), "end": m.end(),
         "text": m.group(0), "node": NODES[m.group(0)], "role_in_sentence": "actor",
         "kind": "armed_group" if " " in m.group(0) else "state"}
        for m in _PATTERN.finditer(article.text)
    ]
    frame = relations_from_mentions(article, pd.DataFrame(rows), cues=cues)
    assert check_provenance(frame, article).empty
    return frame


def ties(frame: pd.DataFrame) -> list[tuple]:
    return sorted(zip(frame["source"], frame["target"], frame["relation"], frame["cue"],
                      strict=True))


def _bug(*values, reason: str):
    return pytest.param(*values, marks=pytest.mark.xfail(strict=True, reason=reason))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a cue word that is part of a name is no cue, at the start or the end of the name
        ("Freedonia and Sylvania met the Rivals League.", []),
        ("Freedonia backs the Southern Rivals.",
         [("Freedonia", "Southern Rivals", "supports", "backs")]),
        # ... and does not hide the same cue later in the sentence
        ("The Rivals League said Freedonia and Sylvania are rivals.",
         [("Freedonia", "Sylvania", "rival", "rivals")]),
        # two cues at one place: the longer one is the cue
        ("Freedonia continues to fight against Sylvania.",
         [("Freedonia", "Sylvania", "opposes", "fight against")]),
        # a cue nested in a longer one is not a second cue, even where both end together
        ("Freedonia and Sylvania now face a common enemy -- Ruritania.",
         [("Freedonia", "Ruritania", "opposes", "common enemy"),
          ("Sylvania", "Ruritania", "opposes", "common enemy")]),
        ("Freedonia and Sylvania face a common enemy", []),  # a headline: no final stop
    ],
)
def test_which_words_are_the_cue(tmp_path, text, expected):
    assert ties(relations(tmp_path, text)) == expected


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        # the clause's negation covers a cue well after its verb
        ("Sylvania is not in any sense an ally of Freedonia.", True),
        ("Freedonia has never been a close ally of Sylvania.", True),
        ("Sylvania was not backed by Freedonia.", True),
        ("Freedonia refused to support Sylvania.", True),
        # a negation that is part of the cue states the tie, it does not deny it
        ("Freedonia has no diplomatic relations with Sylvania.", False),
        ("Freedonia and Sylvania do not have diplomatic relations.", False),
        ("Freedonia armed Sylvania.", False),
        _bug("Neither Freedonia nor Marsovia backed Sylvania.", True,
             reason="a negation before the subject is dropped when the cue is the whole verb "
                    "group ('inside' in relations._denied)"),
    ],
)
def test_whether_a_tie_is_denied(tmp_path, text, negated):
    frame = relations(tmp_path, text)
    assert not frame.empty
    assert set(frame["negated"]) == {negated}


def test_a_negation_inside_a_lexicon_cue_states_the_tie(tmp_path):
    """A cue row may include the negation without the auxiliary ("not have diplomatic
    relations"): the clause's "not" is then part of the cue, so the tie is stated, not denied.
    """
    cue = Cue("relation", re.compile(r"\bnot\s+have\s+(?:diplomatic\s+)?relations\b", re.I),
              "rival", -1, "pair")
    frame = relations(tmp_path, "Freedonia and Sylvania do not have diplomatic relations.",
                      cues=(cue,))
    assert ties(frame) == [("Freedonia", "Sylvania", "rival", "not have diplomatic relations")]
    assert not frame["negated"].any()


def test_a_contrasted_actor_is_not_the_source(tmp_path):
    frame = relations(tmp_path, "Freedonia, not Sylvania, backed Marsovia.")
    assert ("Freedonia", "Marsovia", "supports", "backed") in ties(frame)
    assert ("Sylvania", "Marsovia") not in set(
        zip(frame.loc[~frame["negated"], "source"], frame.loc[~frame["negated"], "target"],
            strict=True))


@pytest.mark.xfail(strict=True, reason="'nor' does not coordinate two actors, so only the "
                                       "last of 'neither A nor B' is a source")
def test_neither_nor_names_two_sources(tmp_path):
    frame = relations(tmp_path, "Neither Freedonia nor Marsovia backed Sylvania.")
    assert sorted(frame["source"]) == ["Freedonia", "Marsovia"]


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        # a clause whose mood is intended or possible makes the tie tentative
        ("Freedonia intends to support Sylvania.", True),
        ("Freedonia is expected to support Sylvania.", True),
        ("Freedonia hopes to arm Sylvania.", True),
        # a plain statement is not
        ("Freedonia armed Sylvania.", False),
        ("Freedonia supported Sylvania for years.", False),
    ],
)
def test_whether_a_tie_is_tentative(tmp_path, text, hedged):
    frame = relations(tmp_path, text)
    assert ties(frame)[0][:3] == ("Freedonia", "Sylvania", "supports")
    assert set(frame["hedged"]) == {hedged}
