"""Listing pages (generator/pages/base.py: paginate, Pager): a page's definition does not grow with its listing."""

from __future__ import annotations

import pickle

from generator.pages.base import PER_PAGE, PageSpec, paginate


def _listing(count: int) -> list[PageSpec]:
    def make(items, pager) -> PageSpec:
        return PageSpec(url=pager.url, template="listing.html", title="Tất cả sáng kiến", description="",
                        data={"cards": items, "pager": pager})

    return paginate(range(count), "sang-kien/", make)


def test_each_page_knows_its_own_and_its_neighbours_addresses():
    pages = _listing(PER_PAGE * 2 + 1)
    assert [(page.url, page.data["pager"].previous, page.data["pager"].next) for page in pages] == [
        ("sang-kien/", None, "sang-kien/trang-2/"),
        ("sang-kien/trang-2/", "sang-kien/", "sang-kien/trang-3/"),
        ("sang-kien/trang-3/", "sang-kien/trang-2/", None)]
    assert [len(page.data["cards"]) for page in pages] == [PER_PAGE, PER_PAGE, 1]


def test_an_empty_listing_still_has_its_first_page():
    (page,) = _listing(0)
    assert (page.url, page.data["pager"].count, page.data["pager"].next) == ("sang-kien/", 1, None)


def test_a_page_s_definition_is_the_same_size_in_a_listing_a_hundred_times_longer():
    # what the page cache hashes and a large build spools for each page (lean.record): the second page of 300
    # pages and of 30,000 pages (page counts pickled in the same number of bytes)
    short = pickle.dumps(_listing(PER_PAGE * 300)[1], protocol=5)
    long = _listing(PER_PAGE * 30_000)[1]
    assert long.data["pager"].count == 30_000
    assert len(pickle.dumps(long, protocol=5)) <= len(short) + 2
