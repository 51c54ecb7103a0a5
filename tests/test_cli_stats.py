"""``sangkien stats``: headline numbers in Vietnamese formats, JSON for comparisons, a Markdown job summary.

Hand-computed on tests/fixtures/basic (see tests/test_build.py): 5 published initiatives, as of 14/11/2022, the
target in force then is 20 by 01/09/2023 (291 days later): 25,0%. Alpha 3 of 6, Beta 2 of 1, Gamma 0 without a
quota. Built on 01/01/2023 (SOURCE_DATE_EPOCH), two news posts are out (the draft and the 2099 post are not).
"""

from __future__ import annotations

import json

import pytest

from generator.cli import main
from generator.headline import markdown

BASIC = "tests/fixtures/basic"
NEW_YEAR_2023 = "1672531200"


@pytest.fixture(autouse=True)
def build_day(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NEW_YEAR_2023)


def stats(capsys, *argv: str) -> tuple[int, str]:
    status = main(["stats", *argv])
    return status, capsys.readouterr().out


def test_text(capsys):
    assert stats(capsys, "--content", BASIC) == (0, """\
Phong trào thử nghiệm — số liệu đến ngày 14/11/2022
Sáng kiến đã đăng ký: 5
Chỉ tiêu: 20, hạn 01/09/2023 — đạt 25,0%
Còn 291 ngày đến hạn.
Tin đã đăng: 2
3 đơn vị dẫn đầu:
  1. ALPHA: 3 sáng kiến (chỉ tiêu 6, đạt 50,0%)
  2. BETA: 2 sáng kiến (chỉ tiêu 1, đạt 200,0%)
  3. GAMMA: 0 sáng kiến (chưa giao chỉ tiêu)
""")


def test_a_notice_comes_first(tree, capsys):
    """Numbers of sample data say so when they are copied into a report (campaign.yml, notice)."""
    tree.edit("campaign.yml", "fields:", "notice:\n  label: Dữ liệu mẫu\n  text: Không phải kết quả thật.\nfields:")
    status, out = stats(capsys, "--content", str(tree.root))
    assert status == 0
    assert out.splitlines()[:2] == ["Dữ liệu mẫu: Không phải kết quả thật.",
                                    "Phong trào thử nghiệm — số liệu đến ngày 14/11/2022"]
    status, out = stats(capsys, "--content", str(tree.root), "--format", "json")
    assert json.loads(out)["notice"] == {"label": "Dữ liệu mẫu", "text": "Không phải kết quả thật."}


def test_json(capsys):
    status, out = stats(capsys, "--content", BASIC, "--format", "json")
    numbers = json.loads(out)
    assert status == 0
    assert {key: numbers[key] for key in ("as_of", "count", "target", "percent", "deadline", "days_left", "news")} == {
        "as_of": "2022-11-14", "count": 5, "target": 20, "percent": 25.0, "deadline": "2023-09-01", "days_left": 291,
        "news": 2}
    assert numbers["notice"] is None
    assert [(unit["id"], unit["count"], unit["rank"]) for unit in numbers["units"]] == [
        ("alpha", 3, 1), ("beta", 2, 2), ("gamma", 0, 3)]


def test_markdown_compares_with_the_base(tree, capsys, tmp_path):
    base = tmp_path / "base.json"
    main(["stats", "--content", str(tree.root), "--format", "json"])
    base.write_text(capsys.readouterr().out, encoding="utf-8")
    tree.edit("initiatives/beta/canh-bao-som.yml", "registered_on: 2022-09-09", "registered_on: 2022-11-20")
    tree.write("initiatives/gamma/moi.yml", tree.read("initiatives/alpha/so-hoa-ho-so.yml")
               .replace("ALPHA-2022-0002", "GAMMA-2022-0001").replace("unit: alpha", "unit: gamma"))
    status, out = stats(capsys, "--content", str(tree.root), "--format", "markdown", "--base", str(base))
    assert status == 0
    assert out == """\
### Số liệu của trang sau thay đổi

| Chỉ số | Trước | Sau | Chênh lệch |
| --- | ---: | ---: | ---: |
| Sáng kiến đã đăng ký | 5 | 6 | +1 |
| Tỉ lệ so với chỉ tiêu | 25,0% | 30,0% | +5 điểm % |
| Ngày chốt số liệu | 14/11/2022 | 20/11/2022 | đổi |
| Tin đã đăng | 2 | 2 | 0 |

Đơn vị có số sáng kiến thay đổi:

| Đơn vị | Trước | Sau | Chênh lệch |
| --- | ---: | ---: | ---: |
| GAMMA | 0 | 1 | +1 |
"""


def test_markdown_without_a_usable_base(capsys, tmp_path):
    empty = tmp_path / "base.json"
    empty.write_text("", encoding="utf-8")
    status, out = stats(capsys, "--content", BASIC, "--format", "markdown", "--base", str(empty))
    assert status == 0
    assert out.endswith("| Tin đã đăng | 2 |\n\n_Không tính được số liệu của nhánh gốc để so sánh._\n")


def test_unit_names_cannot_inject_markup_into_the_summary():
    head = {"count": 1, "percent": None, "as_of": "2023-01-01", "news": 0,
            "units": [{"id": "x", "short_name": "[bấm](https://example.org)|<b>", "count": 1}]}
    base = {"count": 0, "percent": None, "as_of": "2023-01-01", "news": 0, "units": []}
    assert "| \\[bấm\\](https\\://example\\.org)\\|\\<b\\> | 0 | 1 | +1 |" in markdown(head, base)


def test_content_with_mistakes_gives_the_problems_and_exit_1(capsys):
    status, out = stats(capsys, "--content", "tests/fixtures/broken")
    assert status == 1
    assert out.splitlines()[0] == ("tests/fixtures/broken/campaign.yml:9:8: Địa chỉ web "
                                   "'http://example.org/chuong-trinh' không hợp lệ: phải bắt đầu bằng https://")
