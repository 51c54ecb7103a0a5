"""Links between site paths (generator/pages/urls.py: relative) are exactly the ones MkDocs' url filter writes."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest
from mkdocs.utils import normalize_url
from mkdocs.utils.templates import url_filter

from generator import content
from generator.clock import publish_date
from generator.pages import SiteInfo, build_pages, urls
from generator.plugin import _quick_url

ROOT = Path(__file__).resolve().parent.parent

# what is not a plain site path: MkDocs normalises these (or keeps them), so relative() leaves them to it
NOT_PLAIN = ["", ".", "./", "../tin-tuc/", "/tuyet-doi/", "#muc", "https://evn.com.vn/", "mailto:a@b.vn",
             "don-vi//evnhanoi/", "sang-kien/./x/", "sang-kien/../x/", ".well-known/x", "a\\b/", "x?y=1"]


@pytest.fixture(scope="module")
def addresses() -> list[str]:
    """Every page address of the shipped site, the files its pages link to, and a few other shapes."""
    site = content.load(ROOT / "content").site.published(publish_date())
    specs = build_pages(site, SiteInfo("Hub", "https://sangkien.test/"))
    photos = [urls.photo(photo) for item in site.initiatives for photo in item.photos]
    return sorted({spec.url for spec in specs} | set(photos)
                  | {urls.HOME, urls.NEWS_RSS, "data/units.csv", "404.html", "sang-kien", "a/b.c/d/"})


def test_plain_site_paths_link_as_mkdocs_links_them(addresses):
    assert len(addresses) > 50
    compared = 0
    for here in addresses:
        page = SimpleNamespace(url=here)
        for target in addresses:
            if target == "":
                continue  # the home page's address: not plain (MkDocs reads '' as '.')
            assert urls.relative(target, here) == normalize_url(target, page=page), (target, here)
            compared += 1
    assert compared > 2500


def test_every_generated_page_is_in_one_of_the_sections_and_every_section_has_pages():
    site = content.load(ROOT / "content").site.published(publish_date())
    addresses = [spec.url for spec in build_pages(site, SiteInfo("Hub", "https://sangkien.test/"))]
    assert [address for address in addresses if not urls.may_be_generated(address)] == []
    assert sorted({address.partition("/")[0] for address in addresses}) == sorted(
        [urls.HOME] + [section.rstrip("/") for section in urls.SECTIONS])
    assert not urls.may_be_generated("gioi-thieu/") and not urls.may_be_generated("data/")


@pytest.mark.parametrize("target", NOT_PLAIN)
def test_anything_else_is_left_to_mkdocs(target):
    assert urls.relative(target, "sang-kien/evnhanoi/x/") is None
    assert urls.relative("don-vi/evnhanoi/", target) is None or target == ""


def test_examples():
    assert urls.relative("don-vi/evnhanoi/", "sang-kien/evnhanoi/may-cat/") == "../../../don-vi/evnhanoi/"
    assert urls.relative("sang-kien/evnhanoi/khac/", "sang-kien/evnhanoi/may-cat/") == "../khac/"
    assert urls.relative("sang-kien/evnhanoi/may-cat/", "sang-kien/evnhanoi/may-cat/") == "./"
    assert urls.relative("media/anh.jpg", "") == "media/anh.jpg"
    assert urls.relative("tin-tuc/", "404.html") == "tin-tuc/"


def test_the_themes_filter_gives_mkdocs_result_for_every_value(addresses):
    """The filter the plugin installs (plugin._quick_url) over MkDocs' own, through Jinja as templates call it."""
    environment = jinja2.Environment(autoescape=True)
    stock = url_filter
    environment.filters["url"] = _quick_url(stock)
    template = environment.from_string("{{ value | url }}")
    reference = jinja2.Environment(autoescape=True)
    reference.filters["url"] = stock
    expected = reference.from_string("{{ value | url }}")
    for here in ["", "sang-kien/evnhanoi/may-cat/", "404.html", "don-vi/"]:
        page = SimpleNamespace(url=here)
        for value in addresses + NOT_PLAIN:
            context = {"page": page, "base_url": "../" * here.count("/"), "value": value}
            assert template.render(context) == expected.render(context), (value, here)
