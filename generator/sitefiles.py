"""Files beside the pages: open data, news feeds and robots.txt (site-relative path -> bytes)."""

from __future__ import annotations

from pathlib import Path

from . import feeds, opendata
from .model import Site
from .pages import urls
from .pages.base import SiteInfo


def robots(info: SiteInfo) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {info.absolute('sitemap.xml')}\n".encode("ascii")


def files(site: Site, info: SiteInfo, folder: Path | None = None) -> dict[str, bytes]:
    """Every file beside the pages; with ``folder``, a cache folder where the open data is kept between builds."""
    return {
        **opendata.files(site, folder),
        urls.NEWS_RSS: feeds.rss(site, info),
        urls.NEWS_JSON_FEED: feeds.json_feed(site, info),
        "robots.txt": robots(info),
    }
