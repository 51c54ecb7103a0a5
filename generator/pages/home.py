"""The home page: the campaign at a glance, the newest initiatives and news."""

from __future__ import annotations

from .. import stats
from ..model import Site
from . import urls
from .base import PageSpec
from .cards import cards
from .news import news_entry

LATEST = 6
TOP_UNITS = 5


def page(site: Site) -> PageSpec:
    campaign = site.campaign
    return PageSpec(
        url=urls.HOME,
        template="home.html",
        in_nav=True,
        title=campaign.name,
        description=campaign.description,
        data={
            "campaign": campaign,
            "progress": stats.overall(site),
            "units": len(site.units),
            "top_units": [{"row": row, "url": urls.unit(row.unit)} for row in stats.unit_ranking(site)[:TOP_UNITS]],
            "cards": cards(site, site.initiatives[:LATEST]),
            "news": [news_entry(post) for post in site.news[:3]],
            "links": {"initiatives": urls.INITIATIVES, "units": urls.UNITS, "fields": urls.FIELDS,
                      "news": urls.NEWS, "progress": urls.PROGRESS, "leaderboard": urls.LEADERBOARD},
        },
    )
