"""One scorer for every frame: align extracted rows with hand-written gold, count, and score.

Every frame is scored the same way, so a teacher reads one kind of table: a gold row and a found
row are a **true positive** when they *align* (they talk about the same thing: the same actor
id, the same sentence and number, overlapping quotes…) **and** agree on every *scored field* of
the frame (:data:`SPECS`). A found row that aligns but disagrees is shown as ``wrong`` (it costs
a false alarm and a miss, as it would cost the reader); unaligned rows are ``missed`` (gold only)
or ``false alarm`` (found only). Precision is true positives over found rows, recall over gold
rows, F1 their harmonic mean; totals add the counts first (micro-average), so a long article
weighs more than a short one.

Why one module: the same load-align-count-score shape was written four times before, each with
its own quirks (one compared relation types, one did not). Here a frame differs only by data:
which gold file, how rows align, which fields are scored.

Gold files live in ``data/annotations/<article id>/`` (see ``data/annotations/README.md``); the
gold table can also be another gold table (two annotators compared) because alignment only reads
column names that gold and frames share.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.article import Article, load_article
from analysis.errors import ArticleError
from analysis.frames import make_frame
from analysis.lexicons import read_commented_csv
from analysis.provenance import check_provenance

#: Columns of :func:`compare`.
COMPARISON_COLUMNS = ("frame", "verdict", "gold_id", "found_row", "sentence", "gold", "found",
                      "differences")
#: Columns of :func:`score` and of one row of :func:`scoreboard`.
SCORE_COLUMNS = ("gold", "found", "true_positives", "precision", "recall", "f1")
#: Columns of :func:`scoreboard`.
SCOREBOARD_COLUMNS = ("set", "article", "frame", *SCORE_COLUMNS)
#: What a frame's true positive needs, per frame, in words (shown by the notebooks and README).
VERDICTS = ("correct", "wrong", "missed", "false alarm")

Row = Mapping[str, object]


def _text(value: object) -> str:
    """A cell as comparable text: NaN/None -> "", 12.0 -> "12", strings stripped."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if value is pd.NA:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _number(text: str) -> float | None:
    """``text`` as a number ("+1" and "1", "12" and "12.0" are the same), else None."""
    try:
        return float(text)
    except ValueError:
        return None


def _names(value: object) -> frozenset[str]:
    """A "|"-joined list of names as a set (order, duplicates and letter case do not matter:
    "Major powers" and "major powers" name the same party)."""
    return frozenset(part.strip().casefold() for part in _text(value).split("|") if part.strip())


def _overlap(a: Row, b: Row) -> bool:
    """True when two rows' character spans overlap."""
    return int(a["start"]) < int(b["end"]) and int(b["start"]) < int(a["end"])


@dataclass(frozen=True)
class FrameSpec:
    """How one frame is scored.

    ``fields`` must all agree for a true positive (``set_fields`` compared as sets of names);
    ``align`` says whether a gold and a found row speak of the same thing at all, so a
    disagreement can be shown as ``wrong`` instead of a miss plus an unrelated false alarm;
    ``keep_gold`` drops gold rows that are not items of the frame (numbers that are not
    figures); ``prepare_found`` puts rows in one vocabulary (symmetric relations' ends in
    alphabetical order), applied to gold rows too so a gold file need not follow that order.
    """

    name: str
    gold_file: str
    fields: tuple[str, ...]
    align: Callable[[Row, Row], bool]
    set_fields: tuple[str, ...] = ()
    keep_gold: Callable[[Row], bool] = lambda row: True
    prepare_found: Callable[[Row], Row] = lambda row: row
    needs_span: bool = False

    def same(self, field: str, gold: Row, found: Row) -> bool:
        if field in self.set_fields:
            return _names(gold.get(field)) == _names(found.get(field))
        a, b = _text(gold.get(field)), _text(found.get(field))
        # letter case is no fact: a name capitalised at the start of a row is the same name
        return a.casefold() == b.casefold() or _number(a) is not None and _number(a) == _number(b)

    def differences(self, gold: Row, found: Row) -> list[str]:
        return [f"{f}: found {_text(found.get(f))!r}, gold {_text(gold.get(f))!r}"
                for f in self.fields if not self.same(f, gold, found)]


def _same_sentence(gold: Row, found: Row) -> bool:
    return _text(gold.get("sentence_id")) == _text(found.get("sentence_id"))


