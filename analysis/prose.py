"""Sentences a notebook renders from its frames, so prose about an output cannot go stale.

A notebook that writes "the lead and sentence 12 come next" in a markdown cell states an output
nothing checks; rendered here from the frame (``display(Markdown(...))``), the sentence is part of
the cell's output and nbval compares it on every run, on any article.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis.summary import thousands


def listed(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c' ('' for none)."""
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _span(values: list[int]) -> str:
    low, high = min(values), max(values)
    return f"{low}" if low == high else f"{low}–{high}"


def describe_lengths(words: pd.Series, names: Mapping[int, str] | None = None,
                     top: int = 3, then: int = 3) -> str:
    """Prose for a sentence-length chart, from its data (``plotting.words_per_sentence``):
    the ``top`` longest sentences, then the ``then`` next ones and every sentence tied with the
    last of them, so no sentence of the same length is left out. ``names`` labels sentence ids
    ("the lead")."""
    names = names or {}

    def label(sid: int, words: int | None = None) -> str:
        notes = [names[sid]] if sid in names else []
        notes += [f"{words} words"] if words is not None else []
        return f"{sid} ({'; '.join(notes)})" if notes else f"{sid}"

    if words.empty:
        return "The article has no sentences."
    ordered = words.sort_values(ascending=False, kind="stable")
    longest = ordered.iloc[:top]
    text = "The longest " + ("sentence is " if len(longest) == 1 else "sentences are ") + listed(
        [label(int(s), int(n)) for s, n in longest.items()]) + "."
    rest = ordered.iloc[top:]
    if rest.empty:
        return text
    cutoff = rest.iloc[min(then, len(rest)) - 1]
    following = rest[rest >= cutoff].sort_index()
    ids = [label(int(s)) for s in following.index]
    verb = "comes" if len(ids) == 1 else "come"
    noun = "sentence" if len(ids) == 1 else "sentences"
    return (f"{text} Next {verb} {noun} {listed(ids)}, at "
            f"{_span([int(n) for n in following])} words.")


def counted(frame: pd.DataFrame, column: str) -> str:
    """'4 year, 3 count and 1 pronoun': a column's values with their counts, most frequent first
    (ties in order of first appearance)."""
    counts = frame[column].value_counts(sort=False)
    order = sorted(counts.index, key=lambda v: -counts[v])
    return listed([f"{counts[v]} {v}" for v in order])


def range_words(low: object, best: object, high: object) -> str:
    """A figure's range in words: '6,300 to 7,700', 'at least 40', 'at most 30', '12'."""
    if pd.isna(low) and pd.isna(high):
        return "no range" if pd.isna(best) else thousands(best)
    if pd.isna(high):
        return f"at least {thousands(low)}"
    if pd.isna(low):
        return f"at most {thousands(high)}"
    return thousands(low) if low == high else f"{thousands(low)} to {thousands(high)}"


def describe_figures(figures: pd.DataFrame, numbers: pd.DataFrame) -> str:
    """The figures an article gives, each with its measure and range, and whether a year or a
    date of ``numbers`` (``find_quantities`` with spans) was read as a figure."""
    if figures.empty:
        return "The article gives no casualty or displacement figure."
    items = [f"\u201c{row['quote']}\u201d ({row['measure']}, "
             f"{range_words(row['low'], row['best'], row['high'])})"
             for row in figures.to_dict("records")]
    noun = "figure" if len(items) == 1 else "figures"
    dates = numbers[numbers["role"].isin(["year", "date"])]
    slipped = [d for d in dates.to_dict("records")
               if ((figures["start"] < d["end"]) & (d["start"] < figures["end"])).any()]
    check = ("No year or date is read as a figure." if not slipped else
             f"{len(slipped)} year or date phrases are read inside a figure: check them.")
    return f"The article gives {len(items)} {noun}: {listed(items)}. {check}"


def describe_naming(counts: pd.DataFrame, top: int = 3) -> str:
    """How the most mentioned actors are named, from a mentions-by-how table (one row per actor,
    one column per way of naming, as ``actor_tables.mentions_by_how`` gives)."""
    if counts.empty:
        return "No actor is mentioned."
    totals = counts.sum(axis=1).sort_values(ascending=False, kind="stable").iloc[:top]
    parts = []
    for actor, total in totals.items():
        row = counts.loc[actor]
        how = row[row > 0].sort_values(ascending=False, kind="stable")
        ways = listed([f"{n} by {w}" for w, n in how.items()])
        parts.append(f"{actor}: {int(total)} mentions ({ways})")
    return "The most mentioned actors, and how the text names them — " + "; ".join(parts) + "."
