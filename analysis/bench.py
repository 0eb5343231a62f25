"""``make bench``: how fast the pipeline is, in words per second and against baselines.

Absolute seconds depend on the machine and on what else it is doing; ratios measured in the same
process, interleaved round by round, do not (much). So every figure sits beside two baselines run
on the same texts in the same run: spaCy's blank English tokenizer (the least any reader of the
text must do; it caches token strings, so its speed swings) and a cache-free plain regex word scan.

The corpus is generated, deterministic and not copies of one text (:func:`bench_texts`): each
text recombines body sentences of the shipped articles with every number changed, so no cache can
turn a repeat into free work. Each round reloads every article and clears the actor cache before
each article, so a stage cannot reuse what an earlier stage or round computed (lexicons, loaded
once, stay warm). The "sentences" stage times loading the article, which is where the text is cut
into paragraphs and sentences; every other stage is timed on an article loaded beforehand, and
pays for the layers it needs below it (meetings recognise actors). The whole pipeline is load +
:func:`analysis.pipeline.extract_all` (every frame, each layer computed once and passed on).

The scaling rows time the whole pipeline on one long article (``--long-words``, with and without
paragraph breaks) against the same words as many 1,000-word articles: cost per word long / short
must stay near 1 (no quadratic paths).

``--against REV`` adds the pipeline of an earlier git revision, timed beside ours on the same
texts (:mod:`analysis.bench_revision`): a speed-up that, unlike words per second, does not depend
on the machine. ``make bench`` compares with the revision the speed work started from.

Times are CPU seconds of the bench process (one core). Writes the table to ``build/bench.csv``
and prints it; targets and whether they are met are rows of it too.
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.actors import clear_cache as clear_actor_cache
from analysis.article import Article, load_article
from analysis.bench_revision import revision_rows
from analysis.paths import ARTICLES_DIR, PROJECT_ROOT
from analysis.pipeline import FRAMES, extract_all

#: Whole-pipeline speed the project aims at, words per second on one core.
TARGET_WORDS_PER_SECOND = 30_000
#: Highest allowed cost per word of a long article over that of 1,000-word articles.
TARGET_SCALING = 1.2
#: Speed-up over the ``--against`` revision the project aims at (the words-per-second target
#: was set as "about ten times" the code of the time).
TARGET_SPEEDUP_OVER_REVISION = 10

_WORD = re.compile(r"\w+|[^\w\s]")
_NUMBER = re.compile(r"\d+")
BASELINE_SPACY = "baseline: spaCy blank tokenizer"
BASELINE_REGEX = "baseline: regex word scan"
WHOLE = "whole pipeline (load + every frame)"


def _sentence_pool() -> list[str]:
    return [
        text
        for path in sorted(ARTICLES_DIR.glob("*.txt"))
        for text in load_article(path).body["text"]
    ]


def bench_texts(count: int, seed: int = 0, words: tuple[int, int] = (300, 900)) -> list[str]:
    """``count`` article-sized texts, each a seeded recombination of shipped body sentences.

    Every number is redrawn (a four-digit year stays a plausible year), paragraphs hold one to
    three sentences, and a text grows until it has between ``words[0]`` and ``words[1]`` words.
    """
    pool = _sentence_pool()
    rng = random.Random(seed)

    def number(match: re.Match) -> str:
        digits = match.group(0)
        if len(digits) == 4 and digits[:2] in {"19", "20"}:
            return str(rng.randrange(1990, 2024))
        low = 10 ** (len(digits) - 1) if len(digits) > 1 else 2
        return str(rng.randrange(low, 10 ** len(digits)))

    texts = []
    for _ in range(count):
        goal = rng.randint(*words)
        paragraphs: list[str] = []
        size = 0
        while size < goal:
            sentences = [_NUMBER.sub(number, rng.choice(pool)) for _ in range(rng.randint(1, 3))]
            paragraphs.append(" ".join(sentences))
            size += sum(len(s.split()) for s in sentences)
        texts.append("\n\n".join(paragraphs) + "\n")
    return texts


@lru_cache(maxsize=1)
def _published_dates() -> list[str]:
    """The shipped articles' publication dates: bench texts take them in turn."""
    dates = [load_article(p).published for p in sorted(ARTICLES_DIR.glob("*.txt"))]
    return [d.isoformat() for d in dates if d is not None]


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    dates = _published_dates()
    published = dates[sum(map(ord, name)) % len(dates)]
    path.with_suffix(".yml").write_text(f"published: '{published}'\n", encoding="utf-8")
    return path


