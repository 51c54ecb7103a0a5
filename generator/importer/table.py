"""Read an export (CSV or XLSX) into a header and numbered rows, or one clear reason why not.

Row numbers are the ones a spreadsheet shows: the header is row 1, the first data row is row 2 (a CSV
cell with a line break inside stays one row, as in Excel). Cells are NFC-normalised text, except
XLSX numbers and dates, which keep their type so that no number is misread through its formatting.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BOM = b"\xef\xbb\xbf"
_DELIMITERS = (",", ";", "\t")  # Excel with Vietnamese regional settings writes ';'
_CSV_HELP = "trong Excel chọn Lưu thành → 'CSV UTF-8 (phân cách bằng dấu phẩy)'"


class TableError(Exception):
    """The whole file cannot be imported; the message (one reason a line) says why and what to do, in Vietnamese."""


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[Any]]]  # (row number as a spreadsheet shows it, cells)
    row_problems: dict[int, list[str]] = field(default_factory=dict)  # found while reading (merged cells)
    sheet: str | None = None  # the worksheet read, named in messages about its header (XLSX)
    hidden_rows: set[int] = field(default_factory=set)  # rows Excel hides (a filter, "Hide"): imported all the same


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: how a spreadsheet names the column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(value: Any) -> Any:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def is_empty(cells: list[Any]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def read_csv(path: Path) -> Table:
    data = path.read_bytes()
    if data.startswith(BOM):
        data = data[len(BOM):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise TableError(f"Tệp CSV không được mã hoá UTF-8 (dòng {line}, byte 0x{data[error.start]:02x} không hợp lệ); "
                         f"hãy xuất lại với mã hoá UTF-8: {_CSV_HELP}") from None
    if not text.strip():
        raise TableError("Tệp trống: không có dòng tiêu đề nào")
    first_line = text.split("\n", 1)[0]
    delimiter = max(_DELIMITERS, key=first_line.count)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as error:
        raise TableError(f"Tệp CSV sai định dạng ({error}); {_CSV_HELP}") from None
    header = [_text(cell) for cell in records[0]]
    rows = [(number, [_text(cell) for cell in cells]) for number, cells in enumerate(records[1:], start=2)
            if not is_empty(cells)]
    # More cells than headers: a cell holds the delimiter without quotes, and every later cell is shifted (the
    # cells past the header are empty when the last column was). Only rows a tool pads alike, all of one length
    # with nothing past the header, are left alone.
    width = len(header)
    padded = (len(rows) > 1 and len({len(cells) for _, cells in rows}) == 1
              and all(is_empty(cells[width:]) for _, cells in rows))
    row_problems = {} if padded else {
        number: [f"có {len(cells)} ô, nhiều hơn dòng tiêu đề ({width} ô): có thể một ô chứa dấu '{delimiter}' mà "
                 "không đặt trong dấu nháy kép \"...\""]
        for number, cells in rows if len(cells) > width}
    return Table(header, rows, row_problems)


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    return _text(value)


def read_xlsx(path: Path) -> Table:
    import openpyxl  # imported here: only an XLSX import needs it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not read; nothing for staff
            # Not read-only mode: that one cannot see merged cells, which must be refused below.
            workbook = openpyxl.load_workbook(path, data_only=True)
    # whatever a damaged file makes openpyxl raise (a bad zip, XML cut short, a missing part, a wrong type)
    except Exception as error:  # noqa: BLE001 - a message for staff, never a traceback
        raise TableError(f"Không đọc được tệp XLSX ({type(error).__name__}); tệp hỏng hoặc không phải "
                         "định dạng Excel .xlsx — hãy mở bằng Excel và lưu lại dạng .xlsx") from None
    sheet = workbook.worksheets[0]
    named = f"trang tính đầu tiên ('{sheet.title}')"
    merged = sorted(sheet.merged_cells.ranges, key=lambda cells: (cells.min_row, cells.min_col))
    in_header = [str(cells) for cells in merged if cells.min_row == 1]
    if in_header:
        raise TableError(f"Dòng tiêu đề của {named} có ô gộp ({', '.join(in_header)}); hãy bỏ gộp ô (Merge & "
                         "Center) để mỗi cột có đúng một tiêu đề trong dòng 1, và xoá dòng tên bảng phía trên nếu có")
    grid = [list(cells) for cells in sheet.iter_rows(values_only=True)]
    hidden = {number for number, row in sheet.row_dimensions.items() if row.hidden and number > 1}
    workbook.close()
    if all(is_empty(cells) for cells in grid):
        raise TableError(f"{named[0].upper()}{named[1:]} trống; dữ liệu cần nhập phải ở trang tính đầu tiên")
    if is_empty(grid[0]):
        raise TableError(f"Dòng 1 của {named} trống: dòng tiêu đề phải là dòng 1; hãy xoá các dòng phía trên nó")
    header = ["" if cell is None else str(_text(cell)) for cell in grid[0]]
    rows = [(number, [_xlsx_cell(cell) for cell in cells]) for number, cells in enumerate(grid[1:], start=2)
            if not is_empty(cells)]
    # A merged cell keeps its value in its first cell only: the other rows would silently lose it.
    row_problems: dict[int, list[str]] = {}
    for cells in merged:
        for number in range(cells.min_row, cells.max_row + 1):
            row_problems.setdefault(number, []).append(
                f"có ô gộp ({cells}); hãy bỏ gộp ô và ghi giá trị vào từng dòng")
    return Table(header, rows, row_problems, sheet=sheet.title, hidden_rows=hidden)


def read_table(path: Path) -> Table:
    if not path.is_file():
        raise TableError(f"Không tìm thấy tệp {path}")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if suffix == ".xls":
        raise TableError("Tệp .xls (Excel 97-2003) không được hỗ trợ; hãy mở bằng Excel và lưu lại dạng .xlsx hoặc .csv")
    raise TableError(f"Chỉ nhập được tệp .csv hoặc .xlsx, không phải '{path.suffix or path.name}'")
