"""The progress page (Tiến độ): overall and per phase, the burn-up chart, every unit against its quota."""

from __future__ import annotations

from .. import charts, formatting, stats
from ..cards import CardSpec
from ..model import Site
from . import urls
from .base import PageSpec, SiteInfo, social_card


def progress_card(site: Site, info: SiteInfo, kicker: str, total: stats.Progress) -> CardSpec:
    """The campaign's numbers as a card (home and progress pages)."""
    title = f"{formatting.number(total.count)} / {formatting.number(total.target)} sáng kiến" if total.target else (
        f"{formatting.number(total.count)} sáng kiến")
    if total.percent is not None:
        title += f" ({formatting.percent(total.percent)})"
    subtitle = f"{site.campaign.name} · tính đến {formatting.date(total.as_of)}"
    return social_card(site, info, kicker, title, subtitle, progress=total.percent)


def page(site: Site, info: SiteInfo) -> PageSpec:
    total = stats.overall(site)
    months = stats.monthly(site)
    return PageSpec(
        url=urls.PROGRESS,
        template="progress.html",
        title="Tiến độ",
        description=f"{site.campaign.name}: {formatting.number(total.count)} sáng kiến"
                    + (f" / chỉ tiêu {formatting.number(total.target)}" if total.target else "")
                    + f", tính đến {formatting.date(total.as_of)}.",
        in_nav=True,
        card=progress_card(site, info, "Tiến độ", total),
        data={
            "total": total,
            "phases": stats.phases(site),
            "months": months,
            "chart": charts.burn_up(total, months, f"Số sáng kiến lũy kế của {site.campaign.short_name}"),
            "units": [{"row": row, "url": urls.unit(row.unit)} for row in stats.unit_ranking(site)],
            "rules": stats.RULES,
            "data": {name: f"{urls.DATA}{name}" for name in ("stats.json", "monthly.csv", "units.csv")},
        },
    )


def pages(site: Site, info: SiteInfo) -> list[PageSpec]:
    return [page(site, info)]
