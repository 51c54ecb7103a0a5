"""Rules across files (step 2 of loading): references, uniqueness, dates in order, photos that exist.

Each rule reads the records as they came out of the schema (only valid values are present) and adds
problems at the position of the value at fault.
"""

from __future__ import annotations

import functools
import posixpath
import re

from ..identity import ByIdentity
from .kinds import Marked, suggest
from .problems import Problems
from .reader import Document, RawContent
from .schema import IMAGE_SUFFIXES


def _at(problems: Problems, document: Document, record: Marked, key: str, message: str) -> None:
    line, col = record.marks.get(key, record.mark)
    problems.add(document.shown, line, col, message)


def _ids(document: Document | None, key: str) -> list[Marked]:
    return list(document.record.get(key, [])) if document else []


def _unique_ids(document: Document, items: list[Marked], what: str, problems: Problems) -> set[str]:
    seen: dict[str, int] = {}
    for item in items:
        if "id" not in item:
            continue
        if item["id"] in seen:
            _at(problems, document, item, "id", f"Mã {what} '{item['id']}' bị trùng (đã dùng ở dòng {seen[item['id']]})")
        else:
            seen[item["id"]] = item.marks["id"][0]
    return set(seen)


def _check_reference(problems, document, record, key, known: set[str] | None, message: str,
                     likely: str | None = None) -> None:
    """``known`` is None when the file that defines the ids could not be read: nothing to check against.
    ``likely``: the id the file itself points to, suggested first when close (kinds.suggest)."""
    value = record.get(key)
    if known is not None and value is not None and value not in known:
        _at(problems, document, record, key, message.format(value=value) + suggest(value, sorted(known), likely))


def _check_targets(problems: Problems, document: Document, targets: list[Marked]) -> None:
    for earlier, later in zip(targets, targets[1:]):
        if "decided_on" in earlier and "decided_on" in later and later["decided_on"] < earlier["decided_on"]:
            _at(problems, document, later, "decided_on",
                "Các lần giao chỉ tiêu phải xếp theo ngày ban hành, cũ trước mới sau")
    for target in targets:
        if "deadline" in target and "decided_on" in target and target["deadline"] < target["decided_on"]:
            _at(problems, document, target, "deadline", "Hạn hoàn thành trước ngày ban hành văn bản")


def check_campaign(raw: RawContent, problems: Problems) -> dict[str, set[str]]:
    """The ids other files may refer to: phases, fields, blocs."""
    document = raw.campaign
    if document is None:
        return {"phases": None, "fields": None, "blocs": None}
    campaign = document.record
    phases = _ids(document, "phases")
    known = {key: _unique_ids(document, _ids(document, key), what, problems)
             for key, what in (("phases", "giai đoạn"), ("fields", "lĩnh vực"), ("blocs", "khối thi đua"))}
    _check_targets(problems, document, list(campaign.get("targets", [])))
    for phase in phases:
        _check_targets(problems, document, list(phase.get("targets", [])))
        if "start" in phase and "end" in phase and phase["end"] < phase["start"]:
            _at(problems, document, phase, "end", "Ngày kết thúc giai đoạn trước ngày bắt đầu")
    for earlier, later in zip(phases, phases[1:]):
        if "end" in earlier and "start" in later and later["start"] <= earlier["end"]:
            _at(problems, document, later, "start",
                f"Giai đoạn bắt đầu {later['start']:%d/%m/%Y}, trước khi giai đoạn trước kết thúc "
                f"({earlier['end']:%d/%m/%Y}); các giai đoạn phải nối tiếp nhau")
    if "notice" in campaign:
        _check_reference(problems, document, campaign["notice"], "page", raw.pages,
                         "Trang '{value}' không có trong thư mục pages/ của nội dung")
    return known


