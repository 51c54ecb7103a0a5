"""Generated pages kept between builds, each under a key made of everything it is made from.

A page of the lean path (generator/lean.py) is a pure function of its definition (its template, address, title and
data), of its group's shell (the theme's rendering around it), of the site's name and address, the theme's
templates, the generator's code and the versions of the libraries that render it. The key is a hash of all of
these (lean.cache_inputs: the whole definition, pickled; for an initiative page, a digest of the files its definition
is made from, pages/initiatives.py inputs, so a build need not make the definition to find the page), so a page is
only ever found for exactly the inputs that made it: a changed initiative, template or library gives new keys and
the old entries are simply not read again, and :func:`prune` removes them after a build that did not use them. The
cache folder is outside the site and safe to delete at any time.

A page found here is hard-linked into the site, not written again: at 10,000 initiatives writing the pages of a
warm build meant 11,000 new files and 290 MB, and on the machine the benchmark runs on, the file system's search
for a free inode took up to a fifth of a whole cold build's processor time (perf). A cold build stores each page
here and links it: one new file a page, where it wrote two before (the page, and its content block in the cache).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import shutil
import time
from pathlib import Path
from typing import Callable

# Bumped when what is stored changes shape, so entries written by an older layout are never read.
LAYOUT = "3"
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


def _name(key: str, page: bytes) -> str:
    """An entry's file name: its key, the beginning of a hash of its bytes and their number. The hash is compared
    whenever the file may have been changed since the cache last saw it (PageCache._found), so a file damaged after
    it was written (by anything writing into the site's linked copy, say) is never used."""
    return f"{key}.{hashlib.sha256(page).hexdigest()[:16]}.{len(page)}.html"


def _size(name: str) -> int:
    """The number of bytes ``name`` (an entry's file name) says its page has; -1 when it says none."""
    size = name[:-len(".html")].rpartition(".")[2]
    return int(size) if size.isdigit() else -1


class PageCache:
    """Pages by key, one file each under ``folder``: ``<key[:2]>/<key>.<check>.<size>.html`` (written whole or not
    at all).

    Every entry a build uses gets the build's time stamp as its modification time (``stamp``: prune keeps what a
    build used), and the folder's ``stamps`` file lists the last STAMPS_KEPT builds' stamps. An entry whose
    modification time is one of them and whose size is the one its name gives is the file as the cache left it:
    anything that writes into a file sets its time to the time of writing. Such an entry is used without being read
    again, as git trusts a file whose size and times its index holds; any other is read, and used only when its
    bytes still hash to its name. At 10,000 initiatives, reading and hashing the 11,285 cached pages took 0.34 s
    in one process, asking for their status 0.03 s.

    Each build's stamp is new, so every page's time changes with every build, as it did when each entry used was
    simply touched: tools that compare size and time to decide what to upload (rsync, ``aws s3 sync``) never skip
    a changed page of the same size."""

    def __init__(self, folder: Path, fingerprint: str):
        self.folder = folder
        self._root = os.fspath(folder)
        self.fingerprint = fingerprint
        self._folders: set[str] = set()  # made by this process already
        # key -> file name of every entry, read once (the page workers are forked after this, and share it)
        self._names = self._entries()
        # odd: a file system that keeps times less finely than to the nanosecond cannot store it, so none of its
        # files is ever taken as stamped (each is read and checked instead)
        self.stamp = time.time_ns() | 1
        # the stamps of the last builds, and this one's (an entry two pages of this build share)
        self._trusted = _stamps(folder) | {self.stamp}
        _write_stamps(folder, self._trusted)

    def _entries(self) -> dict[str, str]:
        names: dict[str, str] = {}
        try:
            folders = [entry.path for entry in os.scandir(self.folder) if entry.is_dir()]
        except OSError:
            return names  # no cache yet
        for folder in sorted(folders):
            try:
                for entry in os.scandir(folder):
                    key, _, rest = entry.name.partition(".")
                    if not entry.name.startswith(".") and rest.endswith(".html"):
                        names[key] = entry.name
            except OSError:
                continue
        return names

    def key(self, inputs: bytes, shell: bytes) -> str:
        """The key of a page made from ``inputs`` (its definition, pickled: the same values give the same bytes in
        any process) and its ``shell`` (lean.Shell.digest)."""
        digest = hashlib.sha256(self.fingerprint.encode())
        digest.update(shell)
        digest.update(inputs)
        return digest.hexdigest()

    def place(self, key: str, target: str | Path, make: Callable[[], str]) -> bool:
        """The page stored under ``key`` put at ``target`` (hard-linked; an existing ``target`` is replaced, never
        written through); when it is missing or damaged, made by ``make`` and stored first. Whether it was found.

        Run once for every page of the site, so plain strings and few system calls (no pathlib): at 10,000
        initiatives, placing 11,285 pages found here took 1.30-1.39 s in one process through pathlib and
        0.94-1.16 s this way (medians of three runs each, alternating); storing and placing 11,285 new pages,
        as a cold build does, 1.83-2.48 against 1.61-1.81 s."""
        found = self._found(key)
        if found is None:
            page = make().encode("utf-8")
            source = self._store(key, page)
            if source is None:  # a cache that cannot be written only makes the next build slower
                _replace(Path(target), page)
                return False
        else:
            source, stored = found
            if _is_link_to(target, stored):
                return True  # the previous build's file in the same folder (generator/previous_build.py)
        _make_folder(os.path.dirname(target))
        link_or_copy(source, target)
        return found is not None

    def _found(self, key: str) -> tuple[str, os.stat_result] | None:
        """The entry stored under ``key`` (its path and status), checked, and stamped as used by this build."""
        name = self._names.get(key)
        if name is None:
            return None
        path = os.path.join(self._root, key[:2], name)
        try:
            stored = os.stat(path)
            if not (stored.st_mtime_ns in self._trusted and stored.st_size == _size(name)):
                with open(path, "rb") as file:
                    if _name(key, file.read()) != name:
                        return None
            if stored.st_mtime_ns != self.stamp:
                os.utime(path, ns=(self.stamp, self.stamp))
        except OSError:
            return None
        return path, stored

    def _store(self, key: str, page: bytes) -> str | None:
        folder = os.path.join(self._root, key[:2])
        name = _name(key, page)
        path = os.path.join(folder, name)
        try:
            if folder not in self._folders:
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            # a build stopped half-way must never leave half a page to be read next time: written under a name
            # of this process, then renamed
            temporary = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
            with open(temporary, "wb") as stream:
                stream.write(page)
            os.utime(temporary, ns=(self.stamp, self.stamp))
            os.replace(temporary, path)
        except OSError:
            return None
        return path


STAMPS = "stamps"  # the file of a page cache's folder that lists the stamps of the last builds
STAMPS_KEPT = 8  # several: a build that was stopped, or two at once, leave the entries of the one before trusted


def _stamps(folder: Path) -> set[int]:
    """The stamps listed in ``folder``'s STAMPS file (none when it is missing or unreadable)."""
    try:
        lines = (folder / STAMPS).read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError):
        return set()
    return {int(line) for line in lines if line.isdigit()}


