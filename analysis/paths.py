"""Where the project's files live, anchored on the package (never on the working directory)."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_ROOT / "data"
ARTICLES_DIR = DATA_DIR / "articles"
LEXICONS_DIR = DATA_DIR / "lexicons"
ANNOTATIONS_DIR = DATA_DIR / "annotations"
REFERENCE_DIR = DATA_DIR / "reference"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"

#: The article every notebook starts from; its file name is data (``data/articles/SEED``).
SEED_ARTICLE = ARTICLES_DIR / (ARTICLES_DIR / "SEED").read_text(encoding="utf-8").strip()


def gold_dir(article_id: str | None) -> Path:
    """The folder of an article's hand-checked gold.

    Every article's, the seed's included, is the sub-folder of ``data/annotations`` named by
    its id (the text file's stem), so one rule serves every frame; ``None`` means the seed.
    """
    return ANNOTATIONS_DIR / (SEED_ARTICLE.stem if article_id is None else article_id)


def gold_file(article_id: str | None, name: str) -> Path:
    """An article's hand-checked gold file ``name`` (e.g. ``"figures.csv"``)."""
    return gold_dir(article_id) / name


def article_file(article_id: str) -> Path:
    """The text file of an article in ``data/articles`` by its id (the file's stem)."""
    return ARTICLES_DIR / f"{article_id}.txt"
