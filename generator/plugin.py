"""The MkDocs adapter: with its serve side (generator/serving.py), the only module that imports MkDocs.

It loads the content (failing the build on any content problem), turns each page definition into a virtual
file (``File.generated``), adds open data and feeds as files, and hands each page's data and sharing metadata to
its template in ``theme/``. The social cards and the search index are made by worker processes while MkDocs
works (generator/parallel.py); they and the pages of the lean path are written at the end of the build.

Like serving.py, it uses an internal function of MkDocs (``mkdocs.commands.build._build_template``, to render the
sitemap as MkDocs renders a theme's template): MkDocs 1.6.1 is the last 1.x, pinned below 2.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing.pool
import os
import pickle
import re
import sys
import time
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

import click
import jinja2
from markupsafe import Markup, escape
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from . import (authors_cache, card_cache, cards, collector, content, formatting, identity, lean, pagecache, parallel,
               previous_build, related_cache, richtext, search, search_cache, search_index, serving, sitefiles,
               sitemaps, stats, template_cache)
from .clock import publish_date
from .content import schema
from .identity import ByIdentity
from .model import Photo, Site
from .pages import PageSpec, SiteInfo, build_pages, default_card, hand_written, iter_pages, urls
from .pages.base import Pending
from .pages.initiatives import page_cards

log = get_plugin_logger("sangkien")
# cards told at a time by a large site's loading process (_initiative_cards): each received and given to the drawing
# as it comes, never all of them pickled at once in either process
CARDS_TOLD = 2_000
SEARCH_CACHE = "search-records"  # the cache folder's subfolder of kept search records (generator/search_cache.py)
RELATED_CACHE = "related"  # and of the related initiatives of the last build (generator/related_cache.py)
OPEN_DATA_CACHE = "open-data"  # and of its open data files (generator/opendata.py)
AUTHORS_CACHE = "authors"  # and of its authors' tallies (generator/authors_cache.py)
SITEMAP_CACHE = "sitemap"  # and of the sitemap's entries and its gzipped copy (generator/sitemaps.py)

_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


class SangKienConfig(Config):
    content_dir = config_options.Type(str, default="content")
    cache_dir = config_options.Type(str, default=".cache/sangkien")
    # the site search's index, written from what generator/search.py gives (search_index.py); false skips it
    # (a preview whose search box finds nothing)
    search = config_options.Type(bool, default=True)
    # generated pages outside the navigation filled into one rendered shell per kind (generator/lean.py); off
    # renders each through the theme
    lean = config_options.Type(bool, default=True)
    # from this many initiative files on, the build saves memory at some cost in time: the content is loaded in a
    # forked process and handed over through a file, the search index's worker reads its own copy of it, and the
    # lean path's pages go into a spool as they are defined, to be rendered from there (generator/parallel.py
    # hand_over, search_index_apart below, generator/lean.py Spool). At 100,000 initiatives the peak went from 3.84
    # to 1.83 GB, sampled every 50 ms; at 10,000, where the peak is a few hundred megabytes, each cost about 1.7 s
    # of the build's own process (benchmarks/RESULTS.md)
    memory_first_from = config_options.Type(int, default=30_000)


def _refuse_symlinks(docs: Path, base: Path) -> None:
    """Stop the build at a symlink in the hand-written pages' folder (or at the folder being one): MkDocs follows
    them and would publish the file or folder they point at, wherever it is (the content check reports them too,
    content.reader.SYMLINK; this also covers a docs_dir outside the content tree, before MkDocs lists it)."""
    links = [docs] if docs.is_symlink() else [
        Path(folder, name) for folder, folders, files in os.walk(docs) for name in folders + files
        if not name.startswith(".") and Path(folder, name).is_symlink()]
    for link in sorted(links):
        log.error(f"{os.path.relpath(link, base)}:1:1: {content.reader.SYMLINK}")
    if links:
        raise PluginError(f"Có {len(links)} liên kết tượng trưng trong thư mục trang viết tay; trang web không được tạo.")


def _escaped(text: str) -> Markup:
    """``text`` escaped for HTML, unless it is Markup already."""
    return text if isinstance(text, Markup) else Markup(escape(text))


def _hand_written_pages(files: Files, config) -> dict[str, str]:
    """Each hand-written page (MkDocs' docs folder) under the name a generated page at its address has
    (pages.hand_written), with the path messages show for it, from the folder of mkdocs.yml. Looked up for every
    generated page: a dictionary, not MkDocs' ``get_file_from_path``, which normalises each path it is given (28
    ms for the 11,269 pages of 10,000 initiatives, against 0.3 ms)."""
    base = Path(config.config_file_path).parent
    return {name: os.path.relpath(file.abs_src_path, base) for file in files.documentation_pages()
            if file.abs_src_path and (name := hand_written.generated_name(file.src_uri))}


def _write(data: bytes, target: str) -> None:
    with open(target, "wb") as stream:
        stream.write(data)


def _write_unless_same(data: bytes, target: str) -> None:
    """``data`` at ``target``, where the previous build's file is kept when it holds these very bytes (a
    ``--dirty`` build's folder; a rebuild in place stages them instead: previous_build.stage): at 10,000
    initiatives, comparing the search index's 415 files took 6 ms where writing them again took 0.08-0.24 s."""
    if previous_build.holds(target, data):
        return
    try:
        os.unlink(target)  # a link, or a file of another mode, is replaced, never written through
    except FileNotFoundError:
        pass
    _write(data, target)


def _quick_url(stock):
    """MkDocs' ``url`` filter, giving the link to a plain site path itself (urls.relative: the same link in a
    fraction of the time) and anything else to MkDocs."""

    @jinja2.pass_context
    def url(context, value):
        page = context.get("page")
        link = urls.relative(str(value), page.url) if page is not None else None
        return stock(context, value) if link is None else link

    return url


_DICT_ATTRIBUTES = frozenset(dir(dict))


def _quick_getattr(stock):
    """Jinja's ``a.b`` (``Environment.getattr``), answering at once for a key of a plain dict: the page
    definitions' data are dicts, and Jinja looks for an attribute first, so every ``card.title`` raised and caught
    an AttributeError before reading the key (about 30% of the time of a page's content without its Markdown).
    The same value as Jinja's in every case: a name that is not an attribute of dict is never an attribute of a
    plain dict."""

    def getattr_(obj, attribute):
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return stock(obj, attribute)

    return getattr_


