"""The package knows no article: no names, numbers, dates or phrases of the shipped articles.

World knowledge lives in ``data/``; the rules in ``analysis/`` must work on tomorrow's article. So
the whole text of every module (code, docstrings, comments) is searched, case-insensitively, for
what an article-specific shortcut would leave behind:

* a person's or place's name from any shipped article's gold actors (whole words);
* a number of four or more digits written in an article or its gold figures, however it is
  spelled (``500000``, ``500,000``, ``500_000``);
* a publication or mentioned date of an article in any spelling (``2023-03-15``,
  ``date(2023, 3, 15)``, ``15 March 2023``, ``March 15``, ...);
* three content words in a row from any article (stop words do not count, so "the" cannot
  break a pasted phrase).

The cue lexicons of ``data/lexicons/`` are checked too: each cue row must match some article
other than the seed, or carry an invented example that it matches, so no rule exists for the
seed alone. Each checker is also run on planted strings, to show it bites.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest
from spacy.lang.en.stop_words import STOP_WORDS

from analysis.article import load_article
from analysis.lexicons import read_commented_csv
from analysis.paths import ANNOTATIONS_DIR, ARTICLES_DIR, LEXICONS_DIR, PROJECT_ROOT, SEED_ARTICLE

ARTICLES = sorted(ARTICLES_DIR.glob("*.txt"))
MODULES = sorted((PROJECT_ROOT / "analysis").glob("*.py"))
GOLD_FOLDERS = [ANNOTATIONS_DIR, *sorted(p for p in ANNOTATIONS_DIR.iterdir() if p.is_dir())]
MONTHS = ("january february march april may june july august september october november "
          "december").split()
# a word, with an English clitic ("assad's", "don't") but not a string prefix ("r'staunch")
WORD = re.compile(r"[a-z]+(?:'(?:s|t|re|ve|ll|d|m)(?![a-z]))?")
PARTICLES = {"al", "bin", "ibn", "de", "van", "von", "of", "the"}


def gold_tables(name: str) -> list:
    return [read_commented_csv(folder / name) for folder in GOLD_FOLDERS
            if (folder / name).exists()]


# ------------------------------------------------------------------ what the articles hold

def _is_name(phrase: str) -> bool:
    """A proper name: every word capitalised (particles such as al-/bin/de allowed)."""
    words = phrase.split()
    return bool(words) and all(w[0].isupper() or w.lower() in PARTICLES
                               or w.lower().startswith("al-") for w in words)


@cache
def _not_names() -> frozenset[str]:
    """Titles ("President", "Mr.") and demonyms ("Iranian"): capitalised, but no one's name."""
    words = {w.lower() for t in read_commented_csv(LEXICONS_DIR / "titles.csv")["title"]
             for w in t.split()}
    demonyms = read_commented_csv(LEXICONS_DIR / "countries.csv")["demonyms"]
    words |= {d.lower() for cell in demonyms for d in cell.split("|") if d}
    return frozenset(words | {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sheikh"})


@cache
def names() -> frozenset[str]:
    """Every gold actor's name in lower case: a person's full name, family name and one-word
    surface forms ("Assad"); a place's, state's or organisation's name and capitalised surface
    forms ("Moscow", "Arab League"), whole."""
    found: set[str] = set()
    for table in gold_tables("actors.csv"):
        for row in table.to_dict("records"):
            name = row["name"].strip()
            forms = [f.strip() for f in row["surface_forms"].split("|") if _is_name(f.strip())]
            if row["kind"] == "person" and _is_name(name):
                found |= {name.lower(), name.split()[-1].lower()}
                found |= {f.lower() for f in forms if " " not in f}
            elif row["kind"] in ("state", "organization", "armed_group", "government"):
                found |= {f.lower() for f in [name, *forms] if _is_name(f)}
    # dotted abbreviations ("U.S.", "U.N.") are generic tokens, met in any article
    return frozenset(n for n in found if len(n) > 2 and "." not in n and n not in _not_names())


def _digits(text: str) -> set[str]:
    return {re.sub(r"[,_ ]", "", n) for n in re.findall(r"\d[\d,_]*\d", text)}


@cache
def numbers() -> frozenset[str]:
    """Numbers of four or more digits in the articles' text and their gold figures."""
    found = set().union(*(_digits(p.read_text(encoding="utf-8")) for p in ARTICLES))
    for table in gold_tables("figures.csv"):
        for column in ("low", "best", "high"):
            found |= {str(int(float(v))) for v in table.get(column, []) if v}
    return frozenset(n for n in found if len(n) >= 4)


def spellings(day: date) -> set[str]:
    """The ways a day is written in prose or code, in lower case."""
    month = MONTHS[day.month - 1]
    return {
        day.isoformat(), f"{day:%Y/%m/%d}", f"{day:%Y%m%d}", f"{day.day}/{day.month}/{day.year}",
        f"{day.month}/{day.day}/{day.year}",
        f"date({day.year}, {day.month}, {day.day})", f"({day.year}, {day.month}, {day.day})",
        f"{day.day} {month} {day.year}", f"{month} {day.day}, {day.year}",
        f"{month} {day.day} {day.year}", f"{month} {day.day}", f"{day.day} {month}",
        f"{month[:3]} {day.day}", f"{day.day} {month[:3]}", f"{month} {day.day}th",
    }


@cache
def days() -> frozenset[date]:
    """Publication days of the articles and every day their gold events and meetings name."""
    found = {load_article(p).published for p in ARTICLES}
    for name in ("events.csv", "meetings.csv"):
        for table in gold_tables(name):
            for row in table.to_dict("records"):
                start, end = row.get("date_start", ""), row.get("date_end", "")
                if re.fullmatch(r"\d{4}-\d\d-\d\d", start) and start == end:
                    found.add(date.fromisoformat(start))
    return frozenset(d for d in found if d)


@cache
def months() -> frozenset[tuple[int, int]]:
    """(year, month) of every month-long date the gold events and meetings name."""
    found = set()
    for name in ("events.csv", "meetings.csv"):
        for table in gold_tables(name):
            for row in table.to_dict("records"):
                if row.get("precision") == "month" and re.match(r"\d{4}-\d\d", row["date"]):
                    found.add((int(row["date"][:4]), int(row["date"][5:7])))
    return frozenset(found)


@cache
def date_forms() -> frozenset[str]:
    forms = set().union(*(spellings(d) for d in days()))
    for year, month in months():
        forms |= {f"{MONTHS[month - 1]} {year}", f"{year}-{month:02d}",
                  f"date({year}, {month}, "}
    return frozenset(forms)


def content_words(text: str) -> list[str]:
    """The words of ``text`` in lower case, stop words and regex escapes (``\\s+``) left out."""
    text = re.sub(r"\\[a-zA-Z]", " ", text).lower().replace("’", "'")
    return [w for w in WORD.findall(text) if len(w) > 1 and w not in STOP_WORDS]


def runs(words: list[str], n: int = 3) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


@cache
def article_runs() -> frozenset[tuple[str, ...]]:
    return frozenset().union(*(runs(content_words(p.read_text(encoding="utf-8")))
                               for p in ARTICLES))


# ------------------------------------------------------------------ the checkers

@cache
def _whole(words: frozenset[str]) -> re.Pattern:
    """One pattern finding any of ``words`` as whole words (longest first)."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(" + alternatives + r")(?![\w-])")


def _find(words: frozenset[str], text: str) -> list[str]:
    found = {m.group(1) for m in _whole(words).finditer(text)}
    # a shorter form inside a longer one ("march 15" in "march 15, 2023") counts as well
    return sorted(w for w in words if any(w in f for f in found)
                  and re.search(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", text))


def named(text: str) -> list[str]:
    return _find(names(), text.lower())


def numbered(text: str) -> list[str]:
    return sorted(_digits(text) & numbers())


def dated(text: str) -> list[str]:
    return _find(date_forms(), re.sub(r"\s+", " ", text.lower()))


def quoted(text: str) -> list[str]:
    return sorted(" ".join(r) for r in runs(content_words(text)) & article_runs())


CHECKERS = {"names": named, "numbers": numbered, "dates": dated, "phrases": quoted}


# ------------------------------------------------------------------ the checks bite

def test_the_checks_know_the_articles():
    assert {"putin", "vladimir putin", "assad", "kerry", "moscow", "damascus", "saudi arabia",
            "arab league", "hamas"} <= names()
    assert {"500000", "2011"} <= numbers()
    assert {date(2023, 3, 14), date(2023, 3, 15)} <= days()
    assert ("staunch", "ally", "moscow") in article_runs()


@pytest.mark.parametrize(("checker", "planted"), [
    ("names", 'LEADERS = {"putin": "RUS"}'),
    ("names", "# as when kerry met lavrov"),
    ("names", "PLACES = ('SAUDI ARABIA',)"),
    ("numbers", "CAP = 500_000"),
    ("numbers", "killed = 500,000  # the war"),
    ("numbers", "if year == 2011:"),
    ("dates", "when = date(2023, 3, 15)"),
    ("dates", '"""Talks on 15 March 2023."""'),
    ("dates", "PUBLISHED = '2023-03-14'"),
    ("dates", "# resolve 'Wednesday' to March 15"),
    ("dates", "d = (2023,  3,  15)"),
    ("dates", "# since September 2021"),
    ("phrases", "# Damascus is a staunch ally of Moscow"),
    ("phrases", "pattern = r'staunch\\s+ally\\s+of\\s+moscow'"),
    ("phrases", "WAR = 'killed around half a million people'"),
])
def test_a_planted_shortcut_is_caught(checker, planted):
    assert CHECKERS[checker](planted), f"{checker} missed {planted!r}"


@pytest.mark.parametrize("innocent", [
    "def split(text: str) -> list[str]:  # sentences, then clauses",
    "YEAR = re.compile(r'\\d{4}')  # 1000-2999",
    "the leader of a country spoke to reporters",
    "assassin, putinesque, moscowitz",
])
def test_generic_code_is_not_flagged(innocent):
    assert not any(check(innocent) for check in CHECKERS.values())


# ------------------------------------------------------------------ the package

def _cases():
    for path in MODULES:
        for what in CHECKERS:
            yield pytest.param(path, what, id=f"{path.stem}-{what}")


@pytest.mark.parametrize(("path", "what"), list(_cases()))
def test_the_package_names_no_article(path, what):
    hits = CHECKERS[what](path.read_text(encoding="utf-8"))
    assert not hits, f"analysis/{path.name} holds article {what}: {hits}"


# ------------------------------------------------------------------ the lexicons

#: Columns holding a cue (a regular expression or a literal phrase) in the cue lexicons.
CUE_COLUMNS = ("pattern", "phrase", "cue")


#: Closed classes of English grammar words (auxiliaries, modals, irregular past forms), not cues
#: of the genre or of the world: they need no example and say nothing about one article.
GRAMMAR_LEXICONS = ("tense_cues.csv",)


def cue_lexicons() -> list[Path]:
    return [p for p in sorted(LEXICONS_DIR.glob("*.csv"))
            if p.name not in GRAMMAR_LEXICONS
            and set(CUE_COLUMNS) & set(read_commented_csv(p).columns)]


def matches(cue: str, text: str) -> bool:
    """Whether a cue (a regular expression, else a literal) occurs in ``text`` as whole words
    (a cue that starts or ends on a hyphen, "-backed", may touch a word there)."""
    try:
        re.compile(cue)
    except re.error:
        cue = re.escape(cue)
    before = r"(?<!\w)" if re.match(r"[\w(\\]", cue) else ""
    after = r"(?!\w)" if re.search(r"[\w)?*+\\]$", cue) else ""
    return bool(re.search(before + "(?:" + cue + ")" + after, text, re.IGNORECASE))


def unserved_rows(path: Path, seed: str, others: list[str]) -> dict[str, list[str]]:
    """Rows of a cue lexicon that no article but the seed bears out: ``seed only`` (they match
    the seed and no other article) and ``no article`` (they match none), unless they carry an
    invented example they match (an example that quotes an article does not count)."""
    table = read_commented_csv(path)
    column = next(c for c in CUE_COLUMNS if c in table.columns)
    # file line of each row: the lines that are not comments are the header, then the rows
    lines = [n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if not text.startswith("#")][1:]
    bad: dict[str, list[str]] = {"seed only": [], "no article": []}
    for line, row in zip(lines, table.to_dict("records"), strict=False):
        cue = row[column].strip()
        if path.name == "quantities.csv":  # "between X and Y": X and Y stand for numbers
            cue = re.sub(r"\b[XY]\b", r"[\\d.,]+", cue)
        if not cue or any(matches(cue, text) for text in others):
            continue
        example = row.get("example", "").strip()
        if example and matches(cue, example) and not quoted(example):
            continue
        where = "seed only" if matches(cue, seed) else "no article"
        bad[where].append(f"{path.name} line {line} ({column}={cue!r})")
    return bad


def test_the_lexicon_check_bites(tmp_path):
    lexicon = tmp_path / "relation_cues.csv"
    lexicon.write_text("# a comment\npattern,relation,example\n"
                       "bridge the divide,mediates,\n"
                       "bridge the divide,mediates,Staunch ally of Moscow may bridge the divide\n"
                       "bridge the divide,mediates,A and B bridge the divide\n"
                       "met with,meets,\n"
                       "-brokered,mediates,\n"
                       "-brokered,mediates,an A-brokered deal\n", encoding="utf-8")
    seed = "Moscow and Ankara bridge the divide."
    assert unserved_rows(lexicon, seed, ["They met with B."]) == {
        "seed only": ["relation_cues.csv line 3 (pattern='bridge the divide')",
                      "relation_cues.csv line 4 (pattern='bridge the divide')"],
        "no article": ["relation_cues.csv line 7 (pattern='-brokered')"]}


def _unserved(where: str) -> list[str]:
    seed = SEED_ARTICLE.read_text(encoding="utf-8")
    others = [p.read_text(encoding="utf-8") for p in ARTICLES if p != SEED_ARTICLE]
    assert len(others) >= 10 and cue_lexicons()
    return [row for path in cue_lexicons() for row in unserved_rows(path, seed, others)[where]]


def test_no_cue_row_serves_the_seed_alone():
    bad = _unserved("seed only")
    assert not bad, "cue rows that match only the seed:\n" + "\n".join(bad)


def test_every_cue_row_unmatched_by_the_articles_has_an_invented_example():
    bad = _unserved("no article")
    assert not bad, "cue rows with no article and no example:\n" + "\n".join(bad)


def test_days_spell_every_way():
    day = date(2023, 3, 15)
    forms = spellings(day)
    assert {"2023-03-15", "date(2023, 3, 15)", "15 march 2023", "march 15, 2023", "march 15",
            "mar 15"} <= forms
    assert spellings(day + timedelta(days=1)).isdisjoint({"2023-03-15", "march 15"})
