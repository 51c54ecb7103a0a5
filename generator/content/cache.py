"""What reading each content file produced, kept across builds so an unchanged file is not parsed again.

Reading one file (bytes -> text -> YAML nodes -> schema record, with its problems) depends on nothing but the
file's bytes, the path messages show for it, what it is read as (initiative, news, ...) and the code that reads it.
Its result is stored under a hash of exactly these, so a build reads and hashes every file but parses only those it
has not seen: a changed file has a new key, and a change to the loader's code changes every key. Cross-file rules
and assembling the model always run, since they depend on every file.

All entries live in one file per code version, ``<folder>/records-<code version>.pickle``, mapping each key to its
entry (pickled on its own). One file rather than one per entry: at 10,000 files, creating and opening 10,000 small
files cost more than parsing them did on a busy machine. After a load the file is rewritten, with exactly the
entries that load used, when anything changed; so the cache holds one entry per content file of the last load, and
the files of other code versions are deleted. Rewrites go through a temporary file and ``os.replace``, so a reader
sees a whole file or the previous one. Anything wrong (missing, truncated, altered, unreadable, another format)
is a miss: the file is parsed again. The folder can be deleted at any time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import pickle
import sys
import unicodedata
from pathlib import Path
from typing import Any, Callable

import babel
import yaml

from .. import cachefile, parallel
from .kinds import Marked, MarkedList
from .problems import Problem, Problems


def _code_version() -> str:
    """A hash of everything reading a file depends on besides the file: this package's source, the number format
    used in messages (``generator/formatting.py``), the folding that suggests fixes (``generator/text.py``),
    Python, PyYAML, libyaml, Babel and the Unicode data.

    Taken once, when the package is imported, so it names the code that is running even if the files are edited
    afterwards (``mkdocs serve`` keeps the code it started with).
    """
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for part in (sys.version, yaml.__version__, getattr(yaml, "__with_libyaml__", False), _libyaml_version(),
                 babel.__version__, unicodedata.unidata_version):
        digest.update(f"{part}\0".encode())
    try:
        for source in sorted(here.glob("*.py")) + [here.parent / "formatting.py", here.parent / "text.py"]:
            digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    except OSError:  # installed without its source: nothing proves another process ran this code, share nothing
        digest.update(os.urandom(16))
    return digest.hexdigest()[:16]


def _libyaml_version() -> str:
    try:
        from yaml import _yaml
    except ImportError:  # pragma: no cover - PyYAML built without libyaml
        return ""
    return _yaml.get_version_string()


CODE_VERSION = _code_version()

_MAGIC = b"SKR2"  # the file format; any other start is a miss
_PREFIX, _SUFFIX = "records-", ".pickle"
_ALLOWED = {  # the only classes an entry may contain: a damaged or planted file cannot make the loader run code
    ("generator.content.kinds", "Marked"): Marked,
    ("generator.content.kinds", "MarkedList"): MarkedList,
    ("generator.content.problems", "Problem"): Problem,
    ("datetime", "date"): dt.date,
}


class _Unpickler(pickle.Unpickler):
    def find_class(self, module, name):
        try:
            return _ALLOWED[module, name]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the content cache") from None


def _loads(data: bytes):
    return _Unpickler(io.BytesIO(data)).load()


READ_AHEAD_AT = 500  # fewer files are read here faster than workers start and send their keys back


def _parse_pickled(parse: Callable, shown: str, data: bytes) -> bytes:
    """A cache entry: what ``parse`` made of the file and the problems it found, pickled."""
    found = Problems()
    return pickle.dumps((parse(data, shown, found), found.items), protocol=pickle.HIGHEST_PROTOCOL)


def source_key(kind: str, shown: str, data: bytes) -> str:
    """A hash of everything reading one file depends on: its kind, the path shown for it, its bytes and this code.
    An entry's key in the cache, and the ``digest`` of the document read (reader.Document)."""
    # no '\0' in a path: unambiguous. The path encoded as the file system does: a path Python read under an ASCII
    # locale keeps each byte of its non-ASCII letters as a surrogate, which UTF-8 cannot encode
    digest = hashlib.sha256(f"{CODE_VERSION}\0{kind}\0".encode() + os.fsencode(shown) + b"\0")
    digest.update(data)
    return digest.hexdigest()


