"""Progress, leaderboards, the home hero and the open data, on real builds.

Fixture (tests/fixtures/basic), counted by hand: 5 published initiatives up to the as-of date 14/11/2022.
Phase 1 (01/09/2021–31/05/2022): flycam 10/03, biển báo 31/05 (on the last day: counts) = 2 of 6 -> 33,3%.
Phase 2: 01/07, 09/09, 14/11 = 3 of 14 -> 21,4%. Units: Alpha 3 (rank 1), Beta 2 of quota 1 (rank 2, reached its
quota on 31/05/2022), Gamma 0 (rank 3). Fields: Kỹ thuật 2, Chuyển đổi số 2 (both rank 1, 40,0%), An toàn 1 (rank 3).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, build_site
from generator.content import load
from generator.pages import SiteInfo, leaderboard


def built(tmp_path_factory, content: Path, name: str) -> Path:
    out = tmp_path_factory.mktemp(name) / "site"
    result = build_site(content, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    return built(tmp_path_factory, FIXTURES / "basic", "basic")


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory) -> Path:
    return built(tmp_path_factory, ROOT / "content", "shipped")


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "lxml").select_one("article")


def text(node) -> str:
    """The text a reader sees: inline tags joined as written, line breaks as spaces."""
    for br in node.find_all("br"):
        br.replace_with(" ")
    return " ".join(node.get_text().split())


def table(node) -> list[list[str]]:
    return [[text(cell) for cell in row.select("td")] for row in node.select("tbody tr")]


def test_progress_page_of_the_fixture(fixture_site):
    body = page(fixture_site, "tien-do")
    assert text(body.select_one("#tong .sk-headline")) == "5 / 20 sáng kiến (25,0%), tính đến 14/11/2022."
    statuses = [text(p) for p in body.select("#tong p")[1:]]
    assert statuses[0] == ("Còn 291 ngày đến hạn 01/09/2023; còn thiếu 15 sáng kiến, "
                           "cần trung bình 1 sáng kiến mỗi tuần.")
    # 90-day window 17/08–14/11/2022 holds 2 registrations: 15 more take ceil(15 × 90 / 2) = 675 days.
    assert statuses[1] == ("Tốc độ 90 ngày gần nhất: 0,2 sáng kiến mỗi tuần. Giữ tốc độ này, chỉ tiêu sẽ đạt vào ngày "
                           "19/09/2024: không kịp hạn.")
    phases = [text(section.p) for section in body.select("section.sk-phase")]
    assert phases == ["2 / 6 sáng kiến (33,3%).", "3 / 14 sáng kiến (21,4%)."]
    # an ended phase's shortfall is final: not "overdue by N days, N still missing"
    assert [text(section.select("p")[1]) for section in body.select("section.sk-phase")] == [
        "Đã kết thúc ngày 31/05/2022, thiếu 4 sáng kiến so với chỉ tiêu.",
        "Còn 320 ngày đến hạn 30/09/2023; còn thiếu 11 sáng kiến, cần trung bình 1 sáng kiến mỗi tuần."]
    revisions = [text(li) for li in body.select(".sk-revisions li")]
    assert revisions == [
        "Kế hoạch số 1/KH-TN ngày 14/02/2022: 20 sáng kiến, hạn 30/09/2023",
        "Công văn số 2/TN ngày 14/11/2022: 20 sáng kiến, hạn 01/09/2023 Đang áp dụng Rút ngắn hạn",
    ]
    units = [text(li.p) for li in body.select(".sk-unit-bars li")]
    assert units == ["Công ty Điện lực Alpha: 3 / 6 (50,0%)",
                     "Công ty Điện lực Beta: 2 / 1 (200,0%) Vượt chỉ tiêu từ 31/05/2022",
                     "Công ty Gamma: 0 sáng kiến (chưa giao chỉ tiêu)"]
    months = table(body.select_one("details table"))
    assert months[0] == ["09/2021", "0", "0"] and months[-1] == ["11/2022", "1", "5"] and len(months) == 15


def test_burn_up_chart_is_an_accessible_svg(fixture_site):
    chart = page(fixture_site, "tien-do").select_one("svg.sk-chart")
    assert chart["role"] == "img"
    assert text(chart.title) == "Số sáng kiến lũy kế của Thử nghiệm"
    assert text(chart.desc) == ("Đến 14/11/2022: 5 sáng kiến. Chỉ tiêu 20. "
                                "Theo tốc độ hiện nay, đến hạn đạt khoảng 11 sáng kiến.")
    assert [len(chart.select(kind)) for kind in (".sk-actual", ".sk-target", ".sk-deadline", ".sk-projection")] == [1] * 4


def test_leaderboards_of_the_fixture(fixture_site):
    body = page(fixture_site, "bang-xep-hang")
    units, authors, fields, blocs = body.select("table.sk-sortable")
    assert table(units) == [["1", "ALPHA", "3", "6", "50,0%", "1,2 tỷ đồng"],
                            ["2", "BETA Vượt chỉ tiêu", "2", "1", "200,0%", "—"],
                            ["3", "GAMMA", "0", "—", "—", "—"]]
    assert table(authors) == [["1", "Đỗ Thị <i>Giang</i>", "BETA", "1"], ["1", "Hoàng Văn Em", "BETA", "1"],
                              ["1", "Lê Văn Cường", "ALPHA", "1"], ["1", "Nguyễn Văn An", "ALPHA", "1"],
                              ["1", "Phạm Thị Dung", "BETA", "1"], ["1", "Trần Thị Bình", "ALPHA", "1"]]
    assert table(fields) == [["1", "Kỹ thuật", "2", "40,0%"], ["1", "Chuyển đổi số", "2", "40,0%"],
                             ["3", "An toàn", "1", "20,0%"]]
    assert table(blocs) == [["1", "Khối A", "ALPHA, BETA", "5", "100,0%"], ["2", "Chưa xếp khối", "GAMMA", "0", "0,0%"]]
    assert [row.select_one("td")["data-value"] for row in units.select("tbody tr")] == ["1", "2", "3"]


@pytest.mark.parametrize("top, cut_rank", [(4, 1), (6, None), (10, None)])
def test_the_leaderboard_says_when_its_authors_are_cut_within_a_rank(monkeypatch, top, cut_rank):
    """The fixture's six authors all share rank 1: a list of four leaves out two of the same rank."""
    monkeypatch.setattr(leaderboard, "TOP_AUTHORS", top)
    site = load(FIXTURES / "basic").site.published(dt.date(2100, 1, 1))  # drafts left out, as built
    data = leaderboard.page(site, SiteInfo("Sáng kiến Hub", "https://sangkien.test/")).data
    assert (len(data["authors"]), data["cut_rank"]) == (min(top, 6), cut_rank)


