"""Meetings: cues, participants, place, date, status, codes and one row per meeting."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from invented import hand_made_frames

from analysis.article import load_article
from analysis.meetings import (
    MEETING_COLUMNS,
    STATUSES,
    code_meeting,
    extract_meetings,
    find_cues,
)
from analysis.paths import ARTICLES_DIR, SEED_ARTICLE
from analysis.provenance import check_provenance


def _invented(tmp_path: Path, text: str, lexicon: dict[str, tuple], published="2023-03-14"):
    """An invented article plus hand-made actor frames (surface -> id, name, kind, iso3, role).

    Keeps these tests about the meeting rules, whatever the actor recogniser does.
    """
    path = tmp_path / "invented.txt"
    path.write_text(text, encoding="utf-8")
    title = text.split("\n", 1)[0].replace('"', "'")
    path.with_suffix(".yml").write_text(f'title: "{title}"\n', encoding="utf-8")
    article = load_article(path, published=published)
    return (article, *hand_made_frames(article, lexicon))


STATES = {
    "France": ("france", "France", "state", "FRA", "actor"),
    "Germany": ("germany", "Germany", "state", "DEU", "actor"),
    "Italy": ("italy", "Italy", "state", "ITA", "actor"),
    "Rome": ("italy-capital", "Italy", "state", "ITA", "location"),
    "Paris": ("france-capital", "France", "state", "FRA", "location"),
    "Ana Lopes": ("ana-lopes", "Ana Lopes", "person", "PRT", "actor"),
    "Jan Berg": ("jan-berg", "Jan Berg", "person", "NOR", "actor"),
    "Oslo": ("norway-capital", "Norway", "state", "NOR", "location"),
    "the ministry": ("norway-government", "Norwegian government", "government", "NOR", "actor"),
}


def test_collective_ministers_meeting_is_each_states_participation(tmp_path) -> None:
    text = (
        "Ministers to meet\n\n"
        "The foreign ministers of France, Germany and Italy will meet in Rome on Friday.\n"
    )
    article, actors, mentions = _invented(tmp_path, text, STATES)
    frame = extract_meetings(article, actors, mentions)
    row = frame[frame["sentence_id"] == 2].iloc[0]
    assert row["participants"].split("|") == ["France", "Germany", "Italy"]
    assert row["roles"].split("|") == ["foreign ministers"] * 3
    assert (row["kind"], row["status"], row["location"]) == ("ministerial", "planned", "Rome")
    assert (row["date"], row["precision"]) == ("2023-03-17", "day")
    assert (row["plover"], row["cameo"], row["plover_mode"]) == ("AGREE", "036", "multilateral")
    assert row["host"] == "Italy"


def test_negated_visit_since_a_date_implies_the_last_held_visit(tmp_path) -> None:
    text = "Envoy news\n\nAna Lopes has not visited Oslo since May 2020, when she met Jan Berg.\n"
    she = {"she": ("ana-lopes", "Ana Lopes", "person", "PRT", "actor")}
    article, actors, mentions = _invented(tmp_path, text, STATES | she)
    frame = extract_meetings(article, actors, mentions).set_index("status")
    assert {"negated", "held"} <= set(frame.index)
    negated, held = frame.loc["negated"], frame.loc["held"]
    assert (negated["date_start"], negated["date_end"]) == ("2020-05-01", "2023-03-14")
    assert (held["date"], held["precision"]) == ("2020-05", "month")
    assert (held["date_start"], held["date_end"]) == ("2020-05-01", "2020-05-31")
    assert held["kind"] == negated["kind"] == "visit"
    assert held["host"] == "Jan Berg" and negated["host"] == "Norway"


def test_speaker_and_qualifying_state_are_not_participants(tmp_path) -> None:
    text = (
        "Talks next week\n\nAna Lopes will hold talks with Jan Berg in Oslo on Monday, "
        "the ministry said.\n"
    )
    article, actors, mentions = _invented(tmp_path, text, STATES)
    row = extract_meetings(article, actors, mentions).iloc[0]
    assert row["participants"].split("|") == ["Ana Lopes", "Jan Berg"]
    assert (row["host"], row["plover_mode"], row["date"]) == ("Jan Berg", "visit", "2023-03-20")


def test_headline_restating_the_lead_is_one_meeting(tmp_path) -> None:
    text = (
        "Ana Lopes to meet Jan Berg on Monday\n\n"
        "Ana Lopes will hold talks with Jan Berg in Oslo on Monday.\n\n"
        "Their meeting follows months of silence.\n"
    )
    article, actors, mentions = _invented(tmp_path, text, STATES)
    frame = extract_meetings(article, actors, mentions)
    assert len(frame) == 1
    assert article.sentences["kind"].iloc[0] == "headline"
    assert frame["sentence_id"].iloc[0] == 2
    assert frame["also_in"].iloc[0] == "1"


def test_third_location_and_undated_past_talks(tmp_path) -> None:
    """Talks held in a third country; "held talks" with no date is told like "met": the news of
    the publication day (the same rule for the verb and for a holding verb's object)."""
    text = "Leaders\n\nAna Lopes and Jan Berg held talks in Paris.\n"
    article, actors, mentions = _invented(tmp_path, text, STATES)
    row = extract_meetings(article, actors, mentions).iloc[0]
    assert (row["status"], row["plover_mode"], row["cameo"]) == ("held", "third-party", "044")
    assert row["date"] == "2023-03-14" and "past tense" in row["how_dated"]


def test_no_participants_no_meeting_and_empty_frame_keeps_columns(tmp_path) -> None:
    article, actors, mentions = _invented(tmp_path, "Quiet\n\nThe meeting was long.\n", STATES)
    frame = extract_meetings(article, actors, mentions)
    assert frame.empty and list(frame.columns) == list(MEETING_COLUMNS)


@pytest.mark.parametrize(
    ("kind", "mode", "status", "expected"),
    [
        ("talks", "visit", "planned", ("AGREE", "036")),
        ("talks", "visit", "held", ("CONSULT", "042")),
        ("talks", "third-party", "held", ("CONSULT", "044")),
        ("phone call", "phone", "held", ("CONSULT", "041")),
        ("greeting", "visit", "held", ("CONSULT", "043")),
        ("visit", "visit", "negated", ("CONSULT", "042")),
        ("agreement", "third-party", "held", ("COOPERATE", "057")),
    ],
)
def test_codes_follow_plover_and_cameo(kind, mode, status, expected) -> None:
    assert code_meeting(kind, mode, status) == expected


def test_anaphoric_meeting_nouns_are_not_new_meetings() -> None:
    kinds = [c[2] for c in find_cues("Their meeting also follows the talks they held.")]
    assert kinds == []
    assert [c[2] for c in find_cues("He came for an official visit.")] == ["visit"]


def test_every_article_keeps_provenance() -> None:
    for path in sorted(ARTICLES_DIR.glob("*.txt")):
        article = load_article(path)
        frame = extract_meetings(article)
        assert list(frame.columns) == list(MEETING_COLUMNS)
        assert check_provenance(frame, article).empty, path.name
        assert frame["status"].isin(STATUSES).all()


def test_cli_writes_meetings_and_events_with_and_without_a_date(tmp_path) -> None:
    import subprocess
    import sys

    from analysis.paths import PROJECT_ROOT

    text = tmp_path / "bare.txt"
    text.write_text(SEED_ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")  # no .yml
    for flag, out in ((["--published", "2023-03-14"], "dated"), (["--undated"], "undated")):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "analysis",
                "extract",
                str(text),
                *flag,
                "--out",
                str(tmp_path / out),
            ],  # fmt: skip
            check=True,
            cwd=PROJECT_ROOT,
            capture_output=True,
        )

    def read(out: str, name: str) -> pd.DataFrame:
        return pd.read_csv(tmp_path / out / name, dtype=str, keep_default_na=False)

    dated, undated = read("dated", "meetings.csv"), read("undated", "meetings.csv")
    assert "2023-03-15" in set(dated["date"])
    assert "2023-03-15" not in set(undated["date"])
    assert "2021-09" in set(undated["date"])  # absolute dates still resolve
    events = read("undated", "events.csv")
    weekday_rows = events[events["quote"].str.contains("Friday")]
    assert (weekday_rows["date"] == "").all()
    assert weekday_rows["how_dated"].str.contains("publication date").all()