class RecordCache:
    """The entries kept in ``folder`` for this code version; ``save`` writes back the ones this load used."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.path = self.folder / f"{_PREFIX}{CODE_VERSION}{_SUFFIX}"
        self.stored: dict[str, Any] = cachefile.read_entries(self.path, _MAGIC)  # key -> pickled entry, unchecked
        self.used: dict[str, bytes] = {}
        self.changed = False  # a file was parsed in this load: its entry is new

    def records(self, kind: str, files: list[tuple[Path, str]], read: Callable[[Path], bytes], parse: Callable,
                problems: Problems) -> list[tuple[str, Any]]:
        """``(source_key, parse(read(path), shown, problems))`` for each ``(path, shown)`` of ``kind``, in order:
        the parse from the cache when these bytes were read before. The problems each file has are added to
        ``problems`` either way.

        From READ_AHEAD_AT files on, they are read, hashed and, those the cache lacks, parsed by forked workers
        (parallel.Batch does them here below that); this process only takes the entries in order. A first build
        parses in about half the time on two cores, and reading in the workers spares the idle core: read here
        first, the 100,000 files of a large site took this process 1.1 s with the other core idle.
        """
        def look(job: tuple[Path, str]) -> tuple[str, bytes | None]:
            path, shown = job
            data = read(path)
            key = source_key(kind, shown, data)
            return key, None if key in self.stored else _parse_pickled(parse, shown, data)

        # taken as each range comes back, while the workers do the next ones: waiting for all of them left this
        # process to take 100,000 entries alone afterwards (2.3 s), with the other core idle; a first load of
        # 100,000 in one process took 15.26-15.65 s this way against 15.98-17.21 s
        looked = parallel.Batch(files, look, least=READ_AHEAD_AT).each()
        # (the results first: zip then runs the batch to its end, which ends its workers)
        return [self._take(key, pickled, kind, job, read, parse, problems)
                for (key, pickled), job in zip(looked, files)]

    def _take(self, key: str, pickled: bytes | None, kind: str, job: tuple[Path, str], read: Callable[[Path], bytes],
              parse: Callable, problems: Problems) -> tuple[str, Any]:
        """One file's key and parse, from its stored entry or from ``pickled`` (parsed just now)."""
        entry = self._entry(key) if pickled is None else None
        if entry is None:
            if pickled is None:  # stored but unreadable: parsed here, under the key of the bytes read now
                path, shown = job
                data = read(path)
                key, pickled = source_key(kind, shown, data), _parse_pickled(parse, shown, data)
            entry = _loads(pickled)
            self.used[key] = pickled
            self.changed = True
        parsed, items = entry
        problems.items.extend(items)
        return key, parsed

    def save(self) -> None:
        """Write the entries this load used, if they differ from the stored ones; delete other code versions.

        Nothing is written when nothing was used (a load that found no file would empty the cache).
        """
        if not self.used:
            return
        if self.changed or self.used.keys() != self.stored.keys():
            cachefile.write_entries(self.path, _MAGIC, self.used, f"{_PREFIX}*{_SUFFIX}")
        else:
            cachefile.keep_only(self.path, f"{_PREFIX}*{_SUFFIX}")

    def _entry(self, key: str):
        """The stored entry for ``key``, or None (also when it cannot be read back)."""
        pickled = self.stored.get(key)
        if pickled is None:
            return None
        try:
            entry = _loads(pickled)
        except Exception:  # noqa: BLE001 - whatever a damaged entry raises, it is only a miss
            return None
        if not _well_formed(entry):
            return None
        self.used[key] = pickled
        return entry


def _well_formed(entry) -> bool:
    """What ``parsed`` stores: ``(None or (record, body, body line), [problems])``."""
    if not (type(entry) is tuple and len(entry) == 2 and type(entry[1]) is list):
        return False
    parsed, items = entry
    if not all(type(item) is Problem for item in items):
        return False
    return parsed is None or (type(parsed) is tuple and len(parsed) == 3 and type(parsed[0]) is Marked
                              and type(parsed[1]) is str and type(parsed[2]) is int)
