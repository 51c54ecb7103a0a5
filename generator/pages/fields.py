"""Field pages (lĩnh vực): the initiatives of one field, and the list of fields."""

from __future__ import annotations

from collections import defaultdict

from .. import formatting, stats
from ..model import Initiative, Named, Site
from . import urls
from .base import PageSpec, Pager, SiteInfo, numbered, paginate, social_card
from .summaries import cards


def field_pages(site: Site, info: SiteInfo, field: Named, items: list[Initiative]) -> list[PageSpec]:
    count = f"{formatting.number(len(items))} sáng kiến trong lĩnh vực {field.name}."
    card = social_card(site, info, "Lĩnh vực", field.name, count)

    def make(page_items: list[Initiative], pager: Pager) -> PageSpec:
        return PageSpec(
            url=pager.url,
            template="field.html",
            title=numbered(f"Lĩnh vực {field.name}", pager),
            description=field.description or count,
            card=card,
            data={"field": field, "total": len(items), "cards": cards(site, page_items), "pager": pager},
        )

    return paginate(items, urls.field(field), make)


def pages(site: Site, info: SiteInfo) -> list[PageSpec]:
    by_field: dict[str, list[Initiative]] = defaultdict(list)
    for item in site.initiatives:
        by_field[item.field].append(item)
    counts = stats.by_field(site)
    description = f"Sáng kiến của {site.campaign.name} theo lĩnh vực."
    listing = PageSpec(
        url=urls.FIELDS,
        template="fields.html",
        in_nav=True,
        title="Lĩnh vực",
        description=description,
        card=social_card(site, info, "Lĩnh vực", "Sáng kiến theo lĩnh vực", description),
        data={"rows": [{"field": field, "url": urls.field(field), "count": counts[field.id]}
                       for field in site.campaign.fields]},
    )
    return [listing] + [page for field in site.campaign.fields
                        for page in field_pages(site, info, field, by_field[field.id])]
