"""Loading content: files -> records (reader, optionally cached) -> cross-file rules -> the model (assemble).

``load`` never raises for a content mistake: it returns every problem found, sorted, and a model
only when there are none.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..model import Site
from . import assemble
from .cache import RecordCache
from .problems import Problem, Problems
from .reader import read_content
from .rules import check_all

__all__ = ["Problem", "Loaded", "load"]


@dataclass(frozen=True)
class Loaded:
    site: Site | None
    problems: list[Problem]


@contextmanager
def _collector_paused():
    """Loading creates millions of small objects, most of them alive until it ends, and no reference cycles.

    CPython's cycle collector runs every few hundred allocations and, as its older generations fill, rescans all
    of them, for nothing: at 10,000 files about a sixth of a cold load and a third of a cached one. Reference
    counting still frees what dies; the collector runs again as soon as loading returns.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def load(root: Path | str, shown: str | None = None, cache_dir: Path | str | None = None) -> Loaded:
    """Read and check the content tree at ``root``; ``shown`` is how messages name it (default: as given).

    With ``cache_dir``, what reading each file produced is kept there, and a file whose bytes have not changed
    since a load with the same code is not parsed again (see ``cache``); the result is the same either way.
    """
    root = Path(root)
    shown = (shown if shown is not None else str(root)).rstrip("/") or "."
    cache = RecordCache(Path(cache_dir)) if cache_dir is not None else None
    with _collector_paused():
        return _load(root, shown, cache)


def _load(root: Path, shown: str, cache: RecordCache | None) -> Loaded:
    # A function of its own so the records die when it returns, before the collector runs again: it then only
    # has the model to look at.
    problems = Problems()
    raw = read_content(root, shown, problems, cache)
    if cache is not None:
        cache.save()
    check_all(raw, problems)
    if problems:
        return Loaded(None, problems.sorted())
    return Loaded(assemble.site(raw), [])
