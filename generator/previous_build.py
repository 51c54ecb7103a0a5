"""A rebuild into the folder of the previous build keeps that build's pages and cards (core: no MkDocs).

MkDocs empties the site folder before every build. At 10,000 initiatives that deleted 11,000 folders and 22,000
files the build then made again, the same (nearly every page and card of a rebuild comes from the cache, linked),
and on an ext4 file system without a journal, creating files right after deleting as many is slower for minutes:
rebuilds in place after an edit took 5.9-7.9 s, each slower than the one before; 3.9-4.4 s this way
(benchmarks/RESULTS.md, "Rebuilding in place").

So before MkDocs empties it, everything in the site folder is moved aside (:func:`set_aside`: a rename each, into
the cache folder), and the previous build's files at the paths the lean path, the cards and the search index will
take are moved back (:func:`take_back`): the pages by a worker that starts with the build, before the content is
loaded, from the list of them the previous build left in the cache folder (:func:`listed`; those this build does
not write by the lean path are deleted again before MkDocs writes: :func:`drop`), and by the same worker the cards'
folder whole (:func:`take_back_folder`; the cards this build does not show are sent back at its end:
:func:`send_back`); the index's files, which the index's worker staged beside the previous build's (:func:`stage`),
once MkDocs has written; the rest of it is deleted (:func:`discard`).
Nothing moved back is trusted for its content: each page and card is then put in place as in a new folder, and
a file already there is kept only when it is the very file the cache gives for it (a hard link to the same
inode: pagecache.link_or_copy), else replaced. Anything at a path the build does not write is deleted, so
a rebuild in place gives exactly the files of a build into a new folder (tests/test_previous_build.py). Taking
back only ever renames (what a folder moved back holds that is not wanted goes back aside), so a build that fails
before MkDocs writes (mistakes in the content) gives back what it took (:func:`give_back`) and moves it all back
(:func:`restore`).
"""

from __future__ import annotations

import os
import re
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path

from . import cachefile, pagecache


def set_aside(site_dir: Path, holding: Path) -> Path | None:
    """Every entry of ``site_dir`` that MkDocs would delete (all but hidden ones) moved into a new folder under
    ``holding``, which is returned; None when there is nothing to move or it cannot be moved (``holding`` on
    another file system, say: MkDocs then deletes it as it always does). Folders left under ``holding`` by builds
    that were stopped are deleted first."""
    _discard_stale(holding)
    try:
        names = sorted(name for name in os.listdir(site_dir) if not name.startswith("."))
    except OSError:
        return None
    if not names:
        return None
    aside = holding / str(os.getpid())
    try:
        aside.mkdir(parents=True)
    except OSError:
        return None
    moved = 0
    for name in names:
        try:
            os.rename(site_dir / name, aside / name)
        except OSError:
            break  # what was not moved is deleted by MkDocs
        moved += 1
    if not moved:
        discard(aside)
        return None
    return aside


def take_back(aside: Path, site_dir: Path, wanted: set[str]) -> None:
    """The files of ``aside`` at ``wanted`` site paths (posix, relative) moved back into ``site_dir`` where it has
    nothing at that path yet, with the folders they are in; every other file in what is moved back goes back into
    ``aside``, at its path there.

    Never while MkDocs writes: before (the pages) or after (the search index's files); a file it has
    written is never replaced by an older one."""
    _return(os.fspath(aside), os.fspath(site_dir), "", wanted, _folders(wanted))


def take_back_folder(aside: Path, site_dir: Path, folder: str) -> tuple[int, dict[str, int]]:
    """The previous build's top-level ``folder``, which only this build writes into and only after MkDocs (the
    cards), moved back whole into ``site_dir`` where it has none yet, before MkDocs writes; what it holds but
    regular files goes back into ``aside``. The folder's device and each file's inode number by name, as its
    listing gives them (no system call a file): the build keeps the files that are the cache's (pagecache.linked_in)
    and sends the others back (:func:`send_back`). Nothing when there is no such folder, or it cannot be listed
    (then it is sent back whole, and the build places every file as in a new folder).

    At 10,000 initiatives, taking the cards back at the end and listing them again to find those in place took the
    build's process 0.06-0.08 s; this is done by the worker that takes the pages back (plugin._take_back)."""
    source, target = os.path.join(aside, folder), os.path.join(site_dir, folder)
    if os.path.lexists(target) or os.path.islink(source) or not os.path.isdir(source):
        return 0, {}
    try:
        os.rename(source, target)
    except OSError:
        return 0, {}
    try:
        status = os.lstat(target)
        _as_new(target, status)
        files = {}
        for entry in os.scandir(target):
            if entry.is_file(follow_symlinks=False):
                files[entry.name] = entry.inode()
            else:
                os.makedirs(source, exist_ok=True)
                os.rename(entry.path, os.path.join(source, entry.name))
    except OSError:
        _merge(target, source)
        return 0, {}
    return status.st_dev, files


