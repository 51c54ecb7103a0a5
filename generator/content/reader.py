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

import yaml

from ..text import slugify
from . import markup, personal, schema
from .cache import RecordCache, source_key
from .kinds import INVALID, Marked, Reader, Record
from .problems import Problems
from .source import MAX_MARKDOWN_BYTES, compose, decode, split_front_matter


@dataclass
class Document:
    """One content file read against its record; ``record`` holds only the values that were valid."""

    path: Path
    shown: str  # the path printed in messages
    record: Marked
    body: str = ""  # news only: the Markdown after the front matter
    body_line: int = 1
    digest: str = ""  # cache.source_key of what was read: the file's bytes, its path and kind, the reading code


@dataclass
class RawContent:
    root: Path
    shown: str
    campaign: Document | None = None
    units: Document | None = None
    initiatives: list[Document] = field(default_factory=list)
    news: list[Document] = field(default_factory=list)
    images: set[str] = field(default_factory=set)  # paths relative to root, with '/'
    pages: set[str] = field(default_factory=set)  # hand-written pages below pages/, with '/' and without ".md"
    # the dates, authors and benefits the initiatives repeat, one object for each value (assemble.initiative)
    repeated: dict = field(default_factory=dict, repr=False, compare=False)


# What reading one file produced: its valid values (None when nothing usable was read), the Markdown after a
# news item's front matter and the line it starts on. Depends only on the file's bytes and the path it is shown
# under, which is what lets ``cache`` keep it across builds.
Parsed = tuple[Marked, str, int] | None


def _parse_record(data: bytes, shown: str, record: Record, problems: Problems) -> Parsed:
    text = decode(data, shown, problems)
    if text is None:
        return None
    node = compose(text, shown, problems)
    if node is None:
        return None
    value = record.load(node, Reader(shown, problems, anchors="&" in text, text=text))
    return None if value is INVALID else (value, "", 1)


def _parse_news(data: bytes, shown: str, problems: Problems) -> Parsed:
    text = decode(data, shown, problems, limit=MAX_MARKDOWN_BYTES)
    if text is None:
        return None
    parts = split_front_matter(text, shown, problems)
    if parts is None:
        return None
    front, body = parts
    if not front.strip():
        problems.add(shown, 2, 1, "Phần thông tin đầu bài (front matter) đang trống")
        return None
    node = compose(front, shown, problems, first_line=2,
                   empty="Phần thông tin đầu bài (front matter) chỉ có chú thích (dòng bắt đầu bằng #), chưa có nội dung")
    if node is None:
        return None
    value = schema.NEWS.load(node, Reader(shown, problems, first_line=2, anchors="&" in front, text=front))
    if value is INVALID:
        return None
    body_line = front.count("\n") + 3
    if _markdown_problems(body, body_line, shown, problems):
        return None
    return value, body, body_line


def _markdown_problems(text: str, first_line: int, shown: str, problems: Problems, *, page: bool = False,
                       shown_as_text: int = 0) -> bool:
    """Personal data and what the page would leave out (markup.find; ``page``: a hand-written page's) in the
    Markdown ``text``, which starts at ``first_line`` of the file, added to ``problems``; whether there were any.
    The first ``shown_as_text`` characters (a front matter printed as text) are looked at for personal data only."""
    leak = personal.find(text)
    found = [(shown_as_text + offset, message) for offset, message in markup.find(text[shown_as_text:], page)]
    for offset, message in sorted(([leak] if leak is not None else []) + found):
        before = text[:offset]
        problems.add(shown, first_line + before.count("\n"), len(before) - (before.rfind("\n") + 1) + 1, message)
    return leak is not None or bool(found)


# Each kind of content file and how its bytes are read; the name is part of the cache key.
_PARSERS = {
    "campaign": lambda data, shown, problems: _parse_record(data, shown, schema.CAMPAIGN, problems),
    "units": lambda data, shown, problems: _parse_record(data, shown, schema.UNITS, problems),
    "initiative": lambda data, shown, problems: _parse_record(data, shown, schema.INITIATIVE, problems),
    "news": _parse_news,
}


def read_record(path: Path, shown: str, record: Record, problems: Problems) -> Document | None:
    """One YAML file read against ``record``; problems are added, None when nothing usable was read."""
    parsed = _parse_record(path.read_bytes(), shown, record, problems)
    return None if parsed is None else Document(path, shown, parsed[0])


