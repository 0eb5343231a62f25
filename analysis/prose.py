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


def _number(value: object) -> str:
    """0.9, 1, 0.85: a score or confidence without trailing zeros."""
    return f"{float(value):g}"


def describe_front(sentences: pd.DataFrame) -> str:
    """What comes before the body ('a headline, a caption and a dateline (sentences 1–3)'),
    from the sentences frame's ``kind``."""
    body = sentences[sentences["kind"] == "body"]
    first = int(body["sentence_id"].min()) if not body.empty else None
    front = sentences if first is None else sentences[sentences["sentence_id"] < first]
    if front.empty:
        return "The text starts with its body: no headline, caption or dateline is recognised."
    kinds = [f"a {k}" for k in front["kind"]]
    ids = [int(s) for s in front["sentence_id"]]
    where = f"sentence {ids[0]}" if len(ids) == 1 else f"sentences {_span(ids)}"
    return f"Before the body come {listed(kinds)} ({where})."


def describe_ranges(frame: pd.DataFrame, by: str, column: str) -> str:
    """'name 0.95–1, metonymy 0.85–0.9 and coreference 0.6–0.7': the range of ``column`` in
    each group of ``by``, highest first (ties in order of first appearance)."""
    if frame.empty:
        return ""
    groups = frame.groupby(by, sort=False)[column].agg(["min", "max"])
    order = sorted(groups.index, key=lambda g: (-groups.loc[g, "max"], -groups.loc[g, "min"]))
    parts = []
    for group in order:
        low, high = groups.loc[group, "min"], groups.loc[group, "max"]
        span = _number(low) if low == high else f"{_number(low)}–{_number(high)}"
        parts.append(f"{group} {span}")
    return listed(parts)


def quoted_examples(frame: pd.DataFrame, text: str = "text", n: int = 2) -> str:
    """The first ``n`` distinct texts of ``frame`` with their sentence:
    '“Kenyan” (sentence 4) and “Ethiopian” (sentence 6)'; '' when there are none."""
    seen: dict[str, int] = {}
    for row in frame.sort_values(["sentence_id"], kind="stable").to_dict("records"):
        seen.setdefault(row[text], int(row["sentence_id"]))
        if len(seen) == n:
            break
    return listed([f"\u201c{t}\u201d (sentence {s})" for t, s in seen.items()])


def describe_comparison(beside: pd.DataFrame) -> str:
    """One bullet per article figure: its range, then the reference figures inside it,
    overlapping it, below and above it (``position_against_article``'s ``position``), each with
    its source, value and as-of date, and its status when not confirmed."""
    if beside.empty:
        return "No reference figure is set beside the article's figures."
    where = {"inside": "Inside its range", "overlaps": "Overlapping it (open-ended)",
             "below": "Below it", "above": "Above it"}
    bullets = []
    for group, rows in beside.groupby("group", sort=False):
        own = rows[rows["ref_id"] == ""]
        refs = rows[rows["ref_id"] != ""]
        text = f"* **{group}**"
        if not own.empty:
            mine = own.iloc[0]
            wording = str(mine["label"]).split(": ", 1)[-1]
            text += (f" — the article's {wording}: "
                     f"{range_words(mine['low'], mine['best'], mine['high'])}.")
        for position, label in where.items():
            hits = refs[refs["position"] == position]
            if hits.empty:
                continue
            items = []
            for ref in hits.to_dict("records"):
                status = "" if ref["status"] == "confirmed" else f", {ref['status']}"
                value = range_words(ref["low"], ref["best"], ref["high"])
                items.append(f"{ref['who']} {value} ({ref['as_of']}{status})")
            text += f" {label}: {listed(items)}."
        bullets.append(text)
    return "\n".join(bullets)


