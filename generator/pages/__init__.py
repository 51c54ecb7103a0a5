"""Page definitions: the model in, one :class:`PageSpec` per page out (no MkDocs, no HTML).

One module per page kind; ``build_pages`` lists them all. Templates in ``theme/`` render them.
"""

from __future__ import annotations

from ..cards import CardSpec
from ..model import Site
from . import browse, fields, home, honours, initiatives, leaderboard, news, progress, showcase, summaries, units
from .base import PageSpec, SiteInfo

__all__ = ["PageSpec", "SiteInfo", "build_pages", "update_pages", "default_card"]

KINDS = (home, initiatives, showcase, units, fields, progress, leaderboard, honours, news, browse)


def build_pages(site: Site, info: SiteInfo) -> list[PageSpec]:
    try:
        return [spec for kind in KINDS for spec in kind.pages(site, info)]
    finally:
        summaries.forget(keep=site)


def update_pages(site: Site, info: SiteInfo, before: Site, previous: list[PageSpec]) -> list[PageSpec]:
    """What :func:`build_pages` gives for ``site``, reusing the pages of ``before`` (``previous``) of initiatives
    an edit did not touch; every other page is made again (initiatives.updated_pages)."""
    by_url = {spec.url: spec for spec in previous}
    try:
        return [spec for kind in KINDS for spec in (initiatives.updated_pages(site, info, before, by_url)
                                                    if kind is initiatives else kind.pages(site, info))]
    finally:
        summaries.forget(keep=site)


def default_card(site: Site, info: SiteInfo, title: str) -> CardSpec:
    """The card of a page written by hand (content/pages/): its title over the campaign's name."""
    return CardSpec(site.campaign.short_name, title, site.campaign.name, info.footer(site.campaign.short_name))
