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
import re
import shutil
import stat
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
            digest.update(os.fsencode(path.relative_to(folder).as_posix()) + b"\0" + path.read_bytes() + b"\0")
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
    return f"{key}.{check(page)}.{len(page)}.html"


def check(data: bytes) -> str:
    """The part of an entry's name that its bytes give (a page's here, a card's in card_cache.py)."""
    return hashlib.sha256(data).hexdigest()[:16]


def named_size(name: str) -> int:
    """The number of bytes ``name`` (an entry's file name: ``<key>.<check>.<size>.<ext>``) says its file has; -1
    when it says none."""
    size = name.rpartition(".")[0].rpartition(".")[2]
    return int(size) if size.isdigit() else -1


def holds(path: str, name: str) -> bool:
    """Whether the file at ``path`` holds the bytes its entry ``name`` was stored with (the check and the size its
    name gives)."""
    rest = name.partition(".")[2]  # <check>.<size>.<ext>
    expected, _, size = rest.rpartition(".")[0].partition(".")
    with open(path, "rb") as file:
        data = file.read()
    return str(len(data)) == size and check(data) == expected


def _modes() -> tuple[int, int]:
    mask = os.umask(0o022)
    os.umask(mask)  # only read
    return 0o666 & ~mask, 0o777 & ~mask


# The modes a new file and a new folder get in this process. A page or card the site takes from the cache is the
# cache's file itself (a hard link), whose mode the build that stored it, or a chmod of any folder it was linked
# into, decided: it is given this one, as a build into a new folder writes its files (tests/test_reproducible.py).
FILE_MODE, FOLDER_MODE = _modes()


def entries(folder: Path, others: list[str]) -> dict[str, tuple[str, int]]:
    """Every entry of the page cache ``folder``: its key -> its file name and inode number. The path of every other
    file in the folder or its subfolders (temporary files, files of no entry's name, entries in another key's
    subfolder) is appended to ``others``: what PageCache.prune looks at besides the entries."""
    names: dict[str, tuple[str, int]] = {}
    try:
        listed = list(os.scandir(folder))
    except OSError:
        return names  # no cache yet
    others.extend(entry.path for entry in listed if not entry.is_dir())
    for subfolder in sorted(entry.path for entry in listed if entry.is_dir()):
        start = os.path.basename(subfolder)
        try:
            for entry in os.scandir(subfolder):
                key, _, rest = entry.name.partition(".")
                if not entry.name.startswith(".") and rest.endswith(".html") and key[:2] == start:
                    names[key] = (entry.name, entry.inode())  # the inode from the listing: no system call
                elif not entry.is_dir(follow_symlinks=False):
                    others.append(entry.path)
        except OSError:
            continue
    return names


def surveyed(folder: Path, code: list[Path], extra: tuple[str, ...]
             ) -> tuple[str, dict[str, tuple[str, int]], list[str]]:
    """What a PageCache of ``folder`` starts from: the :func:`fingerprint` of ``code`` and ``extra``, the folder's
    :func:`entries` and its other files. Worked out by a worker on standby while the build's process loads the
    content (plugin.on_files), where at 10,000 initiatives they took that process 0.03 s (the listing of 11,272
    entries 0.023 s); read back, 0.006 s."""
    others: list[str] = []
    return fingerprint(code, extra), entries(folder, others), others


