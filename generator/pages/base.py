"""What every page definition is made of: a URL, a template, a title, a description and its data."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import pickle
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from ..cards import CardSpec
from ..identity import for_last
from ..model import Site

PER_PAGE = 30  # items on one listing page: a listing never grows with the campaign


@dataclass(frozen=True)
class SiteInfo:
    """What pages need to know of the site beyond the content: its name and published address."""

    name: str
    url: str  # absolute, ending with "/"

    def absolute(self, path: str) -> str:
        return f"{self.url}{path}"

    def footer(self, campaign_short_name: str) -> str:
        """The last line of every social card: the site and the campaign."""
        return f"{self.name} · {campaign_short_name}"


def social_card(site: Site, info: SiteInfo, kicker: str, title: str, subtitle: str,
                progress: float | None = None) -> CardSpec:
    """A page's card: its own lines over the site's footer, marked with the campaign's notice when it has one (a
    shared link of a site of sample data says so)."""
    return CardSpec(kicker, title, subtitle, info.footer(site.campaign.short_name), progress, card_label(site))


def card_label(site: Site) -> str:
    """What every card of ``site`` is marked with (CardSpec.label): the campaign's notice, if any."""
    notice = site.campaign.notice
    return notice.label if notice else ""


@for_last  # asked for by every initiative page and card of a build
def site_inputs(site: Site) -> str:
    """A digest (hex) of what every page made from an initiative reads of the site besides initiatives: the
    campaign (its name, its fields) and the units. Pickled: the same values give the same bytes."""
    return hashlib.sha256(pickle.dumps((site.campaign, site.units), protocol=5)).hexdigest()


def structured(data: dict[str, Any]) -> bytes:
    """Structured data as JSON for a <script> element, in UTF-8: '<', '>' and '&' escaped, so content can never
    close the element. Kept encoded, not as the dict, as it is kept for every page until the pages are written:
    at 10,000 initiatives the dicts took 3.1 KB of the build's memory a page, the text 2.4 KB, the bytes 1.3 KB."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e").encode()


class _Addressed:
    url: str

    @property
    def src_uri(self) -> str:
        """The virtual Markdown file that stands for this page in MkDocs (directory URLs)."""
        return f"{self.url}index.md"


@dataclass(frozen=True)
class PageSpec(_Addressed):
    """One page of the site. ``url`` is site-relative ("" for home, "don-vi/evnhanoi/" otherwise)."""

    url: str
    template: str
    title: str
    description: str
    data: dict[str, Any] = field(default_factory=dict)
    in_nav: bool = False  # only section pages are in the navigation, never an initiative
    card: CardSpec | None = None  # the image shown when the page is shared
    og_type: str = "website"  # "article" for initiatives and news
    jsonld: bytes | None = None  # structured data (schema.org) for initiatives and news, made by structured()
    updated: dt.date | None = None  # the sitemap's lastmod (default: the campaign's as-of date)
    # a digest of everything the page is made of, when that is known without making it (initiative pages:
    # initiatives.inputs); the page cache keys the page by it instead of by the whole definition
    inputs: bytes | None = None

    @property
    def has_jsonld(self) -> bool:
        return self.jsonld is not None

    def made(self) -> PageSpec:
        return self


@dataclass(frozen=True)
class Pending(_Addressed):
    """A page of the lean path before its definition is made: what the build needs of it before the pages are
    written (where it goes, its group's shell: lean.group, its card, its sitemap date) and ``inputs``, the digest
    its page is cached under. Its definition is made (:meth:`made`) only when the page cache has no page for it:
    at 10,000 initiatives, a rebuild after one edit spent about a second making and pickling the definitions of
    pages it then found in the cache."""

    url: str
    template: str
    og_type: str
    has_jsonld: bool
    card: CardSpec | None
    updated: dt.date | None
    inputs: bytes
    make: Callable[[], PageSpec] = field(repr=False, compare=False)
    in_nav: bool = False

    def made(self) -> PageSpec:
        return self.make()


@dataclass(frozen=True)
class Pager:
    """Where a listing page stands among its listing's pages. Only its own and its neighbours' addresses are
    worked out: a page's definition (and its page cache key, lean.record) stays the same size however long the
    listing grows. With every page's address in each, the definitions of the 3,307 pages listing all initiatives
    at 100,000 took 310 MB pickled (94 KB apiece) against 51 MB now; with the listings of units, fields and
    honours, 385 MB more to pickle, hash, spool and read back at every build."""

    number: int
    count: int
    base: str  # the address of the listing's first page

    @property
    def url(self) -> str:
        return page_url(self.base, self.number)

    @property
    def previous(self) -> str | None:
        return page_url(self.base, self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return page_url(self.base, self.number + 1) if self.number < self.count else None


def page_url(base: str, number: int) -> str:
    return base if number == 1 else f"{base}trang-{number}/"


def paginate(items: Sequence[Any], base: str, make: Callable[[list[Any], Pager], PageSpec]) -> list[PageSpec]:
    """Split ``items`` into listing pages at ``base``, ``base``trang-2/, …; always at least one page."""
    count = max(1, math.ceil(len(items) / PER_PAGE))
    return [make(list(items[(number - 1) * PER_PAGE: number * PER_PAGE]), Pager(number, count, base))
            for number in range(1, count + 1)]


def numbered(title: str, pager: Pager) -> str:
    return title if pager.number == 1 else f"{title} (trang {pager.number}/{pager.count})"
