"""The short form of an initiative shown in every listing (index, unit, field, home, showcase)."""

from __future__ import annotations

from .. import formatting
from ..identity import ByIdentity
from ..model import Initiative, Named, Site, Unit
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
    """The card of ``item``; the same dict object each time while the initiative, its unit and its field are the
    same objects (see :func:`cards`)."""
    unit, field = site.unit_by_id(item.unit), site.field_by_id(item.field)
    kept = _MADE.get(item)
    if kept is not None and kept[0] is unit and kept[1] is field:
        return kept[2]
    return _MADE.put(item, (unit, field, _make_card(item, unit, field)))[2]


# An initiative is shown on about seven listings (all, unit, field, browse, home, showcase, related): its
# card is made once per build, and kept by an edited served site for the initiatives the edit did not touch.
_MADE = ByIdentity()


def forget(keep: Site | None = None) -> None:
    """Drop the cards of the last build, except those of ``keep``'s initiatives (a served site is built again and
    again in one process)."""
    _MADE.keep_only(keep.initiatives if keep is not None else ())


def _make_card(item: Initiative, unit: Unit, field: Named) -> dict:
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
