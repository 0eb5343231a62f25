"""Tables in exported pages made readable on paper, after the notebook has run.

Why after, not in the notebooks: the notebooks keep pandas' plain tables (nbval compares them
as text), while a reader of the exported page wants numbers with thousands separators aligned
right, text aligned left, and no raw Python dict or list. This pass rewrites the ``dataframe``
tables of an HTML page and touches nothing else.
"""

from __future__ import annotations

import ast
import re

_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_FORMATTED = re.compile(r"^-?[\d,]+(?:\.\d+)?%?$|^(?:<NA>|NaN|nan|None|)$")
#: Columns whose integers are codes, offsets or years, never grouped with commas.
_CODES = re.compile(r"(?:^|_)(?:id|ids|start|end|year|paragraph|first_sentence)$|^$")


def _grouped(value: str) -> str:
    if not _NUMBER.match(value):
        return value
    number = float(value)
    if abs(number) < 10000:
        return value
    return f"{number:,.0f}" if number == int(number) else f"{number:,.2f}"


def _readable(value: str) -> str:
    """A cell holding a Python dict or list as 'key: value; key: value' / 'a, b'."""
    text = value.strip()
    if not text or text[0] not in "{[" or text[-1] not in "}]":
        return value
    try:
        parsed = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return value
    if isinstance(parsed, dict):
        return "; ".join(f"{k}: {v}" for k, v in parsed.items())
    if isinstance(parsed, list | tuple):
        return ", ".join(str(v) for v in parsed)
    return value


#: The alternative text nbconvert gives an image that has none.
_NO_ALT = "No description has been provided for this image"


def tidy_tables(page: str) -> str:
    """Number columns right-aligned (class ``num``) with thousands separators, dicts and lists
    spelled out, in every pandas table of ``page``; each chart without alternative text gets
    the heading of its section as one ("Chart: The timeline")."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    for image in soup.find_all("img", alt=_NO_ALT):
        heading = image.find_previous(["h1", "h2", "h3"])
        title = heading.get_text(" ", strip=True).rstrip("¶").strip() if heading else ""
        image["alt"] = f"Chart: {title}" if title else "Chart"
    for table in soup.find_all("table", class_="dataframe"):
        header = table.find("thead")
        names = [th.get_text(strip=True) for th in header.find_all("tr")[-1].find_all("th")] \
            if header else []
        rows = [tr.find_all(["td", "th"]) for tr in table.find("tbody").find_all("tr")] \
            if table.find("tbody") else []
        width = max((len(r) for r in rows), default=0)
        for col in range(width):
            cells = [r[col] for r in rows if len(r) > col and r[col].name == "td"]
            if not cells:
                continue
            texts = [c.get_text() for c in cells]
            numeric = all(_FORMATTED.match(t.strip()) for t in texts) and any(
                t.strip() for t in texts)
            name = names[col] if col < len(names) else ""
            for cell, value in zip(cells, texts, strict=True):
                if numeric:
                    cell["class"] = [*cell.get("class", []), "num"]
                    if not _CODES.search(name):
                        cell.string = _grouped(value.strip())
                else:
                    readable = _readable(value)
                    if readable != value:
                        cell.string = readable
            if numeric and col < len(names):
                th = header.find_all("tr")[-1].find_all("th")[col]
                th["class"] = [*th.get("class", []), "num"]
    return str(soup)