def _timed(fn: Callable[[], object]) -> float:
    """CPU seconds of this process running ``fn``: the speed on one core, which other work on
    a shared machine skews far less than the wall clock."""
    gc.collect()
    start = time.process_time()
    fn()
    return time.process_time() - start


def _whole(paths: list[Path]) -> None:
    for path in paths:
        clear_actor_cache()
        extract_all(load_article(path))


def _jobs(paths: list[Path]) -> dict[str, Callable[[], None]]:
    """name -> a job over the corpus; each job loads or reloads what it must before timing."""
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    texts = [p.read_text(encoding="utf-8") for p in paths]

    def baseline_spacy() -> None:
        for text in texts:
            tokenizer(text)

    def baseline_regex() -> None:
        for text in texts:
            _WORD.findall(text)

    def sentences() -> None:
        for path in paths:
            FRAMES["sentences"](load_article(path))

    def stage(build: Callable[[Article], pd.DataFrame]) -> Callable[[], None]:
        def go() -> None:
            for article in articles:
                clear_actor_cache()
                build(article)
        return go

    articles: list[Article] = []
    jobs: dict[str, Callable[[], None]] = {
        BASELINE_SPACY: baseline_spacy,
        BASELINE_REGEX: baseline_regex,
        "stage: sentences (load + split)": sentences,
    }
    jobs |= {f"stage: {name}": stage(b) for name, b in FRAMES.items() if name != "sentences"}
    jobs[WHOLE] = lambda: _whole(paths)

    def reload() -> None:  # fresh Article objects for every round: nothing carried over
        articles[:] = [load_article(p) for p in paths]

    return jobs | {"_reload": reload}


def _corpus_rows(folder: Path, count: int, seed: int, rounds: int) -> list[dict]:
    paths = [_write(folder, f"bench-{i:04d}", t) for i, t in enumerate(bench_texts(count, seed))]
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    jobs = _jobs(paths)
    reload = jobs.pop("_reload")
    reload()
    for job in jobs.values():  # warm-up: lexicons and patterns load once
        job()
    times: dict[str, list[float]] = {name: [] for name in jobs}
    for _ in range(rounds):
        for name, job in jobs.items():
            reload()
            times[name].append(_timed(job))
    spacy_s = statistics.median(times[BASELINE_SPACY])
    regex_s = statistics.median(times[BASELINE_REGEX])
    rows = []
    for name, series in times.items():
        seconds = statistics.median(series)
        rows.append({
            "job": name, "articles": count, "words": words, "seconds": seconds,
            "ms_per_article": 1000 * seconds / count, "words_per_second": words / seconds,
            "ratio_to_spacy": seconds / spacy_s, "ratio_to_regex": seconds / regex_s,
        })
    return rows