def _align_span(gold: Row, found: Row) -> bool:
    return _same_sentence(gold, found) and _overlap(gold, found)


def _align_number(gold: Row, found: Row) -> bool:
    """Same sentence, and one number phrase contains the other ("20" in "between 20 and 30")."""
    if not _same_sentence(gold, found):
        return False
    a, b = _text(gold.get("number")).lower(), _text(found.get("number")).lower()
    return bool(a and b) and (a in b or b in a)


def _align_meeting(gold: Row, found: Row) -> bool:
    """The same talks: overlapping quotes in one sentence, or the same set of participants
    (a meeting told in several sentences is one row, found at any of its tellings)."""
    if _align_span(gold, found):
        return True
    return bool(_names(gold.get("participants"))) and (
        _names(gold.get("participants")) == _names(found.get("participants")))


_SYMMETRIC = frozenset({"ally", "rival"})


def _ordered_ends(row: Row) -> Row:
    """Symmetric relations name their ends in alphabetical order, as the gold does."""
    if _text(row.get("relation")) in _SYMMETRIC:
        source, target = sorted((_text(row.get("source")), _text(row.get("target"))),
                                key=str.casefold)
        return {**row, "source": source, "target": target}
    return row


def _align_relation(gold: Row, found: Row) -> bool:
    ends = _names(f'{_text(gold.get("source"))}|{_text(gold.get("target"))}')
    return _same_sentence(gold, found) and bool(
        ends & _names(f'{_text(found.get("source"))}|{_text(found.get("target"))}'))


#: The scored frames. True positive = aligned and every field in ``fields`` agrees.
SPECS: dict[str, FrameSpec] = {
    "actors": FrameSpec(
        "actors", "actors.csv", fields=("actor_id",),
        align=lambda g, f: _text(g.get("actor_id")) == _text(f.get("actor_id"))),
    "figures": FrameSpec(
        "figures", "figures.csv", fields=("low", "best", "high"), align=_align_number,
        keep_gold=lambda row: _text(row.get("is_figure")) == "yes"),
    "meetings": FrameSpec(
        "meetings", "meetings.csv", fields=("participants", "date_start", "date_end", "status"),
        align=_align_meeting, set_fields=("participants",), needs_span=True),
    "events": FrameSpec(
        "events", "events.csv", fields=("date_start", "date_end", "status"),
        align=_align_span, needs_span=True),
    "relations": FrameSpec(
        "relations", "relations.csv",
        fields=("source", "target", "relation", "sign", "sentence_id"),
        align=_align_relation, prepare_found=_ordered_ends),
}
#: The frames in scoreboard order.
FRAME_NAMES = tuple(SPECS)


