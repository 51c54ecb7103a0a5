"""Turn a file's bytes into text and a YAML node tree with line marks, or into problems.

The node tree (``yaml.compose``) is read instead of Python values on purpose: PyYAML's
implicit conversions (``NO`` -> False, ``12:30`` -> 750, ``010`` -> 8) never happen, because the
schema decides what each scalar means, and every value keeps its line and column.
"""

from __future__ import annotations

import bisect
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
    ("special characters are not allowed", "Tệp chứa ký tự điều khiển không hợp lệ"),
    ("control characters are not allowed", "Tệp chứa ký tự điều khiển không hợp lệ"),
    ("did not find expected hexdecimal number",
     "Sau '\\x', '\\u' hoặc '\\U' trong nháy kép phải là mã số của ký tự; hãy dùng nháy đơn '...' hoặc bỏ '\\'"),
    ("found invalid Unicode character escape code",
     "Mã ký tự sau '\\u' hoặc '\\U' không hợp lệ; hãy dùng nháy đơn '...' hoặc bỏ '\\'"),
    ("found unexpected document indicator",
     "Dòng '---' hoặc '...' nằm trong một giá trị đặt trong dấu nháy; hãy kiểm tra dấu nháy đóng"),
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
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    control = NOT_PRINTABLE.search(text)
    if control:  # a news body or a page would carry it into the feeds, which XML then refuses whole
        line, col = _position_of(text, control.start())
        problems.add(shown, line, col, control_message(control.group()))
        return None
    return text


# What YAML itself does not allow in a file (PyYAML's reader: NON_PRINTABLE), in any file or value: XML (the
# feeds, the sitemap) refuses the control characters among them. And the controls of writing direction, which
# Vietnamese never needs: they make a title show other than it reads (a link's text reversed, say).
NOT_PRINTABLE = re.compile("[^\t\n\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
                           "|[\u202a-\u202e\u2066-\u2069]")


def control_message(character: str) -> str:
    return f"Có ký tự điều khiển không hợp lệ (U+{ord(character):04X}); hãy xoá ký tự này"


def _yaml_message(error: yaml.YAMLError, text: str) -> str:
    problem = getattr(error, "problem", None) or str(error)
    mark = getattr(error, "problem_mark", None)
    char = text[mark.index: mark.index + 1] if mark is not None else ""
    if "cannot start any token" in problem:  # the C parser does not name the character
        if char == "\t":
            return _TAB
        return _starts_with(char, text, mark.index if mark is not None else 0)
    for english, vietnamese in _YAML_MESSAGES:
        if english in problem:  # libyaml writes "did not find expected ',' or ']'", PyYAML "expected ',' or ']', but"
            return vietnamese
    return f"Lỗi cú pháp YAML ({problem})"


# Scanning '*name', '&name' or '!tag' failed: the value starts with a character YAML keeps for itself
_SIGIL_CONTEXTS = ("while scanning an alias", "while scanning an anchor", "while scanning a tag", "while parsing a tag")
_DIRECTIVE = ("Dòng bắt đầu bằng '%' không hợp lệ ở đây; hãy xoá dòng này, hoặc nếu đó là một giá trị, hãy đặt cả giá "
              "trị trong dấu nháy kép \"...\"")
_UNCLOSED = "Dấu nháy {quote} mở ở đây nhưng không được đóng; hãy thêm dấu {quote} vào cuối giá trị"
_OVER_INDENTED = ("Dấu hai chấm ':' không hợp lệ ở đây: có thể dòng này thụt lề sâu hơn các dòng trên (các trường "
                  "cùng cấp phải thẳng hàng); nếu giá trị có chứa ': ' hãy đặt cả giá trị trong dấu nháy kép \"...\"")


def _yaml_error(error: yaml.MarkedYAMLError, text: str) -> tuple[yaml.Mark | None, str]:
    """Where to report a YAML error and what to say. libyaml gives up where it noticed the mistake (an unclosed
    quote at the end of the file); where the mistake was made, when it knows, is the ``context_mark``."""
    problem, context = error.problem or "", error.context or ""
    mark, opened = error.problem_mark or error.context_mark, error.context_mark
    if opened is not None and context == "while scanning a quoted scalar" and "end of stream" in problem:
        return opened, _UNCLOSED.format(quote=text[opened.index])
    if opened is not None and context in _SIGIL_CONTEXTS:
        return opened, _starts_with(text[opened.index], text, opened.index)
    if mark is not None and ("found undefined alias" in problem or "found undefined tag handle" in problem
                             or "duplicate anchor" in context):
        return mark, _starts_with(text[mark.index], text, mark.index)
    if "directive" in context + problem or "incompatible YAML document" in problem:
        return opened or mark, _DIRECTIVE
    if mark is not None and "mapping values are not allowed" in problem and _indented_past_above(text, mark.index):
        return mark, _OVER_INDENTED
    return mark, _yaml_message(error, text)


