"""``mkdocs serve`` brought up to date file by file: after an edit to initiatives or news, only what it changes.

The whole build (plugin.py) keeps, when serving, the loaded content, the page definitions, MkDocs' files and
navigation and the shells of the lean path. After an edit, :func:`update` loads again only the changed files
(content.update), makes the page definitions again reusing the initiative pages the edit cannot touch
(pages.update_pages), and writes exactly the pages whose definition changed, their cards, the search index,
open data, feeds and sitemap. Whatever it does not handle — the campaign, the units, hand-written pages, the
configuration, photos, the navigation or the pages the theme renders whole changing — falls back to the whole
build, so the served site is always what a whole build of the same content gives (tests/test_serve_update.py).

Like plugin.py, this module imports MkDocs; it also uses its internal functions that read and render one page
(``mkdocs.commands.build``; plugin.py renders the sitemap with the one for a template) and the live-reload server's
rebuild signal: MkDocs 1.6.1 is the last 1.x, pinned below 2.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import InclusionLevel

from . import card_cache, collector, content, lean, search, search_index, sitefiles, stats
from .clock import publish_date
from .model import Site
from .pages import update_pages

log = get_plugin_logger("sangkien")


class ContentProblems(Exception):
    """The edited files have problems: they are printed, and the site stays as it was."""


def follow_edits(plugin, server, builder) -> bool:
    """Make ``server`` (MkDocs' live-reload server) update the site file by file after content edits; False when it
    cannot, and every edit then builds the whole site."""
    condition = getattr(server, "_rebuild_cond", None)
    if condition is None or not plugin.serving:
        return False

    def changed() -> None:  # the observer's thread: ask the server's build loop for a build, as its own watcher does
        with condition:
            server._want_rebuild = True
            condition.notify_all()

    from . import watch  # here: watchdog is imported by `mkdocs serve` alone, not by every build (10 ms of each)

    config = plugin.mkdocs_config
    own_files = [Path(config.config_file_path)] if config.config_file_path else []
    try:
        changes = watch.Changes([plugin.content_root, Path(config.docs_dir)], own_files, changed)
    except OSError as error:
        log.warning(f"Không theo dõi được thay đổi từng tệp ({error}); mỗi lần sửa sẽ tạo lại cả trang web")
        return False
    for path in (config.docs_dir, config.config_file_path):
        try:
            server.unwatch(path)  # seen at once by ``changes``, no longer polled
        except (KeyError, TypeError):
            pass
    plugin.changes = changes

    def build() -> None:
        paths = changes.take()
        log.debug(f"đã sửa: {sorted(map(str, paths))}")
        if paths and plugin.built and not _needs_whole(paths, config):
            try:
                if update(plugin, paths):
                    return
            except ContentProblems:
                changes.give_back(paths)  # read again with the next edit
                return
            except Exception as error:  # noqa: BLE001 - whatever went wrong, the whole build is always right
                log.warning(f"Cập nhật từng phần không thành công ({error!r}); tạo lại cả trang web")
        if paths and plugin.built and not own_files_changed(paths) and content_problems(plugin):
            changes.give_back(paths)  # built whole once the mistakes are fixed
            return
        builder()

    def own_files_changed(paths: set[Path]) -> bool:
        return any(path.resolve() in {own.resolve() for own in own_files} for path in paths)

    server.builder = build
    return True


def content_problems(plugin) -> bool:
    """Whether the content has mistakes, which are then printed: checked before a whole build, since MkDocs'
    live-reload server stops answering after a build that fails ('the server will appear stuck') until one
    succeeds, where the site as it was can go on being served. Reads only what changed (the content cache)."""
    settle(plugin)
    loaded = content.load(plugin.content_root, plugin.config.content_dir, plugin.cache_root / "content")
    for problem in loaded.problems:
        log.error(str(problem))
    if loaded.problems:
        log.error(f"Nội dung có {len(loaded.problems)} lỗi; trang đang xem giữ nguyên cho tới khi sửa xong.")
    return bool(loaded.problems)


def _needs_whole(paths: set[Path], config) -> bool:
    docs = Path(config.docs_dir).resolve()
    own = Path(config.config_file_path).resolve() if config.config_file_path else None
    return any(path == own or path.is_relative_to(docs) for path in paths)


def _photos(site: Site) -> set[str]:
    return {photo.path for item in site.initiatives for photo in item.photos} | {
        post.image.path for post in site.news if post.image}


def update(plugin, paths: set[Path]) -> bool:
    """Bring the served site up to date with the edited ``paths``; False when a whole build is needed (nothing has
    been written then). Raises ContentProblems when the edited files have problems.

    The pages and their cards are written before it returns, and the browsers reload then; the files made from
    the whole site (search index, open data, feeds, sitemap) follow in a thread of their own, which the next update
    or build waits for (:func:`settle`)."""
    settle(plugin)
    if theme_files(plugin.mkdocs_config) != plugin.theme_files:
        return False
    started = time.perf_counter()
    with collector.paused():  # see there: millions of objects alive, no cycles
        site = _pages(plugin, paths)
    if site is None:
        return False
    log.info(f"Đã cập nhật theo {len(paths)} tệp sửa trong {time.perf_counter() - started:.2f} s")
    plugin.late = threading.Thread(target=_site_wide, args=(plugin, site), name="sangkien-late", daemon=True)
    plugin.late.start()
    return True


def theme_files(config) -> dict[str, tuple[int, int]]:
    """Each file of the project's theme folder (custom_dir) with its size and modification time. A theme edit
    changes the shells and templates of every page: `mkdocs serve` follows such edits only with --watch-theme,
    and an update after a content edit, which renders with what the whole build loaded, would keep the old theme,
    where MkDocs' own build after the edit takes the new one. Compared before each update (about 60 files)."""
    found: dict[str, tuple[int, int]] = {}
    if not config.theme.custom_dir:
        return found
    for root, _, names in os.walk(config.theme.custom_dir):
        for name in names:
            try:
                status = os.stat(os.path.join(root, name))
            except OSError:
                continue
            found[os.path.join(root, name)] = (status.st_size, status.st_mtime_ns)
    return found


def after_build(plugin) -> None:
    """After a whole build of the served site, two things the first update would otherwise do while the reader
    waits for the changed page.

    What the build made is frozen (collector.freeze) until the next whole build: the build thawed it as it
    ended, and the first time the collector then ran its oldest generation, in the thread an update starts after
    the page, it went through all of it for 0.65 s at 10,000 initiatives, with the edited page not served yet.
    The model and the page definitions have no reference cycles (generator/collector.py); whatever dies is still
    freed by reference counting.

    The search index is worked out once more in this process, from the same records, in the thread the next
    update waits for, so that the first update finds what the index kept (search_index.Kept: the build made its
    index in a worker process, whose values are gone)."""
    plugin._freeze()
    plugin.theme_files = theme_files(plugin.mkdocs_config)
    records, plugin.search_records = plugin.search_records, None
    if records:
        plugin.late = threading.Thread(target=_keep_index, args=(plugin, records), name="sangkien-late", daemon=True)
        plugin.late.start()


def _keep_index(plugin, records: dict) -> None:
    try:
        search_index.build(records, plugin.index_kept)
    except Exception as error:  # noqa: BLE001 - only what the next update could take: it works out the rest
        log.debug(f"Chỉ mục tìm kiếm không được giữ sẵn ({error!r})")


def settle(plugin) -> None:
    """Wait for the files an update writes after the reload; a whole build is needed when they failed."""
    if plugin.late is not None:
        plugin.late.join()
        plugin.late = None


def _pages(plugin, paths: set[Path]) -> Site | None:
    """The edit loaded, and the pages it changes written with their cards; None when a whole build is needed."""
    loaded = content.update(plugin.loaded, paths)
    if loaded is None:
        return None
    if loaded.problems:
        for problem in loaded.problems:
            log.error(str(problem))
        raise ContentProblems(len(loaded.problems))
    site = loaded.site.published(publish_date())
    before = plugin.specs
    specs = update_pages(site, plugin.info, plugin.site, list(before.values()))
    carriers, filled = lean.plan(specs) if plugin.config.lean else ({}, [])
    in_nav = [spec.src_uri for spec in specs if spec.in_nav]
    # every page outside the navigation is filled into its group's shell, whichever page carried it in the whole
    # build (that page stays MkDocs' file, listed in the sitemap from there): a new group needs a whole build;
    # so does a new page at a hand-written page's address, which the whole build reports (pages.hand_written)
    if (not plugin.config.lean or any(group not in plugin.shells for group in carriers.values())
            or _photos(site) != _photos(plugin.site) or in_nav != [spec.src_uri for spec in before.values() if spec.in_nav]
            or any(spec.src_uri in plugin.hand_written_pages for spec in specs)):
        return None
    changed = [spec for spec in specs if before.get(spec.src_uri) is not spec and before.get(spec.src_uri) != spec]
    plugin.specs = {spec.src_uri: spec for spec in specs}
    removed = [spec for uri, spec in before.items() if uri not in plugin.specs]
    plugin.site, plugin.loaded, plugin.as_of = site, loaded, stats.as_of(site)
    plugin.lean = [plugin.specs[uri] for uri in carriers] + filled
    site_dir = Path(plugin.mkdocs_config.site_dir)
    _write_pages(plugin, changed, removed, site_dir)
    _write_cards(plugin, before, changed, removed, site_dir)
    log.info(f"{len(changed)} trang viết lại, {len(removed)} trang bỏ đi")
    return site


def _site_wide(plugin, site: Site) -> None:
    site_dir = Path(plugin.mkdocs_config.site_dir)
    try:
        _write_site_files(plugin, site, site_dir)
        _write_sitemap(plugin, site_dir)
    except Exception as error:  # noqa: BLE001 - reported; the next edit builds the whole site
        log.error(f"Không ghi được chỉ mục tìm kiếm, dữ liệu mở hoặc sơ đồ trang ({error!r}); lần sửa sau sẽ tạo lại "
                  "cả trang web")
        plugin.built = False


def _write_pages(plugin, changed, removed, site_dir: Path) -> None:
    for spec in removed:
        page = site_dir / spec.url / "index.html"
        page.unlink(missing_ok=True)
        try:
            page.parent.rmdir()
        except OSError:
            pass  # not empty: pages below it
    lean.write_all([spec for spec in changed if not spec.in_nav], plugin._place_lean)
    config = plugin.mkdocs_config
    documents = plugin.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    for spec in changed:
        if spec.in_nav:  # through the theme, as MkDocs renders it: the navigation marks it as the current page
            page = plugin.files.get_file_from_path(spec.src_uri).page
            mkdocs_build._populate_page(page, config, plugin.files)
            mkdocs_build._build_page(page, config, documents, plugin.nav, plugin.env)


def _write_cards(plugin, before: dict, changed: list, removed: list, site_dir: Path) -> None:
    """The cards of changed pages drawn (when not in the cache yet) and linked; cards no page shows any more removed.
    How many pages show each card is counted once, then kept up to date by the changes."""
    if plugin.card_uses is None:
        plugin.card_uses = Counter(spec.card.path for spec in before.values() if spec.card)
        plugin.card_uses.update(card.path for card in plugin.cards.values())
    uses = plugin.card_uses
    for spec in changed:
        old = before.get(spec.src_uri)
        if old is not None and old.card:
            uses[old.card.path] -= 1
        if spec.card:
            uses[spec.card.path] += 1
    uses.subtract(spec.card.path for spec in removed if spec.card)
    for path in [path for path, count in uses.items() if count <= 0]:
        del uses[path]
        plugin.card_files.pop(path, None)
        (site_dir / path).unlink(missing_ok=True)
    drawing = card_cache.Drawing([spec.card for spec in changed if spec.card],
                                 plugin.cache_root / card_cache.CACHE, workers=1)
    new = {path: source for path, source in drawing.wait().items() if path not in plugin.card_files}
    drawing.put(site_dir, list(new))
    # what it drew is read and checked by the next build: only a whole build's end vouches for the cache's entries
    # (pagecache.Stamps), as it removes those it did not use
    drawing.finish(vouch=False)
    plugin.card_files.update(new)


def _replace(site_dir: Path, before: dict[str, bytes], after: dict[str, bytes]) -> None:
    """Files written whole: those that changed written again, then those gone removed. Each is written under a
    passing name and renamed into place: the browser reads the search index while an update writes it, and read
    through, its table of contents came back empty now and then."""
    for path, data in after.items():
        if before.get(path) != data:
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            passing = target.with_name(f".{target.name}.{os.getpid()}")
            passing.write_bytes(data)
            os.replace(passing, target)
    for path in before.keys() - after.keys():
        (site_dir / path).unlink(missing_ok=True)


def _write_site_files(plugin, site: Site, site_dir: Path) -> None:
    files = sitefiles.files(site, plugin.info)
    _replace(site_dir, plugin.site_files, files)
    plugin.site_files = files
    if plugin.config.search:
        index = search_index.build(search.records(site, plugin.search_kept), plugin.index_kept)
        _replace(site_dir, plugin.search_files, index)
        plugin.search_files = index


def _write_sitemap(plugin, site_dir: Path) -> None:
    """The sitemap again, with each page's date as a whole build gives it."""
    for file in plugin.files.documentation_pages():
        if file.page is not None:
            spec = plugin.specs.get(file.src_uri)
            file.page.update_date = ((spec.updated if spec else None) or plugin.as_of).isoformat()
            if file.src_uri in plugin.carriers:  # listed while its page exists (an edit may remove or restore it)
                file.page.canonical_url = plugin.info.absolute(spec.url) if spec else None
    plugin.env.globals["sk_sitemap_extra"] = plugin.sitemap_extra()
    plugin.finish_sitemap(site_dir, plugin.render_sitemap())