def _scaling_rows(folder: Path, long_words: int, seed: int, rounds: int) -> list[dict]:
    """Cost per word of one ``long_words`` article (paragraphs / one paragraph) over the same
    words cut into 1,000-word articles."""
    short = bench_texts(max(1, long_words // 1000), seed + 1, words=(1000, 1000))
    short_paths = [_write(folder, f"short-{i:04d}", t) for i, t in enumerate(short)]
    joined = "".join(short)
    long_paths = {
        "with paragraph breaks": _write(folder, "long-paragraphs", joined),
        "one paragraph": _write(folder, "long-one-paragraph", " ".join(joined.split()) + "\n"),
    }
    words = len(joined.split())
    times: dict[str, list[float]] = {"short": [], **{k: [] for k in long_paths}}
    for _ in range(rounds):
        times["short"].append(_timed(lambda: _whole(short_paths)))
        for key, path in long_paths.items():
            times[key].append(_timed(lambda path=path: _whole([path])))
    short_s = statistics.median(times["short"])
    rows = [{
        "job": f"scaling: {len(short)} articles of ~1,000 words", "articles": len(short),
        "words": words, "seconds": short_s, "ms_per_article": 1000 * short_s / len(short),
        "words_per_second": words / short_s,
    }]
    for key in long_paths:
        seconds = statistics.median(times[key])
        rows.append({
            "job": f"scaling: one {words:,}-word article, {key}", "articles": 1, "words": words,
            "seconds": seconds, "ms_per_article": 1000 * seconds,
            "words_per_second": words / seconds,
            "cost_per_word_long_over_short": seconds / short_s,
            "target": f"<= {TARGET_SCALING}", "met": seconds / short_s <= TARGET_SCALING,
        })
    return rows


def run(
    articles: int = 200,
    rounds: int = 3,
    long_words: int = 100_000,
    seed: int = 0,
    against: str | None = None,
    against_articles: int = 40,
) -> pd.DataFrame:
    """The bench table: baselines, stages and whole pipeline on ``articles`` generated texts
    (median of ``rounds`` interleaved rounds), then the long-article scaling rows, then (with
    ``against``, a git revision) that revision's pipeline beside ours on the first
    ``against_articles`` texts (:mod:`analysis.bench_revision`)."""
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        rows = _corpus_rows(Path(tmp), articles, seed, rounds)
        whole = next(r for r in rows if r["job"] == WHOLE)
        whole["target"] = f">= {TARGET_WORDS_PER_SECOND:,} words/s"
        whole["met"] = whole["words_per_second"] >= TARGET_WORDS_PER_SECOND
        if long_words:
            rows += _scaling_rows(Path(tmp), long_words, seed, max(1, rounds // 2))
        if against:
            paths = sorted(Path(tmp).glob("bench-*.txt"))[:against_articles]
            compared = revision_rows(against, paths, max(1, rounds // 2))
            for row in compared[1:]:
                row["target"] = f">= {TARGET_SPEEDUP_OVER_REVISION}x the revision"
                row["met"] = row["speedup_over_revision"] >= TARGET_SPEEDUP_OVER_REVISION
            rows += compared
    columns = ["job", "articles", "words", "seconds", "ms_per_article", "words_per_second",
               "ratio_to_spacy", "ratio_to_regex", "cost_per_word_long_over_short",
               "speedup_over_revision", "target", "met"]
    return pd.DataFrame(rows, columns=columns)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200, help="generated texts (default 200)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--long-words", type=int, default=100_000,
                        help="words of the long article of the scaling rows (0: none)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--csv", type=Path, default=PROJECT_ROOT / "build" / "bench.csv")
    parser.add_argument("--against", metavar="REV",
                        help="also time the pipeline of this git revision beside ours")
    parser.add_argument("--against-articles", type=int, default=40,
                        help="texts for the --against rows (default 40: old code is slow)")
    args = parser.parse_args(argv)
    table = run(args.articles, args.rounds, args.long_words, args.seed, args.against,
                args.against_articles)
    args.csv.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.csv, index=False)
    shown = table.drop(columns=["articles", "seconds"]).astype(object).fillna("")
    with pd.option_context("display.width", 200, "display.max_colwidth", 60,
                           "display.float_format", "{:,.2f}".format):
        print(shown.to_string(index=False))
    print(f"written to {args.csv}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
