"""Turn a file's bytes into text and a YAML node tree with line marks, or into problems.

The node tree (``yaml.compose``) is read instead of Python values on purpose: PyYAML's
implicit conversions (``NO`` -> False, ``12:30`` -> 750, ``010`` -> 8) never happen, because the
schema decides what each scalar means, and every value keeps its line and column.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from ..formatting import number
from .problems import Problems

try:  # the C parser is several times faster; the pure-Python one gives the same nodes
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_TAGS = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq",
         yaml.MappingNode: "tag:yaml.org,2002:map"}


class _NodeLoader(_Loader):
    """Composes the node tree without guessing each scalar's type.

    Nothing reads a node's tag (the schema decides what every value means), yet PyYAML's implicit resolver runs
    its regular expressions on every scalar to pick one: nearly half the time spent composing. One fixed tag per
    kind of node gives the same nodes, values, positions and errors.
    """

    def resolve(self, kind, value, implicit):
        return _TAGS[kind]


BOM = b"\xef\xbb\xbf"
MAX_YAML_BYTES = 512 * 1024
MAX_MARKDOWN_BYTES = 1024 * 1024

# PyYAML's and libyaml's messages, in the words a staff member needs. Matched anywhere in ``problem``.
_TAB = "Không dùng phím Tab để thụt lề trong YAML; hãy dùng dấu cách"

_YAML_MESSAGES = (
    ("mapping values are not allowed",
     "Dấu hai chấm ':' không hợp lệ ở đây; nếu giá trị có chứa ': ' hãy đặt cả giá trị trong dấu nháy kép \"...\""),
    ("could not find expected ':'",
     "Thiếu dấu hai chấm ':' sau tên trường (hoặc thụt lề sai ở dòng trước)"),
    ("expected <block end>, but found",
     "Thụt lề không đúng: các trường cùng cấp phải thẳng hàng với nhau"),
    ("but found another document",
     "Tệp chỉ được chứa một tài liệu YAML; hãy bỏ dòng '---' thừa"),
    ("found undefined alias", "Không dùng alias YAML (*tên); hãy viết giá trị đầy đủ"),
    ("found unexpected end of stream", "Thiếu dấu nháy đóng: giá trị mở bằng dấu nháy nhưng chưa đóng"),
    ("found unknown escape character",
     "Ký tự '\\' không hợp lệ trong chuỗi đặt trong nháy kép; hãy dùng nháy đơn '...' hoặc bỏ '\\'"),
    ("expected ',' or ']'", "Danh sách trong ngoặc vuông [...] chưa đóng hoặc thiếu dấu phẩy"),
    ("expected ',' or '}'", "Bảng trong ngoặc nhọn {...} chưa đóng hoặc thiếu dấu phẩy"),
    # libyaml's own wording (the C loader reads every file); the ones above are worded alike by both loaders
    ("did not find expected key",
     "Dòng không đúng dạng 'trường: giá trị': các trường cùng cấp phải thẳng hàng, và giá trị đặt trong dấu nháy "
     "hoặc ngoặc không được có chữ viết tiếp sau dấu đóng"),
    ("did not find expected '-' indicator",
     "Mỗi mục của danh sách phải bắt đầu bằng '- ' và thẳng hàng với các mục khác"),
    ("did not find expected <document start>",
     "Có chữ thừa sau phần nội dung đã đọc xong (sau dấu nháy đóng, hoặc sau dòng '...'); hãy xoá hoặc đặt cả giá "
     "trị trong dấu nháy"),
    ("did not find expected comment or line break",
     "Sau '|' hoặc '>' phải xuống dòng: đoạn văn nhiều dòng bắt đầu từ dòng sau, thụt lề hai dấu cách"),
    ("did not find expected node content", "Thiếu giá trị ở đây (ví dụ hai dấu phẩy liền nhau trong [...])"),
    ("found an indentation indicator equal to 0", "Sau '|' hoặc '>' không viết số 0; chỉ dùng '|', '|-', '>' hoặc '>-'"),
    ("block sequence entries are not allowed",
     "Không viết '- ' ngay sau dấu hai chấm: hãy xuống dòng, mỗi mục của danh sách một dòng '- ...' thụt lề hai dấu cách"),
    ("found a tab character", _TAB),
    ("while scanning an anchor", "Không dùng anchor YAML (&tên); hãy viết giá trị đầy đủ"),
    ("while scanning an alias", "Không dùng alias YAML (*tên); hãy viết giá trị đầy đủ"),
    ("special characters are not allowed", "Tệp chứa ký tự điều khiển không hợp lệ"),
)


def _position_of(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def read_text(path: Path, shown: str, problems: Problems, *, limit: int = MAX_YAML_BYTES) -> str | None:
    """The file as NFC-normalised text with ``\\n`` line ends, or ``None`` after adding a problem."""
    return decode(path.read_bytes(), shown, problems, limit=limit)


def decode(data: bytes, shown: str, problems: Problems, *, limit: int = MAX_YAML_BYTES) -> str | None:
    """A file's bytes as NFC-normalised text with ``\\n`` line ends, or ``None`` after adding a problem."""
    if len(data) > limit:
        problems.add(shown, 1, 1, f"Tệp quá lớn ({number(len(data))} byte, tối đa {number(limit)} byte)")
        return None
    if data.startswith(BOM):
        data = data[len(BOM):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        good = data[: error.start].decode("utf-8", errors="replace")
        line, col = _position_of(good, len(good))
        problems.add(shown, line, col,
                     f"Tệp không được mã hoá UTF-8 (byte 0x{data[error.start]:02x} không hợp lệ); "
                     "hãy lưu lại tệp với mã hoá UTF-8")
        return None
    if "\x00" in text:
        line, col = _position_of(text, text.index("\x00"))
        problems.add(shown, line, col, "Tệp chứa ký tự NUL (\\0); hãy lưu lại tệp dưới dạng văn bản thuần")
        return None
    if not text.strip():
        problems.add(shown, 1, 1, "Tệp rỗng: hãy điền nội dung theo mẫu hoặc xoá tệp")
        return None
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def _yaml_message(error: yaml.YAMLError, text: str) -> str:
    problem = getattr(error, "problem", None) or str(error)
    mark = getattr(error, "problem_mark", None)
    char = text[mark.index: mark.index + 1] if mark is not None else ""
    if "cannot start any token" in problem:  # the C parser does not name the character
        if char == "\t":
            return _TAB
        return f"Giá trị không được bắt đầu bằng '{char}'; hãy đặt cả giá trị trong dấu nháy kép \"...\""
    for english, vietnamese in _YAML_MESSAGES:
        if english in problem:  # libyaml writes "did not find expected ',' or ']'", PyYAML "expected ',' or ']', but"
            return vietnamese
    return f"Lỗi cú pháp YAML ({problem})"


MAX_DEPTH = 20  # the schema nests four levels; PyYAML's C composer crashes the process near 100,000
_DEEP_HINTS = re.compile(r"\n {60,}\S")


def _too_deep(text: str) -> yaml.Mark | None:
    """Where nesting passes MAX_DEPTH, or None.

    Walking the parser's events costs a second parse, so it only runs on files with many nesting characters
    or very deep indentation; the walk stops at the first level too deep, before any quadratic work.
    """
    if text.count("[") + text.count("{") + text.count("- ") < 200 and not _DEEP_HINTS.search(text):
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        # PyYAML 6.0.4 and later stop at their own limit (1,000 levels) while scanning ahead, before the walk
        # reaches MAX_DEPTH: the same mistake, reported the same way
        if "maximum nesting depth" in (error.problem or ""):
            return error.problem_mark
        return None  # compose reports the syntax error itself
    except yaml.YAMLError:
        return None
    return None


NO_DOCUMENT = "Tệp chưa có nội dung, chỉ có chú thích (dòng bắt đầu bằng #): hãy điền nội dung theo mẫu hoặc xoá tệp"


def compose(text: str, shown: str, problems: Problems, *, first_line: int = 1,
            empty: str = NO_DOCUMENT) -> yaml.Node | None:
    """The YAML node tree of ``text``; ``first_line`` is where ``text`` starts in its file. Text without a
    document (comments alone, a lone '---') is the problem ``empty``: read as nothing, a file of comments was left
    out of the site without a word, and a campaign.yml or units.yml of comments stopped the loader."""
    deep = _too_deep(text)
    if deep is not None:
        problems.add(shown, deep.line + first_line, deep.column + 1,
                     f"Cấu trúc lồng nhau quá sâu (quá {MAX_DEPTH} cấp); hãy kiểm tra lại thụt lề và dấu ngoặc")
        return None
    loader = _NodeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            problems.add(shown, first_line, 1, empty)
        return node
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + first_line, mark.column + 1) if mark else (first_line, 1)
        problems.add(shown, line, col, _yaml_message(error, text))
    except yaml.YAMLError as error:  # reader errors carry a position, not a mark
        problems.add(shown, first_line, 1, _yaml_message(error, text))
    finally:
        loader.dispose()
    return None


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


def split_front_matter(text: str, shown: str, problems: Problems) -> tuple[str, str] | None:
    """``(yaml, body)`` of a Markdown file that starts with a ``---`` block, else a problem."""
    if not text.startswith("---"):
        problems.add(shown, 1, 1, "Thiếu phần thông tin đầu bài (front matter): tệp phải bắt đầu bằng dòng '---'")
        return None
    match = _FRONT_MATTER.match(text)
    if match is None:
        problems.add(shown, 1, 1,
                     "Phần thông tin đầu bài (front matter) chưa được đóng: thêm một dòng '---' sau trường cuối cùng")
        return None
    return match.group(1) or "", text[match.end():]
