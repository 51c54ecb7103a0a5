"""The search in a real browser: Playwright drives Debian's Chromium (/usr/bin/chromium; never a downloaded
browser) against the shipped site, built and served on 127.0.0.1. Requests to any other host are refused."""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import urlsplit

import pytest

from browser_support import PHONE, Server, browser, context, phone, requires_chromium, served, shipped  # noqa: F401 (fixtures)
from conftest import FIXTURES, ROOT
from generator import search, search_index
from generator.content import load

pytestmark = requires_chromium

from playwright.sync_api import Page, expect  # noqa: E402 (after the skip's reason)

BUDGET = 300 * 1024  # bytes a first query may move (issue 5; measured at 10,000 initiatives in the report)
LED = "Thay chiếu sáng khu vực sản xuất bằng đèn LED có cảm biến"
DRILL = "Tổ chức diễn tập sơ cấp cứu người bị điện giật theo ca trực"
SURVEY = "Đo khối lượng đào đắp mặt bằng trạm biến áp bằng ảnh chụp từ flycam"


@pytest.fixture(scope="module")
def hostile():
    return served(FIXTURES / "basic")


@pytest.fixture(scope="module")
def initiatives():
    return load(ROOT / "content").site.published(dt.date(2100, 1, 1)).initiatives


def header_search(page: Page, query: str) -> list[str]:
    """Type ``query`` in the header box and wait for its answer; the titles found."""
    box = page.locator("#sk-search-input")
    box.fill("")
    box.type(query)
    expect(page.locator(".sk-search__status")).to_contain_text(f"“{query}”")
    return page.locator(".sk-search__results .sk-result__title").all_text_contents()


def browse_status(page: Page):
    status = page.locator(".sk-browse__status")
    expect(status).not_to_have_text(re.compile(r"^(Đang tìm…)?$"))
    return status.text_content()


@pytest.mark.parametrize("expected, queries", [
    (DRILL, ["điện giật", "dien giat", "ĐIỆN GIẬT", "DIEN GIAT", "Điện Giật"]),
    (LED, ["đèn LED cảm biến", "den led cam bien", "ĐÈN LED CẢM BIẾN"]),
    (SURVEY, ["đào đắp mặt bằng", "dao dap mat bang", "ĐÀO ĐẮP MẶT BẰNG"]),
])
def test_with_or_without_diacritics_and_đ_the_same_initiative_comes_first(shipped, context, expected, queries):
    page = context.new_page()
    page.goto(shipped.url)
    found = [header_search(page, query) for query in queries]
    assert found[0][0] == expected
    assert all(titles == found[0] for titles in found), dict(zip(queries, found))


def test_a_unit_named_with_đ_is_found_without_it(shipped, context):
    page = context.new_page()
    page.goto(shipped.url)
    found = {query: header_search(page, query) for query in ("Nhiệt điện Thủ Đức", "nhiet dien thu duc",
                                                             "NHIET DIEN THU DUC")}
    assert len({tuple(titles) for titles in found.values()}) == 1, found
    first = page.locator(".sk-search__results .sk-result__meta").first
    expect(first).to_contain_text("Nhiệt điện Thủ Đức")


@pytest.mark.parametrize("query, unit", [("thu duc", "nhiet-dien-thu-duc"), ("nhiet dien thu duc", "nhiet-dien-thu-duc"),
                                         ("hà nội", "evnhanoi"), ("ha noi", "evnhanoi")])
def test_a_unit_s_name_finds_its_initiatives_first(shipped, context, initiatives, query, unit):
    """Before those that have one of its syllables in their title ("thu hồi", "hạ thế") and the others anywhere."""
    page = context.new_page()
    page.goto(f"{shipped.url}tim-kiem/?q={query}")
    expect(page.locator(".sk-browse__status")).to_contain_text(f"cho “{query}”")
    ours = {item.title for item in initiatives if item.unit == unit}
    titles = page.locator(".sk-result__title").all_text_contents()
    assert len(titles) > len(ours) and set(titles[:len(ours)]) == ours, titles


def test_a_query_with_no_match_says_so(shipped, context):
    page = context.new_page()
    page.goto(shipped.url)
    assert header_search(page, "xyzzyq") == []
    expect(page.locator(".sk-search__status")).to_have_text("Không tìm thấy kết quả cho “xyzzyq”.")


