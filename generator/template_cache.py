"""The theme's templates compiled once and kept between builds, in the cache folder's ``templates`` (core: no MkDocs;
the plugin hands the cache to Jinja's environment, plugin.on_env).

Jinja's FileSystemBytecodeCache keeps each template's code in a file of its own, with a hash of the template's
source, and compiles again when the source or Jinja's or Python's version differs. A damaged file, though, stopped
every build until the folder was deleted: Jinja catches errors only while reading the code, not the hash before it,
so a file cut short (a full disk, a process stopped while writing) raised ``UnpicklingError`` or ``EOFError``. Here,
as in the other caches (generator/cachefile.py), a file that cannot be read back is a miss: the template is compiled
again and the file written anew. A cache that cannot be written only makes the next build slower.
"""

from __future__ import annotations

import os
from hashlib import sha1
from pathlib import Path
from types import CodeType

import jinja2
from jinja2.bccache import Bucket


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates in a folder, but for what it does with a file it cannot use."""

    def load_bytecode(self, bucket: Bucket) -> None:
        path = self._get_cache_filename(bucket)
        try:
            with open(path, "rb") as stream:
                bucket.load_bytecode(stream)
            os.utime(path)  # used by this build: kept by the pruning at its end (plugin.on_post_build)
        except Exception:  # noqa: BLE001 - missing, a folder, unreadable, cut short, garbage: all only a miss
            bucket.reset()
            return
        if bucket.code is not None and not isinstance(bucket.code, CodeType):  # garbage that unmarshals
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        # Jinja writes a temporary file and renames it over the entry (a reader never sees half a file); that
        # fails in a read-only or full folder, or one deleted meanwhile, and the template is compiled already
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """Jinja's key, but for the template's path encoded as the file system does: Jinja encodes it in UTF-8,
        which fails on a path Python read under an ASCII locale (its non-ASCII bytes are kept as surrogates). The
        same bytes as Jinja's, so the same key, for every other path."""
        digest = sha1(name.encode("utf-8", "surrogateescape"))
        if filename is not None:
            digest.update(b"|" + os.fsencode(filename))
        return digest.hexdigest()


def bytecode_cache(folder: Path) -> TemplateCache | None:
    """The cache of compiled templates kept in ``folder``, made if missing; None, no cache (as MkDocs builds
    without one), when it cannot be made: a file at its path or at a parent's."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return TemplateCache(os.fspath(folder))