def check_units(raw: RawContent, known: dict[str, set[str] | None], problems: Problems) -> set[str] | None:
    document = raw.units
    if document is None:
        return None
    units = _ids(document, "units")
    unit_ids = _unique_ids(document, units, "đơn vị", problems)
    for unit in units:
        if re.fullmatch(r"trang-\d+", unit.get("id", "")):
            _at(problems, document, unit, "id", f"Mã đơn vị '{unit['id']}' trùng với địa chỉ trang danh sách; hãy chọn mã khác")
    for unit in units:
        _check_reference(problems, document, unit, "parent", unit_ids - {unit.get("id")},
                         "Đơn vị cấp trên '{value}' không có trong danh sách đơn vị")
        _check_reference(problems, document, unit, "bloc", known["blocs"],
                         "Khối thi đua '{value}' không có trong campaign.yml")
        quota = unit.get("quota")
        for phase_id in (quota.marks if quota else {}):
            if known["phases"] is not None and phase_id not in known["phases"]:
                line, col = quota.marks[phase_id]
                problems.add(document.shown, line, col, f"Giai đoạn '{phase_id}' không có trong campaign.yml"
                             + suggest(phase_id, sorted(known["phases"])))
    if any("id" not in unit for unit in units):
        # a unit whose id has a mistake (reported above): which units exist is not known, and every initiative
        # of that unit would be told its unit does not exist, with a did-you-mean of another
        return None
    return unit_ids


def _check_photo(problems: Problems, raw: RawContent, document: Document, photo: Marked, top: str) -> None:
    """``top`` is the folder the photo must stay in: initiatives/ or news/."""
    path = photo.get("path")
    if path is None:
        return
    folder = posixpath.dirname(posixpath.relpath(document.path.as_posix(), raw.root.as_posix()))
    target = posixpath.normpath(posixpath.join(folder, path))
    if path.startswith("/") or "\\" in path or ".." in path.split("/") or not target.startswith(top + "/"):
        _at(problems, document, photo, "path", f"Đường dẫn ảnh '{path}' phải là đường dẫn tương đối nằm trong "
            f"thư mục {top}/ (không bắt đầu bằng '/', không dùng '..')")
    elif not path.lower().endswith(IMAGE_SUFFIXES):
        _at(problems, document, photo, "path", "Ảnh phải có đuôi " + ", ".join(IMAGE_SUFFIXES))
    elif target not in raw.images:
        _at(problems, document, photo, "path",
            f"Không tìm thấy ảnh '{path}' (đường dẫn tính từ thư mục của tệp này)")
    else:
        problem = _image_problem(raw.root / target)
        if problem:
            _at(problems, document, photo, "path", f"Ảnh '{path}': {problem}")


MAX_IMAGE_BYTES = 5 * 1024 * 1024
_SIGNATURES = {b"\xff\xd8\xff": (".jpg", ".jpeg"), b"\x89PNG\r\n\x1a\n": (".png",)}


def _image_problem(path) -> str | None:
    """Why a photo file cannot be published (too large, not the image its name says), or None."""
    status = path.stat()
    return _file_problem(path, status.st_size, status.st_mtime_ns)


@functools.lru_cache(maxsize=4096)
def _file_problem(path, size: int, modified: int) -> str | None:
    # by size and time as well as path: a few shared photos are referenced by thousands of initiatives, and a file
    # written again is read again
    if size > MAX_IMAGE_BYTES:
        return f"tệp quá lớn ({size / 1024 / 1024:.1f} MB, tối đa 5 MB); hãy giảm kích thước ảnh".replace(".", ",", 1)
    with path.open("rb") as stream:
        head = stream.read(12)
    suffix = path.suffix.lower()
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        kinds: tuple[str, ...] = (".webp",)
    else:
        kinds = next((suffixes for signature, suffixes in _SIGNATURES.items() if head.startswith(signature)), ())
    if suffix not in kinds:
        return "tệp không phải ảnh JPEG, PNG hoặc WebP đúng với đuôi tên tệp"
    return None