def send_back(aside: Path, site_dir: Path, folder: str, names: Iterable[str]) -> None:
    """The files ``names`` of ``site_dir``/``folder`` moved back into ``aside``, at their path there (deleted with
    it): those of a folder taken back whole (:func:`take_back_folder`) that the build does not write."""
    names = sorted(names)
    if names:
        os.makedirs(os.path.join(aside, folder), exist_ok=True)
    for name in names:
        try:
            os.rename(os.path.join(site_dir, folder, name), os.path.join(aside, folder, name))
        except FileNotFoundError:  # deleted since it was listed
            pass


def give_back(aside: Path, site_dir: Path) -> None:
    """Everything :func:`take_back` moved into ``site_dir`` (all but hidden entries) moved into ``aside`` again,
    at its path there: a build that fails before MkDocs writes undoes its taking back, then :func:`restore`."""
    for name in sorted(os.listdir(site_dir)):
        if not name.startswith("."):
            _merge(os.path.join(site_dir, name), os.path.join(aside, name))


def drop(site_dir: Path, paths: Iterable[str]) -> None:
    """The files at ``paths`` (site paths) deleted from ``site_dir``, with the folders that are left empty: pages
    taken back from the previous build's list that this build does not write by the lean path."""
    for path in paths:
        target = os.path.join(site_dir, path)
        try:
            os.unlink(target)
        except FileNotFoundError:
            continue  # not in the previous build's folder
        folder = os.path.dirname(target)
        while folder != os.fspath(site_dir):
            try:
                os.rmdir(folder)
            except OSError:  # not empty
                break
            folder = os.path.dirname(folder)


# in the cache folder: the site folder the last build wrote and the pages it took back or would have (listed)
LISTED = "previous-build.pages"
_LISTED_MAGIC = b"SKP1"


def listed(cache_root: Path, site_dir: Path) -> set[str]:
    """The pages :func:`list_pages` kept for ``site_dir``; none when it kept another folder's, or the file is
    missing or damaged (the rebuild then writes every page again: only slower). Each a path inside the folder: those
    the build does not write are deleted (:func:`drop`), and a damaged or planted list must not name another."""
    value = cachefile.read_value(cache_root / LISTED, _LISTED_MAGIC)
    if not (type(value) is tuple and len(value) == 2 and value[0] == os.fspath(site_dir.resolve())
            and type(value[1]) is list and all(type(path) is str for path in value[1])
            and not any(map(_OUTSIDE.search, value[1]))):
        return set()
    return set(value[1])


# a part of a '/'-separated path that is empty, "." or "..": a path with one may name something outside the folder
# (searched in C: the 11,000 paths of a rebuild at 10,000 initiatives, split and checked part by part, took 15 ms)
_OUTSIDE = re.compile(r"(?:\A|/)(?:\.\.?)?(?:/|\Z)")


def list_pages(cache_root: Path, site_dir: Path, pages: Iterable[str]) -> None:
    """The site paths of the pages a build wrote into ``site_dir`` by the lean path (carriers aside), kept for the
    next rebuild in place to take back before it has defined its own pages (:func:`listed`)."""
    cachefile.write_value(cache_root / LISTED, _LISTED_MAGIC, (os.fspath(site_dir.resolve()), sorted(pages)), LISTED)


# beside the previous build's files, under names no site file has (set_aside leaves hidden entries in the site):
# the search index's files, and the static files MkDocs would copy
STAGED, STATIC = ".staged", ".static"


def stage(files: dict[str, bytes], aside: Path, into: str = STAGED) -> tuple[list[str], list[str]]:
    """The ``files`` (site path -> bytes) that the previous build's files do not hold (:func:`holds`) written into
    ``aside``/``into``, for :func:`take_back` from there; the others are the previous build's, to take back from
    ``aside`` itself. Their paths, each kind apart: (written, the previous build's). Nothing of ``aside`` is moved,
    so it stays whole for :func:`restore` (a build stopped after this, by a hand-written page at a generated page's
    address, moves the previous site back).

    Run by the search index's worker (its files taken back once MkDocs has written) and by a worker on standby (the
    static files, just before MkDocs copies them: :func:`stage_static`). The index's files (12 MB at 10,000
    initiatives) no longer go through a pipe to the build's process, which then read its previous files again to
    compare them (0.1 s of its time). After an edit nearly all of its 1,379 files are the same: linked into the
    staged folder, with the previous build's copies deleted at the end (:func:`discard`), they cost the worker as
    many links and the build's process as many deletions."""
    written, same, folders = [], [], set()
    for path, data in files.items():
        if holds(os.path.join(aside, path), data):
            same.append(path)
            continue
        target = os.path.join(aside, into, path)
        folder = os.path.dirname(target)
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        with open(target, "wb") as stream:
            stream.write(data)
        written.append(path)
    return written, same


