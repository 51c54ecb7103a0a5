"""The social cards' cache folder (``.cache/sangkien/cards/``): each card drawn once, by worker processes while the
build goes on, and hard-linked into the site from there (core: no MkDocs).

What a card looks like and its name on the site are generator/cards.py's; a card's name holds a hash of that module
(cards.RENDERER), so the cache handling lives here, where changing it renames no card.
"""

from __future__ import annotations

import multiprocessing.pool
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from . import cards, pagecache, parallel
from .cards import FOLDER, CardSpec

CACHE = "cards"  # the cache folder's subfolder the cards are drawn into (Drawing)
# a large site's cards to draw are given to the workers this many at a time as its pages are defined (Drawing.add):
# at 100,000 initiatives one core sat idle for about 11 s of the 22 s of the definitions, then both drew the cards
SENT_AT = 500


def _entry_name(spec: CardSpec, png: bytes) -> str:
    """A card's file name in the cache: its name on the site, the beginning of a hash of its bytes and their number
    (as the page cache names its entries: pagecache.holds)."""
    return f"{spec.digest}.{pagecache.check(png)}.{len(png)}.png"


def _render(job: tuple[CardSpec, str, str | None]) -> str | None:
    """One card of the cache ``folder``: the entry ``name`` when it holds what its name says (one the build could not
    trust: Stamps), else drawn into a new entry, written atomically (under a name of this process, then renamed,
    so a half-written PNG never enters the cache). Its name; None when the folder would not take it."""
    spec, folder, name = job
    if name is not None:
        path = os.path.join(folder, name)
        try:
            if pagecache.holds(path, name):
                os.chmod(path, pagecache.FILE_MODE)
                return name
        except OSError:
            pass
        _remove(path)  # damaged: its name may be the one of the card drawn below
    png = cards.card_png(spec)
    name = _entry_name(spec, png)
    temporary = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as file:
            file.write(png)
        os.replace(temporary, os.path.join(folder, name))
    except OSError:
        _remove(temporary)
        return None
    return name


def _remove(path: str) -> None:
    """Whatever is at ``path`` in the cache folder, removed if it can be."""
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            os.unlink(path)
        except OSError:
            pass


# a card's entry in the cache folder (survey): its name, and its mode, device and inode numbers when the cache
# vouches for it (None: to be read and checked)
Entry = tuple[str, tuple[int, int, int] | None]


def survey(folder: Path) -> dict[str, Entry]:
    """The card's digest -> its :data:`Entry`, for every card in the cache ``folder`` (listed once: asking for each
    card's file took 0.66 s of 112,513 cards at 100,000 initiatives). An entry is vouched for when it is as the
    last finished build left it (pagecache.Stamps) and its size is the one its name gives.

    A worker on standby surveys the folder while the build's process loads the content (:class:`Survey`): at
    10,000 initiatives, listing and asking for the status of 11,282 cards took that process 0.06 s."""
    folder = os.fspath(folder)
    last = pagecache.Stamps.last_finished(Path(folder))
    entries: dict[str, Entry] = {}
    for name in os.listdir(folder):
        digest, _, rest = name.partition(".")  # <digest>.<check>.<size>.png
        if name.startswith(".") or rest.count(".") != 2 or not rest.endswith(".png") or (
                size := pagecache.named_size(name)) < 0:
            continue
        try:
            status = os.stat(os.path.join(folder, name))
        except OSError:
            continue  # gone since it was listed
        vouched = pagecache.Stamps.left_by_last(status, last) and status.st_size == size
        entries[digest] = (name, (status.st_mode, status.st_dev, status.st_ino) if vouched else None)
    return entries


class Survey:
    """The cache folder's cards surveyed (:func:`survey`) by one of the workers on standby for the cards
    (parallel.standby) as soon as it is asked for, while the build goes on; here, when there are none."""

    def __init__(self, folder: Path, pool: multiprocessing.pool.Pool | None):
        self.folder = folder
        self._pending = pool.apply_async(survey, (folder,)) if pool is not None and folder.is_dir() else None

    def entries(self) -> dict[str, Entry]:
        if self._pending is None:
            return survey(self.folder) if self.folder.is_dir() else {}
        return self._pending.get()


