"""Many articles at once: ``python -m analysis extract-corpus SOURCE --out DIR``.

SOURCE is a folder of ``.txt`` articles (``.yml`` metadata beside them and/or a
``published.csv`` with columns ``id,published``) or a JSON Lines file (one object per line:
``id``, ``text``, ``published`` and any other metadata fields). DIR receives

- ``DIR/<frame>/<article id>.parquet`` for every frame of :data:`analysis.pipeline.FRAMES`, with an
  ``article_id`` column first and the types of ``data/frames.yml`` (so every file agrees);
- ``DIR/articles.parquet``, the manifest: one row per article with its ``status`` (ok | failed),
  the one-line ``error``, ``words``, ``seconds``, ``content_hash``, ``published``, ``metadata``
  (JSON), ``origin`` and ``pipeline`` (a fingerprint of the code and lexicons that made it).

A second run skips every article already done with the same content hash and the same pipeline
fingerprint (``--force`` redoes them all); failed articles are tried again.

Why this shape: the per-article function (:func:`extract_frames`) is pure (bytes and a date in,
frames out), so any engine can map it; writing one file per article and frame keeps memory flat
(nothing accumulates but the manifest's one small row per article) and makes resuming exact.
Every file is written under a hidden temporary name and renamed, and an article enters the
manifest only after all its files are in place, so a run killed half-way leaves no half-written
file and the next run redoes just the unfinished articles. Finished articles are recorded in
``DIR/.articles.log.jsonl`` and folded into ``articles.parquet`` at the end. The log is made
durable in batches (at most every two seconds): first every frame file written so far is synced
to disk, then the batch's rows are appended and synced, so even after a power cut a logged
article's files are whole; a run killed with rows waiting simply redoes those articles. (Syncing
each of an article's nine files, and each row, on its own made a run about a sixth slower.)

Exit codes: 0 every article extracted, 1 some failed (listed in the manifest), 2 bad invocation.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.datapackage import arrow_schema
from analysis.errors import ArticleError

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_BAD_INVOCATION = 2

MANIFEST = "articles.parquet"
LOG = ".articles.log.jsonl"
#: Columns of the manifest ``articles.parquet``.
MANIFEST_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("status", pa.string()),
        ("error", pa.string()),
        ("words", pa.int64()),
        ("seconds", pa.float64()),
        ("content_hash", pa.string()),
        ("published", pa.string()),
        ("metadata", pa.string()),
        ("origin", pa.string()),
        ("pipeline", pa.string()),
    ]
)
# An id names files: no path separators, NUL or leading dot, and not too long.
_SAFE_ID = re.compile(r"^[^/\\\x00.][^/\\\x00]{0,199}$")


class CorpusError(ValueError):
    """A bad invocation (missing SOURCE, unreadable published.csv...): one line, exit 2."""


@dataclass(frozen=True)
class ArticleInput:
    """One article as the workers receive it: everything travels by value, no shared paths."""

    article_id: str
    origin: str  # where it came from, for messages ("story.txt", "corpus.jsonl line 3")
    raw: bytes = b""  # the text file's bytes
    meta: bytes | None = None  # the .yml metadata file's bytes
    published: str | None = None  # overrides the metadata date (published.csv)
    undated: bool = False  # process it even without a publication date
    problem: str | None = None  # known bad before extraction (malformed JSON line, duplicate id)

    @property
    def content_hash(self) -> str:
        digest = hashlib.sha256()
        published = (self.published or "").encode()
        for part in (self.raw, self.meta or b"", published, b"%d" % self.undated):
            digest.update(len(part).to_bytes(8, "little"))
            digest.update(part)
        return digest.hexdigest()


@dataclass
class ArticleResult:
    """What :func:`extract_frames` returns: the frames (or the reason there are none)."""

    article_id: str
    status: str  # ok | failed
    error: str
    words: int
    seconds: float
    content_hash: str
    published: str
    metadata: str
    origin: str
    frames: dict[str, pd.DataFrame] | None = field(default=None, repr=False)

    def row(self) -> dict:
        """The manifest row (no frames; the run adds ``pipeline``)."""
        return {name: getattr(self, name) for name in MANIFEST_SCHEMA.names if name != "pipeline"}


# ---------------------------------------------------------------------------------------------
# Reading a source


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _read_published_csv(path: Path) -> dict[str, str]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise CorpusError(f"{path}: cannot be read ({exc})") from None
    if rows and not {"id", "published"} <= set(rows[0]):
        raise CorpusError(f"{path}: needs the columns id,published")
    return {row["id"].strip(): row["published"].strip() for row in rows if row.get("id")}


def _folder_items(
    folder: Path, published: dict[str, str], undated: bool
) -> Iterator[ArticleInput]:
    for path in sorted(folder.glob("*.txt")):
        meta_path = path.with_suffix(".yml")
        try:
            raw = path.read_bytes()
            meta = meta_path.read_bytes() if meta_path.is_file() else None
        except OSError as exc:
            yield ArticleInput(path.stem, path.name, problem=f"cannot be read ({exc.strerror})")
            continue
        yield ArticleInput(
            path.stem, path.name, raw, meta, published.get(path.stem) or None, undated
        )


def _jsonl_items(path: Path, undated: bool) -> Iterator[ArticleInput]:
    import yaml

    with open(path, encoding="utf-8-sig", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            origin = f"{path.name} line {number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield ArticleInput(f"line-{number}", origin, problem=f"not JSON ({exc.msg})")
                continue
            if not isinstance(record, dict) or "id" not in record or "text" not in record:
                yield ArticleInput(
                    f"line-{number}", origin, problem="needs at least the fields id and text"
                )
                continue
            text = record.pop("text")
            article_id = str(record.pop("id"))
            if not isinstance(text, str):
                yield ArticleInput(article_id, origin, problem="text is not a string")
                continue
            meta = {k: v if isinstance(v, str) else json.dumps(v) for k, v in record.items()}
            meta_bytes = yaml.safe_dump(meta, allow_unicode=True).encode() if meta else None
            yield ArticleInput(article_id, origin, text.encode("utf-8"), meta_bytes, None, undated)


def read_source(source: str | Path, undated: bool = False) -> Iterator[ArticleInput]:
    """The articles of SOURCE, lazily, in a stable order (file names, or line order).

    Ids that cannot name a file, and repeated ids, come out as inputs with a ``problem``: they
    are recorded as failed, never silently dropped.
    """
    source = Path(source)
    if source.is_dir():
        published_csv = source / "published.csv"
        published = _read_published_csv(published_csv) if published_csv.exists() else {}
        items = _folder_items(source, published, undated)
    elif source.is_file() and source.suffix.lower() in {".jsonl", ".ndjson"}:
        items = _jsonl_items(source, undated)
    elif source.exists():
        raise CorpusError(f"{source}: SOURCE must be a folder of .txt articles or a .jsonl file")
    else:
        raise CorpusError(f"{source}: no such file or folder")
    return _checked(items)


def _checked(items: Iterator[ArticleInput]) -> Iterator[ArticleInput]:
    seen: dict[str, str] = {}
    for item in items:
        if item.problem is None and not _SAFE_ID.match(item.article_id):
            item = ArticleInput(
                item.article_id, item.origin, problem=f"id {item.article_id!r} cannot name a file"
            )
        elif item.article_id in seen:
            item = ArticleInput(
                f"{item.article_id}@{item.origin}",
                item.origin,
                problem=f"duplicate id {item.article_id!r} (first in {seen[item.article_id]})",
            )
        seen.setdefault(item.article_id, item.origin)
        yield item


def count_source(source: str | Path) -> int:
    """How many articles SOURCE holds (for the progress bar), without reading their texts."""
    source = Path(source)
    if source.is_dir():
        return sum(1 for _ in source.glob("*.txt"))
    with open(source, "rb") as handle:
        return sum(1 for line in handle if line.strip())


# ---------------------------------------------------------------------------------------------
# The pure per-article function


def extract_frames(item: ArticleInput) -> ArticleResult:
    """Every frame of one article, or the one-line reason it failed. Never raises.

    ``load_article`` validates a text file and its metadata; the bytes are handed to it through
    a private temporary folder, so exactly the same checks apply on any worker, local or remote.
    """
    from analysis.article import load_article
    from analysis.pipeline import extract_all

    start = time.perf_counter()
    result = ArticleResult(
        item.article_id, "failed", item.problem or "", 0, 0.0, item.content_hash, "", "",
        item.origin,
    )
    if item.problem is None:
        try:
            with tempfile.TemporaryDirectory(prefix="article-") as tmp:
                path = Path(tmp) / f"{item.article_id}.txt"
                path.write_bytes(item.raw)
                if item.meta is not None:
                    path.with_suffix(".yml").write_bytes(item.meta)
                article = load_article(path, published=item.published)
                if article.published is None and not item.undated:
                    raise ArticleError(
                        path, "no publication date: give it in the metadata, published.csv or "
                        "the JSON field 'published' (or pass --undated)"
                    )
                result.frames = extract_all(article)
            result.status = "ok"
            result.words = len(article.text.split())
            result.published = article.published.isoformat() if article.published else ""
            result.metadata = json.dumps(article.metadata, sort_keys=True, ensure_ascii=False)
        except ArticleError as exc:
            where = "metadata: " if exc.path.endswith(".yml") else ""
            result.error = _one_line(where + exc.problem)
        except Exception as exc:  # one bad article must not stop the corpus; say what broke
            result.error = _one_line(f"{type(exc).__name__}: {exc}")
    result.seconds = round(time.perf_counter() - start, 6)
    return result


# ---------------------------------------------------------------------------------------------
# Writing, atomically


def _file_name(article_id: str) -> str:
    return f"{article_id}.parquet"


def _atomic_write_table(table: pa.Table, path: Path, sync: bool = True) -> None:
    """Write under a hidden name, then rename: readers never see a half-written file.

    ``sync=False`` leaves syncing to the caller (frame files are synced in batches by
    :class:`_Log`, before the rows that name them).
    """
    tmp = path.with_name(f".{path.name}.tmp")  # hidden: readers skip names starting with "."
    with open(tmp, "wb") as handle:
        pq.write_table(table, handle)
        if sync:
            handle.flush()
            os.fsync(handle.fileno())
    os.replace(tmp, path)


def frame_table(frame_name: str, frame: pd.DataFrame, article_id: str) -> pa.Table:
    """A frame as an Arrow table with ``article_id`` first and the dictionary's column types.

    The same table (pandas metadata included, so nullable ``Int64`` columns read back as
    ``Int64``) as ``pa.Table.from_pandas`` of the frame with ``article_id`` inserted first,
    built column by column: that route copied the frame and worked the schema out again for
    every file, and took most of the writing time.
    """
    schema = _file_schema(frame_name, tuple(frame.columns), tuple(frame.dtypes))
    arrays = [pa.array([article_id] * len(frame), type=pa.string())]
    for column_field, (_, series) in zip(list(schema)[1:], frame.items(), strict=True):
        arrays.append(pa.array(series.array, type=column_field.type, from_pandas=True))
    return pa.Table.from_arrays(arrays, schema=schema)


@lru_cache(maxsize=512)
def _file_schema(frame_name: str, columns: tuple[str, ...], dtypes: tuple) -> pa.Schema:
    """The Arrow schema of a frame file (``article_id`` first), with pyarrow's pandas metadata.

    Both depend only on the frame's name, columns and dtypes, never on its values, and these
    repeat file after file: pyarrow works them out once, from an empty frame of the same dtypes.
    """
    empty = pd.DataFrame(
        {column: pd.Series([], dtype=dtype) for column, dtype in zip(columns, dtypes, strict=True)}
    )
    types = pa.schema([pa.field("article_id", pa.string()), *arrow_schema(frame_name, empty)])
    empty.insert(0, "article_id", pd.Series([], dtype="str"))
    return pa.Table.from_pandas(empty, schema=types, preserve_index=False).schema


def write_frames(out: Path, result: ArticleResult) -> None:
    """Write (or, for a failed article, remove) the article's file in every frame folder."""
    from analysis.pipeline import FRAMES

    if not _SAFE_ID.match(result.article_id):  # it names no file of ours: touch nothing
        return
    name = _file_name(result.article_id)
    if result.frames is None:
        for frame_name in FRAMES:
            (out / frame_name / name).unlink(missing_ok=True)
        return
    for frame_name, frame in result.frames.items():
        folder = out / frame_name
        folder.mkdir(parents=True, exist_ok=True)
        table = frame_table(frame_name, frame, result.article_id)
        _atomic_write_table(table, folder / name, sync=False)  # synced by the run's _Log


