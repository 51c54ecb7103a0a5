"""What ``sangkien new`` and ``sangkien import`` need to know before they write a file: the units, the
fields and the programme's start date, read and checked with the loader's own schema and rules.

It also turns what a person types or what an export holds into an id: a unit may be given by its id,
its short name or its full name, in any case and with or without diacritics ("evn ha noi",
"Tổng công ty Điện lực thành phố Hà Nội"), and an unknown one gets a did-you-mean.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .content import schema
from .content.kinds import INVALID, Reader
from .content.problems import Problem, Problems
from .content.reader import Document, RawContent, find_pages, read_record
from .content.rules import check_campaign, check_units
from .text import fold


_DASH = re.compile(r"\s*[-‐‑–—]\s*")


def loose(text: str) -> str:
    """How names are compared: without diacritics, case or extra spaces, any dash the same ("Kỹ thuật – vận hành"
    is typed "Kỹ thuat - van hanh" or "Kỹ thuật-vận hành")."""
    return " ".join(_DASH.sub(" - ", fold(text)).casefold().split())


@dataclass(frozen=True)
class Choices:
    """A closed list (units, fields) that accepts an id or a name, loosely compared."""

    what: str  # "Đơn vị", "Lĩnh vực": starts the message
    source: str  # the file that defines the list
    names: dict[str, str]  # id -> full name, in file order
    aliases: dict[str, frozenset[str]]  # loose id / short name / name -> ids

    @classmethod
    def build(cls, what: str, source: str, items: list[tuple[str, list[str]]]) -> Choices:
        """``items``: (id, [full name, other names...]) in file order."""
        aliases: dict[str, set[str]] = {}
        for item_id, names in items:
            for name in (item_id, *names):
                aliases.setdefault(loose(name), set()).add(item_id)
        return cls(what, source, {item_id: names[0] for item_id, names in items},
                   {key: frozenset(ids) for key, ids in aliases.items()})

    def resolve(self, text: str) -> tuple[str | None, str | None]:
        """``(id, None)`` or ``(None, message)``."""
        if text in self.names:
            return text, None
        ids = self.aliases.get(loose(text), frozenset())
        if len(ids) == 1:
            return next(iter(ids)), None
        if ids:
            listed = ", ".join(sorted(ids))
            return None, f"{self.what} '{text}' trùng tên với nhiều mục ({listed}); hãy ghi mã"
        return None, f"{self.what} '{text}' không có trong {self.source}" + self.suggest(text)

    def suggest(self, text: str) -> str:
        close = difflib.get_close_matches(loose(text), list(self.aliases), n=1, cutoff=0.6)
        if not close:
            return ""
        ids = self.aliases[close[0]]
        if len(ids) != 1:
            return ""
        item_id = next(iter(ids))
        return f" — có phải ý bạn là '{item_id}' ({self.names[item_id]})?"


@dataclass(frozen=True)
class References:
    units: Choices
    fields: Choices
    counted_from: dt.date


def _read(root: Path, shown: str, name: str, record, problems: Problems) -> Document | None:
    path, where = root / name, f"{shown}/{name}"
    if not path.is_file():
        problems.add(where, 1, 1, f"Thiếu tệp {name}")
        return None
    return read_record(path, where, record, problems)


def load_references(root: Path, shown: str) -> tuple[References | None, list[Problem]]:
    """The units and fields of the content tree at ``root``, or the problems of campaign.yml / units.yml."""
    problems = Problems()
    if not root.is_dir():
        problems.add(shown, 1, 1, "Không tìm thấy thư mục nội dung")
        return None, problems.sorted()
    raw = RawContent(root, shown)
    raw.campaign = _read(root, shown, "campaign.yml", schema.CAMPAIGN, problems)
    raw.units = _read(root, shown, "units.yml", schema.UNITS, problems)
    find_pages(raw)  # the page campaign.yml's notice may name
    known = check_campaign(raw, problems)
    check_units(raw, known, problems)
    if problems:
        return None, problems.sorted()
    units = [(unit["id"], [unit["name"], unit["short_name"]]) for unit in raw.units.record["units"]]
    fields = [(item["id"], [item["name"]]) for item in raw.campaign.record["fields"]]
    return References(
        units=Choices.build("Đơn vị", "units.yml", units),
        fields=Choices.build("Lĩnh vực", "danh sách fields của campaign.yml", fields),
        counted_from=raw.campaign.record["programme"]["counted_from"],
    ), []


def schema_value(record: schema.Record, key: str, text: str) -> tuple[Any, str | None]:
    """``text`` read by the schema's own kind for ``record.key``: ``(value, None)`` or ``(None, message)``.

    Commands check what a person typed or what an export holds with the same rules (and messages) as
    ``sangkien check``, before anything is written.
    """
    problems = Problems()
    mark = yaml.Mark("", 0, 0, 0, "", 0)
    node = yaml.ScalarNode("tag:yaml.org,2002:str", text, mark, mark, style='"')  # quoted: never "no value"
    value = record.fields[key].kind.load(node, Reader("", problems))
    if value is INVALID:
        return None, problems.items[0].message
    return value, None