def test_open_data_of_the_fixture(fixture_site):
    data = json.loads((fixture_site / "data/stats.json").read_text(encoding="utf-8"))
    assert data["as_of"] == "2022-11-14"
    assert {key: data["total"][key] for key in ("count", "target", "percent")} == {"count": 5, "target": 20, "percent": 25.0}
    assert [(p["id"], p["count"], p["target"], p["percent"], p["deadline"]) for p in data["phases"]] == [
        ("giai-doan-1", 2, 6, 33.3, "2022-05-31"), ("giai-doan-2", 3, 14, 21.4, "2023-09-30")]
    assert [(u["id"], u["count"], u["target"], u["percent"], u["benefit_vnd"], u["rank"], u["exceeded_on"])
            for u in data["units"]] == [("alpha", 3, 6, 50.0, 1200000000, 1, None),
                                        ("beta", 2, 1, 200.0, 0, 2, "2022-05-31"),
                                        ("gamma", 0, None, None, 0, 3, None)]
    units_csv = list(csv.reader(io.StringIO((fixture_site / "data/units.csv").read_text(encoding="utf-8-sig"))))
    assert units_csv[0] == ["rank", "id", "name", "short_name", "bloc", "count", "target", "percent", "benefit_vnd",
                            "exceeded_on"]
    assert units_csv[2] == ["2", "beta", "Công ty Điện lực Beta", "BETA", "khoi-a", "2", "1", "200.0", "0", "2022-05-31"]
    monthly = list(csv.reader(io.StringIO((fixture_site / "data/monthly.csv").read_text(encoding="utf-8-sig"))))
    assert monthly[0] == ["month", "count", "cumulative"] and monthly[-1] == ["2022-11", "1", "5"]
    for name in ("authors.csv", "fields.csv"):
        assert (fixture_site / "data" / name).read_bytes().startswith(b"\xef\xbb\xbf")


def _number(shown: str) -> float:
    """Back from Vietnamese formatting: "4.130" -> 4130, "41,3%" -> 41.3."""
    return float(shown.rstrip("%").replace(".", "").replace(",", "."))


def _lookup(data: dict, path: str):
    head, *rest = path.split(".")
    value = data[head]
    if isinstance(value, list):
        value = next(item for item in value if item["id"] == rest[0])
        rest = rest[1:]
    for key in rest:
        value = value[key]
    return value


def test_numbers_shown_equal_the_open_data(shipped_site):
    data = json.loads((shipped_site / "data/stats.json").read_text(encoding="utf-8"))
    # the shipped numbers come from sample initiatives, and the open data says so as the pages do
    assert data["notice"]["label"] == "Dữ liệu mẫu"
    home = BeautifulSoup((shipped_site / "index.html").read_text(encoding="utf-8"), "lxml")
    assert data["notice"]["text"] in text(home.select_one("aside.md-banner"))
    checked = 0
    for url in (".", "tien-do", "bang-xep-hang"):
        for node in page(shipped_site, url).select("[data-stat]"):
            assert _number(text(node)) == _lookup(data, node["data-stat"]), (url, node["data-stat"])
            checked += 1
    assert checked >= 3 + 6 + 2 * len(data["units"])
    rows = page(shipped_site, "bang-xep-hang").select("table.sk-sortable")[0].select("tbody tr")
    assert [(row["data-unit"], int(row.select("td")[0]["data-value"]), int(row.select("td")[2]["data-value"]))
            for row in rows] == [(unit["id"], unit["rank"], unit["count"]) for unit in data["units"]]


def test_pages_link_the_open_data(shipped_site):
    for url in ("tien-do", "bang-xep-hang"):
        links = [a["href"] for a in page(shipped_site, url).select("a[href]") if re.search(r"\.(json|csv)$", a["href"])]
        assert links and all((shipped_site / url / link).resolve().is_file() for link in links)
