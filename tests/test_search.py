"""The site search without a browser: what generator/search.py indexes, the built bundle, the header box, the
search page, and the build failing when the index cannot be made. Browser tests are in tests/browser/."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import re
import stat
from pathlib import Path

import material
import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, build_site
from generator import search, search_index
from generator.content import load
from generator.pages import build_pages, urls
from generator.pages.base import SiteInfo

THEME = ROOT / "theme"
SCRIPTS = THEME / "assets" / "javascripts"


@pytest.fixture(scope="module")
def fixture_site():
    return load(FIXTURES / "basic").site.published(dt.date(2023, 1, 1))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("search") / "site"
    result = build_site(FIXTURES / "basic", out)
    assert result.returncode == 0, result.stderr
    return out


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "lxml")


# --- what is indexed -------------------------------------------------------------------------------------------

def test_words_are_folded_like_the_query():
    """đ is folded with the tone marks, both cases; codes keep their joined form (Pagefind splits them itself)."""
    assert search.folded_words("Điện lực Thủ Đức") == ["dien", "luc", "thu", "duc"]
    assert search.folded_words("DIEN LUC THU DUC") == search.folded_words("điện lực thủ đức")
    assert search.folded_words("Mã EVNHANOI-2022-0153, trạm 220kV; 2,5 tỷ.") == [
        "ma", "evnhanoi-2022-0153", "tram", "220kv", "2,5", "ty"]
    assert search.folded_words("Quản lý – hành chính") == ["quan", "ly", "hanh", "chinh"]


def test_an_initiative_is_indexed_by_its_folded_words_once(fixture_site):
    item = next(item for item in fixture_site.initiatives if item.slug == "ung-dung-flycam")
    (filter_weight, filters), (title_weight, title), (body_weight, body) = search.initiative(fixture_site, item).words
    assert filter_weight == body_weight == 1 and title_weight == search.TITLE_WEIGHT
    assert filters.split() == [search.filter_word(key, value) for key, value in [
        ("loai", "sang-kien"), ("don-vi", "alpha"), ("linh-vuc", "ky-thuat"), ("nam", "2022"), ("cap", "tong-cong-ty")]]
    assert title.split() == sorted(set(search.folded_words(item.title)))
    words = body.split()
    assert words == sorted(set(words)) and not set(words) & set(title.split())
    # unit name, field, code and author are searchable although the article itself is not indexed
    assert {"alpha", "alpha-2022-0001", "nguyen", "an", "ky", "thuat"} <= set(words) | set(title.split())
    assert all(word == word.lower() and "đ" not in word for word in words)


def test_filter_words_are_single_words_of_one_length_that_no_text_has(fixture_site):
    """Pagefind splits words at _ and -, and matches a query word as a prefix: neither may reach a filter word."""
    words = [choice.word for options in search.choices(fixture_site).values() for choice in options]
    assert len(set(words)) == len(words)
    assert all(re.fullmatch(r"f[0-9a-f]{12}", word) for word in words)
    assert search.filter_word("don-vi", "alpha") == search.filter_word("don-vi", "alpha")


def test_sorts_and_metadata_of_an_initiative(fixture_site):
    item = next(item for item in fixture_site.initiatives if item.slug == "ung-dung-flycam")
    record = search.initiative(fixture_site, item)
    assert dict(record.sorts) == {"ngay": "2022-03-10", "lam-loi": "1200000000"}
    assert dict(record.meta) == {
        "title": "Ứng dụng flycam kiểm tra đường dây", "unit": "ALPHA", "authors": "Nguyễn Văn An",
        "summary": item.summary, "date": "10/03/2022", "benefit": "Làm lợi 1,2 tỷ đồng/năm"}


def test_every_initiative_has_both_sort_keys_and_a_word_for_each_filter(fixture_site):
    """A page without a sort key drops out of a sorted list; a value the search page does not offer is unreachable."""
    offered = {choice.word for options in search.choices(fixture_site).values() for choice in options}
    for item in fixture_site.initiatives:
        record = search.initiative(fixture_site, item)
        assert {key for key, _ in record.sorts} == {search.NEWEST, search.BENEFIT}
        assert len(set(record.words[0][1].split()) & offered) == 5, item.slug
    plain = next(item for item in fixture_site.initiatives if item.recognition is None and item.benefit is None)
    record = search.initiative(fixture_site, plain)
    assert search.filter_word("cap", search.NOT_RECOGNISED) in record.words[0][1].split()
    assert dict(record.sorts)["lam-loi"] == "0"


def test_records_cover_exactly_the_initiative_and_news_pages(fixture_site):
    records = search.records(fixture_site)
    pages = {spec.url: spec.template for spec in build_pages(fixture_site, SiteInfo("Hub", "https://x.test/"))}
    assert {url: pages[url] for url in records} == {
        url: template for url, template in pages.items() if template in ("initiative.html", "news_post.html")}
    news = [record for url, record in records.items() if url.startswith(urls.NEWS)]
    assert news and all(record.words[0] == (1, search.filter_word("loai", "tin-tuc")) for record in news)
    assert all(dict(record.meta)["kind"] == "Tin tức" for record in news)


def test_the_scripts_use_the_names_generator_search_gives():
    """search.js and browse.js repeat a few of generator/search.py's names; a rename must reach both."""
    scripts = (SCRIPTS / "search.js").read_text(encoding="utf-8") + (SCRIPTS / "browse.js").read_text(encoding="utf-8")
    assert f'const NEWEST = "{search.NEWEST}"' in scripts and f'const INITIATIVE = "{search.INITIATIVE}"' in scripts
    assert f"form.elements.{search.KIND};" in scripts
    assert 'replace(/đ/g, "d").replace(/Đ/g, "D")' in scripts  # the query is folded as generator/text.fold does


