"""The one exception type users see for bad input."""

from __future__ import annotations

from pathlib import Path


class ArticleError(ValueError):
    """An article (or its metadata) cannot be read as intended.

    The message is one line, ``"<file>: <problem>"``, so the CLI can print it as it is.
    """

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
