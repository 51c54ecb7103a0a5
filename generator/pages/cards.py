"""The short form of an initiative shown in every listing (index, unit, field, home)."""

from __future__ import annotations

from ..model import Initiative, Site
from . import urls


def initiative_card(site: Site, item: Initiative) -> dict:
    unit = site.unit_by_id(item.unit)
    field = site.field_by_id(item.field)
    return {
        "title": item.title,
        "url": urls.initiative(item),
        "summary": item.summary,
        "authors": ", ".join(author.name for author in item.authors),
        "unit": unit.short_name,
        "unit_url": urls.unit(unit),
        "field": field.name,
        "field_url": urls.field(field),
        "registered_on": item.registered_on,
        "benefit_vnd": item.benefit.vnd_per_year if item.benefit else None,
    }


def cards(site: Site, items) -> list[dict]:
    return [initiative_card(site, item) for item in items]
