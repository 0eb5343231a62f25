"""The number, figure and date grammars run in linear time on crafted worst cases.

Each case repeats a short unit to 100,000 characters and times the extractor on it, against
the same extractor run 100 times on the first 1,000 characters: the same number of characters
either way, so allocation and cache effects match and only the length of one text differs.
Timing is CPU time of this thread with the garbage collector paused (a busy machine preempts a
long run more often, and a collection's cost grows with live objects, not with the grammar),
the two interleaved for up to five rounds, best of each. A linear grammar gives a ratio near 1,
a quadratic path near 100; the test fails at twice the cost per character. No absolute time limits.
"""

from __future__ import annotations

import gc
import time
from datetime import date

import pytest

from analysis.dates import Tense, find_date_expressions, resolve
from analysis.figures import figure_rows
from analysis.quantities import find_quantities

SMALL, LARGE = 1_000, 100_000
PUBLISHED = date(2023, 3, 14)


def _text(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _cost_per_char(extract, text: str, times: int) -> float:
    gc.collect()
    gc.disable()
    try:
        start = time.thread_time()
        for _ in range(times):
            extract(text)
        return (time.thread_time() - start) / (times * len(text))
    finally:
        gc.enable()


def _quantities(text: str) -> object:
    return find_quantities(text)


def _figures(text: str) -> object:
    return figure_rows(text, [(1, 0, len(text))], [], [])  # one sentence: the worst case


def _dates(text: str) -> object:
    return [resolve(e, PUBLISHED, Tense("past")) for e in find_date_expressions(text)]


NUMBER_CASES = [
    "1 ", "5 people, ", "1", "1" + " " * 50, "one ", "between 1 and ", "more than ", "-",
    "killed 5 ", "10\u00a0000 ", "\u200e5\u200f people ", "1-2-", "a dozen ", "five and a half ",
    "around ", "1,", "-5 people ", "a thousand million ", "hundreds of thousands of ",
]
FIGURE_CASES = ["1 ", "5 people, ", "killed 5 ", "\u200e5\u200f people ", "1-2-", "war " * 3 + "1 "]
DATE_CASES = [
    "June 5, ", "in ", "last ", "2011 ", " ", "Sept. ", "on the 27th ", "early ", "in two weeks ",
    "since May ", "Monday ", "the last week of July ", "5 June 2020 ", "Jan Berg ",
]
CASES = (
    [pytest.param(_quantities, u, id=f"quantities:{u!r}") for u in NUMBER_CASES]
    + [pytest.param(_figures, u, id=f"figures:{u!r}") for u in FIGURE_CASES]
    + [pytest.param(_dates, u, id=f"dates:{u!r}") for u in DATE_CASES]
)


LIMIT = 2  # a linear grammar measures about 1, a quadratic one about LARGE / SMALL = 100


@pytest.mark.parametrize(("extract", "unit"), CASES)
def test_cost_per_character_stays_flat_from_1k_to_100k(extract, unit):
    small, large = _text(unit, SMALL), _text(unit, LARGE)
    extract(small)  # build the grammar once before timing
    best_small = best_large = float("inf")
    for _ in range(5):  # interleaved rounds; stop as soon as the best of each is within bounds
        best_small = min(best_small, _cost_per_char(extract, small, LARGE // SMALL))
        best_large = min(best_large, _cost_per_char(extract, large, 1))
        if best_large / best_small < LIMIT:
            break
    ratio = best_large / best_small
    assert ratio < LIMIT, f"{ratio:.2f}x the cost per character at 100k characters"
