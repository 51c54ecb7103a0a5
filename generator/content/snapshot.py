"""The model of the last load, kept with the status of every content file, so the next load reads only what changed.

A whole load reads and hashes every content file, takes each one's checked record (from the record cache, cache.py,
when its bytes were read before), and runs the rules across files and the assembly over all of them: about a second
at 10,000 initiatives when a single file changed. After a load without problems, :func:`after_load` keeps what it
made (the campaign, units, initiatives and news of the model), the status the system gave each file below the
content folder before any was read (size, times, inode, mode), and what an initiative file's own rules are checked
against; :func:`save` writes it to the cache folder.

The next load lists the folder again (:func:`survey`) and :func:`load` compares. When the same files are there and
only initiative files changed, it reads those alone, checks them as a whole load does (each file's own rules, and
registration codes across every file) and puts their new values in place of the old. Anything else (a file added,
removed or renamed, the campaign, the units, a news item, a photo, a hand-written page, or any problem in a changed
file) gives None, and the caller loads the whole tree, which reports every problem as it always did. Both ways give
the same model (tests/test_snapshot.py).

A file's status changes whenever its bytes do: the kernel sets its change time (ctime) on every write, and no
program can set it back (``touch -d`` and ``cp -p`` set only the modification time); setting the system clock back
can, as it can fool ``make``. A write in the same tick of the file system's clock as the listing could keep the
status the listing saw, so a file changed less than RACY_NS before the listing is read again by the next load too,
as git does for files as new as its index.

One file per code version (the loader's, cache.CODE_VERSION, and the model's), ``site-<version>.pickle`` beside the
records, and the initiatives changed since it was written in ``site-<version>.journal`` (:class:`Kept`); only the
model's classes, dates and paths can be read back from them. The folder can be deleted at any time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pathlib
import pickle
import stat
import time
from dataclasses import dataclass, replace
from pathlib import Path

from .. import cachefile, model
from ..model import Site
from . import assemble, reader, rules
from .cache import CODE_VERSION
from .edits import kind_of
from .problems import Problems
from .reader import RawContent

RACY_NS = 2_000_000_000  # a file changed this close to the listing is read again by the next load


def _version() -> str:
    """The loader's code version and the model's source: a snapshot of another model is never read back."""
    digest = hashlib.sha256(CODE_VERSION.encode() + b"\0")
    try:
        digest.update(Path(model.__file__).read_bytes())
    except OSError:  # installed without its source: share nothing
        digest.update(os.urandom(16))
    return digest.hexdigest()[:16]


VERSION = _version()
_MAGIC = b"SKS1"
_PREFIX, _SUFFIX, _JOURNAL = "site-", ".pickle", ".journal"
# A file's status: size, modification time, change time, inode, mode.
Status = tuple[int, int, int, int, int]


@dataclass(frozen=True)
class Listing:
    """The status of every file below the content folder, by its path relative to it ('/'-joined; hidden names
    skipped, as a load skips them), and when the listing began (time.time_ns)."""

    files: dict[str, Status]
    taken: int


def survey(root: Path) -> Listing | None:
    """The files below ``root`` as they are now; None when a folder cannot be listed."""
    taken = time.time_ns()
    files: dict[str, Status] = {}
    folders = [(os.fspath(root), "")]
    try:
        while folders:
            folder, prefix = folders.pop()
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue
                    status = entry.stat(follow_symlinks=False)
                    if stat.S_ISDIR(status.st_mode):
                        folders.append((entry.path, f"{prefix}{entry.name}/"))
                    else:
                        files[prefix + entry.name] = (status.st_size, status.st_mtime_ns, status.st_ctime_ns,
                                                      status.st_ino, status.st_mode)
    except OSError:
        return None
    return Listing(files, taken)


@dataclass(frozen=True)
class Kept:
    """What :func:`load` needs of the last load: its model, the files it read and what their rules compare.

    Written whole (the base, under a new ``base`` id) after a whole load; after a load that read a few initiative
    files on top of it, only what changed since the base (``changes``), in a journal of its own that names the
    base it adds to: a pickle of the whole model, about 0.3 s at 10,000 initiatives and more in a process forked
    for it, is then not written again for each edit."""

    root: str
    shown: str
    files: dict[str, Status]
    racy: frozenset[str]  # files read again by the next load, whatever their status
    site: Site
    context: tuple  # rules.initiative_context: the campaign's ids, the units' ids, the campaign's span
    images: frozenset[str]  # RawContent.images: the photos an initiative may name
    codes: dict[str, str]  # each initiative file (its shown path) -> its registration code
    base: str  # the id of the whole snapshot this is, or adds to
    changes: dict[str, tuple[Status, model.Initiative, str]] | None  # since the base, by path; None: a new base

    @property
    def whole(self) -> bool:
        """Whether :func:`save` writes the whole model (a new base) rather than a journal of a few files."""
        return self.changes is None


JOURNAL_MOST = 500  # files changed since the base: one more, and the base is written again


def _kept(listing: Listing, site: Site, kept: Kept, changes: dict | None) -> Kept:
    new = listing.taken - RACY_NS
    racy = frozenset(path for path, status in listing.files.items() if status[2] >= new)
    codes = kept.codes
    if changes:
        codes = {**codes, **{f"{kept.shown}/{path}": code for path, (_, _, code) in changes.items()}}
        if len(changes) > JOURNAL_MOST:
            changes = None
    return replace(kept, files=listing.files, racy=racy, site=site, codes=codes, changes=changes,
                   base=kept.base if changes is not None else os.urandom(8).hex())


def after_load(raw: RawContent, site: Site, listing: Listing) -> Kept:
    """What the next load needs of a whole load of ``raw`` without problems (``listing``: taken before it read)."""
    codes = {document.shown: document.record["code"] for document in raw.initiatives}
    empty = Kept(os.fspath(raw.root), raw.shown, {}, frozenset(), site, rules.initiative_context(raw),
                 frozenset(raw.images), codes, "", None)
    return _kept(listing, site, empty, None)


def load(folder: Path, root: Path, shown: str, listing: Listing | None
         ) -> tuple[Site, Kept | None, tuple[str, ...]] | None:
    """The model a whole load of ``root`` would give now, from the snapshot in ``folder`` and the initiative files
    that changed since (``listing``: :func:`survey`, taken before this); with what to :func:`save` for the next
    load (None when nothing changed) and the files read (their shown paths). None when a whole load is needed, or
    would find problems."""
    kept = _read(folder)
    if (kept is None or listing is None or (kept.root, kept.shown) != (os.fspath(root), shown)
            or listing.files.keys() != kept.files.keys()):
        return None
    changed = sorted(path for path, status in listing.files.items()
                     if status != kept.files[path] or path in kept.racy)
    if not changed:
        return kept.site, None, ()
    if not all(kind_of(tuple(path.split("/"))) == "initiative" and stat.S_ISREG(listing.files[path][4])
               for path in changed):
        return None
    read = _with_changed(kept, root, shown, changed)
    if read is None:
        return None
    site, initiatives = read
    changes = {**kept.changes, **{path: (listing.files[path], item, item.code)
                                  for path, item in zip(changed, initiatives)}}
    return site, _kept(listing, site, kept, changes), tuple(f"{shown}/{path}" for path in changed)


def _with_changed(kept: Kept, root: Path, shown: str, changed: list[str]
                  ) -> tuple[Site, list[model.Initiative]] | None:
    """``kept.site`` with the initiative files at ``changed`` read again, and their new values; None when one has
    a problem, alone or across files."""
    problems = Problems()
    documents = reader.read_files([(root / path, f"{shown}/{path}") for path in changed], "initiative", problems)
    if problems or len(documents) != len(changed):
        return None
    raw = RawContent(root, shown, images=set(kept.images))
    known, unit_ids, span = kept.context
    codes = dict(kept.codes)
    initiatives = []
    for document in documents:
        own, code, _, _ = rules.own_rules(raw, document, known, unit_ids, span)
        if own:
            return None
        codes[document.shown] = code
        initiatives.append(assemble.initiative(raw, document))
    written = [code for code in codes.values() if code]
    if len(written) != len(codes) or len(set(written)) != len(written):
        return None  # a code missing or used twice: the whole load reports it where it is written
    return _replaced(kept.site, initiatives), initiatives


def _replaced(site: Site, initiatives: list[model.Initiative]) -> Site:
    """``site`` with ``initiatives`` in place of those read from the same files, in the model's order."""
    by_source = {item.source: item for item in site.initiatives}
    by_source.update((item.source, item) for item in initiatives)
    ordered = tuple(sorted(by_source.values(), key=assemble.initiative_order))
    return Site(campaign=site.campaign, units=site.units, initiatives=ordered, news=site.news)