def stage_static(sources: list[tuple[str, str]], aside: Path) -> tuple[list[str], list[str]]:
    """The static files MkDocs would copy (``sources``: each one's file and its site path) staged into
    ``aside``/STATIC (:func:`stage`), for :func:`take_back` before MkDocs copies them; a file that cannot be read is
    left out, for MkDocs. Their site paths, as :func:`stage` gives them.

    Run by a worker on standby while the build goes on: at 10,000 initiatives MkDocs' copying of 116 files (the
    theme's, the photos) took the build's process 0.04-0.09 s, most of it creating files and folders."""
    def read() -> dict[str, bytes]:
        files = {}
        for source, path in sources:
            try:
                with open(source, "rb") as stream:
                    files[path] = stream.read()
            except OSError:
                continue
        return files

    return stage(read(), aside, STATIC)


def holds(path: str, data: bytes) -> bool:
    """Whether ``path`` is a file of the mode a new one gets holding exactly ``data``: one a build keeps instead
    of writing it again (a symbolic link is not: it is replaced, never written through)."""
    try:
        status = os.lstat(path)
        if not (stat.S_ISREG(status.st_mode) and stat.S_IMODE(status.st_mode) == pagecache.FILE_MODE
                and status.st_size == len(data)):
            return False
        with open(path, "rb") as stream:
            return stream.read() == data
    except OSError:
        return False


def restore(aside: Path, site_dir: Path) -> bool:
    """Everything of ``aside`` moved back into ``site_dir`` if the failed build wrote nothing there (nothing but
    hidden entries), so a build stopped by mistakes in the content leaves the previous site as it was; False
    when it did write, and its files are left to MkDocs as they are."""
    try:
        if any(not name.startswith(".") for name in os.listdir(site_dir)):
            return False
        for name in sorted(os.listdir(aside)):
            if not name.startswith("."):  # what this build staged there (STAGED): the site's were never hidden
                os.rename(aside / name, site_dir / name)
    except OSError:
        return False
    discard(aside)
    return True


def discard(aside: Path | None) -> None:
    """What is left of the previous build: the files not taken back."""
    if aside is None:
        return
    shutil.rmtree(aside, ignore_errors=True)
    try:
        aside.parent.rmdir()  # the cache folder as it was, unless another build has a folder there
    except OSError:
        pass


def _folders(paths: set[str]) -> set[str]:
    """Every folder the ``paths`` are in, at any depth."""
    folders: set[str] = set()
    for path in paths:
        cut = path.rfind("/")
        while cut > 0 and path[:cut] not in folders:
            folders.add(path[:cut])
            cut = path.rfind("/", 0, cut)
    return folders


def _return(aside: str, site: str, folder: str, wanted: set[str], folders: set[str]) -> None:
    """The entries of ``aside``/``folder`` that are wanted or hold wanted files, put back in ``site``/``folder``."""
    for entry in os.scandir(os.path.join(aside, folder)):
        path = folder + entry.name
        is_folder = entry.is_dir(follow_symlinks=False)  # a link is never followed: it is a file here
        if path not in (folders if is_folder else wanted):
            continue  # left aside, deleted with the rest
        target = os.path.join(site, path)
        if not os.path.lexists(target):
            os.rename(entry.path, target)
            if is_folder:
                _as_new(target, os.lstat(target))
                _sift(aside, site, path + "/", wanted, folders)
        elif is_folder and os.path.isdir(target) and not os.path.islink(target):
            _return(aside, site, path + "/", wanted, folders)


def _sift(aside: str, site: str, folder: str, wanted: set[str], folders: set[str]) -> None:
    """Every file and folder of ``site``/``folder`` (just moved back) that holds nothing wanted moved back into
    ``aside``, at its path there (deleted with it, unless the build fails first: give_back)."""
    for entry in os.scandir(os.path.join(site, folder)):
        path = folder + entry.name
        if entry.is_dir(follow_symlinks=False) and path in folders:
            _as_new(entry.path, entry.stat(follow_symlinks=False))
            _sift(aside, site, path + "/", wanted, folders)
        elif path not in wanted or entry.is_dir(follow_symlinks=False):
            os.makedirs(os.path.join(aside, folder), exist_ok=True)
            os.rename(entry.path, os.path.join(aside, path))


def _merge(source: str, target: str) -> None:
    """``source`` moved to ``target``; a folder into the folder there, entry by entry."""
    if not os.path.lexists(target):
        os.rename(source, target)
    elif os.path.isdir(source) and not os.path.islink(source) and os.path.isdir(target) and not os.path.islink(target):
        for name in os.listdir(source):
            _merge(os.path.join(source, name), os.path.join(target, name))
        os.rmdir(source)


def _as_new(folder: str, status: os.stat_result) -> None:
    """A folder moved back given the mode a new folder gets, as in a build into a new folder (its files are the
    cache's, given theirs by the cache: pagecache.FILE_MODE)."""
    if stat.S_IMODE(status.st_mode) != pagecache.FOLDER_MODE:
        os.chmod(folder, pagecache.FOLDER_MODE)


def _discard_stale(holding: Path) -> None:
    """The folders under ``holding`` of processes that are gone (a build that was stopped)."""
    try:
        names = os.listdir(holding)
    except OSError:
        return
    for name in names:
        if not (name.isdigit() and _running(int(name))):
            shutil.rmtree(holding / name, ignore_errors=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # an earlier build of this process that failed before its end
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True
