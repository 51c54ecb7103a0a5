"""Sharing on Facebook and Zalo: every page's preview metadata, social cards, feeds, sitemap and robots.txt."""

from __future__ import annotations

import json
import re
import shutil
import struct
import unicodedata
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import urljoin, urlparse

import extruct
import pytest
from bs4 import BeautifulSoup
from fontTools.ttLib import TTFont

from conftest import FIXTURES, ROOT, SITE_URL, build_site, config_with_pages
from generator import cards

SHARE_HOSTS = {"www.facebook.com", "sp.zalo.me", "twitter.com", "www.linkedin.com"}


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("shipped") / "site"
    result = build_site(ROOT / "content", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("basic") / "site"
    result = build_site(FIXTURES / "basic", out)
    assert result.returncode == 0, result.stderr
    return out


def html_pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("index.html"))


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def page_url(site: Path, path: Path) -> str:
    relative = path.parent.relative_to(site).as_posix()
    return SITE_URL if relative == "." else f"{SITE_URL}{relative}/"


def test_every_page_has_a_complete_preview(shipped):
    pages = html_pages(shipped)
    assert len(pages) > 100
    for path in pages:
        html = path.read_text(encoding="utf-8")
        data = extruct.extract(html, base_url=page_url(shipped, path), syntaxes=["opengraph", "json-ld"],
                               uniform=True)
        (og,) = data["opengraph"]
        soup = BeautifulSoup(html, "lxml")
        url = page_url(shipped, path)
        assert soup.title.string.strip(), path
        description = soup.find("meta", attrs={"name": "description"})["content"]
        # the shared text is the page's description behind the sample data's label, whole (not cut at a quote)
        assert description.strip() and og["og:description"] == f"[Dữ liệu mẫu] {description}", path
        assert soup.find("link", rel="canonical")["href"] == url == og["og:url"], path
        assert og["og:title"].strip() and og["og:description"].strip(), path
        assert (og["og:site_name"], og["og:locale"]) == ("Sáng kiến Hub", "vi_VN"), path
        assert (og["og:image:width"], og["og:image:height"], og["og:image:type"]) == ("1200", "630", "image/png")
        assert og["og:image:alt"].strip(), path
        image = og["og:image"]
        assert image.startswith(f"{SITE_URL}cards/") and image.endswith(".png"), path
        assert png_size(shipped / image.removeprefix(SITE_URL)) == (1200, 630), path
        assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
        is_initiative = re.fullmatch(rf"{SITE_URL}sang-kien/[^/]+/[^/]+/", url) is not None
        is_post = re.fullmatch(rf"{SITE_URL}tin-tuc/\d{{4}}/[^/]+/", url) is not None
        assert og["@type"] == ("article" if is_initiative or is_post else "website"), path
        types = [item["@type"] for item in data["json-ld"]]
        assert types == (["CreativeWork"] if is_initiative else ["NewsArticle"] if is_post else []), path


def test_json_ld_of_an_initiative(fixture_site):
    html = (fixture_site / "sang-kien/alpha/tu-dong-bao-cao/index.html").read_text(encoding="utf-8")
    (data,) = extruct.extract(html, syntaxes=["json-ld"])["json-ld"]
    assert data["name"] == "Tự động lập báo cáo ngày"
    assert data["url"] == f"{SITE_URL}sang-kien/alpha/tu-dong-bao-cao/"
    assert data["dateCreated"] == "2022-11-14"
    assert [(author["name"], author["worksFor"]["name"]) for author in data["author"]] == [
        ("Lê Văn Cường", "Công ty Điện lực Alpha"), ("Phạm Thị Dung", "Công ty Điện lực Beta")]


def test_json_ld_cannot_be_closed_by_content(fixture_site):
    html = (fixture_site / "sang-kien/beta/canh-bao-som/index.html").read_text(encoding="utf-8")
    (script,) = BeautifulSoup(html, "lxml").select('script[type="application/ld+json"]')
    assert "</script>" not in script.string and "\\u003c/script\\u003e" in script.string
    assert json.loads(script.string)["name"] == "Cảnh báo sớm <script>alert('x')</script> sự cố"


