"""Lean rendering of generated pages: one page of each kind through the whole theme, the others by filling its shell.

Pages kept out of the navigation that share a template, a depth (sang-kien/<unit>/<slug>/, don-vi/<unit>/trang-2/)
and a kind of sharing preview get the same bytes from the theme's head, header, navigation and footer; only the
title, the sharing metadata and the content block differ. The adapter renders the first page of each such group
through the theme with placeholders in those places (the shell); each other page is its template's content block
rendered alone and joined into the shell. At 10,000 initiatives this removes most of the build's time, which went
into rendering the theme around every page.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import os
import pickle
import re
import tempfile
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterable

from markupsafe import Markup, escape

from . import parallel
from .content.kinds import RESERVED
from .pages import summaries

# Plain letters and digits: they pass unchanged through every filter of the theme (escape, urlencode). No content
# holds their beginning (the check refuses it: content.kinds.RESERVED).
PLACEHOLDERS = {
    "title": f"{RESERVED}title0a7f3",
    "description": f"{RESERVED}description0a7f3",
    "url": f"{RESERVED}url0a7f3",
    "image": f"{RESERVED}image0a7f3",
    "image_alt": f"{RESERVED}imagealt0a7f3",
    "jsonld": f"{RESERVED}jsonld0a7f3",
    "content": f"{RESERVED}content0a7f3",
}
_SPLIT = re.compile("(" + "|".join(PLACEHOLDERS.values()) + ")")
_KEYS = {value: key for key, value in PLACEHOLDERS.items()}


@dataclass(frozen=True)
class Shell:
    """A rendered page cut at its placeholders: ``texts[0] key[0] texts[1] key[1] … texts[-1]``."""

    texts: tuple[str, ...]
    keys: tuple[str, ...]

    @classmethod
    def parse(cls, page: str) -> Shell:
        pieces = _SPLIT.split(page)
        return cls(tuple(pieces[0::2]), tuple(_KEYS[piece] for piece in pieces[1::2]))

    def fill(self, values: dict[str, str]) -> str:
        """The page with each placeholder replaced by its value (already escaped for where it stands)."""
        out = [self.texts[0]]
        for key, text in zip(self.keys, self.texts[1:]):
            out.append(values[key])
            out.append(text)
        return "".join(out)

    @cached_property
    def digest(self) -> bytes:
        """A hash of the shell: part of the page cache key of every page filled into it (generator/pagecache.py)."""
        return hashlib.sha256("\0".join(self.texts + self.keys).encode()).digest()


def group(spec: Any) -> tuple[str, int, str, bool]:
    """Pages of one group share a shell: same template, same depth (so the same relative links), same og:type,
    structured data (JSON-LD) or none."""
    return spec.template, spec.url.count("/"), spec.og_type, spec.has_jsonld


class Plan:
    """The carriers (src_uri -> group: the first page of each group, rendered through the theme), decided page by
    page as :meth:`fills` is asked about each, in order. Pages in the navigation are always rendered through the
    theme: the navigation marks them as the current page."""

    def __init__(self) -> None:
        self.carriers: dict[str, tuple] = {}
        self._seen: set[tuple] = set()

    def fills(self, spec: Any) -> bool:
        """Whether ``spec`` is filled into its group's shell (its group has a carrier already)."""
        if spec.in_nav:
            return False
        key = group(spec)
        if key in self._seen:
            return True
        self._seen.add(key)
        self.carriers[spec.src_uri] = key
        return False


def plan(specs: list[Any]) -> tuple[dict[str, tuple], list[Any]]:
    """The carriers (:class:`Plan`) and the pages filled into their group's shell."""
    planned = Plan()
    filled = [spec for spec in specs if planned.fills(spec)]
    return planned.carriers, filled


def cut(page: str, content: str) -> Shell:
    """The shell of a carrier: its rendered page with its content block (rendered alone) replaced by a placeholder."""
    if not content.strip() or page.count(content) != 1:
        raise ValueError("the content block rendered alone is not found exactly once in the page rendered "
                         "through the theme: does the template's content block read more than sk, page and config?")
    return Shell.parse(page.replace(content, PLACEHOLDERS["content"]))


@dataclass(frozen=True)
class PageStub:
    """What the content template and the ``url`` filter read of a page."""

    url: str
    title: Markup
    canonical_url: str


def values(meta: dict[str, Any], content: str) -> dict[str, str]:
    """Placeholder values of one page, escaped as the theme escapes them (so both paths give the same bytes)."""
    escaped = {key: str(escape(meta[key])) for key in ("title", "description", "url", "image", "image_alt")}
    return {**escaped, "jsonld": str(meta["jsonld"] or ""), "content": content}


def record(spec: Any) -> bytes:
    """A page's definition pickled (the same values give the same bytes in any process), each list of cards as
    the list it stands for: what a page without PageSpec.inputs and without cards is keyed by
    (:func:`cache_inputs`)."""
    return pickle.dumps(spec, protocol=5)


def cache_inputs(spec: Any) -> bytes:
    """What a page's cache key is made of besides its shell: the digest of its inputs when it has one
    (PageSpec.inputs, :func:`keyed`), else its whole definition pickled, each list of initiative cards it holds
    named by what it is made of (_KEY_TABLE). Tagged, so the kinds never meet: a pickle never starts with these
    bytes, and only a pickle that names cards refers to :func:`_named_cards`."""
    if spec.inputs is not None:
        return b"inputs\0" + spec.inputs
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.dispatch_table = _KEY_TABLE
    pickler.dump(spec)
    return buffer.getvalue()