def describe_wordings(phrases: pd.DataFrame, values: list[float], what: str) -> str:
    """How many of ``values`` (reference counts) the range of each wording holds: a wide range
    holds almost any count, so no count can contradict it. ``phrases`` is
    ``quantities.describe_phrases``'s table; ``what`` names the values ('the 8 war-death
    figures')."""
    if not values:
        return f"There are no {what} to hold."
    parts = []
    for row in phrases.to_dict("records"):
        low = 0 if pd.isna(row["low"]) else row["low"]
        high = float("inf") if pd.isna(row["high"]) else row["high"]
        held = sum(1 for v in values if low <= v <= high)
        spread = "" if pd.isna(row["spread"]) else f", spread {_number(row['spread'])}"
        words = range_words(row["low"], row["best"], row["high"])
        parts.append(f"\u201c{row['phrase']}\u201d ({words}{spread}) holds {held}")
    return f"Of {what}: " + "; ".join(parts) + "."


def describe_moves(quotes: pd.Series, before: pd.Series, after: pd.Series,
                   when: str) -> str:
    """Which dates move when the publication date changes ('“Monday” 2030-05-06 →
    2030-05-13'), and which stay; the three series are aligned row by row."""
    moved = [f"\u201c{q}\u201d {b} → {a}" for q, b, a in zip(quotes, before, after, strict=True)
             if b != a]
    count, moved = len(moved), list(dict.fromkeys(moved))
    stayed = list(dict.fromkeys(f"\u201c{q}\u201d" for q, b, a in
                                zip(quotes, before, after, strict=True) if b == a))
    if not moved:
        return f"Published {when}, no date moves."
    text = f"Published {when}, {count} of {len(quotes)} dates move: {listed(moved)}."
    return text + (f" These stay where they were: {listed(stayed)}." if stayed else "")


def describe_tense_cues(dates: pd.DataFrame) -> str:
    """The words that set each date's direction, by tense: 'future: “will” and “to hold”; past:
    …' (each cue once, in reading order)."""
    dated = dates[dates["tense_cue"] != ""]
    if dated.empty:
        return "No date of this article has a tense cue."
    parts = []
    for tense, rows in dated.groupby("tense", sort=False):
        cues = [f"\u201c{c}\u201d" for c in dict.fromkeys(rows["tense_cue"])]
        parts.append(f"{tense}: {listed(cues)}")
    return "The cues in this article — " + "; ".join(parts) + "."


def describe_collective_meetings(meetings: pd.DataFrame) -> str:
    """Meetings where one phrase names several participants in one role ('the defence
    ministers of A, B and C'): each listed with its participants, the shared role and kind."""
    items = []
    for row in meetings.to_dict("records"):
        roles = [r for r in str(row["roles"]).split("|") if r]
        shared = [r for r in dict.fromkeys(roles) if roles.count(r) > 1]
        if not shared:
            continue
        names = [p for p, r in zip(str(row["participants"]).split("|"),
                                   str(row["roles"]).split("|"), strict=False) if r in shared]
        items.append(f"{row['meeting_id']}: {listed(names)}, each as {listed(shared)} "
                     f"(kind *{row['kind']}*)")
    if not items:
        return "No meeting has participants named together in one role."
    return "Participants named together in one role: " + "; ".join(items) + "."


def describe_negation_pairs(meetings: pd.DataFrame) -> str:
    """Each negated meeting with the meetings of other status told in the same sentence (a
    negation that implies a fact: 'has not visited since May, when he met …')."""
    negated = meetings[meetings["status"] == "negated"]
    if negated.empty:
        return "No meeting is negated."
    items = []
    for row in negated.to_dict("records"):
        same = meetings[(meetings["sentence_id"] == row["sentence_id"])
                        & (meetings["status"] != "negated")]
        text = (f"{row['meeting_id']}, a *negated* {row['kind']} "
                f"({row['date_start'] or 'no date'} to {row['date_end'] or 'no date'})")
        if same.empty:
            items.append(f"{text} stands alone in sentence {row['sentence_id']}")
        else:
            others = [f"{m['meeting_id']}, a *{m['status']}* {m['kind']} "
                      f"({m['date_start'] or 'no date'} to {m['date_end'] or 'no date'})"
                      for m in same.to_dict("records")]
            items.append(f"{text}, and {listed(others)}, come from one sentence "
                         f"({row['sentence_id']})")
    return "Negations: " + "; ".join(items) + "."


