"""Which of many cue regexes could match a sentence, told by the words each one cannot do without.

Meetings, relations and events try every row of a cue lexicon on every sentence: dozens of
regexes, each a scan of the sentence, though most sentences hold none of a cue's words. A cue
such as ``\\b(?:backed|supported)\\s+by\\b`` cannot match a sentence that contains neither
"backed" nor "supported"; a substring test on the sentence says so far faster than the regex.

:class:`LiteralFilter` reads each pattern once (Python's own regex parser) and keeps, for each,
a set of literal strings one of which every match must contain: a run of literal characters
that the pattern cannot skip, or for an alternation one such string per branch. The test is
made on a case-folded copy of the sentence, so it holds with and without ``re.IGNORECASE``. It
only ever rules a pattern out when the pattern cannot match; a pattern with no such string is
always tried. Results are exactly those of trying every pattern.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence

try:  # Python 3.11+ names the regex parser's modules privately
    from re import _constants as _sre_constants
    from re import _parser as _sre_parser
except ImportError:  # pragma: no cover - older Pythons (the project needs 3.11)
    import sre_constants as _sre_constants
    import sre_parse as _sre_parser

_LITERAL = _sre_constants.LITERAL
_SUBPATTERN = _sre_constants.SUBPATTERN
_BRANCH = _sre_constants.BRANCH
_ATOMIC = getattr(_sre_constants, "ATOMIC_GROUP", None)
_REPEATS = tuple(
    op for op in (getattr(_sre_constants, name, None)
                  for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"))
    if op is not None
)

Needs = frozenset[str] | None  # one of these strings is in every match; None: no such set


class _CaseTable(dict):
    """Character code -> its case-folded stand-in, filled in as characters are first seen.

    An ASCII character stands for itself in lower case. Any other character stands for the
    ASCII letter that ``re.IGNORECASE`` would match it to (the Kelvin sign for "k", the long s
    for "s"), else for itself: the patterns' literal strings are kept to ASCII, so a character
    that no ASCII letter matches can never complete one of them.
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = char.lower() if code < 128 else char
        if code >= 128:
            for letter in string.ascii_lowercase:
                if re.fullmatch(letter, char, re.IGNORECASE):
                    folded = letter
                    break
        self[code] = folded
        return folded


_CASE = _CaseTable()


def case_folded(text: str) -> str:
    """``text`` as the literal strings are compared with it (see :class:`_CaseTable`)."""
    return text.lower() if text.isascii() else text.translate(_CASE)


def _best(options: list[frozenset[str]]) -> Needs:
    """The most selective requirement (the one whose shortest string is longest), without the
    strings that contain another of its strings ("phone" is found wherever "phoned" is)."""
    if not options:
        return None
    best = max(options, key=lambda o: (min(len(s) for s in o), -len(o)))
    return frozenset(s for s in best if not any(t != s and t in s for t in best))


def _needs(items) -> Needs:  # noqa: ANN001 - a SubPattern of the regex parser
    """What a sequence of parsed regex items needs (every item of a sequence must match)."""
    options: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            options.append(frozenset(["".join(run)]))
            run.clear()

    for op, av in items:
        if op is _LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        flush()
        if op is _SUBPATTERN:
            found = _needs(av[-1])
        elif op is _BRANCH:
            branches = [_needs(branch) for branch in av[1]]
            found = None if any(b is None for b in branches) else frozenset().union(*branches)
        elif op in _REPEATS:
            found = _needs(av[2]) if av[0] >= 1 else None
        elif _ATOMIC is not None and op is _ATOMIC:
            found = _needs(av)
        else:  # a class, an anchor, a look-around, a back-reference: no literal to count on
            found = None
        if found:
            options.append(found)
    flush()
    return _best([o for o in options if all(o)])


def literal_needs(pattern: re.Pattern | str) -> Needs:
    """The strings (lower case) one of which every match of ``pattern`` contains, or None."""
    source = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    flags = pattern.flags if isinstance(pattern, re.Pattern) else 0
    if isinstance(source, bytes):
        return None
    return _needs(_sre_parser.parse(source, flags))


class LiteralFilter:
    """For a list of patterns, which could match a text (built once per cue lexicon)."""

    def __init__(self, patterns: Sequence[re.Pattern | str]) -> None:
        self.needs: tuple[Needs, ...] = tuple(literal_needs(p) for p in patterns)
        # every string any pattern needs, each looked for once per text
        self._strings = tuple(sorted({s for need in self.needs if need for s in need}))

    def possible(self, text: str) -> list[bool]:
        """One flag per pattern: False only when the pattern cannot match ``text``."""
        folded = case_folded(text)
        present = {s for s in self._strings if s in folded}
        return [need is None or not need.isdisjoint(present) for need in self.needs]