class Drawing:
    """Every card's PNG in the ``cache`` folder: those missing, and those the cache cannot vouch for (read and
    checked), are drawn in worker processes that start at once (or on the first of them, when more cards are
    given as they are made: :meth:`add`, then :meth:`close`), so the build goes on meanwhile; :meth:`wait` for
    them before using the files, :meth:`put` them into the site, and :meth:`finish` when the build is done.

    An entry as the cache left it (pagecache.Stamps) is used without being read. A cache folder that cannot be
    used gives way to a temporary one, deleted by :meth:`finish`: the build only takes longer."""

    def __init__(self, specs: Iterable[CardSpec], cache: Path, workers: int | None = None,
                 pool: multiprocessing.pool.Pool | None = None, more: bool = False, surveyed: Survey | None = None):
        """``more``: more cards follow (:meth:`add`) until :meth:`close`; ``surveyed``: the ``cache`` folder's
        survey, started earlier."""
        # site path -> file in the cache (None: one it would not take); a plain string: a Path for each of 10,000
        # cards took a third of the time of checking them
        self.files: dict[str, str | None] = {}
        self.found: dict[str, tuple[int, int]] = {}  # site name -> device and inode of a cached card used as it is
        self._specs: dict[str, CardSpec] = {}
        self._temporary: Path | None = None
        try:
            cache.mkdir(parents=True, exist_ok=True)
            self._entries = (surveyed or Survey(cache, None)).entries()
        except OSError:
            cache = self._temporary = Path(tempfile.mkdtemp(prefix="sangkien-cards-"))
            self._entries = {}
        self.stamps = pagecache.Stamps(cache)
        self._folder = cache
        self._jobs: list[str] = []  # site path of each job, in the order the jobs are given to the workers
        self._queued: list[tuple[CardSpec, str, str | None]] = []  # jobs not given yet
        self.count = self.drawn = 0  # cards in all; missing from the cache (a damaged one found later is drawn too)
        # a card is a few short strings: sent to the workers, so they do not copy the build's memory around them
        # (at 100,000 initiatives each card worker grew from about 670 to 890 MB reading the cards where they lay;
        # sent, they stayed flat, and the build's peak went from 4.14 to 3.84 GB)
        # ``pool``: workers on standby (parallel.standby), forked before the site was loaded: at 100,000
        # initiatives they stayed under 40 MB each, where workers forked after the page definitions had grown to
        # 670 MB each by the end of the cards, holding the pages the build's own process changed meanwhile
        self._workers, self._pool = workers, pool
        self._batch: parallel.Batch | parallel.Parts | None = None
        self.add(specs)
        if not more:
            self.close()

    def add(self, specs: Iterable[CardSpec]) -> None:
        """More cards: with workers on standby, those to draw are given to them SENT_AT at a time, so a large
        site's cards are drawn while its pages are still being defined (plugin._define_spooled)."""
        folder = os.fspath(self._folder)
        inside = os.path.join(folder, "")  # a cached card's path: a name joined to it (os.path.join: 10 ms a build)
        for spec in specs:
            path = spec.path  # hashes the spec: once
            if path in self._specs:
                continue  # a card several pages share
            self._specs[path] = spec
            name, vouched = self._entries.get(path[len(FOLDER):-len(".png")], (None, None))
            if vouched is not None:
                self._use(inside + name, path, *vouched)
                continue
            self._queued.append((spec, folder, name))
            self._jobs.append(path)
            self.drawn += name is None
        self.count = len(self._specs)
        if self._pool is not None and len(self._queued) >= SENT_AT:
            self._send()

    def _send(self) -> None:
        if self._batch is None:
            self._batch = parallel.Parts(_render, self._pool, self._workers)
        self._batch.send(self._queued)
        self._queued = []

    def close(self) -> None:
        """Every card has been given: the rest sent after those sent, or, with none sent yet, all drawn as one
        batch (by the workers on standby, by workers forked now, or here when they are few and none are on
        standby)."""
        if isinstance(self._batch, parallel.Parts):
            self._send()
        else:
            self._batch = parallel.Batch(self._queued, _render, self._workers, least=64, sent=True, pool=self._pool)
            self._queued = []
        self._pool = None  # the batch's now: ended with it

    def _use(self, entry: str, path: str, mode: int, device: int, inode: int) -> None:
        """The cache's file ``entry``, vouched for by the survey, used as it is for the card at ``path``."""
        self.stamps.use(entry, mode)  # kept by name when the cache is pruned
        self.files[path] = entry
        self.found[path[len(FOLDER):]] = (device, inode)

    def wait(self) -> dict[str, str | None]:
        if self._batch is None or self._queued:
            self.close()
        for path, name in zip(self._jobs, self._batch.results(), strict=True):
            self.files[path] = os.path.join(self._folder, name) if name else None
        self._jobs = []
        return self.files

    def put(self, site_dir: Path, paths: list[str]) -> None:
        """The cards at ``paths`` (site paths, of :meth:`wait`'s) hard-linked into ``site_dir`` from the cache
        (copied where links cannot be made), each drawn there instead if the cache would not take it or its entry
        has gone since (removed by another build's pruning, or the cache deleted)."""
        def put_one(path: str, target: str) -> None:
            try:
                if self.files[path] is not None:
                    pagecache.link_or_copy(self.files[path], target)
                    return
            except FileNotFoundError:
                pass
            if os.path.lexists(target):
                os.unlink(target)
            with open(target, "wb") as file:
                file.write(cards.card_png(self._specs[path]))

        pagecache.place_files(site_dir, ((path, path) for path in sorted(paths)), put_one)

    def finish(self, vouch: bool = True) -> None:
        """The build is done with the cards: with ``vouch``, the entries it used (the others pruned: a whole build)
        are trusted from now on (pagecache.Stamps). A temporary folder is deleted: the site's links keep their
        files."""
        if self._temporary is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)
        elif vouch:
            self.stamps.finish()

    def cancel(self) -> None:
        if self._batch is not None:
            self._batch.cancel()
        if self._pool is not None:  # given more cards, never closed
            self._pool.terminate()
            self._pool = None
