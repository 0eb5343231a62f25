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
