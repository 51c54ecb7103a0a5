"""The page cache (generator/pagecache.py) on its own: what it puts in the site and when it makes a page again."""

from __future__ import annotations

from generator.pagecache import PageCache

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
