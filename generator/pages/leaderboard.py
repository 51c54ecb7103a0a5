"""The leaderboards page (Bảng xếp hạng): units, authors, fields and emulation blocs."""

from __future__ import annotations

from .. import stats
from ..cards import CardSpec
from ..model import Site
from . import urls
from .base import PageSpec, SiteInfo, social_card

TOP_AUTHORS = 100  # the page stays the same size however many authors there are; authors.csv has them all


def _card(site: Site, info: SiteInfo, ranking: list[stats.UnitProgress]) -> CardSpec:
    leaders = ", ".join(f"{row.rank}. {row.unit.short_name}" for row in ranking[:3])
    title = f"Đơn vị dẫn đầu: {ranking[0].unit.name}" if ranking else "Bảng xếp hạng"
    return social_card(site, info, "Bảng xếp hạng", title, leaders)


def page(site: Site, info: SiteInfo) -> PageSpec:
    authors = stats.authors(site)
    ranking = stats.unit_ranking(site)
    return PageSpec(
        url=urls.LEADERBOARD,
        template="leaderboard.html",
        title="Bảng xếp hạng",
        description=f"Xếp hạng đơn vị, tác giả, lĩnh vực và khối thi đua của {site.campaign.name}.",
        in_nav=True,
        card=_card(site, info, ranking),
        data={
            "as_of": stats.as_of(site),
            "units": [{"row": row, "url": urls.unit(row.unit)} for row in ranking],
            "authors": [{"row": row, "unit": site.unit_by_id(row.unit), "unit_url": urls.unit(site.unit_by_id(row.unit))}
                        for row in authors[:TOP_AUTHORS]],
            "authors_total": len(authors),
            # the rank the list is cut within, when the first author left out shares the last one's rank
            "cut_rank": (authors[TOP_AUTHORS].rank if len(authors) > TOP_AUTHORS
                         and authors[TOP_AUTHORS].rank == authors[TOP_AUTHORS - 1].rank else None),
            "fields": [{"row": row, "url": urls.field(row.item)} for row in stats.fields(site)],
            "blocs": [{"row": row, "units": [site.unit_by_id(unit_id).short_name for unit_id in row.units]}
                      for row in stats.blocs(site)],
            "rules": stats.RULES,
            "data": {name: f"{urls.DATA}{name}" for name in ("stats.json", "units.csv", "authors.csv", "fields.csv")},
        },
    )


def pages(site: Site, info: SiteInfo) -> list[PageSpec]:
    return [page(site, info)]
