"""The one exception type users see for bad input."""

from __future__ import annotations

import os
from pathlib import Path

#: Longest file name shown in a message; longer ones (say 5 MB of text passed as a path) are
#: shortened in the middle, so the message stays one readable line.
SHOWN_PATH_CHARS = 160


def shown_path(path: str | Path) -> str:
    """``path`` as a message shows it: control characters escaped, a long one shortened."""
    text = os.fspath(path) if isinstance(path, os.PathLike) else str(path)
    if len(text) > SHOWN_PATH_CHARS:
        text = f"{text[:100]}...({len(text):,} characters)...{text[-40:]}"
    return "".join(ch if ch.isprintable() or ch == " " else repr(ch)[1:-1] for ch in text)


class ArticleError(ValueError):
    """An article (or its metadata, or the output folder) cannot be read or written as intended.

    The message is one line, ``"<file>: <problem>"``, so the CLI can print it as it is.
    """

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = " ".join(problem.split())
        super().__init__(f"{shown_path(path)}: {self.problem}")
