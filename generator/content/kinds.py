"""The value kinds a content schema is built from.

Each kind does two things from one definition: it reads a YAML node into a Python value
(reporting problems with their position), and it describes itself as JSON Schema for editors.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Callable

import yaml

from ..formatting import number
from . import markup, personal, source
from .problems import Problems

INVALID = object()  # returned by a kind whose node was wrong (a problem was added)
_NULLS = {"", "~", "null", "Null", "NULL"}  # what YAML reads as "no value"


@dataclass
class Reader:
    """What a kind needs while it reads one file."""

    path: str
    problems: Problems
    first_line: int = 1
    seen: set[int] = field(default_factory=set)
    anchors: bool = True  # False when the text has no '&': no anchor, so no alias and no node met twice
    text: str | None = None  # the YAML read, when known: where a literal block's lines start (report_inside)

    def where(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + self.first_line, node.start_mark.column + 1

    def report(self, node: yaml.Node, message: str) -> object:
        line, col = self.where(node)
        self.problems.add(self.path, line, col, message)
        return INVALID

    def report_inside(self, node: yaml.ScalarNode, offset: int, message: str) -> object:
        """Report at ``offset`` in a scalar's value: exact for one-line values and for literal (|) blocks when the
        text is known, else at the value's start."""
        line, col = self.where(node)
        if node.style == "|" and self.text is not None:
            before = node.value[:offset]
            line += 1 + before.count("\n")
            col = self._block_indent(node) + len(before) - (before.rfind("\n") + 1) + 1
        elif node.start_mark.line == node.end_mark.line:
            col += offset + (1 if node.style in ("'", '"') else 0)
        self.problems.add(self.path, line, col, message)
        return INVALID

    def _block_indent(self, node: yaml.ScalarNode) -> int:
        """How far a literal block's lines are indented: as its first line that is not blank (YAML's rule)."""
        for text_line in self.text.splitlines()[node.start_mark.line + 1:]:
            if text_line.strip():
                return len(text_line) - len(text_line.lstrip(" "))
        return 0

    def visit(self, node: yaml.Node, used_at: yaml.Node | None = None) -> bool:
        """False when the node was met before: it came from an alias, which content must not use.

        Containers visit each child before loading it, so an alias bomb stops at its first repeat.
        An alias has no position of its own in the node tree: ``used_at`` (the key) locates it.
        """
        if not self.anchors:
            return True
        if id(node) in self.seen:
            self.report(used_at or node, "Không dùng anchor/alias YAML (&tên, *tên); hãy viết giá trị đầy đủ ở mỗi chỗ")
            return False
        self.seen.add(id(node))
        return True


class Marked(dict):
    """A record's values with the position of each (``marks[key]``) and of the record itself."""

    def __init__(self, values: dict[str, Any], mark: tuple[int, int], marks: dict[str, tuple[int, int]]):
        super().__init__(values)
        self.mark = mark
        self.marks = marks


class MarkedList(list):
    """A list's values with the position of each item."""

    def __init__(self, values: list[Any], marks: list[tuple[int, int]]):
        super().__init__(values)
        self.marks = marks


def is_null(node: yaml.Node) -> bool:
    """An empty value (``key:``, ``~``, ``null``) written plain, not quoted."""
    return isinstance(node, yaml.ScalarNode) and not node.style and node.value in _NULLS


def suggest(word: str, choices, likely: str | None = None) -> str:
    """A Vietnamese did-you-mean clause, or an empty string. ``likely``, when it is one of the close choices, is
    offered before any closer one: the choice the file itself points to (an initiative's folder, for its unit),
    where spelling alone may tie ('evnpcc' is as close to 'evnspc' as to 'evncpc')."""
    choices = list(choices)
    if not choices:  # nothing to suggest (a campaign without blocs, say); difflib refuses n=0
        return ""
    close = difflib.get_close_matches(word, choices, n=len(choices), cutoff=0.6)
    if likely in close:
        return f" — có phải ý bạn là '{likely}'?"
    return f" — có phải ý bạn là '{close[0]}'?" if close else ""