# Invented genre sentences, published on Wednesday 2023-03-15: (sentence, expected rows as
# (participants, status, date)). The first five are the examples of the issue that asked for
# the clause layer; a date of the reporting verb never dates the meeting.
_PEOPLE = STATES | {
    "he might": ("ana-lopes", "Ana Lopes", "person", "PRT", "actor"),  # the pronoun, resolved
    "Baghdad": ("iraq-capital", "Iraq", "state", "IRQ", "location"),
    "Cairo": ("egypt-capital", "Egypt", "state", "EGY", "location"),
    "opposition": ("norway-opposition", "Norwegian opposition", "collective", "NOR", "actor"),
    "Xandian Council": ("xandian-council", "Xandian Council", "organization", "NOR", "actor"),
    "Xandian League": ("xandian-league", "Xandian League", "organization", "", "actor"),
    "Xandian delegation": ("xandian-delegation", "Xandian delegation", "collective", "", "actor"),
}
MEETING_CASES = [
    ("Ana Lopes and Jan Berg will hold talks on Friday.",
     [("Ana Lopes|Jan Berg", "planned", "2023-03-17")]),
    ("Ana Lopes said on Monday he might meet Jan Berg.",
     [("Ana Lopes|Jan Berg", "possible", "")]),
    ("Ana Lopes is due to arrive in Baghdad on Thursday.",
     [("Ana Lopes", "planned", "2023-03-16")]),
    ("Despite holding marathon talks on Monday, France and Germany failed to agree.",
     [("France|Germany", "held", "2023-03-13")]),
    ("Ana Lopes has not visited Oslo since September 2021.",
     [("Ana Lopes", "negated", "2021-09")]),
    ("Ana Lopes is meeting Jan Berg in Cairo.", [("Ana Lopes|Jan Berg", "held", "2023-03-15")]),
    ("Ana Lopes arrived in Cairo.", [("Ana Lopes", "held", "2023-03-15")]),
    # An undated past meeting told by its verb is the news of the day (the independent gold).
    ("Ana Lopes had arrived in Cairo for a visit.", [("Ana Lopes", "held", "2023-03-15")]),
    ("Jan Berg met with Ana Lopes.", [("Ana Lopes|Jan Berg", "held", "2023-03-15")]),
    ("Jan Berg spoke during a summit in Cairo.", [("Jan Berg", "held", "")]),
    # ... unless a clause before it dates the report (the meeting happened by then), or it is
    # dated from another happening ("a day after").
    ("On Monday, the ministry said Ana Lopes met with Jan Berg.",
     [("Ana Lopes|Jan Berg", "held", "2023-03-13")]),
    # a deal the talks aim at is possible and undated; the talks are held
    ("Ana Lopes met Jan Berg on Monday to try to hash out a deal.",
     [("Ana Lopes|Jan Berg", "held", "2023-03-13"), ("Ana Lopes|Jan Berg", "possible", "")]),
    # a lone state right before "talks" is their subject matter, a hyphenated pair the parties
    ("Ana Lopes and Jan Berg will hold crucial Italy talks on Friday.",
     [("Ana Lopes|Jan Berg", "planned", "2023-03-17")]),
    ("France-Germany talks will be held on Friday.", [("France|Germany", "planned", "2023-03-17")]),
    # ... but a state before the verb "met" is its subject
    ("Italy met Germany in Oslo.", [("Germany|Italy", "held", "2023-03-15")]),
    # a later date for a postponed meeting is its new date, not a second meeting
    ("The talks between France and Germany were postponed. Talks between France and Germany "
     "are now expected to be held on Saturday.",
     [("France|Germany", "postponed", "2023-03-18")]),
    # a group noun right before a named group describes it
    ("The opposition Xandian Council met in Rome on Monday.",
     [("Xandian Council", "held", "2023-03-13")]),
    # the reporting verb's object is the subject cut off by an apposition; a topic is no party
    ("France says Jan Berg and his counterpart, Ana Lopes, have held talks.",
     [("Ana Lopes|Jan Berg", "held", "2023-03-15")]),
    ("Ana Lopes held talks with Jan Berg on ending France's blockade on Monday.",
     [("Ana Lopes|Jan Berg", "held", "2023-03-13")]),
    ("Jan Berg met France, a day after Jan Berg conferred with Germany.",
     [("France|Jan Berg", "held", "2023-03-15"), ("Germany|Jan Berg", "held", "")]),
    ("The talks between France and Germany were postponed.",
     [("France|Germany", "postponed", "")]),
    ("The meeting between Ana Lopes and Jan Berg was called off on Sunday.",
     [("Ana Lopes|Jan Berg", "cancelled", "2023-03-12")]),
    ("Ana Lopes refused to meet Jan Berg.", [("Ana Lopes|Jan Berg", "negated", "")]),
    ("Ana Lopes hopes to visit Oslo in June.", [("Ana Lopes", "possible", "2023-06")]),
    ("France and Germany agreed to meet again in Rome.", [("France|Germany", "planned", "")]),
    ("Delegations from France, Germany and Italy arrived in Cairo for talks on Iraq.",
     [("France|Germany|Italy", "held", "2023-03-15")]),
    ("Ana Lopes met Jan Berg in Cairo on Monday, the ministry said on Tuesday.",
     [("Ana Lopes|Jan Berg", "held", "2023-03-13")]),
    # the present perfect and the present progressive report a meeting of the day
    ("Ana Lopes has met Jan Berg.", [("Ana Lopes|Jan Berg", "held", "2023-03-15")]),
    ("Ana Lopes is arriving in Cairo.", [("Ana Lopes", "held", "2023-03-15")]),
    # "the two leaders" are the two parties of the meeting just told: that meeting, told in
    # more detail, unless "later"/"again" makes it another one
    ("Ana Lopes and Jan Berg have held talks. The two leaders met with France in Rome.",
     [("Ana Lopes|France|Jan Berg", "held", "2023-03-15")]),
    ("Ana Lopes and Jan Berg met in Rome. The two leaders later met with France.",
     [("Ana Lopes|Jan Berg", "held", "2023-03-15"),
      ("Ana Lopes|France|Jan Berg", "held", "2023-03-15")]),
    # ... or two parties named before it in its own sentence; a negation of the manner only
    # ("not face to face") denies no meeting
    ("France and Germany held indirect talks; the two sides did not meet face to face.",
     [("France|Germany", "held", "2023-03-15")]),
    ("France and Germany held indirect talks, but the two sides did not meet in Rome.",
     [("France|Germany", "held", "2023-03-15"), ("France|Germany", "negated", "")]),
    # "both sides": the sides of the last two-party talks, even a few sentences back
    ("Ana Lopes met Jan Berg in Rome on Monday. Italy said it was hopeful. Germany said "
     "nothing. France will hold more meetings with both sides.",
     [("Ana Lopes|Jan Berg", "held", "2023-03-13"),
      ("Ana Lopes|France|Jan Berg", "planned", "")]),
    # a party joining the meeting told before; a speaker who tells the meeting takes part; an
    # organisation naming its member only qualifies it
    ("Xandian League member France told a meeting of ministers in Cairo on Monday. Jan Berg "
     "also joined the meeting in Cairo.", [("France|Jan Berg", "held", "2023-03-13")]),
    ("France and Germany will hold talks in Rome on Friday. Italy will host the talks.",
     [("France|Germany|Italy", "planned", "2023-03-17")]),
    # an active "received"/"welcomed" greets a guest named right after it, not a thing
    ("Jan Berg received the visiting Foreign Minister Ana Lopes on Monday.",
     [("Ana Lopes|Jan Berg", "held", "2023-03-13")]),
    ("France received aid from Germany.", []),
    # a state before "peace talks" is their topic; the object of a causative is no party
    ("Ana Lopes and Jan Berg will hold Italy peace talks on Friday.",
     [("Ana Lopes|Jan Berg", "planned", "2023-03-17")]),
    ("Talks intensify to get France to disarm.", []),
    # "the minister's visit" refers back to a visit told: no new row
    ("Jan Berg met Ana Lopes in Rome. The minister's visit comes after France left Cairo.",
     [("Ana Lopes|Jan Berg", "held", "2023-03-15")]),
    # the arrival that began a visit under way is that visit
    ("Ana Lopes continues her visit. After arriving in Rome on Monday, Ana Lopes said the "
     "situation was hard.", [("Ana Lopes", "held", "2023-03-15")]),
    # an agreement sought is possible; its target date stays
    ("France and Germany are closer to an agreement on trade.",
     [("France|Germany", "possible", "")]),
    ("France has been pushing for an agreement with Germany by the end of this month.",
     [("France|Germany", "possible", "2023-03")]),
    # a condition makes a planned meeting possible; "to see if" sets none
    ("Ana Lopes will meet Jan Berg only if France agrees.",
     [("Ana Lopes|Jan Berg", "possible", "")]),
    ("Ana Lopes will meet Jan Berg provided that Italy lifts the blockade.",
     [("Ana Lopes|Jan Berg", "possible", "")]),
    ("Ana Lopes will meet Jan Berg on Friday to see if the blockade can end.",
     [("Ana Lopes|Jan Berg", "planned", "2023-03-17")]),
    # a deal the parties are kept from reaching is not made
    ("Issues prevent France and Germany from reaching a deal.",
     [("France|Germany", "possible", "")]),
    # the ", when" clause tells what happened at the date: no visit is implied besides
    ("Ana Lopes will meet Jan Berg on Friday. Ana Lopes has not visited Oslo since May 2021, "
     "when the two leaders last met in Rome.",
     [("Ana Lopes|Jan Berg", "planned", "2023-03-17"), ("Ana Lopes", "negated", "2021-05"),
      ("Ana Lopes|Jan Berg", "held", "2021-05")]),
    # "but" ends the meeting's stretch; an event that only times the meeting is no party
    ("Ana Lopes met Jan Berg but France stayed away.",
     [("Ana Lopes|Jan Berg", "held", "2023-03-15")]),
    ("Ana Lopes will meet Jan Berg around the time of the Xandian League assembly.",
     [("Ana Lopes|Jan Berg", "planned", "")]),
    # a meeting noun leading into the main clause: its subject held the talks, on its day,
    # with the parties the noun names itself
    ("Ana Lopes and Jan Berg spoke in Rome on Monday, following extended talks on trade.",
     [("Ana Lopes|Jan Berg", "held", "2023-03-13")]),
    ("Following talks with France, Jan Berg left Rome on Tuesday.",
     [("France|Jan Berg", "held", "2023-03-14")]),
    # a date in a subordinate clause after the cue dates that clause, not the meeting
    ("Ana Lopes will hold talks with Jan Berg after the truce ends on Friday.",
     [("Ana Lopes|Jan Berg", "planned", "")]),
    # the head of a delegation took part in its meeting
    ("A Xandian delegation held talks with Jan Berg on Monday. The head of the delegation, "
     "Ana Lopes, called the talks useful.",
     [("Ana Lopes|Jan Berg|Xandian delegation", "held", "2023-03-13")]),
    # "his counterparts" are the parties of the meeting just told; the talks they held are that
    # meeting, and the deal they failed to reach failed at those talks, on their day
    ("Xandian League ministers met in Rome on Monday. Jan Berg and his counterparts failed to "
     "reach an agreement despite holding long talks on Monday.",
     [("Jan Berg|Xandian League", "held", "2023-03-13"),
      ("Jan Berg|Xandian League", "negated", "2023-03-13")]),
    # "we both" in a quote: the two persons named just before; a date set off by commas after
    # the meeting's stretch is its date
    ("Jan Berg said Ana Lopes was ready. “We both will meet again in Rome, around the 28th, to "
     "see if peace is possible,” Jan Berg said.",
     [("Ana Lopes|Jan Berg", "planned", "2023-03-28")]),
    ("Ana Lopes and Jan Berg will meet in Rome, on Friday, to talk trade.",
     [("Ana Lopes|Jan Berg", "planned", "2023-03-17")]),
    # "the two leaders" are those of the meeting just told; when that one is not two persons,
    # the two persons named just before
    ("Ana Lopes met Jan Berg in Rome. France met Germany in Oslo. The two leaders will meet "
     "again in Cairo.", [("Ana Lopes|Jan Berg", "held", "2023-03-15"),
                         ("France|Germany", "held", "2023-03-15"),
                         ("Ana Lopes|Jan Berg", "planned", "")]),
    # a status verb after an apposition is the meeting's; the date it was scheduled for is not
    # its date, a date after the postponement is the new one, ahead of the news
    ("The talks between France and Germany, scheduled for Friday, were postponed.",
     [("France|Germany", "postponed", "")]),
    ("The meeting between France and Germany was postponed until Saturday.",
     [("France|Germany", "postponed", "2023-03-18")]),
    # the antecedent of "who" met; a host's object is the guest, a state visited is the place
    ("Ana Lopes, who met Jan Berg on Monday, said France was ready.",
     [("Ana Lopes|Jan Berg", "held", "2023-03-13")]),
    ("Jan Berg hosted Ana Lopes in Oslo on Tuesday.",
     [("Ana Lopes|Jan Berg", "held", "2023-03-14")]),
    ("Ana Lopes visited Jan Berg on Tuesday.", [("Ana Lopes|Jan Berg", "held", "2023-03-14")]),
    # a meeting that is denied did not happen, as far as the text says
    ("France dismissed reports that Ana Lopes had met Jan Berg.",
     [("Ana Lopes|Jan Berg", "negated", "")]),
    ("Ana Lopes denied meeting Jan Berg.", [("Ana Lopes|Jan Berg", "negated", "")]),
    # "A said talks with B were useful": A speaks of its own talks with B
    ("France said talks with Germany were useful.", [("France|Germany", "held", "")]),
    ("Jan Berg said his talks with Ana Lopes on Monday were useful.",
     [("Ana Lopes|Jan Berg", "held", "2023-03-13")]),
    # "until then": from publication to the date told just before
    ("The summit of France and Italy will be held on Saturday. Until then, Ana Lopes is "
     "expected to hold more meetings with Jan Berg.",
     [("France|Italy", "planned", "2023-03-18"), ("Ana Lopes|Jan Berg", "possible", "2023-03-18")]),
    # talks still going on are happening now, however long they have lasted (the guide)
    ("Talks between France and Germany have been in progress for more than a year.",
     [("France|Germany", "held", "2023-03-15")]),
]


