"""The lexicons behind actor recognition: complete, consistent and rebuilt from their sources."""

from __future__ import annotations

import importlib.util
import re

import pycountry
from hypothesis import given
from hypothesis import strategies as st

from analysis.lexicons import (
    alternation,
    countries,
    country_demonym,
    country_forms,
    country_name,
    cues,
    fold,
    groups,
    lexicon_pattern,
    people,
    slug,
    split_bar,
    titles,
)
from analysis.paths import LEXICONS_DIR


def load_builder():
    path = LEXICONS_DIR / "build_lexicons.py"
    spec = importlib.util.spec_from_file_location("build_lexicons", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_all_193_un_member_states_with_valid_iso_codes():
    frame = countries()
    assert (frame["un_member"] == "yes").sum() == 193
    assert frame["iso3"].is_unique and frame["name"].is_unique
    for row in frame.itertuples():
        assert pycountry.countries.get(alpha_3=row.iso3).alpha_2 == row.iso2


def test_committed_countries_file_is_what_the_build_script_makes():
    assert load_builder().build() == (LEXICONS_DIR / "countries.csv").read_text(encoding="utf-8")


def test_common_names_demonyms_capitals_and_seats_resolve():
    forms = country_forms()
    expected = {
        "Russia": ("RUS", "name"), "Türkiye": ("TUR", "name"), "U.S.": ("USA", "name"),
        "Syrian": ("SYR", "demonym"), "Iranians": ("IRN", "plural_demonym"),
        "Ankara": ("TUR", "capital"), "Washington": ("USA", "capital"),
        "Kremlin": ("RUS", "seat"), "White House": ("USA", "seat"),
    }
    for surface, (iso3, form) in expected.items():
        found = forms[fold(surface)]
        assert (found.iso3, found.form) == (iso3, form), surface


def test_every_member_state_has_a_demonym_and_a_capital():
    members = countries()[countries()["un_member"] == "yes"]
    no_capital = members[members["capitals"] == ""]["iso3"].tolist()
    assert no_capital == []
    no_demonym = members[members["demonyms"] == ""]["iso3"].tolist()
    assert set(no_demonym) <= {"COG", "DMA"}  # their demonyms collide with COD and DOM
    assert country_name("SYR") == "Syria" and country_demonym("SYR") == "Syrian"


def test_other_lexicons_have_their_columns_and_codes():
    assert list(titles().columns) == ["title", "sector"]
    assert (titles()["title"] == titles()["title"].str.lower()).all()
    assert set(groups()["kind"]) <= {"organization", "armed_group", "collective"}
    iso3 = set(countries()["iso3"])
    assert set(groups()["country"]) - {""} <= iso3
    assert set(people()["country"]) - {""} <= iso3
    assert groups()["key"].is_unique
    for key in ("location_prepositions", "office_nouns", "person_pronouns", "not_names"):
        assert cues()[key], key


@given(st.text(max_size=40))
def test_fold_keeps_every_offset(text):
    assert len(fold(text)) == len(text)


def test_fold_drops_diacritics_and_curly_quotes():
    assert fold("Erdoğan’s Côte") == "Erdogan's Cote"
    assert slug("Recep Tayyip Erdoğan") == "recep-tayyip-erdogan"
    assert split_bar(" a| |b ") == ["a", "b"]


def _longest_first(words: list[str]) -> str:
    """The plain alternation that :func:`alternation` must match exactly."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


_FORMS = st.lists(st.text(alphabet="abAB -.", min_size=1, max_size=4), min_size=1, max_size=8)
_CONTEXTS = ("(?:{})", r"(?<!\w)(?:{})(?!\w)", "(?:{})b", "^(?:{})-", "(?:{}) (?:{})")


@given(_FORMS, st.text(alphabet="abAB -.", max_size=30), st.sampled_from(_CONTEXTS),
       st.sampled_from([(0, True), (0, False), (re.IGNORECASE, False)]))
def test_alternation_matches_what_the_longest_first_alternation_matches(words, text, context,
                                                                          flags_and_case):
    """The trie must find the same matches as the plain alternation, in any surrounding pattern
    (the engine backtracks into it) and with re.IGNORECASE unless told it is never used."""
    flags, case_sensitive = flags_and_case
    plain = re.compile(context.format(_longest_first(words), _longest_first(words)), flags)
    trie = alternation(words, case_sensitive=case_sensitive)
    fast = re.compile(context.format(trie, trie), flags)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_alternation_is_a_trie_and_prefers_the_longer_form():
    pattern = alternation(["Ma", "Mali", "Malta", "North Macedonia", "Macedonia"])
    assert pattern.startswith("(?:Ma(?:")  # shared prefixes written once
    assert re.match(pattern, "Malta").group(0) == "Malta"
    assert re.match(pattern, "Mal").group(0) == "Ma"
    assert re.fullmatch(rf"(?:{pattern}) x", "Macedonia x")
    # forms that differ only by case cannot share a trie node under re.IGNORECASE
    assert alternation(["Us", "US"]) == _longest_first(["Us", "US"])
    assert alternation(["Us", "US"], case_sensitive=True) != _longest_first(["Us", "US"])


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_fold_keeps_every_offset_and_is_plain_where_it_can_be(text):
    folded = fold(text)
    assert len(folded) == len(text)
    assert fold(folded) == folded
    assert "’" not in folded and "`" not in folded


@given(st.lists(st.text(alphabet="akKsiI -.", min_size=1, max_size=4), min_size=1, max_size=8),
       st.text(alphabet="akKsSiI -.\n\u212a\u017f\u0130\u0131", max_size=30),
       st.sampled_from([r"\w", r"[\w-]"]), st.sampled_from([0, re.IGNORECASE]), st.integers(0, 5))
def test_lexicon_pattern_matches_what_the_plain_pattern_matches(words, text, edge, flags, pos):
    """The look-behind moved after the first character finds the same words, from any start
    position of the search (it looks at the character before it too)."""
    plain = re.compile(rf"(?<!{edge})(?:{_longest_first(words)})(?!{edge})", flags)
    fast = lexicon_pattern(words, edge=edge, flags=flags)
    assert [m.span() for m in fast.finditer(text, pos)] == [
        m.span() for m in plain.finditer(text, pos)
    ]


@given(st.lists(st.sampled_from(["a", "ab", "a b", "a bc", "b", "ba c", "c"]), min_size=1),
       st.text(alphabet="abc \t\n", max_size=20), st.sampled_from([0, re.IGNORECASE]))
def test_alternation_with_spaces_matches_any_white_space_between_words(words, text, flags):
    plain = "|".join(re.escape(w).replace(r"\ ", r"\s+")
                     for w in sorted(set(words), key=lambda w: (-len(w), w)))
    for context in ("(?:{})", r"(?:{})\b", "(?:{}) c"):
        want = [m.span() for m in re.finditer(context.format(plain), text, flags)]
        got = re.finditer(context.format(alternation(words, spaces=True)), text, flags)
        assert [m.span() for m in got] == want


def test_every_character_ignorecase_folds_to_a_letter_is_spelt_out():
    """lexicon_pattern spells out the cases of a letter instead of using re.IGNORECASE; every
    code point the engine matches to an ASCII letter must be in that letter's class."""
    from analysis.lexicons import _any_case

    letter = re.compile("[a-z]", re.IGNORECASE)
    for code in range(0x110000):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF or not letter.fullmatch(char):
            continue
        folds_to = [c for c in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(c, char, re.I)]
        assert folds_to and all(char in _any_case(c) for c in folds_to), hex(code)
        assert all(char not in _any_case(c) for c in "abcdefghijklmnopqrstuvwxyz"
                   if c not in folds_to)