def save(folder: Path, kept: Kept) -> None:
    """``kept`` written for the next load (each file whole or not at all: cachefile): the whole model, replacing
    other code versions' and the journal of the last base; or only the journal of what changed since the base."""
    base, journal = _paths(folder)
    if kept.whole:
        site = kept.site
        payload = (VERSION, kept.base, kept.root, kept.shown, kept.files, kept.racy, site.campaign, site.units,
                   site.initiatives, site.news, kept.context, kept.images, kept.codes)
        _write(base, payload)
        cachefile.remove(journal)
        cachefile.keep_only(base, f"{_PREFIX}*{_SUFFIX}")
    else:
        _write(journal, (VERSION, kept.base, kept.changes, kept.racy))


def _paths(folder: Path) -> tuple[Path, Path]:
    """The base's file and its journal's."""
    return folder / f"{_PREFIX}{VERSION}{_SUFFIX}", folder / f"{_PREFIX}{VERSION}{_JOURNAL}"


def _write(path: Path, payload: tuple) -> None:
    data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    cachefile.write_whole(path, lambda stream: stream.write(cachefile.framed(_MAGIC, data)))


# the only classes a snapshot may hold: a damaged or planted file cannot make the loader run code
_ALLOWED = {("generator.model", name): value for name, value in vars(model).items()
            if isinstance(value, type) and value.__module__ == model.__name__}
