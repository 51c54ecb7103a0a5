"""The short form of an initiative shown in every listing (index, unit, field, home, showcase)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import attrgetter

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


_DIGEST = attrgetter("digest")  # an initiative's (Listed.source)


class Listed(Sequence):
    """The cards (or honour entries) of some initiatives on one page, each made when the page is rendered.

    A rebuild after an edit takes almost every listing page from the page cache by its key, which names these
    lists instead of holding them (:meth:`source`): made at once, the cards of 10,000 initiatives took the build's
    process 0.09 s of every rebuild. Two lists of the same initiatives (the same objects) of a site with the same
    campaign and units are equal without being made: each card is a function of those (initiative_card)."""

    __slots__ = ("_site", "_items", "_make", "_made", "_source")

    def __init__(self, site: Site, items: Iterable[Initiative], make: Callable[[Site, Initiative], dict]):
        self._site, self._items, self._make = site, tuple(items), make
        self._made: list[dict] | None = None
        self._source = self._named()

    def _list(self) -> list[dict]:
        if self._made is None:
            self._made = [self._make(self._site, item) for item in self._items]
        return self._made

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index):
        return self._list()[index]

    def __iter__(self) -> Iterator[dict]:
        return iter(self._list())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Listed) and self._same_inputs(other):
            return True
        if isinstance(other, (Listed, list)):
            return self._list() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a list's

    def _same_inputs(self, other: Listed) -> bool:
        return (self._make is other._make and len(self._items) == len(other._items)
                and self._site.units is other._site.units and self._site.campaign is other._site.campaign
                and all(mine is theirs for mine, theirs in zip(self._items, other._items)))

    def __reduce__(self):
        return list, (self._list(),)  # pickled (lean.record) as the list it stands for

    def __repr__(self) -> str:
        return f"Listed({[item.key for item in self._items]!r}, {self._make.__name__})"

    def source(self) -> tuple[str, str, str] | None:
        """The name of what the list is made of: what it is (its maker), the campaign and units
        (base.site_inputs) and each initiative's file (Initiative.digest, all of one length), joined in order;
        None when one of them was not read from a file. A listing's page cache key names the list by it
        (lean.cache_inputs): at 10,000 initiatives the 1,348 listing pages hold 30 cards each, and pickling them
        whole took the page workers most of their time."""
        return self._source

    def _named(self) -> tuple[str, str, str] | None:
        """:meth:`source`, worked out as the list is made, by the build's process: the page workers that pickle
        it then read one string, not each initiative, whose memory they share with that process (a page of it
        that a worker reads is copied, as reading an object writes its count of references): at 10,000
        initiatives the workers' ranges of listing pages took 4,000-4,300 page faults each so."""
        digests = tuple(map(_DIGEST, self._items))
        if not all(digests):
            return None
        return self._make.__name__, site_inputs(self._site), "".join(digests)


def cards(site: Site, items: Iterable[Initiative]) -> Listed:
    return Listed(site, items, initiative_card)


def honour_entries(site: Site, items: Iterable[Initiative]) -> Listed:
    return Listed(site, items, honour_entry)
