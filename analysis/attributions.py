"""Who says what: one row per reported statement, with its source, verb and content.

News prose attributes almost every claim ("..., the ministry said"; "Experts say ..."; "...,
said the palace statement"). Knowing who speaks is the first thing a briefer checks, so each
sentence is scanned for a reporting verb (``data/lexicons/reporting_verbs.csv``) outside quotation
marks, and the source is read from the words around it using the patterns in
``data/lexicons/attribution.yml``. Three shapes are recognised:

- *source first*: "Experts say the deal could ..." (content after the verb);
- *source after*: "The envoy will visit ..., the ministry said" (content before the comma);
- *inverted*: "The king was accompanied ..., said the palace statement".

A pronoun source ("it said") is resolved to the previous sentence's source when there is one.

Columns: ``attribution_id``, ``sentence_id``, ``source`` (as written), ``resolved_source``
(pronouns resolved; otherwise the same), ``speaker`` (the resolved source without a leading
"the" and capitalised, for counting: "experts" and "Experts" are one speaker),
``source_start``, ``source_end``, ``verb``, ``lemma``, ``tense`` (past | present: the tense of
the verb's group in the clause layer, :mod:`analysis.clauses`, else the lexicon's), ``mode``
(direct | indirect | mixed), ``quote`` (the attributed content, verbatim), ``start``,
``end`` (span of ``quote``).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd
import yaml

from analysis.article import Article
from analysis.clauses import Clause, analyse_sentence, clause_at
from analysis.frames import make_frame
from analysis.lexicons import read_lexicon
from analysis.paths import LEXICONS_DIR

COLUMNS = (
    "attribution_id",
    "sentence_id",
    "source",
    "resolved_source",
    "speaker",
    "source_start",
    "source_end",
    "verb",
    "lemma",
    "tense",
    "mode",
    "quote",
    "start",
    "end",
)

_QUOTE_SPAN = re.compile(r"\"[^\"]*\"|“[^”]*”")
_OPEN_QUOTES = "\"“‘'"
_TRIM = " ,;:—–-"


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, tuple[str, str]], dict]:
    verbs = read_lexicon("reporting_verbs.csv")
    forms = {row.form: (row.lemma, row.tense) for row in verbs.itertuples()}
    patterns = yaml.safe_load((LEXICONS_DIR / "attribution.yml").read_text(encoding="utf-8"))
    return forms, patterns


@lru_cache(maxsize=1)
def reporting_verb_pattern() -> re.Pattern:
    """Any reporting verb form of ``reporting_verbs.csv`` as a whole word (group 1: the form)."""
    forms, _ = _lexicon()
    return re.compile(r"\b(" + "|".join(sorted(forms, key=len, reverse=True)) + r")\b")


@lru_cache(maxsize=1)
def _regexes() -> dict[str, re.Pattern]:
    _, pat = _lexicon()
    heads = "|".join(re.escape(h) for h in sorted(pat["adverbial_heads"], key=len, reverse=True))
    preps = "|".join(pat["adverbial_prepositions"])
    return {
        "verb": reporting_verb_pattern(),
        "aux": re.compile(r"\s+(?:" + "|".join(pat["auxiliaries"]) + r")$"),
        "adverbial": re.compile(r"\s+(?:" + preps + r")\s+(?:" + heads + r")(?:\s+\d{1,4})?$"),
        "opener": re.compile(r"^(?:" + "|".join(pat["openers"]) + r")\b[\s,]*"),
        "post_prep": re.compile(r"^\s*(?:" + "|".join(pat["post_verb_prepositions"]) + r")\b"),
    }


def _strip_span(text: str, start: int, end: int, chars: str = _TRIM) -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def _source_before(sentence: str, verb_start: int) -> tuple[int, int, int] | None:
    """(clause_start, source_start, source_end) of the noun phrase before a verb, if plausible."""
    _, pat = _lexicon()
    rx = _regexes()
    clause_start = max(sentence.rfind(",", 0, verb_start), sentence.rfind("”", 0, verb_start),
                       sentence.rfind('"', 0, verb_start))
    clause_start = clause_start + 1 if clause_start >= 0 else 0
    left = sentence[clause_start:verb_start].rstrip()
    changed = True
    while changed:
        changed = False
        for name in ("aux", "adverbial"):
            match = rx[name].search(left)
            if match:
                left, changed = left[: match.start()].rstrip(), True
    lead = len(left) - len(left.lstrip())
    opener = rx["opener"].match(left.lstrip())
    skip = lead + (opener.end() if opener else 0)
    source_start, source_end = clause_start + skip, clause_start + len(left)
    words = sentence[source_start:source_end].split()
    if not words or len(words) > pat["max_source_words"]:
        return None
    if _regexes()["verb"].search(sentence[source_start:source_end]):
        return None
    return clause_start, source_start, source_end


def _mode(content: str) -> str:
    quoted = sum(len(m.group(0)) for m in _QUOTE_SPAN.finditer(content))
    if not quoted:
        return "indirect"
    return "direct" if quoted >= len(content.strip(_TRIM)) - 2 else "mixed"


def _sentence_attributions(sentence: str) -> list[dict]:
    forms, pat = _lexicon()
    rx = _regexes()
    quoted = [(m.start(), m.end()) for m in _QUOTE_SPAN.finditer(sentence)]
    found = []
    for match in rx["verb"].finditer(sentence):
        v_start, v_end = match.span()
        if any(qs < v_start < qe for qs, qe in quoted):
            continue  # a reporting verb inside a quotation is part of the quotation
        lemma, tense = forms[match.group(1)]
        before = sentence[:v_start].rstrip()
        if before.endswith((",", ",\"", ",”", "\"", "”")):
            # inverted: "..., said the palace statement."
            s_start, s_end = _strip_span(sentence, v_end, len(sentence), _TRIM + ".")
            comma = re.search(r"[,;]", sentence[s_start:s_end])
            if comma:
                s_end = s_start + comma.start()
            c_start, c_end = _strip_span(sentence, 0, len(before))
            if s_end - s_start and len(sentence[s_start:s_end].split()) <= pat["max_source_words"]:
                found.append((s_start, s_end, match, lemma, tense, c_start, c_end))
            continue
        src = _source_before(sentence, v_start)
        if src is None:
            continue
        clause_start, s_start, s_end = src
        after = sentence[v_end:]
        that = re.match(r"\s+that\b", after)
        if lemma == "tell" and not that:
            # "told the envoy that ...": the content starts after "that", not after the object
            that = re.match(r".*?\bthat\b", after)
        content_from = v_end + (that.end() if that else 0)
        after_content = sentence[content_from:]
        opens_clause = (
            clause_start == 0
            or not sentence[:clause_start].strip(_TRIM + _OPEN_QUOTES + "”")
            or len(after_content.split()) >= 3
        )
        content_follows = not after_content.lstrip().startswith(",") and not rx[
            "post_prep"
        ].match(after_content)
        source_first = opens_clause and content_follows
        if source_first and len(after_content.split()) >= 2:
            c_start, c_end = _strip_span(sentence, content_from, len(sentence), _TRIM + ".")
        elif clause_start > 0:
            c_start, c_end = _strip_span(sentence, 0, clause_start)
        else:
            continue
        if len(sentence[c_start:c_end].split()) < 2:
            continue  # a one-word stretch ("But, he warned, ...") is not a report
        found.append((s_start, s_end, match, lemma, tense, c_start, c_end))
    return [
        {
            "source_rel": (s_start, s_end),
            "verb": m.group(1),
            "verb_rel": m.start(1),
            "lemma": lemma,
            "tense": tense,
            "content_rel": (c_start, c_end),
        }
        for s_start, s_end, m, lemma, tense, c_start, c_end in found
    ]


def _direct_inner(sentence: str, c_start: int, c_end: int) -> tuple[int, int]:
    """For a wholly quoted content, the span inside the quotation marks (minus a final comma)."""
    content = sentence[c_start:c_end]
    if content[:1] in "\"“" and content[-1:] in "\"”":
        return _strip_span(sentence, c_start + 1, c_end - 1, ",. ")
    return c_start, c_end


def speaker_name(source: str) -> str:
    """A source as a countable name: no leading article, first letter capitalised."""
    name = re.sub(r"^(?:the|The)\s+", "", source.strip())
    return name[:1].upper() + name[1:]


def _verb_tense(clauses: tuple[Clause, ...], start: int, default: str) -> str:
    """The tense of the reporting verb's group in the clause layer ("has said": past, "says":
    present), or the lexicon's tense when the verb heads no group there."""
    clause = clause_at(clauses, start)
    if clause is not None and clause.verb_start <= start < clause.verb_end:
        if clause.tense in ("past", "present"):
            return clause.tense
    return default