_TYPE_NAMES = {yaml.MappingNode: "một bảng 'trường: giá trị'", yaml.SequenceNode: "một danh sách",
               yaml.ScalarNode: "một giá trị đơn"}


class Kind:
    json: dict[str, Any] = {}
    expects = "một giá trị đơn"

    def load(self, node: yaml.Node, reader: Reader) -> Any:
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        return dict(self.json)

    def _scalar(self, node: yaml.Node, reader: Reader) -> str | object:
        if not isinstance(node, yaml.ScalarNode):
            return reader.report(node, f"Cần {self.expects}, không phải {_TYPE_NAMES[type(node)]}")
        return node.value


# The lean path marks the places of a page's own values in the pages it renders once through the theme with
# words of this beginning (generator/lean.py): a text of the site that held one, such as the notice on every page,
# would be taken for one of them.
RESERVED = "sklean0"


@dataclass
class Text(Kind):
    max_length: int = 300
    pattern: str | None = None
    pattern_help: str = ""
    fix: Callable[[str], str] | None = None  # what a value not of the pattern was likely meant to be ("EVNHANOI")
    multiline: bool = False
    markdown: bool = False  # rendered as Markdown: what the page would leave out is reported (markup.py)
    expects = "một đoạn văn bản"

    def __post_init__(self):
        self._pattern = re.compile(self.pattern) if self.pattern else None  # compiled once, used per value

    def _hint(self, value: str) -> str:
        fixed = self.fix(value) if self.fix else ""
        return f" — có phải ý bạn là '{fixed}'?" if fixed and self._pattern.fullmatch(fixed) else ""

    def load(self, node, reader):
        value = self._scalar(node, reader)
        if value is INVALID:
            return value
        value = value if self.multiline else " ".join(value.split())
        if not value.strip():
            return reader.report(node, "Giá trị không được để trống")
        if len(value) > self.max_length:
            return reader.report(node, f"Quá dài: {len(value)} ký tự, tối đa {self.max_length}")
        control = source.NOT_PRINTABLE.search(value)
        if control:  # written as an escape in double quotes ("\x01"): the file's own text is clean
            return reader.report(node, source.control_message(control.group()))
        if RESERVED in value:
            return reader.report(node, f"Giá trị không được chứa '{RESERVED}': trình tạo trang dùng riêng chuỗi này")
        if self._pattern and not self._pattern.fullmatch(value):
            return reader.report(node, f"Giá trị '{value}' không đúng dạng: {self.pattern_help}{self._hint(value)}")
        leak = personal.find(value)
        if leak is None and not self.markdown:
            return value  # every text field of every file comes here: the common case stays short
        found = ([leak] if leak is not None else []) + (markup.find(value) if self.markdown else [])
        for offset, message in sorted(found):
            reader.report_inside(node, offset, message)
        return INVALID if found else value

    def schema(self):
        out: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": self.max_length}
        if self.pattern:
            out["pattern"] = f"^(?:{self.pattern})$"
        return out


_URL = re.compile(r"https://[A-Za-z0-9.-]+(?::\d+)?(?:/[^\s<>\"']*)?")


@dataclass
class Url(Kind):
    expects = "một địa chỉ web"

    def load(self, node, reader):
        value = self._scalar(node, reader)
        if value is INVALID:
            return value
        value = value.strip()
        if not _URL.fullmatch(value):
            return reader.report(node, f"Địa chỉ web '{value}' không hợp lệ: phải bắt đầu bằng https://")
        return value

    def schema(self):
        return {"type": "string", "format": "uri", "pattern": "^https://"}


