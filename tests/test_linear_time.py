"""Nothing stalls: every extractor's cost grows linearly with the article, on crafted worst cases.

Each stage (loading, each extractor, and the whole ``extract_all`` pipeline) is timed on every
crafted text at 1,000 and 100,000 characters in one run, and the cost per character at 100k may
be at most :data:`LIMIT` times the cost per character at 1k. Only ratios are asserted, never
absolute times: a linear stage gives a ratio near 1 (or below, as fixed costs spread out), a
quadratic one a ratio near 100. Each measurement runs in a forked child, so a quadratic stage
is stopped as soon as it passes 1.5 x the allowed cost instead of running for minutes.

No case is exempt: every stage passes on every crafted text.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from analysis.actors import clear_cache, extract_actors
from analysis.article import load_article
from analysis.attributions import extract_attributions
from analysis.dates import extract_dates
from analysis.events import extract_events
from analysis.figures import extract_figures
from analysis.meetings import extract_meetings
from analysis.paths import SEED_ARTICLE
from analysis.pipeline import extract_all
from analysis.publication import date_clues
from analysis.relations import extract_relations

SMALL, LARGE = 1_000, 100_000
#: Largest allowed ratio of cost per character (100k over 1k).
LIMIT = 2.0
SMALL_REPEATS, LARGE_REPEATS = 3, 2


def _prose(n: int) -> str:
    """Ordinary news prose on one line (the seed's words, newlines folded), ``n`` characters."""
    words = " ".join(SEED_ARTICLE.read_text(encoding="utf-8").split())
    return (words + " ") * (n // len(words) + 1)


#: name -> n -> text of about n characters (cut to n exactly).
CASES: dict[str, Callable[[int], str]] = {
    "dateline spaces": lambda n: "-" + " " * n + "x",
    "dateline dashes": lambda n: "-" * n + "x",
    "full stops": lambda n: "." * n,
    "Mr. repeated": lambda n: "Mr. " * n,
    "1 repeated": lambda n: "1 " * n,
    "5 people repeated": lambda n: "5 people, " * n,
    "after and spaces": lambda n: "after" + " " * n,
    "after, spaces and a word": lambda n: "after" + " " * n + "x",
    "one long line of prose": _prose,
}

#: name -> function(article) timed after the article is loaded ("load" times the loading).
STAGES: dict[str, Callable | None] = {
    "load": None,
    "extract_all": extract_all,
    "attributions": extract_attributions,
    "actors": extract_actors,
    "figures": extract_figures,
    "relations": extract_relations,
    "meetings": extract_meetings,
    "events": extract_events,
    "dates": extract_dates,
    "date_clues": date_clues,
}

def _text(case: str, n: int) -> str:
    return CASES[case](n)[:n]


def _run(path: Path, stage: str) -> Callable[[], object]:
    """A zero-argument call that does the timed work (the untimed part is done here)."""
    if STAGES[stage] is None:
        return lambda: load_article(path, published="2023-03-14")
    article = load_article(path, published="2023-03-14")
    clear_cache()  # the actor cache would turn a repeat into a look-up
    return lambda: STAGES[stage](article)


def _child(conn, case: str, stage: str, folder: Path) -> None:
    """Time the stage at 1k, then at 100k under a CPU-time limit that ends this process."""
    warm = folder / "warm.txt"
    warm.write_text("Mr. Smith met 5 people after talks on Monday, officials said.\n")
    _run(warm, stage)()  # lexicons and compiled patterns are loaded once, outside the timing
    small = min(_timed(_run(_write(folder, case, SMALL), stage)) for _ in range(SMALL_REPEATS))
    conn.send(small)
    allowed = LIMIT * (LARGE / SMALL) * small  # what a ratio of LIMIT means at 100k
    path = _write(folder, case, LARGE)
    for _ in range(LARGE_REPEATS):
        work = _run(path, stage)
        # CPU time, not wall time: other processes on the machine must not change the ratio.
        # The profiling timer's default action ends the process (even inside a regex), so a
        # quadratic stage is cut off as soon as it costs more than a ratio of LIMIT allows.
        # the collection before timing runs outside the CPU-time limit: in a child forked from
        # a large test process it walks (and copies) the whole inherited heap, a cost of the
        # harness that grows with the test session, not with the text
        gc.collect()
        signal.setitimer(signal.ITIMER_PROF, allowed)
        elapsed = _timed(work, collect=False)
        signal.setitimer(signal.ITIMER_PROF, 0)
        conn.send(elapsed)


def _write(folder: Path, case: str, n: int) -> Path:
    path = folder / f"{n}.txt"
    path.write_text(_text(case, n), encoding="utf-8")
    return path


def _timed(work: Callable[[], object], collect: bool = True) -> float:
    if collect:
        gc.collect()
    gc.disable()
    start = time.process_time()
    work()
    elapsed = time.process_time() - start
    gc.enable()
    return elapsed


def cost_ratio(case: str, stage: str, folder: Path) -> float:
    """Cost per character at 100k over cost per character at 1k (best of a few runs each)."""
    reader, writer = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(
        target=_child, args=(writer, case, stage, folder), daemon=True
    )
    child.start()
    writer.close()
    try:
        small = reader.recv()
        best = float("inf")
        for _ in range(LARGE_REPEATS):
            try:
                best = min(best, reader.recv())
            except EOFError:  # the child was stopped by its CPU-time limit: a ratio of LIMIT
                return LIMIT  # or more (a run that ended early was below LIMIT and returned)
            if (best / LARGE) / (small / SMALL) < LIMIT:
                break
        return (best / LARGE) / (small / SMALL)
    finally:
        child.kill()
        child.join()


def _param(case: str, stage: str):
    return pytest.param(case, stage, id=f"{case}-{stage}")


@pytest.mark.parametrize(
    ("case", "stage"), [_param(case, stage) for case in CASES for stage in STAGES]
)
def test_cost_per_character_stays_flat(tmp_path, case, stage):
    ratio = cost_ratio(case, stage, tmp_path)
    assert ratio < LIMIT, f"{stage} on {case!r}: cost per character x{ratio:.1f} from 1k to 100k"