def extract_attributions(
    article: Article, clauses: dict[int, tuple[Clause, ...]] | None = None
) -> pd.DataFrame:
    """The attributions of every body sentence (columns in the module docstring); ``clauses``
    is the article's clause layer when already computed."""
    _, pat = _lexicon()
    rows: list[dict] = []
    previous: tuple[int, str] | None = None  # (sentence_id, resolved source)
    for sent in (s for s in article.sentence_rows if s.kind == "body"):
        own = clauses[sent.sentence_id] if clauses is not None else analyse_sentence(sent.text)
        for found in _sentence_attributions(sent.text):
            found["tense"] = _verb_tense(own, found["verb_rel"], found["tense"])
            rel_s, rel_e = found["source_rel"]
            c_s, c_e = found["content_rel"]
            mode = _mode(sent.text[c_s:c_e])
            if mode == "direct":
                c_s, c_e = _direct_inner(sent.text, c_s, c_e)
            source = sent.text[rel_s:rel_e]
            resolved = source
            if source in pat["pronouns"] and previous and previous[0] == sent.sentence_id - 1:
                resolved = previous[1]
            rows.append(
                {
                    "attribution_id": f"A{len(rows) + 1}",
                    "sentence_id": sent.sentence_id,
                    "source": source,
                    "resolved_source": resolved,
                    "speaker": speaker_name(resolved),
                    "source_start": sent.start + rel_s,
                    "source_end": sent.start + rel_e,
                    "verb": found["verb"],
                    "lemma": found["lemma"],
                    "tense": found["tense"],
                    "mode": mode,
                    "quote": sent.text[c_s:c_e],
                    "start": sent.start + c_s,
                    "end": sent.start + c_e,
                }
            )
        if rows and rows[-1]["sentence_id"] == sent.sentence_id:
            previous = (sent.sentence_id, rows[-1]["resolved_source"])
    return make_frame(rows, COLUMNS, {"source_start": "int64", "source_end": "int64"})
