"""A cache file of values kept between builds (core: no MkDocs): written whole or not at all, checked when read back.

Used by the content records (content/cache.py), the search records (search_cache.py), the related initiatives
(related_cache.py) and the open data (opendata.py). A file starts with its
format's magic bytes and a checksum of the rest; anything else (missing, truncated, altered) reads as nothing, and
a cache that cannot be written only costs time (read-only folder, disk full, ...).
"""

from __future__ import annotations

import hashlib
import io
import mmap
import os
import pickle
import time
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterator

from zlib_ng import zlib_ng

_STALE_SECONDS = 3600  # a temporary file this old was left by a process that stopped while writing


@lru_cache(maxsize=None)
def source_version(path: str) -> str:
    """A short hash of the source file at ``path``: a cache file named with it is another file once that code
    changes, so what older code kept is never read."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def crc(payload: bytes) -> bytes:
    # zlib-ng's CRC-32, the same checksum as zlib's: the content's snapshot (18 MB at 10,000 initiatives) in 0.7 ms
    # where zlib took 4.5 ms
    return zlib_ng.crc32(payload).to_bytes(4, "big")


def framed(magic: bytes, payload: bytes) -> bytes:
    """What is written: the magic bytes, the checksum, the payload."""
    return magic + crc(payload) + payload


@contextmanager
def opened(path: Path, magic: bytes) -> Iterator[BinaryIO | None]:
    """The payload of the file at ``path``, to read as a file from its start (an unpickler reads it); None when
    the file is missing, unreadable or not whole.

    Mapped into memory rather than read into it: the pages are the system's file cache, not copies made for this
    process (at 10,000 initiatives the content's snapshot, 18 MB, unpickled in 0.13 s against 0.155 s read and
    sliced first, with 9,000 fewer page faults). Cache files are only ever replaced by renaming (:func:`write_whole`),
    never written in place, so what is mapped does not change under the reader."""
    try:
        with open(path, "rb") as file:
            try:
                source: mmap.mmap | io.BytesIO = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
            except (OSError, ValueError):  # an empty file, or a file system that maps none
                source = io.BytesIO(file.read())
    except OSError:
        yield None
        return
    with source:
        head = len(magic) + 4
        with memoryview(source.getbuffer() if isinstance(source, io.BytesIO) else source) as data:
            whole = data[:len(magic)] == magic and data[len(magic):head] == crc(data[head:])
        source.seek(head)
        yield source if whole else None


def read_framed(path: Path, magic: bytes) -> bytes | None:
    """The payload of the file at ``path``; None when it is missing, unreadable or not whole."""
    with opened(path, magic) as payload:
        return payload.read() if payload is not None else None


def read_value(path: Path, magic: bytes) -> Any | None:
    """The plain value (:func:`plain_loads`) of the file at ``path``; None when it is missing, not whole, or not
    plain. Still to be checked by its reader."""
    with opened(path, magic) as payload:
        if payload is None:
            return None
        try:
            return _PlainUnpickler(payload).load()
        except Exception:  # noqa: BLE001 - whatever a damaged file raises, it is only a miss
            return None


def write_value(path: Path, magic: bytes, value: Any, others: str) -> None:
    """``value`` pickled and framed into ``path`` (:func:`write_whole`); the files beside it that match the glob
    ``others`` removed, as :func:`write_entries` does. For a value pickled at once (a few megabytes at most)."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    write_whole(path, lambda stream: stream.write(framed(magic, payload)))
    keep_only(path, others)


def read_entries(path: Path, magic: bytes) -> dict[str, Any]:
    """The entries (key -> value, plain: :func:`plain_loads`) of the file at ``path``; none when it is missing or
    not whole, or holds anything else. Each value is still to be checked by its reader."""
    stored = read_value(path, magic)
    if not isinstance(stored, dict):
        return {}
    return {key: value for key, value in stored.items() if type(key) is str}


def write_entries(path: Path, magic: bytes, entries: dict[str, Any], others: str) -> None:
    """The entries written to ``path`` (:func:`write_whole`), as :func:`framed` frames them; the files beside it
    that match the glob ``others`` (other code versions') removed, and temporary files stopped processes left.

    Pickled into the file as they go, the checksum written last: pickled first, then framed, the entries were held
    three times at once (at 100,000 initiatives the search records take 110 MB, the content records 190 MB)."""

    def write(stream: BinaryIO) -> None:
        stream.write(magic + bytes(4))
        summed = _Summed(stream)
        pickler = pickle.Pickler(summed, protocol=pickle.HIGHEST_PROTOCOL)
        # no memo of every object pickled (at 100,000 initiatives, millions of entries): entries hold no cycles,
        # and a value met twice is written twice
        pickler.fast = True
        pickler.dump(entries)
        stream.seek(len(magic))
        stream.write(summed.crc.to_bytes(4, "big"))

    write_whole(path, write)
    keep_only(path, others)


class _Summed:
    """A file to write to that keeps the CRC-32 of what was written (crc)."""

    def __init__(self, stream: BinaryIO):
        self.stream, self.crc = stream, 0

    def write(self, data) -> int:
        self.crc = zlib_ng.crc32(data, self.crc)
        return self.stream.write(data)


def keep_only(path: Path, others: str) -> None:
    """The files beside ``path`` that match the glob ``others`` removed, but ``path``; and temporary files that
    stopped processes left."""
    for other in path.parent.glob(others):
        if other.name != path.name:
            remove(other)
    remove_stale_temporaries(path.parent, others.split("*")[0])


def write_whole(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """The file ``write`` writes, written beside ``path`` under a name of this process's, then renamed over it: a
    reader sees the whole file or the previous one."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "xb") as stream:
            write(stream)
        os.replace(temporary, path)
    except OSError:
        remove(temporary)


def remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def remove_stale_temporaries(folder: Path, prefix: str) -> None:
    """The temporary files of :func:`write_whole` for files named ``prefix``… that a stopped process left."""
    for temporary in folder.glob(f".{prefix}*.tmp"):
        try:
            if time.time() - temporary.stat().st_mtime > _STALE_SECONDS:
                temporary.unlink()
        except OSError:
            pass


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"{module}.{name}: a plain value holds no class")


def plain_loads(data: bytes) -> Any:
    """A pickle of built-in values only (tuples, lists, dicts, strings, numbers): one that names any class or
    function, as a damaged or planted file could, is refused instead of run."""
    return _PlainUnpickler(io.BytesIO(data)).load()
