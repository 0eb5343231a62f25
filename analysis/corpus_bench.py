"""A bench corpus and the speed of ``extract-corpus`` on it: ``python -m analysis.corpus_bench``.

Why a generated corpus: speed must be measured on hundreds of article-sized texts that are not
copies of one text (caches would turn repeats into free work), and only public-domain or seed
text may ship. So each bench article is a seeded recombination of body sentences of the shipped
articles, with the names of countries, capitals and people swapped for others from the lexicons
and every number changed, under its own publication date: the same genre and length, different
words. :func:`build` writes it as a folder that ``extract-corpus`` reads.

:func:`measure` runs ``extract-corpus --jobs N`` in a fresh process for each N, on the same
corpus, and reports words per second (wall clock of the whole command, and the run's own timing
after start-up), the speed-up against the first N, and the peak memory: the resident set of the
largest single process (``wait4``'s rusage) and the proportional set size of the whole process
tree (sampled every 50 ms with psutil; shared pages of forked workers counted once). The load
average before each run is reported too: other work on the machine skews every ratio.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

import pandas as pd

from analysis.article import load_article
from analysis.lexicons import countries, people, split_bar
from analysis.paths import ARTICLES_DIR, PROJECT_ROOT

_NUMBER = re.compile(r"\d+")
_SUMMARY = re.compile(r"([\d,]+) words in ([\d.]+) s")


def _names() -> dict[str, list[str]]:
    """Interchangeable names by class, from the lexicons (never from code)."""
    table = countries()
    capitals = [c for value in table["capitals"].fillna("") for c in split_bar(value)]
    return {
        "country": sorted(set(table["name"].dropna())),
        "capital": sorted(set(capitals)),
        "person": sorted(set(people()["name"].dropna())),
    }


def _swapper(rng: random.Random, names: dict[str, list[str]], years: tuple[int, int]):
    everything = {name: kind for kind, group in names.items() for name in group}
    longest_first = sorted(everything, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in longest_first) + r")\b")

    def number(match: re.Match) -> str:
        text = match.group(0)
        if len(text) == 4 and text[:2] in {"19", "20"}:  # a year stays a plausible year
            return str(rng.randrange(*years))
        return str(rng.randrange(10 ** (len(text) - 1) if len(text) > 1 else 2, 10 ** len(text)))

    def swap(sentence: str) -> str:
        sentence = pattern.sub(lambda m: rng.choice(names[everything[m.group(0)]]), sentence)
        return _NUMBER.sub(number, sentence)

    return swap


def build(folder: str | Path, articles: int = 200, seed: int = 0) -> Path:
    """Write ``articles`` bench articles (``bench-0000.txt`` + ``.yml``) into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("bench-*"):  # a smaller corpus than last time: no stale articles
        old.unlink()
    shipped = [load_article(path) for path in sorted(ARTICLES_DIR.glob("*.txt"))]
    pool = [text for article in shipped for text in article.body["text"]]
    # dates and years span the shipped articles' own publication dates (data, not code)
    dates = sorted(a.published for a in shipped if a.published)
    first_day, days = dates[0], (dates[-1] - dates[0]).days + 1
    rng = random.Random(seed)
    swap = _swapper(rng, _names(), (first_day.year - 20, dates[-1].year + 1))
    for number in range(articles):
        paragraphs = [
            " ".join(swap(rng.choice(pool)) for _ in range(rng.randint(1, 3)))
            for _ in range(rng.randint(6, 16))
        ]
        published = first_day + timedelta(days=rng.randrange(days))
        stem = folder / f"bench-{number:04d}"
        stem.with_suffix(".txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        stem.with_suffix(".yml").write_text(f"published: {published.isoformat()}\n")
    return folder


def _tree_memory(pid: int) -> int:
    """Bytes a process and its children hold now: their PSS (a page shared by a forked worker
    and its parent counted once, split between them), or RSS where PSS is not available; 0
    without psutil or once the process is gone."""
    try:
        import psutil
    except ImportError:  # psutil comes with the notebook extra; the figure is then left out
        return 0
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for proc in procs:
        try:
            info = proc.memory_full_info()
            total += getattr(info, "pss", info.rss)
        except psutil.Error:
            pass
    return total


def _run_once(corpus: Path, out: Path, jobs: int) -> dict:
    command = [
        sys.executable, "-m", "analysis", "extract-corpus", str(corpus),
        "--out", str(out), "--jobs", str(jobs), "--force",
    ]
    load = os.getloadavg()[0]  # other work on the machine skews the ratios: say how much
    peak_tree = 0
    stop = threading.Event()
    with tempfile.TemporaryFile("w+") as out_file, tempfile.TemporaryFile("w+") as err_file:
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out_file, stderr=err_file, text=True)

        def sample() -> None:
            nonlocal peak_tree
            while not stop.is_set():
                peak_tree = max(peak_tree, _tree_memory(proc.pid))
                stop.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        # wait4, not Popen.wait: its rusage has the peak RSS of the child and its workers
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        stop.set()
        sampler.join()
        out_file.seek(0)
        err_file.seek(0)
        stdout, stderr = out_file.read(), err_file.read()
    match = _SUMMARY.search(stdout)
    if match is None:
        raise RuntimeError(f"extract-corpus --jobs {jobs} failed: {stderr.strip()[-300:]}")
    words, seconds = int(match.group(1).replace(",", "")), float(match.group(2))
    row = {
        "jobs": jobs,
        "load_before": load,
        "articles": len(list(corpus.glob("*.txt"))),
        "words": words,
        "wall_seconds": wall,
        "words_per_second_wall": words / wall,
        "words_per_second_run": words / seconds,
        "peak_rss_mb_largest_process": usage.ru_maxrss / 1024,  # Linux reports KiB
        "peak_pss_mb_all_processes": peak_tree / 2**20 if peak_tree else float("nan"),
    }
    return row


def measure(corpus: str | Path, jobs: tuple[int, ...] = (1, 2)) -> pd.DataFrame:
    """``extract-corpus --jobs N`` for each N on ``corpus``, one fresh process each."""
    corpus = Path(corpus)
    with tempfile.TemporaryDirectory(prefix="corpus-bench-") as tmp:
        rows = [_run_once(corpus, Path(tmp) / f"jobs-{n}", n) for n in jobs]
    table = pd.DataFrame(rows)
    table["speedup_wall"] = table["wall_seconds"].iloc[0] / table["wall_seconds"]
    table["speedup_run"] = table["words_per_second_run"] / table["words_per_second_run"].iloc[0]
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.corpus_bench", description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--corpus", type=Path, default=PROJECT_ROOT / "build" / "bench-corpus",
        help="where the bench corpus is written (default: build/bench-corpus)",
    )
    parser.add_argument(
        "--csv", type=Path, default=PROJECT_ROOT / "build" / "corpus-bench.csv",
        help="where the table is written (default: build/corpus-bench.csv)",
    )
    args = parser.parse_args(argv)
    build(args.corpus, args.articles, args.seed)
    table = measure(args.corpus, tuple(args.jobs))
    args.csv.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(args.csv, index=False)
    print(f"extract-corpus on {args.articles} generated articles ({args.corpus.name}/):")
    with pd.option_context("display.width", 200, "display.float_format", "{:,.2f}".format):
        print(table.to_string(index=False))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
