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
    """The card of ``item``; the same dict object each time within one build (see :func:`cards`)."""
    key = (id(site), id(item))
    kept = _MADE.get(key)
    if kept is not None and kept[0] is site and kept[1] is item:
        return kept[2]
    card = _make_card(site, item)
    _MADE[key] = (site, item, card)
    return card


# An initiative is shown on about seven listings (all, unit, field, browse, home, showcase, related): its
# card is made once per build. Keyed by identity, and holding the objects so an identity is never reused.
_MADE: dict[tuple[int, int], tuple[Site, Initiative, dict]] = {}


def forget() -> None:
    """Drop the cards of the last build (a served site is built again and again in one process)."""
    _MADE.clear()


def _make_card(site: Site, item: Initiative) -> dict:
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
