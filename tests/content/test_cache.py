"""The per-file cache of ``load``: the same result as without it, whatever happened to the cache in between."""

from __future__ import annotations

import gc
import os
import pickle
import shutil

import pytest

from conftest import FIXTURES
from generator import cachefile
from generator.content import cache, load, reader

HOSO = "initiatives/alpha/so-hoa-ho-so.yml"
FLYCAM = "initiatives/alpha/ung-dung-flycam.yml"
NEWS = "news/2022/2022-02-15-phat-dong.md"


@pytest.fixture
def cache_dir(tmp_path):
    return tmp_path / "cache"


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The shown paths of the files actually parsed (not taken from the cache), in order."""
    calls: list[str] = []

    def counting(parse):
        def wrapper(data, shown, problems):
            calls.append(shown)
            return parse(data, shown, problems)
        return wrapper

    for kind, parse in list(reader._PARSERS.items()):
        monkeypatch.setitem(reader._PARSERS, kind, counting(parse))
    return calls


def cache_files(cache_dir):
    return sorted(path.name for path in cache_dir.iterdir())


def test_cached_load_equals_uncached_and_parses_nothing_the_second_time(tree, cache_dir, parsed):
    expected = load(tree.root, "content")
    assert expected.site is not None
    parsed.clear()
    assert load(tree.root, "content", cache_dir) == expected
    assert len(parsed) == 12  # campaign, units, 6 initiatives, 4 news
    parsed.clear()
    assert load(tree.root, "content", cache_dir) == expected
    assert parsed == []
    assert cache_files(cache_dir) == [f"records-{cache.CODE_VERSION}.pickle"]


@pytest.mark.parametrize("fixture", ["basic", "broken"])
def test_files_parsed_ahead_by_workers_load_as_one_by_one(fixture, cache_dir, monkeypatch):
    """Many files are read and parsed by forked workers (RecordCache.records): the same site, the same problems,
    and the next load, read by workers too, parses none of them."""
    monkeypatch.setattr(cache, "READ_AHEAD_AT", 1)
    expected = load(FIXTURES / fixture, "content")
    assert load(FIXTURES / fixture, "content", cache_dir) == expected
    assert len(expected.problems) > 10 if fixture == "broken" else expected.site is not None
    stored = cache.RecordCache(cache_dir).stored
    assert stored and load(FIXTURES / fixture, "content", cache_dir) == expected
    assert cache.RecordCache(cache_dir).stored == stored


def test_an_edited_file_is_read_again(tree, cache_dir, parsed):
    load(tree.root, "content", cache_dir)
    tree.edit(HOSO, "title: ", "title: Mới - ")
    parsed.clear()
    loaded = load(tree.root, "content", cache_dir)
    assert parsed == [f"content/{HOSO}"]
    assert loaded == load(tree.root, "content")
    assert next(item for item in loaded.site.initiatives if item.slug == "so-hoa-ho-so").title.startswith("Mới - ")


def test_an_edit_that_keeps_size_and_time_is_seen(tree, cache_dir):
    """The key is the bytes themselves, not the file's size or modification time."""
    load(tree.root, "content", cache_dir)
    path = tree.root / HOSO
    before = path.stat()
    text = tree.read(HOSO)
    title = text.split("title: ", 1)[1].split("\n", 1)[0]
    tree.write(HOSO, text.replace(f"title: {title}", f"title: {title[::-1]}", 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    loaded = load(tree.root, "content", cache_dir)
    assert next(item for item in loaded.site.initiatives if item.slug == "so-hoa-ho-so").title == title[::-1]


def test_reverting_an_edit_gives_the_first_content_back(tree, cache_dir):
    original = load(tree.root, "content", cache_dir)
    text = tree.read(HOSO)
    tree.edit(HOSO, "title: ", "title: Mới - ")
    assert load(tree.root, "content", cache_dir) != original
    tree.write(HOSO, text)
    assert load(tree.root, "content", cache_dir) == original


def test_the_same_bytes_under_another_path_are_read_again(tree, cache_dir):
    """Messages name the file: a cached entry is only for the path it was read under."""
    tree.edit(HOSO, "unit: alpha", "unti: alpha")
    first = load(tree.root, "content", cache_dir)
    assert load(tree.root, "noi-dung", cache_dir).problems == [
        problem.__class__(problem.path.replace("content/", "noi-dung/", 1), problem.line, problem.col,
                          problem.message) for problem in first.problems]


def test_broken_files_report_the_same_problems_from_the_cache(tree, cache_dir, parsed):
    tree.edit(HOSO, "unit: alpha", "unti: alpha")  # unknown field, missing required field
    tree.edit(FLYCAM, "featured: true", "featured: NO")  # not a boolean
    tree.write("initiatives/beta/ban-nhap.yml", b"code: BETA\xf4\n")  # not UTF-8
    tree.write("initiatives/beta/canh-bao-som.yml", "code: &a X\ntitle: *a\n")  # anchors
    tree.edit(NEWS, "\n---\n", "\n---\nGọi 0912 345 678 để biết.\n")  # personal data in a news body
    expected = load(tree.root, "content")
    assert len(expected.problems) >= 6 and expected.site is None
    assert load(tree.root, "content", cache_dir) == expected
    parsed.clear()
    assert load(tree.root, "content", cache_dir) == expected
    assert parsed == []


def test_a_deleted_cache_gives_the_same_result(tree, cache_dir):
    expected = load(tree.root, "content")
    load(tree.root, "content", cache_dir)
    shutil.rmtree(cache_dir)
    assert load(tree.root, "content", cache_dir) == expected


def _store(cache_dir):
    return cache_dir / f"records-{cache.CODE_VERSION}.pickle"


def _truncate(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _flip_a_byte(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x20]) + data[middle + 1:]


class _Explode:
    def __reduce__(self):
        return (pytest.fail, ("the cache unpickled a class it must not",))


def _planted(data: bytes) -> bytes:
    """A well-formed store (right header and checksum) whose pickle names a function to call."""
    payload = pickle.dumps(_Explode())
    return cachefile.framed(cache._MAGIC, payload)


def _planted_entry(data: bytes) -> bytes:
    """A well-formed store whose every entry names a function to call."""
    stored = cache._loads(data[len(cache._MAGIC) + 4:])
    payload = pickle.dumps({key: pickle.dumps(_Explode()) for key in stored})
    return cachefile.framed(cache._MAGIC, payload)


def _misshapen_entries(data: bytes) -> bytes:
    """A well-formed store whose entries are harmless values of the wrong shape."""
    stored = cache._loads(data[len(cache._MAGIC) + 4:])
    shapes = [5, (1, 2), ("a", []), (("a", "", 1), []), ((None, "", 1), []), (None, [1]), ({}, [])]
    payload = pickle.dumps({key: pickle.dumps(shapes[n % len(shapes)]) for n, key in enumerate(stored)})
    return cachefile.framed(cache._MAGIC, payload)


@pytest.mark.parametrize("damage", [_truncate, _flip_a_byte, lambda data: b"", lambda data: b"garbage" * 100,
                                    _planted, _planted_entry, _misshapen_entries],
                         ids=["truncated", "flipped byte", "empty", "garbage", "planted store", "planted entries",
                              "misshapen entries"])
def test_a_damaged_cache_is_ignored_and_rewritten(tree, cache_dir, parsed, damage):
    tree.edit(HOSO, "unit: alpha", "unti: alpha")
    expected = load(tree.root, "content")
    load(tree.root, "content", cache_dir)
    store = _store(cache_dir)
    store.write_bytes(damage(store.read_bytes()))
    parsed.clear()
    assert load(tree.root, "content", cache_dir) == expected
    assert len(parsed) == 12  # everything read again...
    parsed.clear()
    assert load(tree.root, "content", cache_dir) == expected
    assert parsed == []  # ...and the store rewritten


def test_a_change_of_loader_code_reads_everything_again(tree, cache_dir, parsed, monkeypatch):
    expected = load(tree.root, "content", cache_dir)
    monkeypatch.setattr(cache, "CODE_VERSION", "0123456789abcdef")
    parsed.clear()
    assert load(tree.root, "content", cache_dir) == expected
    assert len(parsed) == 12
    assert cache_files(cache_dir) == ["records-0123456789abcdef.pickle"]  # the other version's store is gone


def test_the_store_keeps_only_what_the_last_load_used(tree, cache_dir):
    for n in range(3):
        tree.edit(HOSO, "title: ", f"title: Lần {n} ")
        load(tree.root, "content", cache_dir)
    tree.remove(FLYCAM)
    load(tree.root, "content", cache_dir)
    assert len(cache._loads(_store(cache_dir).read_bytes()[len(cache._MAGIC) + 4:])) == 11


def test_a_load_that_finds_nothing_keeps_the_cache(tree, tmp_path, cache_dir):
    load(tree.root, "content", cache_dir)
    before = _store(cache_dir).read_bytes()
    load(tmp_path / "missing", "content", cache_dir)
    assert _store(cache_dir).read_bytes() == before


def test_a_cache_that_cannot_be_written_only_costs_time(tree, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    assert load(tree.root, "content", blocker) == load(tree.root, "content")


def test_stale_temporary_files_are_removed(tree, cache_dir):
    load(tree.root, "content", cache_dir)
    stale = cache_dir / f".records-{cache.CODE_VERSION}.pickle.1-00.tmp"
    fresh = cache_dir / f".records-{cache.CODE_VERSION}.pickle.2-00.tmp"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"x")
    os.utime(stale, (0, 0))
    tree.edit(HOSO, "title: ", "title: Mới ")  # so the next load saves
    load(tree.root, "content", cache_dir)
    assert not stale.exists() and fresh.exists()  # a fresh one may belong to a build writing right now


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was(tree, enabled):
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        load(tree.root, "content")
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
