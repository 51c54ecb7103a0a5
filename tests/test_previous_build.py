"""A rebuild into the previous build's folder (generator/previous_build.py): the previous pages and cards are
moved aside before MkDocs empties the folder and taken back where the build writes them again, and the result is
exactly the files of a build into a new folder."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build_site, config_with_pages
from generator import pagecache, previous_build
from test_incremental import INITIATIVE, PAGE, changed, files

REMOVED = "initiatives/beta/canh-bao-som.yml"
REMOVED_PAGE = "sang-kien/beta/canh-bao-som/index.html"
KEPT_PAGE = "sang-kien/alpha/so-hoa-ho-so/index.html"
STATIC, CHANGED_STATIC = "assets/javascripts/sortable.js", "assets/javascripts/share.js"  # the theme's, copied


def folders(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*")
            if path.is_dir() and not path.name.startswith(".")}


def built(content: Path, out: Path, cache: Path) -> None:
    result = build_site(content, out, cache=cache)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("memory_first", [False, True], ids=["site", "large-site path"])
def test_a_rebuild_in_place_writes_exactly_what_a_new_folder_gets(tree, tmp_path, monkeypatch, memory_first):
    if memory_first:  # the pages rendered from a spool (SangKienConfig.memory_first_from)
        monkeypatch.setenv("SANGKIEN_MEMORY_FIRST_FROM", "0")
    site, cache = tmp_path / "site", tmp_path / "cache"
    built(tree.root, site, cache)
    # what a person or a tool may have left in the site folder since
    (site / "sang-kien" / "alpha" / "ghi-chu.html").write_text("cũ", encoding="utf-8")
    (site / "sang-kien" / "khong-con").mkdir()
    (site / "sang-kien" / "khong-con" / "index.html").write_text("cũ", encoding="utf-8")
    with (site / KEPT_PAGE).open("a", encoding="utf-8") as page:  # written through the link into the cache
        page.write("<!-- sửa tay -->")
    card = next((site / "cards").iterdir())
    card.unlink()
    card.write_bytes(b"not a card")  # a file of its own, not the cache's
    (site / ".nojekyll").write_text("", encoding="utf-8")  # hidden: MkDocs never empties those
    with (site / CHANGED_STATIC).open("a", encoding="utf-8") as script:
        script.write("// sửa tay")
    static = (site / STATIC).stat().st_ino
    held = os.open(site / KEPT_PAGE.rpartition("/")[0], os.O_RDONLY)  # a folder deleted meanwhile stays open
    # the content changes
    tree.edit(INITIATIVE, "title: Tự động lập báo cáo ngày", "title: Tự động lập báo cáo vận hành")
    tree.remove(REMOVED)

    built(tree.root, site, cache)
    try:  # the page's folder was moved back, not deleted and made again
        assert os.fstat(held).st_nlink > 0
        assert os.fstat(held).st_ino == (site / KEPT_PAGE).parent.stat().st_ino
    finally:
        os.close(held)
    fresh = tmp_path / "fresh"
    built(tree.root, fresh, tmp_path / "fresh-cache")
    rebuilt = files(site)
    assert rebuilt.pop(".nojekyll") == b""
    assert changed(rebuilt, files(fresh)) == set()
    assert folders(site) == folders(fresh)
    assert REMOVED_PAGE not in rebuilt and PAGE in rebuilt
    if (os.cpu_count() or 1) >= 2:  # staged by a worker on standby (previous_build.stage_static)
        assert (site / STATIC).stat().st_ino == static  # the previous build's copy, of the same bytes, taken back
    # pages and cards are the cache's files, linked; nothing of the previous build is left in the cache folder
    entries = {path.stat().st_ino for path in (cache / "pages").rglob("*.html")}
    assert {(site / KEPT_PAGE).stat().st_ino, (site / PAGE).stat().st_ino} <= entries
    assert {path.stat().st_ino for path in (site / "cards").iterdir()} <= {
        path.stat().st_ino for path in (cache / "cards").iterdir()}
    assert sorted(path.name for path in cache.iterdir()) == ["authors", "cards", "content", "open-data", "pages",
                                                             "previous-build.pages", "related", "search-records",
                                                             "sitemap", "templates"]


@pytest.mark.parametrize("memory_first", [False, True], ids=["site", "large-site path"])
def test_a_rebuild_in_place_of_the_same_content_keeps_every_page_the_cache_gave(tree, tmp_path, monkeypatch,
                                                                             memory_first):
    """The previous build's pages are moved back before MkDocs writes its own: the pages MkDocs renders through
    the theme (a shell for the others) are not among them, else MkDocs would write through the cache's file, and
    the cache would have to make that page again."""
    if memory_first:
        monkeypatch.setenv("SANGKIEN_MEMORY_FIRST_FROM", "0")
    site, cache = tmp_path / "site", tmp_path / "cache"
    built(tree.root, site, cache)
    linked = {path: path.stat().st_ino for path in site.rglob("index.html") if path.stat().st_nlink > 1}
    assert KEPT_PAGE in {path.relative_to(site).as_posix() for path in linked}

    built(tree.root, site, cache)
    assert {path: path.stat().st_ino for path in linked} == linked


@pytest.mark.parametrize("memory_first", [False, True], ids=["site", "large-site path"])
def test_a_page_taken_back_that_now_carries_its_group_s_shell_is_dropped_before_mkdocs_writes(
        tree, tmp_path, monkeypatch, memory_first):
    """The pages are taken back as the previous build listed them, before this one has defined its own: the
    initiative page that carries the initiatives' shell now (its carrier's initiative removed) was a page the
    cache gave, linked. It is deleted before MkDocs writes the shell there, so no file of the cache is written
    through, and the folder ends as a new one does."""
    if memory_first:
        monkeypatch.setenv("SANGKIEN_MEMORY_FIRST_FROM", "0")
    site, cache = tmp_path / "site", tmp_path / "cache"
    built(tree.root, site, cache)
    listed = previous_build.listed(cache, site)
    initiative_pages = {path.relative_to(site).as_posix() for path in site.glob("sang-kien/*/*/index.html")}
    assert len(listed) > len(initiative_pages) and len(initiative_pages - listed) == 1  # the carrier: MkDocs'
    unit, slug = (initiative_pages - listed).pop().split("/")[1:3]
    tree.remove(f"initiatives/{unit}/{slug}.yml")
    held = tmp_path / "held"  # another link to each listed page's file in the cache, with its bytes
    held.mkdir()
    kept = {}
    for number, page in enumerate(sorted(listed)):
        os.link(site / page, held / str(number))
        kept[held / str(number)] = (site / page).read_bytes()

    built(tree.root, site, cache)
    assert len(initiative_pages - previous_build.listed(cache, site)) == 2  # the one removed, the new carrier
    assert {link: link.read_bytes() for link in kept} == kept  # none written through
    fresh = tmp_path / "fresh"
    built(tree.root, fresh, tmp_path / "fresh-cache")
    assert changed(files(site), files(fresh)) == set() and folders(site) == folders(fresh)


def test_a_list_of_pages_is_for_the_folder_it_was_kept_for(tmp_path):
    cache, site = tmp_path / "cache", tmp_path / "site"
    cache.mkdir()
    assert previous_build.listed(cache, site) == set()  # none kept yet
    previous_build.list_pages(cache, site, {"b/index.html", "a/index.html"})
    assert previous_build.listed(cache, site) == {"a/index.html", "b/index.html"}
    assert previous_build.listed(cache, tmp_path / "other") == set()
    for outside in ("../a/index.html", "/etc/hosts", "a//index.html", "a/./index.html", "a/..", "a/b/", ""):
        previous_build.list_pages(cache, site, {"b/index.html", outside})
        assert previous_build.listed(cache, site) == set(), outside  # a planted path names no file outside
    listing = cache / previous_build.LISTED
    previous_build.list_pages(cache, site, {"b/index.html"})
    listing.write_bytes(listing.read_bytes()[:-3])  # cut short
    assert previous_build.listed(cache, site) == set()


def test_the_list_of_pages_is_written_again_only_when_the_pages_differ(tree, tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    built(tree.root, site, cache)
    listing, pages = cache / previous_build.LISTED, previous_build.listed(cache, site)
    first = listing.stat().st_ino  # a file written is a new one, renamed into place (cachefile.write_whole)
    assert REMOVED_PAGE in pages and KEPT_PAGE in pages
    tree.edit(INITIATIVE, "title: Tự động lập báo cáo ngày", "title: Tự động lập báo cáo vận hành")
    built(tree.root, site, cache)
    assert listing.stat().st_ino == first and previous_build.listed(cache, site) == pages
    tree.remove(REMOVED)
    built(tree.root, site, cache)
    assert previous_build.listed(cache, site) == pages - {REMOVED_PAGE}


def test_the_search_index_s_files_written_again_with_the_same_bytes_are_kept(tree, tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    built(tree.root, site, cache)
    words = sorted((site / "chi-muc" / "tu").iterdir())
    damaged, before = words[0], words[0].read_bytes()
    damaged.unlink()
    (tmp_path / "elsewhere.json").write_bytes(b"[]")
    os.link(tmp_path / "elsewhere.json", damaged)  # a link to a file outside: must not be written through
    for path in words[1:]:  # a time no file written again can have (an inode number may be used again)
        os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    inodes = {path.name: path.stat().st_ino for path in words}

    built(tree.root, site, cache)
    assert sorted(path.name for path in (site / "chi-muc" / "tu").iterdir()) == sorted(inodes)
    assert damaged.read_bytes() == before  # written again
    assert (tmp_path / "elsewhere.json").read_bytes() == b"[]"
    kept = [(site / "chi-muc" / "tu" / path.name).stat() for path in words[1:]]
    assert [(status.st_ino, status.st_mtime_ns) for status in kept] == [
        (inodes[path.name], 1_600_000_000_000_000_000) for path in words[1:]]


def test_files_linked_to_the_cache_s_entries_are_found_by_their_listing(tmp_path):
    cache, site, other = tmp_path / "cache", tmp_path / "site", tmp_path / "other"
    write(cache, {"a.1.1.png": "a", "b.1.1.png": "b", "c.1.1.png": "c", "d.1.1.png": "d"})
    write(other, {"a.1.1.png": "a"})
    site.mkdir()
    os.link(cache / "a.1.1.png", site / "a.png")  # linked by the previous build
    os.link(cache / "b.1.1.png", site / "c.png")  # a link to another card
    (site / "b.png").write_text("b", encoding="utf-8")  # the same bytes, a file of its own
    (site / "d.png").symlink_to(cache / "d.1.1.png")
    def file(path):
        status = path.stat()
        return status.st_dev, status.st_ino

    aside = tmp_path / "aside"
    aside.mkdir()
    site.rename(aside / "cards")
    device, listing = previous_build.take_back_folder(aside, tmp_path, "cards")
    assert sorted(listing) == ["a.png", "b.png", "c.png"]  # the link was sent back: not a file of the folder
    assert sorted(os.listdir(aside / "cards")) == ["d.png"]
    entries = {f"{name}.png": file(cache / f"{name}.1.1.png") for name in "abcd"}
    assert pagecache.linked_in(device, listing, entries) == {"a.png"}
    assert pagecache.linked_in(device, listing, {"a.png": file(other / "a.1.1.png")}) == set()  # another file
    assert pagecache.linked_in(device + 1, listing, entries) == set()  # another device

    previous_build.send_back(aside, tmp_path, "cards", ["b.png", "gone.png"])
    assert sorted(os.listdir(tmp_path / "cards")) == ["a.png", "c.png"]
    assert sorted(os.listdir(aside / "cards")) == ["b.png", "d.png"]


def test_a_folder_is_taken_back_whole_only_where_the_site_has_none(tmp_path):
    site, aside = tmp_path / "site", tmp_path / "aside"
    write(aside, {"cards/a.png": "a", "cards/sub/b.png": "b", "other/c.png": "c"})
    write(site, {"other/x.png": "x"})
    assert previous_build.take_back_folder(aside, site, "other") == (0, {})  # the site has one: left aside
    assert previous_build.take_back_folder(aside, site, "missing") == (0, {})
    device, listing = previous_build.take_back_folder(aside, site, "cards")
    assert device == site.stat().st_dev and listing == {"a.png": (site / "cards" / "a.png").stat().st_ino}
    assert sorted(path.relative_to(aside).as_posix() for path in aside.rglob("*.png")) == [
        "cards/sub/b.png", "other/c.png"]  # a folder in it is no card: sent back


def test_a_dirty_build_leaves_the_folder_to_mkdocs(tree, tmp_path):
    """``mkdocs build --dirty`` does not empty the folder: nothing is moved aside or deleted."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    built(tree.root, site, cache)
    (site / "ghi-chu.html").write_text("giữ", encoding="utf-8")
    env = {**os.environ, "SANGKIEN_CONTENT_DIR": str(tree.root), "SANGKIEN_CACHE_DIR": str(cache),
           "NO_MKDOCS_2_WARNING": "1"}
    # not --strict: MkDocs warns of every dirty build
    command = [sys.executable, "-m", "mkdocs", "build", "--dirty", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    assert (site / "ghi-chu.html").read_text(encoding="utf-8") == "giữ"
    assert (site / KEPT_PAGE).is_file() and (site / "assets").is_dir()
    assert not (cache / "previous-build").exists()


def test_a_build_stopped_by_mistakes_in_the_content_leaves_the_previous_site(tree, tmp_path):
    """The failed build reports the mistake and writes nothing: the folder holds the previous build's files, the
    same bytes, and nothing is left in the cache's holding folder."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    built(tree.root, site, cache)
    before = files(site)
    tree.edit(INITIATIVE, "registered_on: 2022-11-14", "registered_on: 14/11/2022")
    result = build_site(tree.root, site, cache=cache)
    assert result.returncode == 1 and "Ngày '14/11/2022' không đúng dạng YYYY-MM-DD" in result.stderr
    assert files(site) == before
    assert not (cache / "previous-build").exists()


def test_a_build_stopped_after_the_search_index_was_made_leaves_the_previous_site(tree, tmp_path):
    """A hand-written page at a generated page's address stops the build after the page definitions, while or
    after the search index's worker staged its files (previous_build.stage): the previous site is moved back
    whole, its search index included."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    built(tree.root, site, cache)
    before = files(site)
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "bang-xep-hang.md").write_text("# Bảng xếp hạng của tôi\n", encoding="utf-8")
    result = build_site(tree.root, site, cache=cache, config=config_with_pages(tmp_path, pages))
    assert result.returncode == 1 and "trùng địa chỉ với trang được tạo tự động" in result.stderr
    assert files(site) == before
    assert not (cache / "previous-build").exists()


