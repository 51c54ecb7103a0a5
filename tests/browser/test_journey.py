"""A reader's journey through the shipped site in Debian's Chromium, the share buttons (intercepted: nothing is
sent), the phone layout (360×740: no sideways scrolling, tap targets) and a screenshot of each page type under
test-artifacts/screenshots/ (gitignored).

Tap-target rule (tested at 360×740 on every page type):
- controls — every visible button, input, select, the header's buttons and links, the share bar's buttons and the
  pager's links — are at least 44×44 CSS px (WCAG 2.5.5);
- every other visible link in the page content (``.md-content``) follows WCAG 2.5.8: it is part of a sentence (an
  inline link whose paragraph, list item or cell has other text), or it is at least 24×24 px, or it has room: a
  24 px circle around its centre touches no other target and no other small target's circle (its centre is
  ≥ 12 px from every other target's box and ≥ 24 px from every other small target's centre).
Links of Material's drawer and footer are outside the rule (the drawer is closed at this width; the footer is
Material's own)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from browser_support import (ARTIFACTS, PHONE, browser, context, page_types, phone,  # noqa: F401 (fixtures)
                             requires_chromium, shipped)

pytestmark = requires_chromium

from playwright.sync_api import expect  # noqa: E402 (after the skip's reason)

SHOTS = ARTIFACTS / "screenshots"
SHARERS = {"Facebook": ("https://www.facebook.com/sharer/sharer.php", "u"),
           "Zalo": ("https://sp.zalo.me/share_inline", "url"),
           "X": ("https://twitter.com/intent/tweet", "url"),
           "LinkedIn": ("https://www.linkedin.com/sharing/share-offsite/", "url")}


def nav(page, label: str) -> None:
    """Follow the site navigation (the left sidebar on a desktop) to the page called ``label``."""
    page.locator(".md-nav--primary a.md-nav__link", has_text=re.compile(rf"^\s*{label}\s*$")).first.click()


def test_home_to_search_the_way_a_reader_goes(shipped, context):
    page = context.new_page()
    page.goto(shipped.url)
    expect(page.locator("h1")).to_be_visible()
    card = page.locator(".sk-showcase .sk-card__title a").first
    title = card.text_content().strip()
    card.click()
    expect(page).to_have_url(re.compile(r"/sang-kien/[^/]+/[^/]+/$"))
    expect(page.locator("h1")).to_have_text(title)
    unit = page.locator(".sk-facts dd a").first
    unit_name = unit.text_content().strip()
    unit_slug = unit.get_attribute("href").rstrip("/").rsplit("/", 1)[-1]
    unit.click()
    expect(page).to_have_url(re.compile(r"/don-vi/[^/]+/$"))
    expect(page.locator("h1")).to_have_text(unit_name)
    assert title in page.locator(".sk-card__title").all_text_contents() or page.locator(".sk-pager").count()
    nav(page, "Bảng xếp hạng")
    expect(page).to_have_url(re.compile(r"/bang-xep-hang/$"))
    expect(page.locator(f'table a[href$="/don-vi/{unit_slug}/"]').first).to_be_visible()
    nav(page, "Tiến độ")
    expect(page).to_have_url(re.compile(r"/tien-do/$"))
    expect(page.locator("svg.sk-chart").first).to_be_visible()
    nav(page, "Tin tức")
    expect(page).to_have_url(re.compile(r"/tin-tuc/$"))
    post = page.locator(".sk-news__title a").first
    headline = post.text_content().strip()
    post.click()
    expect(page).to_have_url(re.compile(r"/tin-tuc/\d{4}/[^/]+/$"))
    expect(page.locator("h1")).to_have_text(headline)
    box = page.locator("#sk-search-input")
    box.type("dien giat")
    first = page.locator(".sk-search__results .sk-result__title").first
    expect(first).to_contain_text("điện giật")
    first.click()
    expect(page).to_have_url(re.compile(r"/sang-kien/[^/]+/[^/]+/$"))
    expect(page.locator("h1")).to_contain_text("điện giật")


@pytest.mark.parametrize("kind", ["initiative", "news-post", "home"])
def test_share_buttons_open_the_networks_with_this_page_s_address(shipped, browser, kind):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened: list[str] = []

    def intercept(route):
        url = route.request.url
        if re.match(r"^https?://127\.0\.0\.1[:/]", url):
            route.continue_()
        else:
            opened.append(url)
            route.fulfill(status=200, content_type="text/html", body="<title>intercepted</title>")

    context.route("**/*", intercept)
    page = context.new_page()
    path = page_types(shipped.root)[kind]
    page.goto(shipped.url + path)
    address = page.locator(".sk-share").get_attribute("data-url")
    assert address.endswith("/" + path) or (path == "" and address.endswith("/"))
    for label, (endpoint, key) in SHARERS.items():
        opened.clear()
        with context.expect_page() as popup:
            page.locator(".sk-share a.sk-share__button", has_text=re.compile(rf"^{label}$")).click()
        popup.value.wait_for_load_state()
        assert opened, label
        sent = urlsplit(opened[0])
        assert f"{sent.scheme}://{sent.netloc}{sent.path}" == endpoint, (label, opened)
        assert parse_qs(sent.query)[key] == [address], (label, opened)  # the page's address, percent-encoded
        assert "%3A" in sent.query  # encoded, not pasted raw
        assert popup.value.url == opened[0]
        popup.value.close()
    context.close()


TAP_TARGETS = """() => {
  const visible = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && !el.closest("[hidden], .md-sidebar, .md-footer"); };
  const describe = (el, r) => `${el.tagName.toLowerCase()}.${el.className || ""} “${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 40)}” ${Math.round(r.width)}×${Math.round(r.height)}`;
  const controls = [...document.querySelectorAll(
    ".md-header a, .md-header button, .md-header label.md-header__button, .md-header input:not([type=checkbox]), " +
    ".md-content button, .md-content input, .md-content select, .sk-share a, .sk-pager a")].filter(visible);
  const problems = [];
  for (const el of controls) {
    const r = el.getBoundingClientRect();
    if (Math.min(r.width, r.height) < 43.5) problems.push("control " + describe(el, r));
  }
  const inSentence = a => {
    if (getComputedStyle(a).display !== "inline") return false;
    const block = a.closest("p, li, dd, td, th, figcaption");
    if (!block) return false;
    let other = block.textContent; for (const link of block.querySelectorAll("a")) other = other.replace(link.textContent, "");
    return other.replace(/[\\s·—–,:;().]/g, "").length > 0;
  };
  const all = [...document.querySelectorAll(".md-content a, .md-content button, .md-content input, .md-content select, .md-content summary")].filter(visible);
  const boxes = all.map(el => [el, el.getBoundingClientRect()]);
  const small = r => r.width < 23.5 || r.height < 23.5;
  const centre = r => [r.left + r.width / 2, r.top + r.height / 2];
  const toBox = ([x, y], o) => Math.hypot(Math.max(o.left - x, 0, x - o.right), Math.max(o.top - y, 0, y - o.bottom));
  for (const [el, r] of boxes) {
    if (el.tagName !== "A" || controls.includes(el) || inSentence(el) || !small(r)) continue;
    const c = centre(r);
    for (const [other, o] of boxes) {
      if (other === el || other.contains(el) || el.contains(other)) continue;
      const [ox, oy] = centre(o);
      if (toBox(c, o) < 12 || (small(o) && Math.hypot(ox - c[0], oy - c[1]) < 24)) {
        problems.push("crowded " + describe(el, r) + " next to " + describe(other, o)); break;
      }
    }
  }
  return problems;
}"""


# the one-word links of tables (a unit's code such as EVNHANOI) drawn on more than one line: Material lets links break
# anywhere, and a table squeezed onto a phone cut them (EVNHA|NOI) rather than scroll
WORDS_SPLIT_IN_TABLES = """() => [...document.querySelectorAll('.md-content table a')]
  .filter(a => !/\\s/.test(a.textContent.trim()) && a.getClientRects().length > 1)
  .map(a => a.textContent.trim())"""


@pytest.mark.parametrize("kind", ["home", "initiative", "unit", "field", "listing", "leaderboards", "progress",
                                  "news-index", "news-post", "browse", "showcase", "honours", "about"])
def test_on_a_phone_nothing_scrolls_sideways_and_targets_are_big_enough(shipped, phone, kind):
    page = phone.new_page()
    page.goto(shipped.url + page_types(shipped.root)[kind])
    page.wait_for_load_state("networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{kind}: the page is {width}px wide"
    problems = page.evaluate(TAP_TARGETS)
    assert problems == [], f"{kind}:\n" + "\n".join(problems)
    assert page.evaluate(WORDS_SPLIT_IN_TABLES) == [], f"{kind}: a word of a table is cut across lines"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{kind}-360.png"), full_page=True)


def test_the_leaderboard_sorts_by_a_column_and_no_other_page_loads_its_script(shipped, context):
    """sortable.js was loaded by every page; only the leaderboard has sortable tables."""
    page = context.new_page()
    page.goto(shipped.url + "bang-xep-hang/")
    units = page.locator("table.sk-sortable").first
    header = units.locator("thead th").nth(2)  # Sáng kiến
    header.locator("button.sk-sort").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    counts = [int(value) for value in units.locator("tbody tr td:nth-child(3)").evaluate_all(
        "cells => cells.map(cell => cell.dataset.value)")]
    assert counts == sorted(counts) and counts != sorted(counts, reverse=True)
    for kind, path in page_types(shipped.root).items():
        if kind != "leaderboards":
            html = (shipped.root / path / "index.html").read_text(encoding="utf-8")
            assert "sortable.js" not in html, kind
