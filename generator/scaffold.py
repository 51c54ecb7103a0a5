"""``sangkien new``: a new initiative or news file, correctly named and pre-filled.

What the command knows (title, unit, date, and code, field or registration date when given) is written
as real values. What it cannot know is left as an empty required field with a comment saying what
goes there: ``sangkien check`` then reports "Trường bắt buộc '...' chưa có giá trị" at that line until a
person fills it. A made-up placeholder ("Tên tác giả", today's date as the registration date) would
pass every check and publish a wrong page; an empty field cannot.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from .content import schema
from .references import References, schema_value
from .text import slugify
from .yamlwrite import scalar, write_atomic

INITIATIVE_SCHEMA_LINE = "# yaml-language-server: $schema=../../../schema/initiative.schema.json"


class ScaffoldError(Exception):
    """A user mistake: the message is shown as is and the command exits 1."""


@dataclass(frozen=True)
class Created:
    path: Path
    shown: str


def check_text(record: schema.Record, key: str, value: str, what: str) -> str:
    """``value`` as the schema reads it for ``key``, or a ScaffoldError with the schema's own message."""
    loaded, problem = schema_value(record, key, value)
    if problem:
        raise ScaffoldError(f"{what}: {problem}")
    return loaded


def _slug(title: str, given: str | None) -> str:
    if given is not None:
        if not re.fullmatch(schema.SLUG, given):
            raise ScaffoldError(f"Tên tệp '{given}' không hợp lệ: {schema.SLUG_HELP}")
        return given
    slug = slugify(title)
    if not slug:
        raise ScaffoldError("Không tạo được tên tệp từ tiêu đề (tiêu đề không có chữ hoặc số); "
                            "hãy đặt tên bằng --slug, ví dụ --slug tiet-kiem-dien")
    return slug


def _same_name(folder: Path, pattern: str) -> Path | None:
    return next(iter(sorted(folder.glob(pattern))), None) if folder.is_dir() else None


def new_initiative(root: Path, shown: str, refs: References, *, unit: str, title: str, slug: str | None = None,
                   code: str | None = None, field: str | None = None,
                   registered_on: dt.date | None = None) -> Created:
    unit_id, problem = refs.units.resolve(unit)
    if problem:
        raise ScaffoldError(problem)
    field_id = None
    if field is not None:
        field_id, problem = refs.fields.resolve(field)
        if problem:
            raise ScaffoldError(problem)
    title = check_text(schema.INITIATIVE, "title", title, "Tiêu đề")
    if code is not None:
        code = check_text(schema.INITIATIVE, "code", code, "Mã đăng ký")
    name = _slug(title, slug)
    # File names are unique across the whole tree (they are the pages' addresses), not only in one unit.
    taken = _same_name(root / "initiatives", f"*/{name}.yml")
    target = root / "initiatives" / unit_id / f"{name}.yml"
    if taken is not None:
        rel = taken.relative_to(root).as_posix()
        raise ScaffoldError(f"Đã có tệp {shown}/{rel}; không ghi đè. Hãy chọn tiêu đề khác hoặc đặt tên "
                            f"bằng --slug")
    fields = ", ".join(refs.fields.names)
    lines = [
        INITIATIVE_SCHEMA_LINE,
        "# Điền các trường còn trống (viết sau dấu ':'), rồi chạy: sangkien check",
        _line("code", code, "Mã đăng ký trên hệ thống của chương trình, ví dụ EVNHANOI-2022-0153"),
        f"title: {scalar(title)}",
        _line("summary", None, "Tóm tắt một hai câu"),
        f"unit: {unit_id}",
        _line("field", field_id, f"Mã lĩnh vực, một trong: {fields}"),
        "authors:",
        "  - name:  # Họ và tên",
        "    job_title:  # Chức danh, bộ phận",
        _line("registered_on", registered_on, "Ngày đăng ký vào chương trình, dạng YYYY-MM-DD (ví dụ 2022-11-15)"),
        "# Không bắt buộc: bỏ dấu '#' ở đầu dòng để dùng.",
        "# applied_from: 2022-01-05",
        "# benefit:",
        "#   vnd_per_year: 120000000",
        "#   kwh_per_year: 35000",
        "# tags: [tu-khoa]",
        "# description: |",
        "#   Mô tả chi tiết (Markdown).",
    ]
    write_atomic(target, "\n".join(lines) + "\n")
    return Created(target, f"{shown}/initiatives/{unit_id}/{name}.yml")


def _line(key: str, value, hint: str) -> str:
    return f"{key}: {scalar(value)}" if value is not None else f"{key}:  # {hint}"


def new_news(root: Path, shown: str, *, title: str, day: dt.date, slug: str | None = None) -> Created:
    if not root.is_dir():
        raise ScaffoldError(f"{shown}: Không tìm thấy thư mục nội dung")
    title = check_text(schema.NEWS, "title", title, "Tiêu đề")
    name = _slug(title, slug)
    year = f"{day:%Y}"
    # The post's address is tin-tuc/<year>/<slug>/: two posts of one year cannot share a slug.
    taken = _same_name(root / "news" / year, f"????-??-??-{name}.md")
    if taken is not None:
        rel = taken.relative_to(root).as_posix()
        raise ScaffoldError(f"Đã có tin {shown}/{rel} cùng tên trong năm {year}; không ghi đè. "
                            "Hãy chọn tiêu đề khác hoặc đặt tên bằng --slug")
    target = root / "news" / year / f"{day.isoformat()}-{name}.md"
    lines = [
        "---",
        f"title: {scalar(title)}",
        f"date: {day.isoformat()}",
        "summary:  # Tóm tắt một hai câu (hiện trong danh sách tin)",
        "# Không bắt buộc: bỏ dấu '#' ở đầu dòng để dùng.",
        "# categories: [Tiến độ]",
        "# authors: [Ban biên tập]",
        "# image:",
        "#   path: anh/ten-anh.jpg",
        "#   alt: Mô tả ảnh cho người không xem được ảnh",
        "---",
        "",
        "",
    ]
    write_atomic(target, "\n".join(lines))
    return Created(target, f"{shown}/news/{year}/{target.name}")
