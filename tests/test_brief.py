"""The briefing pack: notebooks executed into build/, exported without code, indexed."""

from __future__ import annotations

import nbformat

from analysis import brief


def tiny_notebook(path, marker: str) -> None:
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell(f"# Tiny {marker}\n\nSome prose."),
            nbformat.v4.new_code_cell(f"secret_code_{marker} = 6 * 7\nprint('answer', 6 * 7)"),
        ]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(nb, path)


def test_brief_runs_notebooks_and_exports_html_without_code(tmp_path, capsys):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    tiny_notebook(notebooks / "01_tiny.ipynb", "one")
    committed = (notebooks / "01_tiny.ipynb").read_text()
    out = tmp_path / "build"
    assert brief.main(["--out", str(out), "--notebooks", str(notebooks), "--no-pdf"]) == 0
    page = (out / "brief" / "01_tiny.html").read_text()
    assert "answer 42" in page  # the output is there, computed in a fresh kernel
    assert "secret_code_one" not in page  # the code is not
    index = (out / "brief" / "index.html").read_text()
    assert 'href="01_tiny.html">Tiny one</a>' in index
    assert "sentences.csv" in index  # the seed's frames are listed with the notebooks
    assert (out / "notebooks" / "01_tiny.ipynb").exists()
    assert (notebooks / "01_tiny.ipynb").read_text() == committed  # committed copy untouched
    assert "briefing pack:" in capsys.readouterr().out


def test_brief_refuses_a_bad_article_before_running_anything(tmp_path, capsys):
    bad = tmp_path / "story.txt"
    bad.write_text("Officials met on Monday.\n")
    code = brief.main(["--out", str(tmp_path / "build"), "--article", str(bad), "--no-pdf",
                       "--notebooks", str(tmp_path)])
    assert code == 2
    assert "no publication date" in capsys.readouterr().err
    assert not (tmp_path / "build" / "brief").exists()