def _indented_past_above(text: str, index: int) -> bool:
    """Whether the line holding ``index`` starts further right than the field on the line above (an error path
    only: it splits the text)."""
    start = text.rfind("\n", 0, index) + 1
    indent = len(text[start:index]) - len(text[start:index].lstrip(" "))
    for above in reversed(text[:start].split("\n")):
        if above.strip() and not above.lstrip().startswith("#"):
            return indent > len(above) - len(above.lstrip(" -"))
    return False


# ------------------------------------------------------------------ what YAML reads without a word, yet not as meant

def _line_at(text: str, index: int) -> tuple[int, str]:
    start = text.rfind("\n", 0, index) + 1
    stop = text.find("\n", index)
    return start, text[start: stop if stop >= 0 else len(text)]


def _suggestion(text: str, index: int) -> str:
    """The 'field: value' line holding ``index``, its value in double quotes; '' when the line is not that simple
    (a list in brackets, a value already quoted, the mistake in the field's name)."""
    start, line = _line_at(text, index)
    key, colon, value = line.partition(": ")
    value = value.split(" # ")[0].strip()  # a comment written '# ...' stays a comment
    if not colon or index < start + len(key) + 2 or not value or value[0] in "[{\"'" or '"' in value \
            or "\\" in value or "#" in key:
        return ""
    return f'{key.lstrip()}: "{value}"'


def _quote_advice(text: str, index: int) -> str:
    example = _suggestion(text, index)
    return f"hãy đặt cả giá trị trong dấu nháy kép, ví dụ: {example}" if example else \
        "hãy đặt cả giá trị trong dấu nháy kép \"...\""


def _starts_with(char: str, text: str, index: int, dropped: str = "") -> str:
    lost = f" (phần '{dropped}' sẽ bị bỏ, không hiện trên trang)" if dropped else ""
    return f"Giá trị không được bắt đầu bằng '{char}'{lost}; {_quote_advice(text, index)}"


def _comment_slip(text: str, index: int) -> str:
    return ("Dấu '#' ở đây bắt đầu một chú thích: chữ từ '#' đến hết dòng bị bỏ qua, không hiện trên trang; "
            f"nếu '#' là một phần của giá trị, {_quote_advice(text, index)}")


def _empty_block(text: str, header: int) -> str:
    field = text[text.rfind("\n", 0, header) + 1: header].strip(" -:")
    named, under = (f"trường '{field}'", "tên trường") if field else ("mục này", "dấu '-'")
    return (f"Dòng này chưa thụt lề nên không thuộc đoạn văn sau '{text[header]}', và {named} đang trống: các dòng "
            f"của đoạn văn phải thụt lề sâu hơn {under} (ví dụ thêm hai dấu cách ở đầu mỗi dòng)")


# A '#' with something other than a space after it: '#1', '#evn'. Comments written '# ...' (our templates') are
# never looked at, nor Markdown headings ('## ') under '|'.
_HASH = re.compile(r"#[^\s#]")  # '#+[^\s#]' would be seven times slower
_BEFORE_COMMENT = " \t[]{},\"'"  # what libyaml reads a '#' after as the start of a comment
# A '|' or '>' ending a line, and the indentation of the next line that is not blank. One expression for each:
# starting with a fixed character, they run about twice as fast as one starting with either.
_BLOCK_HEADERS = tuple(re.compile(re.escape(char) + r"[-+0-9]*[ \t]*(?:#[^\n]*)?\n(?:[ \t]*\n)*( *)(?=\S)")
                       for char in "|>")


def _hash_candidates(text: str, end: int) -> list[int]:
    """Lines (their starts) with a '#' worth a look before ``end``: not those that are a comment as a whole."""
    if "#" not in text:
        return []
    starts = []
    for match in _HASH.finditer(text, 0, end):
        at = match.start()
        while text[at - 1: at] == "#":  # '##1': the comment starts at the first '#'
            at -= 1
        start = text.rfind("\n", 0, at) + 1
        if at > start and text[at - 1] in _BEFORE_COMMENT and not text[start:at + 1].lstrip(" \t").startswith("#") \
                and start not in starts:
            starts.append(start)
    return starts


def _block_candidates(text: str, end: int) -> list[tuple[int, int]]:
    """(the '|' or '>', the next line's first character) where that line is not indented past the field."""
    found = []
    for match in (match for pattern in _BLOCK_HEADERS for match in pattern.finditer(text, 0, end)):
        header = match.start()
        start = text.rfind("\n", 0, header) + 1
        if match.group(1) and text[start] not in " -":
            continue  # the usual case, quickly: a top-level field, the text under it indented
        before = text[start:header]
        if not before.endswith(" "):
            continue  # 'a|b': a character of a value
        before = before.rstrip()
        if before.endswith(":"):
            field = len(before) - len(before.lstrip(" -"))
        elif before.endswith("-"):
            field = len(before) - 1
        else:
            continue  # a '|' ending a line of text or of a table, not after 'field:' or '- '
        if len(match.group(1)) <= field:
            found.append((header, match.end()))
    return found


