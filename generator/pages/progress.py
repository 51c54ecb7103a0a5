"""The progress page (Tiến độ): overall and per phase, the burn-up chart, every unit against its quota."""

from __future__ import annotations

from .. import charts, stats
from ..model import Site
from . import urls
from .base import PageSpec


def page(site: Site) -> PageSpec:
    total = stats.overall(site)
    months = stats.monthly(site)
    phases = {phase.id: phase.name for phase in site.campaign.phases}
    return PageSpec(
        url=urls.PROGRESS,
        template="progress.html",
        title="Tiến độ",
        description=f"{site.campaign.name}: {total.count} sáng kiến / chỉ tiêu {total.target}, "
                    f"tính đến {total.as_of:%d/%m/%Y}.",
        in_nav=True,
        data={
            "total": total,
            "phases": stats.phases(site),
            "months": months,
            "chart": charts.burn_up(total, months, f"Số sáng kiến lũy kế của {site.campaign.short_name}"),
            "units": [{"row": row, "url": urls.unit(row.unit)} for row in stats.unit_ranking(site)],
            "phase_names": phases,
            "rules": stats.RULES,
            "data": {name: f"{urls.DATA}{name}" for name in ("stats.json", "monthly.csv", "units.csv")},
        },
    )


def pages(site: Site) -> list[PageSpec]:
    return [page(site)]