def write_result(out: Path, result: ArticleResult) -> dict:
    """Write an article's frames; its manifest row (failed if the files cannot be written)."""
    try:
        write_frames(out, result)
    except OSError as exc:
        result.status, result.error = "failed", _one_line(f"cannot write frames ({exc})")
        result.frames = None
        with contextlib.suppress(OSError):  # no frame files for a failed article, if we can
            write_frames(out, result)
    return result.row()


def _extract_and_write(item: ArticleInput, out: Path) -> dict:
    """The local engine's task: extract and write in the worker, return only the manifest row."""
    return write_result(out, extract_frames(item))


# ---------------------------------------------------------------------------------------------
# The manifest


def _read_manifest(out: Path) -> dict[str, dict]:
    """Rows of the last manifest, with the log of an interrupted run replayed over them."""
    rows: dict[str, dict] = {}
    if (out / MANIFEST).exists():
        for row in pq.read_table(out / MANIFEST).to_pylist():
            rows[row["article_id"]] = row
    if (out / LOG).exists():
        with open(out / LOG, encoding="utf-8") as handle:
            for line in handle:
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:  # the last line of a killed run may be cut short
                    continue
                rows[row["article_id"]] = row
    return rows


class _Log:
    """Append the manifest rows of finished articles, durably and in batches, so a killed run
    can resume.

    A row waits here until its batch is flushed: ``os.sync`` first (every frame file written so
    far reaches the disk), then the rows are appended and the log synced. So a logged article's
    files are on disk, and a row lost with a killed process only means that article is redone.
    One sync per batch instead of one per file and row: each sync waits for the disk, and
    ten of them per article made a run about a sixth slower.
    """

    def __init__(self, path: Path, seconds: float = 2.0, rows: int = 256) -> None:
        self.handle = open(path, "a", encoding="utf-8")
        self.waiting: list[dict] = []
        self.seconds, self.rows = seconds, rows
        self.last = time.monotonic()

    def add(self, row: dict) -> None:
        self.waiting.append(row)
        if len(self.waiting) >= self.rows or time.monotonic() - self.last >= self.seconds:
            self.flush()

    def flush(self) -> None:
        if self.waiting:
            os.sync()  # the frame files of these rows first, then the rows naming them
            for row in self.waiting:
                self.handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.waiting.clear()
        self.last = time.monotonic()

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self.handle.close()


