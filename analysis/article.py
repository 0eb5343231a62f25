"""Load an article (plain text plus metadata) into an :class:`Article` with sentences and spans.

An article is a UTF-8 ``.txt`` file with paragraphs separated by blank lines, and optionally a
``.yml`` file of the same name beside it with its metadata (title, outlet, byline, dateline,
language, published, published_how, caption, address, license). The title line, when it is the
first paragraph, is the headline; a paragraph equal to the metadata ``caption`` is the photo
caption; a line such as ``— Paris (AFP)`` is the dateline. Everything else is body text.

Offsets everywhere in the package are offsets into :attr:`Article.text`, the file's text as
stored with three normalisations that readers expect: a UTF-8 byte-order mark is dropped,
``\\r\\n`` and ``\\r`` are read as ``\\n``, and the text is put in Unicode NFC (so a decomposed
"g" + combining breve is the one letter "ğ" that the lexicons spell). Every span is checked against
that text, never against the raw bytes.

Loading is defensive because the file comes from the user: only regular files are read (a FIFO or
a device is refused before it is opened, so nothing blocks), an article is at most
:data:`MAX_ARTICLE_BYTES` (configurable), metadata at most :data:`MAX_METADATA_BYTES` and only a
flat mapping of scalars, markup is recognised by its structure, and every pattern here runs in
time linear in the text. Every refusal is one :class:`ArticleError` line.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import yaml

from analysis.errors import ArticleError
from analysis.frames import make_frame
from analysis.sentences import split_spans

#: Columns of :attr:`Article.sentences`.
SENTENCE_COLUMNS = ("sentence_id", "paragraph", "kind", "start", "end", "text")
#: Columns of :attr:`Article.paragraphs`.
PARAGRAPH_COLUMNS = ("paragraph", "kind", "start", "end", "text")

#: Largest article read by default (bytes); ``load_article(max_bytes=...)`` and the CLI's
#: ``--max-bytes`` change it. Why: the extractors are linear, but a user should not wait minutes
#: to learn that a 10 MB file was not a news article.
MAX_ARTICLE_BYTES = 2 * 1024 * 1024  # 2 MiB
#: Largest ``.yml`` metadata file read (bytes): a dozen short fields fit many times over.
MAX_METADATA_BYTES = 65_536
#: Publication dates outside these years are refused: wire copy is not older than the telegraph
#: agencies, and date arithmetic at the ends of the calendar would overflow.
PUBLISHED_YEARS = (1900, 2100)

# Possessive quantifiers: the dashes and the space after them are taken whole, and the place
# cannot hold a parenthesis, so a failing line is given up after one pass (linear time).
_DATELINE = re.compile(r"^[—–-]++\s*+(?P<place>[^\n()]+)\((?P<agency>[A-Za-z]{2,12})\)\s*+$")
# Markup by structure: a declaration, a comment, or a tag "<name ...>" whose name follows "<"
# directly ("x < p" and "<10" are prose). The name's class and the class after it do not
# overlap, and neither crosses "<" or ">", so each character is scanned at most twice.
_DECLARATION = re.compile(r"<(?:!--|!\[CDATA\[|![A-Za-z]|\?[A-Za-z])")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*+)((?:[\s/][^<>]*+)?)>")
# Any character that shows: not white space (Unicode's, such as U+3000 and U+00A0) and not an
# invisible format character (zero-width spaces and joiners, bidi controls, BOM, soft hyphen).
_VISIBLE = re.compile(r"[^\s\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A block of lines: a line with text, then every following line that has text.
_BLOCK = re.compile(r"[^\n]+(?:\n[^\S\n]*+\S[^\n]*)*")


class Sentence(NamedTuple):
    """One row of :attr:`Article.sentences` as a plain tuple (``sentence.start``...)."""

    sentence_id: int
    paragraph: int
    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Article:
    """One article: its text, metadata, paragraphs and sentences.

    ``sentences`` has columns ``sentence_id`` (1, 2, … in reading order), ``paragraph``,
    ``kind`` (headline | caption | dateline | body), ``start``, ``end`` and ``text``
    (``text == article.text[start:end]``). ``sentence_rows`` holds the same rows as
    :class:`Sentence` tuples: the passes loop over them, which a DataFrame makes slow.
    """

    path: Path
    text: str
    metadata: dict = field(repr=False)
    published: date | None
    published_source: str
    paragraphs: pd.DataFrame = field(repr=False)
    sentences: pd.DataFrame = field(repr=False)
    sentence_rows: tuple[Sentence, ...] = field(default=(), repr=False, compare=False)

    @property
    def article_id(self) -> str:
        return self.path.stem

    @property
    def title(self) -> str | None:
        return self.metadata.get("title")

    @property
    def headline(self) -> str | None:
        rows = self.sentences[self.sentences["kind"] == "headline"]
        return None if rows.empty else rows["text"].iloc[0]

    @property
    def caption(self) -> str | None:
        rows = self.sentences[self.sentences["kind"] == "caption"]
        return None if rows.empty else rows["text"].iloc[0]

    @property
    def dateline(self) -> str | None:
        rows = self.sentences[self.sentences["kind"] == "dateline"]
        return None if rows.empty else rows["text"].iloc[0]

    @property
    def body(self) -> pd.DataFrame:
        """The sentences of the body text (no headline, caption or dateline)."""
        return self.sentences[self.sentences["kind"] == "body"].reset_index(drop=True)

    def sentence(self, sentence_id: int) -> str:
        """The text of one sentence."""
        row = self.sentences[self.sentences["sentence_id"] == sentence_id]
        if row.empty:
            raise KeyError(f"no sentence {sentence_id} in {self.path.name}")
        return row["text"].iloc[0]

    def sentence_at(self, offset: int) -> int:
        """The id of the sentence that contains character ``offset``."""
        hit = self.sentences[(self.sentences["start"] <= offset) & (self.sentences["end"] > offset)]
        if hit.empty:
            raise KeyError(f"offset {offset} is not inside a sentence of {self.path.name}")
        return int(hit["sentence_id"].iloc[0])

    def find(
        self, quote: str, sentence_id: int | None = None, occurrence: int = 0
    ) -> tuple[int, int]:
        """The ``(start, end)`` span of ``quote`` in the article, optionally within one sentence.

        ``occurrence`` picks the n-th match (0 = first). Raises ``KeyError`` when it is not there.
        """
        lo, hi = 0, len(self.text)
        if sentence_id is not None:
            row = self.sentences[self.sentences["sentence_id"] == sentence_id]
            if row.empty:
                raise KeyError(f"no sentence {sentence_id} in {self.path.name}")
            lo, hi = int(row["start"].iloc[0]), int(row["end"].iloc[0])
        pos = lo - 1
        for _ in range(occurrence + 1):
            pos = self.text.find(quote, pos + 1, hi)
            if pos < 0:
                where = f"sentence {sentence_id}" if sentence_id is not None else "the article"
                raise KeyError(f"{quote!r} is not in {where} of {self.path.name}")
        return pos, pos + len(quote)

    def quote(self, start: int, end: int) -> str:
        """The verbatim text at a span."""
        return self.text[start:end]


def _read_regular(path: Path, limit: int, what: str) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or one :class:`ArticleError`.

    Why ``stat`` first and ``O_NONBLOCK``: opening a FIFO with no writer blocks forever, and a
    device such as ``/dev/zero`` never ends; both are refused before a byte is read. The open
    descriptor is checked again, so a file swapped for a FIFO in between is refused as well.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ArticleError(path, "no such file") from None
    except OSError as exc:
        raise ArticleError(path, _os_problem(exc)) from None
    _check_kind(path, info, limit, what)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ArticleError(path, _os_problem(exc)) from None
    try:
        _check_kind(path, os.fstat(fd), limit, what)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise ArticleError(path, _os_problem(exc)) from None
    finally:
        os.close(fd)
    if size > limit:  # the file grew after stat
        raise ArticleError(path, f"is larger than the limit of {limit:,} bytes for {what}")
    return b"".join(chunks)


def _check_kind(path: Path, info: os.stat_result, limit: int, what: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        if what == "metadata":
            raise ArticleError(path, "is a directory and cannot be read as metadata")
        raise ArticleError(path, "is a directory, not an article text file")
    if not stat.S_ISREG(info.st_mode):
        kind = "a FIFO" if stat.S_ISFIFO(info.st_mode) else "a device or socket"
        raise ArticleError(path, f"is {kind}, not a regular file; only regular files are read")
    if info.st_size > limit:
        raise ArticleError(
            path, f"is {info.st_size:,} bytes, larger than the limit of {limit:,} for {what}"
        )


def _os_problem(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return "file name is too long"
    return f"cannot be read ({exc.strerror or type(exc).__name__})"


def _read_text(path: Path, max_bytes: int) -> str:
    raw = _read_regular(path, max_bytes, "an article")
    if not raw.strip():
        raise ArticleError(path, "is empty")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError(path, "is UTF-16 text; save it as UTF-8")
    if b"\x00" in raw:
        raise ArticleError(path, "contains NUL bytes: a binary file, not UTF-8 text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            path, f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8"
        ) from None
    if not _VISIBLE.search(text):
        raise ArticleError(path, "is empty (only white space or invisible characters)")
    markup = find_markup(text)
    if markup is not None:
        raise ArticleError(
            path, f"contains HTML markup ({markup!r}); give the article as plain text"
        )
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def find_markup(text: str) -> str | None:
    """The first piece of HTML/XML markup in ``text`` (shortened), or ``None`` for prose.

    Markup is recognised by its structure, not by a list of tag names: a declaration or comment
    (``<!doctype``, ``<!--``, ``<?xml``), a closing tag ``</name>``, a tag with attributes
    (``<svg onload=...>``, ``<a href="...">``), a self-closing ``<br/>`` or a bare ``<name>``.
    A "<" followed by a space, a digit or a sign (``x < p``, ``<10``) is prose.
    """
    declaration = _DECLARATION.search(text)
    if declaration:
        return text[declaration.start() : declaration.start() + 20]
    for match in _TAG.finditer(text):
        closing, rest = match.group(1), match.group(3)
        if closing or not rest or "=" in rest or rest.strip() == "/":
            return match.group(0)[:40]
    return None


def parse_published(value: object, source: Path | str) -> date:
    """Parse an ISO ``YYYY-MM-DD`` publication date, refusing impossible and future dates."""
    text = str(value).strip()
    if len(text) > 40:
        text = text[:37] + "..."
    if not _ISO_DATE.match(text):
        raise ArticleError(source, f"published date {text!r} is not of the form YYYY-MM-DD")
    try:
        parsed = date.fromisoformat(text)
    except ValueError:
        raise ArticleError(source, f"published date {text} does not exist") from None
    return check_published(parsed, source)


def check_published(value: date, source: Path | str) -> date:
    """``value`` if it is a plausible publication date: not in the future, within
    :data:`PUBLISHED_YEARS` (dates are resolved relative to it, which must not overflow)."""
    if value > date.today():
        raise ArticleError(source, f"published date {value.isoformat()} is in the future")
    low, high = PUBLISHED_YEARS
    if not low <= value.year <= high:
        raise ArticleError(
            source, f"published date {value.isoformat()} is outside the years {low}-{high}"
        )
    return value


class _MetadataLoader(yaml.BaseLoader):
    """YAML without tags, types or aliases: every value stays a string we validate ourselves.

    Aliases are refused outright, so an alias bomb (a billion laughs) cannot grow in memory.
    """

    def compose_node(self, parent, index):  # noqa: ANN001, ANN201 - PyYAML's signature
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in metadata", event.start_mark
            )
        return super().compose_node(parent, index)


def _read_metadata(path: Path) -> dict:
    meta_path = path.with_suffix(".yml")
    if not os.path.lexists(meta_path):
        return {}
    raw = _read_regular(meta_path, MAX_METADATA_BYTES, "metadata")
    try:
        meta = yaml.load(raw.decode("utf-8-sig"), Loader=_MetadataLoader)  # noqa: S506
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        problem = str(exc).splitlines()[0][:120]
        raise ArticleError(meta_path, f"is not valid YAML metadata ({problem})") from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise ArticleError(meta_path, "must be a mapping of metadata fields")
    for key, value in meta.items():
        if not isinstance(value, str):
            kind = "a list" if isinstance(value, list) else "a mapping"
            raise ArticleError(
                meta_path, f"field {str(key)[:40]!r} is {kind}; metadata fields are single values"
            )
    return {unicodedata.normalize("NFC", str(k)): unicodedata.normalize("NFC", v)
            for k, v in meta.items()}


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Blocks of non-blank lines; a dateline line inside a block is a paragraph of its own."""
    spans = []
    for match in _BLOCK.finditer(text):
        block_start = match.start()
        lines = match.group(0).split("\n")
        pos = block_start
        current_start = None
        for line in lines:
            line_start, line_end = pos, pos + len(line)
            if _DATELINE.match(line.strip()):
                if current_start is not None:
                    spans.append((current_start, line_start - 1))
                    current_start = None
                spans.append((line_start, line_end))
            elif current_start is None:
                current_start = line_start
            pos = line_end + 1
        if current_start is not None:
            spans.append((current_start, match.end()))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _kind(par_text: str, index: int, title: str, caption: str) -> str:
    """``title`` and ``caption`` come with their white space collapsed (once per article)."""
    stripped = " ".join(par_text.split())
    if index == 0 and title and stripped == title:
        return "headline"
    if caption and stripped == caption:
        return "caption"
    if _DATELINE.match(stripped):
        return "dateline"
    return "body"