def test_a_failed_build_that_wrote_files_leaves_them_and_deletes_what_it_set_aside(tmp_path):
    site, holding = tmp_path / "site", tmp_path / "cache" / "previous-build"
    write(site, {"index.html": "cũ"})
    aside = previous_build.set_aside(site, holding)
    write(site, {"404.html": "mới"})
    assert not previous_build.restore(aside, site)
    previous_build.discard(aside)
    assert files(site) == {"404.html": "mới".encode()} and not holding.exists()


def test_files_are_staged_where_the_previous_build_s_differ(tmp_path):
    """previous_build.stage, as the search index's worker and a worker on standby (the static files) run it: a
    previous file of the same bytes is left where it is, for the build to take back from there; one of other bytes
    or of another mode, or a new one, is written into the staged folder with the mode a new file gets. Nothing of
    the previous site is moved: a build stopped after that moves it back whole, without the staged folder."""
    site, holding = tmp_path / "site", tmp_path / "cache" / "previous-build"
    write(site, {"chi-muc/same.json": "[1]", "chi-muc/other.json": "[2]", "chi-muc/mode.json": "[3]"})
    os.chmod(site / "chi-muc" / "mode.json", 0o600)
    same = (site / "chi-muc" / "same.json").stat().st_ino
    aside = previous_build.set_aside(site, holding)
    made = {"chi-muc/same.json": b"[1]", "chi-muc/other.json": b"[22]", "chi-muc/mode.json": b"[3]",
            "chi-muc/tu/new.json": b"[4]"}
    assert previous_build.stage(made, aside) == (
        ["chi-muc/other.json", "chi-muc/mode.json", "chi-muc/tu/new.json"], ["chi-muc/same.json"])
    staged = aside / previous_build.STAGED
    assert files(staged) == {path: data for path, data in made.items() if "same" not in path}
    assert stat.S_IMODE((staged / "chi-muc" / "mode.json").stat().st_mode) == pagecache.FILE_MODE
    assert (aside / "chi-muc" / "same.json").stat().st_ino == same

    assert previous_build.restore(aside, site)
    assert files(site) == {"chi-muc/same.json": b"[1]", "chi-muc/other.json": b"[2]", "chi-muc/mode.json": b"[3]"}
    assert stat.S_IMODE((site / "chi-muc" / "mode.json").stat().st_mode) == 0o600
    assert (site / "chi-muc" / "same.json").stat().st_ino == same


