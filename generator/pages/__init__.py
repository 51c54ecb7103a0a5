"""Page definitions: the model in, one :class:`PageSpec` per page out (no MkDocs, no HTML).

One module per page kind; ``build_pages`` lists them all. Templates in ``theme/`` render them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..cards import CardSpec
from ..model import Initiative, Site
from . import browse, fields, home, honours, initiatives, leaderboard, news, progress, showcase, summaries, units
from .base import PageSpec, Pending, SiteInfo, social_card

__all__ = ["PageSpec", "SiteInfo", "build_pages", "iter_pages", "update_pages", "default_card"]

KINDS = (home, initiatives, showcase, units, fields, progress, leaderboard, honours, news, browse)


Related = Callable[[Site], dict[str, list[Initiative]]]


def build_pages(site: Site, info: SiteInfo, later: bool = False, related: Related | None = None
                ) -> list[PageSpec | Pending]:
    """Every page of the site; ``later``: the initiative pages as base.Pending, their definitions made only if
    they are asked for (a build of the lean path: generator/plugin.py); ``related``: what gives each initiative's
    related ones, when not related.related (a build's, kept between builds: generator/related_cache.py)."""
    return list(iter_pages(site, info, later, related))


def iter_pages(site: Site, info: SiteInfo, later: bool = False, related: Related | None = None
               ) -> Iterator[PageSpec | Pending]:
    """The pages of :func:`build_pages` one at a time, each initiative's made when it is asked for: a large site's
    build puts each away before the next is made (generator/plugin.py, memory_first_from)."""
    try:
        for kind in KINDS:
            yield from (initiatives.each_page(site, info, later, related) if kind is initiatives
                        else kind.pages(site, info))
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
    return social_card(site, info, site.campaign.short_name, title, site.campaign.name)