def _read_many(files: list[tuple[Path, str]], kind: str, problems: Problems,
               cache: RecordCache | None) -> list[Document]:
    """The files of ``kind`` read in order (those from which nothing usable was read left out), or taken from
    ``cache`` when these exact bytes were read before; with a cache, many files are read and parsed by worker
    processes (RecordCache.records)."""
    parse = _PARSERS[kind]
    if cache is None:
        every = [_parse_here(kind, parse, _bytes_of(path), shown, problems) for path, shown in files]
    else:
        every = cache.records(kind, files, _bytes_of, parse, problems)
    documents = []
    for (path, shown), (key, parsed) in zip(files, every):
        if parsed is not None:
            record, body, body_line = parsed
            documents.append(Document(path, shown, record, body, body_line=body_line, digest=key))
    return documents


def _parse_here(kind: str, parse, data: bytes, shown: str, problems: Problems) -> tuple[str, Parsed]:
    return source_key(kind, shown, data), parse(data, shown, problems)


def read_files(files: list[tuple[Path, str]], kind: str, problems: Problems) -> list[Document]:
    """A few files of ``kind`` (``(path, shown)``) read again, without the cache (generator/content/edits.py)."""
    return _read_many(files, kind, problems, None)


def _bytes_of(path: Path) -> bytes:
    """The whole file, through the system calls alone: at 10,000 files, the buffered file objects of ``open``
    took a third of the time spent reading."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        chunks = []
        while chunk := os.read(descriptor, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def _files_below(folder: Path):
    """``(path, parts relative to folder, is a symlink)`` of the files below ``folder``, sorted, hidden names skipped.

    Walks as ``os.walk`` does (an unreadable folder is skipped), but keeps the directory entries, which already
    know whether they are symlinks: at 10,000 files the separate ``lstat`` and path arithmetic per file were a
    noticeable part of loading. A symlink to a folder is listed as a symlink, not followed: the callers report
    it (MkDocs would follow one in the pages folder and publish what it points at).
    """
    folders = [(folder, ())]
    while folders:
        current, parts = folders.pop()
        try:
            with os.scandir(current) as scan:
                entries = sorted((entry for entry in scan if not entry.name.startswith(".")),
                                 key=lambda entry: entry.name)
        except OSError:
            continue
        below = []
        for entry in entries:
            if _is_folder(entry) and not entry.is_symlink():
                below.append((current / entry.name, (*parts, entry.name)))
            else:
                yield current / entry.name, (*parts, entry.name), entry.is_symlink()
        folders.extend(reversed(below))  # depth first, in name order, as os.walk


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # as os.walk: what cannot be examined counts as a file
        return False


_SLUG = re.compile(schema.SLUG)


def valid_slug(stem: str) -> bool:
    return _SLUG.fullmatch(stem) is not None


def _check_slug(stem: str, shown: str, problems: Problems) -> bool:
    if valid_slug(stem):
        return True
    better = slugify(stem)
    hint = f" — gợi ý: đổi tên thành '{better}'" if better else ""
    problems.add(shown, 1, 1, f"Tên tệp '{stem}' không hợp lệ: {schema.SLUG_HELP}{hint}")
    return False


SYMLINK = "Không dùng liên kết tượng trưng (symlink) trong thư mục nội dung; hãy chép tệp thật vào"


_CONTROL_IN_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
CONTROL_IN_NAME = "Tên tệp hoặc thư mục có ký tự điều khiển (xuống dòng, tab...); hãy đặt lại tên"


def _classify(path: Path, link: bool, rel: str, shown: str, raw: RawContent, problems: Problems) -> str | None:
    """Images are recorded; anything that is neither the expected text file nor an image is a problem."""
    if _CONTROL_IN_NAME.search(rel):  # its messages would print on two lines; MkDocs' log too
        problems.add(shown, 1, 1, CONTROL_IN_NAME)
        return None
    if link:
        problems.add(shown, 1, 1, SYMLINK)
        return None
    suffix = path.suffix.lower()
    if suffix in schema.IMAGE_SUFFIXES:
        raw.images.add(rel)
        return None
    return suffix


def _read_initiatives(raw: RawContent, problems: Problems, cache: RecordCache | None) -> None:
    folder = raw.root / "initiatives"
    if not folder.is_dir():
        problems.add(f"{raw.shown}/initiatives", 1, 1, "Không tìm thấy thư mục initiatives/ (nơi chứa các sáng kiến)")
        return
    found: list[tuple[Path, str]] = []
    misnamed: list[tuple[Path, str]] = []  # initiative files named or placed wrongly
    for path, parts, link in _files_below(folder):
        rel = "/".join(("initiatives", *parts))
        shown = f"{raw.shown}/{rel}"
        suffix = _classify(path, link, rel, shown, raw, problems)
        if suffix is None:
            continue
        if suffix in (".yaml",) or (suffix == ".yml" and path.suffix != ".yml"):
            problems.add(shown, 1, 1, f"Đuôi tệp phải là .yml — đổi tên thành '{path.stem}.yml'")
            misnamed.append((path, shown))
        elif suffix != ".yml":
            problems.add(shown, 1, 1, "Tệp không được hỗ trợ ở đây: chỉ dùng tệp sáng kiến .yml và ảnh "
                         + ", ".join(schema.IMAGE_SUFFIXES))
        elif len(parts) != 2:
            problems.add(shown, 1, 1, "Tệp sáng kiến phải nằm ngay trong thư mục của đơn vị: "
                         "initiatives/<mã đơn vị>/<tên>.yml")
            misnamed.append((path, shown))
        else:
            (found if _check_slug(path.stem, shown, problems) else misnamed).append((path, shown))
    raw.initiatives.extend(_read_many(found, "initiative", problems, cache))
    _read_for_problems(misnamed, "initiative", problems, cache)


def _read_for_problems(files: list[tuple[Path, str]], kind: str, problems: Problems,
                       cache: RecordCache | None) -> None:
    """Files of ``kind`` whose name or place is wrong read for the mistakes in them, which are reported with the
    name's, all at once; they are left out of the site (the rules across files do not see them), which the
    name's mistake stops from being built anyway."""
    _read_many(files, kind, problems, cache)


