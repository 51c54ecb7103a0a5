"""What an initiative page is made of, known before it is made (pages/initiatives.py, inputs): the digest the page
cache keys it by changes with every file the page shows something of, and with nothing else; a build's pending
pages (pages.base.Pending) are made exactly as the pages they stand for."""

from __future__ import annotations

import datetime as dt
import io
import pickle
from pathlib import Path

import pytest

from conftest import retitle
from generator import lean
from generator.content import load
from generator.pages import build_pages, summaries
from generator.pages.base import PageSpec, Pending, SiteInfo
from generator.pages.base import site_inputs
from generator.pages.initiatives import inputs
from generator.pages.related import related

INFO = SiteInfo("Sáng kiến Hub (thử)", "https://sangkien.test/")
DAY = dt.date(2100, 1, 1)


def digests(root: Path, cache: Path | None = None) -> dict[str, bytes]:
    """Initiative key -> the digest of its page."""
    site = load(root, "content", cache).site.published(DAY)
    others, shared = related(site), site_inputs(site)
    return {item.key: inputs(shared, item, others[item.key]) for item in site.initiatives}


def file_of(root: Path, key: str) -> Path:
    return root / "initiatives" / f"{key}.yml"


def edited(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def retitled(root: Path, key: str) -> None:
    retitle(file_of(root, key))


def test_the_same_files_give_the_same_digests_with_or_without_the_record_cache(synthetic, tmp_path):
    plain = digests(synthetic)
    assert None not in plain.values() and len(set(plain.values())) == len(plain)
    assert digests(synthetic, tmp_path / "cache") == plain  # parsed, stored
    assert digests(synthetic, tmp_path / "cache") == plain  # taken from the store


def test_a_page_s_digest_changes_with_its_own_file_and_its_related_initiatives_files_only(synthetic_copy):
    site = load(synthetic_copy, "content").site.published(DAY)
    target = site.initiatives[10]
    shown = {other.key for other in related(site)[target.key]}
    elsewhere = next(item for item in site.initiatives if item.key not in shown | {target.key}
                     and target.key not in {other.key for other in related(site)[item.key]})
    before = digests(synthetic_copy)

    retitled(synthetic_copy, elsewhere.key)
    after = digests(synthetic_copy)
    assert after[target.key] == before[target.key]
    assert after[elsewhere.key] != before[elsewhere.key]

    one_related = sorted(shown)[0]
    retitled(synthetic_copy, one_related)
    assert digests(synthetic_copy)[target.key] != after[target.key]

    again = digests(synthetic_copy)
    retitled(synthetic_copy, target.key)
    assert digests(synthetic_copy)[target.key] != again[target.key]


@pytest.mark.parametrize(("name", "old", "new"), [
    ("units.yml", "short_name: ", "short_name: X"),  # every unit's short name (a page shows its own and others')
    ("campaign.yml", "short_name: ", "short_name: X"),  # the campaign's short name, on every card
])
def test_every_page_s_digest_changes_with_the_campaign_and_the_units(synthetic_copy, name, old, new):
    before = digests(synthetic_copy)
    path = synthetic_copy / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    after = digests(synthetic_copy)
    assert after.keys() == before.keys()
    assert all(after[key] != before[key] for key in before)


def test_news_do_not_change_the_initiative_pages_digests(synthetic_copy):
    before = digests(synthetic_copy)
    post = sorted((synthetic_copy / "news").rglob("*.md"))[0]
    edited(post, 'title: "', 'title: "Tin đã sửa: ')
    assert digests(synthetic_copy) == before


def test_a_pending_page_is_made_as_the_page_it_stands_for(synthetic):
    site = load(synthetic, "content").site.published(DAY)
    pages = build_pages(site, INFO)
    pending = build_pages(site, INFO, later=True)
    assert [page.url for page in pending] == [page.url for page in pages]
    waiting = [(later, page) for later, page in zip(pending, pages) if isinstance(later, Pending)]
    assert len(waiting) == len(site.initiatives)
    for later, page in waiting:
        assert isinstance(page, PageSpec) and page.inputs == later.inputs
        assert later.made() == page
        assert (later.src_uri, later.card, later.updated, later.in_nav) == (page.src_uri, page.card, page.updated,
                                                                            page.in_nav)
        assert lean.group(later) == lean.group(page)
        assert lean.cache_inputs(later) == lean.cache_inputs(page) == b"inputs\0" + page.inputs
    others = [page for page in pending if not isinstance(page, Pending)]
    assert others == [page for page in pages if page.inputs is None]  # every other page made at once
    news = [page for page in others if page.template == "news_post.html"]
    assert news and all(lean.cache_inputs(page) == lean.record(page) for page in news)  # no card: as pickled


LISTINGS = {"listing.html", "unit.html", "field.html", "honours_level.html", "showcase.html"}  # of initiatives


def _lists(page: PageSpec) -> list[summaries.Listed]:
    """The lists of initiative cards and honour entries a definition holds."""
    return [value for value in page.data.values() if isinstance(value, summaries.Listed)]


class _Named(pickle.Unpickler):
    """A page cache key read back, each name given back as the list of cards or entries it names (what the key
    writes as a call of lean._named_cards with the name)."""

    def __init__(self, key: bytes, names: dict[tuple, summaries.Listed]):
        super().__init__(io.BytesIO(key))
        self.names = names

    def find_class(self, module: str, name: str):
        if (module, name) == ("generator.lean", "_named_cards"):
            return lambda *source: self.names[source]
        return super().find_class(module, name)


def test_a_listing_s_key_is_its_definition_with_each_list_of_cards_named_by_the_files_it_shows(synthetic):
    site = load(synthetic, "content").site.published(DAY)
    by_url = {card_url(site, item): item for item in site.initiatives}
    defined = [page for page in build_pages(site, INFO, later=True) if isinstance(page, PageSpec)]
    listings = [page for page in defined if not page.in_nav and page.template in LISTINGS and _lists(page)]
    assert {page.template for page in listings} >= {"listing.html", "unit.html", "field.html", "honours_level.html"}
    names = {}
    for page in defined:
        for listed in _lists(page):
            makers = {"entries": "honour_entry"}
            name = listed.source()
            assert name[:2] == (makers.get(_key_of(page, listed), "initiative_card"), site_inputs(site))
            assert name[2] == "".join(by_url[card["url"]].digest for card in listed)  # each card's file, in order
            names[name] = listed
    for page in listings:
        key = lean.cache_inputs(page)
        assert all(listed.source()[2].encode() in key for listed in _lists(page))
    # a name is smaller than the cards it names (on a page of one card it can be a little bigger)
    assert sum(map(len, map(lean.cache_inputs, listings))) < sum(map(len, map(lean.record, listings))) / 2
    for page in defined:  # everything else of every definition is in its key
        assert _Named(lean.cache_inputs(page), names).load() == page


def card_url(site, item) -> str:
    return summaries.initiative_card(site, item)["url"]


def _key_of(page: PageSpec, value) -> str:
    return next(key for key, held in page.data.items() if held is value)


def _refused(*arguments):
    raise AssertionError("a card was made")


def test_no_card_is_made_for_a_listing_s_key_nor_its_definition(synthetic, monkeypatch):
    """A rebuild takes most listings from the page cache by their key: their cards are made only when a page is
    rendered (summaries.Listed)."""
    site = load(synthetic, "content").site.published(DAY)
    monkeypatch.setattr(summaries, "_make_card", _refused)
    defined = [page for page in build_pages(site, INFO, later=True) if isinstance(page, PageSpec)]
    listings = [page for page in defined if not page.in_nav and _lists(page)]
    assert len(listings) > 10
    keys = [lean.cache_inputs(page) for page in listings]
    with pytest.raises(AssertionError, match="a card was made"):
        list(_lists(listings[0])[0])
    monkeypatch.undo()
    for page in listings:  # made now: the keys stay the same
        assert all(len(list(listed)) == len(listed) for listed in _lists(page))
    assert [lean.cache_inputs(page) for page in listings] == keys


def test_lists_of_the_same_initiatives_of_one_site_are_equal_without_their_cards(synthetic, monkeypatch):
    """A served site's update compares each page's definition with the last one's (generator/serving.py): an
    unchanged initiative is the same object, so an unchanged listing compares equal at once."""
    site = load(synthetic, "content").site.published(DAY)
    items = site.initiatives[:5]
    monkeypatch.setattr(summaries, "_make_card", _refused)
    assert summaries.cards(site, items) == summaries.cards(site, list(items))
    monkeypatch.undo()
    other = load(synthetic, "content").site.published(DAY)  # the same files read again: other objects
    assert summaries.cards(site, items) == summaries.cards(other, other.initiatives[:5])  # compared card by card
    assert summaries.cards(site, items) != summaries.cards(site, site.initiatives[1:6])
    assert summaries.cards(site, items) == [summaries.initiative_card(site, item) for item in items]
    recognised = [item for item in site.initiatives if item.recognition][:3]
    assert recognised and summaries.cards(site, recognised) != summaries.honour_entries(site, recognised)


def listing_keys(root: Path) -> dict[str, bytes]:
    """The address -> page cache key inputs of every listing page outside the navigation."""
    site = load(root, "content").site.published(DAY)
    return {page.url: lean.cache_inputs(page) for page in build_pages(site, INFO, later=True)
            if isinstance(page, PageSpec) and not page.in_nav and page.template in LISTINGS}


def test_a_listing_s_key_changes_with_the_files_of_the_initiatives_it_lists(synthetic_copy):
    site = load(synthetic_copy, "content").site.published(DAY)
    first, second = site.initiatives[0], site.initiatives[-1]  # on the first and on the last page of all
    before = listing_keys(synthetic_copy)
    retitled(synthetic_copy, second.key)
    after = listing_keys(synthetic_copy)
    changed = {url for url in before if after[url] != before[url]}
    assert "sang-kien/trang-2/" in changed
    assert all(f"/{second.unit}/" in url or f"/{second.field}/" in url or url.startswith("sang-kien/")
               for url in changed)  # the pages that list it: all initiatives, its unit's, its field's
    retitled(synthetic_copy, first.key)  # listed on the first page of all, in the navigation
    assert listing_keys(synthetic_copy)["sang-kien/trang-2/"] == after["sang-kien/trang-2/"]
    units = synthetic_copy / "units.yml"
    units.write_text(units.read_text(encoding="utf-8").replace("short_name: ", "short_name: X"), encoding="utf-8")
    again = listing_keys(synthetic_copy)
    assert all(again[url] != before[url] for url in before)  # each card shows its unit's short name


def test_an_initiative_s_card_is_the_card_its_lines_make_on_any_page(synthetic):
    """Initiative cards are made from parts worked out once for the site (initiatives._card_parts); each is the
    card base.social_card makes of the same lines, notice label and footer included."""
    from dataclasses import replace

    from generator.model import Notice
    from generator.pages.base import social_card
    from generator.pages.initiatives import _card

    site = load(synthetic, "content").site.published(DAY)
    for campaign in (site.campaign, replace(site.campaign, notice=None),
                     replace(site.campaign, notice=Notice(label="Thử", text="Dữ liệu thử", page=None))):
        shown = replace(site, campaign=campaign)
        for item in shown.initiatives:
            names = ", ".join(author.name for author in item.authors)
            assert _card(shown, INFO, item) == social_card(
                shown, INFO, f"Sáng kiến · {shown.field_by_id(item.field).name}", item.title,
                f"{shown.unit_by_id(item.unit).short_name} · {names}")
