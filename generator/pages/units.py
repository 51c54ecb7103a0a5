"""Unit pages (its initiatives, quota and progress so far) and the list of units."""

from __future__ import annotations

from collections import defaultdict

from .. import stats
from ..model import Initiative, Site
from . import urls
from .base import PageSpec, Pager, numbered, paginate
from .cards import cards


def unit_pages(site: Site, progress: stats.UnitProgress, items: list[Initiative]) -> list[PageSpec]:
    unit = progress.unit
    blocs = {bloc.id: bloc for bloc in site.campaign.blocs}
    phases = {phase.id: phase.name for phase in site.campaign.phases}
    parent = site.unit_by_id(unit.parent) if unit.parent else None

    def make(page_items: list[Initiative], pager: Pager) -> PageSpec:
        return PageSpec(
            url=pager.urls[pager.number - 1],
            template="unit.html",
            title=numbered(unit.name, pager),
            description=f"{unit.name}: {progress.count} sáng kiến đã đăng ký"
            + (f", chỉ tiêu {progress.quota}." if progress.quota else "."),
            data={
                "unit": unit,
                "progress": progress,
                "as_of": stats.as_of(site),
                "bloc": blocs.get(unit.bloc) if unit.bloc else None,
                "parent": parent,
                "parent_url": urls.unit(parent) if parent else None,
                "quota": [(phases[phase_id], count) for phase_id, count in unit.quota],
                "cards": cards(site, page_items),
                "pager": pager,
            },
        )

    return paginate(items, urls.unit(unit), make)


def pages(site: Site) -> list[PageSpec]:
    by_unit: dict[str, list[Initiative]] = defaultdict(list)
    for item in site.initiatives:
        by_unit[item.unit].append(item)
    progress = stats.units(site)
    listing = PageSpec(
        url=urls.UNITS,
        template="units.html",
        in_nav=True,
        title="Đơn vị",
        description=f"{len(site.units)} đơn vị tham gia {site.campaign.name}: số sáng kiến và chỉ tiêu.",
        data={"rows": [{"progress": row, "url": urls.unit(row.unit)} for row in progress],
              "as_of": stats.as_of(site)},
    )
    return [listing] + [page for row in progress for page in unit_pages(site, row, by_unit[row.unit.id])]
