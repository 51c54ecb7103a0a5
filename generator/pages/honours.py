"""The honour roll (Vinh danh): recognised initiatives by recognition level, then by year of the decision."""

from __future__ import annotations

from collections import Counter

from ..content.schema import RECOGNITION_LEVELS
from ..model import Initiative, Site
from . import urls
from .base import PageSpec, Pager, SiteInfo, numbered, paginate, social_card
from .summaries import honour_entries


def _by_decision(items: list[Initiative]) -> list[Initiative]:
    """Newest decision first; same day by code."""
    return sorted(items, key=lambda item: (-item.recognition.date.toordinal(), item.code))


def _levels(site: Site) -> list[tuple[str, str, list[Initiative]]]:
    """(level id, label, initiatives) from the highest level down, only levels with initiatives."""
    recognised = [item for item in site.initiatives if item.recognition]
    return [(level, label, _by_decision([item for item in recognised if item.recognition.level == level]))
            for level, label in reversed(RECOGNITION_LEVELS.items())
            if any(item.recognition.level == level for item in recognised)]


def level_pages(site: Site, info: SiteInfo, level: str, label: str, items: list[Initiative]) -> list[PageSpec]:
    # "Cấp Tập đoàn Điện lực Việt Nam" inside a sentence: only its first letter is lowered, the name keeps its own
    within = label[:1].lower() + label[1:]
    description = f"{len(items)} sáng kiến được công nhận {within} trong {site.campaign.name}."
    card = social_card(site, info, "Vinh danh", f"Sáng kiến được công nhận {within}", description)

    def make(page_items: list[Initiative], pager: Pager) -> PageSpec:
        return PageSpec(
            url=pager.url,
            template="honours_level.html",
            title=numbered(f"Vinh danh – {label}", pager),
            description=description,
            card=card,
            data={"label": label, "entries": honour_entries(site, page_items), "pager": pager,
                  "total": len(items), "overview": urls.HONOURS},
        )

    return paginate(items, urls.honours(level), make)


def pages(site: Site, info: SiteInfo) -> list[PageSpec]:
    levels = _levels(site)
    total = sum(len(items) for _, _, items in levels)
    description = f"{total} sáng kiến được Hội đồng sáng kiến các cấp công nhận trong {site.campaign.name}."
    overview = PageSpec(
        url=urls.HONOURS,
        template="honours.html",
        in_nav=True,
        title="Vinh danh",
        description=description,
        card=social_card(site, info, "Vinh danh", "Sáng kiến được công nhận", description),
        data={"levels": [{"label": label, "url": urls.honours(level), "count": len(items),
                          "years": sorted(Counter(item.recognition.date.year for item in items).items(), reverse=True)}
                         for level, label, items in levels],
              "total": total},
    )
    return [overview] + [page for level, label, items in levels for page in level_pages(site, info, level, label, items)]