_NEWS_NAME = re.compile(r"(\d{4})-(\d{2})-(\d{2})-(.+)\.md")


def _read_all_news(raw: RawContent, problems: Problems, cache: RecordCache | None) -> None:
    folder = raw.root / "news"
    if not folder.is_dir():
        return  # a campaign may have no news yet
    found: list[tuple[Path, str]] = []
    misnamed: list[tuple[Path, str]] = []
    for path, parts, link in _files_below(folder):
        rel = "/".join(("news", *parts))
        shown = f"{raw.shown}/{rel}"
        suffix = _classify(path, link, rel, shown, raw, problems)
        if suffix is None:
            continue
        match = _NEWS_NAME.fullmatch(parts[-1])
        if suffix != ".md":
            problems.add(shown, 1, 1, "Tệp không được hỗ trợ ở đây: tin tức là tệp .md, ảnh dùng "
                         + ", ".join(schema.IMAGE_SUFFIXES))
            continue
        if len(parts) != 2 or not re.fullmatch(r"\d{4}", parts[0]) or match is None:
            problems.add(shown, 1, 1, "Tin tức phải đặt tên theo dạng news/<năm>/<năm-tháng-ngày>-<tên>.md, "
                         "ví dụ news/2022/2022-11-15-day-manh-giai-doan-2.md")
        elif match[1] != parts[0]:
            problems.add(shown, 1, 1, f"Tin năm {match[1]} phải nằm trong thư mục news/{match[1]}/")
        elif _check_slug(match[4], shown, problems):
            found.append((path, shown))
            continue
        misnamed.append((path, shown))
    raw.news.extend(_read_many(found, "news", problems, cache))
    _read_for_problems(misnamed, "news", problems, cache)


