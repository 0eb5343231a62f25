"""The locator map's places: meeting places and capitals found offline in data/geo."""

from __future__ import annotations

import pandas as pd

from analysis.geomap import named_places

ACTORS = pd.DataFrame([{"actor_id": "south-sudan", "name": "South Sudan", "kind": "state",
                        "country": "SSD", "first_sentence": 1}])


def _meetings(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame([{"location": "", "status": "held", "sentence_id": 1, **r} for r in rows])


def test_a_state_spelled_as_the_article_spells_it_marks_its_capital():
    """Natural Earth writes "S. Sudan"; the article's own state name must still be placed."""
    points, missing = named_places({"actors": ACTORS,
                                    "meetings": _meetings({"location": "South Sudan"})})
    assert missing == []
    assert points.set_index("name").at["Juba", "role"] == "meeting place; capital of South Sudan"


def test_unknown_places_are_listed_and_negated_meetings_are_not_drawn():
    points, missing = named_places({
        "actors": ACTORS.iloc[0:0],
        "meetings": _meetings({"location": "Atlantis"},
                              {"location": "Addis Ababa", "status": "negated", "sentence_id": 2}),
    })
    assert missing == ["Atlantis"]
    assert points.empty
