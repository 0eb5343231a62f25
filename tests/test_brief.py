"""make brief's code path: parameters injected, notebooks run for one article into
build/<article-id>/, the briefing, handout and slides exported offline, failures one line."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from analysis import brief, plotting
from analysis.paths import ARTICLES_DIR, NOTEBOOKS_DIR, PROJECT_ROOT, SEED_ARTICLE

INVENTED = Path(__file__).parent / "data" / "invented-2024-05-20-andes-border-talks.txt"
SHIPPED = sorted(ARTICLES_DIR.glob("*.txt"))
#: Attributes that would load something over the network.
REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


def tiny_notebook(path, marker: str, body: str | None = None) -> None:
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell(f"# Tiny {marker}\n\nSome prose."),
            nbformat.v4.new_code_cell("ARTICLE = None\nPUBLISHED = None",
                                      metadata={"tags": ["parameters"]}),
            nbformat.v4.new_code_cell(body or f"secret_code_{marker} = 6 * 7\n"
                                      "print('answer', 6 * 7, 'article', ARTICLE)"),
        ]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(nb, path)


def test_parameters_are_injected_after_the_parameters_cell():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# T"),
        nbformat.v4.new_code_cell("ARTICLE = None", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("print(ARTICLE)"),
    ])
    brief.inject_parameters(nb, {"ARTICLE": "a b;c.txt", "PUBLISHED": None})
    assert [c.metadata.get("tags", []) for c in nb.cells] == [
        [], ["parameters"], ["injected-parameters"], []]
    assert "ARTICLE = 'a b;c.txt'\nPUBLISHED = None" in nb.cells[2].source
    nbformat.validate(nb)


def test_brief_runs_notebooks_for_the_article_and_exports_html_without_code(tmp_path, capsys):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    tiny_notebook(notebooks / "01_tiny.ipynb", "one")
    committed = (notebooks / "01_tiny.ipynb").read_text()
    out = tmp_path / "build"
    code = brief.main(["--out", str(out), "--notebooks", str(notebooks), "--no-pdf",
                       "--article", str(INVENTED)])
    assert code == 0
    pack = out / INVENTED.stem
    page = (pack / "notebooks" / "01_tiny.html").read_text()
    assert f"answer 42 article {INVENTED}" in page  # computed for the article, fresh kernel
    assert "secret_code_one" not in page  # the code is not shown
    index = (pack / "index.html").read_text()
    assert 'href="notebooks/01_tiny.html">Tiny one</a>' in index
    assert "Ecuador&#x27;s Quiroga to hold border talks" in index  # the article is named
    assert "sentences.csv" in index and (pack / "frames" / "figures.csv").exists()
    assert (notebooks / "01_tiny.ipynb").read_text() == committed  # committed copy untouched
    assert [p.name for p in out.iterdir()] == [INVENTED.stem]  # no temporary folder left
    assert "briefing pack:" in capsys.readouterr().out


def test_a_failing_notebook_is_one_line_and_keeps_the_previous_build(tmp_path, capsys):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    tiny_notebook(notebooks / "01_tiny.ipynb", "one")
    out = tmp_path / "build"
    assert brief.main(["--out", str(out), "--notebooks", str(notebooks), "--no-pdf"]) == 0
    before = (out / SEED_ARTICLE.stem / "notebooks" / "01_tiny.html").read_text()
    tiny_notebook(notebooks / "02_broken.ipynb", "two", body="x = 1\n1 / 0")
    capsys.readouterr()
    assert brief.main(["--out", str(out), "--notebooks", str(notebooks), "--no-pdf"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "Traceback" not in err
    assert "02_broken.ipynb, cell 3 (x = 1): ZeroDivisionError" in err
    assert (out / SEED_ARTICLE.stem / "notebooks" / "01_tiny.html").read_text() == before
    assert not (out / SEED_ARTICLE.stem / "notebooks" / "02_broken.html").exists()
    assert [p.name for p in out.iterdir()] == [SEED_ARTICLE.stem]


def test_brief_refuses_a_bad_article_before_running_anything(tmp_path, capsys):
    bad = tmp_path / "story.txt"
    bad.write_text("Officials met on Monday.\n")
    code = brief.main(["--out", str(tmp_path / "build"), "--article", str(bad), "--no-pdf",
                       "--notebooks", str(tmp_path)])
    assert code == 2
    assert "no publication date" in capsys.readouterr().err
    assert not (tmp_path / "build").exists() or not any((tmp_path / "build").iterdir())


def test_make_brief_quotes_the_article_path():
    make = shutil.which("make")
    if make is None:
        pytest.fail("make is not installed")
    odd = "my folder/a;b $(x) 'c'.txt"
    dry = subprocess.run([make, "-n", "--no-print-directory", "-C", str(PROJECT_ROOT), "brief",
                          f"ARTICLE={odd}",
                          "PUBLISHED=2024-01-02", "PAPER=letter"],
                         capture_output=True, text=True, check=True).stdout
    line = next(ln for ln in dry.splitlines() if "analysis.brief" in ln)
    assert '--article "$ARTICLE" --published "$PUBLISHED" --paper "$PAPER"' in line
    assert odd not in line  # the value reaches the program through the environment only


def _build(tmp_path, article: Path, only: list[str] | None = None, pdf: bool = False) -> Path:
    args = ["--out", str(tmp_path), "--article", str(article)]
    args += [] if pdf else ["--no-pdf"]
    args += ["--only", *only] if only else []
    assert brief.main(args) == 0
    return tmp_path / article.stem


def _check_briefing(pack: Path) -> str:
    page = (pack / "briefing.html").read_text()
    assert not REMOTE.search(page), "the briefing loads something from the network"
    for hidden in ("make brief ARTICLE", "Exercise", "Solution (teacher)"):
        assert hidden not in page  # operator notes, exercises and solutions are not exported
    assert "In brief" in page and 'class="brief-article"' in page
    assert 'data-mime-type="application/vnd.jupyter.stderr"' not in page  # no warnings shown
    ids = set(re.findall(r'id="s(\d+)"', page))
    assert set(re.findall(r'href="#s(\d+)"', page)) <= ids  # every footnote has its sentence
    charts = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', page)
    assert charts, "the briefing's charts are SVG"
    for chart in charts:
        svg = base64.b64decode(chart).decode()
        width = float(re.search(r'<svg[^>]*width="([\d.]+)pt"', svg).group(1))
        assert width <= plotting.PRINT_WIDTH * 72 + 1, "a chart wider than the printed column"
        sizes = [float(x) for x in re.findall(r"font-size: ([\d.]+)px", svg)]
        assert sizes and min(sizes) >= plotting.MIN_FONT, f"text below 8 pt: {min(sizes)}"
    slides = (pack / "slides.html").read_text()
    assert not REMOTE.search(slides)
    assert re.search(r"""src=["']reveal\.js/dist/reveal\.js["']""", slides)
    assert (pack / "reveal.js" / "dist" / "reveal.js").exists()
    assert (pack / "reveal.js" / "LICENSE").exists()
    assert slides.count("<section") > 5  # one slide per section, not one scrolling page
    return page


@pytest.mark.parametrize("article", [p for p in SHIPPED if p != SEED_ARTICLE] + [INVENTED],
                         ids=lambda p: p.stem)
def test_briefing_notebook_runs_on_every_article(tmp_path, article):
    """Notebook 06 through make brief's code path on each shipped article and on an invented
    one from another conflict with no reference figures."""
    pack = _build(tmp_path, article, only=["06"])
    page = _check_briefing(pack)
    if article == INVENTED:
        assert "No reference figure in data/reference/figures.csv" in page
        assert "more than 12,000 people" in page


def test_full_build_of_the_seed_with_pdfs(tmp_path):
    """All six notebooks for the seed, with the PDFs when Chromium is there."""
    pack = _build(tmp_path, SEED_ARTICLE, pdf=True)
    _check_briefing(pack)
    names = {p.name for p in (pack / "notebooks").glob("*.html")}
    assert names == {p.with_suffix(".html").name for p in NOTEBOOKS_DIR.glob("[0-9]*.ipynb")
                     if brief.reads_one_article(p)}
    index = (pack / "index.html").read_text()
    for href in ("briefing.html", "slides.html", "notebooks/01_the_article.html"):
        assert f'href="{href}"' in index
    if brief.find_browser():
        for pdf in ("briefing.pdf", "handout.pdf"):
            assert (pack / pdf).read_bytes()[:5] == b"%PDF-"
            assert f'href="{pdf}"' in index
        pages = _pdf_pages(pack / "handout.pdf")
        assert pages in (None, 1), f"the handout has {pages} pages"
        assert _pdf_size(pack / "briefing.pdf") in (None, "595 x 842")  # A4 by default


def test_letter_paper_is_an_option(tmp_path):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# T")])
    brief.export_html(notebook, tmp_path / "a.html", template="briefing",
                      resources={"brief": {"paper": brief.PAPERS["letter"]}})
    assert "size: letter;" in (tmp_path / "a.html").read_text()
    brief.export_html(notebook, tmp_path / "b.html", template="briefing")
    assert "size: A4;" in (tmp_path / "b.html").read_text()


def test_full_build_of_the_invented_article(tmp_path):
    pack = _build(tmp_path, INVENTED)
    _check_briefing(pack)
    notebooks = [p for p in NOTEBOOKS_DIR.glob("[0-9]*.ipynb") if brief.reads_one_article(p)]
    assert len(notebooks) >= 6 and len(list((pack / "notebooks").glob("*.html"))) == len(notebooks)
    for path in (pack / "notebooks").glob("*.ipynb"):  # each ran with the article injected
        injected = [c for c in nbformat.read(path, as_version=4).cells
                    if "injected-parameters" in c.metadata.get("tags", [])]
        assert len(injected) == 1 and f"ARTICLE = {str(INVENTED)!r}" in injected[0].source


def test_tex_like_metadata_is_printed_as_text(tmp_path):
    """A title such as ``$\\undefinedmacro{x}$`` is never read as math in charts or HTML."""
    story = tmp_path / "tex-2024-05-20.txt"
    story.write_text(INVENTED.read_text().replace("Brazil has offered",
                                                  "Brazil ($\\undefinedmacro{x}$) has offered"))
    meta = INVENTED.with_suffix(".yml").read_text().replace(
        "outlet: Example News Agency (XNA)", "outlet: 'Example $\\undefinedmacro{x}$ Agency'")
    story.with_suffix(".yml").write_text(meta)
    pack = _build(tmp_path / "build", story, only=["06"])
    page = _check_briefing(pack)
    assert "Example $\\undefinedmacro{x}$ Agency" in page
    executed = nbformat.read(pack / "notebooks" / "06_briefing.ipynb", as_version=4)
    for cell in executed.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error"
            assert output.get("name") != "stderr", output.get("text")


def _pdf_size(path: Path) -> str | None:
    info = shutil.which("pdfinfo")
    if info is None:
        return None
    out = subprocess.run([info, str(path)], capture_output=True, text=True).stdout
    found = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", out, re.MULTILINE)
    return f"{float(found[1]):.0f} x {float(found[2]):.0f}" if found else None


def _pdf_pages(path: Path) -> int | None:
    info = shutil.which("pdfinfo")
    if info is None:
        return None
    out = subprocess.run([info, str(path)], capture_output=True, text=True).stdout
    found = re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE)
    return int(found.group(1)) if found else None