@dataclass
class Integer(Kind):
    minimum: int = 0
    # a bound a real value never reaches: numbers past what dates, Babel and floats take made the build fail
    maximum: int = 10**15
    expects = "một số nguyên"

    def load(self, node, reader):
        value = self._scalar(node, reader)
        if value is INVALID:
            return value
        text = value.strip()
        if re.fullmatch(r"-\d+", text):
            return reader.report(node, f"Số {text} không hợp lệ: phải là số không âm")
        if re.fullmatch(r"\d{1,3}([.,  ]\d{3})+", text):
            plain = re.sub(r"\D", "", text)
            return reader.report(node, f"Viết số liền, không có dấu phân cách: {plain} (thay vì {text})")
        if not re.fullmatch(r"\d+", text):
            return reader.report(node, f"'{text}' không phải là số nguyên")
        if len(text) > len(str(self.maximum)):  # before int(), which refuses past 4,300 digits
            return reader.report(node, f"Số quá lớn ({number(len(text))} chữ số): tối đa là {number(self.maximum)}")
        if len(text) > 1 and text.startswith("0"):
            return reader.report(node, f"Số không được bắt đầu bằng chữ số 0 ('{text}'); hãy viết {int(text)}")
        value = int(text)
        if value < self.minimum:
            return reader.report(node, f"Số {value} không hợp lệ: tối thiểu là {self.minimum}")
        if value > self.maximum:
            return reader.report(node, f"Số {text} quá lớn: tối đa là {number(self.maximum)}")
        return value

    def schema(self):
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


_TRUE_LIKE = {"yes", "y", "on", "có", "co"}
_FALSE_LIKE = {"no", "n", "off", "không", "khong"}


@dataclass
class Boolean(Kind):
    expects = "true hoặc false"

    def load(self, node, reader):
        value = self._scalar(node, reader)
        if value is INVALID:
            return value
        if value in ("true", "True", "TRUE"):
            return True
        if value in ("false", "False", "FALSE"):
            return False
        lowered = value.strip().lower()
        hint = " — có phải ý bạn là 'true'?" if lowered in _TRUE_LIKE else (
            " — có phải ý bạn là 'false'?" if lowered in _FALSE_LIKE else "")
        return reader.report(node, f"Giá trị '{value}' không hợp lệ: chỉ dùng true hoặc false{hint}")

    def schema(self):
        return {"type": "boolean"}


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class Date(Kind):
    expects = "một ngày dạng YYYY-MM-DD"

    def load(self, node, reader):
        value = self._scalar(node, reader)
        if value is INVALID:
            return value
        text = value.strip()
        if _ISO_DATE.fullmatch(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                return reader.report(node, f"Ngày '{text}' không tồn tại")
        match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)  # 15/11/2022: the day first
        year_first = re.fullmatch(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})", text)  # 2022-9-2: no zeros
        hint = (f" — có phải ý bạn là '{match[3]}-{int(match[2]):02d}-{int(match[1]):02d}'?" if match else
                f" — có phải ý bạn là '{year_first[1]}-{int(year_first[2]):02d}-{int(year_first[3]):02d}'?"
                if year_first else "")
        return reader.report(node, f"Ngày '{text}' không đúng dạng YYYY-MM-DD (ví dụ 2022-11-15){hint}")

    def schema(self):
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


@dataclass
class Choice(Kind):
    """One of a fixed set of ids; ``choices`` maps id -> Vietnamese label."""

    choices: dict[str, str] = field(default_factory=dict)
    expects = "một giá trị trong danh sách cho phép"

    def load(self, node, reader):
        value = self._scalar(node, reader)
        if value is INVALID:
            return value
        if value not in self.choices:
            allowed = ", ".join(self.choices)
            return reader.report(node, f"Giá trị '{value}' không hợp lệ; chọn một trong: {allowed}"
                                 + suggest(value, self.choices))
        return value

    def schema(self):
        return {"enum": list(self.choices),
                "description": "; ".join(f"{key}: {label}" for key, label in self.choices.items())}


