"""Teacher and student editions of the notebooks (``make editions``).

The committed notebooks are the teacher edition: every exercise is followed by cells tagged
``solution`` (a markdown explanation and code that runs), checked by nbval like every other cell.
The student edition is the same notebooks with those cells removed by nbconvert's
``TagRemovePreprocessor``, so there is one source and the two editions cannot drift apart.
Neither edition is re-executed: the committed outputs are the ones nbval checks.

``python -m analysis.editions [--out DIR]`` writes ``DIR/teacher/*.ipynb|html`` and
``DIR/student/*.ipynb|html`` (default ``build/editions``).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from analysis.paths import NOTEBOOKS_DIR, PROJECT_ROOT

EDITIONS_DIR = PROJECT_ROOT / "build" / "editions"

#: Cells each edition leaves out, by tag.
REMOVED = {"teacher": frozenset(), "student": frozenset({"solution"})}


def edition(notebook, name: str):
    """A copy of ``notebook`` (an nbformat node) as edition ``name``: the tagged cells removed."""
    import copy

    from nbconvert.preprocessors import TagRemovePreprocessor

    result = copy.deepcopy(notebook)
    preprocessor = TagRemovePreprocessor(remove_cell_tags=set(REMOVED[name]), enabled=True)
    result, _ = preprocessor.preprocess(result, {})
    result.metadata["edition"] = name
    return result


#: nbconvert's page template loads require.js and MathJax from a public CDN; the notebooks use
#: neither (no widgets, no LaTeX), and a classroom may be offline, so those tags are dropped.
_REMOTE_SCRIPT = re.compile(r'<script[^>]*\ssrc="https?://[^"]*"[^>]*>\s*</script>\s*')


def export_html(notebook, target: Path) -> None:
    """The edition as a web page that works offline, code included (it is for the classroom,
    not a briefing)."""
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_notebook_node(notebook)
    target.write_text(_REMOTE_SCRIPT.sub("", body), encoding="utf-8")


def build_editions(notebooks: list[Path], out: Path, html: bool = True) -> dict[str, list[Path]]:
    """Write every notebook in both editions to ``out/<edition>/``; returns the files written."""
    import nbformat

    written: dict[str, list[Path]] = {name: [] for name in REMOVED}
    for path in notebooks:
        source = nbformat.read(path, as_version=4)
        for name in REMOVED:
            folder = out / name
            folder.mkdir(parents=True, exist_ok=True)
            result = edition(source, name)
            nbformat.write(result, folder / path.name)
            written[name].append(folder / path.name)
            if html:
                export_html(result, folder / path.with_suffix(".html").name)
                written[name].append(folder / path.with_suffix(".html").name)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.editions",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=EDITIONS_DIR,
                        help="folder for teacher/ and student/ (default build/editions)")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS_DIR, help=argparse.SUPPRESS)
    parser.add_argument("--no-html", action="store_true", help="write the .ipynb files only")
    args = parser.parse_args(argv)
    notebooks = sorted(args.notebooks.glob("[0-9]*.ipynb"))
    if not notebooks:
        print(f"{args.notebooks}: no numbered notebooks to export", file=sys.stderr)
        return 2
    try:
        written = build_editions(notebooks, args.out, html=not args.no_html)
    except OSError as exc:
        print(f"{args.out}: cannot write the editions ({exc.strerror or exc})", file=sys.stderr)
        return 2
    for name, files in written.items():
        print(f"{name} edition: {len(files)} files in {(args.out / name).resolve()}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
