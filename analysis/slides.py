"""Offline reveal.js slides of an executed notebook, cut where its cells' slide metadata says.

Why not nbconvert's reveal template: it loads require.js, jQuery, MathJax and reveal.js from
CDNs and wraps the slides in JupyterLab's page styles, which break reveal's layout. Here a slide
is plain HTML (markdown rendered, the outputs as they are: HTML, SVG, PNG or text) inside
reveal's own structure, reading ``reveal.js/`` copied beside the page, so the slides work with
the network off. Cell metadata ``slideshow.slide_type``: ``slide`` or ``subslide`` starts a new
slide, ``-`` or ``fragment`` continues it, ``skip`` and ``notes`` are left out.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

from analysis.paths import DATA_DIR

REVEAL_DIR = DATA_DIR / "vendor" / "reveal.js"

_STYLE = """
.reveal .slides { text-align: left; }
.reveal .slides section { font-size: 24px; line-height: 1.35; height: 700px; overflow-y: auto;
  padding-right: 12px; box-sizing: border-box; }
.reveal h1 { font-size: 44px; } .reveal h2 { font-size: 34px; margin-bottom: 12px; }
.reveal h1, .reveal h2, .reveal h3 { text-transform: none; text-align: left; }
.reveal p, .reveal li { margin: 6px 0; }
.reveal svg, .reveal img { width: 100%; max-height: 600px; height: auto; display: block;
  margin: 8px 0; }
.reveal table { font-size: 18px; border-collapse: collapse; margin: 8px 0; }
.reveal table th, .reveal table td { text-align: left; padding: 3px 10px; vertical-align: top;
  border-bottom: 1px solid #ddd; }
.reveal a.fn { font-size: 0.6em; vertical-align: super; }
.reveal a.anchor-link { display: none; }
.reveal ol.brief-article { font-size: 18px; }
.reveal .brief-source, .reveal .brief-note { color: #555; font-size: 16px; }
.reveal pre { font-size: 16px; box-shadow: none; }
"""


def _markdown(source: str) -> str:
    from nbconvert.filters import markdown2html

    return markdown2html(source)


def _output(output: dict) -> str:
    data = output.get("data", {})
    if output.get("output_type") == "stream":
        return "" if output.get("name") == "stderr" else f"<pre>{html.escape(output['text'])}</pre>"
    if "text/html" in data:
        return "".join(data["text/html"])
    if "image/svg+xml" in data:
        return "".join(data["image/svg+xml"])
    if "image/png" in data:
        return f'<img alt="chart" src="data:image/png;base64,{data["image/png"].strip()}">'
    if "text/plain" in data:
        return f"<pre>{html.escape(''.join(data['text/plain']))}</pre>"
    return ""


def slides(notebook, hidden: tuple[str, ...] = ()) -> list[str]:
    """The HTML of each slide, in order."""
    out: list[list[str]] = []
    for cell in notebook.cells:
        kind = cell.metadata.get("slideshow", {}).get("slide_type", "-")
        if kind in ("skip", "notes") or set(hidden) & set(cell.metadata.get("tags", [])):
            continue
        if kind in ("slide", "subslide") or not out:
            out.append([])
        if cell.cell_type == "markdown":
            out[-1].append(_markdown(cell.source))
        elif cell.cell_type == "code":
            out[-1].extend(_output(o) for o in cell.get("outputs", []))
    return ["".join(parts) for parts in out if any(p.strip() for p in parts)]


def write_slides(notebook, target: Path, title: str, hidden: tuple[str, ...] = ()) -> None:
    """``target`` (an HTML file) and ``reveal.js/`` beside it."""
    sections = "\n".join(f"<section>{body}</section>" for body in slides(notebook, hidden))
    target.write_text(
        "<!doctype html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1.0'>"
        f"<title>{html.escape(title)} (slides)</title>"
        "<link rel='stylesheet' href='reveal.js/dist/reveal.css'>"
        "<link rel='stylesheet' href='reveal.js/dist/theme/white.css'>"
        f"<style>{_STYLE}</style></head><body>"
        f"<div class='reveal'><div class='slides'>\n{sections}\n</div></div>"
        "<script src='reveal.js/dist/reveal.js'></script><script>"
        "Reveal.initialize({hash: true, center: false, transition: 'none', slideNumber: 'c/t',"
        " width: 1200, height: 760, margin: 0.04});</script></body></html>\n",
        encoding="utf-8",
    )
    shutil.copytree(REVEAL_DIR, target.parent / "reveal.js", dirs_exist_ok=True)
