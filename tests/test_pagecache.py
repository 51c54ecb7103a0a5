"""The page cache (generator/pagecache.py) on its own: what it puts in the site and when it makes a page again."""

from __future__ import annotations

import os
import shutil
import stat

import pytest

from generator import pagecache
from generator.pagecache import STAMPS, STAMPS_KEPT, PageCache

PAGE = "<p>Sáng kiến mẫu</p>"


def test_a_page_is_made_once_then_linked_from_the_cache(tmp_path):
    made = []

    def make() -> str:
        made.append(1)
        return PAGE

    cache = PageCache(tmp_path / "cache", "fingerprint")
    key = cache.key(b"definition", b"shell")
    assert cache.place(key, tmp_path / "one" / "index.html", make) is False
    later = PageCache(tmp_path / "cache", "fingerprint")  # the next build reads what is stored
    assert later.place(key, tmp_path / "two" / "index.html", make) is True
    assert len(made) == 1
    assert (tmp_path / "two" / "index.html").read_text(encoding="utf-8") == PAGE
    assert (tmp_path / "one" / "index.html").stat().st_ino == (tmp_path / "two" / "index.html").stat().st_ino


def test_keys_differ_with_the_definition_the_shell_and_the_fingerprint(tmp_path):
    cache, other = PageCache(tmp_path, "fingerprint"), PageCache(tmp_path, "other fingerprint")
    keys = {cache.key(b"definition", b"shell"), cache.key(b"definition 2", b"shell"),
            cache.key(b"definition", b"shell 2"), other.key(b"definition", b"shell")}
    assert len(keys) == 4


def test_a_cache_that_cannot_be_written_still_gives_the_page(tmp_path):
    (tmp_path / "cache").write_text("a file where the folder should be", encoding="utf-8")
    cache = PageCache(tmp_path / "cache", "fingerprint")
    target = tmp_path / "site" / "index.html"
    target.parent.mkdir()
    target.write_text("an older page", encoding="utf-8")
    assert cache.place(cache.key(b"definition", b"shell"), target, lambda: PAGE) is False
    assert target.read_text(encoding="utf-8") == PAGE


def _cached_page(tmp_path):
    """A page stored in the cache, and the site file linked to it by a first build."""
    cache = PageCache(tmp_path / "cache", "fingerprint")
    key = cache.key(b"definition", b"shell")
    first = tmp_path / "first" / "index.html"
    cache.place(key, first, lambda: PAGE)
    cache.finish()
    return key, first


def test_a_page_placed_over_a_file_replaces_it_and_leaves_the_cache_as_it_was(tmp_path):
    key, first = _cached_page(tmp_path)
    target = tmp_path / "site" / "index.html"
    target.parent.mkdir()
    target.write_text("an older page", encoding="utf-8")
    older = PageCache(tmp_path / "cache", "fingerprint")
    assert older.place(key, target, lambda: "made again") is True
    assert target.read_text(encoding="utf-8") == PAGE
    assert target.stat().st_ino == first.stat().st_ino  # linked to the stored page, as the first build's file
    assert first.read_text(encoding="utf-8") == PAGE


def test_without_links_the_page_is_copied_never_written_through_an_older_link(tmp_path, monkeypatch):
    key, first = _cached_page(tmp_path)
    cache = PageCache(tmp_path / "cache", "fingerprint")
    older = tmp_path / "older" / "index.html"
    cache.place(cache.key(b"older definition", b"shell"), older, lambda: "an older page")
    target = tmp_path / "site" / "index.html"
    target.parent.mkdir()
    target.hardlink_to(older)  # the site file of an earlier build: another of the cache's own files

    def no_links(source, target):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr("generator.pagecache.os.link", no_links)
    assert PageCache(tmp_path / "cache", "fingerprint").place(key, target, lambda: "made again") is True
    assert target.read_text(encoding="utf-8") == PAGE
    assert target.stat().st_ino not in (first.stat().st_ino, older.stat().st_ino)  # a copy of its own
    assert first.read_text(encoding="utf-8") == PAGE
    assert older.read_text(encoding="utf-8") == "an older page"


