"""The search records of initiatives (search.initiative) kept between builds (core: no MkDocs).

An initiative's record is made of its file, the campaign and the units (its unit's and field's names) and the code:
it is kept under a hash of the initiative's digest (Initiative.digest) and pages.base.site_inputs, in one file
per version of the generator's code and of the libraries it uses (pagecache.fingerprint). Making the records of
10,000 initiatives took the search index's worker about a second of every build; after an edit, all but the edited
ones are read back from here.

As the content records' cache (content/cache.py): one file, ``<folder>/search-<code version>.pickle``; after a build
it is written again, with exactly the records that build used, when the records it made or did not use come to more
than a small share of them (:data:`REWRITE_SHARE`); anything wrong with it is a miss; the folder can be deleted at
any time. Unlike there, the records are pickled together, as plain tuples: they
hold only strings and numbers (cachefile.plain_loads: a damaged or planted file cannot make the build run code),
and kept as the tuples the build made, they cost no memory until they are written (pickled one by one, they took
110 MB more at 100,000 initiatives, beside the model, in the process that makes them).

What the last build's search index worked out from its records (search_index.Kept) is kept beside them, in
``<folder>/index-<code version>.pickle``: the next build's index takes it where its records are the same, so after an
edit only the word lists of the edited pages are made again (:func:`index`). The same rules hold: anything wrong
with the file is a miss, and what it holds is taken only where it equals what this build's records give.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from pathlib import Path

from . import cachefile, pagecache, search, search_index
from .model import Initiative, Site
from .pages.base import site_inputs

_MAGIC = b"SKS1"
# the records a build made, and those kept that it did not use, as a share of those it used, up to which the file is
# left as it is (KeptRecords.save): after an edit, writing the records of 10,000 initiatives again took the index's
# worker 0.03 s at the build's end, which the build waited for; left, the next build makes the few records again
# (about 0.1 ms each), and the file is written once they are more than this
REWRITE_SHARE = 0.01
_PREFIX, _SUFFIX = "search-", ".pickle"
_INDEX_MAGIC, _INDEX_PREFIX = b"SKI1", "index-"


@lru_cache(maxsize=1)
def code_version() -> str:
    return pagecache.fingerprint([Path(__file__).resolve().parent], ())[:16]


def records(site: Site, folder: Path) -> dict[str, search.Indexed]:
    """search.records of ``site``, each initiative's record kept in ``folder`` for the next build."""
    kept = KeptRecords(folder)
    found = _records(site, kept)
    kept.save()
    return found


def _records(site: Site, kept: KeptRecords) -> dict[str, search.Indexed]:
    shared = hashlib.sha256(f"{site_inputs(site)}\0".encode())  # each key's start, hashed once

    def initiative(item: Initiative) -> search.Indexed:
        if not item.digest:
            return search.initiative(site, item)
        digest = shared.copy()
        digest.update(item.digest.encode())
        key = digest.hexdigest()
        return kept.get(key) or kept.put(key, search.initiative(site, item))

    return search.records(site, make_initiative=initiative)


def index(records: dict[str, search.Indexed], folder: Path) -> dict[str, bytes]:
    """search_index.build of ``records``, from what the last build's index in ``folder`` worked out, where it
    holds for these records; what this one works out is kept there for the next."""
    kept = load_index(folder)
    files = search_index.build(records, kept)
    save_index(folder, kept)
    return files


def index_then_keep(site: Site, folder: Path) -> tuple[dict[str, bytes], Callable[[], None]]:
    """:func:`index` of :func:`records`, and apart what keeps this build's records and index in ``folder`` for the
    next, to run once the files are handed over: at 10,000 initiatives, after an edit, writing them took the search
    index's worker 0.06-0.1 s that the build's process waited for."""
    kept = KeptRecords(folder)
    found = _records(site, kept)
    index_kept = load_index(folder)
    files = search_index.build(found, index_kept)

    def keep() -> None:
        kept.save()
        save_index(folder, index_kept)

    return files, keep


