"""The showcase (Sáng kiến tiêu biểu): featured initiatives as cards with a photo or a placeholder."""

from __future__ import annotations

from ..model import Initiative, Site
from . import urls
from .base import PageSpec, Pager, SiteInfo, numbered, paginate, social_card
from .summaries import cards


def featured(site: Site) -> list[Initiative]:
    """Featured initiatives, newest registration first (the site's order)."""
    return [item for item in site.initiatives if item.featured]


def pages(site: Site, info: SiteInfo) -> list[PageSpec]:
    items = featured(site)
    description = f"{len(items)} sáng kiến tiêu biểu của {site.campaign.name}."
    card = social_card(site, info, "Sáng kiến tiêu biểu", "Sáng kiến tiêu biểu", description)

    def make(page_items: list[Initiative], pager: Pager) -> PageSpec:
        return PageSpec(
            url=pager.url,
            template="showcase.html",
            in_nav=pager.number == 1,
            title=numbered("Sáng kiến tiêu biểu", pager),
            description=description,
            card=card,
            data={"cards": cards(site, page_items), "pager": pager, "total": len(items)},
        )

    return paginate(items, urls.FEATURED, make)