def pipeline_fingerprint() -> str:
    """A hash of the package's code and of the data it reads (lexicons, data dictionary).

    Why: an article done by older rules is not done; a changed rule or lexicon redoes them all.
    """
    from analysis.paths import DATA_DIR, LEXICONS_DIR, PROJECT_ROOT

    files = sorted((PROJECT_ROOT / "analysis").glob("*.py"))
    files += sorted(p for p in LEXICONS_DIR.rglob("*") if p.is_file())
    files.append(DATA_DIR / "frames.yml")
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(PROJECT_ROOT).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def _is_done(row: dict | None, item: ArticleInput, out: Path, pipeline: str) -> bool:
    if row is None or row["status"] != "ok" or row["content_hash"] != item.content_hash:
        return False
    if row.get("pipeline") != pipeline:
        return False
    from analysis.pipeline import FRAMES

    name = _file_name(item.article_id)
    return all((out / frame_name / name).exists() for frame_name in FRAMES)


# ---------------------------------------------------------------------------------------------
# Engines: each maps work over the items and yields manifest rows as articles finish


Engine = Callable[[Iterable[ArticleInput], Path], Iterator[dict]]


def local_engine(jobs: int) -> Engine:
    """Process pool of ``jobs`` workers (in this process when 1), at most 4 tasks per worker."""

    def run(items: Iterable[ArticleInput], out: Path) -> Iterator[dict]:
        if jobs == 1:
            for item in items:
                yield _extract_and_write(item, out)
            return
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            pending: set[Future] = set()
            for item in items:
                pending.add(pool.submit(_extract_and_write, item, out))
                if len(pending) >= 4 * jobs:  # bounded: memory stays flat however many
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    yield from (future.result() for future in done)
            for future in pending:
                yield future.result()

    return run


