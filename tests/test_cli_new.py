"""``sangkien new``: correctly named files whose blanks ``sangkien check`` reports until a person fills them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator import content
from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def here(tree, monkeypatch):
    """Run commands from the folder that holds ``content/``, so messages name ``content/...``."""
    monkeypatch.chdir(tree.root.parent)
    return tree


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def check(capsys) -> tuple[int, list[str]]:
    status, out, _ = run(capsys, "check")
    return status, out.splitlines()


def test_new_initiative_is_named_from_the_title_and_lists_what_to_fill(here, capsys):
    status, out, err = run(capsys, "new", "initiative", "--unit", "alpha", "--title", "Tiết kiệm điện")
    assert (status, out) == (0, "content/initiatives/alpha/tiet-kiem-dien.yml\n")
    assert err == "Đã tạo tệp. Hãy điền các trường còn trống rồi chạy: sangkien check\n"
    text = here.read("initiatives/alpha/tiet-kiem-dien.yml")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../../schema/initiative.schema.json"
    assert "title: Tiết kiệm điện\n" in text and "unit: alpha\n" in text
    assert "field:  # Mã lĩnh vực, một trong: ky-thuat, chuyen-doi-so, an-toan\n" in text
    status, problems = check(capsys)
    assert status == 1
    assert problems == [
        "content/initiatives/alpha/tiet-kiem-dien.yml:3:1: Trường bắt buộc 'code' chưa có giá trị",
        "content/initiatives/alpha/tiet-kiem-dien.yml:5:1: Trường bắt buộc 'summary' chưa có giá trị",
        "content/initiatives/alpha/tiet-kiem-dien.yml:7:1: Trường bắt buộc 'field' chưa có giá trị",
        "content/initiatives/alpha/tiet-kiem-dien.yml:9:5: Trường bắt buộc 'name' chưa có giá trị",
        "content/initiatives/alpha/tiet-kiem-dien.yml:10:5: Trường bắt buộc 'job_title' chưa có giá trị",
        "content/initiatives/alpha/tiet-kiem-dien.yml:11:1: Trường bắt buộc 'registered_on' chưa có giá trị",
    ]


def test_new_initiative_passes_check_once_filled(here, capsys):
    run(capsys, "new", "initiative", "--unit", "beta", "--title", "Cảnh báo: quá tải trạm")
    rel = "initiatives/beta/canh-bao-qua-tai-tram.yml"
    assert 'title: "Cảnh báo: quá tải trạm"\n' in here.read(rel)
    for old, new in (("code:  #", "code: BETA-2022-0009  #"), ("summary:  #", "summary: Cảnh báo sớm quá tải.  #"),
                     ("field:  #", "field: an-toan  #"), ("name:  #", "name: Lê Văn Em  #"),
                     ("job_title:  #", "job_title: Kỹ sư  #"), ("registered_on:  #", "registered_on: 2022-10-01  #"),
                     ("# applied_from: 2022-01-05", "applied_from: 2022-01-05")):
        here.edit(rel, old, new)
    assert check(capsys) == (0, [])
    site = content.load(here.root).site
    item = next(item for item in site.initiatives if item.code == "BETA-2022-0009")
    assert (item.title, item.unit, item.field, item.authors[0].name) == (
        "Cảnh báo: quá tải trạm", "beta", "an-toan", "Lê Văn Em")


def test_new_initiative_with_every_known_value_needs_only_authors_and_summary(here, capsys):
    status, out, _ = run(capsys, "new", "initiative", "--unit", "BETA", "--title", "Đo xa", "--code", "BETA-2022-0010",
                         "--field", "An toàn", "--registered-on", "2022-10-02")
    assert (status, out) == (0, "content/initiatives/beta/do-xa.yml\n")
    text = here.read("initiatives/beta/do-xa.yml")
    assert "code: BETA-2022-0010\n" in text and "field: an-toan\n" in text and "registered_on: 2022-10-02\n" in text
    assert "unit: beta\n" in text  # the short name "BETA" resolved to the id
    assert [line.split(": ", 1)[1] for line in check(capsys)[1]] == [
        "Trường bắt buộc 'summary' chưa có giá trị", "Trường bắt buộc 'name' chưa có giá trị",
        "Trường bắt buộc 'job_title' chưa có giá trị"]


def test_unknown_unit_suggests_the_closest(here, capsys):
    status, out, err = run(capsys, "new", "initiative", "--unit", "alpah", "--title", "X")
    assert (status, out) == (1, "")
    assert err == "Đơn vị 'alpah' không có trong units.yml — có phải ý bạn là 'alpha' (Công ty Điện lực Alpha)?\n"
    assert not (here.root / "initiatives" / "alpah").exists()


def test_never_overwrites_and_file_names_are_unique_across_units(here, capsys):
    before = here.read("initiatives/alpha/ung-dung-flycam.yml")
    status, _, err = run(capsys, "new", "initiative", "--unit", "beta", "--title", "Ứng dụng Flycam!")
    assert status == 1
    assert err == ("Đã có tệp content/initiatives/alpha/ung-dung-flycam.yml; không ghi đè. Hãy chọn tiêu đề khác "
                   "hoặc đặt tên bằng --slug\n")
    assert here.read("initiatives/alpha/ung-dung-flycam.yml") == before
    assert not (here.root / "initiatives/beta/ung-dung-flycam.yml").exists()
    status, out, _ = run(capsys, "new", "initiative", "--unit", "beta", "--title", "Ứng dụng Flycam!",
                         "--slug", "flycam-beta")
    assert (status, out) == (0, "content/initiatives/beta/flycam-beta.yml\n")


def test_bad_title_slug_and_code_are_reported(here, capsys):
    assert run(capsys, "new", "initiative", "--unit", "alpha", "--title", "!!!")[2] == (
        "Không tạo được tên tệp từ tiêu đề (tiêu đề không có chữ hoặc số); hãy đặt tên bằng --slug, "
        "ví dụ --slug tiet-kiem-dien\n")
    assert run(capsys, "new", "initiative", "--unit", "alpha", "--title", "X", "--slug", "Tiết_kiệm")[2] == (
        "Tên tệp 'Tiết_kiệm' không hợp lệ: chỉ chữ thường không dấu, số và dấu '-' (ví dụ: tiet-kiem-dien)\n")
    assert run(capsys, "new", "initiative", "--unit", "alpha", "--title", "X", "--code", "abc")[2] == (
        "Mã đăng ký: Giá trị 'abc' không đúng dạng: chữ in hoa không dấu, số, ngăn cách bằng '-' "
        "(ví dụ: EVNHANOI-2022-0153) — có phải ý bạn là 'ABC'?\n")
    assert run(capsys, "new", "initiative", "--unit", "alpha", "--title", "X" * 201)[2] == (
        "Tiêu đề: Quá dài: 201 ký tự, tối đa 200\n")
    assert not list((here.root / "initiatives/alpha").glob("x*.yml"))


def test_missing_content_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "new", "initiative", "--unit", "alpha", "--title", "X")
    assert (status, out) == (1, "content:1:1: Không tìm thấy thư mục nội dung\n")
    assert run(capsys, "new", "news", "--title", "X") == (1, "", "content: Không tìm thấy thư mục nội dung\n")
    assert list(tmp_path.iterdir()) == []


def test_new_news_is_dated_and_reported_until_its_summary_is_written(here, capsys):
    status, out, _ = run(capsys, "new", "news", "--title", "Tổng kết giai đoạn 2", "--date", "2023-01-05")
    assert (status, out) == (0, "content/news/2023/2023-01-05-tong-ket-giai-doan-2.md\n")
    rel = "news/2023/2023-01-05-tong-ket-giai-doan-2.md"
    assert here.read(rel).startswith("---\ntitle: Tổng kết giai đoạn 2\ndate: 2023-01-05\nsummary:  #")
    assert check(capsys) == (1, [f"content/{rel}:4:1: Trường bắt buộc 'summary' chưa có giá trị"])
    here.edit(rel, "summary:  #", "summary: Nhìn lại giai đoạn 2.  #")
    here.write(rel, here.read(rel) + "Nội dung **tin**.\n")
    assert check(capsys) == (0, [])
    post = next(post for post in content.load(here.root).site.news if post.slug == "tong-ket-giai-doan-2")
    assert (post.title, post.summary, post.body.strip()) == ("Tổng kết giai đoạn 2", "Nhìn lại giai đoạn 2.",
                                                             "Nội dung **tin**.")


def test_new_news_refuses_a_slug_already_used_that_year(here, capsys):
    status, _, err = run(capsys, "new", "news", "--title", "Tăng tốc", "--date", "2022-12-01")
    assert status == 1
    assert err == ("Đã có tin content/news/2022/2022-11-15-tang-toc.md cùng tên trong năm 2022; không ghi đè. "
                   "Hãy chọn tiêu đề khác hoặc đặt tên bằng --slug\n")


@pytest.mark.parametrize("date, message", [
    ("05/01/2023", "không đúng dạng YYYY-MM-DD (ví dụ 2022-11-15)"),
    ("20230105", "không đúng dạng YYYY-MM-DD (ví dụ 2022-11-15)"),  # ISO's basic form, which Python takes
    ("2023-02-30", "không tồn tại"),
])
def test_a_bad_date_is_a_usage_error_worded_as_the_check_words_it(here, capsys, date, message):
    with pytest.raises(SystemExit) as stop:
        main(["new", "news", "--title", "X", "--date", date])
    assert stop.value.code == 2
    assert capsys.readouterr().err.endswith(f"sangkien new news: lỗi: tham số --date: ngày '{date}' {message}\n")


def test_new_and_import_run_on_the_shipped_content(tmp_path, monkeypatch, capsys):
    """The shipped campaign.yml's notice names a hand-written page (pages/gioi-thieu.md): the commands that read
    the units and fields before writing find it as ``sangkien check`` does."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "new", "initiative", "--unit", "EVNHANOI", "--title", "Tiết kiệm điện")
    assert (status, out, err) == (0, "content/initiatives/evnhanoi/tiet-kiem-dien.yml\n",
                                  "Đã tạo tệp. Hãy điền các trường còn trống rồi chạy: sangkien check\n")
    export = tmp_path / "dang-ky.csv"
    export.write_text("Mã sáng kiến,Tên sáng kiến,Đơn vị,Lĩnh vực,Tác giả,Ngày đăng ký,Tóm tắt\n"
                      "EVNHANOI-2022-9001,Sổ tay an toàn,evnhanoi,an-toan,Lê Văn Em - Kỹ sư,2022-10-01,Một sổ tay.\n",
                      encoding="utf-8")
    status, out, err = run(capsys, "import", str(export), "--dry-run")
    assert (status, out) == (0, "tạo mới: content/initiatives/evnhanoi/so-tay-an-toan.yml (EVNHANOI-2022-9001)\n"
                                "Tạo mới: 1 · Cập nhật: 0 · Không đổi: 0 · Bị từ chối: 0 (chạy thử: chưa ghi tệp nào)\n")


@pytest.mark.parametrize("argv", [["--help"], ["new", "--help"], ["new", "initiative", "--help"], ["check", "-h"]])
def test_help_is_in_vietnamese(capsys, argv):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    out = capsys.readouterr().out
    assert stop.value.code == 0 and out.startswith("cách dùng: sangkien")
    assert "tuỳ chọn:" in out and "hiện hướng dẫn này rồi thoát" in out
    assert not re.search(r"usage|options|arguments|show this help", out), out
