"""Command line: ``python -m analysis extract ARTICLE [--published YYYY-MM-DD] --out DIR``.

Writes one CSV per frame of :data:`analysis.pipeline.FRAMES` into ``DIR``. Every frame is
computed in memory first, so a failure leaves ``DIR`` untouched (no half-written frames).

Exit codes: 0 all frames written; 2 bad input (one line on stderr naming the file and the
problem); 3 frames written, but the article gave no casualty or displacement figures (an empty
``figures.csv`` with its header is written, and one line on stderr says so).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from analysis import corpus
from analysis.article import load_article, parse_published
from analysis.errors import ArticleError

EXIT_BAD_INPUT = 2
EXIT_NO_FIGURES = 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Read a news article as data: one CSV per frame, each row with provenance.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    extract = sub.add_parser("extract", help="write every frame of ARTICLE as CSV files")
    extract.add_argument("article", type=Path, help="the article's .txt file (UTF-8 plain text)")
    extract.add_argument(
        "--published",
        help="publication date YYYY-MM-DD (needed when the article has no .yml metadata date)",
    )
    extract.add_argument(
        "--undated",
        action="store_true",
        help="process an article without a publication date; relative dates stay unresolved",
    )
    extract.add_argument("--out", type=Path, required=True, help="folder for the CSV files")
    corpus.add_parser(sub)
    return parser


def extract(article_path: Path, out: Path, published: str | None, undated: bool) -> int:
    """Compute every frame, then write them all; returns the exit code."""
    from analysis.datapackage import write_datapackage
    from analysis.pipeline import extract_all

    if published is not None:
        parse_published(published, article_path)  # validate before reading anything else
    article = load_article(article_path, published=published)
    if article.published is None and not undated:
        raise ArticleError(
            article_path,
            "no publication date: add 'published: YYYY-MM-DD' to "
            f"{article_path.with_suffix('.yml').name} or pass --published YYYY-MM-DD",
        )
    frames = extract_all(article)
    if out.exists() and not out.is_dir():
        raise ArticleError(out, "--out exists and is not a folder")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=out.parent, prefix=f".{out.name}-") as tmp:
            for name, frame in frames.items():
                frame.to_csv(Path(tmp) / f"{name}.csv", index=False)
            out.mkdir(exist_ok=True)
            for name in frames:
                shutil.move(str(Path(tmp) / f"{name}.csv"), out / f"{name}.csv")
        write_datapackage(out, frames, article.article_id)
    except OSError as exc:  # a file where a parent folder should be, no permission, disk full
        raise ArticleError(out, f"--out cannot be written ({exc.strerror or exc})") from None
    print(f"wrote {len(frames)} frames of {article_path.name} to {out}")
    if "figures" in frames and frames["figures"].empty:
        print(
            f"{article_path}: no casualty or displacement figures found "
            "(figures.csv has only its header)",
            file=sys.stderr,
        )
        return EXIT_NO_FIGURES
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "extract-corpus":
        return corpus.main(args)
    try:
        return extract(args.article, args.out, args.published, args.undated)
    except ArticleError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
