"""What an initiative page is made of, known before it is made (pages/initiatives.py, inputs): the digest the page
cache keys it by changes with every file the page shows something of, and with nothing else; a build's pending
pages (pages.base.Pending) are made exactly as the pages they stand for."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import retitle
from generator import lean
from generator.content import load
from generator.pages import build_pages
from generator.pages.base import PageSpec, Pending, SiteInfo
from generator.pages.initiatives import inputs, site_inputs
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
    assert all(lean.cache_inputs(page) == lean.record(page) for page in others)
