"""Command line: ``python -m analysis extract ARTICLE [--published YYYY-MM-DD] --out DIR``.

Writes one CSV per frame of :data:`analysis.pipeline.FRAMES` into ``DIR`` as one set (see
:mod:`analysis.output`): every frame is computed in memory first, then written into a run folder
of its own, and one atomic switch makes the new set current, so a failure or a crash leaves the
previous set whole.

Exit codes: 0 all frames written; 2 bad input or a failure to write (one line on stderr naming
the file and the problem); 3 frames written, but the article gave no casualty or displacement
figures (an empty ``figures.csv`` with its header is written, and one line on stderr says so);
130 interrupted (Ctrl-C), one line.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from analysis.article import MAX_ARTICLE_BYTES, load_article, parse_published
from analysis.errors import ArticleError

EXIT_BAD_INPUT = 2
EXIT_NO_FIGURES = 3
EXIT_INTERRUPTED = 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Read a news article as data: one CSV per frame, each row with provenance.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    extract = sub.add_parser("extract", help="write every frame of ARTICLE as CSV files")
    extract.add_argument("article", help="the article's .txt file (UTF-8 plain text)")
    extract.add_argument(
        "--published",
        help="publication date YYYY-MM-DD (needed when the article has no .yml metadata date)",
    )
    extract.add_argument(
        "--undated",
        action="store_true",
        help="process an article without a publication date; relative dates stay unresolved",
    )
    extract.add_argument("--out", required=True, help="folder for the CSV files")
    extract.add_argument(
        "--max-bytes",
        type=int,
        default=MAX_ARTICLE_BYTES,
        help=f"largest article accepted, in bytes (default {MAX_ARTICLE_BYTES:,})",
    )
    return parser


def extract(
    article_path: str | Path,
    out: str | Path,
    published: str | None,
    undated: bool,
    max_bytes: int = MAX_ARTICLE_BYTES,
) -> int:
    """Compute every frame, then write them all as one set; returns the exit code."""
    from analysis.output import write_frames
    from analysis.pipeline import extract_all

    if not str(article_path).strip():  # Path("") would be the current folder
        raise ArticleError("''", "no article file given")
    article_path = Path(article_path)
    if not str(out).strip():
        raise ArticleError("--out ''", "no folder given; name the folder for the frames")
    if max_bytes < 1:
        raise ArticleError("--max-bytes", f"must be at least 1, not {max_bytes}")
    if published is not None:
        parse_published(published, article_path)  # validate before reading anything else
    article = load_article(article_path, published=published, max_bytes=max_bytes)
    if article.published is None and not undated:
        raise ArticleError(
            article_path,
            "no publication date: add 'published: YYYY-MM-DD' to "
            f"{article_path.with_suffix('.yml').name} or pass --published YYYY-MM-DD",
        )
    frames = extract_all(article)
    write_frames(out, frames, protect=[article_path, article_path.with_suffix(".yml")])
    _say(f"wrote {len(frames)} frames of {article_path.name} to {out}")
    if "figures" in frames and frames["figures"].empty:
        print(
            f"{article_path}: no casualty or displacement figures found "
            "(figures.csv has only its header)",
            file=sys.stderr,
        )
        return EXIT_NO_FIGURES
    return 0


def _say(line: str) -> None:
    """Print one line on stdout; a closed or full stdout becomes one :class:`ArticleError`."""
    try:
        print(line)
        sys.stdout.flush()
    except OSError as exc:  # "| true" closed the pipe; "> /dev/full" has no space
        _silence_stdout()
        raise ArticleError("<stdout>", f"cannot be written ({exc.strerror or exc})") from None


def _silence_stdout() -> None:
    """Point stdout at the null device, so Python's flush at exit cannot print a traceback."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # a replaced sys.stdout (tests) has no fd
        pass


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return extract(args.article, args.out, args.published, args.undated, args.max_bytes)
    except ArticleError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("error: interrupted; the frames already in --out are unchanged", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
