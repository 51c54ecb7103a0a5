"""The short form of an initiative shown in every listing (index, unit, field, home, showcase)."""

from __future__ import annotations

from .. import formatting
from ..model import Initiative, Site
from . import urls


def headline_benefit(item: Initiative) -> str | None:
    """The one benefit figure a card shows: money first, then energy, then the free text."""
    benefit = item.benefit
    if benefit is None:
        return None
    if benefit.vnd_per_year:
        return f"Làm lợi {formatting.money(benefit.vnd_per_year)}/năm"
    if benefit.kwh_per_year:
        return f"Tiết kiệm {formatting.number(benefit.kwh_per_year)} kWh/năm"
    return benefit.other


def initiative_card(site: Site, item: Initiative) -> dict:
    unit = site.unit_by_id(item.unit)
    field = site.field_by_id(item.field)
    photo = item.photos[0] if item.photos else None
    return {
        "title": item.title,
        "url": urls.initiative(item),
        "summary": item.summary,
        "authors": ", ".join(author.name for author in item.authors),
        "unit": unit.short_name,
        "unit_url": urls.unit(unit),
        "field": field.name,
        "field_id": field.id,
        "field_url": urls.field(field),
        "registered_on": item.registered_on,
        "benefit": headline_benefit(item),
        "photo": {"url": urls.photo(photo), "alt": photo.alt} if photo else None,
    }


def cards(site: Site, items) -> list[dict]:
    return [initiative_card(site, item) for item in items]
