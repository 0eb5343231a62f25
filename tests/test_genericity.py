"""The package knows nothing of the seed article: its names, places and phrases live in data/."""

from __future__ import annotations

import re

import pandas as pd

from analysis.paths import ANNOTATIONS_DIR, PROJECT_ROOT


def seed_terms() -> set[str]:
    """Names and places of the seed's gold actors, and the quoted phrases of its figures."""
    actors = pd.read_csv(ANNOTATIONS_DIR / "actors.csv", dtype=str, comment="#").fillna("")
    terms = set()
    for forms in actors["surface_forms"]:
        for form in forms.split("|"):
            terms |= {w for w in re.findall(r"[A-Z][a-z]{3,}", form)}
    figures = pd.read_csv(ANNOTATIONS_DIR / "figures.csv", dtype=str, comment="#").fillna("")
    terms |= set(figures["quote"])
    return {t for t in terms if t}


def test_no_seed_name_or_phrase_in_the_package_code():
    terms = seed_terms()
    assert {"Putin", "Moscow", "Damascus", "Kremlin"} <= terms  # the check checks something
    for path in sorted((PROJECT_ROOT / "analysis").glob("*.py")):
        code = path.read_text(encoding="utf-8")
        found = sorted(t for t in terms if re.search(r"\b" + re.escape(t) + r"\b", code))
        assert not found, f"{path.name} names {found}"