class PageCache:
    """Pages by key, one file each under ``folder``: ``<key[:2]>/<key>.<check>.<size>.html`` (written whole or not
    at all).

    Every entry a build uses gets the build's stamp (:class:`Stamps`): an entry as the cache left it is used
    without being read again, as git trusts a file whose size and times its index holds; any other is read, and
    used only when its bytes still hash to its name. At 10,000 initiatives, reading and hashing the 11,285 cached
    pages took 0.34 s in one process, asking for their status 0.03 s.

    Each build's stamp is new, so every page's time changes with every build, as it did when each entry used was
    simply touched: tools that compare size and time to decide what to upload (rsync, ``aws s3 sync``) never skip
    a changed page of the same size."""

    def __init__(self, folder: Path, fingerprint: str, names: dict[str, tuple[str, int]] | None = None,
                 others: list[str] | None = None):
        """``names`` and ``others``: :func:`entries` of ``folder`` and its other files, when they were listed
        already (:func:`surveyed`)."""
        self.folder = folder
        self._root = os.fspath(folder)
        self.fingerprint = fingerprint
        self._keyed = hashlib.sha256(fingerprint.encode())  # every key's start, copied (key)
        self._folders: set[str] = set()  # made by this process already
        # key -> file name and inode number of every entry, read once (the page workers are forked after this, and
        # share it)
        if names is None:
            others = []
            names = entries(folder, others)
        self._names = names
        self._others = others or []
        self._device = _device(folder)
        self.stamps = Stamps(folder)
        self.stamp = self.stamps.stamp

    def prune(self, since: float, keys: set[str]) -> int:
        """:func:`prune` of the folder, from what was listed when the cache was opened (each file the folder had
        then but the entries of ``keys``), so nothing is listed again: at 10,000 initiatives the folder's 11,000
        names took 0.012 s to list and sort out, after the pages were placed. What the build added since is this
        build's (keys) or another's running beside it (too new to prune)."""
        candidates = [os.path.join(self._root, key[:2], name) for key, (name, _) in self._names.items()
                      if key not in keys]
        return sum(_removed_if_older(path, since) for path in candidates + self._others)

    def finish(self) -> None:
        """The build has finished with the cache: the entries it used are trusted from now on (Stamps.finish)."""
        self.stamps.finish()

    def key(self, inputs: bytes, shell: bytes) -> str:
        """The key of a page made from ``inputs`` (its definition, pickled: the same values give the same bytes in
        any process) and its ``shell`` (lean.Shell.digest)."""
        digest = self._keyed.copy()
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
        kept = _status(target)
        linked = kept is not None and self._linked(key, kept)
        if linked and self._checked(key, kept):
            return True  # the previous build's file in the same folder (generator/previous_build.py)
        found = None if linked else self._found(key)  # a linked entry that fails its check is made again
        if found is None:
            page = make().encode("utf-8")
            source = self._store(key, page)
            if source is None:  # a cache that cannot be written only makes the next build slower
                _replace(Path(target), page)
                return False
        else:
            source, stored = found
            if kept is not None and (kept.st_ino, kept.st_dev) == (stored.st_ino, stored.st_dev):
                return True  # the same, found by the entry's own status
        _make_folder(os.path.dirname(target))
        try:
            link_or_copy(source, target)
        except FileNotFoundError:  # removed since: by another build's pruning, or the cache folder deleted
            _replace(Path(target), make().encode("utf-8"))
            return False
        return found is not None

    def _linked(self, key: str, kept: os.stat_result) -> bool:
        """Whether the file whose status is ``kept`` is the entry stored under ``key`` (a hard link to it: the
        listing's inode number), so that status is the entry's own: a rebuild in place then asks the system once
        for each page it finds in place, not twice."""
        listed = self._names.get(key)
        return listed is not None and (kept.st_ino, kept.st_dev) == (listed[1], self._device)

    def _found(self, key: str) -> tuple[str, os.stat_result] | None:
        """The entry stored under ``key`` (its path and status), checked. Not stamped as used: the pruning keeps it
        by its key (:func:`prune`), and setting its time was a third of the system calls of a page placed (at
        10,000 initiatives, 11,285 of them, 0.04 s of the page workers' time)."""
        if key not in self._names:
            return None
        path = self._path(key)
        try:
            stored = os.stat(path)
        except OSError:
            return None
        return (path, stored) if self._checked(key, stored) else None

    def _path(self, key: str) -> str:
        """The file of the entry listed under ``key``."""
        return os.path.join(self._root, key[:2], self._names[key][0])

    def _checked(self, key: str, status: os.stat_result) -> bool:
        """Whether the entry listed under ``key`` (its status ``status``) holds what its name says: as the cache
        left it (Stamps), or read and hashed; then given the mode a new file gets. Its path is only worked out
        when it is read or its mode changed: most pages of a rebuild need neither."""
        name = self._names[key][0]
        try:
            if not (self.stamps.trusts(status) and status.st_size == named_size(name)) and not holds(
                    self._path(key), name):
                return False
            if stat.S_IMODE(status.st_mode) != FILE_MODE:
                self.stamps.use(self._path(key), status.st_mode)
        except OSError:
            return False
        return True

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


