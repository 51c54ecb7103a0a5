"""The column mapping: which column of the registration system's export fills which field.

Headers are matched loosely (no diacritics, any case, extra spaces, a trailing ':' or '*' ignored), so
"TÊN SÁNG KIẾN", "Ten sang kien" and "Tên sáng kiến *" are the same column. Columns not listed here
(a row number, e-mail, phone) are ignored and never reach the site. Every cell is checked with the
content schema's own rules, so a row that passes here makes a file that passes ``sangkien check``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from ..content import schema
from ..references import References, loose, schema_value
from .table import TableError, column_letter


@dataclass(frozen=True)
class Column:
    key: str  # the field it fills (vnd_per_year / kwh_per_year: inside benefit)
    header: str  # the documented header
    required: bool
    example: str
    aliases: tuple[str, ...] = ()


COLUMNS = (
    Column("code", "Mã sáng kiến", True, "EVNHANOI-2022-0153", ("Mã đăng ký", "Mã số sáng kiến")),
    Column("title", "Tên sáng kiến", True, "Ứng dụng flycam kiểm tra đường dây", ("Tên giải pháp",)),
    Column("summary", "Tóm tắt", True, "Dùng thiết bị bay để kiểm tra hành lang tuyến.", ("Tóm tắt nội dung",)),
    Column("unit", "Đơn vị", True, "evnhanoi, EVNHANOI hoặc Tổng công ty Điện lực thành phố Hà Nội", ("Mã đơn vị",)),
    Column("field", "Lĩnh vực", True, "ky-thuat hoặc Kỹ thuật", ("Mã lĩnh vực",)),
    Column("authors", "Tác giả", True, "Nguyễn Văn An - Kỹ sư vận hành; Trần Thị Bình - Chuyên viên [EVNNPT]",
           ("Tác giả, đồng tác giả", "Nhóm tác giả")),
    Column("registered_on", "Ngày đăng ký", True, "15/11/2022 hoặc 2022-11-15"),
    Column("applied_from", "Ngày áp dụng", False, "05/01/2022", ("Ngày áp dụng lần đầu",)),
    Column("vnd_per_year", "Giá trị làm lợi (đồng/năm)", False, "1.200.000.000", ("Giá trị làm lợi",)),
    Column("kwh_per_year", "Điện năng tiết kiệm (kWh/năm)", False, "35000", ("Điện năng tiết kiệm",)),
)
BENEFIT_KEYS = ("vnd_per_year", "kwh_per_year")
MAX_AUTHORS = 20


def header_key(text: str) -> str:
    return loose(str(text)).rstrip(":* ").strip()


@dataclass
class Mapping:
    index: dict[str, int]  # column key -> position in a row
    headers: dict[str, str]  # column key -> the header as the file writes it
    ignored: list[str] = field(default_factory=list)


def _one_line(text: Any) -> str:
    """A header as messages quote it: a line break inside its cell ("Giá trị làm lợi\n(đồng/năm)") would split
    the message's line."""
    return " ".join(str(text).split())


def map_header(header: list[str], sheet: str | None = None) -> Mapping:
    """The position of each known column, or a TableError naming every missing or repeated one (and the
    worksheet read, ``sheet``, for an XLSX)."""
    wanted = {header_key(name): column for column in COLUMNS for name in (column.header, *column.aliases)}
    index: dict[str, int] = {}
    headers: dict[str, str] = {}
    ignored, problems = [], []
    for position, text in enumerate(header):
        column = wanted.get(header_key(text))
        if column is None:
            if _one_line(text):
                ignored.append(_one_line(text))
        elif column.key in index:
            problems.append(f"Cột '{column.header}' xuất hiện hai lần (cột {column_letter(index[column.key])} "
                            f"và {column_letter(position)})")
        else:
            index[column.key], headers[column.key] = position, _one_line(text)
    found = [header_key(text) for text in ignored]  # a suggestion only among the columns not used yet
    for column in COLUMNS:
        if column.required and column.key not in index:
            close = difflib.get_close_matches(header_key(column.header), found, n=1, cutoff=0.75)
            hint = ""
            if close:
                original = next(text for text in ignored if header_key(text) == close[0])
                hint = f" — có phải cột '{original}'?"
            problems.append(f"Thiếu cột bắt buộc '{column.header}'{hint}")
    if problems:
        shown = ", ".join(f"'{_one_line(text)}'" for text in header if _one_line(text)) or "(trống)"
        where = f"dòng 1 của trang tính '{sheet}'" if sheet else "dòng 1"
        raise TableError("\n".join([*problems, f"Dòng tiêu đề ({where}) đang có: {shown}"]))
    return Mapping(index, headers, ignored)


# ---------------------------------------------------------------------------------------------------- cells


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?")


def parse_date(value: Any) -> tuple[dt.date | None, str | None]:
    """Dates as the export writes them: a spreadsheet date, 2022-11-15 or 15/11/2022 (day first), a time ignored."""
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, (int, float)):
        return None, f"ô chứa số {cell_text(value)}, không phải ngày; hãy định dạng ô kiểu Ngày (Date)"
    text = cell_text(value)
    match = _ISO.fullmatch(text)
    parts = (match[1], match[2], match[3]) if match else None
    match = _DAY_FIRST.fullmatch(text)
    if match:
        parts = (match[3], match[2], match[1])
    if parts is None:
        return None, f"ngày '{text}' không đúng dạng: dùng ngày/tháng/năm (15/11/2022) hoặc 2022-11-15"
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2])), None
    except ValueError:
        return None, f"ngày '{text}' không tồn tại"


