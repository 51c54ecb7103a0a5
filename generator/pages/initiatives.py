"""Initiative pages (one per initiative) and the paginated index of all initiatives."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from functools import partial

from ..cards import CardSpec
from ..content.schema import RECOGNITION_LEVELS
from ..identity import for_last
from ..model import Initiative, Site
from ..richtext import Deferred
from . import urls
from .base import (PageSpec, Pager, Pending, SiteInfo, card_label, numbered, paginate, site_inputs,
                   social_card, structured)
from .related import groups_of, neighbours, related
from .summaries import cards

TEMPLATE = "initiative.html"


def _jsonld(site: Site, info: SiteInfo, item: Initiative, card: CardSpec) -> dict:
    unit = site.unit_by_id(item.unit)
    return {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": item.title,
        "description": item.summary,
        "url": info.absolute(urls.initiative(item)),
        "image": info.absolute(card.path),
        "identifier": item.code,
        "dateCreated": item.registered_on.isoformat(),
        "about": site.field_by_id(item.field).name,
        "keywords": list(item.tags),
        "author": [{"@type": "Person", "name": author.name, "jobTitle": author.job_title,
                    "worksFor": {"@type": "Organization", "name": site.unit_by_id(author.unit).name}}
                   for author in item.authors],
        "sourceOrganization": {"@type": "Organization", "name": unit.name},
        "isPartOf": {"@type": "CreativeWorkSeries", "name": site.campaign.name, "url": info.url},
    }


def inputs(shared: str, item: Initiative, others: list[Initiative]) -> bytes | None:
    """A digest of everything the page of ``item`` is made of besides the code, the theme and the site's name and
    address (the page cache's fingerprint: generator/pagecache.py): the campaign and units (``shared``:
    :func:`site_inputs`), the initiative's file and those of its related initiatives, in order (Initiative.digest).
    None when one of them was not read from a file."""
    digests = [other.digest for other in others]
    if not item.digest or not all(digests):
        return None
    return hashlib.sha256("\0".join([shared, item.digest, *digests]).encode()).digest()


@for_last
def _card_parts(site: Site) -> tuple[dict[str, str], dict[str, str], str]:
    """What the cards of initiatives share, worked out once for a site: the top line of each field's, the short
    name of each unit, the notice's label."""
    return ({field.id: f"Sáng kiến · {field.name}" for field in site.campaign.fields},
            {unit.id: unit.short_name for unit in site.units}, card_label(site))


def _card(site: Site, info: SiteInfo, item: Initiative) -> CardSpec:
    """The card of ``item``'s page: what base.social_card makes of its lines, for each of 10,000 initiatives in
    0.024 s where making each from the site took 0.034 s."""
    kickers, short_names, label = _card_parts(site)
    names = ", ".join([author.name for author in item.authors])
    return CardSpec(kickers[item.field], item.title, f"{short_names[item.unit]} · {names}",
                    info.footer(site.campaign.short_name), None, label)


def page_cards(site: Site, info: SiteInfo) -> list[CardSpec]:
    """The card of each initiative's page, as its definition gives it: a large site's loading process works them
    out for the cards to be drawn while it hands the model over (generator/plugin.py)."""
    return [_card(site, info, item) for item in site.initiatives]


def _updated(item: Initiative) -> dt.date:
    return max(filter(None, [item.registered_on, item.recognition.date if item.recognition else None]))


def initiative_page(site: Site, info: SiteInfo, item: Initiative, others: list[Initiative],
                    digest: bytes | None = None) -> PageSpec:
    """The page of ``item``; ``digest``: its :func:`inputs`."""
    unit = site.unit_by_id(item.unit)
    field = site.field_by_id(item.field)
    authors = [{"name": author.name, "job_title": author.job_title,
                "unit": site.unit_by_id(author.unit).short_name if author.unit != item.unit else None,
                "unit_url": urls.unit(site.unit_by_id(author.unit))}
               for author in item.authors]
    card = _card(site, info, item)
    return PageSpec(
        url=urls.initiative(item),
        template=TEMPLATE,
        title=item.title,
        description=item.summary,
        card=card,
        og_type="article",
        jsonld=structured(_jsonld(site, info, item, card)),
        updated=_updated(item),
        data={
            "item": item,
            "unit": unit,
            "unit_url": urls.unit(unit),
            "field": field,
            "field_url": urls.field(field),
            "authors": authors,
            "photos": [{"url": urls.photo(photo), "alt": photo.alt} for photo in item.photos],
            "recognition_level": RECOGNITION_LEVELS[item.recognition.level] if item.recognition else None,
            "description_html": Deferred(item.description, urls.initiative(item)),
            "related": cards(site, others),
        },
        inputs=digest,
    )


