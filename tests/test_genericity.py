"""The package knows nothing of the seed article: its names, places and phrases live in data/."""

from __future__ import annotations

import re

import pandas as pd

from analysis.article import load_article
from analysis.paths import ANNOTATIONS_DIR, PROJECT_ROOT, SEED_ARTICLE


def seed_terms() -> set[str]:
    """Names and places of the seed's gold actors, and the quoted phrases of its figures."""
    gold = ANNOTATIONS_DIR / SEED_ARTICLE.stem
    actors = pd.read_csv(gold / "actors.csv", dtype=str, comment="#").fillna("")
    terms = set()
    for forms in actors["surface_forms"]:
        for form in forms.split("|"):
            terms |= {w for w in re.findall(r"[A-Z][a-z]{3,}", form)}
    figures = pd.read_csv(gold / "figures.csv", dtype=str, comment="#").fillna("")
    terms |= set(figures["quote"])
    return {t for t in terms if t}


def test_no_seed_name_or_phrase_in_the_package_code():
    terms = seed_terms()
    assert {"Putin", "Moscow", "Damascus", "Kremlin"} <= terms  # the check checks something
    for path in sorted((PROJECT_ROOT / "analysis").glob("*.py")):
        code = path.read_text(encoding="utf-8")
        found = sorted(t for t in terms if re.search(r"\b" + re.escape(t) + r"\b", code))
        assert not found, f"{path.name} names {found}"


def test_no_run_of_five_seed_words_in_the_package_code():
    """Catches pasted sentences and docstring examples taken from the seed, not only names."""
    words = re.findall(r"[\w'’-]+", SEED_ARTICLE.read_text(encoding="utf-8"))
    runs = {" ".join(words[i : i + 5]) for i in range(len(words) - 4)}
    for path in sorted((PROJECT_ROOT / "analysis").glob("*.py")):
        code = " ".join(re.findall(r"[\w'’-]+", path.read_text(encoding="utf-8")))
        found = sorted(run for run in runs if run in code)
        assert not found, f"{path.name} quotes the seed: {found[:3]}"


def test_no_seed_date_in_the_package_code():
    published = load_article(SEED_ARTICLE).published
    forms = {published.isoformat(), f"{published:%B} {published.day}",
             f"{published.day} {published:%B}"}
    for path in sorted((PROJECT_ROOT / "analysis").glob("*.py")):
        code = path.read_text(encoding="utf-8")
        assert not [f for f in forms if f in code], path.name