def compare(spec: FrameSpec, found: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Every gold row and every found row with its verdict (correct | wrong | missed |
    false alarm).

    Pairs are made in two rounds: first rows that agree on every scored field (so a correct
    row is never taken by a near miss), then rows that merely align. Each row is used once.
    ``gold``/``found`` hold the scored fields' values ("field=value; …") for reading.
    """
    gold_rows = [spec.prepare_found(r) for r in gold.to_dict("records") if spec.keep_gold(r)]
    found_rows = [spec.prepare_found(r) for r in found.to_dict("records")]
    pairs: dict[int, tuple[int, str]] = {}
    used: set[int] = set()
    for agree in (True, False):
        for gi, g in enumerate(gold_rows):
            if gi in pairs:
                continue
            candidates = [(len(spec.differences(g, f)), fi) for fi, f in enumerate(found_rows)
                          if fi not in used and spec.align(g, f)]
            if not candidates:
                continue
            n_differences, fi = min(candidates)
            if agree and n_differences:
                continue
            pairs[gi] = (fi, "; ".join(spec.differences(g, found_rows[fi])))
            used.add(fi)

    def show(row: Row) -> str:
        return "; ".join(f"{f}={_text(row.get(f))}" for f in spec.fields)

    rows = []
    for gi, g in enumerate(gold_rows):
        fi, differs = pairs.get(gi, (None, ""))
        verdict = "missed" if fi is None else ("wrong" if differs else "correct")
        rows.append({"frame": spec.name, "verdict": verdict, "gold_id": _text(g.get("gold_id")),
                     "found_row": -1 if fi is None else fi,
                     "sentence": _text(g.get("sentence_id")), "gold": show(g),
                     "found": "" if fi is None else show(found_rows[fi]),
                     "differences": differs})
    for fi, f in enumerate(found_rows):
        if fi not in used:
            rows.append({"frame": spec.name, "verdict": "false alarm", "gold_id": "",
                         "found_row": fi, "sentence": _text(f.get("sentence_id")),
                         "gold": "", "found": show(f), "differences": ""})
    return make_frame(rows, COMPARISON_COLUMNS)


def rates(gold: int, found: int, true_positives: int) -> dict[str, float]:
    """Precision, recall and F1 from counts; NaN where there is nothing to divide by (no
    found rows: precision is undefined, not 0 or 1)."""
    precision = true_positives / found if found else math.nan
    recall = true_positives / gold if gold else math.nan
    if math.isnan(precision) or math.isnan(recall) or precision + recall == 0:
        f1 = 0.0 if (precision == 0 or recall == 0) else math.nan
    else:
        f1 = 2 * precision * recall / (precision + recall)
    return {"precision": precision, "recall": recall, "f1": f1}


def score(comparison: pd.DataFrame) -> dict[str, float]:
    """Counts and rates of one comparison (:func:`compare`)."""
    verdicts = comparison["verdict"]
    gold = int(verdicts.isin(["correct", "wrong", "missed"]).sum())
    found = int(verdicts.isin(["correct", "wrong", "false alarm"]).sum())
    true_positives = int((verdicts == "correct").sum())
    return {"gold": gold, "found": found, "true_positives": true_positives,
            **rates(gold, found, true_positives)}


def load_gold(spec: FrameSpec, directory: Path, article: Article | None = None) -> pd.DataFrame:
    """A gold file as text cells; with ``needs_span`` its ``start``/``end`` are checked against
    the article (or located from the quote when the file gives none).

    A span that does not hold raises :class:`~analysis.errors.ArticleError` naming the file and
    the row: a gold row aligned by a wrong span would score the extraction against nothing.
    """
    path = directory / spec.gold_file
    gold = read_commented_csv(path)
    if spec.needs_span and article is not None and not gold.empty:
        if "start" not in gold.columns:
            try:
                spans = [article.find(q, sentence_id=int(s))
                         for q, s in zip(gold["quote"], gold["sentence_id"], strict=True)]
            except KeyError as error:
                raise ArticleError(path, f"a quote is not in its sentence: {error}") from None
            gold["start"] = [a for a, _ in spans]
            gold["end"] = [b for _, b in spans]
        bad = check_provenance(gold, article)
        if not bad.empty:
            row, problem = bad.iloc[0]["row"], bad.iloc[0]["problem"]
            raise ArticleError(path, f"row {_text(gold.at[row, 'gold_id']) or row}: {problem}")
    return gold


#: The seed's first gold, written by the extractor's authors and shown to mirror its output;
#: kept (in ``data/annotations/legacy-seed``) only to be compared with the independent gold.
LEGACY_SEED_GOLD = paths.ANNOTATIONS_DIR / "legacy-seed"


def gold_folder(article_id: str) -> Path:
    """An article's independent gold: ``data/annotations/<article id>/`` for every article."""
    return paths.ANNOTATIONS_DIR / article_id


def has_gold(article_id: str, frame: str) -> bool:
    """Whether an article has gold for ``frame``."""
    return (gold_folder(article_id) / SPECS[frame].gold_file).exists()


def load_gold_frames(directory: Path, article: Article) -> dict[str, pd.DataFrame]:
    """Every gold table of a folder by frame name, to be scored like extracted frames (two
    annotators compared: pass one folder's tables as ``frames`` to :func:`compare_article`)."""
    frames = {}
    for name, spec in SPECS.items():
        if (directory / spec.gold_file).exists():
            gold = load_gold(spec, directory, article)
            kept = [spec.keep_gold(row) for row in gold.to_dict("records")]
            frames[name] = gold[kept].reset_index(drop=True) if kept else gold
    return frames


def gold_articles() -> list[str]:
    """Ids of the shipped articles that have a gold folder, the seed first."""
    ids = sorted(p.stem for p in paths.ARTICLES_DIR.glob("*.txt"))
    seed = paths.SEED_ARTICLE.stem
    ordered = [seed] + [i for i in ids if i != seed]
    return [i for i in ordered if any(has_gold(i, f) for f in FRAME_NAMES)]


def article_set(article_id: str) -> str:
    """``seed`` for the article the rules were written on, ``unseen`` for every other: their
    scores are never added together (the seed's are optimistic)."""
    return "seed" if article_id == paths.SEED_ARTICLE.stem else "unseen"


def compare_article(
    article: Article, frames: Mapping[str, pd.DataFrame], directory: Path | None = None,
    only: Iterable[str] = FRAME_NAMES,
) -> pd.DataFrame:
    """:func:`compare` for every frame that has gold in ``directory`` (default: the article's
    gold folder), stacked."""
    directory = gold_folder(article.article_id) if directory is None else directory
    parts = [compare(SPECS[name], frames[name], load_gold(SPECS[name], directory, article))
             for name in only
             if name in frames and (directory / SPECS[name].gold_file).exists()]
    if not parts:
        return make_frame([], COMPARISON_COLUMNS)
    return pd.concat(parts, ignore_index=True)


def _rows_for(article_id: str, comparison: pd.DataFrame) -> list[dict]:
    rows = []
    for frame in FRAME_NAMES:
        part = comparison[comparison["frame"] == frame]
        if part.empty and not has_gold(article_id, frame):
            continue
        rows.append({"set": article_set(article_id), "article": article_id, "frame": frame,
                     **score(part)})
    return rows


def totals(board: pd.DataFrame) -> pd.DataFrame:
    """One ``(total)`` row per set and frame: counts added over articles, then rated.

    Rows that are already totals are left out, so a finished scoreboard can be passed again.
    """
    rows = []
    articles = board[board["article"] != "(total)"]
    for (set_name, frame), part in articles.groupby(["set", "frame"], sort=False):
        gold, found, tp = (int(part[c].sum()) for c in ("gold", "found", "true_positives"))
        rows.append({"set": set_name, "article": "(total)", "frame": frame, "gold": gold,
                     "found": found, "true_positives": tp, **rates(gold, found, tp)})
    return make_frame(rows, SCOREBOARD_COLUMNS)


def evaluate(
    article_ids: Sequence[str] | None = None,
    extract: Callable[[Article], Mapping[str, pd.DataFrame]] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Score the extraction on every article with gold: ``(scoreboard, comparisons)``.

    The scoreboard has one row per article and frame, then the ``(total)`` rows of each set
    (seed and unseen apart). ``comparisons`` lists every verdict with an ``article`` column.
    """
    if extract is None:
        from analysis.pipeline import extract_all as extract
    ids = gold_articles() if article_ids is None else list(article_ids)
    rows, parts = [], []
    for article_id in ids:
        article = load_article(paths.article_file(article_id))
        comparison = compare_article(article, extract(article))
        parts.append(comparison.assign(article=article_id))
        rows.extend(_rows_for(article_id, comparison))
    board = make_frame(rows, SCOREBOARD_COLUMNS)
    board = pd.concat([board, totals(board)], ignore_index=True)
    comparisons = (pd.concat(parts, ignore_index=True) if parts
                   else make_frame([], (*COMPARISON_COLUMNS, "article")))
    return board, comparisons


def format_board(board: pd.DataFrame) -> str:
    """The scoreboard as a fixed-width text table (rates to two decimals, '-' when undefined)."""
    shown = board.copy()
    for column in ("precision", "recall", "f1"):
        shown[column] = [("-" if math.isnan(v) else f"{v:.2f}") for v in shown[column]]
    return shown.to_string(index=False)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m analysis.scoring [--out FILE]``: print the scoreboard, write it as CSV."""
    parser = argparse.ArgumentParser(prog="python -m analysis.scoring", description=__doc__
                                     .splitlines()[0])
    parser.add_argument("--out", type=Path, default=paths.PROJECT_ROOT / "build" / "eval.csv",
                        help="where to write the scoreboard CSV (default: build/eval.csv)")
    parser.add_argument("--details", type=Path, default=None,
                        help="also write every verdict (one row per gold or found item)")
    args = parser.parse_args(argv)
    try:
        board, comparisons = evaluate()
    except (ArticleError, OSError, pd.errors.ParserError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(format_board(board))
    for path, frame in ((args.out, board), (args.details, comparisons)):
        if path is None:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        frame.to_csv(tmp, index=False)
        tmp.replace(path)
    print(f"scoreboard written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
