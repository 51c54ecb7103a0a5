"""News: a page per post and the paginated list of posts, newest first."""

from __future__ import annotations

from ..model import NewsPost, Site
from ..richtext import to_html
from . import urls
from .base import PageSpec, Pager, numbered, paginate


def post_page(post: NewsPost) -> PageSpec:
    return PageSpec(
        url=urls.news_post(post),
        template="news_post.html",
        title=post.title,
        description=post.summary,
        data={"post": post, "body_html": to_html(post.body),
              "image": {"url": urls.photo(post.image), "alt": post.image.alt} if post.image else None},
    )


def news_entry(post: NewsPost) -> dict:
    return {"title": post.title, "url": urls.news_post(post), "date": post.date, "summary": post.summary,
            "categories": post.categories}


def index_pages(site: Site) -> list[PageSpec]:
    def make(posts: list[NewsPost], pager: Pager) -> PageSpec:
        return PageSpec(
            url=pager.urls[pager.number - 1],
            template="news_index.html",
            in_nav=pager.number == 1,
            title=numbered("Tin tức", pager),
            description=f"Tin tức về {site.campaign.name}.",
            data={"entries": [news_entry(post) for post in posts], "pager": pager},
        )

    return paginate(site.news, urls.NEWS, make)


def pages(site: Site) -> list[PageSpec]:
    return [post_page(post) for post in site.news] + index_pages(site)