@pytest.mark.parametrize("headline,expected", [
    ("Ana Lopes Arrives in Cairo", ("Ana Lopes", "held", "2023-03-15")),
    ("Ana Lopes to Visit Cairo", ("Ana Lopes", "planned", "")),
])
def test_a_headline_in_the_present_tells_what_happens_now(tmp_path, headline, expected) -> None:
    text = f"{headline}\n\nFrance said the situation was hard.\n"
    article, actors, mentions = _invented(tmp_path, text, _PEOPLE, published="2023-03-15")
    frame = extract_meetings(article, actors, mentions)
    assert [(r.participants, r.status, r.date) for r in frame.itertuples()] == [expected]


@pytest.mark.parametrize("sentence,expected", MEETING_CASES, ids=[c[0][:50] for c in MEETING_CASES])
def test_meeting_case(tmp_path, sentence, expected) -> None:
    text = f"Invented headline\n\n{sentence}\n"
    article, actors, mentions = _invented(tmp_path, text, _PEOPLE, published="2023-03-15")
    frame = extract_meetings(article, actors, mentions)
    frame = frame[frame["sentence_id"] > 1]
    found = [
        ("|".join(sorted(r.participants.split("|"))), r.status, r.date)
        for r in frame.itertuples()
    ]
    assert found == [("|".join(sorted(p.split("|"))), s, d) for p, s, d in expected]
    assert check_provenance(frame, article).empty


def test_until_then_runs_from_publication_to_the_date_told_before(tmp_path) -> None:
    text = ("Invented headline\n\nThe summit of France and Italy will be held on Saturday. "
            "Until then, Ana Lopes is expected to hold more meetings with Jan Berg.\n")
    article, actors, mentions = _invented(tmp_path, text, _PEOPLE, published="2023-03-15")
    row = extract_meetings(article, actors, mentions).set_index("sentence_id").loc[3]
    assert (row["date_start"], row["date_end"], row["status"]) == (
        "2023-03-15", "2023-03-18", "possible")
    assert "until then" in row["how_dated"]
