"""Find the content files and read each into a schema record (step 1 of loading).

Layout:
    campaign.yml, units.yml
    initiatives/<unit id>/<slug>.yml   (+ photos anywhere below initiatives/)
    news/<yyyy>/<yyyy-mm-dd>-<slug>.md (+ images anywhere below news/)
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..text import slugify
from . import personal, schema
from .kinds import INVALID, Marked, Reader, Record
from .problems import Problems
from .source import MAX_MARKDOWN_BYTES, compose, read_text, split_front_matter


@dataclass
class Document:
    """One content file read against its record; ``record`` holds only the values that were valid."""

    path: Path
    shown: str  # the path printed in messages
    record: Marked
    body: str = ""  # news only: the Markdown after the front matter
    body_line: int = 1


@dataclass
class RawContent:
    root: Path
    shown: str
    campaign: Document | None = None
    units: Document | None = None
    initiatives: list[Document] = field(default_factory=list)
    news: list[Document] = field(default_factory=list)
    images: set[str] = field(default_factory=set)  # paths relative to root, with '/'


def read_record(path: Path, shown: str, record: Record, problems: Problems) -> Document | None:
    """One YAML file read against ``record``; problems are added, None when nothing usable was read."""
    text = read_text(path, shown, problems)
    if text is None:
        return None
    node = compose(text, shown, problems)
    if node is None:
        return None
    value = record.load(node, Reader(shown, problems))
    return None if value is INVALID else Document(path, shown, value)


def _read_news(path: Path, shown: str, problems: Problems) -> Document | None:
    text = read_text(path, shown, problems, limit=MAX_MARKDOWN_BYTES)
    if text is None:
        return None
    parts = split_front_matter(text, shown, problems)
    if parts is None:
        return None
    front, body = parts
    if not front.strip():
        problems.add(shown, 2, 1, "Phần thông tin đầu bài (front matter) đang trống")
        return None
    node = compose(front, shown, problems, first_line=2)
    if node is None:
        return None
    value = schema.NEWS.load(node, Reader(shown, problems, first_line=2))
    if value is INVALID:
        return None
    body_line = front.count("\n") + 3
    leak = personal.find(body)
    if leak is not None:
        before = body[: leak[0]]
        problems.add(shown, body_line + before.count("\n"), len(before) - (before.rfind("\n") + 1) + 1, leak[1])
        return None
    return Document(path, shown, value, body, body_line=body_line)


def _files_below(folder: Path):
    """Relative paths of files below ``folder``, sorted, skipping hidden names."""
    for current, dirs, files in os.walk(folder):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                path = Path(current, name)
                yield path, path.relative_to(folder).parts


def _check_slug(stem: str, shown: str, problems: Problems) -> bool:
    if re.fullmatch(schema.SLUG, stem):
        return True
    better = slugify(stem)
    hint = f" — gợi ý: đổi tên thành '{better}'" if better else ""
    problems.add(shown, 1, 1, f"Tên tệp '{stem}' không hợp lệ: {schema.SLUG_HELP}{hint}")
    return False


def _classify(path: Path, rel: str, shown: str, raw: RawContent, problems: Problems) -> str | None:
    """Images are recorded; anything that is neither the expected text file nor an image is a problem."""
    if path.is_symlink():
        problems.add(shown, 1, 1, "Không dùng liên kết tượng trưng (symlink) trong thư mục nội dung; hãy chép tệp thật vào")
        return None
    suffix = path.suffix.lower()
    if suffix in schema.IMAGE_SUFFIXES:
        raw.images.add(rel)
        return None
    return suffix


def _read_initiatives(raw: RawContent, problems: Problems) -> None:
    folder = raw.root / "initiatives"
    if not folder.is_dir():
        problems.add(f"{raw.shown}/initiatives", 1, 1, "Không tìm thấy thư mục initiatives/ (nơi chứa các sáng kiến)")
        return
    for path, parts in _files_below(folder):
        rel = "/".join(("initiatives", *parts))
        shown = f"{raw.shown}/{rel}"
        suffix = _classify(path, rel, shown, raw, problems)
        if suffix is None:
            continue
        if suffix in (".yaml",) or (suffix == ".yml" and path.suffix != ".yml"):
            problems.add(shown, 1, 1, f"Đuôi tệp phải là .yml — đổi tên thành '{path.stem}.yml'")
        elif suffix != ".yml":
            problems.add(shown, 1, 1, "Tệp không được hỗ trợ ở đây: chỉ dùng tệp sáng kiến .yml và ảnh "
                         + ", ".join(schema.IMAGE_SUFFIXES))
        elif len(parts) != 2:
            problems.add(shown, 1, 1, "Tệp sáng kiến phải nằm ngay trong thư mục của đơn vị: "
                         "initiatives/<mã đơn vị>/<tên>.yml")
        elif _check_slug(path.stem, shown, problems):
            document = read_record(path, shown, schema.INITIATIVE, problems)
            if document is not None:
                raw.initiatives.append(document)


_NEWS_NAME = re.compile(r"(\d{4})-(\d{2})-(\d{2})-(.+)\.md")


def _read_all_news(raw: RawContent, problems: Problems) -> None:
    folder = raw.root / "news"
    if not folder.is_dir():
        return  # a campaign may have no news yet
    for path, parts in _files_below(folder):
        rel = "/".join(("news", *parts))
        shown = f"{raw.shown}/{rel}"
        suffix = _classify(path, rel, shown, raw, problems)
        if suffix is None:
            continue
        match = _NEWS_NAME.fullmatch(parts[-1])
        if suffix != ".md":
            problems.add(shown, 1, 1, "Tệp không được hỗ trợ ở đây: tin tức là tệp .md, ảnh dùng "
                         + ", ".join(schema.IMAGE_SUFFIXES))
        elif len(parts) != 2 or not re.fullmatch(r"\d{4}", parts[0]) or match is None:
            problems.add(shown, 1, 1, "Tin tức phải đặt tên theo dạng news/<năm>/<năm-tháng-ngày>-<tên>.md, "
                         "ví dụ news/2022/2022-11-15-day-manh-giai-doan-2.md")
        elif match[1] != parts[0]:
            problems.add(shown, 1, 1, f"Tin ngày {match[1]} phải nằm trong thư mục news/{match[1]}/")
        elif _check_slug(match[4], shown, problems):
            document = _read_news(path, shown, problems)
            if document is not None:
                raw.news.append(document)


def read_content(root: Path, shown: str, problems: Problems) -> RawContent:
    """Every content file below ``root`` read against the schema; problems are added, never raised."""
    raw = RawContent(root, shown)
    if not root.is_dir():
        problems.add(shown, 1, 1, "Không tìm thấy thư mục nội dung")
        return raw
    for name, record, attribute in (("campaign.yml", schema.CAMPAIGN, "campaign"),
                                    ("units.yml", schema.UNITS, "units")):
        path = root / name
        if path.is_file():
            setattr(raw, attribute, read_record(path, f"{shown}/{name}", record, problems))
        else:
            problems.add(f"{shown}/{name}", 1, 1, f"Thiếu tệp {name}")
    _read_initiatives(raw, problems)
    _read_all_news(raw, problems)
    return raw