def test_no_page_refers_to_another_host_except_share_links(shipped):
    """Resources load from the site only; outside links are share links or links written in the content."""
    for path in html_pages(shipped):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for tag in soup.select("[src], link[href], script[src]"):
            address = tag.get("src") or tag.get("href")
            assert urljoin(page_url(shipped, path), address).startswith(SITE_URL), (path, address)
        for meta in soup.select('meta[property^="og:"], meta[name^="twitter:"]'):
            if meta["content"].startswith(("http:", "https:")):
                assert meta["content"].startswith(SITE_URL), (path, meta)
        for link in soup.select("a[href]"):
            target = urljoin(page_url(shipped, path), link["href"])
            if target.startswith(SITE_URL) or link["href"].startswith("mailto:"):
                continue
            in_share_bar = link.find_parent(class_="sk-share") is not None
            from_content = link.find_parent(class_=["sk-description", "sk-post", "sk-unit-links"]) is not None or (
                path.parent.name == "gioi-thieu")
            assert (in_share_bar and urlparse(target).hostname in SHARE_HOSTS) or from_content, (path, target)


def test_share_links_point_at_the_page(fixture_site):
    soup = BeautifulSoup((fixture_site / "sang-kien/alpha/ung-dung-flycam/index.html").read_text(encoding="utf-8"),
                         "lxml")
    bar = soup.select_one("aside.sk-share")
    assert bar["data-url"] == f"{SITE_URL}sang-kien/alpha/ung-dung-flycam/"
    links = {a.get_text(strip=True): a["href"] for a in bar.select("a")}
    encoded = "https%3A//sangkien.test/sang-kien/alpha/ung-dung-flycam/"
    assert links == {
        "Facebook": f"https://www.facebook.com/sharer/sharer.php?u={encoded}",
        "Zalo": f"https://sp.zalo.me/share_inline?url={encoded}",
        "X": f"https://twitter.com/intent/tweet?url={encoded}&text=%E1%BB%A8ng%20d%E1%BB%A5ng%20flycam%20ki%E1%BB%83m"
             "%20tra%20%C4%91%C6%B0%E1%BB%9Dng%20d%C3%A2y",
        "LinkedIn": f"https://www.linkedin.com/sharing/share-offsite/?url={encoded}",
    }
    assert all(a["rel"] == ["noopener", "noreferrer"] for a in bar.select("a"))
    assert [button["hidden"] == "" for button in bar.select("button")] == [True, True]  # shown by share.js
    assert not soup.select("iframe")


def test_feeds_sitemap_and_robots(fixture_site):
    rss = ElementTree.parse(fixture_site / "tin-tuc/rss.xml").getroot()
    items = [(item.findtext("title"), item.findtext("link"), item.findtext("pubDate")) for item in rss.iter("item")]
    assert items == [
        ("Tăng tốc giai đoạn 2", f"{SITE_URL}tin-tuc/2022/tang-toc/", "Tue, 15 Nov 2022 00:00:00 +0700"),
        ("Phát động phong trào thử nghiệm", f"{SITE_URL}tin-tuc/2022/phat-dong/", "Tue, 15 Feb 2022 00:00:00 +0700"),
    ]
    feed = json.loads((fixture_site / "tin-tuc/feed.json").read_text(encoding="utf-8"))
    assert [(item["url"], item["date_published"]) for item in feed["items"]] == [
        (f"{SITE_URL}tin-tuc/2022/tang-toc/", "2022-11-15T00:00:00+07:00"),
        (f"{SITE_URL}tin-tuc/2022/phat-dong/", "2022-02-15T00:00:00+07:00")]
    assert (fixture_site / "robots.txt").read_text() == f"User-agent: *\nAllow: /\n\nSitemap: {SITE_URL}sitemap.xml\n"
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {node.text for node in ElementTree.parse(fixture_site / "sitemap.xml").getroot().findall("s:url/s:loc",
                                                                                                        namespace)}
    assert locations == {page_url(fixture_site, path) for path in html_pages(fixture_site)}


def test_cards_are_drawn_once_and_a_changed_title_gets_a_new_url(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "basic", content)
    cache = tmp_path / "cache"

    def build(name: str) -> tuple[str, Path]:
        out = tmp_path / name
        result = build_site(content, out, cache=cache)
        assert result.returncode == 0, result.stderr
        return result.stderr, out

    log, first = build("first")
    assert re.search(r"(\d+) thẻ chia sẻ \(\1 thẻ vẽ mới\)", log)
    drawn = {path.name: path.stat().st_ino for path in (cache / "cards").iterdir() if path.suffix == ".png"}
    log, second = build("second")
    assert re.search(r"\d+ thẻ chia sẻ \(0 thẻ vẽ mới\)", log)
    assert {path.name: path.stat().st_ino for path in (cache / "cards").iterdir() if path.suffix == ".png"} == drawn

    def card_of(site: Path) -> str:
        html = (site / "sang-kien/alpha/so-hoa-ho-so/index.html").read_text(encoding="utf-8")
        return BeautifulSoup(html, "lxml").find("meta", property="og:image")["content"]

    path = content / "initiatives/alpha/so-hoa-ho-so.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Số hoá hồ sơ khách hàng", "Hồ sơ điện tử"), "utf-8")
    log, third = build("third")
    assert re.search(r"\d+ thẻ chia sẻ \(1 thẻ vẽ mới\)", log)
    assert card_of(third) != card_of(second)
    shutil.rmtree(cache)  # deleting the cache is safe: the next build draws everything again
    log, fourth = build("fourth")
    assert (fourth / card_of(fourth).removeprefix(SITE_URL)).read_bytes() == (
        third / card_of(third).removeprefix(SITE_URL)).read_bytes()


