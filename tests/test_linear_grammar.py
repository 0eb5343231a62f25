"""The number, figure and date grammars run in linear time on crafted worst cases.

Each case repeats a short unit to 1,000 and to 100,000 characters and times the extractor on
both in the same run, in CPU time of this thread (a long run on a busy machine is preempted
more often than a short one, which wall-clock time would count as cost), best of a few runs;
the cost per character at 100k must stay under twice the cost at 1k. No absolute time limits:
only the ratio matters, and a quadratic path gives a ratio near 100.
"""

from __future__ import annotations

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


def _cost_per_char(extract, text: str, inner: int, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.thread_time()
        for _ in range(inner):
            extract(text)
        best = min(best, (time.thread_time() - start) / inner)
    return best / len(text)


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


@pytest.mark.parametrize(("extract", "unit"), CASES)
def test_cost_per_character_stays_flat_from_1k_to_100k(extract, unit):
    small, large = _text(unit, SMALL), _text(unit, LARGE)
    extract(small)  # build the grammar once before timing
    per_char_small = _cost_per_char(extract, small, inner=10, repeats=3)
    per_char_large = float("inf")
    for _ in range(3):  # the best of up to three runs: stop as soon as one is within bounds
        per_char_large = min(per_char_large, _cost_per_char(extract, large, inner=1, repeats=1))
        if per_char_large / per_char_small < 2:
            break
    ratio = per_char_large / per_char_small
    assert ratio < 2, f"{ratio:.2f}x the cost per character at 100k characters"
