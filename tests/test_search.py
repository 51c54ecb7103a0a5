"""The site search without a browser: what generator/search.py indexes, the index generator/search_index.py
writes, the header box and the search page. Browser tests are in tests/browser/."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import pickle
import random
import re
from pathlib import Path

import material
import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, build_site
from generator import cachefile, search, search_cache, search_index
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
    """đ is folded with the tone marks, both cases; codes keep their joined form."""
    assert search.folded_words("Điện lực Thủ Đức") == ["dien", "luc", "thu", "duc"]
    assert search.folded_words("DIEN LUC THU DUC") == search.folded_words("điện lực thủ đức")
    assert search.folded_words("Mã EVNHANOI-2022-0153, trạm 220kV; 2,5 tỷ.") == [
        "ma", "evnhanoi-2022-0153", "tram", "220kv", "2,5", "ty"]
    assert search.folded_words("Quản lý – hành chính") == ["quan", "ly", "hanh", "chinh"]


@pytest.mark.parametrize("text", [
    "Điện lực Thủ Đức", "Mã EVNHANOI-2022-0153, trạm 220kV; 2,5 tỷ.", "Quản lý – hành chính",
    "ΟΔΟΣ ΟΔΟΣ.", "\u0301a ba\u0301", "a\u00a0b\u2028c\td\ne", "x-\ny 2,\n5 - - ,a.", "İstanbul ĐẬP Đà",
    "cùng cùng\ncùng, cùng.",
])
def test_a_text_s_words_are_found_token_by_token_as_in_the_whole_text(text):
    """search.word_set works token by token (and remembers each token's words); the same set as matching the
    whole text, whatever the spaces, marks and cases around the tokens."""
    assert search.word_set(text) == set(search.folded_words(text))
    assert search.word_set(text) == set(search.folded_words(text))  # the second time, from what it remembered


def test_an_initiative_is_indexed_by_its_folded_words_once(fixture_site):
    item = next(item for item in fixture_site.initiatives if item.slug == "ung-dung-flycam")
    (filter_weight, filters), (title_weight, title), (body_weight, body), (code_weight, code) = search.initiative(
        fixture_site, item).words
    assert code_weight == search.CODE and code == "alpha-2022-0001"  # indexed apart: found whole only
    assert filter_weight == body_weight == 1 and title_weight == search.TITLE_WEIGHT
    assert filters.split() == [search.filter_word(key, value) for key, value in [
        ("loai", "sang-kien"), ("don-vi", "alpha"), ("linh-vuc", "ky-thuat"), ("nam", "2022"), ("cap", "tong-cong-ty")]]
    unit = fixture_site.unit_by_id(item.unit)
    # the unit's names weigh as the title does: a query of a unit's name finds its initiatives first
    assert title.split() == sorted(set(search.folded_words(f"{item.title} {unit.name} {unit.short_name}")))
    assert {"ung", "dung", "flycam", "alpha"} <= set(title.split())
    words = body.split()
    assert words == sorted(set(words)) and not set(words) & set(title.split())
    # field and author are searchable although the article itself is not indexed
    assert {"nguyen", "an", "ky", "thuat"} <= set(words) and "alpha-2022-0001" not in words
    assert all(word == word.lower() and "đ" not in word for word in words)


def test_filter_words_are_single_words_of_one_length_that_no_text_has(fixture_site):
    """The search matches a query word as the beginning of a word: no filter word may begin another."""
    words = [choice.word for options in search.choices(fixture_site).values() for choice in options
             if choice.value != search.ANY_KIND]  # both kinds: no word asked for
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

def test_the_index_holds_every_initiative_and_news_post_newest_first(built, fixture_site):
    folder = built / urls.SEARCH_INDEX
    table = json.loads((folder / "muc-luc.json").read_text(encoding="utf-8"))
    records = search.records(fixture_site)
    assert table["pages"] == len(records) == len(fixture_site.initiatives) + len(fixture_site.news)
    result_files = [f"trang/{number}.{table['page_files'][number // table['files_per_hash']]}.json"
                    for number in range(-(-table["pages"] // table["pages_per_file"]))]
    named = {"muc-luc.json"} | {f"tu/{search_index.file_name(key)}.{digest}.json"
                                 for key, digest in table["words"].items()} | set(result_files) | {
        f"xep/{key}/{name}.{digest}.json" for key, files in table["sorts"].items()
        for name, digest in [*enumerate(files["parts"]), ("cuoi", files["least"]), ("thieu", files["missing"])]} | {
        f"ma/{search_index.file_name(key)}.{digest}.json" for key, digest in table["codes"].items()}
    assert {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()} == named
    codes = [code for key, digest in table["codes"].items()
             for code, *_ in json.loads((folder / f"ma/{search_index.file_name(key)}.{digest}.json").read_bytes())]
    assert sorted(codes) == sorted(item.code.lower() for item in fixture_site.initiatives)
    shown = [entry for path in result_files for entry in json.loads((folder / path).read_text(encoding="utf-8"))]
    assert [url for url, _ in shown] == sorted(sorted(records), key=lambda url: dict(records[url].sorts)["ngay"],
                                                reverse=True)
    assert all(meta == dict(records[url].meta) for url, meta in shown)
    for key, digest in table["words"].items():  # every file holds its own words, each page once
        name = search_index.file_name(key)
        for word, title, other in json.loads((folder / f"tu/{name}.{digest}.json").read_text(encoding="utf-8")):
            assert word.startswith(key) and min(title + other) >= 0


def test_no_published_page_carries_search_words(built):
    """The index is written from generator/search.py's records, so pages carry no hidden words for it."""
    for path in built.rglob("*.html"):
        assert "data-pagefind" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("prefix, name", [("di", "di"), ("d", "d"), ("22", "22"), ("2,", "2_2c_"),
                                          ("evn", "evn"), ("中文", "_4e2d__6587_"), ("ña", "_f1_a")])
def test_a_word_file_is_named_by_its_words_beginning(prefix, name):
    assert search_index.file_name(prefix) == name


def test_a_beginning_with_many_words_is_split_by_the_next_character(monkeypatch):
    monkeypatch.setattr(search_index, "WORD_FILE_BYTES", 45)
    words = ["do", "dien", "dieu", "dinh", "d", "ev", "evnhcmc-1", "evnhcmc-2", "evnspc-1", "tram"]
    entries = {word: f'["{word}",[],[0]]'.encode() for word in words}
    files = search_index._prefixes(entries)
    assert {prefix: sorted(held) for prefix, held in files.items()} == {
        "d": ["d"], "do": ["do"], "die": ["dien", "dieu"], "din": ["dinh"],  # "di" (4 words) was split
        "ev": ["ev"], "evnh": ["evnhcmc-1", "evnhcmc-2"], "evns": ["evnspc-1"],  # "evn" once more
        "tr": ["tram"]}


def test_words_are_found_in_the_files_named_for_their_beginning(monkeypatch, fixture_site):
    monkeypatch.setattr(search_index, "WORD_FILE_BYTES", 200)
    files = search_index.build(search.records(fixture_site))
    table = json.loads(files["chi-muc/muc-luc.json"])
    assert len(table["words"]) > 20
    for prefix, digest in table["words"].items():
        for word, *_ in json.loads(files[f"chi-muc/tu/{search_index.file_name(prefix)}.{digest}.json"]):
            holders = [other for other in table["words"] if word.startswith(other) and len(other) >= min(2, len(word))]
            assert word.startswith(prefix) and holders and max(holders, key=len) == prefix, (word, holders)


def record(date: str, title: str, other: str, benefit: str | None = None, code: str = "") -> search.Indexed:
    sorts = (("ngay", date),) + ((("lam-loi", benefit),) if benefit is not None else ())
    words = ((1, "f0"), (7, title), (1, other)) + (((search.CODE, code),) if code else ())
    return search.Indexed(sorts=sorts, meta=(("title", title),), words=words)


def checked(files: dict[str, bytes], path: str, digest: str):
    """The JSON of the index file at ``path`` + ``.digest.json``, named for its bytes."""
    data = files[f"{path}.{digest}.json"]
    assert digest == hashlib.sha256(data).hexdigest()[:10]
    return json.loads(data)


def sorted_by(files: dict[str, bytes], key: str) -> dict:
    """A sort key's files, as read: its parts, the pages of its least value and those without it (page numbers)."""
    table = json.loads(files["chi-muc/muc-luc.json"])["sorts"][key]
    folder = f"chi-muc/xep/{key}"
    return {"parts": [checked(files, f"{folder}/{number}", digest) for number, digest in enumerate(table["parts"])],
            "least": list(itertools.accumulate(checked(files, f"{folder}/cuoi", table["least"]))),
            "missing": list(itertools.accumulate(checked(files, f"{folder}/thieu", table["missing"])))}


def test_a_sort_key_s_order_in_parts_then_its_least_value_in_page_order(monkeypatch):
    """Greatest first, equal values newest first (by page number); the least value apart, in page order, however
    many pages have it; pages without the key listed apart."""
    monkeypatch.setattr(search_index, "SORT_PART", 2)
    benefits = {"a/": "300", "b/": "0", "c/": None, "d/": "300", "e/": "1200", "f/": "0", "g/": "50", "h/": "0"}
    records = {url: record(f"2022-05-{9 - number:02}", url[0], "", benefit)
               for number, (url, benefit) in enumerate(benefits.items())}  # a/ the newest: page 0, ... h/ page 7
    files = search_index.build(records)
    assert sorted_by(files, "lam-loi") == {"parts": [[4, 0], [3, 6]], "least": [1, 5, 7], "missing": [2]}
    assert json.loads(files["chi-muc/muc-luc.json"])["sort_part"] == 2
    monkeypatch.setattr(search_index, "SORT_PART", 3)
    assert sorted_by(search_index.build(records), "lam-loi")["parts"] == [[4, 0, 3], [6]]
    one_value = {url: record("2022-05-01", url[0], "", "7") for url in ("x/", "y/")}
    assert sorted_by(search_index.build(one_value), "lam-loi") == {"parts": [], "least": [0, 1], "missing": []}


def test_result_files_are_named_by_the_hash_of_their_group(monkeypatch):
    """Files of 2 pages in groups of 2 files: 5 pages, 3 files, 2 names; a change to one page renames its group's
    files and no other."""
    monkeypatch.setattr(search_index, "PAGES_PER_FILE", 2)
    monkeypatch.setattr(search_index, "FILES_PER_HASH", 2)
    records = {f"{letter}/": record(f"2022-05-{9 - number:02}", letter, "", "1")
               for number, letter in enumerate("abcde")}
    files = search_index.build(records)
    table = json.loads(files["chi-muc/muc-luc.json"])
    shown = {path: json.loads(data) for path, data in files.items() if path.startswith("chi-muc/trang/")}
    first, second = table["page_files"]
    assert {path: [url for url, _ in pages] for path, pages in shown.items()} == {
        f"chi-muc/trang/0.{first}.json": ["a/", "b/"], f"chi-muc/trang/1.{first}.json": ["c/", "d/"],
        f"chi-muc/trang/2.{second}.json": ["e/"]}
    group = files[f"chi-muc/trang/0.{first}.json"] + b"\n" + files[f"chi-muc/trang/1.{first}.json"]
    assert first == hashlib.sha256(group).hexdigest()[:10]
    assert second == hashlib.sha256(files[f"chi-muc/trang/2.{second}.json"]).hexdigest()[:10]
    assert table["pages_per_file"] == 2 and table["files_per_hash"] == 2
    records["d/"] = record("2022-05-06", "d", "", "2")  # d/'s benefit: what it shows does not change
    assert json.loads(search_index.build(records)["chi-muc/muc-luc.json"])["page_files"] == [first, second]
    records["d/"] = record("2022-05-06", "d e", "", "1")  # its title
    assert json.loads(search_index.build(records)["chi-muc/muc-luc.json"])["page_files"][1:] == [second]
    assert json.loads(search_index.build(records)["chi-muc/muc-luc.json"])["page_files"][0] != first


def test_a_hand_made_index_byte_for_byte():
    records = {
        "b/": record("2022-05-01", "dien luc", "tram", "500", "ma-2022-01"),
        "a/": record("2022-05-01", "tram bien ap", "dien 2,5", "1200", "tram"),
        "c/": record("2023-01-02", "thu duc", "dien", None),
    }
    files = search_index.build(records)
    table = json.loads(files["chi-muc/muc-luc.json"])

    def read(kind: str, key) -> list:
        digest = table["page_files"][key] if kind == "trang" else table[{"tu": "words", "ma": "codes"}[kind]][key]
        name = search_index.file_name(key) if kind in ("tu", "ma") else key
        return checked(files, f"chi-muc/{kind}/{name}", digest)

    # pages newest first, then by address: c/ = 0, a/ = 1, b/ = 2
    assert read("trang", 0) == [["c/", {"title": "thu duc"}], ["a/", {"title": "tram bien ap"}],
                                ["b/", {"title": "dien luc"}]]
    assert sorted(table["words"]) == ["2,", "ap", "bi", "di", "du", "f0", "lu", "th", "tr"]
    assert read("tu", "di") == [["dien", [2], [0, 1]]]  # in b/'s title; in c/'s and a/'s other words (gap 1)
    assert read("tu", "tr") == [["tram", [1], [2]]]
    assert read("tu", "f0") == [["f0", [], [0, 1, 1]]]
    assert read("tu", "2,") == [["2,5", [], [1]]]
    # by benefit: a/ (1200) before b/ (500), the least value, which has a file of its own; c/ has no benefit
    assert sorted_by(files, "lam-loi") == {"parts": [[1]], "least": [2], "missing": [0]}
    # codes in files of their own, in the first list (as much as a title word), never mixed with the words
    assert sorted(table["codes"]) == ["ma", "tr"]
    assert read("ma", "ma") == [["ma-2022-01", [2], []]] and read("ma", "tr") == [["tram", [1], []]]
    assert table["pages"] == 3 and table["newest"] == "ngay" and table["weights"] == {"title": 7, "other": 1}
    assert table["widest"] == search_index.MOST_FILES_A_WORD == 6
    assert search_index.build(dict(reversed(records.items()))) == files  # the same bytes in any order


class _Edits:
    """Random records and a sequence of edits to them: words changed, repeated, added or removed, titles, a page
    moved by its date, pages added and removed."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        # common words, and rare ones that an edit can take off the last page that has them
        self.vocabulary = ["dien", "dien", "tram", "thu", "duc", "bien", "ap", "luc", "2,5", "an", "toan", "so", "hoa"]
        self.vocabulary += [f"hiem{number}" for number in range(300)]
        self.records = {f"p{number}/": record(f"2022-05-{number % 28 + 1:02d}", self.text(), self.text(), str(number),
                                              self.rng.choice(["", f"ma-{number}", "dien"]))
                        for number in range(60)}

    def text(self) -> str:
        return " ".join(self.rng.choice(self.vocabulary) for _ in range(self.rng.randint(0, 6)))

    def edit(self, step: int) -> int:
        """One edit to the records, of the kind ``step`` gives (0-4, 2 moving a page): its kind."""
        rng, records = self.rng, self.records
        url = rng.choice(sorted(records))
        old = records[url]
        date, title, other = dict(old.sorts)["ngay"], dict(old.meta)["title"], self.text()
        kind = step % 5
        if kind == 1:
            title = self.text()
        elif kind == 2:
            date = f"2023-{rng.randint(1, 12):02d}-01"  # another place in the order
        if kind == 3:
            del records[url]
        elif kind == 4:
            records[f"n{step}/"] = record("2022-06-01", self.text(), self.text())
        else:
            records[url] = record(date, title, other, dict(old.sorts).get("lam-loi"),
                                  rng.choice(["", dict(old.words).get(search.CODE, ""), "tram"]))
        return kind


def test_an_index_made_from_the_last_one_s_kept_encodings_is_the_index_made_anew():
    """search_index.Kept, as a served site uses it after each edit: a sequence of edits gives after each one
    exactly the files of an index made without it."""
    edits = _Edits(7)
    kept = search_index.Kept()
    assert search_index.build(edits.records, kept) == search_index.build(edits.records)
    for step in range(120):
        kind = edits.edit(step)
        assert search_index.build(edits.records, kept) == search_index.build(edits.records), (step, kind)


def test_an_index_made_from_the_last_build_s_kept_file_is_the_index_made_anew(tmp_path, monkeypatch):
    """search_cache.index, as builds use it: what the last build's index worked out, read back from its file
    (each page's words known only by their key), gives after each edit exactly the files of an index made without
    it; a few pages changed in place have their word lists moved, more than MOST_MOVED, or pages in another order,
    have them made anew."""
    made = []
    postings = search_index._postings
    monkeypatch.setattr(search_index, "_postings", lambda *args: made.append(1) or postings(*args))
    edits = _Edits(11)
    folder = tmp_path / "kept"
    search_cache.index(edits.records, folder)
    moved = 0
    for step in range(60):
        before = sorted(edits.records)
        kind = edits.edit(step)
        if step % 7 == 6:  # several pages changed since the last build
            for more in range(search_index.MOST_MOVED + 1 if step % 14 == 13 else 2):
                edits.edit(5 * more)
        made.clear()
        assert search_cache.index(edits.records, folder) == search_index.build(edits.records), (step, kind)
        if sorted(edits.records) == before and kind != 2 and step % 14 != 13:
            assert len(made) == 1, step  # only the index made anew, for the comparison
            moved += 1
    assert moved >= 20


def test_a_word_a_page_has_fewer_times_since_the_kept_file_is_listed_as_often_as_it_now_has_it(tmp_path):
    """The kept file knows a page's words by their key only: how often the page is in a word's list is read from
    the list itself."""
    records = {"a/": record("2022-05-01", "x", "tram tram tram"), "b/": record("2022-05-02", "y", "tram")}
    search_cache.index(records, tmp_path)
    for other in ("tram tram", "tram", "", "tram tram tram tram"):
        records["a/"] = record("2022-05-01", "x", other)
        assert search_cache.index(records, tmp_path) == search_index.build(records), other


@pytest.mark.parametrize("damage", ["truncated", "other byte order", "odd arrays", "entry not bytes", "planted"])
def test_a_damaged_kept_index_is_a_miss(tmp_path, damage):
    edits = _Edits(5)
    folder = tmp_path / "kept"
    search_cache.index(edits.records, folder)
    [path] = folder.glob("index-*.pickle")
    data = path.read_bytes()
    value = cachefile.plain_loads(data[8:])
    word = next(iter(value[4]))
    if damage == "truncated":
        data = data[:len(data) // 2]
    elif damage == "planted":
        data = cachefile.framed(data[:4], pickle.dumps((value[:4], Path("x"))))
    else:
        if damage == "other byte order":
            value = ("big" if value[0] == "little" else "little", *value[1:])
        elif damage == "odd arrays":
            value[4][word] = (value[4][word][0] + b"x", *value[4][word][1:])
        else:
            value[4][word] = (*value[4][word][:2], "[]")
        data = cachefile.framed(data[:4], pickle.dumps(value))
    path.write_bytes(data)
    assert search_cache.load_index(folder).order == []
    edits.edit(0)
    assert search_cache.index(edits.records, folder) == search_index.build(edits.records)


def test_index_text_stays_text(fixture_site):
    """Titles go into JSON strings and are shown with textContent: nothing is escaped, nothing can run."""
    files = search_index.build(search.records(fixture_site))
    shown = [entry for path, data in files.items() if path.startswith("chi-muc/trang/") for entry in json.loads(data)]
    titles = {meta["title"] for _, meta in shown}
    assert "Cảnh báo sớm <script>alert('x')</script> sự cố" in titles


def test_a_site_with_nothing_to_find_has_an_empty_index():
    files = search_index.build({})
    assert list(files) == ["chi-muc/muc-luc.json"]
    assert json.loads(files["chi-muc/muc-luc.json"])["pages"] == 0


def test_every_page_has_the_search_box_in_its_header(built):
    for path in built.rglob("index.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        form = page.select_one("header.md-header form.sk-search[role=search]")
        assert form is not None, path
        target = (path.parent / form["action"]).resolve()
        assert target == (built / "tim-kiem").resolve(), path
        assert (path.parent / form["data-index"] / "muc-luc.json").resolve().is_file()
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


def test_no_page_loads_the_index_before_the_search_is_used(built):
    for path in built.rglob("*.html"):  # the reader is imported on first use, by search.js
        text = path.read_text(encoding="utf-8")
        assert "search_index.js" not in text and "muc-luc.json" not in text, path


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
        "loai": ["sang-kien", "tin-tuc", "tat-ca"],
        "don-vi": ["", "alpha", "beta", "gamma"],
        "linh-vuc": ["", *(field.id for field in fixture_site.campaign.fields)],
        "nam": ["", "2022"],
        "cap": ["", "don-vi", "tong-cong-ty", "evn", "quoc-gia", "chua-cong-nhan"],
        "sap-xep": ["", "ngay", "lam-loi"],
    }
    for select in body.select("select:not([name=sap-xep])"):
        for option in select.select("option[value]:not([value=''])"):
            word = "" if option["value"] == search.ANY_KIND else search.filter_word(select["name"], option["value"])
            assert option["data-word"] == word
    labels = [label.get_text(strip=True) for label in body.select("label")]
    assert labels == ["Từ khoá", "Loại", "Đơn vị", "Lĩnh vực", "Năm đăng ký", "Cấp công nhận", "Sắp xếp"]
    assert page.select_one('script[type=module][src$="assets/javascripts/browse.js"]') is not None
