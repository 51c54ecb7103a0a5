"""``sangkien import``: an export of the registration system (CSV or XLSX) into initiative files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from generator import content
from generator.cli import main
from generator.importer import import_file
from generator.references import Choices
from generator.yamlwrite import write_atomic

HEADER = ["STT", "Mã sáng kiến", "Tên sáng kiến", "Tóm tắt", "Đơn vị", "Lĩnh vực", "Tác giả", "Ngày đăng ký",
          "Ngày áp dụng", "Giá trị làm lợi (đồng/năm)", "Email"]
NEW = ["1", "ALPHA-2023-0001", "Tiết kiệm điện tự dùng", "Giảm điện tự dùng ở trạm biến áp.",
       "Công ty Điện lực Alpha", "Kỹ thuật", "Nguyễn Văn Hùng - Kỹ sư; Lê Thị Lan - Chuyên viên [BETA]", "15/01/2023",
       "01/01/2023", "1.200.000", "hung@example.org"]
FLYCAM = ["2", "ALPHA-2022-0001", "Ứng dụng flycam kiểm tra đường dây",
          "Dùng thiết bị bay không người lái để kiểm tra hành lang tuyến.", "alpha", "ky-thuat",
          "Nguyễn Văn An - Kỹ sư vận hành", "2022-03-10", "2022-01-05", "1200000000", ""]

NEW_FILE = """\
# yaml-language-server: $schema=../../../schema/initiative.schema.json
# Tạo bởi sangkien import. Lần nhập sau chỉ cập nhật các trường lấy từ hệ thống đăng ký (mã, tên, tóm tắt,
# đơn vị, lĩnh vực, tác giả, ngày đăng ký, ngày áp dụng, giá trị làm lợi); phần viết thêm được giữ nguyên.
code: ALPHA-2023-0001
title: Tiết kiệm điện tự dùng
summary: Giảm điện tự dùng ở trạm biến áp.
unit: alpha
field: ky-thuat
authors:
  - name: Nguyễn Văn Hùng
    job_title: Kỹ sư
  - name: Lê Thị Lan
    job_title: Chuyên viên
    unit: beta
applied_from: 2023-01-01
registered_on: 2023-01-15
benefit:
  vnd_per_year: 1200000