_ALLOWED[("datetime", "date")] = dt.date
_ALLOWED[("pathlib", "PosixPath")] = pathlib.PosixPath


class _Unpickler(pickle.Unpickler):
    def find_class(self, module, name):
        try:
            return _ALLOWED[module, name]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a snapshot") from None


def _unpickled(path: Path) -> tuple | None:
    """What the file at ``path`` holds, if it is whole, of this version, and holds nothing but what may be there."""
    with cachefile.opened(path, _MAGIC) as payload:
        if payload is None:
            return None
        try:
            value = _Unpickler(payload).load()
        except Exception:  # noqa: BLE001 - whatever a damaged file raises, it is only a miss
            return None
    return value if type(value) is tuple and value and value[0] == VERSION else None


def _read(folder: Path) -> Kept | None:
    """The base in ``folder`` with its journal, when the journal adds to it; a journal of another base, or one
    that cannot be read, is left out: the files it changed are then read again, their status being the base's."""
    base, journal = _paths(folder)
    stored = _unpickled(base)
    try:
        (_, base_id, root, shown, files, racy, campaign, units, initiatives, news, context, images,
         codes) = stored
        site = Site(campaign=campaign, units=units, initiatives=initiatives, news=news)
    except Exception:  # noqa: BLE001 - None, or not what a base holds
        return None
    kept = Kept(root, shown, files, racy, site, context, images, codes, base_id, {})
    added = _unpickled(journal)
    if added is None or len(added) != 4 or added[1] != base_id:
        return kept
    _, _, changes, racy = added
    try:
        files = {**files, **{path: status for path, (status, _, _) in changes.items()}}
        site = _replaced(site, [item for _, item, _ in changes.values()])
        codes = {**codes, **{f"{shown}/{path}": code for path, (_, _, code) in changes.items()}}
    except Exception:  # noqa: BLE001 - not what a journal holds
        return kept
    return replace(kept, files=files, racy=racy, site=site, codes=codes, changes=changes)