def _campaign_span(raw: RawContent) -> tuple:
    """The first day initiatives count from and the campaign's last day, the latest end of a phase or deadline
    of a target (None when unknown): a registration outside them is a slip of the year, which would otherwise
    move the as-of date years ahead."""
    record = raw.campaign.record if raw.campaign else {}
    phases = record.get("phases", [])
    targets = [*record.get("targets", []), *(target for phase in phases for target in phase.get("targets", []))]
    ends = [phase["end"] for phase in phases if "end" in phase] + [t["deadline"] for t in targets if "deadline" in t]
    return record.get("programme", {}).get("counted_from"), max(ends, default=None)


def _check_initiative_dates(problems, document, record, span) -> None:
    counted_from, last_day = span
    applied, registered = record.get("applied_from"), record.get("registered_on")
    if applied and registered and applied > registered:
        _at(problems, document, record, "applied_from",
            f"Ngày áp dụng ({applied:%d/%m/%Y}) phải trước hoặc bằng ngày đăng ký ({registered:%d/%m/%Y})")
    if registered and counted_from and registered < counted_from:
        _at(problems, document, record, "registered_on",
            f"Ngày đăng ký ({registered:%d/%m/%Y}) trước ngày chương trình bắt đầu tính sáng kiến "
            f"({counted_from:%d/%m/%Y})")
    if registered and last_day and registered > last_day:
        _at(problems, document, record, "registered_on",
            f"Ngày đăng ký ({registered:%d/%m/%Y}) sau ngày phong trào kết thúc ({last_day:%d/%m/%Y}); "
            "hãy kiểm tra lại năm")
    recognition = record.get("recognition")
    if recognition and applied and "date" in recognition and recognition["date"] < applied:
        _at(problems, document, recognition, "date",
            f"Ngày quyết định công nhận ({recognition['date']:%d/%m/%Y}) trước ngày bắt đầu áp dụng "
            f"({applied:%d/%m/%Y})")


def _check_authors_once(problems, document: Document, authors: list[Marked]) -> None:
    """An author written twice (the same name, job title and unit, case and spaces aside), say pasted twice. Two
    people of the same name are not rare, so a namesake with another job title or unit is not reported."""
    lines: dict[tuple, int] = {}
    for author in authors:
        if "name" not in author:
            continue
        key = tuple(" ".join(str(author.get(part, "")).casefold().split()) for part in ("name", "job_title", "unit"))
        if key in lines:
            _at(problems, document, author, "name",
                f"Tác giả '{author['name']}' đã ghi ở dòng {lines[key]} (cùng tên, chức danh và đơn vị); "
                "mỗi người chỉ ghi một lần")
        else:
            lines[key] = author.marks["name"][0]


def _check_initiative(problems, raw: RawContent, document: Document, known, unit_ids, span) -> None:
    """The rules an initiative file meets on its own, given the campaign's and the units' ids."""
    record = document.record
    folder = document.path.parent.name
    # the folder is the unit the file must name (the rule below)
    _check_reference(problems, document, record, "unit", unit_ids, "Đơn vị '{value}' không có trong units.yml",
                     likely=folder)
    if unit_ids and record.get("unit") in unit_ids and record["unit"] != folder:
        _at(problems, document, record, "unit", f"Sáng kiến nằm trong thư mục '{folder}' nhưng ghi unit: "
            f"{record['unit']}; hãy chuyển tệp sang initiatives/{record['unit']}/ hoặc sửa unit")
    _check_reference(problems, document, record, "field", known["fields"],
                     "Lĩnh vực '{value}' không có trong danh sách fields của campaign.yml")
    for author in record.get("authors", []):
        _check_reference(problems, document, author, "unit", unit_ids, "Đơn vị '{value}' không có trong units.yml")
    _check_authors_once(problems, document, record.get("authors", []))
    for photo in record.get("photos", []):
        _check_photo(problems, raw, document, photo, "initiatives")
    _check_initiative_dates(problems, document, record, span)


