"""Loading content: files -> records (reader) -> cross-file rules -> the model (assemble).

``load`` never raises for a content mistake: it returns every problem found, sorted, and a model
only when there are none.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model import Site
from . import assemble
from .problems import Problem, Problems
from .reader import read_content
from .rules import check_all

__all__ = ["Problem", "Loaded", "load"]


@dataclass(frozen=True)
class Loaded:
    site: Site | None
    problems: list[Problem]


def load(root: Path | str, shown: str | None = None) -> Loaded:
    """Read and check the content tree at ``root``; ``shown`` is how messages name it (default: as given)."""
    root = Path(root)
    shown = (shown if shown is not None else str(root)).rstrip("/") or "."
    problems = Problems()
    raw = read_content(root, shown, problems)
    check_all(raw, problems)
    if problems:
        return Loaded(None, problems.sorted())
    return Loaded(assemble.site(raw), [])
