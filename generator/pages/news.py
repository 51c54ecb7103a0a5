"""News: a page per post, the paginated list of posts, an archive per year and a page per category."""

from __future__ import annotations

from collections import defaultdict

from .. import formatting
from ..cards import CardSpec
from ..model import NewsPost, Site
from ..richtext import Deferred
from ..text import slugify
from . import urls
from .base import PageSpec, Pager, SiteInfo, numbered, paginate, social_card, structured


def _jsonld(site: Site, info: SiteInfo, post: NewsPost, card: CardSpec) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": post.title,
        "description": post.summary,
        "url": info.absolute(urls.news_post(post)),
        "image": [info.absolute(card.path)],
        "datePublished": post.date.isoformat(),
        "articleSection": list(post.categories),
        "author": [{"@type": "Person", "name": name} for name in post.authors] or
                  [{"@type": "Organization", "name": site.campaign.organisation}],
        "publisher": {"@type": "Organization", "name": site.campaign.organisation},
        "inLanguage": "vi",
    }


def categories(site: Site) -> dict[str, tuple[str, list[NewsPost]]]:
    """Category slug -> (the name first written for it, its posts newest first)."""
    found: dict[str, tuple[str, list[NewsPost]]] = {}
    for post in site.news:
        for name in post.categories:
            slug = slugify(name) or "khac"
            found.setdefault(slug, (name, []))[1].append(post)
    return dict(sorted(found.items()))


def news_entry(post: NewsPost) -> dict:
    return {"title": post.title, "url": urls.news_post(post), "date": post.date, "summary": post.summary,
            "categories": [(name, urls.news_category(slugify(name) or "khac")) for name in post.categories]}


def post_page(site: Site, info: SiteInfo, post: NewsPost) -> PageSpec:
    card = social_card(site, info, f"Tin tức · {formatting.date(post.date)}", post.title, post.summary)
    return PageSpec(
        url=urls.news_post(post),
        template="news_post.html",
        title=post.title,
        description=post.summary,
        card=card,
        og_type="article",
        jsonld=structured(_jsonld(site, info, post, card)),
        updated=post.date,
        data={"post": post, "entry": news_entry(post), "body_html": Deferred(post.body, urls.news_post(post)),
              "image": {"url": urls.photo(post.image), "alt": post.image.alt} if post.image else None},
    )


def _listing(site: Site, info: SiteInfo, links: dict, posts: list[NewsPost], base: str, title: str,
             description: str, in_nav: bool = False) -> list[PageSpec]:
    card = social_card(site, info, "Tin tức", title, description)

    def make(items: list[NewsPost], pager: Pager) -> PageSpec:
        return PageSpec(
            url=pager.url,
            template="news_index.html",
            in_nav=in_nav and pager.number == 1,
            title=numbered(title, pager),
            description=description,
            card=card,
            data={"entries": [news_entry(post) for post in items], "pager": pager, "links": links},
        )

    return paginate(posts, base, make)


def _links(site: Site, found: dict[str, tuple[str, list[NewsPost]]]) -> dict:
    """The archive and category links shown beside every news listing, and the feeds; ``found``: the categories."""
    years = sorted({post.date.year for post in site.news}, reverse=True)
    return {
        "years": [(year, urls.news_year(year)) for year in years],
        "categories": [(name, urls.news_category(slug), len(posts)) for slug, (name, posts) in found.items()],
        "rss": urls.NEWS_RSS,
        "json": urls.NEWS_JSON_FEED,
    }


def pages(site: Site, info: SiteInfo) -> list[PageSpec]:
    specs = [post_page(site, info, post) for post in site.news]
    found = categories(site)
    links = _links(site, found)  # the same on every listing: made once
    specs += _listing(site, info, links, list(site.news), urls.NEWS, "Tin tức", f"Tin tức về {site.campaign.name}.",
                      in_nav=True)
    by_year: dict[int, list[NewsPost]] = defaultdict(list)
    for post in site.news:
        by_year[post.date.year].append(post)
    for year, posts in sorted(by_year.items()):
        specs += _listing(site, info, links, posts, urls.news_year(year), f"Tin tức năm {year}",
                          f"{len(posts)} tin năm {year} về {site.campaign.name}.")
    for slug, (name, posts) in found.items():
        specs += _listing(site, info, links, posts, urls.news_category(slug), f"Chuyên mục: {name}",
                          f"{len(posts)} tin trong chuyên mục {name}.")
    return specs
