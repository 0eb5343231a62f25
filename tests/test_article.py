"""Loading articles: structure, spans and the errors a user sees for bad input."""

from __future__ import annotations

import hashlib
import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from analysis.article import load_article
from analysis.errors import ArticleError
from analysis.paths import ARTICLES_DIR, SEED_ARTICLE

#: SHA-256 of the shipped seed text: the raw article is immutable, checked with or without the
#: shared seed folder beside the checkout.
SEED_SHA256 = "506228627724e2fdf167b36a07e02c1c666d4b47a6fffc9e8f5699df4dcd7d56"


def test_seed_text_is_unchanged():
    assert hashlib.sha256(SEED_ARTICLE.read_bytes()).hexdigest() == SEED_SHA256


def test_seed_text_is_the_shared_seed_minus_page_furniture():
    seeds = sorted((Path(__file__).resolve().parents[2] / "shared" / "seeds").glob("*.txt"))
    if not seeds:
        # Only the checksum above can vouch for the text then; CI always has the folder.
        assert not os.environ.get("CI"), "the shared seed folder is missing in CI"
        pytest.skip("the shared seed folder is not beside this checkout (checksum checked)")
    original = seeds[0].read_text(encoding="utf-8")
    assert original.startswith("Skip to main content\n\n")
    assert SEED_ARTICLE.read_text(encoding="utf-8") == original[len("Skip to main content\n\n"):]


def test_seed_structure(seed):
    kinds = seed.sentences["kind"].tolist()
    assert kinds[:3] == ["headline", "caption", "dateline"]
    assert set(kinds[3:]) == {"body"}
    assert seed.headline == seed.title
    assert seed.caption.startswith("Syria's President Bashar al-Assad")
    assert seed.dateline == "— Moscow (AFP)"
    assert seed.published == date(2023, 3, 14)
    assert seed.published_source == "metadata"
    # one sentence per body paragraph in this article
    body = seed.body
    assert body["paragraph"].is_unique
    assert body["text"].iloc[-1].endswith("when he also met Putin.")


def test_every_sentence_sits_at_its_span(seed, example):
    for article in (seed, example):
        for row in article.sentences.itertuples():
            assert article.text[row.start : row.end] == row.text
            assert row.text == row.text.strip()
        assert article.sentences["sentence_id"].tolist() == list(
            range(1, len(article.sentences) + 1)
        )


def test_find_returns_the_span_of_a_quote(seed):
    start, end = seed.find("the Kremlin said")
    assert seed.text[start:end] == "the Kremlin said"
    sid = seed.sentence_at(start)
    assert "Russian President Vladimir Putin will hold talks" in seed.sentence(sid)
    second = seed.find("Moscow", occurrence=1)
    assert second[0] > seed.find("Moscow")[0]
    with pytest.raises(KeyError):
        seed.find("not in the article")


def write(tmp_path: Path, name: str, data: bytes | str, meta: str | None = None) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    if meta is not None:
        path.with_suffix(".yml").write_text(meta, encoding="utf-8")
    return path


TEXT = "Officials met in the capital on Monday. They said talks would go on.\n"


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"  \n\n ", "is empty"),
        ("latin1.txt", "Erdoğan a dit".encode("iso-8859-9"), "is not UTF-8 text"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        ("utf16.txt", "Talks went on.".encode("utf-16"), "is UTF-16 text; save it as UTF-8"),
        ("page.txt", b"<!DOCTYPE html><html><body><p>News</p></body></html>", "HTML markup"),
        ("div.txt", b"Some text <div class='x'>more</div>", "HTML markup"),
    ],
)
def test_bad_files_raise_one_clear_error(tmp_path, name, data, problem):
    path = write(tmp_path, name, data)
    with pytest.raises(ArticleError) as info:
        load_article(path)
    message = str(info.value)
    assert message.startswith(str(path) + ": ")
    assert problem in message
    assert "\n" not in message


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        load_article(tmp_path / "missing.txt")
    with pytest.raises(ArticleError, match="is a directory"):
        load_article(tmp_path)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2023-02-30", "does not exist"),
        ("14 March 2023", "not of the form YYYY-MM-DD"),
        ("2023-3-14", "not of the form YYYY-MM-DD"),
        ("TOMORROW", "in the future"),
    ],
)
def test_bad_published_dates(tmp_path, value, problem):
    if value == "TOMORROW":  # evaluated when the test runs, not when it is collected
        value = (date.today() + timedelta(days=2)).isoformat()
    path = write(tmp_path, "story.txt", TEXT)
    with pytest.raises(ArticleError, match=problem):
        load_article(path, published=value)
    dated = write(tmp_path, "dated.txt", TEXT, meta=f"published: {value}\n")
    with pytest.raises(ArticleError, match=problem) as info:
        load_article(dated)
    assert str(info.value).startswith(str(dated.with_suffix(".yml")))


def test_plain_text_with_date_on_the_side(tmp_path):
    path = write(tmp_path, "story.txt", "\ufeff" + TEXT.replace("\n", "\r\n"))
    article = load_article(path, published="2020-01-06")
    assert article.published == date(2020, 1, 6)
    assert article.published_source == "command line"
    assert article.headline is None and article.caption is None
    assert article.sentences["text"].tolist() == [
        "Officials met in the capital on Monday.",
        "They said talks would go on.",
    ]


def test_undated_article_loads_without_a_date(tmp_path):
    article = load_article(write(tmp_path, "story.txt", TEXT))
    assert article.published is None
    assert article.published_source == "unknown"


def test_broken_metadata_is_reported(tmp_path):
    path = write(tmp_path, "story.txt", TEXT, meta="title: [unclosed\n")
    with pytest.raises(ArticleError, match="not valid YAML"):
        load_article(path)


def test_unreadable_metadata_is_reported(tmp_path):
    path = write(tmp_path, "story.txt", TEXT)
    path.with_suffix(".yml").mkdir()
    with pytest.raises(ArticleError, match="cannot be read") as info:
        load_article(path)
    assert str(info.value).startswith(str(path.with_suffix(".yml")))


def test_examples_have_metadata_dates():
    for path in sorted(ARTICLES_DIR.glob("*.txt")):
        assert load_article(path).published is not None, path.name


@pytest.mark.parametrize(
    ("line", "is_dateline"),
    [
        ("— Moscow (AFP)", True),
        ("-  Paris  (Reuters) ", True),
        ("–Ankara (AP)", True),
        ("— (AFP)", False),
        ("-" * 3000 + "x", False),
        ("-" + " " * 3000 + "x", False),
        ("— Moscow (A)", False),
    ],
)
def test_dateline_lines(tmp_path, line, is_dateline):
    article = load_article(write(tmp_path, "story.txt", f"{line}\n{TEXT}"))
    assert (article.dateline == line.strip()) is is_dateline
