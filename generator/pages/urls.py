"""Every URL the site has, in one place (site-relative, directory style)."""

from __future__ import annotations

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
