"""``make bench``: how fast is the pipeline, as a ratio against a baseline run side by side.

Absolute seconds depend on the machine and on what else it is doing; a ratio against a baseline
measured in the same process, interleaved round by round, does not (much). The baseline is
spaCy's blank English tokenizer over the same text — the least any reader of the text must do.
Each stage (one frame of :data:`analysis.pipeline.FRAMES`) is timed on every article in
``data/articles/``, each round on freshly loaded articles with the actor cache cleared, so a stage
cannot reuse what it computed in an earlier round (lexicons, loaded once, stay warm). Stages that
need actors (meetings, relations, events) pay for recognising them once per article.

Prints a table: stage, median milliseconds per article, words per second, and the ratio
``stage time / baseline time`` (lower is better).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable

import pandas as pd

from analysis.actors import clear_cache as clear_actor_cache
from analysis.article import Article, load_article
from analysis.paths import ARTICLES_DIR
from analysis.pipeline import FRAMES


def _timed(fn: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run(rounds: int = 5, copies: int = 20) -> pd.DataFrame:
    """Median time per stage and for the baseline, over ``rounds`` interleaved rounds.

    Each article is processed ``copies`` times per round so that one timing is long enough to
    measure.
    """
    import spacy

    articles: list[Article] = [load_article(p) for p in sorted(ARTICLES_DIR.glob("*.txt"))]
    words = sum(len(a.text.split()) for a in articles) * copies
    tokenizer = spacy.blank("en").tokenizer

    def baseline(batch: list[Article]) -> None:
        for article in batch:
            tokenizer(article.text)

    def fresh() -> list[Article]:
        # the actors stage memoises by article text (meetings and relations reuse it): start
        # every job cold so each stage pays for the recognition it triggers
        clear_actor_cache()
        return [load_article(a.path) for _ in range(copies) for a in articles]

    def stage(build: Callable[[Article], pd.DataFrame]) -> Callable[[list[Article]], None]:
        def go(batch: list[Article]) -> None:
            for article in batch:
                build(article)
        return go

    def whole(batch: list[Article]) -> None:
        for article in batch:
            fresh_article = load_article(article.path)
            for build in FRAMES.values():
                build(fresh_article)

    jobs = {"baseline: spaCy tokenizer": baseline}
    jobs |= {f"stage: {name}": stage(build) for name, build in FRAMES.items()}
    jobs["whole pipeline (load + every frame)"] = whole
    warm = fresh()
    for job in jobs.values():  # warm-up: lexicons load once
        job(warm)
    times: dict[str, list[float]] = {name: [] for name in jobs}
    for _ in range(rounds):
        for name, job in jobs.items():
            batch = fresh()
            times[name].append(_timed(lambda job=job, batch=batch: job(batch)))
    base = statistics.median(times["baseline: spaCy tokenizer"])
    per_article = len(articles) * copies
    rows = [
        {
            "job": name,
            "ms_per_article": 1000 * statistics.median(t) / per_article,
            "words_per_second": words / statistics.median(t),
            "ratio_to_baseline": statistics.median(t) / base,
        }
        for name, t in times.items()
    ]
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.bench", description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args(argv)
    table = run(args.rounds, args.copies)
    with pd.option_context("display.width", 120, "display.float_format", "{:,.2f}".format):
        print(table.to_string(index=False))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