def test_a_filter_narrows_the_results(shipped, context, initiatives):
    page = context.new_page()
    page.goto(shipped.url + "tim-kiem/")
    assert browse_status(page) == f"{len(initiatives)} sáng kiến"
    page.select_option("#sk-browse-don-vi", "nhiet-dien-thu-duc")
    ours = [item for item in initiatives if item.unit == "nhiet-dien-thu-duc"]
    expect(page.locator(".sk-browse__status")).to_have_text(f"{len(ours)} sáng kiến")
    metas = page.locator(".sk-result__meta").all_text_contents()
    assert len(metas) == len(ours) and all(meta.startswith("Nhiệt điện Thủ Đức · ") for meta in metas)
    assert set(page.locator(".sk-result__title").all_text_contents()) == {item.title for item in ours}
    assert page.url.endswith("/tim-kiem/?don-vi=nhiet-dien-thu-duc")
    # with text: only this unit's initiatives that have the word
    page.fill("#sk-browse-q", "den")
    expect(page.locator(".sk-browse__status")).to_contain_text("cho “den”")
    assert LED in page.locator(".sk-result__title").all_text_contents()
    assert len(page.locator(".sk-result").all()) < len(ours)


def test_sort_by_newest_and_by_benefit_with_and_without_text(shipped, context, initiatives):
    benefit = {item.title: (item.benefit.vnd_per_year or 0) if item.benefit else 0 for item in initiatives}
    registered = {item.title: item.registered_on for item in initiatives}
    page = context.new_page()

    def shown(values: dict) -> list:
        browse_status(page)
        return [values[title] for title in page.locator(".sk-result__title").all_text_contents()]

    page.goto(shipped.url + "tim-kiem/")
    dates = shown(registered)
    assert len(dates) == 20 and dates == sorted(dates, reverse=True)  # without text, the newest first
    for query in ("", "?q=dien"):
        page.goto(shipped.url + "tim-kiem/" + query)
        browse_status(page)
        page.select_option("#sk-browse-sap-xep", "lam-loi")
        expect(page).to_have_url(re.compile(r"sap-xep=lam-loi"))
        values = shown(benefit)
        assert len(values) == 20 and values == sorted(values, reverse=True) and values[0] > 0
        page.select_option("#sk-browse-sap-xep", "ngay")
        expect(page).to_have_url(re.compile(r"sap-xep=ngay"))
        dates = shown(registered)
        assert len(dates) == 20 and dates == sorted(dates, reverse=True)


def test_more_results_and_news(shipped, context, initiatives):
    page = context.new_page()
    page.goto(shipped.url + "tim-kiem/")
    browse_status(page)
    expect(page.locator(".sk-result")).to_have_count(20)
    page.locator(".sk-browse__more").click()
    expect(page.locator(".sk-result")).to_have_count(min(40, len(initiatives)))
    expect(page.locator(".sk-result").nth(20).locator("a")).to_be_focused()
    page.select_option("#sk-browse-loai", "tin-tuc")
    expect(page.locator(".sk-browse__status")).to_have_text(re.compile(r"^\d+ tin$"))
    assert page.locator("#sk-browse-don-vi").is_disabled()
    assert all(meta.startswith("Tin tức · ") for meta in page.locator(".sk-result__meta").all_text_contents())