def parse_count(value: Any) -> tuple[int | None, str | None]:
    """A whole number; thousands may be grouped with '.', ',' or spaces (1.200.000.000)."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        text = cell_text(value).replace("\u00a0", " ")
        compact = text.replace(" ", "")
        if re.fullmatch(r"\d{1,3}([.,]\d{3})+", compact):
            number = int(re.sub(r"\D", "", compact))
        elif re.fullmatch(r"-?\d+", compact):
            number = int(compact)
        else:
            return None, f"'{text}' không phải số nguyên (ví dụ 1200000000 hoặc 1.200.000.000)"
    if number < 0:
        return None, f"số {number} không hợp lệ: phải là số không âm"
    return number, None


_AUTHOR_UNIT = re.compile(r"(.*?)\s*\[([^\]]*)\]\s*")
_NAME_TITLE = re.compile(r"\s+[-–]\s+")
_LIST_NUMBER = re.compile(r"^\(?\d{1,2}[.)]\s+")


def parse_authors(text: str, refs: References) -> tuple[list[dict[str, str]], list[str]]:
    """"Họ tên - Chức danh" separated by ';' or line breaks; "[đơn vị]" at the end for another unit."""
    authors, problems = [], []
    entries = [entry.strip() for entry in re.split(r"[;\n]", text) if entry.strip()]
    if not entries:
        return [], ["không có tác giả nào; viết 'Họ tên - Chức danh', nhiều người cách nhau bằng ';'"]
    if len(entries) > MAX_AUTHORS:
        return [], [f"{len(entries)} tác giả, tối đa {MAX_AUTHORS}"]
    seen: set[tuple] = set()
    for entry in entries:
        entry = _LIST_NUMBER.sub("", entry)  # "1. Nguyễn Văn A - Kỹ sư": a numbered list in the cell
        unit = None
        match = _AUTHOR_UNIT.fullmatch(entry)
        if match:
            entry = match[1]
            unit, problem = refs.units.resolve(match[2].strip())
            if problem:
                problems.append(f"tác giả '{entry}': {problem}")
                continue
        if "[" in entry or "]" in entry:  # a unit written elsewhere than at the end would stay in the name
            problems.append(f"tác giả '{entry}': hãy ghi đơn vị trong ngoặc vuông ở cuối: 'Họ tên - Chức danh [đơn vị]'")
            continue
        parts = _NAME_TITLE.split(entry, maxsplit=1)
        if len(parts) != 2:
            problems.append(f"tác giả '{entry}' thiếu chức danh; viết 'Họ tên - Chức danh'")
            continue
        author: dict[str, str] = {}
        for key, part in zip(("name", "job_title"), parts):
            value, problem = schema_value(schema.AUTHOR, key, part)
            if problem:
                problems.append(f"tác giả '{entry}': {problem}")
            author[key] = value
        if unit:
            author["unit"] = unit
        # as the content check compares authors (content/rules.py: _check_authors_once)
        same = tuple(" ".join(str(author.get(key) or "").casefold().split()) for key in ("name", "job_title")) + (unit,)
        if same in seen:
            problems.append(f"tác giả '{entry}' ghi hai lần")
            continue
        seen.add(same)
        authors.append(author)
    return authors, problems


# ---------------------------------------------------------------------------------------------------- rows


@dataclass
class Row:
    number: int
    values: dict[str, Any]  # top-level initiative key -> value as the loader reads it (benefit: only given parts)
    problems: list[str]
    notes: list[str] = field(default_factory=list)  # what was changed on the way in, printed, not refused


def parse_row(number: int, cells: list[Any], mapping: Mapping, refs: References) -> Row:
    values: dict[str, Any] = {}
    problems: list[str] = []

    def cell(key: str) -> Any:
        position = mapping.index.get(key)
        return cells[position] if position is not None and position < len(cells) else None

    def report(key: str, message: str) -> None:
        problems.append(f"cột '{mapping.headers[key]}': {message}")

    for column in COLUMNS:
        if column.key not in mapping.index:
            continue
        raw = cell(column.key)
        if not cell_text(raw):
            if column.required:
                report(column.key, "để trống")
            continue  # an empty optional cell leaves the field as it is
        value, problem = _parse(column.key, raw, refs)
        if problem:
            report(column.key, problem)
        elif isinstance(value, tuple):  # authors: (list, problems)
            for message in value[1]:
                report(column.key, message)
            values[column.key] = value[0]
        elif column.key in BENEFIT_KEYS:
            values.setdefault("benefit", {})[column.key] = value
        else:
            values[column.key] = value
    notes = [f"cột '{mapping.headers[key]}': các dòng trong ô được nối thành một dòng"
             for key in ("title", "summary") if key in mapping.index and "\n" in cell_text(cell(key)).strip()]
    if "unit" in values and "authors" in values:
        # The author's unit is written only when it differs from the initiative's (the model's default).
        values["authors"] = [{key: item for key, item in author.items()
                              if not (key == "unit" and item == values["unit"])} for author in values["authors"]]
    return Row(number, values, problems, notes)


def _parse(key: str, raw: Any, refs: References) -> tuple[Any, str | None]:
    if key in ("code", "title", "summary"):
        return schema_value(schema.INITIATIVE, key, cell_text(raw))
    if key == "unit":
        return refs.units.resolve(cell_text(raw))
    if key == "field":
        return refs.fields.resolve(cell_text(raw))
    if key == "authors":
        return parse_authors(cell_text(raw), refs), None
    if key in ("registered_on", "applied_from"):
        return parse_date(raw)
    return parse_count(raw)
