"""Exported tables: numbers grouped and right-aligned, codes left as they are, dicts spelled out."""

from __future__ import annotations

import pandas as pd

from analysis.exports import tidy_tables


def test_tables_are_tidied_for_print():
    frame = pd.DataFrame({
        "measure": ["killed", "displaced"],
        "low": [450000, 12],
        "sentence_id": [12345, 3],
        "roles": ["{'host': 'A', 'guest': 'B'}", "{}"],
    })
    page = tidy_tables(frame.to_html())
    assert '<td class="num">450,000</td>' in page
    assert '<td class="num">12</td>' in page
    assert '<td class="num">12345</td>' in page  # an id is a code, not a quantity
    assert "<td>host: A; guest: B</td>" in page and "{'host'" not in page
    assert "<td>killed</td>" in page  # text cells untouched, no class
    assert '<th class="num">low</th>' in page


def test_other_html_is_left_alone():
    page = "<p>450000 people {'a': 1}</p><table><tr><td>450000</td></tr></table><img alt=\"x\"/>"
    assert tidy_tables(page) == page


def test_charts_get_their_sections_heading_as_alternative_text():
    page = ('<h2>The timeline<a class="anchor-link">¶</a></h2><p>x</p>'
            '<img alt="No description has been provided for this image" src="a.svg">')
    assert 'alt="Chart: The timeline"' in tidy_tables(page)
