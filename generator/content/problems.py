"""Content problems: what a staff member sees when a file is wrong.

Every check adds a :class:`Problem` instead of raising, so one run reports all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A line break or another control character in a file's name or a quoted value would split the printed line, and
# a line that then starts with '::' is a command to a GitHub Actions runner: they are printed as escapes.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """``text`` with its control characters written as escapes (a line break as \\n)."""
    return _CONTROL.sub(lambda match: repr(match.group())[1:-1], text)


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, at a 1-based line and column."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return printable(f"{self.path}:{self.line}:{self.col}: {self.message}")


@dataclass
class Problems:
    """Collects problems from every step of loading; printed sorted by path and position."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int, col: int, message: str) -> None:
        self.items.append(Problem(path, line, col, message))

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))
