"""Load an article (plain text plus metadata) into an :class:`Article` with sentences and spans.

An article is a UTF-8 ``.txt`` file with paragraphs separated by blank lines, and optionally a
``.yml`` file of the same name beside it with its metadata (title, outlet, byline, dateline,
language, published, published_how, caption, address, license). The title line, when it is the
first paragraph, is the headline; a paragraph equal to the metadata ``caption`` is the photo
caption; a line such as ``— Paris (AFP)`` is the dateline. Everything else is body text.

Offsets everywhere in the package are offsets into :attr:`Article.text`, the file's text exactly
as stored (only a UTF-8 byte-order mark is dropped and ``\\r\\n`` read as ``\\n``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
import yaml

from analysis.errors import ArticleError
from analysis.frames import make_frame
from analysis.sentences import split_spans

#: Columns of :attr:`Article.sentences`.
SENTENCE_COLUMNS = ("sentence_id", "paragraph", "kind", "start", "end", "text")
#: Columns of :attr:`Article.paragraphs`.
PARAGRAPH_COLUMNS = ("paragraph", "kind", "start", "end", "text")

_DATELINE = re.compile(r"^[—–-]+\s*(?P<place>[^\n()]+?)\s*\((?P<agency>[A-Za-z]{2,12})\)\s*$")
_HTML = re.compile(
    r"<(?:!doctype|html|head|body|div|p|span|script|style|meta|a\s+href|br|table)\b",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Article:
    """One article: its text, metadata, paragraphs and sentences.

    ``sentences`` has columns ``sentence_id`` (1, 2, … in reading order), ``paragraph``,
    ``kind`` (headline | caption | dateline | body), ``start``, ``end`` and ``text``
    (``text == article.text[start:end]``).
    """

    path: Path
    text: str
    metadata: dict = field(repr=False)
    published: date | None
    published_source: str
    paragraphs: pd.DataFrame = field(repr=False)
    sentences: pd.DataFrame = field(repr=False)

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


def _read_text(path: Path) -> str:
    if not path.exists():
        raise ArticleError(path, "no such file")
    if path.is_dir():
        raise ArticleError(path, "is a directory, not an article text file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ArticleError(path, f"cannot be read ({exc.strerror or exc})") from None
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
    if _HTML.search(text):
        raise ArticleError(path, "contains HTML markup; give the article as plain text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_published(value: object, source: Path | str) -> date:
    """Parse an ISO ``YYYY-MM-DD`` publication date, refusing impossible and future dates."""
    text = str(value).strip()
    if not _ISO_DATE.match(text):
        raise ArticleError(source, f"published date {text!r} is not of the form YYYY-MM-DD")
    try:
        parsed = date.fromisoformat(text)
    except ValueError:
        raise ArticleError(source, f"published date {text} does not exist") from None
    if parsed > date.today():
        raise ArticleError(source, f"published date {text} is in the future")
    return parsed


def _read_metadata(path: Path) -> dict:
    meta_path = path.with_suffix(".yml")
    if not meta_path.exists():
        return {}
    try:
        # BaseLoader keeps every value a string: dates are validated by us, not by YAML.
        meta = yaml.load(meta_path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        problem = str(exc).splitlines()[0]
        raise ArticleError(meta_path, f"is not valid YAML metadata ({problem})") from None
    except OSError as exc:  # a folder or an unreadable file named like the metadata
        raise ArticleError(meta_path, f"cannot be read ({exc.strerror or exc})") from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise ArticleError(meta_path, "must be a mapping of metadata fields")
    return {str(k): v for k, v in meta.items()}


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Blocks of non-blank lines; a dateline line inside a block is a paragraph of its own."""
    spans = []
    for match in re.finditer(r"[^\n]+(?:\n[^\n]*\S[^\n]*)*", text):
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


def _kind(par_text: str, index: int, meta: dict) -> str:
    stripped = " ".join(par_text.split())
    title = " ".join(str(meta.get("title", "")).split())
    caption = " ".join(str(meta.get("caption", "")).split())
    if index == 0 and title and stripped == title:
        return "headline"
    if caption and stripped == caption:
        return "caption"
    if _DATELINE.match(stripped):
        return "dateline"
    return "body"


def load_article(path: str | Path, published: str | date | None = None) -> Article:
    """Load an article text file (and its ``.yml`` metadata, if present).

    ``published`` (``YYYY-MM-DD``) overrides the metadata's date. Without either, the article
    loads with ``published=None``; relative dates in it then stay unresolved.
    Raises :class:`ArticleError` for a missing, empty, binary, non-UTF-8 or HTML file, and for a
    malformed, impossible or future date.
    """
    path = Path(path)
    text = _read_text(path)
    meta = _read_metadata(path)
    if published is not None:
        pub = published if isinstance(published, date) else parse_published(published, path)
        if pub > date.today():
            raise ArticleError(path, f"published date {pub.isoformat()} is in the future")
        pub_source = "command line"
    elif meta.get("published"):
        pub = parse_published(meta["published"], path.with_suffix(".yml"))
        pub_source = "metadata"
    else:
        pub, pub_source = None, "unknown"

    paragraphs, sentences = [], []
    for index, (p_start, p_end) in enumerate(_paragraph_spans(text)):
        par_text = text[p_start:p_end]
        kind = _kind(par_text, index, meta)
        paragraphs.append(
            {"paragraph": index + 1, "kind": kind, "start": p_start, "end": p_end, "text": par_text}
        )
        spans = [(p_start, p_end)] if kind != "body" else split_spans(par_text, p_start)
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
    )
