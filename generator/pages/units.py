"""Unit pages (its initiatives, quota and progress so far) and the list of units."""

from __future__ import annotations

from collections import defaultdict

from .. import formatting, stats
from ..cards import CardSpec
from ..model import Initiative, Site
from . import urls
from .base import PageSpec, Pager, SiteInfo, numbered, paginate, social_card
from .summaries import cards


def _card(site: Site, info: SiteInfo, progress: stats.UnitProgress) -> CardSpec:
    numbers = f"{formatting.number(progress.count)} sáng kiến"
    if progress.quota:
        numbers += f" / chỉ tiêu {formatting.number(progress.quota)} ({formatting.percent(progress.percent)})"
    return social_card(site, info, "Đơn vị", progress.unit.name, numbers,
                       progress=progress.percent if progress.quota else None)


def unit_pages(site: Site, info: SiteInfo, progress: stats.UnitProgress, items: list[Initiative]) -> list[PageSpec]:
    unit = progress.unit
    blocs = {bloc.id: bloc for bloc in site.campaign.blocs}
    phases = {phase.id: phase.name for phase in site.campaign.phases}
    parent = site.unit_by_id(unit.parent) if unit.parent else None
    card = _card(site, info, progress)
    description = f"{unit.name}: {formatting.number(progress.count)} sáng kiến đã đăng ký" + (
        f", chỉ tiêu {formatting.number(progress.quota)}." if progress.quota else ".")

    def make(page_items: list[Initiative], pager: Pager) -> PageSpec:
        return PageSpec(
            url=pager.url,
            template="unit.html",
            title=numbered(unit.name, pager),
            description=description,
            card=card,
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


def _by_bloc(site: Site, rows: list[dict]) -> list[dict]:
    """The rows grouped by emulation bloc, in campaign.yml's order of blocs, units of no bloc last (``bloc``
    None); in each group, units.yml's order."""
    groups = [{"bloc": bloc, "rows": [row for row in rows if row["progress"].unit.bloc == bloc.id]}
              for bloc in site.campaign.blocs]
    known = {bloc.id for bloc in site.campaign.blocs}
    groups.append({"bloc": None, "rows": [row for row in rows if row["progress"].unit.bloc not in known]})
    return [group for group in groups if group["rows"]]


def pages(site: Site, info: SiteInfo) -> list[PageSpec]:
    by_unit: dict[str, list[Initiative]] = defaultdict(list)
    for item in site.initiatives:
        by_unit[item.unit].append(item)
    progress = stats.units(site)
    description = f"{len(site.units)} đơn vị tham gia {site.campaign.name}: số sáng kiến và chỉ tiêu."
    listing = PageSpec(
        url=urls.UNITS,
        template="units.html",
        in_nav=True,
        title="Đơn vị",
        description=description,
        card=social_card(site, info, "Đơn vị", "Các đơn vị tham gia", description),
        data={"groups": _by_bloc(site, [{"progress": row, "url": urls.unit(row.unit)} for row in progress]),
              "as_of": stats.as_of(site)},
    )
    return [listing] + [page for row in progress for page in unit_pages(site, info, row, by_unit[row.unit.id])]