# --- the built site ----------------------------------------------------------------------------------------------

def test_the_bundle_indexes_one_page_per_initiative_and_news_post(built, fixture_site):
    bundle = built / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["vi"]["page_count"] == len(fixture_site.initiatives) + len(fixture_site.news)
    assert (bundle / f"pagefind.{entry['languages']['vi']['hash']}.pf_meta").is_file()
    assert (bundle / "pagefind.js").is_file() and list(bundle.glob("wasm.*.pagefind"))
    assert not list(bundle.glob("pagefind-*ui*")) and not list(bundle.glob("pagefind-*.js"))  # UIs, worker
    assert not (bundle / "filter").exists()  # filters are words, not Pagefind filter files


def test_no_published_page_carries_search_words(built):
    """Pagefind reads generator/search_index.py's documents, so pages carry no hidden words for it."""
    for path in built.rglob("*.html"):
        if "pagefind" not in path.parts:
            assert "data-pagefind" not in path.read_text(encoding="utf-8"), path


def test_the_document_pagefind_reads_is_escaped(fixture_site, tmp_path):
    records = search.records(fixture_site)
    search_index.write_sources(records, tmp_path)
    written = {path.parent.relative_to(tmp_path).as_posix() + "/" for path in tmp_path.rglob("index.html")}
    assert written == set(records)
    raw = (tmp_path / "sang-kien/beta/canh-bao-som/index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(raw, "lxml")
    assert page.html["lang"] == "vi"
    (region,) = page.select("[data-pagefind-body]")
    assert region.find("script") is None and region.find("b") is None and region.find("i") is None
    meta = {span["data-pagefind-meta"].removesuffix("[data-value]"): span["data-value"]
            for span in region.select("[data-pagefind-meta]")}
    assert meta["title"] == "Cảnh báo sớm <script>alert('x')</script> sự cố"  # as text, from an escaped attribute
    assert meta["authors"] == "Đỗ Thị <i>Giang</i>"
    assert "&lt;script&gt;" in raw and "<script>" not in raw
    weights = [(int(part["data-pagefind-weight"]), part.get_text()) for part in region.select("[data-pagefind-weight]")]
    assert weights == list(records["sang-kien/beta/canh-bao-som/"].words)


def test_every_page_has_the_search_box_in_its_header(built):
    for path in built.rglob("index.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        form = page.select_one("header.md-header form.sk-search[role=search]")
        assert form is not None, path
        target = (path.parent / form["action"]).resolve()
        assert target == (built / "tim-kiem").resolve(), path
        assert (path.parent / form["data-bundle"] / "pagefind.js").resolve().is_file()
        box = form.select_one("input[name=q]")
        assert page.select_one(f"label[for={box['id']}]").get_text(strip=True) == "Tìm kiếm sáng kiến và tin tức"
        assert page.select_one(".md-search") is None  # Material's own search is off


def test_the_header_is_materials_with_only_the_search_box_changed():
    """theme/partials/header.html copies Material's; this fails when an update of Material changes the original."""
    original = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text(encoding="utf-8")
    ours = (THEME / "partials" / "header.html").read_text(encoding="utf-8")
    strip = re.compile(r"\{#-.*?-#\}\n", re.S)
    block = re.compile(r'    \{% if "material/search" in config\.plugins %\}.*?'
                       r'    \{% endif %\}\n    \{% endif %\}\n', re.S)
    expected = block.sub('    {% include "partials/sk_search.html" %}\n', strip.sub("", original), count=1)
    assert strip.sub("", ours) == expected


def test_no_page_loads_pagefind_before_the_search_is_used(built):
    for path in built.rglob("*.html"):
        assert "pagefind.js" not in path.read_text(encoding="utf-8"), path  # imported on first use, by search.js


def test_the_search_page(built, fixture_site):
    page = soup(built, "tim-kiem")
    body = page.select_one("article.md-content__inner")
    assert body.h1.get_text(strip=True) == "Tìm kiếm sáng kiến"
    nojs = body.select_one(".sk-browse__nojs")
    assert not nojs.has_attr("hidden") and body.select_one("form.sk-browse__form").has_attr("hidden")
    assert {a["href"] for a in nojs.select("a")} == {"../sang-kien/", "../don-vi/", "../linh-vuc/", "../tin-tuc/"}
    options = {select["name"]: [option["value"] for option in select.select("option")]
               for select in body.select("select")}
    assert options == {
        "loai": ["sang-kien", "tin-tuc"],
        "don-vi": ["", "alpha", "beta", "gamma"],
        "linh-vuc": ["", *(field.id for field in fixture_site.campaign.fields)],
        "nam": ["", "2022"],
        "cap": ["", "don-vi", "tong-cong-ty", "evn", "quoc-gia", "chua-cong-nhan"],
        "sap-xep": ["", "ngay", "lam-loi"],
    }
    for select in body.select("select:not([name=sap-xep])"):
        for option in select.select("option[value]:not([value=''])"):
            assert option["data-word"] == search.filter_word(select["name"], option["value"])
    labels = [label.get_text(strip=True) for label in body.select("label")]
    assert labels == ["Từ khoá", "Loại", "Đơn vị", "Lĩnh vực", "Năm đăng ký", "Cấp công nhận", "Sắp xếp"]
    assert page.select_one('script[type=module][src$="assets/javascripts/browse.js"]') is not None


# --- failing builds ----------------------------------------------------------------------------------------------

def test_the_build_fails_in_vietnamese_without_pagefind(tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "khong-co" / "pagefind"))
    result = build_site(FIXTURES / "basic", tmp_path / "site")
    assert result.returncode != 0
    assert "Không tạo được chỉ mục tìm kiếm; trang web chưa dùng được." in result.stderr
    assert "Không tìm thấy chương trình Pagefind" in result.stderr and "PAGEFIND_BINARY_PATH" in result.stderr


def test_the_build_fails_when_pagefind_fails(tmp_path, monkeypatch):
    program = tmp_path / "pagefind"
    program.write_text("#!/bin/sh\necho 'Error: disk full' >&2\nexit 3\n", encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(program))
    result = build_site(FIXTURES / "basic", tmp_path / "site")
    assert result.returncode != 0
    assert "Pagefind dừng với mã 3 khi tạo chỉ mục tìm kiếm" in result.stderr and "disk full" in result.stderr


def test_a_site_with_nothing_to_find_has_no_index(tmp_path):
    assert search_index.build_index(tmp_path, {}, str(tmp_path / "not-run")) == search_index.IndexReport(0, 0.0)
    assert not (tmp_path / "pagefind").exists()


def test_an_index_missing_pages_is_an_error(tmp_path):
    """Pages Pagefind did not index would silently vanish from the search."""
    (tmp_path / "bin").mkdir()
    program = tmp_path / "bin" / "pagefind"
    # called as: pagefind --site . --output-path BUNDLE --quiet
    program.write_text("#!/bin/sh\nmkdir -p \"$4\" && touch \"$4/pagefind.js\" && "
                       "echo '{\"languages\": {\"vi\": {\"page_count\": 2}}}' > \"$4/pagefind-entry.json\"\n",
                       encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    record = search.Indexed(sorts=(), meta=(("title", "Một"),), words=((1, "mot"),))
    records = {f"sang-kien/a/{number}/": record for number in range(3)}
    with pytest.raises(search_index.SearchIndexError, match="Chỉ mục tìm kiếm có 2 trang, cần 3"):
        search_index.build_index(tmp_path / "site", records, str(program))


# --- the same bytes every build -----------------------------------------------------------------------------------

def test_the_metadata_file_is_read_back_byte_for_byte(built):
    """The rewrite of Pagefind's metadata file relies on reading and writing its CBOR exactly as Pagefind does."""
    (path,) = (built / "pagefind").glob("pagefind.*.pf_meta")
    data = gzip.decompress(path.read_bytes())
    meta, end = search_index._cbor_decode(data, 12)
    assert data[:12] == b"pagefind_dcd" and end == len(data)
    assert search_index._cbor_encode(meta) == data[12:]
    assert [sort[0] for sort in meta[4]] == ["lam-loi", "ngay"]  # in key order, whatever order Pagefind chose
    assert path.name == f"pagefind.vi_{hashlib.sha256(data).hexdigest()[:10]}.pf_meta"


def test_sorts_written_in_any_order_come_out_in_key_order(tmp_path):
    """Pagefind 1.5.2 writes the sorts in the order of a Rust hash map, which changes from run to run."""
    bundle = tmp_path / "pagefind"
    bundle.mkdir()
    written = []
    for sorts in ([["ngay", [2, 0, 1]], ["lam-loi", [1, 2, 0]]], [["lam-loi", [1, 2, 0]], ["ngay", [2, 0, 1]]]):
        meta = ["1.5.2", [["vi_0000001", 12], ["vi_0000002", -3]], [["a", "z", "vi_1"]], [], sorts, ["title"]]
        (bundle / "pagefind.vi_original.pf_meta").write_bytes(
            gzip.compress(b"pagefind_dcd" + search_index._cbor_encode(meta)))
        entry = {"version": "1.5.2", "languages": {"vi": {"hash": "vi_original", "wasm": None, "page_count": 2}}}
        search_index._sort_metadata(bundle, entry)
        (path,) = bundle.glob("*.pf_meta")
        assert json.loads((bundle / "pagefind-entry.json").read_text())["languages"]["vi"]["hash"] == entry[
            "languages"]["vi"]["hash"] == path.name.split(".")[1]
        written.append(path.read_bytes())
        path.unlink()
    assert written[0] == written[1]
    meta, _ = search_index._cbor_decode(gzip.decompress(written[0]), 12)
    assert meta[4] == [["lam-loi", [1, 2, 0]], ["ngay", [2, 0, 1]]] and meta[1][1] == ["vi_0000002", -3]


def test_a_metadata_file_it_cannot_read_is_left_alone(tmp_path):
    bundle = tmp_path / "pagefind"
    bundle.mkdir()
    odd = gzip.compress(b"pagefind_dcd" + bytes([0xFB]) + b"\x00" * 8)  # a float: not a form it writes back
    (bundle / "pagefind.vi_x.pf_meta").write_bytes(odd)
    search_index._sort_metadata(bundle, {"languages": {"vi": {"hash": "vi_x"}}})
    assert (bundle / "pagefind.vi_x.pf_meta").read_bytes() == odd