def _write_stamps(folder: Path, stamps: set[int]) -> None:
    """The newest STAMPS_KEPT of ``stamps`` written to ``folder``'s STAMPS file (whole: a reader sees the old list
    or the new one)."""
    kept = sorted(stamps)[-STAMPS_KEPT:]
    temporary = folder / f".{STAMPS}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary.write_text("".join(f"{value}\n" for value in kept), encoding="ascii")
        os.replace(temporary, folder / STAMPS)
    except OSError:
        pass  # a cache that cannot be written: every entry is read and checked, as an unstamped one


def _is_link_to(target: str | Path, stored: os.stat_result) -> bool:
    """Whether ``target`` is a hard link to the file whose status is ``stored``."""
    try:
        kept = os.lstat(target)
    except OSError:
        return False
    return (kept.st_ino, kept.st_dev) == (stored.st_ino, stored.st_dev)


def _replace(target: Path, data: bytes) -> None:
    """``data`` written to a new file at ``target``: an existing one may be a link into the cache."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if os.path.lexists(target):
        os.unlink(target)
    target.write_bytes(data)


def prune(folder: Path, since: float, keep: set[str] | None = None) -> int:
    """Remove the files under ``folder`` a build neither wrote nor used: modified before ``since`` (a time.time()
    taken when the build began) and not named in ``keep``. Run after a build that finished; how many went.

    Without it every change to the code or the theme would leave a whole site's worth of entries behind.
    """
    keep = keep or set()
    removed = 0
    # os.walk and plain names: Path.rglob and two stats a file took a second at 10,000 initiatives (21,000 files)
    for root, _, names in os.walk(folder):
        for name in names:
            if name in keep:
                continue
            path = os.path.join(root, name)
            try:
                if os.stat(path, follow_symlinks=False).st_mtime < since:
                    os.unlink(path)
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


def _make_folder(folder: str) -> None:
    """``folder`` made if missing; its parent usually exists (each page has a folder of its own)."""
    try:
        os.mkdir(folder)
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """``target`` becomes a hard link to the cached file ``source`` (a copy where links cannot be made, e.g. on
    another file system). An existing ``target`` is replaced, never written through: it may itself be a link;
    unless it is ``source`` itself, linked by an earlier build into the same folder (generator/previous_build.py).
    The link is tried first: in a build's fresh folder there is nothing to replace."""
    try:
        os.link(source, target)
        return
    except FileExistsError:
        if _same_file(source, target):
            return
        os.unlink(target)
        try:
            os.link(source, target)
            return
        except OSError:
            pass
    except OSError:
        pass
    if os.path.lexists(target):  # copied over, it would be written through
        os.unlink(target)
    shutil.copy2(source, target)


def linked_already(site_folder: Path, cache_folder: Path) -> set[str]:
    """The names of ``site_folder``'s files that are hard links to the file of the same name in ``cache_folder``,
    compared by the inode numbers the folders' listings hold, without a system call a file: at 10,000 initiatives,
    asking for each card took a tenth of a second."""
    try:
        if os.stat(site_folder).st_dev != os.stat(cache_folder).st_dev:
            return set()  # inode numbers of two file systems say nothing
        cached = {entry.name: entry.inode() for entry in os.scandir(cache_folder)
                  if entry.is_file(follow_symlinks=False)}
        return {entry.name for entry in os.scandir(site_folder)
                if entry.is_file(follow_symlinks=False) and cached.get(entry.name) == entry.inode()}
    except OSError:
        return set()


def _same_file(source: str | Path, target: str | Path) -> bool:
    """Whether ``target`` is a hard link to ``source`` (a symbolic link to it is not)."""
    try:
        kept, wanted = os.lstat(target), os.stat(source)
    except OSError:
        return False
    return (kept.st_ino, kept.st_dev) == (wanted.st_ino, wanted.st_dev)
