"""The home page: the campaign at a glance, the featured showcase, the newest initiatives and news."""

from __future__ import annotations

from .. import stats
from ..model import Site
from . import urls
from .base import PageSpec, SiteInfo
from .news import news_entry
from .progress import progress_card
from .showcase import featured
from .summaries import cards

LATEST = 6
TOP_UNITS = 5
SHOWCASE = 6


def page(site: Site, info: SiteInfo) -> PageSpec:
    campaign = site.campaign
    total = stats.overall(site)
    return PageSpec(
        url=urls.HOME,
        template="home.html",
        in_nav=True,
        title=campaign.name,
        description=campaign.description,
        card=progress_card(site, info, campaign.short_name, total),
        data={
            "campaign": campaign,
            "progress": total,
            "units": len(site.units),
            "top_units": [{"row": row, "url": urls.unit(row.unit)} for row in stats.unit_ranking(site)[:TOP_UNITS]],
            "featured": cards(site, featured(site)[:SHOWCASE]),
            "cards": cards(site, site.initiatives[:LATEST]),
            "news": [news_entry(post) for post in site.news[:3]],
            "links": {"initiatives": urls.INITIATIVES, "units": urls.UNITS, "fields": urls.FIELDS,
                      "news": urls.NEWS, "progress": urls.PROGRESS, "leaderboard": urls.LEADERBOARD,
                      "featured": urls.FEATURED, "honours": urls.HONOURS},
        },
    )


def pages(site: Site, info: SiteInfo) -> list[PageSpec]:
    return [page(site, info)]