def test_the_previous_build_s_link_to_the_stored_page_is_kept(tmp_path):
    key, first = _cached_page(tmp_path)
    inode = first.stat().st_ino
    assert PageCache(tmp_path / "cache", "fingerprint").place(key, first, lambda: "made again") is True
    assert first.stat().st_ino == inode
    assert first.read_text(encoding="utf-8") == PAGE


def test_a_stored_page_changed_through_the_site_is_made_again(tmp_path):
    key, first = _cached_page(tmp_path)
    with open(first, "r+", encoding="utf-8") as through_the_link:  # what a tool editing the site in place does
        through_the_link.write("<p>X")
    target = tmp_path / "site" / "index.html"
    assert PageCache(tmp_path / "cache", "fingerprint").place(key, target, lambda: PAGE) is False
    assert target.read_text(encoding="utf-8") == PAGE
    assert target.stat().st_ino != first.stat().st_ino  # the damaged file is not linked again


def _reading_forbidden(monkeypatch):
    """Any file opened by the page cache from now on fails the test."""
    def no_reading(*args, **kwargs):
        raise AssertionError(f"read: {args[0]}")

    monkeypatch.setattr("generator.pagecache.open", no_reading, raising=False)


def test_a_stored_page_as_the_cache_left_it_is_used_without_being_read(tmp_path, monkeypatch):
    key, first = _cached_page(tmp_path)
    cache = PageCache(tmp_path / "cache", "fingerprint")
    _reading_forbidden(monkeypatch)
    before = first.stat()
    assert cache.place(key, tmp_path / "site" / "index.html", lambda: "made again") is True
    assert first.stat().st_mtime_ns == before.st_mtime_ns  # not stamped: the pruning keeps it by its key


def test_a_stored_page_whose_time_changed_is_read_checked_and_trusted_by_the_next_build(tmp_path, monkeypatch):
    key, first = _cached_page(tmp_path)
    os.utime(first, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))  # touched, bytes unchanged
    cache = PageCache(tmp_path / "cache", "fingerprint")
    opened = []
    monkeypatch.setattr("generator.pagecache.open", lambda *args: opened.append(args[0]) or open(*args),
                        raising=False)
    assert cache.place(key, tmp_path / "site" / "index.html", lambda: "made again") is True
    assert len(opened) == 1 and opened[0].endswith(".html")
    cache.finish()
    _reading_forbidden(monkeypatch)  # the next build trusts it again
    assert PageCache(tmp_path / "cache", "fingerprint").place(key, tmp_path / "later" / "index.html",
                                                             lambda: "made again") is True


def test_a_stored_page_of_another_size_is_made_again_even_with_the_cache_s_time(tmp_path):
    key, first = _cached_page(tmp_path)
    stamp = first.stat().st_mtime_ns
    first.write_text(PAGE + " ", encoding="utf-8")  # through the link ...
    os.utime(first, ns=(stamp, stamp))  # ... with its time put back, as a copy that keeps times does
    target = tmp_path / "site" / "index.html"
    assert PageCache(tmp_path / "cache", "fingerprint").place(key, target, lambda: PAGE) is False
    assert target.read_text(encoding="utf-8") == PAGE


def test_without_the_list_of_stamps_every_stored_page_is_read_and_checked(tmp_path, monkeypatch):
    key, first = _cached_page(tmp_path)
    (tmp_path / "cache" / STAMPS).unlink()
    with open(first, "r+", encoding="utf-8") as through_the_link:
        through_the_link.write("<p>X")
    stamp = PageCache(tmp_path / "cache", "fingerprint").stamp
    os.utime(first, ns=(stamp, stamp))  # even a time the list would have held
    (tmp_path / "cache" / STAMPS).unlink()
    target = tmp_path / "site" / "index.html"
    assert PageCache(tmp_path / "cache", "fingerprint").place(key, target, lambda: PAGE) is False
    assert target.read_text(encoding="utf-8") == PAGE