def write(root: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")


def test_wanted_files_are_moved_back_with_their_folders_and_the_rest_is_left_aside(tmp_path):
    site, holding = tmp_path / "site", tmp_path / "cache" / "previous-build"
    write(site, {"index.html": "trang chủ", "a/1/index.html": "1", "a/1/thừa.txt": "x", "a/2/index.html": "2",
                 "b/index.html": "b", "c/d/index.html": "d", "cards/x.png": "x", "cards/y.png": "y"})
    (site / ".git").mkdir()
    folder = (site / "a" / "1").stat().st_ino
    aside = previous_build.set_aside(site, holding)
    assert aside is not None and aside.parent == holding
    assert sorted(os.listdir(site)) == [".git"]  # what MkDocs would empty, moved
    write(site, {"index.html": "mới", "b/index.html": "b mới", "c/e/index.html": "e"})  # MkDocs' own files

    previous_build.take_back(aside, site, {"a/1/index.html", "b/index.html", "c/d/index.html", "cards/x.png"})
    kept = {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8")
            for path in site.rglob("*") if path.is_file()}
    assert kept == {"index.html": "mới", "a/1/index.html": "1", "b/index.html": "b mới", "c/d/index.html": "d",
                    "c/e/index.html": "e", "cards/x.png": "x"}
    assert not (site / "a" / "2").exists()
    assert (site / "a" / "1").stat().st_ino == folder  # moved, not made again
    previous_build.discard(aside)
    assert not holding.exists()


def test_what_was_taken_back_is_given_back_and_the_previous_site_restored_whole(tmp_path):
    """A build stopped before MkDocs writes (mistakes in the content) after its pages were taken back: taking
    back only renames, so giving back and restoring leaves exactly the previous site."""
    site, holding = tmp_path / "site", tmp_path / "cache" / "previous-build"
    before = {"index.html": "trang chủ", "a/index.html": "mục a", "a/1/index.html": "1", "a/1/thừa.txt": "x",
              "a/2/index.html": "2", "b/c/index.html": "c", "cards/x.png": "x"}
    write(site, before)
    aside = previous_build.set_aside(site, holding)
    previous_build.take_back(aside, site, {"a/1/index.html", "a/2/index.html", "b/c/index.html"})
    assert sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()) == [
        "a/1/index.html", "a/2/index.html", "b/c/index.html"]

    previous_build.give_back(aside, site)
    assert previous_build.restore(aside, site)
    assert {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8")
            for path in site.rglob("*") if path.is_file()} == before
    assert not holding.exists()