def test_the_header_search_on_a_phone_with_the_keyboard(shipped, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    page = context.new_page()
    page.goto(shipped.url)
    expect(page.locator("#sk-search-input")).to_be_hidden()  # a magnifier until opened
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('sk-search__open')"):
            break
    else:
        pytest.fail("Tab never reaches the search button")
    page.keyboard.press("Enter")
    box = page.locator("#sk-search-input")
    expect(box).to_be_focused()
    area = box.bounding_box()
    assert area["x"] >= 0 and area["x"] + area["width"] <= 360 and area["width"] > 200
    page.keyboard.type("dien giat")
    first = page.locator(".sk-search__results .sk-result__title").first
    expect(first).to_have_text(DRILL)
    panel = page.locator(".sk-search__panel").bounding_box()
    assert panel["x"] >= 0 and panel["x"] + panel["width"] <= 360
    page.keyboard.press("ArrowDown")
    expect(first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/sang-kien/nhiet-dien-thu-duc/[^/]+/$"))
    expect(page.locator("h1")).to_have_text(DRILL)
    context.close()


def test_escape_closes_and_enter_opens_the_search_page(shipped, context):
    page = context.new_page()
    page.goto(shipped.url)
    header_search(page, "flycam")
    page.keyboard.press("Escape")
    expect(page.locator(".sk-search__panel")).to_be_hidden()
    expect(page.locator("#sk-search-input")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/tim-kiem/\?q=flycam$"))
    expect(page.locator(".sk-browse__status")).to_contain_text("cho “flycam”")


def test_nothing_is_downloaded_before_the_search_is_used_and_a_first_query_is_small(shipped, context):
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(shipped.url)
    page.wait_for_load_state("networkidle")
    loaded = [urlsplit(response.url).path for response in responses]
    assert not [path for path in loaded if path.startswith("/chi-muc/") or path.endswith("/search_index.js")]
    responses.clear()
    header_search(page, "dien giat")
    page.wait_for_load_state("networkidle")
    moved = {urlsplit(response.url).path: len(response.body()) for response in responses}
    index = {path for path in moved if path.startswith("/chi-muc/")}
    # the reader, the table of contents, the words beginning "di" and "gi", and the metadata of the results
    assert set(moved) - index == {"/assets/javascripts/search_index.js"}, moved
    words = {path.split("/")[-1].split(".")[0] for path in index if path.startswith("/chi-muc/tu/")}
    assert {"/chi-muc/muc-luc.json"} < index and words == {"di", "gi"}
    assert 0 < sum(moved.values()) <= BUDGET, moved


def test_text_from_the_index_is_shown_as_text(hostile, context):
    """tests/fixtures/basic has an initiative titled with a <script> element and an author with <i>."""
    page = context.new_page()
    page.on("dialog", lambda dialog: pytest.fail(f"a script from the index ran: {dialog.message}"))
    page.goto(hostile.url)
    titles = header_search(page, "canh bao som su co")
    assert titles == ["Cảnh báo sớm <script>alert('x')</script> sự cố"]
    result = page.locator(".sk-search__results .sk-result").first
    expect(result.locator(".sk-result__authors")).to_have_text("Tác giả: Đỗ Thị <i>Giang</i>")
    assert result.locator("script, i, b").count() == 0


def test_without_javascript_the_search_page_points_to_the_listings(shipped, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(shipped.url)
    page.fill("#sk-search-input", "điện")
    page.press("#sk-search-input", "Enter")  # the header form is a plain GET form
    expect(page).to_have_url(re.compile(r"/tim-kiem/\?q=%C4%91i%E1%BB%87n$"))
    expect(page.locator(".sk-browse__nojs")).to_be_visible()
    expect(page.locator(".sk-browse__form")).to_be_hidden()
    assert page.locator(".sk-browse__nojs a").all_text_contents() == [
        "Tất cả sáng kiến", "Sáng kiến theo đơn vị", "Sáng kiến theo lĩnh vực", "Tin tức"]
    context.close()


def test_the_reader_files_words_where_the_builder_does(shipped, context):
    """search_index.js names a word file as generator/search_index.py does, astral letters included."""
    words = ["di", "d", "22", "2,", "evnhanoi-2022-0153", "中文", "ña", "𝒳y", "y𝒳"]
    page = context.new_page()
    page.goto(shipped.url)
    keys = page.evaluate("""async (words) => {
        const reader = await import(new URL("assets/javascripts/search_index.js", document.baseURI).href);
        return words.map(reader.fileName);
    }""", words)
    assert keys == [search_index.file_name(word) for word in words]


def shipped_records() -> dict[str, search.Indexed]:
    return search.records(load(ROOT / "content").site.published(dt.date(2100, 1, 1)))


def write_index(folder, records: dict[str, search.Indexed]) -> dict:
    """The index of ``records`` and the script that reads it written into ``folder``; the table of contents."""
    for path, data in search_index.build(records).items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(data)
    reader = folder / "assets" / "javascripts" / "search_index.js"
    reader.parent.mkdir(parents=True)
    reader.write_bytes((ROOT / "theme" / "assets" / "javascripts" / "search_index.js").read_bytes())
    (folder / "index.html").write_text("<!doctype html><title>index</title>", encoding="utf-8")
    return json.loads((folder / "chi-muc" / "muc-luc.json").read_text(encoding="utf-8"))


def test_the_reader_finds_what_the_index_holds_when_word_files_are_split(tmp_path, context, monkeypatch):
    """At 10,000 initiatives the files of common beginnings ("th", "ng", "ev") are split by further characters;
    here they are split small on the shipped content, and each query finds exactly the pages that have, for every
    query word, a word it begins, or the word itself when it is one character long or more than ``widest`` files
    begin with it, or a registration code that is the query word."""
    monkeypatch.setattr(search_index, "WORD_FILE_BYTES", 300)
    records = shipped_records()
    table = write_index(tmp_path, records)
    assert any(len(prefix) > 2 for prefix in table["words"])  # split for real
    code = next(words for record in records.values() for weight, words in record.words if weight == search.CODE)
    queries = ["th", "thu", "dien luc", "tram bien ap", code, "ng", "ngu", "d", code.rpartition("-")[0], "xyzzyq"]

    def whole_only(term: str) -> bool:
        return len(term) < 2 or sum(prefix.startswith(term) for prefix in table["words"]) > table["widest"]

    def has(record: search.Indexed, term: str) -> bool:
        words = [word for weight, words in record.words if weight != search.CODE for word in words.split()]
        codes = [word for weight, words in record.words if weight == search.CODE for word in words.split()]
        return term in codes or any(word == term if whole_only(term) else word.startswith(term) for word in words)

    def expected(query: str) -> set[str]:
        return {url for url, record in records.items() if all(has(record, term) for term in search.folded_words(query))}

    assert whole_only("th") and not whole_only("thu")  # 24 files begin with "th" here, 6 with "thu"
    assert [bool(expected(query)) for query in queries] == [False, True, True, True, True, False, True, False, False,
                                                             False]

    server = Server(tmp_path)
    try:
        page = context.new_page()
        page.goto(server.url)
        found, typed = page.evaluate("""async (queries) => {
            const reader = await import("/assets/javascripts/search_index.js");
            const index = await reader.openIndex(new URL("/chi-muc/", location.href), new URL("/", location.href));
            const answers = [], typeMore = [];
            for (const query of queries) {
                const search = await index.search(query);
                const results = await search.results(search.count);
                answers.push(await Promise.all(results.map(async (result) => (await result.data()).url)));
                typeMore.push(search.typeMore);
            }
            return [answers, typeMore];
        }""", queries)
    finally:
        server.close()
    for query, urls in zip(queries, found):
        assert {url.removeprefix(server.url) for url in urls} == expected(query), query
        assert len(urls) == len(set(urls))
    # the words the search page asks to type more after: too wide, not one character
    assert typed == [[term for term in search.folded_words(query) if len(term) >= 2 and whole_only(term)]
                     for query in queries]
    assert typed[0] == ["th"] and typed[1] == []


def test_the_reader_takes_the_order_by_benefit_a_part_at_a_time(tmp_path, context, monkeypatch):
    """The order by benefit in parts of 5 pages here (2,000 in a build), then the pages of the least value (no
    benefit figure, 0): a search in that order counts and lists exactly its pages that have a benefit, greatest
    first, equal values newest first, news left out; the first screen of a broad search reads the first part."""
    monkeypatch.setattr(search_index, "SORT_PART", 5)
    records = shipped_records()
    table = write_index(tmp_path, records)
    sorts = table["sorts"][search.BENEFIT]
    assert len(sorts["parts"]) > 5
    page_of = {url: number for number, url in enumerate(search_index._order(records))}
    initiatives = search.filter_word(search.KIND, search.INITIATIVE)
    thu_duc = search.filter_word(search.UNIT, "nhiet-dien-thu-duc")
    queries = [initiatives, f"{initiatives} {thu_duc}", "dien", "tram", search.filter_word(search.KIND, search.NEWS),
               "xyzzyq"]

    def expected(query: str) -> list[int]:
        terms = search.folded_words(query)
        found = [(-float(dict(record.sorts)[search.BENEFIT]), page_of[url]) for url, record in records.items()
                 if search.BENEFIT in dict(record.sorts) and all(
                     any(word.startswith(term) for _, words in record.words for word in words.split())
                     for term in terms)]
        return [page for _, page in sorted(found)]

    server = Server(tmp_path)
    try:
        page = context.new_page()
        page.goto(server.url)
        answers = page.evaluate("""async (queries) => {
            const read = [];
            const fetchAll = window.fetch;
            window.fetch = (url, ...rest) => { read.push(new URL(url).pathname); return fetchAll(url, ...rest); };
            const reader = await import("/assets/javascripts/search_index.js");
            const index = await reader.openIndex(new URL("/chi-muc/", location.href), new URL("/", location.href));
            const answers = [];
            for (const query of queries) {
                read.length = 0;
                const search = await index.search(query, { sort: "lam-loi" });
                const first = (await search.results(3)).map((result) => result.page);
                const firstRead = [...read];
                const all = await search.results(search.count + 10);
                const url = all.length ? (await all[0].data()).url : null;
                answers.push({ count: search.count, first, firstRead, all: all.map((result) => result.page), url });
            }
            return answers;
        }""", queries)
    finally:
        server.close()
    for query, answer in zip(queries, answers):
        assert answer["all"] == expected(query) and answer["count"] == len(expected(query)), query
        assert answer["first"] == expected(query)[:3]
    broad = answers[0]
    assert broad["count"] == sum(search.BENEFIT in dict(record.sorts) for record in records.values())
    assert broad["url"] == f"{server.url}{search_index._order(records)[broad['all'][0]]}"
    assert sorted(path.rpartition("/")[2] for path in broad["firstRead"] if "/xep/" in path) == [
        f"0.{sorts['parts'][0]}.json", f"thieu.{sorts['missing']}.json"]
    assert answers[4]["count"] == 0 and answers[4]["all"] == []  # news: no benefit
    assert answers[5]["count"] == 0


def test_a_query_word_too_many_words_begin_with_asks_for_more(shipped, context):
    page = context.new_page()
    page.goto(shipped.url)
    texts = page.evaluate("""async () => {
        const { countText } = await import(new URL("assets/javascripts/search.js", document.baseURI).href);
        return [countText(0, "th", undefined, ["th"]), countText(0, "Thủ", "sáng kiến", ["thu"]),
                countText(0, "xyzzyq"), countText(3, "thu", "sáng kiến", ["thu"])];
    }""")
    assert texts == ["Hãy gõ thêm: có quá nhiều từ bắt đầu bằng “th”.",
                     "Hãy gõ thêm: có quá nhiều từ bắt đầu bằng “thu”.",
                     "Không tìm thấy kết quả cho “xyzzyq”.", "3 sáng kiến cho “thu”"]
    page.close()


def test_on_a_phone_a_search_asked_for_brings_its_answer_into_view(shipped, phone):
    """The filters fill a phone's screen below the query box: the count and first results were below the fold."""
    page = phone.new_page()
    page.goto(shipped.url + "tim-kiem/")
    expect(page.locator(".sk-browse__status")).to_contain_text("sáng kiến")
    page.fill("#sk-browse-q", "flycam")
    page.press("#sk-browse-q", "Enter")
    status = page.locator(".sk-browse__status")
    expect(status).to_contain_text("cho “flycam”")
    box = status.bounding_box()
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert header <= box["y"] and box["y"] + box["height"] <= PHONE["height"], (header, box)
    assert page.evaluate("document.activeElement.id") != "sk-browse-q"  # the keyboard is closed


def test_the_header_s_see_all_link_opens_the_search_page_on_the_same_results(shipped, context):
    """The header box searches initiatives and news alike; the search page opened on initiatives only, so '8 kết
    quả' became '6 sáng kiến'."""
    page = context.new_page()
    page.goto(shipped.url)
    header_search(page, "tiet kiem")
    count = page.locator(".sk-search__status").text_content()
    assert re.fullmatch(r"\d+ kết quả cho “tiet kiem”", count), count
    page.locator(".sk-search__all a").click()
    expect(page.locator(".sk-browse__status")).to_have_text(count)
    assert page.input_value("#sk-browse-loai") == "tat-ca"
    assert page.locator("#sk-browse-don-vi").is_disabled()  # unit, field, year and level are initiatives' own
    page.fill("#sk-browse-q", "")
    expect(page.locator(".sk-browse__status")).to_have_text("Hãy gõ từ khoá để tìm trong cả sáng kiến và tin tức.")