def test_an_article_with_nothing_to_chart_still_briefs(tmp_path):
    """No meeting, figure, relation or place: every section says so plainly and carries on."""
    story = tmp_path / "quiet-2024-02-01.txt"
    story.write_text("Quiet day in the capital\n\nNothing much happened on Tuesday, residents "
                     "said.\n")
    args = ["--out", str(tmp_path / "build"), "--article", str(story), "--published",
            "2024-02-01", "--no-pdf", "--only", "06"]
    assert brief.main(args) == 0
    page = (tmp_path / "build" / story.stem / "briefing.html").read_text()
    for said in ("The article reports no meeting between named actors.",
                 "The article gives no casualty or displacement figures.",
                 "The article dates no meetings or events.",
                 "The article names no place this map can show.",
                 "The article states no alliances or enmities"):
        assert said in page


def test_an_interrupted_build_leaves_no_trace(tmp_path, capsys, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(brief, "build", interrupted)
    out = tmp_path / "build"
    assert brief.main(["--out", str(out), "--no-pdf"]) == 130
    assert capsys.readouterr().err.strip() == (
        "error: interrupted; the previous build is untouched")
    assert not any(out.iterdir())


def test_only_notebooks_about_one_article_go_into_a_pack():
    """07 reads a corpus (its parameters cell sets CORPUS), so an article's pack leaves it out."""
    chosen = {p.name[:2] for p in NOTEBOOKS_DIR.glob("[0-9]*.ipynb") if brief.reads_one_article(p)}
    assert {"01", "02", "03", "04", "05", "06"} <= chosen
    assert "07" not in chosen