class Checked:
    """What each initiative file's own rules found, kept by a served site loaded again after each edit: an
    unchanged file (the same document object) is not checked again while the ids it is checked against are the
    same. Photo files are not looked at again for those either: a changed photo makes a whole load
    (generator/content/edits.py), whose documents are all new."""

    def __init__(self) -> None:
        self.context: tuple | None = None
        self.found = ByIdentity()  # document -> its problems


def check_initiatives(raw: RawContent, known: dict[str, set[str] | None], unit_ids: set[str] | None, problems: Problems,
                      kept: Checked | None = None) -> None:
    span = _campaign_span(raw)
    if kept is not None:
        context = (frozenset(unit_ids) if unit_ids is not None else None,
                   frozenset(known["fields"]) if known["fields"] is not None else None, span,
                   frozenset(raw.images), raw.root)
        if context != kept.context:
            kept.context, kept.found = context, ByIdentity()
        kept.found.keep_only(raw.initiatives)
    codes: dict[str, tuple[Document, str]] = {}  # code -> the first file with it, and where it is written
    slugs: dict[str, Document] = {}
    for document in raw.initiatives:
        found = kept.found.get(document) if kept is not None else None
        if found is None:
            found = own_rules(raw, document, known, unit_ids, span)
            if kept is not None:
                kept.found.put(document, found)
        own, code, where, slug = found
        problems.items.extend(own)
        if code in codes:
            first, first_where = codes[code]
            _at(problems, document, document.record, "code", f"Mã đăng ký '{code}' đã dùng cho sáng kiến {first_where}")
            # the first file is told too: either may be the one edited, and a pull request shows a message on
            # the file it names only
            _at(problems, first, first.record, "code", f"Mã đăng ký '{code}' cũng dùng cho sáng kiến {where}")
        elif code:
            codes[code] = (document, where)
        if slug in slugs:
            problems.add(document.shown, 1, 1, f"Tên tệp '{slug}.yml' đã dùng ở {slugs[slug].shown}; "
                         "tên tệp sáng kiến phải khác nhau trong toàn bộ nội dung")
            problems.add(slugs[slug].shown, 1, 1, f"Tên tệp '{slug}.yml' cũng dùng ở {document.shown}; "
                         "tên tệp sáng kiến phải khác nhau trong toàn bộ nội dung")
        else:
            slugs[slug] = document


def initiative_context(raw: RawContent) -> tuple:
    """What an initiative file's own rules are checked against (:func:`own_rules`): the campaign's ids, the units'
    ids and the campaign's span, as :func:`check_all` works them out (their problems are not this function's)."""
    scratch = Problems()
    known = check_campaign(raw, scratch)
    return known, check_units(raw, known, scratch), _campaign_span(raw)


def own_rules(raw: RawContent, document: Document, known, unit_ids, span) -> tuple:
    """What the file's own rules found, and what the rules across files compare: its code, where the code is
    written, its name."""
    own = Problems()
    _check_initiative(own, raw, document, known, unit_ids, span)
    code = document.record.get("code")
    where = f"{document.shown}:{document.record.marks['code'][0]}" if code else None
    return tuple(own.items), code, where, document.path.stem


def check_news(raw: RawContent, problems: Problems) -> None:
    for document in raw.news:
        record = document.record
        day = document.path.name[:10]
        if "date" in record and record["date"].isoformat() != day:
            _at(problems, document, record, "date",
                f"Ngày đăng ({record['date'].isoformat()}) khác ngày trong tên tệp ({day})")
        if "image" in record:
            _check_photo(problems, raw, document, record["image"], "news")


def check_all(raw: RawContent, problems: Problems, kept: Checked | None = None) -> None:
    """Every rule across files; ``kept``: see :func:`check_initiatives`."""
    known = check_campaign(raw, problems)
    unit_ids = check_units(raw, known, problems)
    check_initiatives(raw, known, unit_ids, problems, kept)
    check_news(raw, problems)