def _visible_templates(loader: jinja2.FileSystemLoader) -> Callable[[], list[str]]:
    """``loader.list_templates`` without the files in hidden folders: the names Jinja lists, but for those MkDocs
    drops at once when it looks for the theme's static files (``Files.add_files_from_theme`` leaves out every
    path with a part starting with a dot). Material's templates hold 14,348 icons in ``.icons``: listing and
    filtering them took 60-100 ms of every build, this 3-5 ms. Templates are still loaded by name as before."""

    def list_templates() -> list[str]:
        found = set()
        for searchpath in loader.searchpath:
            for folder, folders, names in os.walk(searchpath, followlinks=loader.followlinks):
                folders[:] = [name for name in folders if not name.startswith(".")]
                relative = os.path.relpath(folder, searchpath)
                found.update(name if relative == "." else f"{relative}/{name}".replace(os.path.sep, "/")
                             for name in names)
        return sorted(found)

    return list_templates


def _theme_env_listing_visible(theme) -> Callable[[], jinja2.Environment]:
    """The theme's ``get_env``, its environment listing templates by :func:`_visible_templates`."""
    stock = theme.get_env

    def get_env() -> jinja2.Environment:
        env = stock()
        env.loader.list_templates = _visible_templates(env.loader)
        return env

    return get_env


def search_index_apart(read: Callable[[], content.Loaded], day: dt.date, cache_root: Path) -> dict[str, bytes]:
    """The search index's files made from the content as ``read`` gives it, published on ``day``: the worker of
    a large site (memory_first_from), forked before the content is loaded (``read`` waits for it).

    Forked after it, the worker shared the model and, as it read all of it, copied most of its pages: at 100,000
    initiatives it reached 0.95 GB beside the build's process, 1.09 GB, the peak of the page definitions. Here
    a process of its own reads a copy of the model, makes the records (those of unchanged initiatives kept from
    the last build: generator/search_cache.py) and hands them over (parallel.apart, through a file in the cache
    folder's ``content``) as it ends, so the model's memory is given back before the index is built: freed in a
    process that goes on, most of it stayed with that process (a few megabytes of survivors kept the allocator's
    arenas)."""
    made = partial(_search_records, read, day, cache_root / SEARCH_CACHE)
    # the records, millions of objects, live until the index is made and the process ends: unpaused, the
    # collector went through all of them as soon as they were read (0.6 s at 100,000 initiatives)
    with collector.paused():
        return search_index.build(parallel.apart(made, spill=cache_root / "content"))


def _search_records(read: Callable[[], content.Loaded], day: dt.date, folder: Path) -> dict:
    with collector.paused():  # millions of new objects, no cycles (generator/collector.py)
        site = read().site
        return search_cache.records(site.published(day), folder) if site is not None else {}


def _initiative_cards(info: SiteInfo, day: dt.date, site: Site) -> Iterator[list[cards.CardSpec]]:
    """The cards of the initiative pages of ``site`` as published on ``day``, in parts of CARDS_TOLD (a large
    site's, worked out where it is loaded and told to this process part by part: plugin._load)."""
    published = page_cards(site.published(day), info)
    for start in range(0, len(published), CARDS_TOLD):
        yield published[start:start + CARDS_TOLD]


def _photos(site: Site) -> list[Photo]:
    """Every photo the site shows, once, in the order of their paths."""
    return sorted({photo for item in site.initiatives for photo in item.photos}
                  | {post.image for post in site.news if post.image}, key=lambda photo: photo.path)


def _page_code(config: MkDocsConfig) -> list[Path]:
    """What a page is made of besides its definition and its shell: this package's code and the theme."""
    return [Path(__file__).parent] + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])


def _take_back_pages_and_cards(aside: Path, site_dir: Path, pages: set[str]) -> tuple[int, dict[str, int]]:
    """The previous build's ``pages`` and its cards' folder moved back into ``site_dir`` (SangKienPlugin._take_back):
    the folder's device and its files' inode numbers, as previous_build.take_back_folder gives them."""
    previous_build.take_back(aside, site_dir, pages)
    return previous_build.take_back_folder(aside, site_dir, cards.FOLDER.rstrip("/"))


def _mkdocs_build_process() -> bool:
    """Whether this process is a ``mkdocs build`` command line, which ends when the build does: MkDocs' ``build``
    command running from the process's own arguments, not a build run by a program that goes on after it (a test,
    a script, a command line invoked in-process)."""
    context = click.get_current_context(silent=True)
    return (context is not None and context.info_name == "build" and sys.argv[1:2] == ["build"]
            and context.find_root().info_name in ("mkdocs", "python -m mkdocs"))


