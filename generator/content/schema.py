"""The content schema: the one definition of every file staff edit.

The loader reads files with these records, and ``sangkien schema`` exports them as the JSON Schema
files in ``schema/`` that editors use for completion and red squiggles. Change a field here, then
run ``sangkien schema`` (a test fails while the exported files differ).
"""

from __future__ import annotations

from ..text import fold, slugify
from .kinds import Boolean, Choice, Date, Field, Integer, ListOf, MapOf, Record, Text, Url

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
SLUG_HELP = "chỉ chữ thường không dấu, số và dấu '-' (ví dụ: tiet-kiem-dien)"
CODE = r"[A-Z0-9]+(?:[-/.][A-Z0-9]+)*"
CODE_HELP = "chữ in hoa không dấu, số, ngăn cách bằng '-' (ví dụ: EVNHANOI-2022-0153)"

# Recognition levels, lowest first: the order the honour roll and the model use.
RECOGNITION_LEVELS = {
    "don-vi": "Cấp đơn vị",
    "tong-cong-ty": "Cấp tổng công ty",
    "evn": "Cấp Tập đoàn Điện lực Việt Nam",
    "quoc-gia": "Cấp quốc gia",
}

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
# the hand-written pages: the names MkDocs renders as pages (mkdocs.utils.markdown_extensions, case and all)
PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


# A target or quota past ten million initiatives is a slip (the national programme counts one million): the
# statistics project dates from it, and a far larger one ran past the last date Python has.
MOST_INITIATIVES = 10_000_000


def _slug(description: str, required: bool = True) -> Field:
    return Field(Text(max_length=80, pattern=SLUG, pattern_help=SLUG_HELP, fix=slugify), description, required)


def _as_code(text: str) -> str:
    """A registration code as it was likely meant: "evnhanoi 2022 0153" -> "EVNHANOI-2022-0153"."""
    return "-".join(fold(text).upper().split())


def _text(description: str, max_length: int = 300, required: bool = True) -> Field:
    return Field(Text(max_length=max_length), description, required)


TARGET = Record(title="Chỉ tiêu (một lần ban hành hoặc điều chỉnh)", fields={
    "count": Field(Integer(minimum=1, maximum=MOST_INITIATIVES), "Số sáng kiến phải đạt", True),
    "deadline": Field(Date(), "Hạn hoàn thành", True),
    "decided_on": Field(Date(), "Ngày ban hành văn bản giao chỉ tiêu", True),
    "document": _text("Văn bản giao chỉ tiêu (số hiệu)", 200),
    "note": _text("Ghi chú", 500, required=False),
})

PHASE = Record(title="Giai đoạn", fields={
    "id": _slug("Mã giai đoạn (dùng trong chỉ tiêu của đơn vị)"),
    "name": _text("Tên giai đoạn", 100),
    "start": Field(Date(), "Ngày bắt đầu", True),
    "end": Field(Date(), "Ngày kết thúc", True),
    "targets": Field(ListOf(TARGET, min_items=1), "Chỉ tiêu của giai đoạn, cũ trước mới sau", True),
})

NAMED = Record(title="Mục có mã và tên", fields={
    "id": _slug("Mã (không dấu)"),
    "name": _text("Tên hiển thị", 120),
    "description": _text("Mô tả ngắn", 500, required=False),
})

PAGE = rf"{SLUG}(?:/{SLUG})*"
PAGE_HELP = "đường dẫn tệp trong content/pages/, không ghi đuôi .md (ví dụ: gioi-thieu)"

# Shown at the top of every page and on every social card: a site built from sample data says so wherever a
# reader or a shared link may take its numbers for the campaign's own.
NOTICE = Record(title="Thông báo chung trên mọi trang", fields={
    "label": _text("Nhãn ngắn in trên mọi thẻ chia sẻ (ví dụ: Dữ liệu mẫu)", 24),
    "text": _text("Lời thông báo hiện ở đầu mọi trang", 300),
    "page": Field(Text(max_length=120, pattern=PAGE, pattern_help=PAGE_HELP),
                  "Trang viết tay nói rõ hơn, liên kết sau lời thông báo"),
})

CAMPAIGN = Record(title="Phong trào thi đua (content/campaign.yml)", fields={
    "name": _text("Tên phong trào", 160),
    "short_name": _text("Tên ngắn (dùng trên thẻ chia sẻ, tiêu đề)", 60),
    "organisation": _text("Tổ chức phát động", 160),
    "description": _text("Giới thiệu ngắn về phong trào", 600),
    "programme": Field(Record(title="Chương trình quốc gia", fields={
        "name": _text("Tên chương trình", 200),
        "organiser": _text("Cơ quan tổ chức", 160),
        "url": Field(Url(), "Trang đăng ký trực tuyến của chương trình", True),
        "counted_from": Field(Date(), "Ngày bắt đầu tính sáng kiến", True),
    }), "Chương trình mà sáng kiến được đăng ký vào", True),
    "as_of": Field(Date(), "Ngày chốt số liệu (mặc định: ngày đăng ký mới nhất)"),
    "targets": Field(ListOf(TARGET, min_items=1), "Chỉ tiêu chung, cũ trước mới sau", True),
    "phases": Field(ListOf(PHASE, min_items=1), "Các giai đoạn của phong trào", True),
    "blocs": Field(ListOf(NAMED), "Các khối thi đua"),
    "fields": Field(ListOf(NAMED, min_items=1), "Danh sách lĩnh vực (đóng)", True),
    "notice": Field(NOTICE, "Thông báo chung, ví dụ khi số liệu trên trang là dữ liệu mẫu"),
})

