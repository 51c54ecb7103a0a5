"""The shipped content: it validates, and ``mkdocs build --strict`` gives one page per item, sections only in the nav."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, SITE_URL, build_site
from generator.content import load
from generator.pages.base import PER_PAGE

CONTENT = ROOT / "content"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("shipped") / "site"
    result = build_site(CONTENT, out)
    assert result.returncode == 0, result.stderr
    return out


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def test_shipped_content_is_valid():
    assert load(CONTENT).problems == []


def test_one_page_per_initiative_file(site):
    files = sorted(CONTENT.glob("initiatives/*/*.yml"))
    drafts = {path for path in files if yaml.safe_load(path.read_text(encoding="utf-8")).get("draft")}
    assert len(files) >= 60
    for path in files:
        page = site / "sang-kien" / path.parent.name / path.stem / "index.html"
        assert page.exists() != (path in drafts), path
    assert len(list((site / "sang-kien").glob("*/*/index.html"))) == len(files) - len(drafts)


def test_one_page_per_unit_and_per_field(site):
    units = yaml.safe_load((CONTENT / "units.yml").read_text(encoding="utf-8"))["units"]
    fields = yaml.safe_load((CONTENT / "campaign.yml").read_text(encoding="utf-8"))["fields"]
    assert 12 <= len(units) <= 20
    assert {path.parent.name for path in (site / "don-vi").glob("*/index.html")} == {unit["id"] for unit in units}
    assert {path.parent.name for path in (site / "linh-vuc").glob("*/index.html")} == {item["id"] for item in fields}


def test_no_page_lists_every_initiative_and_the_nav_has_none(site):
    total = len(list((site / "sang-kien").glob("*/*/index.html")))
    for path in site.rglob("index.html"):
        page = soup(path)
        cards = page.select(".sk-card")
        assert len(cards) <= PER_PAGE < total, path
        here = "https://site/" + path.parent.relative_to(site).as_posix() + "/"
        targets = {urljoin(here, a["href"]).split("#")[0] for a in page.select("nav.md-nav--primary a[href]")}
        assert {target.removeprefix("https://site/") for target in targets} == {
            "", "sang-kien/", "tim-kiem/", "tieu-bieu/", "don-vi/", "linh-vuc/", "tien-do/", "bang-xep-hang/",
            "vinh-danh/", "tin-tuc/", "gioi-thieu/"}, path


def test_no_request_leaves_the_site(site):
    for path in list(site.rglob("*.html")) + list(site.rglob("*.css")):
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, path
    for path in site.rglob("*.css"):
        # a stylesheet may only load fonts and images from the site itself
        assert not re.findall(r"(?:url\(|@import)\s*['\"]?(?:https?:)?//", path.read_text(encoding="utf-8")), path
    for path in site.rglob("index.html"):
        page = soup(path)
        sources = [tag.get("src") for tag in page.select("script[src], img[src]")]
        sources += [tag.get("href") for tag in page.select("link[href]") if tag.get("rel") != ["canonical"]]
        external = [url for url in sources if url and url.startswith(("http:", "https:", "//"))]
        assert not [url for url in external if not url.startswith(SITE_URL)], path


def test_every_internal_link_and_image_resolves(site):
    from generator.linkcheck import check_site

    assert [str(broken) for broken in check_site(site)] == []
