"""The lexicons behind actor recognition: complete, consistent and rebuilt from their sources."""

from __future__ import annotations

import importlib.util

import pycountry
from hypothesis import given
from hypothesis import strategies as st

from analysis.lexicons import (
    countries,
    country_demonym,
    country_forms,
    country_name,
    cues,
    fold,
    groups,
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