def pending_page(site: Site, info: SiteInfo, item: Initiative, others: list[Initiative], digest: bytes) -> Pending:
    """The page of ``item`` as :func:`initiative_page` would define it, made only when it is asked for."""
    return Pending(url=urls.initiative(item), template=TEMPLATE, og_type="article", has_jsonld=True,
                   card=_card(site, info, item), updated=_updated(item), inputs=digest,
                   make=partial(initiative_page, site, info, item, others, digest))


def index_pages(site: Site, info: SiteInfo) -> list[PageSpec]:
    description = f"{len(site.initiatives)} sáng kiến của {site.campaign.name}, mới đăng ký trước."
    card = social_card(site, info, "Sáng kiến", "Tất cả sáng kiến", description)

    def make(items: list[Initiative], pager: Pager) -> PageSpec:
        return PageSpec(
            url=pager.url,
            template="listing.html",
            in_nav=pager.number == 1,
            title=numbered("Tất cả sáng kiến", pager),
            description=description,
            card=card,
            data={"cards": cards(site, items), "pager": pager, "total": len(site.initiatives),
                  "intro": "Sáng kiến mới đăng ký hiện trước. Xem theo đơn vị hoặc lĩnh vực để thu hẹp danh sách."},
        )

    return paginate(site.initiatives, urls.INITIATIVES, make)


def pages(site: Site, info: SiteInfo) -> list[PageSpec]:
    return list(each_page(site, info))


def each_page(site: Site, info: SiteInfo, later: bool = False,
              related_of: Callable[[Site], dict[str, list[Initiative]]] | None = None) -> Iterator[PageSpec | Pending]:
    """The initiative pages, then the index pages; ``later``: each initiative page whose :func:`inputs` are known
    as a :class:`Pending`, its definition made when it is asked for; ``related_of``: what gives each initiative's
    related ones, when not related.related."""
    others, shared = (related_of or related)(site), site_inputs(site)
    for item in site.initiatives:
        digest = inputs(shared, item, others[item.key])
        if later and digest is not None:
            yield pending_page(site, info, item, others[item.key], digest)
        else:
            yield initiative_page(site, info, item, others[item.key], digest)
    yield from index_pages(site, info)


def updated_pages(site: Site, info: SiteInfo, before: Site, previous: dict[str, PageSpec]) -> list[PageSpec]:
    """What :func:`pages` gives for ``site``, with the page of each initiative whose inputs are the very objects
    they were in ``before`` taken from ``previous`` (url -> page of ``before``).

    An initiative's page is made of itself, its related initiatives and the campaign and units; an edit can only
    change the related initiatives of the neighbours of an added, changed or removed one (related.neighbours), so
    only theirs are looked for again. Unchanged values are the same objects in both sites (content.update)."""
    if site.campaign is not before.campaign or site.units is not before.units:
        return pages(site, info)
    was = {id(item) for item in before.initiatives}
    now = {id(item) for item in site.initiatives}
    changed = [item for item in site.initiatives if id(item) not in was]
    gone = [item for item in before.initiatives if id(item) not in now]
    # before's groups first: those of the last site, still kept (related.groups_of)
    groups_before, groups = (groups_of(before), groups_of(site)) if changed or gone else ({}, {})
    near = neighbours(site, changed, groups) | neighbours(before, gone, groups_before)
    others, others_before = related(site, near, groups), related(before, near, groups_before)

    def kept(item: Initiative, url: str) -> PageSpec | None:
        if id(item) not in was:
            return None
        if item.key in near:
            old, new = others_before.get(item.key, []), others[item.key]
            if len(old) != len(new) or any(a is not b for a, b in zip(old, new)):
                return None
        return previous.get(url)

    specs, shared = [], site_inputs(site)
    for item in site.initiatives:
        spec = kept(item, urls.initiative(item))
        if spec is None:
            spec = initiative_page(site, info, item, others[item.key], inputs(shared, item, others[item.key]))
        specs.append(spec)
    return specs + index_pages(site, info)