def describe_retold(meetings: pd.DataFrame) -> str:
    """Meetings told more than once: the sentence that keeps the row and the ones listed in
    ``also_in``."""
    items = []
    for row in meetings.to_dict("records"):
        again = [s for s in str(row["also_in"]).split("|") if s]
        if again:
            noun = "sentence" if len(again) == 1 else "sentences"
            items.append(f"{row['meeting_id']} (kept from sentence {row['sentence_id']}) is "
                         f"told again in {noun} {listed(again)}")
    if not items:
        return "No meeting is told more than once."
    return "Told more than once: " + "; ".join(items) + "."


def relation_lines(article, relations: pd.DataFrame, phrases: list[str]) -> str:
    """A markdown bullet per sentence holding one of ``phrases``: the phrases and the rows
    ``relations`` has for that sentence ('A supports B (hedged)')."""
    by_sentence: dict[int, list[str]] = {}
    missing = []
    for phrase in phrases:
        if phrase not in article.text:
            missing.append(phrase)
            continue
        by_sentence.setdefault(article.sentence_at(article.find(phrase)[0]), []).append(phrase)
    lines = []
    for sid, said in by_sentence.items():
        rows = relations[relations["sentence_id"] == sid]
        made = "; ".join(
            f"{r['source']} {r['relation']} {r['target']}"
            + (" (hedged)" if r["hedged"] else "") + (" (negated)" if r["negated"] else "")
            for r in rows.to_dict("records"))
        quoted = ", ".join(f"\u201c{p}\u201d" for p in said)
        lines.append(f"* sentence {sid} ({quoted}): {made or 'no relation'}")
    lines += [f"* \u201c{p}\u201d: not in this article" for p in missing]
    return "\n".join(lines)


def describe_hub(graph) -> str:
    """The party with most ties (a networkx graph), the parties tied to it and those that are
    not."""
    if graph.number_of_nodes() == 0:
        return "The network has no parties."
    hub, ties = sorted(graph.degree(), key=lambda pair: (-pair[1], pair[0]))[0]
    tied = sorted(graph.neighbors(hub))
    rest = sorted(set(graph.nodes) - set(tied) - {hub})
    text = (f"{hub} has the most ties ({ties} of {graph.number_of_edges()}) and sits in the "
            f"middle; tied to it: {listed(tied) or 'nobody'}.")
    return text + (f" Not tied to it directly: {listed(rest)}." if rest else
                   f" Every other party is tied to {hub}.")


def _hostile_sides(row: Mapping) -> list[tuple[str, str]]:
    pairs = [(row["a"], row["b"]), (row["a"], row["c"]), (row["b"], row["c"])]
    return [p for p, s in zip(pairs, str(row["signs"]).split(), strict=True) if s == "−"]


def _brokers(relations: pd.DataFrame, u: str, v: str) -> list[str]:
    mediated = relations[(relations["relation"] == "mediates") & ~relations["negated"]]
    of = {p: set(mediated.loc[mediated["target"] == p, "source"]) for p in (u, v)}
    return sorted(of[u] & of[v])


def describe_triangles(triad_table: pd.DataFrame, relations: pd.DataFrame) -> str:
    """One bullet per unbalanced triangle: why it is unbalanced, and who the article reports
    mediating across each of its hostile ties; then the hostile ties that several unbalanced
    triangles share, the ones balance puts under most pressure."""
    unbalanced = triad_table[triad_table["status"] == "unbalanced"]
    if unbalanced.empty:
        return "No triangle of this network is unbalanced."
    bullets, sides = [], []
    for row in unbalanced.to_dict("records"):
        text = f"* **{row['a']}–{row['b']}–{row['c']} ({row['signs']})**: {row['reason']}."
        for u, v in _hostile_sides(row):
            sides.append(f"{u}–{v}")
            brokers = _brokers(relations, u, v)
            if brokers:
                text += f" The article reports {listed(brokers)} mediating between {u} and {v}."
        bullets.append(text)
    shared = [s for s in dict.fromkeys(sides) if sides.count(s) > 1]
    if shared:
        summary = (listed([f"{s} is a hostile side of {sides.count(s)} of the {len(unbalanced)} "
                           "unbalanced triangles" for s in shared])
                   + ": balance puts " + ("that tie" if len(shared) == 1 else "those ties")
                   + " under most pressure.")
    else:
        summary = (f"No hostile tie is shared by two of the {len(unbalanced)} unbalanced "
                   "triangles.")
    return "\n".join(bullets) + "\n\n" + summary