def test_pages_dropped_take_the_folders_they_leave_empty_with_them(tmp_path):
    site = tmp_path / "site"
    write(site, {"a/1/index.html": "1", "a/2/index.html": "2", "b/c/d/index.html": "d", "e/index.html": "e"})
    previous_build.drop(site, ["a/1/index.html", "b/c/d/index.html", "x/index.html"])
    assert sorted(path.relative_to(site).as_posix() for path in site.rglob("*")) == [
        "a", "a/2", "a/2/index.html", "e", "e/index.html"]


def test_nothing_is_set_aside_from_an_empty_or_missing_folder_or_when_it_cannot_be_moved(tmp_path, monkeypatch):
    holding = tmp_path / "cache" / "previous-build"
    assert previous_build.set_aside(tmp_path / "missing", holding) is None
    (tmp_path / "empty").mkdir()
    assert previous_build.set_aside(tmp_path / "empty", holding) is None
    write(tmp_path / "site", {"index.html": "x"})

    def across_file_systems(source, target):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "rename", across_file_systems)
    assert previous_build.set_aside(tmp_path / "site", holding) is None
    assert (tmp_path / "site" / "index.html").exists() and not holding.exists()


def test_what_a_stopped_build_set_aside_is_deleted_by_the_next(tmp_path):
    holding = tmp_path / "previous-build"
    write(holding, {"999999999/index.html": "a build that was stopped", "1/index.html": "a running process's"})
    write(tmp_path / "site", {"index.html": "x"})
    aside = previous_build.set_aside(tmp_path / "site", holding)
    assert sorted(os.listdir(holding)) == sorted(["1", aside.name])


def test_a_target_that_is_already_the_cached_file_is_kept_and_any_other_replaced(tmp_path):
    source = tmp_path / "entry.html"
    source.write_text("trang", encoding="utf-8")
    linked, copied, pointed = (tmp_path / name for name in ("linked.html", "copied.html", "pointed.html"))
    os.link(source, linked)
    copied.write_text("khác", encoding="utf-8")
    pointed.symlink_to(source)
    before = linked.stat().st_ctime_ns
    pagecache.link_or_copy(source, linked)
    assert linked.stat().st_ctime_ns == before  # left alone: not unlinked and linked again
    for target in (linked, copied, pointed):
        pagecache.link_or_copy(source, target)
        assert target.stat(follow_symlinks=False).st_ino == source.stat().st_ino
    assert source.read_text(encoding="utf-8") == "trang"