def _slips(text: str, end: int) -> list[tuple[int, str]]:
    """(index, message) of each comment or empty '|' before ``end`` that YAML reads without a word yet not as
    meant. The regular expressions pick the few places worth a look; a second scan of the file, only then, tells
    which of them are inside a value (a quoted one, the text under '|') and so no mistake."""
    hashes, blocks = _hash_candidates(text, end), _block_candidates(text, end)
    if not hashes and not blocks:
        return []
    tokens, scanned = _tokens(text)
    starts = [token.start_mark.index for token in tokens]
    end = min(end, scanned)

    def inside(index: int) -> bool:
        at = bisect.bisect_right(starts, index) - 1
        return at >= 0 and index < tokens[at].end_mark.index

    found = []
    for start in hashes:
        _, line = _line_at(text, start)
        comment = next((start + at for at, char in enumerate(line) if char == "#" and not inside(start + at)), None)
        if comment is not None and comment < end and line[:comment - start].strip() \
                and text[comment + 1: comment + 2].strip():
            found.append((comment, _comment_slip(text, comment)))
    empty = {token.start_mark.index for token in tokens if getattr(token, "style", None) in ("|", ">")
             and not token.value.strip()}
    found += [(first, _empty_block(text, header)) for header, first in blocks
              if header in empty and first <= end]
    return sorted(found)


def _tokens(text: str) -> tuple[list[yaml.Token], int]:
    """The values and tags of ``text`` (scalars with their quotes, '|' with the text under it): the spans inside
    which a '#' is part of a value; and how far they are known: where the scan failed (an unclosed quote opened
    there), else the end."""
    found = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, (yaml.ScalarToken, yaml.TagToken)):
                found.append(token)
    except yaml.MarkedYAMLError as error:
        mark = error.context_mark or error.problem_mark
        return found, mark.index if mark else 0
    except yaml.YAMLError:
        return found, 0
    return found, len(text)


_SIGIL_HINT = re.compile(r"(?:^|[\s\[{,])[!&]", re.M)
_WORD = re.compile(r"\S+")


def _sigils(node: yaml.Node, text: str) -> list[tuple[int, str]]:
    """(index, message) of each value written after '!...' (a tag to YAML) or '&...' (an anchor) that YAML drops
    from the value. An anchor some '*name' uses is left to the reader, which reports the alias where it is used."""
    if ("!" not in text and "&" not in text) or not _SIGIL_HINT.search(text):  # the 'in' tests are 50 times faster
        return []
    seen, aliased, todo = {}, set(), [node]
    while todo:  # each node once: the same node under many aliases is not walked again
        node = todo.pop()
        if id(node) in seen:
            aliased.add(id(node))
            continue
        seen[id(node)] = node
        if isinstance(node, yaml.MappingNode):
            todo.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            todo.extend(node.value)
    found = []
    for key, node in seen.items():
        at = node.start_mark.index  # a node written with a tag or an anchor starts there
        if text[at: at + 1] == "&" and key not in aliased:
            found.append((at, _starts_with("&", text, at, dropped=_WORD.match(text, at).group())))
        elif text[at: at + 1] == "!":
            found.append((at, _starts_with("!", text, at, dropped=_WORD.match(text, at).group())))
    return sorted(found)


def _add(problems: Problems, shown: str, text: str, first_line: int, found: list[tuple[int, str]]) -> None:
    for index, message in found:
        line, col = _position_of(text, index)
        problems.add(shown, line + first_line - 1, col, message)


def _reader_index(error: yaml.YAMLError, text: str) -> int:
    """Where in ``text`` the character a reader error names is: libyaml counts the position in bytes of UTF-8,
    which runs ahead of the text's index after every letter with a tone mark; the first such character is the one
    the reader stopped at."""
    character = getattr(error, "character", None)
    at = text.find(chr(character)) if isinstance(character, int) else -1
    return at if at >= 0 else min(getattr(error, "position", 0), len(text))


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
    except yaml.MarkedYAMLError as error:
        mark, message = _yaml_error(error, text)
        # a comment or an empty '|' before where libyaml gave up is the likely cause: '[#a, #b]' leaves the list
        # open, text under '|' not indented reads as fields
        found = _slips(text, error.problem_mark.index if error.problem_mark else len(text))
        if found:
            _add(problems, shown, text, first_line, found)
        else:
            line, col = (mark.line + first_line, mark.column + 1) if mark else (first_line, 1)
            problems.add(shown, line, col, message)
        return None
    except yaml.YAMLError as error:  # reader errors (a control character) carry a position, not a mark
        line, col = _position_of(text, _reader_index(error, text))
        problems.add(shown, line + first_line - 1, col, _yaml_message(error, text))
        return None
    finally:
        loader.dispose()
    if node is None:
        problems.add(shown, first_line, 1, empty)
        return None
    # Reported, yet the node is still read: the schema's own problems with the file are shown in the same run
    _add(problems, shown, text, first_line, _slips(text, len(text)) + _sigils(node, text))
    return node


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
