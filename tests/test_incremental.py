"""Builds with the cache folder (SANGKIEN_CACHE_DIR): a warm build writes the same bytes as a cold one, an edit
changes exactly the pages that show what was edited, and a deleted or damaged cache is never a problem."""

from __future__ import annotations

import os
import re
import shutil
from html import escape
from pathlib import Path

import pytest

from conftest import SITE_URL, build_site
from generator import cachefile, search, search_cache, search_index
from generator.clock import publish_date
from generator.content import load
from generator.pages import build_pages, summaries
from generator.pages.base import PageSpec, SiteInfo
from generator.pages.related import related

INITIATIVE = "initiatives/alpha/tu-dong-bao-cao.yml"
PAGE = "sang-kien/alpha/tu-dong-bao-cao/index.html"
SENTENCE = "Dữ liệu đo xa được tổng hợp lúc 6 giờ sáng."


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def built(content: Path, out: Path, cache: Path) -> tuple[dict[str, bytes], str]:
    result = build_site(content, out, cache=cache)
    assert result.returncode == 0, result.stderr
    return files(out), result.stderr


def changed(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def kept_search_records(cache: Path) -> dict[str, tuple]:
    # one file of records and one of the index, of this code's version
    assert sorted(path.name.partition("-")[0] for path in (cache / "search-records").iterdir()) == ["index", "search"]
    [store] = (cache / "search-records").glob("search-*.pickle")
    return cachefile.plain_loads(cachefile.read_framed(store, search_cache._MAGIC))


def reused_pages(log: str) -> tuple[int, int]:
    written, reused = re.search(r"(\d+) trang ghi theo đường nhanh \((\d+) lấy từ bộ đệm\)", log).groups()
    return int(written), int(reused)


def carding(site, url: str) -> list[str]:
    """The pages outside the navigation that show the card of the initiative at ``url`` (or its honour entry)."""
    pages = build_pages(site, SiteInfo("Sáng kiến Hub", SITE_URL), later=True)
    return [page.url for page in pages if isinstance(page, PageSpec) and not page.in_nav
            and any(isinstance(value, summaries.Listed) and any(card["url"] == url for card in value)
                    for value in page.data.values())]


def test_a_warm_build_reuses_everything_and_writes_the_same_bytes(tree, tmp_path):
    cache = tmp_path / "cache"
    cold, cold_log = built(tree.root, tmp_path / "cold", cache)
    warm, warm_log = built(tree.root, tmp_path / "warm", cache)
    assert reused_pages(cold_log)[1] == 0
    written, reused = reused_pages(warm_log)
    assert written == reused > 0
    assert "(0 thẻ vẽ mới)" in warm_log
    assert changed(cold, warm) == set()


def test_editing_a_description_changes_only_that_page_and_the_search_index(tree, tmp_path):
    cache = tmp_path / "cache"
    before, _ = built(tree.root, tmp_path / "before", cache)
    tree.write(INITIATIVE, tree.read(INITIATIVE) + f"description: {SENTENCE}\n")
    after, log = built(tree.root, tmp_path / "after", cache)
    fresh, _ = built(tree.root, tmp_path / "fresh", tmp_path / "fresh-cache")
    assert changed(after, fresh) == set()  # the warm build is exactly a build without cache
    # rendered again: that page, those listing it among their related initiatives and the listings showing its
    # card, as what they are made of includes its file (pages/initiatives.py, inputs; pages/summaries.py,
    # Listed.source); theirs come out the same
    site = load(tree.root).site.published(publish_date())
    listing = [key for key, others in related(site).items() if "alpha/tu-dong-bao-cao" in {o.key for o in others}]
    showing = carding(site, PAGE.removesuffix("index.html"))
    assert listing and showing
    assert reused_pages(log)[0] - reused_pages(log)[1] == 1 + len(listing) + len(showing)
    pages = {name for name in changed(before, after) if not name.startswith("chi-muc/")}
    assert pages == {PAGE}
    # its words are searchable: the table of contents, and word files of the sentence's words under new names
    index = changed(before, after) - pages
    words = {name.split("/")[-1].split(".")[0] for name in index if name.startswith("chi-muc/tu/")}
    assert index - {"chi-muc/muc-luc.json"} == {name for name in index if name.startswith("chi-muc/tu/")}
    beginnings = {word[:length] for word in search.folded_words(SENTENCE) for length in range(1, len(word) + 1)}
    assert words and words <= {search_index.file_name(beginning) for beginning in beginnings}


def test_editing_a_title_changes_exactly_the_pages_that_show_it(tree, tmp_path):
    cache = tmp_path / "cache"
    old, new = "Tự động lập báo cáo ngày", "Tự động lập báo cáo vận hành"
    before, _ = built(tree.root, tmp_path / "before", cache)
    tree.edit(INITIATIVE, f"title: {old}", f"title: {new}")
    after, _ = built(tree.root, tmp_path / "after", cache)
    assert changed(after, built(tree.root, tmp_path / "fresh", tmp_path / "fresh-cache")[0]) == set()

    def shows(pages: dict[str, bytes], title: str) -> set[str]:
        return {name for name, data in pages.items() if not name.startswith("chi-muc/")
                and name.endswith((".html", ".xml", ".json", ".csv")) and escape(title, quote=False).encode() in data}

    showing = shows(before, old)
    assert showing == shows(after, new) and PAGE in showing and "index.html" in showing
    pages = {name for name in changed(before, after) if not name.startswith(("chi-muc/", "cards/"))}
    assert pages == showing
    # the search shows the new title: the one metadata file holding it has a new name
    assert {name for name in after.keys() - before.keys() if name.startswith("chi-muc/trang/")} == {
        name for name, data in after.items() if name.startswith("chi-muc/trang/") and new.encode() in data}
    # the page's own social card is drawn again under a new name; no other card changes
    assert {name for name in changed(before, after) if name.startswith("cards/")} == {
        name for name in before.keys() ^ after.keys() if name.startswith("cards/")} and len(
        [name for name in after.keys() - before.keys() if name.startswith("cards/")]) == 1


def test_a_deleted_or_damaged_cache_gives_the_same_site(tree, tmp_path):
    cache = tmp_path / "cache"
    cold, _ = built(tree.root, tmp_path / "cold", cache)
    for entry in (cache / "pages").rglob("*.html"):
        entry.write_text(entry.read_text(encoding="utf-8").replace("<", "[", 1), encoding="utf-8")
    damaged, log = built(tree.root, tmp_path / "damaged", cache)
    assert reused_pages(log)[1] == 0
    assert changed(cold, damaged) == set()
    shutil.rmtree(cache)
    deleted, _ = built(tree.root, tmp_path / "deleted", cache)
    assert changed(cold, deleted) == set()


def test_a_warm_build_links_its_pages_from_the_cache_and_never_uses_one_changed_since(tree, tmp_path):
    """Pages found in the cache are hard links to its files (nothing written again); a page written into through
    such a link, in the site or the cache, is found changed and made again."""
    cache = tmp_path / "cache"
    cold, _ = built(tree.root, tmp_path / "cold", cache)
    built(tree.root, tmp_path / "warm", cache)
    entries = {path.stat().st_ino for path in (cache / "pages").rglob("*.html")}
    assert (tmp_path / "warm" / PAGE).stat().st_ino in entries
    with (tmp_path / "warm" / PAGE).open("a", encoding="utf-8") as page:  # written into, not replaced
        page.write("<!-- sửa tay -->")
    again, log = built(tree.root, tmp_path / "again", cache)
    written, reused = reused_pages(log)
    assert written - reused == 1
    assert changed(cold, again) == set()


def test_the_cache_keeps_only_what_the_last_build_used(tree, tmp_path):
    cache = tmp_path / "cache"
    (cache / "search" / "b5995cb2").mkdir(parents=True)  # an earlier version's search bundles
    (cache / "search" / "b5995cb2" / "pagefind.js").write_text("//", encoding="utf-8")
    built(tree.root, tmp_path / "before", cache)
    assert sorted(path.name for path in cache.iterdir()) == ["authors", "cards", "content", "open-data", "pages",
                                                             "previous-build.pages", "related", "search-records",
                                                             "sitemap", "templates"]
    kept_search = kept_search_records(cache)
    templates = sorted(path.name for path in (cache / "templates").iterdir())  # one compiled file per template
    # a template removed from the theme since, and what a build stopped while writing one left
    for name in ("__jinja2_0123456789abcdef0123456789abcdef01234567.cache", "__jinja2_x.cache.tmp1234"):
        (cache / "templates" / name).write_bytes(b"old")
        os.utime(cache / "templates" / name, (1_600_000_000, 1_600_000_000))
    tree.edit(INITIATIVE, "title: Tự động lập báo cáo ngày", "title: Tự động lập báo cáo vận hành")
    after, log = built(tree.root, tmp_path / "after", cache)
    assert sorted(path.name for path in (cache / "templates").iterdir()) == templates
    assert len(list((cache / "pages").rglob("*.html"))) == reused_pages(log)[0]
    # one search record an initiative: the edited one's under a new key, its old one gone
    after_search = kept_search_records(cache)
    assert len(after_search) == len(kept_search) == len(load(tree.root).site.published(publish_date()).initiatives)
    assert len(after_search.keys() - kept_search.keys()) == 1
    # the cards' entries, named by their name on the site, a hash of their bytes and their size, and the stamps
    assert {path.name.partition(".")[0] + ".png" for path in (cache / "cards").glob("*.png")} == {
        name.removeprefix("cards/") for name in after if name.startswith("cards/")}
    assert sorted(path.name for path in (cache / "cards").iterdir() if path.suffix != ".png") == ["stamps"]


@pytest.mark.parametrize("memory_first", [False, True], ids=["site", "large-site path"])
def test_a_file_where_the_cache_folder_should_be_only_costs_time(tree, tmp_path, monkeypatch, memory_first):
    """Every part of the cache (records, pages, cards, search records, related initiatives, templates, a large
    site's spool) does without it, and the site is the one a build with a cache gives."""
    if memory_first:
        monkeypatch.setenv("SANGKIEN_MEMORY_FIRST_FROM", "0")
    (tmp_path / "cache").write_text("a file\n", encoding="utf-8")
    site, _ = built(tree.root, tmp_path / "site", tmp_path / "cache")
    assert changed(site, built(tree.root, tmp_path / "fresh", tmp_path / "fresh-cache")[0]) == set()
    assert (tmp_path / "cache").read_text(encoding="utf-8") == "a file\n"


def test_the_initiatives_are_counted_in_the_content_s_listing_as_by_walking_it(synthetic, tmp_path):
    """The build lists the content once (content.survey): the count that decides how it is loaded, and the load."""
    from conftest import initiative_files
    from generator import content

    listing = content.survey(synthetic)
    assert content.initiative_files(synthetic, listing) == content.initiative_files(synthetic) == len(
        initiative_files(synthetic)) == 60
    assert content.load(synthetic, cache_dir=tmp_path / "cache", listing=listing).site == content.load(synthetic).site