def keyed(spec: Any) -> Any:
    """``spec`` with its inputs (PageSpec.inputs): when it has none, the digest of what :func:`cache_inputs` makes
    of it, so it is keyed by the same values (a large site's pages, which its :class:`Spool` holds as copies: a
    listing read back holds the cards themselves, no longer the names of what they are made of)."""
    if spec.inputs is not None:
        return spec
    return replace(spec, inputs=hashlib.sha256(cache_inputs(spec)).digest())


def _named_cards(*source: str) -> None:
    """What a list of cards stands for in a page cache key (:func:`_by_source`). Keys are hashed, never unpickled:
    this is never called."""
    raise TypeError("a page cache key is not to be unpickled")


def _by_source(listed: summaries.Listed) -> tuple:
    """A list of initiative cards or honour entries (pages.summaries.Listed) as the name of what it is made of;
    as the list itself when it has none, as :func:`record` writes it."""
    source = listed.source()
    return (_named_cards, source) if source is not None else listed.__reduce__()


# The pickler's table of reductions for page cache keys: only values of types pickle has no code of its own for
# are looked up in it, where a persistent_id method was called for every value pickled (each string, each number):
# the keys of the 1,327 pages of the lean path that are not initiative pages took 53 ms of one process at 10,000
# initiatives so, 35 ms this way. Every other value is written as pickle writes it, so a definition that lists no
# card gives its record.
_KEY_TABLE = {**copyreg.dispatch_table, summaries.Listed: _by_source}


class Spool:
    """The pages of the lean path, each :meth:`add`-ed one after the other into a file before any is rendered;
    whichever process renders a page reads it back from there (:meth:`read`).

    The helper that renders pages beside this process is forked from it (parallel.Together), and a page of
    memory that either of them reads after the fork, if only to count a reference, ends up held twice: rendered
    where they lay, the page definitions and the model under them were held twice by the end of the pages at
    100,000 initiatives (2.54 GB in all). Read back from the file, a page is a private copy that dies once it is
    written, and the memory both processes share stays untouched. The file has no name: it is gone with the
    build, even one that was killed.

    Pages are written BATCH at a time, pickled together: what they share (their unit, their field, the keys of
    every card) is written once, not once a page. Pickled one by one, the 10,000 initiative pages of 10,000
    initiatives took 0.35 s to pickle and 0.30 s to read back; fifty together, 0.22 and 0.15 s. Each page is
    :func:`keyed` as it is added, as its record no longer stands alone to be its key.
    """

    BATCH = 50

    def __init__(self, folder: Path, specs: Iterable[Any] = ()):
        try:  # in the cache folder, beside the output; or, where that cannot be made, the system's temporary one
            folder.mkdir(parents=True, exist_ok=True)
            self._file = tempfile.TemporaryFile(dir=folder)
        except OSError:
            self._file = tempfile.TemporaryFile()
        self.places: list[tuple[int, int, int]] = []  # each page's batch, (offset, length), and its index there
        self._end = 0
        self._batch: list[Any] = []  # pages not written yet
        self._read: tuple[int, list[Any]] = (-1, [])  # the last batch read back, by its offset
        for spec in specs:
            self.add(spec)
        self.flush()

    def add(self, spec: Any) -> None:
        self._batch.append(keyed(spec))
        if len(self._batch) == self.BATCH:
            self._write_batch()

    def _write_batch(self) -> None:
        if self._batch:
            data = pickle.dumps(self._batch, protocol=5)
            self._file.write(data)
            self.places.extend((self._end, len(data), index) for index in range(len(self._batch)))
            self._end += len(data)
            self._batch = []

    def flush(self) -> None:
        """Before any page is read, and before the helper is forked (which would otherwise write the buffer's
        copy again when it ends)."""
        self._write_batch()
        self._file.flush()

    def read(self, place: tuple[int, int, int]) -> Any:
        """The page's definition (keyed). Its batch is read once for the pages of it that this process renders
        one after the other (each process takes ranges of pages in order)."""
        offset, length, index = place
        if self._read[0] != offset:  # no shared file position: safe in forked helpers
            self._read = (offset, pickle.loads(os.pread(self._file.fileno(), length, offset)))
        return self._read[1][index]

    def close(self) -> None:
        self._file.close()


def start(jobs: list[Any], place: Callable[[Any], tuple[bool, str]], together: bool = False
          ) -> parallel.Batch | parallel.Together:
    """Put every job's page in the site; with several cores, by forked processes that share the loaded site
    (generator/parallel.py), started now while the caller goes on; ``together``, by one forked helper and the
    caller when it asks for the results (one process fewer holding what it touched: for a large site).

    ``place`` puts a job's page in the site and gives whether it came from the cache and its key there; the
    batch's results give that for each job."""
    return parallel.Together(jobs, place) if together else parallel.Batch(jobs, place)


def write_all(jobs: list[Any], place: Callable[[Any], tuple[bool, str]]) -> int:
    """:func:`start`, waited for: how many of the jobs came from the cache."""
    return sum(found for found, _ in start(jobs, place).results())