_PAGE_META = re.compile(r"---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.S)  # MkDocs' YAML front matter
_SHOWN_AS_TEXT = "; nếu không sửa, cả phần này sẽ hiện nguyên văn trên trang"


def _check_page_meta(front: str, shown: str, problems: Problems) -> None:
    """A hand-written page's front matter (``front``: the lines between its '---', from line 2), which MkDocs
    reads as YAML: when that fails, or gives anything but a mapping, MkDocs prints the whole block on the page as
    text without a word."""
    found = Problems()
    node = compose(front, shown, found, first_line=2,
                   empty="Phần thông tin đầu trang (front matter) đang trống hoặc chỉ có chú thích")
    if node is not None and not isinstance(node, yaml.MappingNode):
        found.add(shown, node.start_mark.line + 2, node.start_mark.column + 1,
                  "Phần thông tin đầu trang (front matter) phải gồm các dòng 'trường: giá trị', ví dụ 'title: ...'")
    # a block YAML reads, though not as meant ('title: Giới thiệu #1'), is not printed as text
    as_text = _SHOWN_AS_TEXT if node is None or not isinstance(node, yaml.MappingNode) else ""
    for problem in found.items:
        problems.add(problem.path, problem.line, problem.col, problem.message + as_text)
    if not as_text and node is not None:  # only the fields a hand-written page may set
        schema.PAGE_META.load(node, Reader(shown, problems, first_line=2, text=front))


def find_pages(raw: RawContent) -> list[tuple[Path, tuple[str, ...], bool]]:
    """The Markdown files of the site's hand-written pages (pages/*.md and MkDocs' other Markdown names, MkDocs'
    docs folder), and every symlink there, each with its path's parts below pages/ and whether it is a symlink;
    the names of those MkDocs publishes as pages are added to ``raw.pages`` (what campaign.yml's notice may
    name)."""
    folder = raw.root / "pages"
    if folder.is_symlink():
        return [(folder, (), True)]
    if not folder.is_dir():
        return []
    found = []
    for path, parts, link in _files_below(folder):
        if not link and not path.name.lower().endswith(schema.PAGE_SUFFIXES):
            continue  # pictures and other files MkDocs copies as they are
        if not link and path.name.endswith(schema.PAGE_SUFFIXES):  # 'X.MD' is copied as it is, but read here
            raw.pages.add("/".join(parts)[:-len(path.suffix)])
        found.append((path, parts, link))
    return found


# What editors and file managers leave beside a file: MkDocs publishes every file of the pages folder as it is, so
# a draft kept in "gioi-thieu.md~" or "gioi-thieu.md.bak" could be read on the site.
_LEFT_BEHIND = re.compile(r".*(~|\.(bak|orig|rej|swp|swo|tmp|old))|thumbs\.db|desktop\.ini|#.*#", re.IGNORECASE)
LEFT_BEHIND = ("Tệp sao lưu hoặc tệp tạm (của trình soạn thảo, của Windows) sẽ bị đăng nguyên dạng lên trang web; "
               "hãy xoá tệp này")


def _check_pages(raw: RawContent, problems: Problems) -> None:
    """The hand-written pages are no records, but they are published as written too: their Markdown is checked
    as a news item's body is. A symlink is refused, as anywhere in the content: MkDocs would publish the file or
    folder it points at, wherever that is; so is a backup or temporary file (_LEFT_BEHIND)."""
    if (raw.root / "pages").is_dir() and not (raw.root / "pages").is_symlink():
        for path, parts, link in _files_below(raw.root / "pages"):
            if not link and _LEFT_BEHIND.fullmatch(path.name):
                problems.add("/".join((raw.shown, "pages", *parts)), 1, 1, LEFT_BEHIND)
    for path, parts, link in find_pages(raw):
        shown = "/".join((raw.shown, "pages", *parts))
        if link or _CONTROL_IN_NAME.search(shown):
            problems.add(shown, 1, 1, SYMLINK if link else CONTROL_IN_NAME)
            continue
        text = decode(_bytes_of(path), shown, problems, limit=MAX_MARKDOWN_BYTES)
        if text is None:
            continue
        meta = _PAGE_META.match(text)  # its values printed as text (plugin.on_page_markdown)
        if meta:
            _check_page_meta(meta.group(1), shown, problems)
        _markdown_problems(text, 1, shown, problems, page=True, shown_as_text=meta.end() if meta else 0)


def read_content(root: Path, shown: str, problems: Problems, cache: RecordCache | None = None) -> RawContent:
    """Every content file below ``root`` read against the schema; problems are added, never raised.

    With a ``cache``, a file whose bytes were read before (under the same shown path) is not read again.
    """
    raw = RawContent(root, shown)
    if not root.is_dir():
        problems.add(shown, 1, 1, "Không tìm thấy thư mục nội dung")
        return raw
    for name, attribute in (("campaign.yml", "campaign"), ("units.yml", "units")):
        path = root / name
        if path.is_file():
            documents = _read_many([(path, f"{shown}/{name}")], attribute, problems, cache)
            setattr(raw, attribute, documents[0] if documents else None)
        else:
            problems.add(f"{shown}/{name}", 1, 1, f"Thiếu tệp {name}")
    _read_initiatives(raw, problems, cache)
    _read_all_news(raw, problems, cache)
    _check_pages(raw, problems)
    return raw
