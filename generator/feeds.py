"""News feeds: RSS 2.0 and JSON Feed 1.1, with absolute URLs and dates from the posts' front matter."""

from __future__ import annotations

import datetime as dt
import json
from email.utils import format_datetime
from xml.etree import ElementTree

from .clock import VIETNAM
from .model import NewsPost, Site
from .pages import urls
from .pages.base import SiteInfo

LATEST = 20


def _published(post: NewsPost) -> dt.datetime:
    return dt.datetime.combine(post.date, dt.time(0, 0), VIETNAM)


def rss(site: Site, info: SiteInfo) -> bytes:
    root = ElementTree.Element("rss", version="2.0")
    channel = ElementTree.SubElement(root, "channel")
    for tag, text in (("title", f"Tin tức – {site.campaign.name}"), ("link", info.absolute(urls.NEWS)),
                      ("description", f"Tin tức về {site.campaign.name}"), ("language", "vi")):
        ElementTree.SubElement(channel, tag).text = text
    posts = site.news[:LATEST]
    if posts:
        ElementTree.SubElement(channel, "lastBuildDate").text = format_datetime(_published(posts[0]))
    for post in posts:
        item = ElementTree.SubElement(channel, "item")
        link = info.absolute(urls.news_post(post))
        for tag, text in (("title", post.title), ("link", link), ("guid", link), ("description", post.summary),
                          ("pubDate", format_datetime(_published(post)))):
            ElementTree.SubElement(item, tag).text = text
        for name in post.categories:
            ElementTree.SubElement(item, "category").text = name
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, encoding="utf-8",
                                                                              xml_declaration=False) + b"\n"


def json_feed(site: Site, info: SiteInfo) -> bytes:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"Tin tức – {site.campaign.name}",
        "home_page_url": info.absolute(urls.NEWS),
        "feed_url": info.absolute(urls.NEWS_JSON_FEED),
        "language": "vi",
        "items": [{"id": info.absolute(urls.news_post(post)), "url": info.absolute(urls.news_post(post)),
                   "title": post.title, "summary": post.summary, "content_text": post.summary,
                   "date_published": _published(post).isoformat(), "tags": list(post.categories),
                   "authors": [{"name": name} for name in post.authors]}
                  for post in site.news[:LATEST]],
    }
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
