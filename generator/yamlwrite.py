"""Writing YAML content files by hand-sized pieces, so a tool can change some fields and keep the rest.

A content file is staff's text: comments, the order of fields, a folded summary, a long description.
``replace_keys`` rewrites only the lines of the top-level keys it is given (or inserts them in schema
order) and leaves every other line byte for byte, so re-running a tool never reflows what a person
wrote. Values are written the way the loader reads them back: plain when that is unambiguous, else
double-quoted.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

# the C parser when PyYAML has it: the same nodes, several times faster
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()
_PLAIN_START = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`]")


def scalar(value: str | int | dt.date) -> str:
    """``value`` as a YAML scalar that reads back as the same text (or number, or date)."""
    if isinstance(value, bool):
        raise TypeError("booleans are written by the caller as true/false")
    if isinstance(value, (int, dt.date)):
        return str(value) if isinstance(value, int) else value.isoformat()
    plain = (
        value
        and _PLAIN_START.match(value)
        and value == value.strip()
        and "\n" not in value and "\t" not in value
        and ": " not in value and " #" not in value and not value.endswith(":")
        # a text that YAML would read as a number, date, boolean or null gets quotes, so editors agree
        and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str"
    )
    return value if plain else json.dumps(value, ensure_ascii=False)


def render(key: str, value: Any, indent: str = "") -> list[str]:
    """The lines of ``key: value``; dicts become nested blocks, lists of dicts become ``- key: ...`` items."""
    if isinstance(value, dict):
        lines = [f"{indent}{key}:"]
        for child, child_value in value.items():
            lines += render(child, child_value, indent + "  ")
        return lines
    if isinstance(value, list):
        lines = [f"{indent}{key}:"]
        for item in value:
            item_lines: list[str] = []
            for child, child_value in item.items():
                item_lines += render(child, child_value, indent + "    ")
            item_lines[0] = f"{indent}  - " + item_lines[0][len(indent) + 4:]
            lines += item_lines
        return lines
    return [f"{indent}{key}: {scalar(value)}"]


class NotEditable(Exception):
    """The file's layout is not one a tool can edit line by line; the message says why, in Vietnamese."""


def _line_comment(lines: list[str], key: yaml.Node, value: yaml.Node) -> str:
    """The comment written on a top-level key's own line, after its value (``title: X  # theo quyết định``), or
    after the colon when the value starts on a later line; '' when there is none."""
    same_line = value.end_mark.line == key.start_mark.line
    rest = lines[key.start_mark.line][value.end_mark.column if same_line else key.end_mark.column:]
    rest = rest.lstrip(" \t:") if not same_line else rest.lstrip(" \t")
    return rest if rest.startswith("#") else ""


def _top_level_spans(lines: list[str], text: str) -> dict[str, tuple[int, int, str]]:
    """Top-level key -> (first line, line after its last, the comment on its first line) with 0-based line
    numbers.

    A key's lines run to the next key; blank lines and comments at column 0 just before the next key
    belong to that key (they usually introduce it), so they are left where they are.
    """
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        raise NotEditable("tệp có lỗi cú pháp YAML; hãy chạy sangkien check và sửa trước") from error
    if not isinstance(node, yaml.MappingNode) or node.flow_style:
        raise NotEditable("tệp không viết theo dạng mỗi trường một dòng 'trường: giá trị'")
    starts = [(key.value, key.start_mark.line) for key, _ in node.value]
    spans = {}
    for index, ((key, start), (key_node, value_node)) in enumerate(zip(starts, node.value)):
        end = starts[index + 1][1] if index + 1 < len(starts) else len(lines)
        while end - 1 > start and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
            end -= 1
        spans[key] = (start, end, _line_comment(lines, key_node, value_node))
    return spans


def replace_keys(text: str, values: dict[str, Any], order: list[str]) -> str:
    """``text`` with each top-level key of ``values`` rewritten (or inserted, following ``order``)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final line break; added back below
    spans = _top_level_spans(lines, text)
    edits = []  # (start, end, order position, new lines)
    for key, value in values.items():
        position = order.index(key)
        new = render(key, value)
        if key in spans:
            start, end, comment = spans[key]
            if comment:  # a person's note on the key's line stays with it; notes inside a block go with the block
                new[0] += f"  {comment}"
        else:
            before = [spans[other][1] for other in order[:position] if other in spans]
            start = end = max(before) if before else min((span[0] for span in spans.values()), default=len(lines))
        edits.append((start, end, position, new))
    # From the bottom up so earlier line numbers stay valid; two inserts at one place land in schema order.
    for start, end, _, new in sorted(edits, key=lambda edit: (edit[0], edit[2]), reverse=True):
        lines[start:end] = new
    return "\n".join(lines) + "\n"


def write_atomic(path: Path, text: str) -> None:
    """Write ``path`` so that it is either the old file or the whole new one, never half of it.

    The temporary file sits in the same folder (``os.replace`` is atomic only within one file system)
    and starts with a dot, which the content reader skips, should a crash leave it behind.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
