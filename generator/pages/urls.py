"""Every URL the site has, in one place (site-relative, directory style)."""

from __future__ import annotations

import re

from ..model import Initiative, Named, NewsPost, Photo, Unit

HOME = ""
INITIATIVES = "sang-kien/"
UNITS = "don-vi/"
FIELDS = "linh-vuc/"
NEWS = "tin-tuc/"
PROGRESS = "tien-do/"
LEADERBOARD = "bang-xep-hang/"
DATA = "data/"
SEARCH = "tim-kiem/"  # the search page: filters and sort over every initiative (generator/pages/browse.py)
SEARCH_INDEX = "chi-muc/"  # the search index's files (generator/search_index.py)


def initiative(item: Initiative) -> str:
    return f"{INITIATIVES}{item.unit}/{item.slug}/"


def unit(item: Unit) -> str:
    return f"{UNITS}{item.id}/"


def field(item: Named) -> str:
    return f"{FIELDS}{item.id}/"


def news_post(post: NewsPost) -> str:
    return f"{NEWS}{post.date.year}/{post.slug}/"


def news_year(year: int) -> str:
    return f"{NEWS}{year}/"


def news_category(slug: str) -> str:
    return f"{NEWS}chuyen-muc/{slug}/"


NEWS_RSS = f"{NEWS}rss.xml"
NEWS_JSON_FEED = f"{NEWS}feed.json"
FEATURED = "tieu-bieu/"
HONOURS = "vinh-danh/"


def honours(level: str) -> str:
    return f"{HONOURS}{level}/"


def photo(item: Photo) -> str:
    return f"media/{item.path}"


# The folders every generated page but the home page is in (tests/test_urls.py checks each page of the shipped
# site): a hand-written page outside them cannot take a generated page's address (pages.hand_written).
SECTIONS = (INITIATIVES, UNITS, FIELDS, NEWS, PROGRESS, LEADERBOARD, SEARCH, FEATURED, HONOURS)


def may_be_generated(url: str) -> bool:
    """Whether a generated page may have the address ``url`` (site-relative, as :data:`HOME`)."""
    return url == HOME or url.startswith(SECTIONS)


# A site path as this module makes them: segments that neither start with a dot nor hold a scheme, anchor, query
# or backslash, joined by single slashes, perhaps ending with one ('sang-kien/evnhanoi/x/', 'media/a.jpg').
_SITE_PATH = re.compile(r"(?:[^./:#?\\][^/:#?\\]*/)*(?:[^./:#?\\][^/:#?\\]*)?")


def relative(target: str, here: str) -> str | None:
    """The link to the site path ``target`` from the page whose address is ``here`` ('' for the home page), as
    MkDocs' ``url`` filter writes it ('../../don-vi/evnhanoi/'); None when either is not a plain site path (an
    address with a scheme, an anchor, '..'), which is left to MkDocs.

    A page links to 20-30 addresses; this takes a few microseconds of the ~20 the filter takes for each, which is
    4% of a cold build at 10,000 initiatives (tests/test_urls.py checks it against MkDocs' own)."""
    if not target or not _SITE_PATH.fullmatch(target) or not _SITE_PATH.fullmatch(here):
        return None
    folder, _, name = here.rpartition("/")
    if "." not in name:  # like MkDocs: a last segment with a dot is a file, any other a folder
        folder = here
    start = folder.split("/") if folder else []
    if start and not start[-1]:
        start.pop()
    parts = target.split("/")
    if not parts[-1]:
        parts.pop()
    common = 0
    for mine, theirs in zip(start, parts):
        if mine != theirs:
            break
        common += 1
    link = "/".join([".."] * (len(start) - common) + parts[common:]) or "."
    return f"{link}/" if target.endswith("/") else link
