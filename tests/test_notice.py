"""The campaign's notice (campaign.yml, notice): at the top of every page and on every social card of a real build.

A site built from sample data must say so wherever its numbers are read or shared, so nobody takes them for the
campaign's own. Built from a copy of tests/fixtures/basic with a notice and a hand-written page it links to.
"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import FIXTURES, SITE_URL, build_site, config_with_pages
from generator import cards
from generator.content import load
from generator.pages import SiteInfo, build_pages, default_card

# shown as written: the characters of markup stay text
TEXT = 'Số liệu <b>mẫu</b> & "minh hoạ", không phải kết quả thật.'
NOTICE = f"notice:\n  label: Dữ liệu mẫu\n  text: '{TEXT}'\n  page: gioi-thieu\nfields:"
AMBER = (255, 193, 7)  # the frame of the label (cards._SOLIDS[0])


def with_notice(root: Path) -> Path:
    content = root / "content"
    shutil.copytree(FIXTURES / "basic", content)
    campaign = content / "campaign.yml"
    campaign.write_text(campaign.read_text(encoding="utf-8").replace("fields:", NOTICE, 1), encoding="utf-8")
    (content / "pages").mkdir()
    (content / "pages/gioi-thieu.md").write_text("# Giới thiệu\n\nVề dữ liệu mẫu.\n", encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The site, its pages taken from the content tree (as the project's mkdocs.yml does with content/)."""
    root = tmp_path_factory.mktemp("notice")
    content = with_notice(root)
    result = build_site(content, root / "site", config=config_with_pages(root, content / "pages"))
    assert result.returncode == 0, result.stderr
    return root / "site"


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_shows_the_notice_and_links_its_page(site):
    pages = html_pages(site)
    assert len(pages) == 29  # 28 pages of every kind (home, 5 initiatives, units, fields, news, ...) and 404
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        banners = page.select("aside.md-banner")
        assert len(banners) == 1, path
        banner = banners[0]
        assert " ".join(banner.get_text(" ").split()) == f"Dữ liệu mẫu: {TEXT} Xem thêm", path
        assert [tag.name for tag in banner.select(".sk-notice *")] == ["strong", "a"], path
        href = banner.select_one("a")["href"]
        here = path.parent.relative_to(site).as_posix()
        if href.startswith("/"):  # the 404 page, served at any depth, links from the site's root
            assert path.name == "404.html" and href == "/gioi-thieu/"
        else:
            assert posixpath.normpath(posixpath.join(here, href)) == "gioi-thieu", path


def test_every_shared_description_starts_with_the_label(site):
    """A chat's preview shows the card too small to read: the text it shows says it too."""
    for path in html_pages(site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        shared = page.select('meta[property="og:description"], meta[name="twitter:description"]')
        if path.name != "404.html":
            assert len(shared) == 2, path
        assert all(meta["content"].startswith("[Dữ liệu mẫu] ") for meta in shared), path


def test_every_card_carries_the_label(site):
    """Every card the pages show has the framed label at the right of its footer."""
    shown = set()
    for path in html_pages(site):
        image = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").select_one('meta[property="og:image"]')
        if image is not None:
            shown.add(image["content"].removeprefix(SITE_URL))
    assert len(shown) == 28  # one card a page; the 404 page has none
    for card in shown:
        with Image.open(site / card) as image:
            assert image.convert("RGB").getpixel((cards.WIDTH - 80, cards.HEIGHT - 88)) == AMBER, card


def test_every_page_definition_has_the_label(tmp_path):
    info = SiteInfo("Sáng kiến Hub", SITE_URL)
    labelled = load(with_notice(tmp_path)).site
    assert {spec.card.label for spec in build_pages(labelled, info)} == {"Dữ liệu mẫu"}
    assert default_card(labelled, info, "Giới thiệu").label == "Dữ liệu mẫu"  # hand-written pages
    assert {spec.card.label for spec in build_pages(load(FIXTURES / "basic").site, info)} == {""}


def test_without_a_notice_there_is_no_banner_and_no_label(tmp_path):
    result = build_site(FIXTURES / "basic", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    home = BeautifulSoup((tmp_path / "site/index.html").read_text(encoding="utf-8"), "lxml")
    assert home.select("aside.md-banner") == []
    assert not home.select_one('meta[property="og:description"]')["content"].startswith("[")
    card = home.select_one('meta[property="og:image"]')["content"].removeprefix(SITE_URL)
    with Image.open(tmp_path / "site" / card) as image:
        assert image.convert("RGB").getpixel((cards.WIDTH - 80, cards.HEIGHT - 88)) == cards.BACKGROUND
