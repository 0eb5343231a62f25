"""The main job: run every notebook on one article and export a briefing pack for it.

``python -m analysis.brief [--article PATH] [--published YYYY-MM-DD]`` (what ``make brief``
runs) writes ``build/<article-id>/``:

- ``index.html`` naming the article and linking everything below;
- ``briefing.html`` (notebook 06 without code, operator notes or exercises), ``briefing.pdf``
  and the one-page ``handout.pdf`` (when a Chromium browser is installed);
- ``slides.html``, reveal.js slides of the briefing, with reveal.js copied beside them so they
  work with the network off;
- ``notebooks/``: each notebook executed for the article, as ``.ipynb`` and as HTML;
- ``frames/``: the article's frames as CSV files.

Each notebook gets the article through its cell tagged ``parameters`` (the papermill
convention): a cell tagged ``injected-parameters`` setting ``ARTICLE`` and ``PUBLISHED`` is
inserted after it. Everything is built in a temporary folder beside the target and swapped in
only when every step succeeded, so a failure leaves the previous build as it was; it prints one
line naming the notebook and the cell.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from analysis.errors import ArticleError
from analysis.exports import tidy_tables
from analysis.paths import NOTEBOOKS_DIR, PROJECT_ROOT, SEED_ARTICLE
from analysis.slides import write_slides

BUILD_DIR = PROJECT_ROOT / "build"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
#: The notebook that becomes the briefing, the handout and the slides.
BRIEFING_NOTEBOOK = "06_briefing.ipynb"
#: Cells an audience never sees: run instructions, exercises and their solutions.
HIDDEN_TAGS = ("operator", "exercise", "solution", "parameters", "injected-parameters",
               "handout-only")
PAPERS = {"a4": "A4", "letter": "letter"}


class BriefError(Exception):
    """A step of the build failed; the message is the one line the user sees."""


@dataclass(frozen=True)
class Target:
    """The article a pack is about, as the notebooks receive it."""

    path: Path
    published: str | None
    article_id: str
    title: str
    date: str = ""
    outlet: str = ""


# --------------------------------------------------------------------------- parameters


def inject_parameters(notebook, values: dict[str, object]) -> None:
    """Insert a cell tagged ``injected-parameters`` after the cell tagged ``parameters``.

    The papermill convention, without papermill: the defaults stay visible in the notebook and
    the injected values, written as Python literals, override them. A notebook without a
    parameters cell gets the injected cell first.
    """
    import nbformat

    source = "# Parameters injected by make brief\n" + "".join(
        f"{name} = {value!r}\n" for name, value in values.items()
    )
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    at = next((i + 1 for i, c in enumerate(notebook.cells)
               if "parameters" in c.metadata.get("tags", [])), 0)
    notebook.cells.insert(at, cell)


# --------------------------------------------------------------------------- execution


def _kernel_manager(folder: Path):
    """A kernel talking over local IPC sockets: nothing listens on TCP, and the kernel has no
    reason to warn about unencrypted TCP traffic."""
    from jupyter_client.manager import KernelManager

    return KernelManager(kernel_name="python3", transport="ipc", ip=str(folder / "kernel"))


def execute_notebook(notebook, workdir: Path, timeout: int = 600):
    """Execute a notebook in a fresh kernel (cwd ``workdir``); raises :class:`BriefError` with
    the failing cell's number and error."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    with tempfile.TemporaryDirectory() as sockets:
        manager = _kernel_manager(Path(sockets))
        client = NotebookClient(notebook, timeout=timeout, km=manager,
                                resources={"metadata": {"path": str(workdir)}})
        try:
            client.execute()
        except (CellExecutionError, CellTimeoutError) as exc:
            cells = [c for c in notebook.cells
                     if "injected-parameters" not in c.metadata.get("tags", [])]
            index = next((i for i, c in enumerate(cells) if _failed(c)), None)
            where = "a cell"
            if index is not None:  # numbered as in the committed notebook, with its first line
                first = next((ln for ln in cells[index].source.splitlines() if ln.strip()), "")
                where = f"cell {index + 1} ({first.strip()[:60]})"
            name = getattr(exc, "ename", type(exc).__name__)
            value = " ".join(str(getattr(exc, "evalue", "")).split())[:200]
            raise BriefError(f"{where}: {name}: {value}".rstrip(": ")) from None
        finally:  # a kernel manager passed in is not shut down by nbclient itself
            if manager.has_kernel:
                manager.shutdown_kernel(now=False)
    return notebook


def _failed(cell) -> bool:
    return any(o.get("output_type") == "error" for o in cell.get("outputs", []))


# --------------------------------------------------------------------------- exports


