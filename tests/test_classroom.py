"""The classroom contract of notebooks 01-05: one parameters cell, tagged run instructions,
an exercise with solutions, and a notebook that runs on an article other than the seed."""

from __future__ import annotations

import ast
import re

import nbformat
import pytest
from nbclient import NotebookClient

from analysis import load_article
from analysis.classroom import article_label, credit, examples_with_gold, has_gold, no_gold
from analysis.paths import ARTICLES_DIR, NOTEBOOKS_DIR, SEED_ARTICLE

CLASSROOM = sorted(NOTEBOOKS_DIR.glob("0[1-5]_*.ipynb"))
RUN_INSTRUCTION = re.compile(r"`(?:make [a-z]|python -m |\.venv/bin/|jupyter |pytest)")


def tags(cell) -> list[str]:
    return cell.metadata.get("tags", [])


@pytest.fixture(scope="module", params=[p.name for p in CLASSROOM])
def notebook(request):
    return nbformat.read(NOTEBOOKS_DIR / request.param, as_version=4)


def test_five_classroom_notebooks():
    assert [p.name[:2] for p in CLASSROOM] == ["01", "02", "03", "04", "05"]


def test_one_parameters_cell_near_the_top_defines_article_and_published(notebook):
    found = [i for i, c in enumerate(notebook.cells) if "parameters" in tags(c)]
    assert len(found) == 1 and found[0] <= 2
    cell = notebook.cells[found[0]]
    assert cell.cell_type == "code"
    assigned = {node.targets[0].id: node.value for node in ast.parse(cell.source).body}
    assert set(assigned) == {"ARTICLE", "PUBLISHED"}
    assert all(isinstance(v, ast.Constant) and v.value is None for v in assigned.values())
    loads = [c for c in notebook.cells
             if "load_article(ARTICLE or SEED_ARTICLE, published=PUBLISHED)" in c.source]
    assert len(loads) == 1 and notebook.cells.index(loads[0]) > found[0]


def test_aim_and_contents_on_top_takeaway_and_exercise_at_the_end(notebook):
    top = notebook.cells[0].source
    assert top.startswith("# ") and "**Aim.**" in top and "**Contents**" in top
    exercises = [i for i, c in enumerate(notebook.cells) if "exercise" in tags(c)]
    assert len(exercises) == 1
    first = exercises[0]
    assert notebook.cells[first].source.startswith("## Exercise")
    assert "## Takeaway" in notebook.cells[first - 1].source
    rest = notebook.cells[first + 1:]
    assert rest and all("solution" in tags(c) for c in rest), "only solutions after the exercise"


def test_every_exercise_part_has_an_explanation_and_code_that_ran(notebook):
    exercise = next(c for c in notebook.cells if "exercise" in tags(c))
    parts = re.findall(r"^(\d)\. ", exercise.source, flags=re.MULTILINE)
    solutions = [c for c in notebook.cells if "solution" in tags(c)]
    explained = [c for c in solutions if c.cell_type == "markdown"]
    answered = {m for c in explained for m in re.findall(r"\*\*(\d)\. ", c.source)}
    assert answered == set(parts), f"exercise parts {parts}, solutions to {sorted(answered)}"
    code = [c for c in solutions if c.cell_type == "code"]
    assert len(code) >= len(parts)
    for cell in code:
        assert cell.execution_count, "a solution cell was never run"
        assert cell.outputs and not any(o.output_type == "error" for o in cell.outputs)


def test_run_instructions_only_in_operator_exercise_or_solution_cells(notebook):
    for cell in notebook.cells:
        if RUN_INSTRUCTION.search(cell.source):
            assert {"operator", "exercise", "solution"} & set(tags(cell)), cell.source[:120]
    operator = [c for c in notebook.cells if "operator" in tags(c)]
    assert len(operator) == 1 and "make lab" in operator[0].source


def test_classroom_helpers_name_the_article_from_its_metadata(seed, tmp_path):
    assert credit(seed) == "AFP, 14 March 2023"
    assert article_label(seed) == f"data/articles/{SEED_ARTICLE.name}"
    story = tmp_path / "story.txt"
    story.write_text("Officials met in Nairobi on Monday.\n", encoding="utf-8")
    other = load_article(story, published="2024-03-12")
    assert credit(other) == "story, 12 March 2024"  # no byline or outlet: the file's id
    assert article_label(other) == "story.txt"
    assert not has_gold(other, "actors.csv") and has_gold(seed, "actors.csv")
    assert "No hand-checked gold (actors.csv) for story.txt" in no_gold(other, "actors.csv")
    examples = examples_with_gold("relations.csv")
    assert SEED_ARTICLE not in examples and examples
    assert all(p.parent == ARTICLES_DIR and has_gold(load_article(p), "relations.csv")
               for p in examples)


# An invented article from another conflict: no gold, no matching reference figure, a date only
# through PUBLISHED. Every classroom notebook must run on it from its parameters cell.
INVENTED = """Kenya and Sudan agree to reopen border crossing

Kenyan President William Ruto met Sudan's army chief Abdel Fattah al-Burhan in Nairobi on \
Monday, the presidency said, as the two countries agreed to reopen a border crossing.

More than 12,000 people have been killed in Sudan's war, according to the United Nations, and \
at least 300,000 have fled to neighbouring countries.

Burhan has not visited Nairobi since September 2021. Ruto said Kenya was ready to mediate \
between the warring parties.
"""


@pytest.mark.parametrize("name", [p.name for p in CLASSROOM])
def test_notebook_runs_on_an_invented_article_from_its_parameters(name, tmp_path):
    story = tmp_path / "kenya-sudan.txt"
    story.write_text(INVENTED, encoding="utf-8")
    notebook = nbformat.read(NOTEBOOKS_DIR / name, as_version=4)
    at = next(i for i, c in enumerate(notebook.cells) if "parameters" in tags(c))
    # what papermill and `make brief` do: a cell after the parameters cell overrides them
    notebook.cells.insert(at + 1, nbformat.v4.new_code_cell(
        f"ARTICLE = {str(story)!r}\nPUBLISHED = '2024-03-12'"))
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS_DIR)}}).execute()
    text = "\n".join(
        o.get("text", "") + o.get("data", {}).get("text/plain", "")
        for c in notebook.cells if c.cell_type == "code" for o in c.outputs
    )
    assert "kenya-sudan" in text or "Kenya" in text  # the invented article was read
    if name.startswith(("02", "03", "04", "05")):
        assert "No hand-checked gold" in text  # said plainly, not scored against the seed's