"""


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ",", encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    text = buffer.getvalue()
    path.write_bytes(text.encode(encoding, errors="replace"))
    return path


def write_xlsx(path: Path, rows: list[list], merge: str | None = None) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    workbook.save(path)
    return path


@pytest.fixture
def here(tree, monkeypatch):
    monkeypatch.chdir(tree.root.parent)
    return tree


def run(capsys, *argv: str) -> tuple[int, list[str], str]:
    status = main(["import", *argv])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err


def assert_valid(tree) -> content.Loaded:
    loaded = content.load(tree.root, "content")
    assert loaded.problems == []
    return loaded


# ---------------------------------------------------------------------------------------------------- happy paths


def test_csv_creates_new_files_and_leaves_matching_ones(here, capsys):
    before = here.read("initiatives/alpha/ung-dung-flycam.yml")
    write_csv(here.root.parent / "dk.csv", [HEADER, NEW, FLYCAM])
    status, out, err = run(capsys, "dk.csv")
    assert status == 0
    assert out == ["tạo mới: content/initiatives/alpha/tiet-kiem-dien-tu-dung.yml (ALPHA-2023-0001)",
                   "Tạo mới: 1 · Cập nhật: 0 · Không đổi: 1 · Bị từ chối: 0"]
    assert err == "Bỏ qua các cột không dùng: STT, Email\n"
    assert here.read("initiatives/alpha/tiet-kiem-dien-tu-dung.yml") == NEW_FILE
    assert here.read("initiatives/alpha/ung-dung-flycam.yml") == before
    site = assert_valid(here).site
    item = next(item for item in site.initiatives if item.code == "ALPHA-2023-0001")
    assert [(author.name, author.unit) for author in item.authors] == [("Nguyễn Văn Hùng", "alpha"),
                                                                      ("Lê Thị Lan", "beta")]


def test_importing_the_same_file_twice_changes_nothing(here, capsys):
    write_csv(here.root.parent / "dk.csv", [HEADER, NEW, FLYCAM])
    run(capsys, "dk.csv")
    written = here.read("initiatives/alpha/tiet-kiem-dien-tu-dung.yml")
    mtime = (here.root / "initiatives/alpha/tiet-kiem-dien-tu-dung.yml").stat().st_mtime_ns
    status, out, _ = run(capsys, "dk.csv")
    assert (status, out) == (0, ["Tạo mới: 0 · Cập nhật: 0 · Không đổi: 2 · Bị từ chối: 0"])
    assert here.read("initiatives/alpha/tiet-kiem-dien-tu-dung.yml") == written
    assert (here.root / "initiatives/alpha/tiet-kiem-dien-tu-dung.yml").stat().st_mtime_ns == mtime


def test_a_changed_row_rewrites_only_its_changed_fields_and_keeps_hand_written_ones(here, capsys):
    rel = "initiatives/alpha/ung-dung-flycam.yml"
    here.edit(rel, "featured: true", "# ghi chú của biên tập viên\nfeatured: true")
    before = here.read(rel)
    changed = list(FLYCAM)
    changed[2] = "Ứng dụng flycam: kiểm tra đường dây 110 kV"
    changed[6] = "Nguyễn Văn An - Kỹ sư vận hành; Phạm Thị Dung - Chuyên viên [beta]"
    changed[9] = "1.500.000.000"
    write_csv(here.root.parent / "dk.csv", [HEADER, changed])
    status, out, _ = run(capsys, "dk.csv")
    assert (status, out) == (0, ["cập nhật: content/initiatives/alpha/ung-dung-flycam.yml (ALPHA-2022-0001): "
                                 "title, authors, benefit",
                                 "Tạo mới: 0 · Cập nhật: 1 · Không đổi: 0 · Bị từ chối: 0"])
    expected = (before.replace("title: Ứng dụng flycam kiểm tra đường dây\n",
                               'title: "Ứng dụng flycam: kiểm tra đường dây 110 kV"\n')
                .replace("    job_title: Kỹ sư vận hành\n", "    job_title: Kỹ sư vận hành\n  - name: Phạm Thị Dung\n"
                         "    job_title: Chuyên viên\n    unit: beta\n")
                .replace("  vnd_per_year: 1200000000\n", "  vnd_per_year: 1500000000\n"))
    assert here.read(rel) == expected  # kwh_per_year, featured, tags, description and the comment are kept
    assert_valid(here)
    assert run(capsys, "dk.csv")[1] == ["Tạo mới: 0 · Cập nhật: 0 · Không đổi: 1 · Bị từ chối: 0"]


def test_a_note_on_a_rewritten_field_s_line_and_windows_line_ends_are_kept(here, capsys):
    """Notes written on a field's own line stay with its new value; a file saved on Windows keeps its CRLF, so only
    the changed lines differ in the pull request."""
    path = here.root / "initiatives/alpha/ung-dung-flycam.yml"
    text = here.read("initiatives/alpha/ung-dung-flycam.yml").replace(
        "title: Ứng dụng flycam kiểm tra đường dây\n", "title: Ứng dụng flycam kiểm tra đường dây  # theo quyết định\n"
    ).replace("authors:\n", "authors:  # người đầu là chủ nhiệm\n")
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    changed = list(FLYCAM)
    changed[2] = "Ứng dụng flycam #2"
    changed[6] = "Nguyễn Văn An - Tổ trưởng"
    write_csv(here.root.parent / "dk.csv", [HEADER, changed])
    assert run(capsys, "dk.csv")[0] == 0
    expected = (text.replace("title: Ứng dụng flycam kiểm tra đường dây  # theo quyết định\n",
                             'title: "Ứng dụng flycam #2"  # theo quyết định\n')
                .replace("    job_title: Kỹ sư vận hành\n", "    job_title: Tổ trưởng\n"))
    assert path.read_bytes() == expected.replace("\n", "\r\n").encode("utf-8")
    assert_valid(here)


def test_an_empty_optional_cell_keeps_the_value_in_the_file(here, capsys):
    row = list(FLYCAM)
    row[8] = row[9] = ""
    write_csv(here.root.parent / "dk.csv", [HEADER, row])
    assert run(capsys, "dk.csv")[1] == ["Tạo mới: 0 · Cập nhật: 0 · Không đổi: 1 · Bị từ chối: 0"]


def test_a_new_unit_moves_the_file_to_the_units_folder(here, capsys):
    row = ["1", "ALPHA-2022-0002", "Số hoá hồ sơ khách hàng", "Quét và lưu hồ sơ khách hàng trên hệ thống dùng chung.",
           "beta", "chuyen-doi-so", "Trần Thị Bình - Chuyên viên kinh doanh", "2022-07-01", "", "", ""]
    write_csv(here.root.parent / "dk.csv", [HEADER, row])
    status, out, _ = run(capsys, "dk.csv")
    assert out[0] == ("cập nhật: content/initiatives/beta/so-hoa-ho-so.yml (ALPHA-2022-0002): unit — chuyển từ "
                      "content/initiatives/alpha/so-hoa-ho-so.yml")
    assert not (here.root / "initiatives/alpha/so-hoa-ho-so.yml").exists()
    assert "unit: beta\n" in here.read("initiatives/beta/so-hoa-ho-so.yml")
    assert_valid(here)


def test_a_title_already_used_by_another_file_gets_the_code_in_its_name(here, capsys):
    row = list(NEW)
    row[2] = "Số hoá hồ sơ"  # alpha/so-hoa-ho-so.yml exists, with another code
    write_csv(here.root.parent / "dk.csv", [HEADER, row])
    assert run(capsys, "dk.csv")[1][0] == ("tạo mới: content/initiatives/alpha/so-hoa-ho-so-alpha-2023-0001.yml "
                                           "(ALPHA-2023-0001)")
    assert_valid(here)


def test_semicolon_csv_with_bom_and_loose_headers(here, capsys):
    header = ["MÃ SÁNG KIẾN", "ten sang kien", "Tóm  tắt:", "Đơn vị *", "lĩnh vực", "Tác giả", "Ngày đăng ký"]
    data = ["ALPHA-2023-0002", "Biển báo số", "Biển báo điện tử.", "alpha", "an-toan", "Đỗ Văn Tâm - Thợ điện",
            "2023-02-01"]
    path = here.root.parent / "dk.csv"
    write_csv(path, [header, data], delimiter=";", encoding="utf-8-sig")
    assert run(capsys, "dk.csv")[1][0] == "tạo mới: content/initiatives/alpha/bien-bao-so.yml (ALPHA-2023-0002)"
    assert_valid(here)


def test_xlsx_with_real_dates_and_numbers(here, capsys):
    row = [1, "ALPHA-2023-0001", "Tiết kiệm điện tự dùng", "Giảm điện tự dùng ở trạm biến áp.",
           "Công ty Điện lực Alpha", "Kỹ thuật", "Nguyễn Văn Hùng - Kỹ sư\nLê Thị Lan - Chuyên viên [BETA]",
           dt.datetime(2023, 1, 15), dt.date(2023, 1, 1), 1200000, "hung@example.org"]
    write_xlsx(here.root.parent / "dk.xlsx", [HEADER, row])
    status, out, _ = run(capsys, "dk.xlsx")
    assert (status, out[-1]) == (0, "Tạo mới: 1 · Cập nhật: 0 · Không đổi: 0 · Bị từ chối: 0")
    assert here.read("initiatives/alpha/tiet-kiem-dien-tu-dung.yml") == NEW_FILE
    assert run(capsys, "dk.xlsx")[1] == ["Tạo mới: 0 · Cập nhật: 0 · Không đổi: 1 · Bị từ chối: 0"]


def test_dry_run_reports_without_writing(here, capsys):
    write_csv(here.root.parent / "dk.csv", [HEADER, NEW])
    status, out, _ = run(capsys, "dk.csv", "--dry-run")
    assert out == ["tạo mới: content/initiatives/alpha/tiet-kiem-dien-tu-dung.yml (ALPHA-2023-0001)",
                   "Tạo mới: 1 · Cập nhật: 0 · Không đổi: 0 · Bị từ chối: 0 (chạy thử: chưa ghi tệp nào)"]
    assert not (here.root / "initiatives/alpha/tiet-kiem-dien-tu-dung.yml").exists()


# ---------------------------------------------------------------------------------------------------- rejected rows


def test_every_rejected_row_is_reported_with_its_number_and_the_others_are_imported(here, capsys):
    unknown_unit = list(NEW)
    unknown_unit[1], unknown_unit[4] = "ALPHA-2023-0005", "alpah"
    bad_cells = list(NEW)
    bad_cells[1:4] = ["alpha-1", "Cải tiến", ""]
    bad_cells[7:10] = ["31/02/2023", "hôm qua", "12,5"]
    twice_a, twice_b = list(NEW), list(NEW)
    twice_a[1] = twice_b[1] = "BETA-2023-0001"
    no_title = list(NEW)
    no_title[1], no_title[6] = "BETA-2023-0002", "Hà Văn Minh; Lê Thị Lan - Chuyên viên [delta]"
    dates = list(NEW)
    dates[1], dates[7], dates[8] = "BETA-2023-0003", "2023-01-15", "2023-02-01"
    write_csv(here.root.parent / "dk.csv", [HEADER, unknown_unit, bad_cells, twice_a, FLYCAM, twice_b, no_title, dates])
    status, out, _ = run(capsys, "dk.csv")
    assert status == 1
    assert out == [
        "dk.csv, dòng 2: cột 'Đơn vị': Đơn vị 'alpah' không có trong units.yml — có phải ý bạn là 'alpha' "
        "(Công ty Điện lực Alpha)?",
        "dk.csv, dòng 3: cột 'Mã sáng kiến': Giá trị 'alpha-1' không đúng dạng: chữ in hoa không dấu, số, ngăn cách "
        "bằng '-' (ví dụ: EVNHANOI-2022-0153) — có phải ý bạn là 'ALPHA-1'?",
        "dk.csv, dòng 3: cột 'Tóm tắt': để trống",
        "dk.csv, dòng 3: cột 'Ngày đăng ký': ngày '31/02/2023' không tồn tại",
        "dk.csv, dòng 3: cột 'Ngày áp dụng': ngày 'hôm qua' không đúng dạng: dùng ngày/tháng/năm (15/11/2022) "
        "hoặc 2022-11-15",
        "dk.csv, dòng 3: cột 'Giá trị làm lợi (đồng/năm)': '12,5' không phải số nguyên (ví dụ 1200000000 hoặc "
        "1.200.000.000)",
        "dk.csv, dòng 4: mã sáng kiến 'BETA-2023-0001' lặp lại ở các dòng 4, 6 của tệp nhập; không biết dòng nào "
        "đúng nên các dòng này đều bị bỏ qua",
        "dk.csv, dòng 6: mã sáng kiến 'BETA-2023-0001' lặp lại ở các dòng 4, 6 của tệp nhập; không biết dòng nào "
        "đúng nên các dòng này đều bị bỏ qua",
        "dk.csv, dòng 7: cột 'Tác giả': tác giả 'Hà Văn Minh' thiếu chức danh; viết 'Họ tên - Chức danh'",
        "dk.csv, dòng 7: cột 'Tác giả': tác giả 'Lê Thị Lan - Chuyên viên': Đơn vị 'delta' không có trong units.yml "
        "— có phải ý bạn là 'beta' (Công ty Điện lực Beta)?",
        "dk.csv, dòng 8: sau khi nhập, tệp sẽ có lỗi: content/initiatives/alpha/tiet-kiem-dien-tu-dung.yml:15:15: "
        "Ngày áp dụng (01/02/2023) phải trước hoặc bằng ngày đăng ký (15/01/2023)",
        "Tạo mới: 0 · Cập nhật: 0 · Không đổi: 1 · Bị từ chối: 6",
    ]
    assert_valid(here)  # nothing half-done: the tree still passes


def test_a_row_that_would_break_a_hand_written_part_is_rejected(here, capsys):
    row = list(FLYCAM)
    row[7], row[8] = "2022-01-04", ""  # the file keeps applied_from: 2022-01-05, now after the registration
    write_csv(here.root.parent / "dk2.csv", [HEADER, row])
    status, out, _ = run(capsys, "dk2.csv")
    assert status == 1
    assert out[0] == ("dk2.csv, dòng 2: sau khi nhập, tệp sẽ có lỗi: content/initiatives/alpha/ung-dung-flycam.yml"
                      ":9:15: Ngày áp dụng (05/01/2022) phải trước hoặc bằng ngày đăng ký (04/01/2022)")


def test_an_unquoted_delimiter_is_caught_when_the_cell_it_pushes_out_is_empty(here, capsys):
    row = list(NEW)
    row[2], row[6], row[10] = "Tiết kiệm; điện tự dùng", "Nguyễn Văn Hùng - Kỹ sư", ""
    path = here.root.parent / "dk.csv"
    path.write_text(";".join(HEADER) + "\n" + ";".join(row) + "\n", encoding="utf-8")
    status, out, _ = run(capsys, "dk.csv")
    assert status == 1
    assert out[0] == ("dk.csv, dòng 2: có 12 ô, nhiều hơn dòng tiêu đề (11 ô): có thể một ô chứa dấu ';' mà không "
                      "đặt trong dấu nháy kép \"...\"")


def test_rows_an_export_pads_alike_are_read(here, capsys):
    """Every data row two empty cells longer than the header: padding, not shifted cells."""
    new = list(NEW)
    new[6] = "Nguyễn Văn Hùng - Kỹ sư"
    write_csv(here.root.parent / "dk.csv", [HEADER, new + ["", ""], FLYCAM + ["", ""]])
    assert run(capsys, "dk.csv")[1][-1] == "Tạo mới: 1 · Cập nhật: 0 · Không đổi: 1 · Bị từ chối: 0"


def test_an_unquoted_delimiter_inside_a_cell_is_caught(here, capsys):
    path = here.root.parent / "dk.csv"
    path.write_text(";".join(HEADER) + "\n" + ";".join(NEW) + "\n", encoding="utf-8")
    status, out, _ = run(capsys, "dk.csv")
    assert status == 1
    assert out[0] == ("dk.csv, dòng 2: có 12 ô, nhiều hơn dòng tiêu đề (11 ô): có thể một ô chứa dấu ';' mà không "
                      "đặt trong dấu nháy kép \"...\"")


# ---------------------------------------------------------------------------------------------------- unusable files


def whole_file_error(capsys, *argv: str) -> str:
    status, out, err = run(capsys, *argv)
    assert (status, out) == (1, [])
    return err


def test_missing_file(here, capsys):
    assert whole_file_error(capsys, "khong-co.csv") == "khong-co.csv: Không tìm thấy tệp khong-co.csv\n"


def test_wrong_columns_name_what_is_missing_with_a_suggestion(here, capsys):
    # Headers are compared without diacritics or case: "Don vi" and "Tac gia" are the columns they look like.
    header = ["Mã SK", "Tên sáng kiến", "Tóm tắt", "Don vi", "Lĩnh vực", "Tac gia", "Ngày đăng kí"]
    write_csv(here.root.parent / "dk.csv", [header, ["x"] * 7])
    assert whole_file_error(capsys, "dk.csv") == (
        "dk.csv: Thiếu cột bắt buộc 'Mã sáng kiến'\n"
        "dk.csv: Thiếu cột bắt buộc 'Ngày đăng ký' — có phải cột 'Ngày đăng kí'?\n"
        "dk.csv: Dòng tiêu đề (dòng 1) đang có: 'Mã SK', 'Tên sáng kiến', 'Tóm tắt', 'Don vi', 'Lĩnh vực', "
        "'Tac gia', 'Ngày đăng kí'\n")


def test_a_column_given_twice(here, capsys):
    write_csv(here.root.parent / "dk.csv", [HEADER + ["Tên sáng kiến"], NEW + ["x"]])
    assert whole_file_error(capsys, "dk.csv").startswith(
        "dk.csv: Cột 'Tên sáng kiến' xuất hiện hai lần (cột C và L)\ndk.csv: Dòng tiêu đề (dòng 1) đang có: 'STT'")


def test_non_utf8_csv(here, capsys):
    write_csv(here.root.parent / "dk.csv", [HEADER[:3], ["1", "A-1", "Tiết kiệm"]], encoding="cp1252")
    assert whole_file_error(capsys, "dk.csv") == (
        "dk.csv: Tệp CSV không được mã hoá UTF-8 (dòng 1, byte 0xe3 không hợp lệ); hãy xuất lại với mã hoá UTF-8: "
        "trong Excel chọn Lưu thành → 'CSV UTF-8 (phân cách bằng dấu phẩy)'\n")


def test_xlsx_with_merged_header_cells(here, capsys):
    write_xlsx(here.root.parent / "dk.xlsx", [HEADER, NEW], merge="B1:C1")
    assert whole_file_error(capsys, "dk.xlsx") == (
        "dk.xlsx: Dòng tiêu đề của trang tính đầu tiên ('Sheet') có ô gộp (B1:C1); hãy bỏ gộp ô (Merge & Center) để "
        "mỗi cột có đúng một tiêu đề trong dòng 1, và xoá dòng tên bảng phía trên nếu có\n")


def test_xlsx_with_merged_data_cells_rejects_those_rows(here, capsys):
    second = list(NEW)
    second[1] = "ALPHA-2023-0009"
    write_xlsx(here.root.parent / "dk.xlsx", [HEADER, NEW, second], merge="E2:E3")
    status, out, _ = run(capsys, "dk.xlsx")
    assert status == 1
    assert out[:2] == ["dk.xlsx, dòng 2: có ô gộp (E2:E3); hãy bỏ gộp ô và ghi giá trị vào từng dòng",
                       "dk.xlsx, dòng 3: có ô gộp (E2:E3); hãy bỏ gộp ô và ghi giá trị vào từng dòng"]


def test_an_xlsx_cut_short_inside_its_sheet_is_a_message_not_a_traceback(here, capsys):
    whole = write_xlsx(here.root.parent / "whole.xlsx", [HEADER, NEW])
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(here.root.parent / "dk.xlsx", "w") as damaged:
        for item in source.infolist():
            data = source.read(item.filename)
            damaged.writestr(item, data[:len(data) // 2] if item.filename == "xl/worksheets/sheet1.xml" else data)
    assert whole_file_error(capsys, "dk.xlsx") == (
        "dk.xlsx: Không đọc được tệp XLSX (ParseError); tệp hỏng hoặc không phải định dạng Excel .xlsx — hãy mở "
        "bằng Excel và lưu lại dạng .xlsx\n")


def test_an_xlsx_whose_header_is_not_in_row_1_says_so_and_names_the_sheet(here, capsys):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Danh sách"
    for row in ([None], HEADER, NEW):
        workbook.active.append(row)
    workbook.save(here.root.parent / "dk.xlsx")
    assert whole_file_error(capsys, "dk.xlsx") == (
        "dk.xlsx: Dòng 1 của trang tính đầu tiên ('Danh sách') trống: dòng tiêu đề phải là dòng 1; hãy xoá các dòng "
        "phía trên nó\n")
    workbook = openpyxl.Workbook()
    workbook.active.title = "Hướng dẫn"
    workbook.active.append(["Điền vào trang tính sau"])
    workbook.create_sheet("Danh sách").append(HEADER)
    workbook.save(here.root.parent / "dk.xlsx")
    assert whole_file_error(capsys, "dk.xlsx").splitlines()[-1] == (
        "dk.xlsx: Dòng tiêu đề (dòng 1 của trang tính 'Hướng dẫn') đang có: 'Điền vào trang tính sau'")


def test_not_an_xlsx_and_unsupported_types(here, capsys):
    (here.root.parent / "dk.xlsx").write_text("không phải excel", encoding="utf-8")
    assert whole_file_error(capsys, "dk.xlsx") == (
        "dk.xlsx: Không đọc được tệp XLSX (BadZipFile); tệp hỏng hoặc không phải định dạng Excel .xlsx — hãy mở "
        "bằng Excel và lưu lại dạng .xlsx\n")
    (here.root.parent / "dk.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    assert whole_file_error(capsys, "dk.xls") == (
        "dk.xls: Tệp .xls (Excel 97-2003) không được hỗ trợ; hãy mở bằng Excel và lưu lại dạng .xlsx hoặc .csv\n")
    (here.root.parent / "dk.json").write_text("{}", encoding="utf-8")
    assert whole_file_error(capsys, "dk.json") == "dk.json: Chỉ nhập được tệp .csv hoặc .xlsx, không phải '.json'\n"


def test_an_unreadable_initiative_file_stops_the_import(here, capsys):
    here.write("initiatives/beta/hong.yml", "code: BETA-2022-0099\ntitle: Hỏng: thiếu dấu nháy\n")
    write_csv(here.root.parent / "dk.csv", [HEADER, NEW])
    assert whole_file_error(capsys, "dk.csv") == (
        "Chưa nhập được: 1 tệp sáng kiến chưa đọc được; hãy sửa trước (xem thêm: sangkien check)\n"
        "content/initiatives/beta/hong.yml:2:12: Dấu hai chấm ':' không hợp lệ ở đây; nếu giá trị có chứa ': ' hãy "
        "đặt cả giá trị trong dấu nháy kép \"...\"\n")
    assert not (here.root / "initiatives/alpha/tiet-kiem-dien-tu-dung.yml").exists()


def test_broken_units_file_stops_the_import(here, capsys):
    here.edit("units.yml", "  - id: gamma", "  - id: Gamma")
    write_csv(here.root.parent / "dk.csv", [HEADER, NEW])
    assert whole_file_error(capsys, "dk.csv") == (
        "Chưa nhập được: hãy sửa các lỗi sau rồi chạy lại (xem thêm: sangkien check)\n"
        "content/units.yml:19:9: Giá trị 'Gamma' không đúng dạng: chỉ chữ thường không dấu, số và dấu '-' "
        "(ví dụ: tiet-kiem-dien) — có phải ý bạn là 'gamma'?\n")


def test_the_command_never_prints_a_traceback(here):
    import subprocess
    import sys

    write_csv(here.root.parent / "dk.csv", [["Mã sáng kiến"], ["x"]], encoding="cp1252")
    result = subprocess.run([sys.executable, "-m", "generator.cli", "import", "dk.csv"], cwd=here.root.parent,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("dk.csv: Tệp CSV không được mã hoá UTF-8")


# ---------------------------------------------------------------------------------------------------- writing


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "a.yml"
    target.write_text("cũ\n", encoding="utf-8")

    def fail(*_):
        raise OSError("đĩa đầy")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_atomic(target, "mới\n")
    assert target.read_text(encoding="utf-8") == "cũ\n"
    assert [path.name for path in tmp_path.iterdir()] == ["a.yml"]  # no temporary file left behind


def test_five_thousand_rows_then_five_thousand_unchanged(here):
    units, fields = ["alpha", "beta", "gamma"], ["ky-thuat", "chuyen-doi-so", "an-toan"]
    rows = [HEADER[1:10]]
    for number in range(5000):
        day = dt.date(2022, 1, 1) + dt.timedelta(days=number % 500)
        rows.append([f"NHAP-2022-{number:05d}", f"Sáng kiến cải tiến số {number}",
                     f"Tóm tắt sáng kiến {number}: giảm tổn thất.", units[number % 3], fields[number % 3],
                     f"Nguyễn Văn {number} - Kỹ sư; Trần Thị {number} - Chuyên viên", f"{day:%d/%m/%Y}", "",
                     str(1000 * number)])
    path = write_csv(here.root.parent / "lon.csv", rows)
    started = time.perf_counter()
    first = import_file(path, here.root, "content")
    created = time.perf_counter() - started
    assert (first.count("created"), first.count("rejected")) == (5000, 0)
    started = time.perf_counter()
    second = import_file(path, here.root, "content")
    again = time.perf_counter() - started
    assert (second.count("unchanged"), second.count("created"), second.count("updated")) == (5000, 0, 0)
    loaded = assert_valid(here)
    assert len(loaded.site.initiatives) == 5006
    print(f"\n5.000 dòng: nhập {created:.1f} s, nhập lại {again:.1f} s")


# ---------------------------------------------------------------------------------------------------- as staff fill it


def with_authors(authors: str, code: str = "ALPHA-2023-0001") -> list[str]:
    row = list(NEW)
    row[1], row[6] = code, authors
    return row


def test_authors_as_a_numbered_list_are_read_without_their_numbers(here, capsys):
    write_csv(here.root.parent / "dk.csv", [HEADER, with_authors("1. Nguyễn Văn Hùng - Kỹ sư\n2) Lê Thị Lan - Chuyên viên")])
    status, _, _ = run(capsys, "dk.csv")
    assert status == 0
    item = next(item for item in assert_valid(here).site.initiatives if item.code == "ALPHA-2023-0001")
    assert [(author.name, author.job_title) for author in item.authors] == [
        ("Nguyễn Văn Hùng", "Kỹ sư"), ("Lê Thị Lan", "Chuyên viên")]


def test_an_author_twice_or_a_unit_inside_the_name_is_refused(here, capsys):
    write_csv(here.root.parent / "dk.csv", [
        HEADER, with_authors("Nguyễn Văn Hùng - Kỹ sư; nguyễn  văn hùng - kỹ sư"),
        with_authors("Lê Thị Lan [BETA] - Chuyên viên", "ALPHA-2023-0002")])
    status, out, _ = run(capsys, "dk.csv")
    assert status == 1
    assert out == [
        "dk.csv, dòng 2: cột 'Tác giả': tác giả 'nguyễn  văn hùng - kỹ sư' ghi hai lần",
        "dk.csv, dòng 3: cột 'Tác giả': tác giả 'Lê Thị Lan [BETA] - Chuyên viên': hãy ghi đơn vị trong ngoặc vuông ở "
        "cuối: 'Họ tên - Chức danh [đơn vị]'",
        "Tạo mới: 0 · Cập nhật: 0 · Không đổi: 0 · Bị từ chối: 2"]


def test_rows_with_only_ignored_columns_filled_are_empty_rows(here, capsys):
    """A template's STT numbers further down than the data."""
    write_csv(here.root.parent / "dk.csv", [HEADER, NEW, ["2"] + [""] * 10, ["3", "", "", "", "", "", "", "", "", "", "x@y.vn"]])
    status, out, _ = run(capsys, "dk.csv")
    assert (status, out[-1]) == (0, "Tạo mới: 1 · Cập nhật: 0 · Không đổi: 0 · Bị từ chối: 0")


