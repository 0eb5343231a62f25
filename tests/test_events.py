"""Events: every dated happening with what, who, when and whether it happened."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.article import load_article
from analysis.events import EVENT_COLUMNS, extract_events, find_triggers
from analysis.paths import ARTICLES_DIR, SEED_ARTICLE
from analysis.provenance import check_provenance

ACTOR_COLUMNS = ["actor_id", "name", "kind", "country", "role", "cameo", "mentions",
                 "surface_forms", "first_sentence"]  # fmt: skip
MENTION_COLUMNS = ["actor_id", "sentence_id", "start", "end", "text", "how", "role_in_sentence"]


def _article(tmp_path, text: str, published: str | None = "2023-03-14"):
    path = tmp_path / "invented.txt"
    path.write_text(text, encoding="utf-8")
    title = text.split("\n", 1)[0]
    path.with_suffix(".yml").write_text(f'title: "{title}"\n', encoding="utf-8")
    return load_article(path, published=published)


def _no_actors():
    return pd.DataFrame(columns=ACTOR_COLUMNS), pd.DataFrame(columns=MENTION_COLUMNS)


def test_a_date_dates_the_happening_of_its_clause(tmp_path) -> None:
    text = (
        "News\n\nThe uprising started in 2011. The envoy will visit on Friday, officials said. "
        "A March 2 flood destroyed the bridge.\n"
    )
    frame = extract_events(_article(tmp_path, text), *_no_actors()).set_index("description")
    assert frame.loc["uprising began", "date"] == "2011"
    assert (frame.loc["visit", "date"], frame.loc["visit", "status"]) == ("2023-03-17", "planned")
    assert frame.loc["flood", "date"] == "2023-03-02"  # "a March 2 flood": the noun after


def test_negation_and_when_clause(tmp_path) -> None:
    text = "News\n\nThe envoy has not visited the region since 2019, when he met the rebels.\n"
    frame = extract_events(_article(tmp_path, text), *_no_actors())
    assert list(frame["status"]) == ["negated", "held"]
    assert list(frame["description"]) == ["visit", "meeting"]
    assert frame["date_end"].tolist() == ["2023-03-14", "2019-12-31"]


def test_headline_date_is_not_a_second_event(tmp_path) -> None:
    text = "Envoy to hold talks on Friday\n\nThe envoy will hold talks on Friday.\n"
    frame = extract_events(_article(tmp_path, text), *_no_actors())
    assert len(frame) == 1 and frame["also_in"].iloc[0] == "1"


def test_unpublished_article_keeps_relative_events_undated(tmp_path) -> None:
    text = "News\n\nThe envoy met the rebels on Friday and the war began in 2011.\n"
    frame = extract_events(_article(tmp_path, text, published=None), *_no_actors())
    dated = dict(zip(frame["description"], frame["date"], strict=True))
    assert dated == {"meeting": "", "war began": "2011"}
    assert "publication date" in frame.set_index("description").loc["meeting", "how_dated"]


def test_triggers_prefer_the_longest_cue() -> None:
    labels = [t[2] for t in find_triggers("the restoration of diplomatic ties and a cease-fire")]
    assert labels == ["agreement", "cease-fire"]


def test_every_article_keeps_provenance() -> None:
    for path in sorted(ARTICLES_DIR.glob("*.txt")):
        article = load_article(path)
        frame = extract_events(article)
        assert list(frame.columns) == list(EVENT_COLUMNS)
        assert check_provenance(frame, article).empty, path.name
        assert (frame["description"] != "").all()


def test_timeline_items_and_chart_show_every_dated_happening_once() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis.events import TIMELINE_COLUMNS, timeline_items
    from analysis.meetings import extract_meetings
    from analysis.plotting import timeline

    article = load_article(SEED_ARTICLE)
    meetings, events = extract_meetings(article), extract_events(article)
    items = timeline_items(meetings, events)
    assert list(items.columns) == list(TIMELINE_COLUMNS)
    assert (items["date_start"] != "").all()
    assert items["date_start"].is_monotonic_increasing
    # every dated meeting is there, and no (sentence, date) is drawn twice as meeting and report
    assert set(meetings.loc[meetings["date"] != "", "meeting_id"]) <= set(items["source"])
    assert len(items) < len(meetings[meetings["date"] != ""]) + len(events)
    fig = timeline(items, "t", "s", published=article.published)
    overview, zoom = fig.axes[:2]
    drawn = {t.get_text() for ax in (overview, zoom) for t in ax.texts}
    assert set(items["label"]) <= drawn
    assert overview.get_xlim()[0] < zoom.get_xlim()[0]
    plt.close(fig)


# Invented sentences published on Tuesday 2023-03-14: (sentence, description, status, date).
STATUS_CASES = [
    ("The summit is expected to be held on Saturday.", "summit", "possible", "2023-03-18"),
    ("The sides are pushing for an agreement by the end of this month.", "agreement",
     "possible", "2023-03"),
    ("The truce ends next year.", "cease-fire", "planned", "2024"),
    ("The council agreed to the proposal at a meeting on Sunday.", "meeting", "held",
     "2023-03-12"),
    ("The envoy will visit on Friday only if the fighting stops.", "visit", "possible",
     "2023-03-17"),
    ("The rebels failed to reach a deal on Monday.", "agreement", "negated", "2023-03-13"),
    ("The envoy visited the border on Monday.", "visit", "held", "2023-03-13"),
    # a date after a postponement is the new one, ahead of the news
    ("The summit was postponed until May.", "summit", "planned", "2023-05"),
    ("The talks were postponed until Friday, officials said on Monday.", "talks", "planned",
     "2023-03-17"),
    ("Elections are due to be held next year.", "elections", "planned", "2024"),
    ("Rebels seized the airport last week.", "seized", "held", "2023-W10"),
]


@pytest.mark.parametrize(("sentence", "description", "status", "date"), STATUS_CASES,
                         ids=[c[0][:40] for c in STATUS_CASES])
def test_status_reads_the_clause_and_the_date(tmp_path, sentence, description, status,
                                              date) -> None:
    frame = extract_events(_article(tmp_path, f"News\n\n{sentence}\n"), *_no_actors())
    row = frame.set_index("description").loc[description]
    assert (row["status"], row["date"]) == (status, date)


def test_a_happening_after_an_event_told_before_runs_from_it_to_publication(tmp_path) -> None:
    text = ("News\n\nA March 2 earthquake hit the north. After the quake the envoy offered aid. "
            "The war began in 2011. The town was isolated since the start of the war, but the "
            "envoy sent aid.\n")
    frame = extract_events(_article(tmp_path, text), *_no_actors()).set_index("description")
    offered = frame.loc["offered"]
    assert (offered["date_start"], offered["date_end"], offered["status"]) == (
        "2023-03-02", "2023-03-14", "held")
    assert "sent" not in frame.index  # another clause: the start of the war does not date it


def test_a_date_opening_the_sentence_dates_its_clause(tmp_path) -> None:
    """"On Friday, X warned ..." and "Also Saturday, X met ...": the date before the comma dates
    the clause after it; a date in a clause of its own does not reach past its comma."""
    text = ("News\n\nOn Friday, the envoy warned that the border would stay shut. Also Saturday, "
            "the council met in the capital. The rebels said on Monday, when asked, nothing.\n")
    frame = extract_events(_article(tmp_path, text, published="2023-03-18"), *_no_actors())
    dated = dict(zip(frame["description"], frame["date"], strict=False))
    assert dated["warned"] == "2023-03-17"
    assert dated["meeting"] == "2023-03-18"
    assert dated["statement"] == "2023-03-13"