class SangKienPlugin(BasePlugin[SangKienConfig]):
    def __init__(self) -> None:
        self.specs: dict[str, PageSpec | Pending] = {}
        self.cards: dict[str, cards.CardSpec] = {}  # src_uri of a hand-written page -> its card
        self.info: SiteInfo | None = None
        self.content_root: Path | None = None
        self.cache_root: Path | None = None
        self.as_of: dt.date | None = None
        # pages written by the lean path (generator/lean.py), carriers included; a build's initiative pages Pending
        self.lean: list[PageSpec | Pending] = []
        self.lean_urls: list[str] = []  # the spooled ones' addresses, for a rebuild in place (self.aside)
        self.carriers: dict[str, tuple] = {}  # src_uri of a page rendered through the theme as a shell -> its group
        self.shells: dict[tuple, lean.Shell] = {}
        self.page_cache: pagecache.PageCache | None = None
        self.site_dir = ""  # where the lean path puts pages (ending in "/"): read from the config once, not per page
        self.env = None
        self.began = 0.0
        self.drawing: card_cache.Drawing | None = None  # the social cards, drawn while the build goes on
        # the search index's files, made while the build goes on
        self.searching: parallel.Alone | parallel.Batch | None = None
        # the model written for the next build's load (content/snapshot.py), beside the build
        self.keeping: parallel.Alone | parallel.Batch | None = None
        # the previous build's pages of the lean path taken back beside the build, before MkDocs writes (_take_back)
        self.taking: parallel.Alone | parallel.Batch | None = None
        self.taken: set[str] | None = None  # the pages being taken back, until those not wanted are dropped (on_env)
        # the cards' folder taken back with them: its device and its files' inode numbers, until on_post_build
        self.cards_back: tuple[int, dict[str, int]] | None = None
        self.listed_as_wanted = False  # whether they were the pages this build writes by the lean path
        # the static files MkDocs would copy, staged beside the previous build by a worker on standby (_stage_static)
        self.staging_static: multiprocessing.pool.AsyncResult | None = None
        self.page_survey: multiprocessing.pool.AsyncResult | None = None  # pagecache.surveyed, by a worker on standby
        self.wanted: set[str] = set()  # the site paths of this build's pages of the lean path, carriers aside
        # the pages of the lean path, written at the build's end
        self.writing: parallel.Batch | parallel.Together | None = None
        self.standby = None  # the social cards' workers until the drawing takes them (parallel.standby)
        self.spool: lean.Spool | None = None  # a large site's pages of the lean path, from their definition to the end
        self.spooled_sitemap: list[tuple[str, str]] | None = None  # the sitemap's entries of the spooled pages
        self.memory_first = False  # a large site (SangKienConfig.memory_first_from)
        self.search_files: dict[str, bytes] = {}
        self.sitemap = ""  # theme/sitemap.xml rendered where MkDocs would render it (on_env), written at the end
        # what `mkdocs serve` keeps to bring the site up to date after an edit (generator/serving.py)
        self.serving = False
        self.command = None  # MkDocs' command (on_startup): None when a build is run from Python
        self.dirty = False  # MkDocs' --dirty: the site folder is not emptied
        self.aside: Path | None = None  # the previous build's files, until taken back (generator/previous_build.py)
        self.loaded: content.Loaded | None = None
        self.site: Site | None = None
        self.files: Files | None = None
        self.nav = None
        self.card_files: dict[str, str | None] = {}
        self.card_uses = None  # how many pages show each card, counted by the first update after a build
        self.site_files: dict[str, bytes] = {}
        self.search_kept = ByIdentity()  # each page's search record, for the updates (generator/search.py)
        self.search_records = None  # a served site's records of its whole build, until serving.after_build
        self.index_kept = search_index.Kept()  # what the last search index worked out, for the next update's
        self.built = False  # the site folder holds a whole build's output (what an update starts from)
        self.finished = False  # the last build ran to its end (on_post_build) and did not fail after
        self.changes = None  # the content files edited while serving (generator/watch.py)
        self.theme_files: dict[str, tuple[int, int]] = {}  # the theme folder's files at a served whole build's end
        self.late = None  # the thread writing the site-wide files after an update (generator/serving.py)
        self.freezes = 0  # collector.freeze() calls of this build, thawed at its end
        # the hand-written pages by the name a generated page at their address has (_hand_written_pages)
        self.hand_written_pages: dict[str, str] = {}

    def on_startup(self, *, command, dirty):
        # defining this keeps one plugin object for every build of a `mkdocs serve`, with what it kept
        self.serving = command == "serve"
        self.command = command
        self.dirty = dirty

    def _path(self, configured: str, config) -> Path:
        path = Path(configured)
        return path if path.is_absolute() else Path(config.config_file_path).parent / path

    def on_config(self, config):
        self.mkdocs_config = config
        self.content_root = self._path(self.config.content_dir, config)
        self.cache_root = self._path(self.config.cache_dir, config)
        # the hand-written pages are the content tree's pages/ (what the content check reads, and the notice's
        # page must be in): another tree (SANGKIEN_CONTENT_DIR) brings its own, not those of mkdocs.yml's docs_dir
        if (self.content_root / "pages").is_dir():
            config.docs_dir = str(self.content_root / "pages")
        site_url = config.site_url or "http://127.0.0.1:8000/"
        self.info = SiteInfo(config.site_name, site_url if site_url.endswith("/") else f"{site_url}/")
        # MkDocs lists the theme's files (Files.add_files_from_theme) before any event gives the plugin its
        # environment
        config.theme.get_env = _theme_env_listing_visible(config.theme)
        # the plugin renders the theme's sitemap where MkDocs would (on_env, just before MkDocs' static templates)
        # and writes it at the build's end (finish_sitemap): MkDocs also wrote a copy gzipped by the standard
        # library with the build's time in it (40 ms at 10,000 initiatives, 0.39-0.40 s for a sitemap of 100,000's
        # size: benchmarks/RESULTS.md, "The sitemap written once"), written again anyway
        config.theme.static_templates.discard("sitemap.xml")
        # Material prints the site's description unescaped where a page has none of its own (hand-written pages,
        # the 404 page): the quotes of the campaign's name cut it short
        if config.site_description:
            config.site_description = Markup(escape(config.site_description))
        return config

    def _load(self, listing: content.snapshot.Listing | None, surveyed: card_cache.Survey) -> Site:
        # read once: the search index's worker of a large site publishes the same news as the pages, even across
        # midnight
        day = publish_date()
        # checked records of unchanged files come from the cache (generator/content/cache.py)
        if self.memory_first:
            # the cards of a large site's initiative pages are worked out by the loading process and drawn while it
            # hands the model over, and this process reads it: one core sat idle there, about 4 s at 100,000
            # initiatives (benchmarks/RESULTS.md). Not in a rebuild in place, which draws few and first stages its
            # static files with the same workers (_stage_static)
            early = self.config.lean and self.aside is None

            def search_apart(read: Callable[[], content.Loaded]) -> None:
                # the search index's worker, forked before this process holds the cards or the model, reads a copy
                # of its own once it is handed over (search_index_apart)
                self.searching = parallel.start(self._indexing(
                    lambda: (search_index_apart(read, day, self.cache_root), None)))

            handed = content.load_apart(
                self.content_root, self.config.content_dir, self.cache_root / "content",
                ahead=partial(_initiative_cards, self.info, day) if early else None,
                heard=lambda specs: self._large_drawing(surveyed).add(specs),
                before=search_apart if self.config.search else None)
            with collector.paused():  # frozen before the collector scans it (_freeze)
                loaded = handed.load()
                self._freeze()
        else:  # kept when serving, for the updates after edits (generator/serving.py)
            with collector.paused():
                loaded = content.load(self.content_root, self.config.content_dir, self.cache_root / "content",
                                      keep=self.serving, listing=listing)
                self._freeze()
            if loaded.reread is not None:
                log.info(f"Nội dung lấy từ lần tạo trước, đọc lại {len(loaded.reread)} tệp đã sửa")
            if loaded.unsaved is not None and loaded.unsaved.whole:  # the whole model: pickled beside the build
                self.keeping = parallel.start(
                    partial(content.save_snapshot, self.cache_root / "content", loaded.unsaved))
            elif loaded.unsaved is not None:  # the few initiatives changed since it was: at once
                content.save_snapshot(self.cache_root / "content", loaded.unsaved)
        if loaded.problems:
            # the hand-written pages at the addresses every site has are reported with them, as the check does
            problems = sorted(loaded.problems + hand_written.clashes(
                (f"{url}index.md" for url in (urls.HOME, *urls.SECTIONS)), self.hand_written_pages))
            for problem in problems:
                log.error(str(problem))
            raise PluginError(f"Nội dung có {len(problems)} lỗi; trang web không được tạo.")
        self.loaded = loaded if self.serving else None
        return loaded.site.published(day)

    def _large_drawing(self, surveyed: card_cache.Survey) -> card_cache.Drawing:
        """The drawing of a large site's cards, started by the first of them (card_cache.Drawing.add; ``surveyed``:
        its folder's survey)."""
        if self.drawing is None:
            self.drawing = card_cache.Drawing((), self.cache_root / card_cache.CACHE, pool=self.standby, more=True,
                                              surveyed=surveyed)
            self.standby = None  # the drawing's now: ended with it
        return self.drawing

    def _hand_written_cards(self, site: Site, files: Files) -> None:
        """A card for each page of the pages folder, titled with its first heading."""
        self.cards = {}
        for file in files.documentation_pages():
            heading = _HEADING.search(file.content_string)
            title = heading.group(1) if heading else self.info.name
            self.cards[file.src_uri] = default_card(site, self.info, title)

    @event_priority(-100)  # after every other plugin's: the process may end here
    def on_shutdown(self):
        if self.changes is not None:
            self.changes.stop()
        serving.settle(self)
        self._thaw()  # what a served site's last build left frozen (serving.after_build)
        if self.command == "build" and self.finished and _mkdocs_build_process():
            collector.end_now()  # returns only when something still running would make the process wait
        if self.command == "build":
            # the process ends next: its site, pages and kept values freed here, by reference counting, take a
            # tenth of a second at 10,000 initiatives; left to the interpreter's shutdown they took 2-2.5 s more
            self.__init__()
            identity.forget_all()
            collector.leave_at_exit()

    def on_pre_build(self, *, config):
        _refuse_symlinks(Path(config.docs_dir), Path(config.config_file_path).parent)  # before MkDocs lists them
        serving.settle(self)  # before MkDocs empties the site folder
        self.finished = False
        # its files are moved aside instead, and those this build writes again taken back (on_post_build); serving
        # brings its own folder up to date (generator/serving.py)
        self.aside, self.taken, self.cards_back, self.listed_as_wanted = None, None, None, False
        site_dir, holding = Path(config.site_dir).resolve(), self.cache_root.resolve() / "previous-build"
        if not (self.serving or self.dirty or holding.is_relative_to(site_dir) or site_dir.is_relative_to(holding)):
            self.aside = previous_build.set_aside(site_dir, holding)

    def on_files(self, files: Files, *, config) -> Files:
        started = time.perf_counter()
        self.built = False
        self.began = time.time()  # cache entries older than this and unused by the build are pruned at its end
        # the social cards' workers, forked while this process is small (generator/parallel.py, standby)
        self.standby = parallel.standby()
        # one of which lists the cards' cache folder while this process loads the content (card_cache.Survey), the
        # other the pages' (on_env)
        surveyed = card_cache.Survey(self.cache_root / card_cache.CACHE, self.standby)
        if self.standby is not None:
            self.page_survey = self.standby.apply_async(pagecache.surveyed, (
                self.cache_root / "pages", _page_code(config), (config.site_name, self.info.url)))
        self._take_back()
        # a served site keeps what it loaded, for the updates after edits
        # the content listed once: how many initiatives decides how it is loaded, and the load compares its files
        # with those of the model it starts from (content.load)
        listing = None if self.serving else content.survey(self.content_root)
        self.memory_first = (not self.serving and
                             content.initiative_files(self.content_root, listing) >= self.config.memory_first_from)
        self.searching, self.lean_urls, self.search_records = None, [], None
        self.hand_written_pages = _hand_written_pages(files, config)
        self.drawing = None
        site = self._load(listing, surveyed)
        self._stage_static(site, files)
        if self.config.search and self.searching is None:
            # serving keeps every page's record for the updates that follow edits, so they are made here once;
            # a build makes them in the worker, beside the page definitions
            records = search.records(site, self.search_kept) if self.serving else None
            self.search_records = records
            folder = self.cache_root / SEARCH_CACHE
            # a build's index starts from what the last build's worked out, and keeps its own for the next once
            # its files are handed over (search_cache.index_then_keep)
            self.searching = parallel.start(self._indexing(
                lambda: (search_index.build(records), None) if records is not None
                else search_cache.index_then_keep(site, folder)))
        self.as_of = stats.as_of(site)
        # the authors' tallies as the last build in the cache folder made them, when they are the same
        # (generator/authors_cache.py); kept until the build ends, as the model is (_freeze): tallied with the
        # collector running, 100,000 initiatives set it off through the growing tallies 16 times (1.2 s)
        with collector.paused():
            authors_cache.keep_tallies(site, self.cache_root / AUTHORS_CACHE)
            self._freeze()
        self._hand_written_cards(site, files)
        self.shells, self.spool, self.spooled_sitemap = {}, None, None
        if self.memory_first and self.config.lean:
            # its cards drawn while the pages are defined (card_cache.Drawing.add), those of its initiatives since
            # its model was handed over (_load)
            self._large_drawing(surveyed).add(self.cards.values())
            specs, count = self._define_spooled(site)
            self.drawing.close()
            filled = []
        else:
            # millions of objects and no cycles (generator/collector.py); only here: the workers started above and
            # below are forked with the collector running, as they were before it was paused
            with collector.paused():
                # the initiative pages' definitions made only for pages the page cache lacks (pages.base.Pending);
                # serving keeps every definition, for the updates after edits
                specs = build_pages(site, self.info, later=self.config.lean and not self.serving,
                                    related=self._related)
                self._freeze()
            self._refuse_clashes(spec.src_uri for spec in specs)
            card_specs, count = [spec.card for spec in specs if spec.card], len(specs)
            self.carriers, filled = lean.plan(specs) if self.config.lean else ({}, [])
            # MkDocs renders the carriers through the theme: their definitions are needed now
            specs = [spec.made() if spec.src_uri in self.carriers else spec for spec in specs]
        self.specs = {spec.src_uri: spec for spec in specs}
        self.lean = [self.specs[src_uri] for src_uri in self.carriers] + filled if self.spool is None else []
        self.wanted = self._wanted() if not self.serving else set()
        self.site, self.files = site, files
        # the cards missing from the cache are drawn by worker processes while the build goes on (a large site's
        # are being drawn already)
        if self.spool is None:
            self.drawing = card_cache.Drawing(card_specs + list(self.cards.values()),
                                              self.cache_root / card_cache.CACHE, pool=self.standby,
                                              surveyed=surveyed)
            self.standby = None  # the drawing's now: ended with it
        self._add_pages(specs, {spec.src_uri for spec in filled}, files, config)
        self._add_files(site, files, config)
        self._freeze()  # what is made above lives until the build ends
        log.info(f"{len(site.initiatives)} sáng kiến, {count} trang, {self.drawing.count} thẻ chia sẻ "
                 f"({self.drawing.drawn} thẻ vẽ mới) trong {time.perf_counter() - started:.1f} s")
        return files

    def _indexing(self, make: Callable[[], tuple[dict[str, bytes], Callable[[], None] | None]]
                  ) -> Callable[[], dict[str, bytes] | tuple[list[str], list[str]] | parallel.Then]:
        """The search index's work for its worker: ``make`` (its files, and what keeps what it worked out for the
        next build, if anything), and in a rebuild in place the files staged beside the previous build's
        (previous_build.stage), their paths then its result. What keeps comes after the result is sent
        (parallel.Then): on_post_build waits for it last."""
        aside = self.aside

        def work() -> dict[str, bytes] | tuple[list[str], list[str]] | parallel.Then:
            files, keep = make()
            result = files if aside is None else previous_build.stage(files, aside)
            return result if keep is None else parallel.Then(result, keep)

        return work

    def _take_back(self) -> None:
        """A rebuild in the previous build's folder (self.aside): the pages of the lean path it wrote there (as
        it listed them: previous_build.listed) moved back by a worker, forked while this process is small, as this
        one loads the content and defines the pages (on_env waits for it and drops those this build does not
        write, as MkDocs writes next), then the cards' folder whole (on_post_build keeps those the cache gives and
        sends the others back). The search index's files (staged by its worker: _indexing) are taken back at the
        end (on_post_build).

        At 10,000 initiatives the pages took this process 0.2-0.25 s when it took them back itself; a worker forked
        once the pages were defined, from a process of 400 MB, took them back while the search index's worker and
        this process worked, where a core is idle during the load (benchmarks/RESULTS.md). The worker runs behind
        the others (parallel.start): nothing asks for the pages before on_env, and at its own priority it took a
        share of this process's core as it loaded the content (benchmarks/RESULTS.md, "The rebuild in place at
        0.096–0.098×")."""
        if self.aside is None:
            return
        site_dir = Path(self.mkdocs_config.site_dir)
        # none listed for this folder: every page is placed anew
        self.taken = previous_build.listed(self.cache_root, site_dir)
        self.taking = parallel.start(partial(_take_back_pages_and_cards, self.aside, site_dir, self.taken),
                                     behind=True)

    def _stage_static(self, site: Site, files: Files) -> None:
        """A rebuild in the previous build's folder: the static files MkDocs copies into the site (the theme's, the
        pages folder's, the photos) staged beside the previous build by a worker on standby, as this process goes
        on (previous_build.stage_static), and taken back just before MkDocs would copy them (_take_back_static)."""
        if self.aside is None or self.standby is None:
            return
        sources = [(file.abs_src_path, file.dest_uri) for file in files if not file.is_documentation_page()
                   and file.abs_src_path is not None and file.inclusion.is_included()]
        sources += [(str(photo.source), urls.photo(photo)) for photo in _photos(site)]
        self.staging_static = self.standby.apply_async(previous_build.stage_static, (sources, self.aside))

    def _take_back_static(self, files: Files, site_dir: Path) -> None:
        """The static files staged (_stage_static) moved into the site, those of the same bytes from the previous
        build's; MkDocs then finds each in place (its source is where it would copy it to: it lets plugins write
        into the site folder so) and copies only the others."""
        try:
            written, same = self.staging_static.get()
        except OSError:  # the cache folder would not take them: MkDocs copies them all, as it always did
            return
        finally:
            self.staging_static = None
        placed = set()
        for folder, paths in ((self.aside, same), (self.aside / previous_build.STATIC, written)):
            if paths:
                previous_build.take_back(folder, site_dir, set(paths))
                placed |= {path for path in paths if not os.path.lexists(os.path.join(folder, path))}
        for file in files:
            if file.dest_uri in placed and not file.is_documentation_page():
                file.abs_src_path = file.abs_dest_path

    def _wanted(self) -> set[str]:
        """The site paths of the pages the lean path writes, but for the carriers, whose files MkDocs writes first:
        taken back, they may be the page cache's files (linked), which MkDocs would write through."""
        urls = self.lean_urls if self.spool is not None else [spec.url for spec in self.lean]
        carriers = {self.specs[src_uri].url for src_uri in self.carriers}
        return {f"{url}index.html" for url in urls if url not in carriers}

    def _related(self, site: Site) -> dict:
        """Each initiative's related ones, as the last build in the cache folder found them when they are the same
        (generator/related_cache.py)."""
        return related_cache.related(site, self.cache_root / RELATED_CACHE)

    def _define_spooled(self, site: Site) -> tuple[list[PageSpec], int]:
        """A large site's page definitions (memory_first_from): each page of the lean path is put into a spool
        (lean.Spool) as soon as it is made, so they are never all held at once, and its card given to the drawing
        (self.drawing); returned are the pages MkDocs renders (those in the navigation and the carriers) and how
        many pages there are.

        At 100,000 initiatives, with every definition held until the pages were written, the build's process
        grew from 0.6 to 1.25 GB over the definitions, beside the search index's worker (0.9 GB): the build's peak,
        2.22 GB. Spooled as they are made, it reached 0.91 GB there (sampled every 5 s; every 0.2 s, 1.07-1.09 GB
        beside the worker's 0.95 GB, which search_index_apart brought down: benchmarks/RESULTS.md)."""
        planned, kept, count, clashing = lean.Plan(), [], 0, []
        self.spool, self.spooled_sitemap = lean.Spool(self.cache_root), []
        with collector.paused():  # as in on_files
            for spec in iter_pages(site, self.info, related=self._related):
                count += 1
                if spec.src_uri in self.hand_written_pages:
                    clashing.append(spec.src_uri)
                if spec.card:
                    self.drawing.add((spec.card,))
                if not spec.in_nav:  # carriers too: the lean path writes them over MkDocs' shell with placeholders
                    self.spool.add(spec)
                    self.lean_urls.append(spec.url)
                if planned.fills(spec):
                    self.spooled_sitemap.append(self._sitemap_entry(spec))
                else:
                    kept.append(spec)
            self._freeze()
        self._refuse_clashes(clashing)
        self.spool.flush()
        self.carriers = planned.carriers
        return kept, count

    def _refuse_clashes(self, src_uris: Iterable[str]) -> None:
        """Stop the build when a hand-written page has the address of a generated page (``src_uris``: theirs),
        each reported as a problem of a content file is, all of them at once (pages.hand_written)."""
        problems = hand_written.clashes(src_uris, self.hand_written_pages)
        for problem in problems:
            log.error(str(problem))
        if problems:
            raise PluginError(f"Có {len(problems)} trang viết tay trùng địa chỉ với trang được tạo tự động; "
                              "trang web không được tạo.")

    def _add_pages(self, specs: list[PageSpec], skipped: set[str], files: Files, config) -> None:
        """A virtual file for each page MkDocs renders; the lean path writes the ``skipped`` ones itself."""
        for spec in specs:
            if spec.src_uri in skipped:
                continue  # written by the lean path after the build (on_post_build)
            inclusion = InclusionLevel.UNDEFINED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, spec.src_uri, content="", inclusion=inclusion))

    def _add_files(self, site: Site, files: Files, config) -> None:
        """Photos, open data, feeds, robots.txt."""
        for photo in _photos(site):
            files.append(File.generated(config, urls.photo(photo), abs_src_path=str(photo.source)))
        self.site_files = sitefiles.files(site, self.info, self.cache_root / OPEN_DATA_CACHE)
        for path, data in self.site_files.items():
            files.append(File.generated(config, path, content=data))

    def on_nav(self, nav, *, config, files):
        self.nav = nav
        return nav

    def on_env(self, env, *, config, files):
        env.filters.update(formatting.FILTERS)
        env.filters["url"] = _quick_url(env.filters["url"])
        env.getattr = _quick_getattr(env.getattr)
        env.globals.update(search.TEMPLATE_GLOBALS)  # the search box's URLs (theme/partials/sk_search.html)
        # pages the lean path writes are not MkDocs pages: theme/sitemap.xml lists them from here
        env.globals["sk_sitemap_extra"] = self.sitemap_extra()
        env.globals["sk_sitemap_urls"] = partial(sitemaps.url_elements, folder=self.cache_root / SITEMAP_CACHE)
        # the campaign's notice at the top of every page (theme/main.html, block announce); part of each lean
        # shell, so the page cache keys pages by it too
        env.globals["sk_notice"] = self.site.campaign.notice if self.site else None
        # the templates do not change during a build (serve makes a new environment for each): without this,
        # every include and import of every page asks the file system whether its template changed
        env.auto_reload = False
        # the theme's templates compiled once, not on every build (about a second of each): Jinja keeps each one's
        # code with a hash of its source and its own and Python's versions, and compiles again when any differs; a
        # file it cannot read back is compiled again, a folder that cannot be made is no cache (template_cache.py)
        env.bytecode_cache = template_cache.bytecode_cache(self.cache_root / "templates")
        self.env = env
        # read once: MkDocs' config gives each value through a descriptor and a UserDict, which took 7% of the
        # page workers' time when read for each page
        self.site_dir = os.path.join(config.site_dir, "")
        self.page_cache = self._page_cache(config)
        self.sitemap = self.render_sitemap()
        if self.taking is not None:  # MkDocs writes into the site folder next
            self.cards_back = self.taking.results()[0]
            self.taking = None
            previous_build.drop(Path(config.site_dir), sorted(self.taken - self.wanted))
            self.listed_as_wanted = self.taken == self.wanted  # the kept list is this build's (list_pages)
            self.taken = None
        if self.staging_static is not None:
            self._take_back_static(files, Path(config.site_dir))
        return env

    def _page_cache(self, config) -> pagecache.PageCache:
        """The cache of the lean path's pages, from what a worker on standby surveyed (on_files) where it could."""
        folder, survey, self.page_survey = self.cache_root / "pages", self.page_survey, None
        if survey is not None:
            return pagecache.PageCache(folder, *survey.get())
        fingerprint = pagecache.fingerprint(_page_code(config), (config.site_name, self.info.url))
        return pagecache.PageCache(folder, fingerprint)

    def sitemap_extra(self) -> list[tuple[str, str]]:
        if self.spooled_sitemap is not None:
            return self.spooled_sitemap
        return [self._sitemap_entry(spec) for spec in self.lean if spec.src_uri not in self.carriers]

    def _sitemap_entry(self, spec: PageSpec) -> tuple[str, str]:
        return self.info.absolute(spec.url), (spec.updated or self.as_of).isoformat()

    def on_page_markdown(self, markdown, *, page, config, files):
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            page.meta["template"] = spec.template
            page.meta["hide"] = ["toc"]  # generated pages have no headings of their own to list
            page.title = Markup(escape(spec.title))
            page.meta["description"] = Markup(escape(spec.description))
        else:
            # a hand-written page keeps only what it may set (schema.PAGE_META, which the check holds it to):
            # Material prints other keys (author, subtitle, status) unescaped, and 'template' picks the template
            page.meta = {key: value for key, value in page.meta.items() if key in schema.PAGE_META.fields}
            if "hide" in page.meta:
                hides = page.meta["hide"] if isinstance(page.meta["hide"], list) else []
                page.meta["hide"] = [value for value in hides if value in schema.PAGE_HIDES]
        # Material prints page.meta.title and .description unescaped: front matter is plain text too.
        for key in ("title", "description"):
            if key in page.meta and not isinstance(page.meta[key], Markup):
                page.meta[key] = Markup(escape(str(page.meta[key])))
        # the sitemap's lastmod comes from the content, never the clock, so two builds are identical
        page.update_date = ((spec.updated if spec else None) or self.as_of).isoformat()
        return markdown

    def on_page_content(self, html, *, page, config, files):
        # a hand-written page comes by pull request as content does: its HTML is cleaned the same way
        return html if page.file.src_uri in self.specs else richtext.clean_page(html, page.url)

    def on_post_page(self, output, *, page, config):
        group = self.carriers.get(page.file.src_uri)
        if group is not None:
            try:
                # rendered alone as the theme rendered it: with the title and address placeholders of _meta
                carrier = lean.PageStub(page.url, Markup(lean.PLACEHOLDERS["title"]), lean.PLACEHOLDERS["url"])
                self.shells[group] = lean.cut(output, self._content(self.specs[page.file.src_uri], carrier))
            except ValueError as error:
                raise PluginError(f"{page.file.src_uri} ({group[0]}): {error}") from error
            page.canonical_url = self.info.absolute(page.url)  # the sitemap reads it after the pages
        return output

    def _content(self, spec: PageSpec, stub: lean.PageStub | None = None) -> str:
        """The content block of the page's template, rendered alone with what that block reads."""
        template = self.env.get_template(spec.template)
        stub = stub or lean.PageStub(spec.url, Markup(escape(spec.title)), self.info.absolute(spec.url))
        context = template.new_context({"sk": spec.data, "page": stub, "base_url": get_relative_url(".", spec.url),
                                        "config": self.mkdocs_config})
        return "".join(template.blocks["content"](context))

    def _place_lean(self, spec: PageSpec | Pending) -> tuple[bool, str]:
        """One page put in the site: from the page cache when neither what it is made of (lean.cache_inputs) nor
        its group's shell changed, else its definition made (a Pending's), its content block rendered alone and
        joined into the shell (and stored); whether it came from the cache, and its key there."""
        shell = self.shells[lean.group(spec)]

        def make() -> str:
            made = spec.made()
            meta = self._spec_meta(made, self.info.absolute(made.url))
            return shell.fill(lean.values(meta, self._content(made)))

        target = f"{self.site_dir}{spec.url}index.html"  # a page's address is relative, and ends with a "/"
        key = self.page_cache.key(lean.cache_inputs(spec), shell.digest)
        return self.page_cache.place(key, target, make), key

    def on_post_build(self, *, config):
        """Write the pages of the lean path, the social cards and the search index, fix the sitemap's time stamp,
        prune the cache."""
        # the card workers finish before the page helper starts: both use every core
        card_files = self.drawing.wait()
        started = time.perf_counter()
        # the pages' helper starts before the search index is waited for, so it runs beside the end of its
        # worker, where this process waited for it with nothing to do (benchmarks/RESULTS.md)
        written = self._start_writing()
        # the search index was made beside the page definitions and MkDocs' own pages; its worker ended once done
        indexed = self.searching.results()[0] if self.searching is not None else {}
        if self.aside is not None:  # a rebuild in the previous build's folder: the search index's files (its pages
            # and cards: _take_back), those of the same bytes, then the others as its worker staged them (_indexing)
            staged, same = indexed if self.searching is not None else ([], [])
            previous_build.take_back(self.aside, Path(config.site_dir), set(same))
            if staged:
                previous_build.take_back(self.aside / previous_build.STAGED, Path(config.site_dir), set(staged))
            indexed = {}
        self.search_files = indexed
        # the helper writes pages while this process places the files it does not touch (about a second at 10,000
        # initiatives, spent once with a core idle), then joins it (results)
        in_place: set[str] = set()
        if self.cards_back is not None:  # the cards the previous build linked, taken back, are left where they are;
            # those this build does not show are sent back to be deleted
            device, listing = self.cards_back
            in_place = pagecache.linked_in(device, listing, self.drawing.found)
            shown = {path.removeprefix(cards.FOLDER) for path in card_files}
            previous_build.send_back(self.aside, Path(config.site_dir), cards.FOLDER, listing.keys() - shown)
            self.cards_back = None
        self.drawing.put(Path(config.site_dir),
                         [path for path in card_files if path.removeprefix(cards.FOLDER) not in in_place])
        self.card_files, self.card_uses = card_files, None
        # the search index's files (generator/search_index.py)
        pagecache.place_files(Path(config.site_dir), self.search_files.items(), _write_unless_same)
        self.finish_sitemap(Path(config.site_dir), self.sitemap)
        # while the page workers finish (done after them, this took 0.05 s at 10,000 initiatives with a core idle):
        # what needs neither their results nor the previous build any more. What the build did not use is left over
        # from older content, code or theme
        pagecache.prune(self.cache_root / card_cache.CACHE, self.began,
                        keep={os.path.basename(source) for source in card_files.values() if source})
        pagecache.prune(self.cache_root / "templates", self.began)  # those of templates renamed, moved or removed
        pagecache.remove_retired(self.cache_root)
        previous_build.discard(self.aside)
        self.aside = None
        # what the next rebuild in this folder takes back first (_take_back), unless the list it took back holds
        # these very pages (after an edit, the usual case: 11,000 paths sorted and written, 7 ms at 10,000)
        if not self.serving and not self.listed_as_wanted:
            previous_build.list_pages(self.cache_root, Path(config.site_dir), self.wanted)
        placed = self.writing.results()
        reused = sum(found for found, _ in placed)
        if self.spool is not None:
            self.spool.close()
            self.spool = None
        if written:
            log.info(f"{written} trang ghi theo đường nhanh ({reused} lấy từ bộ đệm) "
                     f"trong {time.perf_counter() - started:.1f} s")
        # the entries of the pages placed are kept without a look (their status: 0.05 s at 10,000 initiatives)
        self.page_cache.prune(self.began, {key for _, key in placed})
        if self.keeping is not None:
            self.keeping.results()
            self.keeping = None
        if self.searching is not None:  # what the search index's worker keeps for the next build (_indexing)
            self.searching.end()
            self.searching = None
        # last: deleting the previous build's links above changed the status of the entries they shared
        self.page_cache.finish()
        self.drawing.finish()
        self.built = self.serving  # an update may start from here (generator/serving.py)
        self.finished = True
        self._thaw()
        if self.serving:
            serving.after_build(self)

    def _start_writing(self) -> int:
        """The pages of the lean path put in the site by a helper started now (self.writing), which this process
        joins once it has done the rest of the build's end (on_post_build): a large site's read back from its spool
        (_define_spooled), the others' definitions read where they lie, each pickled for its cache key where it is
        rendered. How many pages.

        A pool of workers, one for each core, left this process waiting at the end for the last of them: after an
        edit at 10,000 initiatives, with one helper joined by this process, rebuilds in place took 1.095 s against
        1.133 s, and 1.099 against 1.149 s (medians of 16 alternating; benchmarks/RESULTS.md)."""
        spool = self.spool
        if spool is not None:
            self.writing = lean.start(spool.places, lambda place: self._place_lean(spool.read(place)), together=True)
            return len(spool.places)
        self.writing = lean.start(self.lean, self._place_lean, together=True)
        return len(self.lean)

    def render_sitemap(self) -> str:
        """The theme's sitemap.xml rendered as MkDocs renders a theme's template (with the plugins' template
        events), listing the pages as they stand."""
        template = self.env.get_template("sitemap.xml")
        return mkdocs_build._build_template("sitemap.xml", template, self.files, self.mkdocs_config, self.nav)

    def finish_sitemap(self, site_dir: Path, text: str) -> None:
        """The sitemap written: ``text`` as sitemap.xml, or past 50,000 addresses several files and their index
        (generator/sitemaps.py); sitemap.xml gzipped beside it. Nothing when ``text`` is blank, as MkDocs skips a
        template that renders nothing."""
        if not text.strip():
            return
        files = {name: body.encode("utf-8") for name, body in (sitemaps.split(text, self.info.url)
                                                               or {"sitemap.xml": text}).items()}
        for name, body in files.items():
            (site_dir / name).write_bytes(body)
        gzipped = sitemaps.gzipped(files["sitemap.xml"], self.cache_root / SITEMAP_CACHE)
        (site_dir / "sitemap.xml.gz").write_bytes(gzipped)

    def _freeze(self) -> None:
        """Everything alive now left alone by the collector until the build ends: the model, the definitions
        and what is made from them live that long, and scanning them again found nothing to collect
        (generator/collector.py)."""
        collector.freeze()
        self.freezes += 1

    def _thaw(self) -> None:
        while self.freezes:
            collector.thaw()
            self.freezes -= 1

    def on_build_error(self, *, error):
        self.finished = False  # a strict build's warnings fail it after on_post_build
        self._thaw()
        for work in (self.drawing, self.searching, self.taking, self.writing, self.keeping):
            if work is not None:
                work.cancel()  # a failed build leaves no workers running
        if self.standby is not None:
            self.standby.terminate()
            self.standby = None
        if self.spool is not None:
            self.spool.close()
            self.spool = None
        # stopped by the content's mistakes before MkDocs wrote a file: the previous site is left as it was, with
        # the pages taken back given back first
        site_dir = Path(self.mkdocs_config.site_dir)
        if self.aside is not None and self.taken is not None:
            previous_build.give_back(self.aside, site_dir)
        if self.aside is not None and not previous_build.restore(self.aside, site_dir):
            previous_build.discard(self.aside)
        self.aside, self.taken, self.cards_back = None, None, None

    def _spec_meta(self, spec: PageSpec | None, url: str, *, card=None, title: str = "", description: str = "") -> dict:
        """What a shared link shows: every page gets a title, description, image and canonical URL."""
        card = spec.card if spec else card
        return {
            "type": spec.og_type if spec else "website",
            "title": spec.title if spec else title,
            "description": spec.description if spec else description,
            "url": url,
            "image": self.info.absolute(card.path),
            "image_alt": f"{card.kicker}: {card.title}",
            # escaped by pages.base.structured
            "jsonld": Markup(spec.jsonld.decode()) if spec and spec.jsonld else None,
            "rss": self.info.absolute(urls.NEWS_RSS),
            "json_feed": self.info.absolute(urls.NEWS_JSON_FEED),
        }

    def _meta(self, page, config) -> dict:
        spec = self.specs.get(page.file.src_uri)
        if page.file.src_uri in self.carriers:
            # the shell: every value a page differs by is a placeholder (generator/lean.py)
            page.title = Markup(lean.PLACEHOLDERS["title"])
            page.meta["description"] = Markup(lean.PLACEHOLDERS["description"])
            page.canonical_url = lean.PLACEHOLDERS["url"]
            keys = ("title", "description", "url", "image", "image_alt") + (("jsonld",) if spec.jsonld else ())
            return {**self._spec_meta(spec, page.canonical_url),
                    **{key: Markup(lean.PLACEHOLDERS[key]) for key in keys}}
        # a hand-written page's title and description are escaped already (on_page_markdown, on_config): kept as
        # Markup, the template does not escape them twice
        return self._spec_meta(
            spec, page.canonical_url or self.info.absolute(page.url), card=self.cards.get(page.file.src_uri),
            title=_escaped(page.title or config.site_name),
            description=_escaped(page.meta.get("description") or config.site_description or ""))

    def on_page_context(self, context, *, page, config, nav):
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            context["sk"] = spec.data
        context["sk_meta"] = self._meta(page, config)
        return context

    def on_serve(self, server, *, config, builder):
        if not serving.follow_edits(self, server, builder):
            server.watch(str(self.content_root))  # every edit rebuilds the whole site
        return server