@dataclass
class ListOf(Kind):
    item: Kind = field(default_factory=Text)
    min_items: int = 0
    max_items: int = 100
    expects = "một danh sách"

    def load(self, node, reader):
        if not isinstance(node, yaml.SequenceNode):
            if isinstance(node, yaml.ScalarNode):
                return reader.report(node, f"Cần một danh sách; viết dạng [{node.value}] hoặc mỗi mục một dòng '- ...'")
            return reader.report(node, f"Cần một danh sách, không phải {_TYPE_NAMES[type(node)]}")
        if len(node.value) < self.min_items:
            return reader.report(node, f"Danh sách cần ít nhất {self.min_items} mục")
        if len(node.value) > self.max_items:
            return reader.report(node, f"Danh sách quá dài: {len(node.value)} mục, tối đa {self.max_items}")
        values, marks = [], []
        for child in node.value:
            if not reader.visit(child):
                continue
            value = self.item.load(child, reader)
            if value is not INVALID:  # a wrong item is reported and left out
                values.append(value)
                marks.append(reader.where(child))
        return MarkedList(values, marks)

    def schema(self):
        out = {"type": "array", "items": self.item.schema(), "maxItems": self.max_items}
        if self.min_items:
            out["minItems"] = self.min_items
        return out


@dataclass
class Field:
    kind: Kind
    description: str
    required: bool = False


@dataclass
class Record(Kind):
    """A closed mapping: every key must be declared; required keys must be present."""

    fields: dict[str, Field] = field(default_factory=dict)
    title: str = ""
    expects = "một bảng 'trường: giá trị'"

    def load(self, node, reader):
        """The valid values (a wrong one is reported and left out), or INVALID if not a mapping."""
        if not isinstance(node, yaml.MappingNode):
            return reader.report(node, f"Cần {self.expects}, không phải {_TYPE_NAMES[type(node)]}")
        values, marks, lines = {}, {}, {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            spec = self.fields.get(key)
            if spec is None:
                shown = key if key is not None else "?"
                reader.report(key_node, f"Trường '{shown}' không có trong mẫu" + suggest(shown, self.fields))
            elif key in lines:
                reader.report(key_node, f"Trường '{key}' bị lặp lại (đã có ở dòng {lines[key]})")
            else:
                lines[key] = key_node.start_mark.line + reader.first_line
                if not reader.visit(value_node, used_at=key_node):
                    continue
                if is_null(value_node):
                    if spec.required:
                        reader.report(key_node, f"Trường bắt buộc '{key}' chưa có giá trị")
                    continue  # an empty optional value counts as absent
                value = spec.kind.load(value_node, reader)
                if value is not INVALID:
                    values[key], marks[key] = value, reader.where(value_node)
        for key, spec in self.fields.items():
            if spec.required and key not in lines:
                reader.report(node, f"Thiếu trường bắt buộc '{key}' ({spec.description})")
        return Marked(values, reader.where(node), marks)

    def schema(self):
        out: dict[str, Any] = {
            "type": "object",
            "additionalProperties": False,
            "properties": {},
        }
        if self.title:
            out["title"] = self.title
        for key, spec in self.fields.items():
            out["properties"][key] = {"description": spec.description, **spec.kind.schema()}
        required = [key for key, spec in self.fields.items() if spec.required]
        if required:
            out["required"] = required
        return out


@dataclass
class MapOf(Kind):
    """A mapping with keys the content chooses (checked later by cross-file rules)."""

    value: Kind = field(default_factory=Text)
    key_pattern: str = r"[a-z0-9]+(?:-[a-z0-9]+)*"
    expects = "một bảng 'khoá: giá trị'"

    def load(self, node, reader):
        if not isinstance(node, yaml.MappingNode):
            return reader.report(node, f"Cần {self.expects}, không phải {_TYPE_NAMES[type(node)]}")
        values, marks = {}, {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
            if not re.fullmatch(self.key_pattern, key):
                reader.report(key_node, f"Khoá '{key}' không hợp lệ")
            elif key in marks:
                reader.report(key_node, f"Khoá '{key}' bị lặp lại")
            elif reader.visit(value_node, used_at=key_node):
                marks[key] = reader.where(key_node)
                value = self.value.load(value_node, reader)
                if value is not INVALID:
                    values[key] = value
        return Marked(values, reader.where(node), marks)

    def schema(self):
        return {"type": "object", "propertyNames": {"pattern": f"^(?:{self.key_pattern})$"},
                "additionalProperties": self.value.schema()}