STAMPS = "stamps"  # the file of a cache folder that lists the stamps of the last builds
STAMPS_KEPT = 8  # the newest, with the one that finished last (builds stopped, or running beside this one)
_STAMP_LINE = re.compile(r"(\d{1,20})(?: (\d{1,20}))?", re.ASCII)


class Stamps:
    """Which entries of a cache folder (pages here, social cards in card_cache.py) are as the cache left them.

    The kernel sets a file's change time on every write, even one that sets the modification time back after it
    (``cp -p`` over a site's page writes into the cache's file, which the page is a hard link to), and on every
    change of mode or links. So an entry whose status has not changed since the last build that used the folder
    finished is as that build left it: that build used it, having trusted or checked it (it removed the entries
    it did not use), or another build running beside it wrote it whole. Such an entry is used without being
    read; any other is read and checked against its name. Deleting a folder of an earlier build, which removes
    links, makes the next build read and check its entries once (0.34 s for 11,285 pages at 10,000 initiatives,
    over the page workers).

    Each build also has a stamp, a new time with an odd number of nanoseconds, which the page cache gives as
    modification time to every page it writes: such an entry is trusted for the rest of the build. The pruning
    keeps what the build used by its key (pages) or its name (cards).
    The ``stamps`` file lists the last STAMPS_KEPT stamps, each with the time its build finished (0 while it runs,
    and forever if it was stopped; :meth:`finish`)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.stamp = time.time_ns() | 1
        finished = _read_stamps(folder)
        self._last = _last_finished(finished)
        _write_stamps(folder, {**finished, self.stamp: 0})

    def trusts(self, status: os.stat_result) -> bool:
        """Whether the regular file of ``status`` is as the last finished build (or this one) left it."""
        return (status.st_mtime_ns == self.stamp and stat.S_ISREG(status.st_mode)  # this build's: two pages'
                or self.left_by_last(status, self._last))

    @staticmethod
    def last_finished(folder: Path) -> int:
        """When the last build that finished with ``folder`` did, read without adding a stamp: what
        :meth:`left_by_last` compares with (card_cache.survey)."""
        return _last_finished(_read_stamps(folder))

    @staticmethod
    def left_by_last(status: os.stat_result, last: int) -> bool:
        """Whether the regular file of ``status`` is as the build that finished at ``last`` left it."""
        return stat.S_ISREG(status.st_mode) and status.st_ctime_ns < last

    def use(self, path: str, mode: int) -> None:
        """The entry at ``path`` (whose status has ``mode``) given the mode a new file gets (FILE_MODE)."""
        if stat.S_IMODE(mode) != FILE_MODE:
            os.chmod(path, FILE_MODE)

    def finish(self) -> None:
        """This build is done with the folder: listed with its stamp, the time it finished by the kernel's clock of
        change times (:func:`_change_time_after`)."""
        stamps = _read_stamps(self.folder)  # with those other builds listed meanwhile
        stamps[self.stamp] = _change_time_after(self.folder / f".{STAMPS}.{os.getpid()}.probe")
        _write_stamps(self.folder, stamps)


def _change_time_after(probe: Path) -> int:
    """A change time later than that of any change made before this call, and earlier than or equal to that of
    any change after it: the change time the kernel gives a file (``probe``, made and removed) once its clock
    has moved on. That clock may be coarser than Python's (a few milliseconds a tick): changed in the same tick,
    a file's change time does not tell whether it came before or after. 0 (nothing trusted) when the clock does
    not move within 50 ms, or the folder cannot be written."""
    try:
        probe.write_bytes(b"")
        first = os.stat(probe).st_ctime_ns
        for _ in range(50):
            time.sleep(0.001)
            os.utime(probe)
            now = os.stat(probe).st_ctime_ns
            if now > first:
                return now
        return 0
    except OSError:
        return 0
    finally:
        try:
            probe.unlink()
        except OSError:
            pass


def _last_finished(stamps: dict[int, int]) -> int:
    return max(stamps.values(), default=0)


def _read_stamps(folder: Path) -> dict[int, int]:
    """Stamp -> the time its build finished (0: not finished), from ``folder``'s STAMPS file (none when it is
    missing or unreadable; a line of another shape is skipped)."""
    try:
        lines = (folder / STAMPS).read_text(encoding="ascii", errors="replace").splitlines()
    except OSError:
        return {}
    stamps = {}
    for line in lines:
        if found := _STAMP_LINE.fullmatch(line):
            stamps[int(found[1])] = int(found[2] or 0)
    return stamps


def _write_stamps(folder: Path, stamps: dict[int, int]) -> None:
    """The newest STAMPS_KEPT of ``stamps``, and the one that finished last, written to ``folder``'s STAMPS file
    (whole: a reader sees the old list or the new one)."""
    kept = sorted(stamps)[-STAMPS_KEPT:]
    last = max(stamps, key=stamps.__getitem__, default=None)  # the build that finished last: what is trusted by
    if last is not None and last not in kept:
        kept.insert(0, last)
    temporary = folder / f".{STAMPS}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary.write_text("".join(f"{value} {stamps[value]}\n" for value in kept), encoding="ascii")
        os.replace(temporary, folder / STAMPS)
    except OSError:
        pass  # a cache that cannot be written: every entry is read and checked, as an unstamped one


def _status(path: str | Path) -> os.stat_result | None:
    """The status of the file at ``path`` itself (a symbolic link's own); None when there is none."""
    try:
        return os.lstat(path)
    except OSError:
        return None


def _device(folder: Path) -> int | None:
    try:
        return os.stat(folder).st_dev
    except OSError:
        return None  # no cache yet: nothing listed


def _replace(target: Path, data: bytes) -> None:
    """``data`` written to a new file at ``target``: an existing one may be a link into the cache."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if os.path.lexists(target):
        os.unlink(target)
    target.write_bytes(data)


def prune(folder: Path, since: float, keep: set[str] | None = None, keys: set[str] | None = None) -> int:
    """Remove the files under ``folder`` a build neither wrote nor used: modified before ``since`` (a time.time()
    taken when the build began) and not named in ``keep``, nor the entries of ``keys`` (their names begin with
    the key). Run after a build that finished; how many went.

    Without it every change to the code or the theme would leave a whole site's worth of entries behind.
    """
    keep, keys = keep or set(), keys or set()
    removed = 0
    # os.walk and plain names: Path.rglob and two stats a file took a second at 10,000 initiatives (21,000 files)
    for root, _, names in os.walk(folder):
        for name in names:
            if name in keep or name.partition(".")[0] in keys:
                continue
            removed += _removed_if_older(os.path.join(root, name), since)
    return removed


def _removed_if_older(path: str, since: float) -> bool:
    """Whether the file at ``path``, modified before ``since``, was removed."""
    try:
        if os.stat(path, follow_symlinks=False).st_mtime < since:
            os.unlink(path)
            return True
    except OSError:
        pass
    return False


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


def place_files(site_dir: Path, items, put: Callable[[object, str], None]) -> None:
    """``put(source, target)`` for each (site path, source), making each folder once: files a build writes itself
    after MkDocs has written its own (cards, the search index). Targets are plain strings: one call for each of
    10,000 cards."""
    folders: set[str] = set()
    root = os.fspath(site_dir)
    for path, source in items:
        target = os.path.join(root, path)
        folder = os.path.dirname(target)
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        put(source, target)


def linked_in(device: int, listing: dict[str, int], entries: dict[str, tuple[int, int]]) -> set[str]:
    """The names of a folder's files that are hard links to the cache's file ``entries`` gives for their name (its
    device and inode numbers), from the folder's device and the inode number of each of its files by name, as its
    listing gives them (previous_build.take_back_folder): no system call a file, where asking for each of 10,000
    cards took a tenth of a second."""
    return {name for name, (file_device, inode) in entries.items()
            if listing.get(name) == inode and file_device == device}


def _same_file(source: str | Path, target: str | Path) -> bool:
    """Whether ``target`` is a hard link to ``source`` (a symbolic link to it is not)."""
    try:
        kept, wanted = os.lstat(target), os.stat(source)
    except OSError:
        return False
    return (kept.st_ino, kept.st_dev) == (wanted.st_ino, wanted.st_dev)