def _exporter(template: str | None = None, remove: tuple[str, ...] = ()):
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.remove_cell_tags = set(remove)
    config.TagRemovePreprocessor.enabled = True
    options = {"config": config, "exclude_input": True, "exclude_input_prompt": True,
               "exclude_output_prompt": True}
    if template:
        options["extra_template_basedirs"] = [str(TEMPLATES_DIR)]
        options["template_name"] = template
    exporter = HTMLExporter(**options)
    exporter.register_preprocessor(TagRemovePreprocessor(config=config), enabled=True)
    return exporter


def export_html(notebook, target: Path, remove: tuple[str, ...] = ("injected-parameters",),
                template: str = "offline", resources: dict | None = None) -> None:
    """HTML without code or prompts, without the cells tagged ``remove``, loading nothing from
    the network (no MathJax: text from an article is never read as math)."""
    body, _ = _exporter(template, remove).from_notebook_node(
        notebook, resources=resources or {})
    target.write_text(tidy_tables(body), encoding="utf-8")


def handout_notebook(notebook):
    """The cells tagged ``handout`` only: summary, one chart, the timeline and the sources."""
    import copy

    handout = copy.deepcopy(notebook)
    keep = {"handout", "handout-only"}
    handout.cells = [c for c in handout.cells if keep & set(c.metadata.get("tags", []))]
    return handout


BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_browser() -> str | None:
    """A headless-capable Chromium on PATH, if any."""
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def print_pdf(browser: str, page: Path, target: Path, timeout: int = 180) -> bool:
    """Print an HTML page to PDF with headless Chromium; False (and a message) if it fails.

    The page's print stylesheet sets paper size, margins and page numbers. The flags keep
    Chromium from reaching for the network, which this tool never needs.
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


def _title(notebook) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return "Untitled"


def write_index(target: Target, folder: Path, pages: list[tuple[str, str]],
                frames: list[Path]) -> None:
    """``index.html``: the article named at the top, then every page of the pack."""
    def link(href: str, label: str) -> str:
        exists = (folder / href).exists()
        text = html.escape(label)
        return (f'<li><a href="{html.escape(href)}">{text}</a></li>' if exists
                else f"<li>{text} (not built: no Chromium browser found)</li>")

    main = "".join(link(h, t) for h, t in [
        ("briefing.html", "Briefing (web page)"), ("briefing.pdf", "Briefing (PDF)"),
        ("handout.pdf", "One-page handout (PDF)"), ("slides.html", "Slides (offline)"),
    ])
    notebooks = "".join(link(h, t) for h, t in pages)
    frame_items = "".join(
        f'<li><a href="frames/{html.escape(p.name)}">{html.escape(p.name)}</a></li>'
        for p in frames
    )
    published = html.escape(target.date or "date unknown")
    outlet = f"{html.escape(target.outlet)}, " if target.outlet else ""
    folder.joinpath("index.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Briefing pack: {html.escape(target.title)}</title>"
        "<style>body{font-family:sans-serif;max-width:48em;margin:2em auto;line-height:1.5;"
        "padding:0 1em}code{background:#f3f3f3}</style></head><body>"
        f"<h1>Briefing pack</h1><p class='article'><strong>{html.escape(target.title)}</strong>"
        f"<br>{outlet}published {published} · article "
        f"<code>{html.escape(target.article_id)}</code></p>"
        f"<h2>For the audience</h2><ul>{main}</ul>"
        "<h2>The notebooks, run on this article</h2>"
        "<p>Each notebook run top to bottom in a fresh kernel, shown without code.</p>"
        f"<ol>{notebooks}</ol><h2>Frames (CSV)</h2><ul>{frame_items}</ul></body></html>",
        encoding="utf-8",
    )


# --------------------------------------------------------------------------- the build


def resolve_target(article: Path | None, published: str | None) -> Target:
    """Load the article once to check it (one-line :class:`ArticleError` otherwise)."""
    from analysis.article import load_article

    path = (article or SEED_ARTICLE).resolve()
    loaded = load_article(path, published=published)
    if loaded.published is None:
        raise ArticleError(path, "no publication date: add 'published: YYYY-MM-DD' to "
                           f"{path.with_suffix('.yml').name} or pass --published YYYY-MM-DD")
    title = str(loaded.title or loaded.headline or path.stem)
    return Target(path, published, path.stem, " ".join(title.split()),
                  loaded.published.isoformat(), str(loaded.metadata.get("outlet") or ""))


def build(target: Target, folder: Path, notebooks: list[Path], paper: str = "a4",
          pdf: bool = True) -> None:
    """Every page of the pack for ``target`` into ``folder`` (which exists and is empty)."""
    import nbformat

    from analysis.article import load_article
    from analysis.pipeline import extract_all

    frames_dir = folder / "frames"
    frames_dir.mkdir()
    for name, frame in extract_all(load_article(target.path, target.published)).items():
        frame.to_csv(frames_dir / f"{name}.csv", index=False)
    values = {"ARTICLE": None if target.path == SEED_ARTICLE.resolve() else str(target.path),
              "PUBLISHED": target.published}
    (folder / "notebooks").mkdir()
    pages, briefing = [], None
    css = {"paper": PAPERS[paper]}
    for path in notebooks:
        print(f"executing {path.name} ...", flush=True)
        notebook = nbformat.read(path, as_version=4)
        inject_parameters(notebook, values)
        try:
            execute_notebook(notebook, path.parent)
        except BriefError as exc:
            raise BriefError(f"{path.name}, {exc}") from None
        nbformat.write(notebook, folder / "notebooks" / path.name)
        page = f"notebooks/{path.with_suffix('.html').name}"
        export_html(notebook, folder / page, resources={"brief": css})
        pages.append((page, _title(notebook)))
        if path.name == BRIEFING_NOTEBOOK:
            briefing = notebook
    if briefing is not None:
        export_html(briefing, folder / "briefing.html", HIDDEN_TAGS, "briefing",
                    {"brief": css})
        export_html(handout_notebook(briefing), folder / "handout.html",
                    tuple(t for t in HIDDEN_TAGS if t != "handout-only"), "handout",
                    {"brief": css})
        write_slides(briefing, folder / "slides.html", target.title, HIDDEN_TAGS)
        browser = find_browser() if pdf else None
        if browser:
            for name in ("briefing", "handout"):
                print_pdf(browser, folder / f"{name}.html", folder / f"{name}.pdf")
        elif pdf:
            print("PDF copies skipped: no Chromium browser found (e.g. apt-get install chromium)")
    write_index(target, folder, pages, sorted(frames_dir.glob("*.csv")))


def swap_in(new: Path, final: Path) -> None:
    """Replace ``final`` by ``new`` with two renames in one folder (the old build is removed
    only once the new one is in place)."""
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}.old-{os.getpid()}")
        final.rename(old)
    new.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def reads_one_article(path: Path) -> bool:
    """Whether a notebook studies one article: its cell tagged ``parameters`` sets ``ARTICLE``.

    Why: a pack is about one article; a notebook across a corpus (``CORPUS = …``) would show the
    shipped corpus in every article's pack, so it is left out of ``make brief``.
    """
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook.get("cells", []):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            source = "".join(cell.get("source", []))
            return any(line.split("=")[0].strip() == "ARTICLE" for line in source.splitlines())
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m analysis.brief", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--article", type=Path,
                        help="the article to brief (.txt); default the seed")
    parser.add_argument("--published", help="its publication date, YYYY-MM-DD")
    parser.add_argument("--out", type=Path, default=BUILD_DIR, help="build folder (default build/)")
    parser.add_argument("--paper", choices=sorted(PAPERS), default="a4",
                        help="paper size of the PDFs (default a4)")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS_DIR, help=argparse.SUPPRESS)
    parser.add_argument("--only", nargs="*", help=argparse.SUPPRESS)  # tests: some notebooks
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF copies")
    args = parser.parse_args(argv)

    try:
        target = resolve_target(args.article, args.published or None)
    except ArticleError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    notebooks = [p for p in sorted(args.notebooks.glob("[0-9]*.ipynb")) if reads_one_article(p)]
    if args.only:
        notebooks = [p for p in notebooks if any(p.name.startswith(o) for o in args.only)]
    final = args.out / target.article_id
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{target.article_id}.", dir=args.out))
    except OSError as exc:
        print(f"error: {args.out}: cannot be written ({exc.strerror or exc})", file=sys.stderr)
        return 2
    try:
        work.chmod(0o755)  # mkdtemp makes it private; the pack is for reading
        build(target, work, notebooks, args.paper, pdf=not args.no_pdf)
        swap_in(work, final)
    except BriefError as exc:
        shutil.rmtree(work, ignore_errors=True)
        print(f"error: {exc}; the previous build is untouched", file=sys.stderr)
        return 1
    except Exception as exc:  # a failing export or write: still one line, old build kept
        shutil.rmtree(work, ignore_errors=True)
        message = " ".join(str(exc).split())[:200]
        print(f"error: {type(exc).__name__}: {message}; the previous build is untouched",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        shutil.rmtree(work, ignore_errors=True)
        print("error: interrupted; the previous build is untouched", file=sys.stderr)
        return 130
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    print(f"briefing pack: {(final / 'index.html').resolve()}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
