"""The search records of initiatives kept between builds (generator/search_cache.py): the same records as made
afresh, made again exactly for the initiatives whose file (or the campaign or units) changed, and a damaged or
planted file is only a miss."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from conftest import retitle, site_of
from generator import cachefile, search, search_cache


@pytest.fixture
def made(monkeypatch) -> list[str]:
    """The keys of the initiatives whose search record is made (not taken from the kept ones)."""
    keys: list[str] = []
    make = search.initiative

    def counted(site, item):
        keys.append(item.key)
        return make(site, item)

    monkeypatch.setattr(search, "initiative", counted)
    return keys


def kept_store(folder: Path) -> Path:
    [store] = folder.iterdir()
    return store


def test_kept_records_are_the_records(synthetic_copy, tmp_path, made):
    folder = tmp_path / "kept"
    site = site_of(synthetic_copy)
    fresh = search.records(site)
    made.clear()
    assert search_cache.records(site, folder) == fresh
    assert len(made) == len(site.initiatives)
    made.clear()
    assert search_cache.records(site_of(synthetic_copy), folder) == fresh  # read back, from a new load of the same files
    assert made == []


def test_an_edited_initiative_s_record_is_made_again_and_only_that(synthetic_copy, tmp_path, made):
    folder = tmp_path / "kept"
    search_cache.records(site_of(synthetic_copy), folder)
    retitle(sorted((synthetic_copy / "initiatives").rglob("*.yml"))[3])
    made.clear()
    site = site_of(synthetic_copy)
    records = search_cache.records(site, folder)
    assert made == [item.key for item in site.initiatives if item.title.startswith("Đã sửa - ")]
    assert records == search.records(site)
    # the store keeps what the last build used: one record an initiative
    kept = cachefile.plain_loads(cachefile.read_framed(kept_store(folder), search_cache._MAGIC))
    assert len(kept) == len(site.initiatives)


def test_the_file_is_written_again_only_once_more_than_a_few_records_were_made_or_left_unused(
        synthetic_copy, tmp_path, made, monkeypatch):
    folder = tmp_path / "kept"
    search_cache.records(site_of(synthetic_copy), folder)
    before = kept_store(folder).read_bytes()
    # an edit makes one record and leaves one unused: up to 2.5 records, the file is left as it is
    monkeypatch.setattr(search_cache, "REWRITE_SHARE", 2.5 / len(site_of(synthetic_copy).initiatives))
    files = sorted((synthetic_copy / "initiatives").rglob("*.yml"))
    retitle(files[3])
    site = site_of(synthetic_copy)
    assert search_cache.records(site, folder) == search.records(site)
    assert kept_store(folder).read_bytes() == before
    # a second edit: the first one's record made again, with this one's; four records now, so the file is written
    retitle(files[5])
    made.clear()
    site = site_of(synthetic_copy)
    records = search_cache.records(site, folder)
    assert sorted(made) == sorted(item.key for item in site.initiatives if item.title.startswith("Đã sửa - "))
    assert len(made) == 2
    assert records == search.records(site)
    kept = cachefile.plain_loads(cachefile.read_framed(kept_store(folder), search_cache._MAGIC))
    assert len(kept) == len(site.initiatives)
    made.clear()
    records = search_cache.records(site_of(synthetic_copy), folder)
    assert made == []
    assert records == search.records(site)


def test_a_unit_s_new_name_makes_every_record_again(synthetic_copy, tmp_path, made):
    folder = tmp_path / "kept"
    search_cache.records(site_of(synthetic_copy), folder)
    units = synthetic_copy / "units.yml"
    units.write_text(units.read_text(encoding="utf-8").replace("short_name: ", "short_name: X"), encoding="utf-8")
    made.clear()
    site = site_of(synthetic_copy)
    assert search_cache.records(site, folder) == search.records(site)
    assert len(made) == 2 * len(site.initiatives)


class _Explode:
    def __reduce__(self):
        return (pytest.fail, ("the search cache unpickled a class it must not",))


def _planted(data: bytes) -> bytes:
    return cachefile.framed(search_cache._MAGIC, pickle.dumps(_Explode()))


def _planted_record(data: bytes) -> bytes:
    stored = cachefile.plain_loads(data[len(search_cache._MAGIC) + 4:])
    stored[next(iter(stored))] = _Explode()
    return cachefile.framed(search_cache._MAGIC, pickle.dumps(stored))


def _misshapen_records(data: bytes) -> bytes:
    stored = cachefile.plain_loads(data[len(search_cache._MAGIC) + 4:])
    shapes = [5, ((("a", 1),), (), ()), ((), (("a", b"b"),), ()), ((), (), ((1, 2),)), ((), (), (("1", "a"),)),
              ("a", "b", "c"), ((), ()), [(), (), ()]]
    payload = pickle.dumps({key: shapes[n % len(shapes)] for n, key in enumerate(stored)})
    return cachefile.framed(search_cache._MAGIC, payload)


@pytest.mark.parametrize("damage", [lambda data: data[:len(data) // 2], lambda data: b"", _planted,
                                    _planted_record, _misshapen_records],
                         ids=["truncated", "empty", "planted store", "planted record", "misshapen records"])
def test_a_damaged_store_is_a_miss_and_is_written_again(synthetic_copy, tmp_path, made, damage):
    folder = tmp_path / "kept"
    site = site_of(synthetic_copy)
    fresh = search.records(site)
    search_cache.records(site, folder)
    store = kept_store(folder)
    store.write_bytes(damage(store.read_bytes()))
    made.clear()
    assert search_cache.records(site, folder) == fresh
    assert len(made) == len(site.initiatives)  # every record made again...
    made.clear()
    assert search_cache.records(site, folder) == fresh
    assert made == []  # ...and the store written again


@pytest.mark.parametrize("shape", [((("a", 1),), (), ()), ((), (), ((True, "a"),)), ((), (("a", "b", "c"),), ()),
                                   [(), (), ()], 5])
def test_one_misshapen_record_is_made_again_and_only_that(synthetic_copy, tmp_path, made, shape):
    """The records are checked all at once (search_cache._all_indexed); when that finds one out of shape, each is
    checked alone, and the others are still taken."""
    folder = tmp_path / "kept"
    site = site_of(synthetic_copy)
    fresh = search.records(site)
    search_cache.records(site, folder)
    store = kept_store(folder)
    stored = cachefile.plain_loads(store.read_bytes()[len(search_cache._MAGIC) + 4:])
    stored[sorted(stored)[1]] = shape
    store.write_bytes(cachefile.framed(search_cache._MAGIC, pickle.dumps(stored)))
    made.clear()
    assert search_cache.records(site, folder) == fresh
    assert len(made) == 1


def test_another_code_version_s_store_is_removed(synthetic_copy, tmp_path):
    folder = tmp_path / "kept"
    folder.mkdir()
    (folder / "search-0123456789abcdef.pickle").write_bytes(b"old")
    search_cache.records(site_of(synthetic_copy), folder)
    assert [path.name for path in folder.iterdir()] == [f"search-{search_cache.code_version()}.pickle"]


def test_the_store_is_its_records_pickled_and_framed(synthetic_copy, tmp_path):
    """Written as it is pickled (cachefile.write_entries), the file is framed as cachefile.framed frames it: its
    checksum is the payload's, and the payload the records as plain tuples."""
    folder = tmp_path / "kept"
    site = site_of(synthetic_copy)
    records = search_cache.records(site, folder)
    data = kept_store(folder).read_bytes()
    payload = data[len(search_cache._MAGIC) + 4:]
    assert data == cachefile.framed(search_cache._MAGIC, payload)
    stored = cachefile.plain_loads(payload)
    assert sorted((record.sorts, record.meta, record.words) for url, record in records.items()
                  if url.startswith("sang-kien/")) == sorted(stored.values())