def dask_engine(scheduler: str | None, client: object | None = None) -> Engine:
    """See :mod:`analysis.corpus_dask`; imported only when asked, Dask is an optional extra."""
    from analysis.corpus_dask import engine

    return engine(scheduler, client)


# ---------------------------------------------------------------------------------------------
# The run


@dataclass
class Summary:
    """What a run did; ``exit_code`` is what the command returns."""

    articles: int = 0
    extracted: int = 0
    skipped: int = 0
    failed: int = 0
    words: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return EXIT_SOME_FAILED if self.failed else EXIT_OK

    def line(self) -> str:
        rate = self.words / self.seconds if self.seconds else 0.0
        return (
            f"{self.articles} articles: {self.extracted} extracted, {self.skipped} already done, "
            f"{self.failed} failed; {self.words:,} words in {self.seconds:.1f} s "
            f"({rate:,.0f} words/s)"
        )


def _prepare_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise CorpusError(f"{out}: --out exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CorpusError(f"{out}: --out cannot be created ({exc.strerror or exc})") from None
    for leftover in out.glob("*/.*.parquet.tmp"):  # from a run killed mid-write
        leftover.unlink()


def run(
    source: str | Path,
    out: str | Path,
    engine: Engine,
    force: bool = False,
    undated: bool = False,
    progress: bool | None = None,
) -> Summary:
    """Extract every article of SOURCE into OUT with ``engine``; see the module docstring.

    ``progress``: a tqdm bar (None = only when stderr is a terminal).
    """
    from tqdm import tqdm

    out, source = Path(out), Path(source)
    items = read_source(source, undated)  # raises CorpusError before anything is written
    _prepare_out(out)
    previous = {} if force else _read_manifest(out)
    pipeline = pipeline_fingerprint()
    summary = Summary()
    order: list[str] = []  # manifest order = source order
    rows: dict[str, dict] = {}
    started = time.perf_counter()
    bar = tqdm(
        total=count_source(source),
        unit="article",
        disable=not (sys.stderr.isatty() if progress is None else progress),
    )

    def todo() -> Iterator[ArticleInput]:
        for item in items:
            order.append(item.article_id)
            if _is_done(previous.get(item.article_id), item, out, pipeline):
                rows[item.article_id] = previous[item.article_id]
                summary.skipped += 1
                bar.update()
                continue
            yield item

    log = _Log(out / LOG)
    try:
        for row in engine(todo(), out):
            row["pipeline"] = pipeline
            log.add(row)
            rows[row["article_id"]] = row
            if row["status"] == "ok":
                summary.extracted += 1
                summary.words += row["words"]
            bar.update()
    finally:
        log.close()
        bar.close()
    summary.seconds = time.perf_counter() - started
    manifest = [rows[article_id] for article_id in order if article_id in rows]
    summary.articles = len(manifest)
    summary.failed = sum(row["status"] != "ok" for row in manifest)
    summary.failures = [f"{r['origin']}: {r['error']}" for r in manifest if r["status"] != "ok"]
    _atomic_write_table(pa.Table.from_pylist(manifest, schema=MANIFEST_SCHEMA), out / MANIFEST)
    (out / LOG).unlink(missing_ok=True)
    _remove_orphans(out, set(order))
    return summary


def _remove_orphans(out: Path, ids: set[str]) -> None:
    """Drop frame files of articles no longer in the source, so the folders match the manifest."""
    from analysis.pipeline import FRAMES

    for frame_name in FRAMES:
        for path in (out / frame_name).glob("*.parquet"):
            if path.stem not in ids:
                path.unlink()


def read_frame(out: str | Path, frame_name: str) -> pd.DataFrame:
    """One frame of a corpus folder, every article stacked (``article_id`` first)."""
    return pd.read_parquet(Path(out) / frame_name)


def read_manifest(out: str | Path) -> pd.DataFrame:
    """The manifest ``articles.parquet`` of a corpus folder."""
    return pd.read_parquet(Path(out) / MANIFEST)


# ---------------------------------------------------------------------------------------------
# Command line (registered in analysis.cli)


def add_parser(sub) -> None:
    """Register ``extract-corpus`` on the CLI's subparsers."""
    parser = sub.add_parser(
        "extract-corpus",
        help="write every frame of many articles as Parquet (one folder per frame)",
        description=(
            "SOURCE is a folder of .txt articles (.yml metadata beside them and/or a "
            "published.csv with columns id,published) or a JSON Lines file (id, text, published "
            "and any other metadata fields). Writes OUT/<frame>/<article id>.parquet for every "
            "frame and the manifest OUT/articles.parquet. Exit 0: all extracted; 1: some failed "
            "(see the manifest); 2: bad invocation."
        ),
    )
    parser.add_argument("source", type=Path, help="folder of .txt articles, or a .jsonl file")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="processes (default: all cores)"
    )
    parser.add_argument("--force", action="store_true", help="redo articles already done")
    parser.add_argument(
        "--undated", action="store_true", help="keep articles without a publication date"
    )
    parser.add_argument(
        "--engine", choices=("local", "dask"), default="local",
        help="local processes (default) or a Dask cluster (optional extra .[dask])",
    )
    parser.add_argument("--scheduler", help="Dask scheduler address (with --engine dask)")


def main(args) -> int:
    """Run ``extract-corpus`` from parsed arguments; returns the exit code."""
    try:
        if args.jobs < 1:
            raise CorpusError(f"--jobs {args.jobs}: needs at least 1")
        if args.engine == "dask":
            if not args.scheduler:
                raise CorpusError("--engine dask needs --scheduler ADDRESS")
            try:
                engine = dask_engine(args.scheduler)
            except ImportError:
                raise CorpusError(
                    "--engine dask needs the optional extra: pip install '.[dask]'"
                ) from None
            except OSError as exc:
                raise CorpusError(f"{args.scheduler}: cannot reach the scheduler ({exc})") from None
        elif args.scheduler:
            raise CorpusError("--scheduler goes with --engine dask")
        else:
            engine = local_engine(args.jobs)
        summary = run(args.source, args.out, engine, args.force, args.undated)
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INVOCATION
    print(summary.line())
    for failure in summary.failures[:10]:
        print(f"failed: {failure}", file=sys.stderr)
    if len(summary.failures) > 10:
        print(f"... and {len(summary.failures) - 10} more (see {MANIFEST})", file=sys.stderr)
    return summary.exit_code
