"""A real ``mkdocs build --strict`` of tests/fixtures/basic, checked on the parsed HTML.

Hand-computed numbers: 5 published initiatives (the draft is left out), the latest registered on
14/11/2022, which is the as-of date; the target in force then is the revision of 14/11/2022 (20 by
01/09/2023), so 5 / 20 = 25,0%. Alpha: 3 of quota 2 + 4 = 6 (50,0%); Beta: 2 of 1 (200,0%); Gamma: 0.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, build_site, config_with_pages
from generator import content
from generator.content.schema import RECOGNITION_LEVELS
from generator.pages import SiteInfo, honours


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("basic") / "site"
    before = snapshot(FIXTURES / "basic")
    result = build_site(FIXTURES / "basic", out)
    assert result.returncode == 0, result.stderr
    assert snapshot(FIXTURES / "basic") == before  # the generator never writes to content/
    return out


def html(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "lxml")


def article(page: BeautifulSoup):
    return page.select_one("article.md-content__inner")


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def pages(site: Path) -> set[str]:
    return {path.parent.relative_to(site).as_posix() + "/" for path in site.rglob("index.html")}


def test_one_page_per_initiative_unit_field_and_news_post(site):
    assert pages(site) == {
        "./", "gioi-thieu/",
        "sang-kien/", "sang-kien/alpha/ung-dung-flycam/", "sang-kien/alpha/so-hoa-ho-so/",
        "sang-kien/alpha/tu-dong-bao-cao/", "sang-kien/beta/bien-bao-an-toan/", "sang-kien/beta/canh-bao-som/",
        "don-vi/", "don-vi/alpha/", "don-vi/beta/", "don-vi/gamma/",
        "linh-vuc/", "linh-vuc/ky-thuat/", "linh-vuc/chuyen-doi-so/", "linh-vuc/an-toan/",
        "tin-tuc/", "tin-tuc/2022/phat-dong/", "tin-tuc/2022/tang-toc/",
        "tien-do/", "bang-xep-hang/", "tieu-bieu/", "vinh-danh/", "vinh-danh/tong-cong-ty/",
        "tin-tuc/2022/", "tin-tuc/chuyen-muc/phat-dong/", "tin-tuc/chuyen-muc/tien-do/", "tim-kiem/",
    }


def test_navigation_holds_sections_only(site):
    for url in ("./", "sang-kien/alpha/ung-dung-flycam/"):
        nav = html(site, url).select_one("nav.md-nav--primary")
        labels = [text(link) for link in nav.select("a.md-nav__link")]
        assert labels == [
            "Phong trào thử nghiệm", "Tất cả sáng kiến", "Tìm kiếm sáng kiến", "Sáng kiến tiêu biểu", "Đơn vị",
            "Lĩnh vực", "Tiến độ", "Bảng xếp hạng", "Vinh danh", "Tin tức", "Giới thiệu"]


def test_initiative_page(site):
    page = html(site, "sang-kien/alpha/ung-dung-flycam")
    body = article(page)
    assert page.title.string == "Ứng dụng flycam kiểm tra đường dây – Sáng kiến Hub"
    assert page.html["lang"] == "vi"
    assert text(body.h1) == "Ứng dụng flycam kiểm tra đường dây"
    facts = dict(zip((text(dt) for dt in body.select("dl.sk-facts dt")), (text(dd) for dd in body.select("dl.sk-facts dd"))))
    assert facts == {
        "Đơn vị": "Công ty Điện lực Alpha", "Lĩnh vực": "Kỹ thuật", "Mã đăng ký": "ALPHA-2022-0001",
        "Ngày đăng ký": "10/03/2022", "Áp dụng từ": "05/01/2022",
        "Công nhận": "Cấp tổng công ty — Quyết định số 10/QĐ-ALPHA, ngày 01/04/2022",
    }
    assert [text(p) for p in body.select(".sk-benefit p")] == [
        "1,2 tỷ đồng làm lợi mỗi năm", "35.000 kWh điện tiết kiệm mỗi năm"]
    assert [text(li) for li in body.select(".sk-authors li")] == ["Nguyễn Văn An — Kỹ sư vận hành"]
    assert [item.name for item in body.select_one(".sk-description").find_all(recursive=False)] == ["p", "ul"]
    links = {a["href"] for a in body.select("a")}
    assert {"../../../don-vi/alpha/", "../../../linh-vuc/ky-thuat/"} <= links


def test_co_author_from_another_unit_is_linked_to_it(site):
    body = article(html(site, "sang-kien/alpha/tu-dong-bao-cao"))
    authors = body.select(".sk-authors li")
    assert [" ".join(li.get_text().split()) for li in authors] == [
        "Lê Văn Cường — Kỹ sư tự động hoá", "Phạm Thị Dung — Chuyên viên (BETA)"]
    assert authors[1].a["href"] == "../../../don-vi/beta/"


def test_text_from_content_is_escaped_and_markdown_sanitised(site):
    page = html(site, "sang-kien/beta/canh-bao-som")
    body = article(page)
    assert page.title.string.startswith("Cảnh báo sớm <script>alert('x')</script> sự cố –")  # as text, not a tag
    assert text(body.h1) == "Cảnh báo sớm <script>alert('x')</script> sự cố"
    assert page.find("meta", attrs={"name": "description"})["content"] == "Tóm tắt có thẻ <b>in đậm</b> & ký tự đặc biệt"
    assert text(body.select_one(".sk-authors li")) == "Đỗ Thị <i>Giang</i> — Kỹ sư"
    assert body.select("script, img, b, i") == []  # the description's script is code, shown as text
    for listing in ("sang-kien", "don-vi/beta", "linh-vuc/ky-thuat", "."):
        cards = article(html(site, listing))
        assert cards.select(".sk-card script, .sk-card b, .sk-card i") == []
        assert "Cảnh báo sớm <script>alert('x')</script> sự cố" in [text(h3) for h3 in cards.select(".sk-card__title")]
    description = body.select_one(".sk-description")
    assert [text(code) for code in description.select("code")] == ["<script>alert('mô tả')</script>"]
    assert "dòng điện < 5 A." in text(description)
    assert [(a["href"], a["rel"]) for a in description.select("a")] == [
        ("https://example.org/so-do", ["noopener", "noreferrer"])]
    assert [text(strong) for strong in description.select("strong")] == ["chữ đậm"]


def test_unit_pages_show_count_quota_and_progress(site):
    units = article(html(site, "don-vi"))
    # grouped by emulation bloc, the units of none last
    groups = [(text(table.find_previous("h2")), [[text(td) for td in tr.select("td")] for tr in table.select("tbody tr")])
              for table in units.select("table")]
    assert groups == [
        ("Khối A", [["Công ty Điện lực Alpha", "3", "6", "50,0%"], ["Công ty Điện lực Beta", "2", "1", "200,0%"]]),
        ("Đơn vị chưa thuộc khối thi đua", [["Công ty Gamma", "0", "—", "—"]]),
    ]
    alpha = article(html(site, "don-vi/alpha"))
    assert text(alpha.select_one(".sk-progress p")) == "3 sáng kiến đã đăng ký / chỉ tiêu 6 (50,0%), tính đến 14/11/2022."
    assert [text(li) for li in alpha.select(".sk-quota li")] == ["Giai đoạn 1: chỉ tiêu 2", "Giai đoạn 2: chỉ tiêu 4"]
    assert text(alpha.select_one(".sk-support h2")) == "Cần giúp viết sáng kiến?"
    assert text(alpha.select_one(".sk-support p")) == (
        "Liên hệ Tổ hỗ trợ viết sáng kiến Alpha — Văn phòng Công đoàn Alpha")
    assert [text(h3) for h3 in alpha.select(".sk-card__title")] == [
        "Tự động lập báo cáo ngày", "Số hoá hồ sơ khách hàng", "Ứng dụng flycam kiểm tra đường dây"]
    beta = article(html(site, "don-vi/beta"))
    assert "trực thuộc Công ty Điện lực Alpha" in text(beta.select_one(".sk-lead"))
    gamma = article(html(site, "don-vi/gamma"))
    assert text(gamma.select_one(".sk-empty")) == "Chưa có sáng kiến nào."


def test_field_pages(site):
    rows = [text(li) for li in article(html(site, "linh-vuc")).select(".sk-fields li")]
    assert rows == ["Kỹ thuật — 2 sáng kiến Cải tiến kỹ thuật, vận hành.", "Chuyển đổi số — 2 sáng kiến",
                    "An toàn — 1 sáng kiến"]
    field = article(html(site, "linh-vuc/chuyen-doi-so"))
    assert [text(h3) for h3 in field.select(".sk-card__title")] == ["Tự động lập báo cáo ngày", "Số hoá hồ sơ khách hàng"]


def test_home_page(site):
    body = article(html(site, "."))
    hero = body.select_one(".sk-hero")
    assert [text(p) for p in hero.select("p")[:3]] == [
        "5 / 20 sáng kiến", "Đạt 25,0% chỉ tiêu, tính đến 14/11/2022",
        "Còn 291 ngày đến hạn 01/09/2023; còn thiếu 15 sáng kiến, cần trung bình 1 sáng kiến mỗi tuần."]
    assert hero.select_one(".sk-bar span")["style"] == "width: 25.0%"
    assert [text(li) for li in body.select(".sk-top-units li")] == [
        "Công ty Điện lực Alpha — 3 sáng kiến (50,0% chỉ tiêu)", "Công ty Điện lực Beta — 2 sáng kiến (200,0% chỉ tiêu)",
        "Công ty Gamma — 0 sáng kiến"]
    assert [text(h3) for h3 in body.select(".sk-showcase .sk-card__title")] == ["Ứng dụng flycam kiểm tra đường dây"]
    assert [text(h3) for h3 in body.select(".sk-cards .sk-card__title")] == [
        "Tự động lập báo cáo ngày", "Cảnh báo sớm <script>alert('x')</script> sự cố", "Số hoá hồ sơ khách hàng",
        "Biển báo an toàn phát quang", "Ứng dụng flycam kiểm tra đường dây"]
    assert [text(a) for a in body.select(".sk-news a")[:2]] == ["Tăng tốc giai đoạn 2", "Phát động phong trào thử nghiệm"]


def test_drafts_and_future_news_are_not_published(site):
    everything = "".join(path.read_text(encoding="utf-8") for path in site.rglob("*.html"))
    for hidden in ("Sáng kiến đang soạn", "ban-nhap", "Tin nháp không được xuất bản", "Tin đặt lịch tương lai"):
        assert hidden not in everything


def test_news_post(site):
    body = article(html(site, "tin-tuc/2022/tang-toc"))
    assert text(body.h1) == "Tăng tốc giai đoạn 2"
    assert text(body.select_one(".sk-card__meta")) == "15/11/2022 · Tiến độ"
    assert text(body.h2) == "Tăng tốc"


def test_listing_is_paginated_and_no_page_lists_every_initiative(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "basic", content)
    template = (content / "initiatives/alpha/so-hoa-ho-so.yml").read_text(encoding="utf-8")
    for number in range(60):  # 65 published initiatives in all
        (content / f"initiatives/alpha/them-{number:02d}.yml").write_text(
            template.replace("ALPHA-2022-0002", f"ALPHA-2023-{number:04d}").replace("2022-07-01", "2023-01-01"),
            encoding="utf-8")
    out = tmp_path / "site"
    result = build_site(content, out)
    assert result.returncode == 0, result.stderr
    counts = {url: len(article(html(out, url)).select(".sk-card")) for url in
              ("sang-kien", "sang-kien/trang-2", "sang-kien/trang-3", "don-vi/alpha", "don-vi/alpha/trang-2",
               "don-vi/alpha/trang-3")}
    assert counts == {"sang-kien": 30, "sang-kien/trang-2": 30, "sang-kien/trang-3": 5,
                      "don-vi/alpha": 30, "don-vi/alpha/trang-2": 30, "don-vi/alpha/trang-3": 3}
    assert not (out / "sang-kien/trang-4").exists()
    pager = article(html(out, "sang-kien/trang-2")).select_one("nav.sk-pager")
    assert [(a["rel"], a["href"]) for a in pager.select("a")] == [(["prev"], "../"), (["next"], "../trang-3/")]


def test_showcase_lists_featured_initiatives_with_a_placeholder_photo(site):
    body = article(html(site, "tieu-bieu"))
    (item,) = body.select(".sk-showcase__item")
    assert text(item.select_one(".sk-card__title")) == "Ứng dụng flycam kiểm tra đường dây"
    assert text(item.select_one(".sk-card__meta")) == "ALPHA · Nguyễn Văn An"
    assert text(item.select_one(".sk-card__benefit")) == "Làm lợi 1,2 tỷ đồng/năm"
    placeholder = item.select_one(".sk-placeholder")
    assert placeholder["aria-hidden"] == "true" and text(placeholder) == "Kỹ thuật"


def test_related_initiatives(site):
    body = html(site, "sang-kien/alpha/ung-dung-flycam")
    # same field first (Beta's, the only other "Kỹ thuật"), then the same unit, nearest date first
    assert [text(h3) for h3 in body.select(".sk-related .sk-card__title")] == [
        "Cảnh báo sớm <script>alert('x')</script> sự cố", "Số hoá hồ sơ khách hàng", "Tự động lập báo cáo ngày"]


def test_honour_roll(site):
    overview = article(html(site, "vinh-danh"))
    assert [text(li) for li in overview.select(".sk-honours li")] == [
        "Cấp tổng công ty 1 sáng kiến — năm 2022: 1"]
    level = article(html(site, "vinh-danh/tong-cong-ty"))
    assert text(level.select_one(".sk-honours-year h2")) == "Năm 2022"
    assert text(level.select_one(".sk-honour-list li")) == (
        "Ứng dụng flycam kiểm tra đường dây — ALPHA · Nguyễn Văn An · Quyết định số 10/QĐ-ALPHA, ngày 01/04/2022")


def test_an_honours_level_named_in_a_sentence_keeps_its_proper_noun():
    """"Cấp Tập đoàn Điện lực Việt Nam" reads "cấp Tập đoàn Điện lực Việt Nam" inside the page's description and on
    its card, not "cấp tập đoàn điện lực việt nam"."""
    site = content.load(ROOT / "content").site
    items = [item for item in site.initiatives if item.recognition and item.recognition.level == "evn"]
    (spec,) = honours.level_pages(site, SiteInfo("Sáng kiến Hub", "https://sangkien.test/"), "evn",
                                  RECOGNITION_LEVELS["evn"], items)
    assert spec.description == (f"{len(items)} sáng kiến được công nhận cấp Tập đoàn Điện lực Việt Nam trong "
                                f"{site.campaign.name}.")
    assert spec.card.title == "Sáng kiến được công nhận cấp Tập đoàn Điện lực Việt Nam"


def test_another_content_tree_brings_its_own_hand_written_pages(tmp_path):
    """SANGKIEN_CONTENT_DIR with the project's mkdocs.yml: the tree's pages/ are published (the ones its check
    reads), not the project's content/pages."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "basic", content)
    (content / "pages").mkdir()
    (content / "pages/gioi-thieu.md").write_text("# Về phong trào khác\n\nTrang của cây nội dung này.\n",
                                                 encoding="utf-8")
    result = build_site(content, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    about = article(html(tmp_path / "site", "gioi-thieu"))
    assert text(about.h1).startswith("Về phong trào khác") and "Trang của cây nội dung này." in text(about)


def test_news_archive_and_categories(site):
    links = article(html(site, "tin-tuc")).select_one(".sk-news-links")
    assert [text(a) for a in links.select("a")] == ["Năm 2022", "Phát động", "Tiến độ", "RSS", "JSON Feed"]
    year = article(html(site, "tin-tuc/2022"))
    assert [text(a) for a in year.select(".sk-news__title a")] == ["Tăng tốc giai đoạn 2", "Phát động phong trào thử nghiệm"]
    category = article(html(site, "tin-tuc/chuyen-muc/tien-do"))
    assert text(category.h1) == "Chuyên mục: Tiến độ"
    assert [text(a) for a in category.select(".sk-news__title a")] == ["Tăng tốc giai đoạn 2"]


@pytest.mark.parametrize("large_site", [False, True], ids=["site", "large-site path"])
def test_hand_written_pages_at_generated_addresses_are_refused_all_at_once(tmp_path, monkeypatch, large_site):
    """MkDocs would write a hand-written page and the generated page of the same address to the same file, and
    the generated one would win: the hand-written page lost without a word. Each is reported as a content problem
    is (path:line:col, relative to mkdocs.yml), all of them, and no page is built."""
    if large_site:  # the page definitions spooled as they are made (SangKienConfig.memory_first_from)
        monkeypatch.setenv("SANGKIEN_MEMORY_FIRST_FROM", "0")
    pages = tmp_path / "pages"
    for rel, heading in (("gioi-thieu.md", "Giới thiệu"), ("bang-xep-hang.md", "Bảng xếp hạng của tôi"),
                         ("tin-tuc/index.md", "Tin tức"), ("tin-tuc/cach-viet.md", "Cách viết tin")):
        (pages / rel).parent.mkdir(parents=True, exist_ok=True)
        (pages / rel).write_text(f"# {heading}\n", encoding="utf-8")
    result = build_site(FIXTURES / "basic", tmp_path / "site", config=config_with_pages(tmp_path, pages))
    assert result.returncode == 1
    clash = ("Trang viết tay có cùng địa chỉ {} với một trang được tạo tự động từ nội dung nên sẽ không được xuất "
             "bản; hãy đặt tên khác cho tệp")
    assert [line for line in result.stderr.splitlines() if line.startswith("ERROR")] == [
        f"ERROR   -  sangkien: pages/bang-xep-hang.md:1:1: {clash.format('/bang-xep-hang/')}",
        f"ERROR   -  sangkien: pages/tin-tuc/index.md:1:1: {clash.format('/tin-tuc/')}",
        "ERROR   -  Có 2 trang viết tay trùng địa chỉ với trang được tạo tự động; trang web không được tạo.",
    ]
    assert list((tmp_path / "site").rglob("*.html")) == []


def test_a_strict_build_failed_by_warnings_after_its_pages_were_written_exits_with_an_error(tmp_path):
    """MkDocs fails a strict build for its warnings once every file is written and the plugin's build has finished
    (on_post_build): the process still ends with status 1 (a finished build may end its process at once:
    collector.end_now)."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "basic", content)
    (content / "pages").mkdir()
    (content / "pages" / "huong-dan.md").write_text("# Hướng dẫn\n\nXem [trang cũ](khong-co.md).\n",
                                                    encoding="utf-8")
    (content / "pages" / "gioi-thieu.md").write_text("# Giới thiệu\n", encoding="utf-8")  # in mkdocs.yml's nav
    result = build_site(content, tmp_path / "site")
    assert [line for line in result.stderr.splitlines() if line.startswith("WARNING")] == [
        "WARNING -  Doc file 'huong-dan.md' contains a link 'khong-co.md', but the target is not found among "
        "documentation files."]
    assert (tmp_path / "site" / "sang-kien" / "index.html").is_file()  # failed once its files were written
    assert result.returncode == 1