def test_the_list_keeps_the_newest_stamps_and_the_last_build_that_finished(tmp_path):
    finished = PageCache(tmp_path, "fingerprint")
    finished.finish()
    caches = [PageCache(tmp_path, "fingerprint") for _ in range(STAMPS_KEPT + 2)]  # stopped, or still running
    lines = (tmp_path / STAMPS).read_text(encoding="ascii").splitlines()
    listed = dict(map(int, line.split()) for line in lines)
    assert sorted(listed) == [finished.stamp] + sorted(cache.stamp for cache in caches)[-STAMPS_KEPT:]
    assert listed[finished.stamp] >= finished.stamp and all(listed[cache.stamp] == 0 for cache in caches[-2:])


def test_a_stored_page_of_a_build_that_did_not_finish_is_read_and_checked(tmp_path, monkeypatch):
    cache = PageCache(tmp_path / "cache", "fingerprint")
    key = cache.key(b"definition", b"shell")
    cache.place(key, tmp_path / "first" / "index.html", lambda: PAGE)  # stopped before its end: no finish()
    opened = []
    monkeypatch.setattr("generator.pagecache.open", lambda *args: opened.append(args[0]) or open(*args),
                        raising=False)
    assert PageCache(tmp_path / "cache", "fingerprint").place(key, tmp_path / "site" / "index.html",
                                                             lambda: "made again") is True
    assert len(opened) == 1


def test_a_page_written_through_its_link_with_size_and_time_kept_is_made_again(tmp_path):
    """`cp -p` of an older build's page over the site's: it writes into the cache's file, which the site's page
    is a link to, and sets its time back to the stamp it had; only the change time tells."""
    key, first = _cached_page(tmp_path)
    kept = first.stat()
    with open(first, "r+", encoding="utf-8") as through_the_link:
        through_the_link.write("<p>X")  # as many bytes as before
    os.utime(first, ns=(kept.st_atime_ns, kept.st_mtime_ns))
    assert first.stat().st_size == kept.st_size and first.stat().st_mtime_ns == kept.st_mtime_ns
    target = tmp_path / "site" / "index.html"
    assert PageCache(tmp_path / "cache", "fingerprint").place(key, target, lambda: PAGE) is False
    assert target.read_text(encoding="utf-8") == PAGE


def test_a_page_whose_old_links_were_deleted_is_read_checked_and_trusted_again(tmp_path, monkeypatch):
    key, first = _cached_page(tmp_path)
    cache = PageCache(tmp_path / "cache", "fingerprint")
    assert cache.place(key, tmp_path / "second" / "index.html", lambda: "made again") is True
    cache.finish()
    shutil.rmtree(tmp_path / "first")  # an earlier build's folder deleted: the entry lost a link
    opened = []
    monkeypatch.setattr("generator.pagecache.open", lambda *args: opened.append(args[0]) or open(*args),
                        raising=False)
    later = PageCache(tmp_path / "cache", "fingerprint")
    assert later.place(key, tmp_path / "third" / "index.html", lambda: "made again") is True
    assert len(opened) == 1
    later.finish()
    _reading_forbidden(monkeypatch)
    assert PageCache(tmp_path / "cache", "fingerprint").place(key, tmp_path / "fourth" / "index.html",
                                                             lambda: "made again") is True


