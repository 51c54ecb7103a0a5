"""The short form of an initiative shown in every listing (index, unit, field, home, showcase)."""

from __future__ import annotations

from .. import formatting
from ..identity import ByIdentity
from ..model import Initiative, Named, Site, Unit
from . import urls
from .base import site_inputs


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
    _named(card, "card", site, item)
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
    _named(entry, "entry", site, item)
    return _ENTRIES.put(item, (card, entry))[1]


_ENTRIES = ByIdentity()


def _named(made: dict, kind: str, site: Site, item: Initiative) -> None:
    """Keep the name of what ``made`` (a card or an entry of ``item``) is made of: the initiative's file
    (Initiative.digest) and the campaign and units (base.site_inputs), unless the initiative was not read from a
    file. A tuple of strings the site and the initiative hold already: at 100,000 initiatives, a string of its own
    for each card and entry held about 30 MB more."""
    if item.digest:
        _SOURCES.put(made, (kind, site_inputs(site), item.digest))


def source(made: dict) -> tuple[str, str, str] | None:
    """The name of what a card or an entry made here is made of, while it is kept; None for any other dict.

    A listing's page cache key pickles its definition with each card named by this instead of pickled whole
    (lean.cache_inputs): the same card is a pure function of those files and the code, which the page cache's
    fingerprint covers. At 10,000 initiatives the 1,348 listing pages hold 30 cards each, and pickling them took
    the page workers most of their time."""
    return _SOURCES.get(made)


# card or entry -> the name of what it is made of; a card lives as long as its initiative's entry in _MADE
_SOURCES = ByIdentity()


def forget(keep: Site | None = None) -> None:
    """Drop the cards and entries of earlier builds, except those of ``keep``'s initiatives, once they outnumber
    those (a served site is built again and again in one process; identity.ByIdentity.keep_only)."""
    for made in (_MADE, _ENTRIES):
        made.keep_only(keep.initiatives if keep is not None else ())
    if len(_SOURCES) > len(_MADE) + len(_ENTRIES):  # names of cards and entries no longer kept
        _SOURCES.keep_only([value[-1] for table in (_MADE, _ENTRIES) for value in table.values()])


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
