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
    """The card of ``item``; the same dict object each time while the initiative, the site's units and its
    campaign (where its field is) are the same objects (see :func:`cards`)."""
    kept = _MADE.get(item)
    if kept is not None and kept[0] is site.units and kept[1] is site.campaign:
        return kept[2]
    card = _make_card(item, site.unit_by_id(item.unit), site.field_by_id(item.field))
    return _MADE.put(item, (site.units, site.campaign, card))[2]


# An initiative is shown on about seven listings (all, unit, field, browse, home, showcase, related): its
# card is made once per build, and kept by an edited served site for the initiatives the edit did not touch.
_MADE = ByIdentity()


def honour_entry(site: Site, item: Initiative) -> dict:
    """A recognised initiative on the honour roll: its card with the recognition decision; kept like the card
    (the same dict while the card is the same), so the pages of an unchanged roll compare equal at once."""
    card = initiative_card(site, item)
    kept = _ENTRIES.get(item)
    if kept is not None and kept[0] is card:
        return kept[1]
    entry = {**card, "decision": item.recognition.decision, "date": item.recognition.date,
             "year": item.recognition.date.year}
    return _ENTRIES.put(item, (card, entry))[1]


_ENTRIES = ByIdentity()


def forget(keep: Site | None = None) -> None:
    """Drop the cards and entries of earlier builds, except those of ``keep``'s initiatives, once they outnumber
    those (a served site is built again and again in one process; identity.ByIdentity.keep_only)."""
    for made in (_MADE, _ENTRIES):
        made.keep_only(keep.initiatives if keep is not None else ())


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