@pytest.mark.parametrize("line", ["9" * 4301, "12 34 56", "-5 3", "x", "²"])
def test_a_damaged_line_of_the_list_of_stamps_is_skipped(tmp_path, line):
    """A line of 4,301 digits made the build fail (Python's limit on converting long numbers)."""
    (tmp_path / STAMPS).write_text(f"7 9\n{line}\n11 0\n", encoding="utf-8")
    assert pagecache._read_stamps(tmp_path) == {7: 9, 11: 0}
    cache = PageCache(tmp_path, "fingerprint")
    assert pagecache._read_stamps(tmp_path) == {7: 9, 11: 0, cache.stamp: 0}


def test_a_linked_page_gets_the_mode_a_new_file_gets_whatever_a_chmod_of_the_site_did(tmp_path):
    key, first = _cached_page(tmp_path)
    first.chmod(0o600)  # `chmod -R go-rwx` of the first build's folder: the cache's file too
    target = tmp_path / "site" / "index.html"
    assert PageCache(tmp_path / "cache", "fingerprint").place(key, target, lambda: "made again") is True
    assert stat.S_IMODE(target.stat().st_mode) == pagecache.FILE_MODE == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_stored_page_removed_after_it_was_found_is_made(tmp_path, monkeypatch):
    """Another build's pruning, or the cache deleted, between finding an entry and linking it."""
    key, first = _cached_page(tmp_path)
    cache = PageCache(tmp_path / "cache", "fingerprint")
    found = cache._found

    def found_then_removed(key):
        entry = found(key)
        shutil.rmtree(tmp_path / "cache")
        return entry

    monkeypatch.setattr(cache, "_found", found_then_removed)
    target = tmp_path / "site" / "index.html"
    assert cache.place(key, target, lambda: PAGE) is False
    assert target.read_text(encoding="utf-8") == PAGE


def test_the_page_cache_prunes_what_it_listed_when_opened_and_the_build_did_not_use(tmp_path):
    """PageCache.prune: as pagecache.prune, from the listing made when the cache was opened (a survey's): the
    entries of keys the build did not place, and every other file, when modified before the build began."""
    folder = tmp_path / "pages"
    hour_ago = 1_600_000_000
    names = ("ab/ab12.c.4.html", "ab/ab34.c.4.html", "cd/cd56.c.4.html", "ef/ef78.c.4.html",
             "ab/.ab99.c.4.html.123.tmp", "cd/ab77.c.4.html", "cd/notes.txt", "left-over.txt")
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("page", encoding="utf-8")
        if not name.startswith("ef/"):
            os.utime(folder / name, (hour_ago, hour_ago))
    cache = PageCache(folder, "fingerprint")  # writes its stamps: new
    (folder / "ab" / "ab56.c.4.html").write_text("page", encoding="utf-8")  # added since, by another build
    os.utime(folder / "ab" / "ab56.c.4.html", (hour_ago, hour_ago))

    assert cache.prune(hour_ago + 60, {"ab12", "cd56.c"}) == 6
    assert sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.*")) == [
        "ab/ab12.c.4.html", "ab/ab56.c.4.html", "ef/ef78.c.4.html"]
    assert sorted(path.name for path in folder.iterdir() if path.is_file()) == ["stamps"]


def test_pruning_removes_what_the_build_neither_wrote_nor_used(tmp_path):
    """A file modified before the build began goes unless it is named in ``keep`` or is the entry of a key the
    build placed (``keys``: its name begins with the key); a file modified since stays."""
    folder = tmp_path / "pages"
    hour_ago = 1_600_000_000
    for name in ("ab/ab12.c.4.html", "ab/ab34.c.4.html", "cd/cd56.c.4.html", "cd/card.png", "ef/ef78.c.4.html"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("page", encoding="utf-8")
        if not name.startswith("ef/"):
            os.utime(folder / name, (hour_ago, hour_ago))
    since = hour_ago + 60

    assert pagecache.prune(folder, since, keep={"card.png"}, keys={"ab12", "ab1", "cd56.c"}) == 2
    assert sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.*")) == [
        "ab/ab12.c.4.html", "cd/card.png", "ef/ef78.c.4.html"]