def describe_split_predictions(predictions: pd.DataFrame) -> str:
    """Pairs for which balance predicts opposite ties through different third parties: the
    corner of the network the article leaves unsettled."""
    split = []
    for (a, b), rows in predictions.groupby(["a", "b"], sort=False):
        friends = sorted(rows.loc[rows["predicted_sign"] > 0, "via"])
        enemies = sorted(rows.loc[rows["predicted_sign"] < 0, "via"])
        if friends and enemies:
            split.append(f"{a} and {b} (friends through {listed(friends)}, enemies through "
                         f"{listed(enemies)})")
    if not split:
        return "Every open triad predicts the same tie whichever party it goes through."
    return ("Balance predicts opposite ties for " + "; ".join(split)
            + ": a sign that this part of the network is not settled.")


def _triangle(row: Mapping) -> str:
    return f"{row['a']}–{row['b']}–{row['c']} ({row['signs']})"


def describe_without(every: pd.DataFrame, kept: pd.DataFrame, parties: set[str],
                     kept_parties: set[str], what: str) -> str:
    """What dropping ``what`` (e.g. 'the hedged statements') does to a network: the parties
    that leave, the triangles that disappear and the unbalanced triangles that remain
    (``every``/``kept`` are ``network.triads`` tables)."""
    key = ["a", "b", "c"]
    gone = every.merge(kept[key], on=key, how="left", indicator=True)
    gone = gone[gone["_merge"] == "left_only"]
    left = sorted(parties - kept_parties)
    remain = kept[kept["status"] == "unbalanced"]
    parts = [f"{listed(left)} {'leaves' if len(left) == 1 else 'leave'} the network" if left
             else "no party leaves the network"]
    parts.append(("the triangle" if len(gone) == 1 else "the triangles") + " "
                 + listed([_triangle(r) for r in gone.to_dict("records")])
                 + (" disappears" if len(gone) == 1 else " disappear")
                 if len(gone) else "no triangle disappears")
    text = f"Without {what}, " + "; ".join(parts) + "."
    if remain.empty:
        return text + " No unbalanced triangle remains."
    return text + " Still unbalanced: " + listed([_triangle(r) for r in
                                                  remain.to_dict("records")]) + "."


def describe_status_changes(before: pd.DataFrame, after: pd.DataFrame) -> str:
    """Which triangles change status between two ``network.triads`` tables, and which keep
    it."""
    key = ["a", "b", "c"]
    both = before.merge(after, on=key, suffixes=("_before", "_after"))
    changed = both[both["status_before"] != both["status_after"]]
    same = both[both["status_before"] == both["status_after"]]
    parts = [f"{r['a']}–{r['b']}–{r['c']}: {r['status_before']} → {r['status_after']}"
             for r in changed.to_dict("records")]
    text = ("Status changes: " + "; ".join(parts) + "." if parts
            else "No triangle changes status.")
    if not same.empty:
        text += " Unchanged: " + listed([f"{r['a']}–{r['b']}–{r['c']} ({r['status_before']})"
                                         for r in same.to_dict("records")]) + "."
    return text


def describe_agreement(checks: Mapping[str, bool], reader: str = "a reader") -> str:
    """Whether the rows read each phrase as ``reader`` does: ``checks`` maps a phrase to True
    when they agree. 'The rows agree with a reader on “a” and “b”; they read “c” otherwise.'"""
    agree = [f"\u201c{p}\u201d" for p, ok in checks.items() if ok]
    differ = [f"\u201c{p}\u201d" for p, ok in checks.items() if not ok]
    if not checks:
        return "No phrase to check."
    if not differ:
        return f"The rows agree with {reader} on all {len(agree)} phrases."
    if not agree:
        return f"The rows read every phrase otherwise than {reader}: {listed(differ)}."
    return (f"The rows agree with {reader} on {listed(agree)}; they read {listed(differ)} "
            "otherwise.")