UNIT = Record(title="Đơn vị", fields={
    "id": _slug("Mã đơn vị, không đổi (dùng làm tên thư mục sáng kiến)"),
    "name": _text("Tên đầy đủ", 200),
    "short_name": _text("Tên viết tắt", 40),
    "parent": _slug("Mã đơn vị cấp trên", required=False),
    "bloc": _slug("Mã khối thi đua", required=False),
    "quota": Field(MapOf(value=Integer(minimum=0, maximum=MOST_INITIATIVES), key_pattern=SLUG),
                   "Chỉ tiêu theo giai đoạn: mã giai đoạn: số"),
    "support_team": Field(Record(title="Tổ hỗ trợ viết sáng kiến", fields={
        "name": _text("Tên tổ", 160),
        "channel": _text("Kênh liên hệ chung của văn phòng (không ghi số điện thoại, e-mail cá nhân)", 200),
    }), "Tổ hỗ trợ viết sáng kiến của đơn vị"),
    "website": Field(Url(), "Trang web của đơn vị"),
})

UNITS = Record(title="Danh sách đơn vị (content/units.yml)", fields={
    "units": Field(ListOf(UNIT, min_items=1, max_items=1000), "Các đơn vị", True),
})

AUTHOR = Record(title="Tác giả", fields={
    "name": _text("Họ và tên", 80),
    "job_title": _text("Chức danh, bộ phận", 160),
    "unit": _slug("Mã đơn vị, nếu khác đơn vị của sáng kiến", required=False),
})

PHOTO = Record(title="Ảnh", fields={
    "path": Field(Text(max_length=200), "Đường dẫn ảnh, tính từ thư mục của tệp này", True),
    "alt": _text("Mô tả ảnh cho người không xem được ảnh", 200),
})

INITIATIVE = Record(title="Sáng kiến (content/initiatives/<đơn vị>/<tên>.yml)", fields={
    "code": Field(Text(max_length=40, pattern=CODE, pattern_help=CODE_HELP, fix=_as_code),
                  "Mã đăng ký trên hệ thống của chương trình (duy nhất)", True),
    "title": _text("Tên sáng kiến", 200),
    "summary": _text("Tóm tắt một hai câu", 500),
    "unit": _slug("Mã đơn vị (trùng tên thư mục)"),
    "field": _slug("Mã lĩnh vực (trong campaign.yml)"),
    "authors": Field(ListOf(AUTHOR, min_items=1, max_items=20), "Tác giả và đồng tác giả", True),
    "applied_from": Field(Date(), "Ngày bắt đầu áp dụng"),
    "registered_on": Field(Date(), "Ngày đăng ký vào chương trình", True),
    "recognition": Field(Record(title="Công nhận", fields={
        "level": Field(Choice(choices=RECOGNITION_LEVELS), "Cấp công nhận", True),
        "decision": _text("Số quyết định công nhận", 120),
        "date": Field(Date(), "Ngày quyết định", True),
    }), "Quyết định công nhận của Hội đồng sáng kiến"),
    "benefit": Field(Record(title="Giá trị làm lợi", fields={
        "vnd_per_year": Field(Integer(), "Giá trị làm lợi (đồng/năm)"),
        "kwh_per_year": Field(Integer(maximum=10**12), "Điện năng tiết kiệm (kWh/năm)"),
        "other": _text("Lợi ích khác", 300, required=False),
    }), "Giá trị làm lợi"),
    "featured": Field(Boolean(), "Sáng kiến tiêu biểu (hiện trên trang chủ)"),
    "draft": Field(Boolean(), "Bản nháp: không xuất bản"),
    "photos": Field(ListOf(PHOTO, max_items=12), "Ảnh minh hoạ"),
    "tags": Field(ListOf(Text(max_length=40), max_items=12), "Từ khoá"),
    "description": Field(Text(max_length=20000, multiline=True, markdown=True), "Mô tả chi tiết (Markdown)"),
})

NEWS = Record(title="Tin tức (phần đầu tệp content/news/<năm>/<ngày>-<tên>.md)", fields={
    "title": _text("Tiêu đề", 200),
    "date": Field(Date(), "Ngày đăng (trùng ngày trong tên tệp)", True),
    "summary": _text("Tóm tắt", 400),
    "image": Field(PHOTO, "Ảnh đại diện"),
    "categories": Field(ListOf(Text(max_length=60), max_items=8), "Chuyên mục"),
    "authors": Field(ListOf(Text(max_length=80), max_items=8), "Người viết"),
    "draft": Field(Boolean(), "Bản nháp: không xuất bản"),
})

# What a hand-written page (content/pages/*.md) may set in its front matter. Material prints most other keys
# (author, subtitle, status, template's own values) into every page unescaped: they are refused by the check and
# left out by the build (plugin.on_page_markdown).
PAGE_HIDES = {"navigation": "thanh điều hướng bên trái", "toc": "mục lục bên phải", "footer": "chân trang",
              "path": "đường dẫn phía trên tiêu đề"}
PAGE_META = Record(title="Trang viết tay (phần đầu tệp content/pages/*.md)", fields={
    "title": _text("Tiêu đề trang", 120, required=False),
    "description": _text("Mô tả ngắn, hiện khi chia sẻ trang", 300, required=False),
    "hide": Field(ListOf(Choice(choices=PAGE_HIDES), max_items=len(PAGE_HIDES)), "Phần của trang được ẩn"),
})

# name of the exported file in schema/ -> record
EXPORTS = {
    "campaign": CAMPAIGN,
    "units": UNITS,
    "initiative": INITIATIVE,
    "news": NEWS,
}