VIETNAMESE = "".join(sorted({
    unicodedata.normalize("NFC", base + mark)
    for base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
    for mark in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")} | set("đĐ")))


def test_card_font_has_every_vietnamese_letter():
    assert len(VIETNAMESE) == 2 * 12 * 6 + 2
    for font in (cards.BOLD, cards.REGULAR):
        cmap = TTFont(font).getBestCmap()
        assert [char for char in VIETNAMESE if ord(char) not in cmap] == [], font


def test_a_title_with_every_tone_mark_renders_without_missing_glyphs():
    title = "Ả À Á Ã Ạ ặ ẫ ổ ờ ự ỹ Đường dây điện"
    image = cards.draw(cards.CardSpec("Sáng kiến", title, "Đơn vị", "Sáng kiến Hub"))
    assert image.size == (1200, 630)
    font = cards._font(cards.BOLD, 72)
    missing = font.getmask("\uffff").getbbox()  # what a glyph the font lacks looks like
    for char in set(title) - {" "}:
        assert font.getmask(char).getbbox() != missing or char == "\uffff"


SITE_DESCRIPTION = 'Trang thông tin phong trào thi đua "10.000 sáng kiến" của Công đoàn Điện lực Việt Nam'


@pytest.fixture(scope="module")
def hand_written(tmp_path_factory) -> Path:
    """The basic fixture with two hand-written pages whose texts hold quotes, '&' and '<': one describing itself in
    its front matter, one falling back on mkdocs.yml's site_description (which quotes the campaign's name)."""
    root = tmp_path_factory.mktemp("hand-written")
    pages = root / "pages"
    pages.mkdir()
    (pages / "ve-du-lieu.md").write_text('---\ntitle: Về "10.000" & <hơn>\ndescription: Mô tả "có nháy" & <b>\n---\n\n'
                                         "Nội dung.\n", encoding="utf-8")
    (pages / "gioi-thieu.md").write_text("# Giới thiệu\n\nNội dung.\n", encoding="utf-8")
    result = build_site(FIXTURES / "basic", root / "site", config=config_with_pages(root, pages))
    assert result.returncode == 0, result.stderr
    return root / "site"


def _previews(path: Path) -> dict[str, str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    found = {"title": soup.title.string, "description": soup.find("meta", attrs={"name": "description"})["content"]}
    for meta in soup.find_all("meta", property=re.compile("^og:(title|description)$")):
        found[meta["property"]] = meta["content"]
    return found


@pytest.mark.parametrize("page, title, description", [
    ("ve-du-lieu/index.html", 'Về "10.000" & <hơn>', 'Mô tả "có nháy" & <b>'),
    ("gioi-thieu/index.html", "Giới thiệu", SITE_DESCRIPTION),
])
def test_a_hand_written_page_s_preview_keeps_its_quotes(hand_written, page, title, description):
    """Read back from the HTML as a browser or a sharing crawler reads it: neither cut at a quote nor escaped twice."""
    assert _previews(hand_written / page) == {"title": f"{title} – Sáng kiến Hub", "description": description,
                                               "og:title": title, "og:description": description}


def test_the_404_page_is_vietnamese_and_leads_back(hand_written):
    soup = BeautifulSoup((hand_written / "404.html").read_text(encoding="utf-8"), "lxml")
    assert soup.find("meta", attrs={"name": "description"})["content"] == SITE_DESCRIPTION
    article = soup.select_one("article")
    assert article.h1.get_text() == "Không tìm thấy trang"
    assert "Not found" not in soup.get_text()
    # the 404 page is served at any depth: its links start from the site's root on its host
    missing = urljoin(SITE_URL, "sang-kien/khong-co/")
    assert [(a.get_text(), urljoin(missing, a["href"])) for a in article.select("a")] == [
        ("trang chủ", SITE_URL), ("tìm kiếm", f"{SITE_URL}tim-kiem/")]