def test_a_header_with_a_line_break_is_quoted_on_one_line(here, capsys):
    write_csv(here.root.parent / "dk.csv", [HEADER[:-1] + ["Ghi chú\n(nội bộ)"], NEW])
    status, _, err = run(capsys, "dk.csv")
    assert (status, err) == (0, "Bỏ qua các cột không dùng: STT, Ghi chú (nội bộ)\n")


def test_names_are_matched_whatever_dash_is_typed():
    """Excel users type '-' where campaign.yml writes '–' (Kỹ thuật – vận hành)."""
    fields = Choices.build("Lĩnh vực", "campaign.yml", [("ky-thuat", ["Kỹ thuật – vận hành"])])
    for typed in ("Kỹ thuật - vận hành", "Kỹ thuật–vận hành", "ky thuat-van hanh", "KỸ THUẬT — VẬN HÀNH", "ky-thuat"):
        assert fields.resolve(typed) == ("ky-thuat", None), typed


def test_hidden_rows_and_cells_of_several_lines_are_imported_with_a_note(here, capsys):
    """A row hidden by an Excel filter is imported (hiding is no instruction), and a title or summary written on
    several lines in its cell becomes one line: both are said, not silently done."""
    new = list(NEW)
    new[3] = "- Giảm điện tự dùng\n- ở trạm biến áp."
    workbook = openpyxl.Workbook()
    for row in (HEADER, new, FLYCAM):
        workbook.active.append(row)
    workbook.active.row_dimensions[3].hidden = True
    workbook.save(here.root.parent / "dk.xlsx")
    status, out, _ = run(capsys, "dk.xlsx")
    assert status == 0
    assert out[1:3] == ["dk.xlsx, dòng 2: lưu ý: cột 'Tóm tắt': các dòng trong ô được nối thành một dòng",
                        "dk.xlsx, dòng 3: lưu ý: dòng này đang bị ẩn trong Excel (bộ lọc hoặc Ẩn dòng) nhưng vẫn được nhập"]
    item = next(item for item in assert_valid(here).site.initiatives if item.code == "ALPHA-2023-0001")
    assert item.summary == "- Giảm điện tự dùng - ở trạm biến áp."