def _published_argument(published: object, path: Path) -> date:
    if isinstance(published, datetime):  # a datetime is a date too; its time says nothing here
        published = published.date()
    if isinstance(published, date):
        return check_published(published, path)
    if isinstance(published, str):
        return parse_published(published, path)
    raise TypeError(
        f"published must be a 'YYYY-MM-DD' string or a date, not {type(published).__name__}"
    )


def _path_argument(path: object) -> Path:
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or a Path, not {type(path).__name__}")
    text = os.fspath(path)
    if not text.strip():
        raise ArticleError("''", "no file name given")
    if "\x00" in text:
        raise ArticleError(text, "is not a file name (it holds a NUL character); give a path")
    return Path(text)


def load_article(
    path: str | Path,
    published: str | date | None = None,
    *,
    max_bytes: int = MAX_ARTICLE_BYTES,
) -> Article:
    """Load an article text file (and its ``.yml`` metadata, if present).

    ``published`` (``YYYY-MM-DD`` or a ``date``; a ``datetime`` counts by its day) overrides the
    metadata's date. Without either, the article loads with ``published=None``; relative dates
    in it then stay unresolved. ``max_bytes`` is the largest file accepted.
    Raises :class:`ArticleError` (one line) for a missing, non-regular, too large, empty, binary,
    non-UTF-8 or HTML file, for metadata that is not a small flat mapping, and for a malformed,
    impossible, future or implausibly old date; ``TypeError`` for arguments of the wrong type.
    """
    path = _path_argument(path)
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int):
        raise TypeError(f"max_bytes must be an int, not {type(max_bytes).__name__}")
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be at least 1, not {max_bytes}")
    pub = None if published is None else _published_argument(published, path)
    text = _read_text(path, max_bytes)
    meta = _read_metadata(path)
    if pub is not None:
        pub_source = "command line"
    elif meta.get("published"):
        pub = parse_published(meta["published"], path.with_suffix(".yml"))
        pub_source = "metadata"
    else:
        pub_source = "unknown"

    title = " ".join(meta.get("title", "").split())
    caption = " ".join(meta.get("caption", "").split())
    paragraphs, sentences = [], []
    for index, (p_start, p_end) in enumerate(_paragraph_spans(text)):
        par_text = text[p_start:p_end]
        kind = _kind(par_text, index, title, caption)
        paragraphs.append(
            {"paragraph": index + 1, "kind": kind, "start": p_start, "end": p_end, "text": par_text}
        )
        if kind == "body":
            spans = split_spans(par_text, p_start)
        else:  # one sentence: the paragraph without the white space around it
            lead = len(par_text) - len(par_text.lstrip())
            spans = [(p_start + lead, p_start + len(par_text.rstrip()))]
        for s_start, s_end in spans:
            sentences.append(
                {
                    "sentence_id": len(sentences) + 1,
                    "paragraph": index + 1,
                    "kind": kind,
                    "start": s_start,
                    "end": s_end,
                    "text": text[s_start:s_end],
                }
            )
    return Article(
        path=path,
        text=text,
        metadata=meta,
        published=pub,
        published_source=pub_source,
        paragraphs=make_frame(paragraphs, PARAGRAPH_COLUMNS),
        sentences=make_frame(sentences, SENTENCE_COLUMNS),
        sentence_rows=tuple(Sentence(**row) for row in sentences),
    )
