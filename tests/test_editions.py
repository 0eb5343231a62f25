"""Teacher and student editions: one source, the solutions removed by tag for students."""

from __future__ import annotations

import nbformat

from analysis import editions
from analysis.paths import NOTEBOOKS_DIR


def tiny_notebook(path) -> None:
    def cell(kind, source, *tags):
        new = nbformat.v4.new_markdown_cell if kind == "md" else nbformat.v4.new_code_cell
        made = new(source)
        if tags:
            made.metadata["tags"] = list(tags)
        return made

    nb = nbformat.v4.new_notebook(cells=[
        cell("md", "# Tiny\n\n**Aim.** Count."),
        cell("code", "ARTICLE = None", "parameters"),
        cell("md", "## Exercise\n\n1. What is six times seven?", "exercise"),
        cell("md", "**1. Forty-two.** Multiply.", "solution"),
        cell("code", "answer_cell = 6 * 7", "solution"),
        cell("md", "A closing note."),
    ])
    nbformat.write(nb, path)


def test_student_edition_drops_the_solutions_and_keeps_everything_else(tmp_path):
    source = tmp_path / "notebooks"
    source.mkdir()
    tiny_notebook(source / "01_tiny.ipynb")
    out = tmp_path / "editions"
    assert editions.main(["--out", str(out), "--notebooks", str(source)]) == 0
    teacher = nbformat.read(out / "teacher" / "01_tiny.ipynb", as_version=4)
    student = nbformat.read(out / "student" / "01_tiny.ipynb", as_version=4)
    assert len(teacher.cells) == 6 and len(student.cells) == 4
    assert not any("solution" in c.metadata.get("tags", []) for c in student.cells)
    assert [c.source for c in student.cells] == [
        c.source for c in teacher.cells if "solution" not in c.metadata.get("tags", [])]
    assert student.metadata["edition"] == "student" and teacher.metadata["edition"] == "teacher"
    student_page = (out / "student" / "01_tiny.html").read_text()
    teacher_page = (out / "teacher" / "01_tiny.html").read_text()
    assert "answer_cell" in teacher_page and "answer_cell" not in student_page
    assert "What is six times seven?" in student_page
    for page in (student_page, teacher_page):
        assert 'src="https://' not in page and 'src="http://' not in page  # works offline
    # the source notebook is not touched
    assert len(nbformat.read(source / "01_tiny.ipynb", as_version=4).cells) == 6


def test_the_committed_notebooks_have_solutions_to_remove():
    for path in sorted(NOTEBOOKS_DIR.glob("0[1-5]_*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        student = editions.edition(notebook, "student")
        removed = len(notebook.cells) - len(student.cells)
        assert removed >= 4, f"{path.name}: only {removed} solution cells"
        assert any("exercise" in c.metadata.get("tags", []) for c in student.cells)


def test_no_notebooks_is_one_line_and_exit_2(tmp_path, capsys):
    assert editions.main(["--out", str(tmp_path / "out"), "--notebooks", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "no numbered notebooks" in err and len(err.strip().splitlines()) == 1