def _index_path(folder: Path) -> Path:
    return folder / f"{_INDEX_PREFIX}{code_version()}{_SUFFIX}"


def load_index(folder: Path) -> search_index.Kept:
    """What the last index kept in ``folder``; an empty Kept when there is none, or it is damaged."""
    return search_index.Kept.from_plain(cachefile.read_value(_index_path(folder), _INDEX_MAGIC)) or search_index.Kept()


def save_index(folder: Path, kept: search_index.Kept) -> None:
    cachefile.write_value(_index_path(folder), _INDEX_MAGIC, kept.plain(), f"{_INDEX_PREFIX}*{_SUFFIX}")


class KeptRecords:
    """The records kept in ``folder`` for this code version; :meth:`save` writes back those this build used."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.path = folder / f"{_PREFIX}{code_version()}{_SUFFIX}"
        self.stored = cachefile.read_entries(self.path, _MAGIC)  # key -> (sorts, meta, words), not checked yet
        # when all have a record's shape, as they do unless the file was tampered with, none is checked alone
        self.sound = _all_indexed(self.stored.values())
        self.used: dict[str, tuple] = {}
        self.made = 0  # records not found here

    def get(self, key: str) -> search.Indexed | None:
        entry = self.stored.get(key)
        if entry is None:
            return None
        record = search.Indexed(*entry) if self.sound else _indexed(entry)
        if record is not None:
            self.used[key] = entry
        return record

    def put(self, key: str, record: search.Indexed) -> search.Indexed:
        # the record's own tuples: no copy of it is held until it is written
        self.used[key] = (record.sorts, record.meta, record.words)
        self.made += 1
        return record

    def outdated(self) -> int:
        """How many records this build made or did not use of those kept."""
        return self.made + len(self.stored) - (len(self.used) - self.made)

    def save(self) -> None:
        """The records this build used written, unless the file holds all but a few (:data:`REWRITE_SHARE`)."""
        if self.outdated() > len(self.used) * REWRITE_SHARE:
            cachefile.write_entries(self.path, _MAGIC, self.used, f"{_PREFIX}*{_SUFFIX}")
        else:
            cachefile.keep_only(self.path, f"{_PREFIX}*{_SUFFIX}")


def _pairs(value, first: type) -> bool:
    return type(value) is tuple and all(type(pair) is tuple and len(pair) == 2 and type(pair[0]) is first
                                        and type(pair[1]) is str for pair in value)


def _all_indexed(entries: Iterable) -> bool:
    """Whether every entry has the shape _indexed checks, each property looked at across all of them at once (map
    and set run in C): checked entry by entry, the kept records of 10,000 initiatives took the search index's
    worker 0.1 s (0.03 s so), about half of what it did before making the index."""
    entries = list(entries)
    if set(map(type, entries)) - {tuple} or set(map(len, entries)) - {3}:
        return False
    for index, first in enumerate((str, str, int)):  # the sorts, the metadata, the words
        column = list(map(itemgetter(index), entries))
        if set(map(type, column)) - {tuple}:
            return False
        pairs = list(chain.from_iterable(column))
        if (set(map(type, pairs)) - {tuple} or set(map(len, pairs)) - {2}
                or set(map(type, map(itemgetter(0), pairs))) - {first}
                or set(map(type, map(itemgetter(1), pairs))) - {str}):
            return False
    return True


def _indexed(entry) -> search.Indexed | None:
    """The record stored as ``entry`` when it has the shape of one (strings where strings go, weights as ints)."""
    if not (type(entry) is tuple and len(entry) == 3):
        return None
    sorts, meta, words = entry
    if not (_pairs(sorts, str) and _pairs(meta, str) and _pairs(words, int)):
        return None
    return search.Indexed(sorts, meta, words)
