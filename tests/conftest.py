"""Shared fixtures: the seed article and the example articles, loaded once per session."""

from __future__ import annotations

import os

import matplotlib
import pytest
from hypothesis import settings

matplotlib.use("Agg")  # process-local: unit tests draw without a screen (never exported to nbval)

from analysis.article import Article, load_article  # noqa: E402
from analysis.paths import ARTICLES_DIR, SEED_ARTICLE  # noqa: E402

# Property tests draw the same examples on every run, so CI failures reproduce and never flicker;
# `make fuzz` (HYPOTHESIS_PROFILE=fuzz) draws fresh random examples, many more of them, to find
# what the fixed draw misses (tests that set their own max_examples take the larger of theirs
# and the profile's).
settings.register_profile("deterministic", derandomize=True, deadline=None)
settings.register_profile("fuzz", derandomize=False, deadline=None, max_examples=2000,
                          database=None,
                          print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))

EXAMPLES = sorted(p for p in ARTICLES_DIR.glob("*.txt") if p != SEED_ARTICLE)


@pytest.fixture(scope="session")
def seed() -> Article:
    return load_article(SEED_ARTICLE)


@pytest.fixture(scope="session", params=[p.name for p in EXAMPLES])
def example(request) -> Article:
    return load_article(ARTICLES_DIR / request.param)
