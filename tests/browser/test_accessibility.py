"""Accessibility in a real browser: axe-core (npm, pinned in quality/package-lock.json; `npm ci --prefix quality`
installs it, .ci/run does) on one page of each type of the shipped site, at a phone's and a desktop's width.
Zero serious or critical violations, colour contrast included; Vietnamese declared; the chart has a text
equivalent."""

from __future__ import annotations

import pytest

from browser_support import browser, context, page_types, phone, requires_chromium, shipped  # noqa: F401 (fixtures)
from conftest import ROOT

AXE = ROOT / "quality" / "node_modules" / "axe-core" / "axe.min.js"
pytestmark = [requires_chromium, pytest.mark.skipif(
    not AXE.exists(), reason="axe-core is not installed: npm ci --prefix quality (.ci/run does)")]

TYPES = ["home", "initiative", "unit", "field", "listing", "leaderboards", "progress", "news-index", "news-post",
         "browse", "showcase", "honours", "about"]  # the keys of browser_support.page_types
RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + ": " + (n.failureSummary || "").replace(/\\s+/g, " "))}));
}"""


def violations(page, url: str) -> list[dict]:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN)


@pytest.mark.parametrize("kind", TYPES)
@pytest.mark.parametrize("profile", ["phone", "context"])
def test_no_serious_or_critical_axe_violation(shipped, request, profile, kind):
    page = request.getfixturevalue(profile).new_page()
    path = page_types(shipped.root)[kind]
    found = violations(page, shipped.url + path)
    serious = [item for item in found if item["impact"] in ("serious", "critical")]
    assert serious == [], f"/{path}: " + "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n  " +
                                                   "\n  ".join(v["nodes"][:5]) for v in serious)
    assert page.evaluate("document.documentElement.lang") == "vi"


def test_no_axe_violation_at_all_on_the_home_page(shipped, phone):
    """Moderate and minor ones (heading order, landmarks) are not allowed to creep in on the busiest page."""
    found = violations(phone.new_page(), shipped.url)
    assert found == [], found


def test_the_progress_chart_has_a_text_equivalent(shipped, context):
    page = context.new_page()
    page.goto(shipped.url + "tien-do/")
    chart = page.locator("svg.sk-chart")
    assert chart.count() >= 1
    first = chart.first
    assert first.get_attribute("role") == "img"
    labelled = first.get_attribute("aria-labelledby") or ""
    assert first.locator("title").count() == 1 and first.locator("title").text_content().strip()
    assert first.locator("desc").count() == 1 and first.locator("desc").text_content().strip()
    ids = [first.locator(tag).get_attribute("id") for tag in ("title", "desc")]
    assert all(name and name in labelled.split() for name in ids), (labelled, ids)
    table = page.locator("details table")
    assert table.count() >= 1 and table.first.locator("tbody tr").count() >= 2
