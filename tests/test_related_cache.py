"""The related initiatives kept between builds (generator/related_cache.py): the same initiatives, in the same
order, as worked out afresh; taken back after an edit that moves no initiative (a title), worked out again after
one that does (a date, a unit), and a damaged or planted file is only a miss."""

from __future__ import annotations

import datetime as dt
import pickle
import re
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import initiative_files, register_earlier, retitle, site_of
from generator import cachefile, related_cache
from generator.pages import related as related_pages


@pytest.fixture
def worked_out(monkeypatch) -> list[int]:
    """One entry for each time the related initiatives are worked out (not taken from the kept ones)."""
    calls: list[int] = []
    work = related_pages.related

    def counted(site, *args, **kwargs):
        calls.append(len(site.initiatives))
        return work(site, *args, **kwargs)

    monkeypatch.setattr(related_pages, "related", counted)
    return calls


def keys(related: dict) -> dict[str, list[str]]:
    return {key: [other.key for other in others] for key, others in related.items()}


def the_file(folder: Path) -> Path:
    [path] = folder.iterdir()
    return path


def test_kept_related_initiatives_are_those_worked_out_and_the_site_s_own(synthetic, tmp_path, worked_out):
    folder = tmp_path / "kept"
    fresh = keys(related_pages.related(site_of(synthetic)))
    worked_out.clear()
    assert keys(related_cache.related(site_of(synthetic), folder)) == fresh
    assert worked_out == [60]
    site = site_of(synthetic)  # a new load: new objects
    kept = related_cache.related(site, folder)
    assert worked_out == [60]  # read back
    assert keys(kept) == fresh
    objects = {id(item) for item in site.initiatives}
    assert all(id(other) in objects for others in kept.values() for other in others)


def test_a_title_edit_takes_them_back_a_date_or_unit_edit_works_them_out_again(synthetic_copy, tmp_path, worked_out):
    folder = tmp_path / "kept"
    related_cache.related(site_of(synthetic_copy), folder)
    files = initiative_files(synthetic_copy)
    retitle(files[3])
    worked_out.clear()
    related_cache.related(site_of(synthetic_copy), folder)
    assert worked_out == []

    register_earlier(files[5], 20)
    site = site_of(synthetic_copy)
    assert keys(related_cache.related(site, folder)) == keys(related_pages.related(site))
    assert len(worked_out) == 2  # the cache's, and the comparison's

    units = sorted({item.unit for item in site.initiatives})
    text = files[7].read_text(encoding="utf-8")
    unit = re.search(r"^unit: (\S+)$", text, flags=re.M).group(1)
    other = next(u for u in units if u != unit)
    moved_file = synthetic_copy / "initiatives" / other / files[7].name  # an initiative lives in its unit's folder
    moved_file.parent.mkdir(exist_ok=True)
    moved_file.write_text(text.replace(f"unit: {unit}", f"unit: {other}"), encoding="utf-8")
    files[7].unlink()
    site = site_of(synthetic_copy)
    worked_out.clear()
    assert keys(related_cache.related(site, folder)) == keys(related_pages.related(site))
    assert len(worked_out) == 2
    worked_out.clear()
    related_cache.related(site_of(synthetic_copy), folder)
    assert worked_out == []  # kept again, for the moved initiatives


def test_the_digest_holds_every_value_related_initiatives_are_worked_out_from(synthetic):
    site = site_of(synthetic)
    first, rest = site.initiatives[0], tuple(site.initiatives[1:])
    digest = related_cache.placing(site)

    def with_first(item) -> bytes:
        return related_cache.placing(replace(site, initiatives=(item, *rest)))

    for change in ({"unit": "other"}, {"field": "other"}, {"code": "OTHER-0001"},
                   {"registered_on": first.registered_on + dt.timedelta(days=1)}, {"slug": "other"}):
        assert with_first(replace(first, **change)) != digest, change
    assert related_cache.placing(replace(site, initiatives=(*rest, first))) != digest  # another order
    assert with_first(replace(first, title="Khác", summary="Khác")) == digest


def test_a_damaged_or_planted_file_is_only_a_miss(synthetic, tmp_path, worked_out):
    folder = tmp_path / "kept"
    site = site_of(synthetic)
    fresh = keys(related_pages.related(site))
    related_cache.related(site, folder)
    path = the_file(folder)
    digest = related_cache.placing(site)
    data = path.read_bytes()
    planted = [
        data[:-1] + bytes([data[-1] ^ 1]),  # a bit flipped: the checksum fails
        data[:len(data) // 2],  # cut short
        cachefile.framed(b"SKR1", pickle.dumps((digest, [(9999,)] * 60))),  # places of no initiative
        cachefile.framed(b"SKR1", pickle.dumps((digest, [("x",)] * 60))),  # not places
        cachefile.framed(b"SKR1", pickle.dumps((digest, [()] * 59))),  # one initiative short
        cachefile.framed(b"SKR1", pickle.dumps((b"another", [()] * 60))),  # another site's
        cachefile.framed(b"SKR1", pickle.dumps((digest, [related_cache.Path("x")] * 60))),  # a class: refused
    ]
    for bad in planted:
        path.write_bytes(bad)
        worked_out.clear()
        assert keys(related_cache.related(site, folder)) == fresh
        assert worked_out == [60]
