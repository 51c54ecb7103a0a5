"""Rendered page content kept between builds, under a key made of everything that content is made from.

The content block of a generated page (generator/lean.py) is a pure function of the page's definition (its
template, address, title and data), the site's name and address, the theme's templates, the generator's code and
the versions of the libraries that render it. The key is a hash of all of these (of the whole definition, pickled:
lean.record), so a cached content is only ever found for exactly the inputs that made it: a changed initiative,
template or library gives new keys and the old entries are simply not read again, and :func:`prune` removes them
after a build that did not use them. The cache folder is outside the site and safe to delete at any time.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import shutil
from pathlib import Path
from typing import Any

# Bumped when what is stored changes shape, so entries written by an older layout are never read.
LAYOUT = "1"
_LIBRARIES = ("jinja2", "markupsafe", "markdown", "nh3", "babel", "mkdocs", "mkdocs-material")


def fingerprint(folders: list[Path], extra: tuple[str, ...] = ()) -> str:
    """A hash of every file under ``folders`` (names and bytes), the rendering libraries' versions and ``extra``."""
    digest = hashlib.sha256(LAYOUT.encode())
    for folder in folders:
        for path in sorted(path for path in folder.rglob("*") if path.is_file() and "__pycache__" not in path.parts):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for library in _LIBRARIES:
        try:
            digest.update(f"{library}={importlib.metadata.version(library)}\0".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{library}=none\0".encode())
    for value in extra:
        digest.update(value.encode() + b"\0")
    return digest.hexdigest()


def _check(content: str) -> str:
    """Stored before each content: a file damaged after it was written is never used."""
    return hashlib.sha256(content.encode()).hexdigest()


class ContentCache:
    """Content blocks by key, one small file each under ``folder`` (written whole or not at all)."""

    def __init__(self, folder: Path, fingerprint: str):
        self.folder = folder
        self.fingerprint = fingerprint
        self._folders: set[Path] = set()  # made by this process already

    def key(self, inputs: bytes) -> str:
        """The key of content made from ``inputs``, pickled (the same values give the same bytes in any process)."""
        digest = hashlib.sha256(self.fingerprint.encode())
        digest.update(inputs)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.html"

    def get(self, key: str) -> str | None:
        """The content stored under ``key``; None if missing, unreadable or damaged (it is rendered again)."""
        path = self._path(key)
        try:
            check, _, content = path.read_text(encoding="utf-8").partition("\n")
            if check != _check(content):
                return None
            os.utime(path)  # used by this build: kept by prune
        except (OSError, UnicodeDecodeError):
            return None
        return content

    def put(self, key: str, content: str) -> None:
        path = self._path(key)
        try:
            if path.parent not in self._folders:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._folders.add(path.parent)
            # a build stopped half-way must never leave half a page to be read next time: written under a name
            # of this process, then renamed
            temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            temporary.write_text(f"{_check(content)}\n{content}", encoding="utf-8")
            os.replace(temporary, path)
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower


def prune(folder: Path, since: float, keep: set[str] | None = None) -> int:
    """Remove the files under ``folder`` a build neither wrote nor used: modified before ``since`` (a time.time()
    taken when the build began) and not named in ``keep``. Run after a build that finished; how many went.

    Without it every change to the code or the theme would leave a whole site's worth of entries behind.
    """
    removed = 0
    for path in folder.rglob("*"):
        try:
            if path.is_file() and path.name not in (keep or set()) and path.stat().st_mtime < since:
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed


# Folders an earlier version of the generator kept in the cache folder and this one no longer reads: the Pagefind
# bundles of the search index before it was made here (generator/search_index.py).
RETIRED = ("search",)


def remove_retired(cache_root: Path) -> None:
    """Remove the RETIRED folders from ``cache_root`` (only those: the folder may be shared with other tools)."""
    for name in RETIRED:
        if (cache_root / name).is_dir() and not (cache_root / name).is_symlink():
            shutil.rmtree(cache_root / name, ignore_errors=True)


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """``target`` becomes a hard link to the cached file ``source`` (a copy where links cannot be made, e.g. on
    another file system). An existing ``target`` is replaced, never written through: it may itself be a link."""
    if os.path.lexists(target):
        os.unlink(target)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
