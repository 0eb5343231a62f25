"""The main job: run every notebook in a fresh kernel and export a briefing pack.

``python -m analysis.brief`` (what ``make brief`` runs):

1. writes the frames of the seed article (and of ``--article``, if given) as CSV files to
   ``build/frames/<article>/`` — the same files ``python -m analysis extract`` writes;
2. executes each notebook of ``notebooks/`` top to bottom in a fresh kernel into
   ``build/notebooks/`` (the committed notebooks are not touched);
3. exports each executed notebook as HTML without code cells to ``build/brief/`` and writes
   ``build/brief/index.html`` linking them with their titles;
4. prints each page to PDF as well when a Chromium browser is installed (``--no-pdf`` skips it);
   without one it says so and goes on, since the HTML is the briefing and the PDF a copy of it.

Notebooks that brief "the article under study" read it from the environment variables
``BRIEF_ARTICLE`` and ``BRIEF_PUBLISHED``, which ``--article``/``--published`` set.
"""

from __future__ import annotations

import argparse
import html
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from analysis.errors import ArticleError
from analysis.paths import NOTEBOOKS_DIR, PROJECT_ROOT, SEED_ARTICLE

BUILD_DIR = PROJECT_ROOT / "build"


def _title(notebook) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return "Untitled"


def execute_notebook(path: Path, out_dir: Path, timeout: int = 600):
    """Execute one notebook in a fresh kernel (cwd = notebooks/) and save the result."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=timeout, kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    out_dir.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, out_dir / path.name)
    return notebook


def export_html(notebook, target: Path) -> None:
    """HTML without code cells or prompts: what a briefing audience sees."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(notebook)
    target.write_text(body, encoding="utf-8")


BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_browser() -> str | None:
    """A headless-capable Chromium on PATH, if any."""
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def print_pdf(browser: str, page: Path, target: Path, timeout: int = 120) -> bool:
    """Print an HTML page to PDF with headless Chromium; False (and a message) if it fails.

    The flags keep Chromium from reaching for the network, which this tool never needs.
    """
    with tempfile.TemporaryDirectory() as profile:
        command = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", "--no-pdf-header-footer",
            f"--print-to-pdf={target}", page.resolve().as_uri(),
        ]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=timeout)
        except (subprocess.SubprocessError, OSError) as exc:
            print(f"{page.name}: PDF not written ({type(exc).__name__})", file=sys.stderr)
            return False
    return target.exists()


def write_index(entries: list[tuple[str, str]], frames: list[Path], target: Path) -> None:
    items = "\n".join(
        f'<li><a href="{html.escape(href)}">{html.escape(title)}</a></li>'
        for href, title in entries
    )
    frame_items = "\n".join(
        f'<li><a href="{html.escape(os.path.relpath(p, target.parent))}">'
        f"{html.escape(p.parent.name)}/{html.escape(p.name)}</a></li>"
        for p in frames
    )
    target.write_text(
        "<!doctype html><html><head><meta charset='utf-8'><title>Briefing pack</title>"
        "<style>body{font-family:sans-serif;max-width:48em;margin:2em auto;line-height:1.5}"
        "</style></head><body><h1>The article as data: briefing pack</h1>"
        "<p>Each page is a notebook run top to bottom in a fresh kernel, shown without code."
        " Every figure and table points back to the article sentence it comes from.</p>"
        f"<h2>Notebooks</h2><ol>{items}</ol><h2>Frames (CSV)</h2><ul>{frame_items}</ul>"
        "</body></html>",
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m analysis.brief", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--article", type=Path, help="also brief this article (.txt)")
    parser.add_argument("--published", help="its publication date, YYYY-MM-DD")
    parser.add_argument("--out", type=Path, default=BUILD_DIR, help="build folder (default build/)")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS_DIR, help=argparse.SUPPRESS)
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF copies")
    args = parser.parse_args(argv)

    from analysis.cli import extract

    articles = [SEED_ARTICLE] + ([args.article.resolve()] if args.article else [])
    frame_files: list[Path] = []
    for article in articles:
        target = args.out / "frames" / article.stem
        published = args.published if article != SEED_ARTICLE else None
        try:
            extract(article, target, published, undated=False)
        except ArticleError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        frame_files += sorted(target.glob("*.csv"))
    if args.article:
        os.environ["BRIEF_ARTICLE"] = str(args.article.resolve())
        if args.published:
            os.environ["BRIEF_PUBLISHED"] = args.published

    brief_dir = args.out / "brief"
    brief_dir.mkdir(parents=True, exist_ok=True)
    entries = []
    for path in sorted(args.notebooks.glob("[0-9]*.ipynb")):
        print(f"executing {path.name} ...", flush=True)
        notebook = execute_notebook(path, args.out / "notebooks")
        html_name = path.with_suffix(".html").name
        export_html(notebook, brief_dir / html_name)
        entries.append((html_name, _title(notebook)))
    write_index(entries, frame_files, brief_dir / "index.html")
    browser = None if args.no_pdf else find_browser()
    if browser:
        written = [print_pdf(browser, brief_dir / href, (brief_dir / href).with_suffix(".pdf"))
                   for href, _ in entries]
        print(f"PDF copies: {sum(written)} of {len(entries)} pages")
    elif not args.no_pdf:
        print("PDF copies skipped: no Chromium browser found (e.g. apt-get install chromium)")
    print(f"briefing pack: {(brief_dir / 'index.html').resolve()}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
