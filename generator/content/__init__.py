"""Loading content: files -> records (reader, optionally cached) -> cross-file rules -> the model (assemble).

With a cache folder, a load after edits to initiative files alone starts from the model the last load kept there
(snapshot) and reads only those files.

``load`` never raises for a content mistake: it returns every problem found, sorted, and a model
only when there are none.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable

from .. import collector, parallel
from ..identity import ByIdentity
from ..model import Site
from . import assemble, edits, snapshot
from .cache import RecordCache
from .problems import Problem, Problems
from .reader import RawContent, read_content
from .rules import Checked, check_all

__all__ = ["Problem", "Loaded", "initiative_files", "load", "load_apart", "save_snapshot", "survey", "update"]


@dataclass(frozen=True)
class Loaded:
    site: Site | None
    problems: list[Problem]
    # kept only when asked (a served site, loaded again file by file): every file's document, and what each became
    raw: RawContent | None = None
    made: ByIdentity | None = None
    checked: Checked | None = None
    # how the load went, not what it found (left out of comparisons): what the next load can start from
    # (content/snapshot.py), still to be written (save_snapshot); the files read when this one started from the
    # last one's model (their shown paths), None after a whole load
    unsaved: snapshot.Kept | None = field(default=None, compare=False)
    reread: tuple[str, ...] | None = field(default=None, compare=False)


def load(root: Path | str, shown: str | None = None, cache_dir: Path | str | None = None, *,
         keep: bool = False, from_last: bool = True, listing: snapshot.Listing | None = None) -> Loaded:
    """Read and check the content tree at ``root``; ``shown`` is how messages name it (default: as given).

    With ``cache_dir``, what reading each file produced is kept there, and a file whose bytes have not changed
    since a load with the same code is not parsed again (see ``cache``); the result is the same either way.
    With ``keep``, the result keeps what :func:`update` needs. Without it, a load with ``cache_dir`` and
    ``from_last`` starts from the model of the last one when only initiative files changed since, and reads only
    those (``snapshot``); the result's ``unsaved`` is then what the next load can start from, written by
    :func:`save_snapshot`. ``listing``: :func:`survey` of ``root``, taken by the caller before any file was read.
    """
    root = Path(root)
    shown = (shown if shown is not None else str(root)).rstrip("/") or "."
    with collector.paused():
        if cache_dir is None or keep or not from_last:
            return _load(root, shown, RecordCache(Path(cache_dir)) if cache_dir is not None else None, keep)
        # before any file is read: a file changed meanwhile is read again next time
        listing = listing if listing is not None else snapshot.survey(root)
        found = snapshot.load(Path(cache_dir), root, shown, listing)
        if found is not None:
            site, unsaved, reread = found
            return Loaded(site, [], unsaved=unsaved, reread=reread)
        return _load(root, shown, RecordCache(Path(cache_dir)), keep, listing)


def save_snapshot(cache_dir: Path | str, kept: snapshot.Kept) -> None:
    """What the next :func:`load` with ``cache_dir`` can start from (a load's ``unsaved``), written there."""
    snapshot.save(Path(cache_dir), kept)


def initiative_files(root: Path | str, listing: snapshot.Listing | None = None) -> int:
    """About how many initiatives the content tree at ``root`` has (its initiative files), before loading it:
    counted in ``listing`` (:func:`survey`) when there is one, else listed. os.walk, not Path.rglob: 0.02 against
    0.64 s at 10,000 initiatives."""
    if listing is not None:
        return sum(path.startswith("initiatives/") and path.endswith(".yml") for path in listing.files)
    return sum(name.endswith(".yml") for _, _, names in os.walk(Path(root) / "initiatives") for name in names)


def survey(root: Path | str) -> snapshot.Listing | None:
    """The status of every file of the content tree at ``root``, for :func:`load` and :func:`initiative_files`
    (the tree is listed once)."""
    with collector.paused():  # a tuple for each file, and no cycle
        return snapshot.survey(Path(root))


def load_apart(root: Path | str, shown: str | None = None, cache_dir: Path | str | None = None,
               ahead: Callable[[Site], Iterable[Any]] | None = None, heard: Callable[[Any], None] | None = None,
               before: Callable[[Callable[[], Loaded]], None] | None = None) -> parallel.Handed:
    """:func:`load` in a forked process, its result handed over through a file in ``cache_dir`` (the system's
    temporary folder without one; ``parallel.hand_over``): ``.load()`` gives the same result as :func:`load`,
    and this process then holds only the model, not the memory that reading and checking the files left
    fragmented. ``ahead``: parts worked out from the site in that process as soon as it is loaded without
    problems, each given to ``heard`` here as it comes, while the site is pickled and handed over. ``before``:
    given first a function that waits for the result and reads it, for the processes it forks."""
    # without a snapshot (from_last): pickling a large site's model beside its build would add to its peak memory
    # a copy of every page of it that pickling touches
    def load_here() -> Loaded:
        return load(root, shown, cache_dir, from_last=False)

    def load_and_tell(tell: Callable[[Any], None]) -> Loaded:
        loaded = load_here()
        if loaded.site is not None:
            for part in ahead(loaded.site):
                tell(part)
        return loaded

    if ahead is None or heard is None:
        return parallel.hand_over(load_here, spill=cache_dir, before=before)
    return parallel.hand_over(load_and_tell, spill=cache_dir, heard=heard, before=before)


def _load(root: Path, shown: str, cache: RecordCache | None, keep: bool,
          listing: snapshot.Listing | None = None) -> Loaded:
    # A function of its own so the records die when it returns, before the collector runs again: it then only
    # has the model to look at.
    problems = Problems()
    raw = read_content(root, shown, problems, cache)
    if cache is not None:
        cache.save()
    loaded = _checked(raw, problems, ByIdentity() if keep else None, Checked() if keep else None)
    if listing is None or loaded.problems:
        return loaded
    return replace(loaded, unsaved=snapshot.after_load(raw, loaded.site, listing))


def _checked(raw: RawContent, problems: Problems, made: ByIdentity | None, checked: Checked | None = None) -> Loaded:
    check_all(raw, problems, checked)
    if problems:
        return Loaded(None, problems.sorted())
    site = assemble.site(raw, made)
    if made is None:
        return Loaded(site, [])
    made.keep_only(assemble.documents(raw))
    return Loaded(site, [], raw, made, checked)


def update(before: Loaded, paths: Iterable[Path]) -> Loaded | None:
    """What :func:`load` would give now that the files at ``paths`` changed, reading only those (``before`` comes
    from a load with ``keep``, and had no problems); None when the change needs a whole load
    (generator/content/edits.py). The values of unchanged files are the same objects as in ``before.site``."""
    problems = Problems()
    with collector.paused():
        raw = edits.reread(before.raw, paths, problems)
        if raw is None:
            return None
        return _checked(raw, problems, before.made, before.checked)
