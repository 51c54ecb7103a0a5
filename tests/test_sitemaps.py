"""generator/sitemaps.py: past the protocol's limit, sitemap.xml becomes an index of several files."""

from __future__ import annotations

from xml.etree import ElementTree

from markupsafe import Markup

from generator import sitemaps

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'


def sitemap(count: int) -> str:
    entries = "".join(f"\n  <url><loc>https://x.test/p{number}/</loc><lastmod>2023-0{1 + number % 9}-01</lastmod></url>"
                      for number in range(count))
    return f"{HEAD}{entries}\n</urlset>"


def test_within_the_limit_nothing_changes():
    assert sitemaps.split(sitemap(3), "https://x.test/", limit=3) is None


def test_past_the_limit_the_files_keep_every_address_in_order_and_the_index_lists_them():
    files = sitemaps.split(sitemap(5), "https://x.test/", limit=2)
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    addresses = [loc.text for name in ("sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml")
                 for loc in ElementTree.fromstring(files[name]).findall("s:url/s:loc", NS)]
    assert addresses == [f"https://x.test/p{number}/" for number in range(5)]
    assert [len(ElementTree.fromstring(files[name]).findall("s:url", NS)) for name in
            ("sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml")] == [2, 2, 1]
    index = ElementTree.fromstring(files["sitemap.xml"])
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert [(entry.findtext("s:loc", namespaces=NS), entry.findtext("s:lastmod", namespaces=NS))
            for entry in index.findall("s:sitemap", NS)] == [
        ("https://x.test/sitemap-1.xml", "2023-02-01"), ("https://x.test/sitemap-2.xml", "2023-04-01"),
        ("https://x.test/sitemap-3.xml", "2023-05-01")]


def test_the_url_elements_are_sorted_by_address_and_escaped():
    entries = [("https://x.test/b/", "2023-01-02"), ("https://x.test/a/?x=1&y=<2>", "2022-11-15")]
    assert sitemaps.url_elements(entries) == (
        "\n  <url><loc>https://x.test/a/?x=1&amp;y=&lt;2&gt;</loc><lastmod>2022-11-15</lastmod></url>"
        "\n  <url><loc>https://x.test/b/</loc><lastmod>2023-01-02</lastmod></url>")
    ElementTree.fromstring(f"{HEAD}{sitemaps.url_elements(entries)}\n</urlset>")  # well formed


def test_the_url_elements_are_kept_under_a_digest_of_the_entries_and_taken_back_only_for_the_same(
        tmp_path, monkeypatch):
    folder = tmp_path / "sitemap"
    entries = [("https://x.test/b/", "2023-01-02"), ("https://x.test/a/?x=1&y=<2>", "2022-11-15")]
    made = sitemaps.url_elements(entries, folder)
    assert made == sitemaps.url_elements(entries) and isinstance(made, Markup)
    calls = []
    real = sitemaps._url_elements
    monkeypatch.setattr(sitemaps, "_url_elements", lambda given: calls.append(given) or real(given))
    again = sitemaps.url_elements(iter(entries), folder)
    assert again == made and isinstance(again, Markup) and calls == []  # read back
    dated = [entries[0], ("https://x.test/a/?x=1&y=<2>", "2022-11-16")]
    assert sitemaps.url_elements(dated, folder) == sitemaps.url_elements(dated) and calls == [dated, dated]
    assert len(list(folder.iterdir())) == 1  # the last entries' only
    # a damaged file is a miss: made again
    [kept] = folder.iterdir()
    kept.write_bytes(kept.read_bytes()[:-3] + b"xyz")
    assert sitemaps.url_elements(dated, folder) == sitemaps.url_elements(dated) and len(calls) == 4


def test_the_index_escapes_the_site_address_as_the_entries_are():
    files = sitemaps.split(sitemap(3), "https://x.test/a&b'<c>/", limit=2)
    assert "<loc>https://x.test/a&amp;b&#39;&lt;c&gt;/sitemap-1.xml</loc>" in files["sitemap.xml"]
    assert [loc.text for loc in ElementTree.fromstring(files["sitemap.xml"]).findall("s:sitemap/s:loc", NS)] == [
        "https://x.test/a&b'<c>/sitemap-1.xml", "https://x.test/a&b'<c>/sitemap-2.xml"]


def test_the_gzipped_sitemap_is_kept_under_its_digest_and_taken_back_only_for_the_same_bytes(tmp_path, monkeypatch):
    import gzip

    folder = tmp_path / "sitemap"
    one, two = sitemap(40).encode(), sitemap(41).encode()
    first = sitemaps.gzipped(one, folder)
    assert gzip.decompress(first) == one and first[4:8] == b"\0\0\0\0"
    [kept] = folder.iterdir()

    calls = []
    real = sitemaps.gzip_ng.compress
    monkeypatch.setattr(sitemaps.gzip_ng, "compress", lambda data, **options: calls.append(1) or real(data, **options))
    assert sitemaps.gzipped(one, folder) == first and calls == []  # taken back, not compressed
    second = sitemaps.gzipped(two, folder)  # other bytes: compressed, and the only file kept
    assert gzip.decompress(second) == two and calls == [1]
    assert [path.name for path in folder.iterdir()] != [kept.name] and len(list(folder.iterdir())) == 1

    # a damaged file is a miss: compressed again, the right bytes
    [entry] = folder.iterdir()
    entry.write_bytes(entry.read_bytes()[:-3] + b"xyz")
    assert sitemaps.gzipped(two, folder) == second and calls == [1, 1]


def test_the_gzipped_sitemap_is_made_where_no_cache_can_be_written(tmp_path):
    import gzip

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    data = sitemap(3).encode()
    assert gzip.decompress(sitemaps.gzipped(data, blocker / "sitemap")) == data
