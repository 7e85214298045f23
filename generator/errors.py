"""The one exception type for bad content, and the located problems it carries."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One located finding about the content: an error or a warning."""

    path: str
    line: int = 0
    col: int = 0
    message: str = ""
    severity: str = "error"  # "error" | "warning"
    rule: str = field(default="", compare=False)

    def format(self) -> str:
        """Render as `PATH:LINE:COL: severity: MESSAGE`, the shape editors and CI understand."""
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class ContentError(Exception):
    """Bad content: carries one or more located problems; the CLI prints them and exits 1."""

    def __init__(self, problems: list[Problem] | Problem, doc=None):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        self.doc = doc  # what could be read despite the problems (the loader read past them), for further checks
        super().__init__("\n".join(p.format() for p in self.problems))

    def __reduce__(self):  # pickled with its problems (an error raised in a worker process is raised again here)
        return self.__class__, (self.problems, self.doc)

    @classmethod
    def at(cls, path: str | Path, line: int, col: int, message: str, rule: str = "") -> "ContentError":
        """Make an error about one place in one file."""
        return cls(Problem(str(path), line, col, message, "error", rule))


class ToolMissing(Exception):
    """A tool the build needs (a Japanese font, Pagefind, Pango) is not installed: the message says how to fix it."""
