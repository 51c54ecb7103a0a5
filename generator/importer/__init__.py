"""``sangkien import``: initiative files from an export of the programme's online registration system.

- Identity is the registration code (``code``): a row updates the file with that code wherever it is
  below initiatives/, or creates ``initiatives/<unit>/<slug of the title>.yml``.
- Only the fields that come from the export are written (``IMPORTED``); in an existing file only the
  lines of the fields whose value changed are rewritten, so a description, photos, tags, ``featured``
  and comments written by hand stay as they are, and importing the same export twice changes nothing.
  An empty optional cell leaves the field as it is. A new title keeps the file name (the page's address).
- A row is rejected, with its row number and every reason, when a cell is wrong or the file it would
  write would not pass ``sangkien check``; the other rows are still imported.
- Each file is written atomically (``yamlwrite.write_atomic``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..content import schema
from ..content.kinds import INVALID, Reader
from ..content.problems import Problems
from ..content.reader import Document, RawContent, read_content
from ..content.rules import check_initiatives
from ..content.source import compose, decode
from ..references import References, load_references
from ..text import slugify
from ..yamlwrite import NotEditable, render, replace_keys, write_atomic
from .columns import COLUMNS, Mapping, Row, cell_text, map_header, parse_row
from .table import Table, TableError, is_empty, read_table

__all__ = ["COLUMNS", "Change", "ImportStopped", "Report", "TableError", "import_file"]

ORDER = list(schema.INITIATIVE.fields)
BENEFIT_ORDER = list(schema.INITIATIVE.fields["benefit"].kind.fields)
IMPORTED = ("code", "title", "summary", "unit", "field", "authors", "applied_from", "registered_on", "benefit")
SCHEMA_LINE = "# yaml-language-server: $schema=../../../schema/initiative.schema.json"
HEADER = (
    SCHEMA_LINE,
    "# Tạo bởi sangkien import. Lần nhập sau chỉ cập nhật các trường lấy từ hệ thống đăng ký (mã, tên, tóm tắt,",
    "# đơn vị, lĩnh vực, tác giả, ngày đăng ký, ngày áp dụng, giá trị làm lợi); phần viết thêm được giữ nguyên.",
)


class ImportStopped(Exception):
    """Nothing can be imported (the export or the content tree is unusable); ``lines`` say why."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass(frozen=True)
class Change:
    kind: str  # "created", "updated", "unchanged" or "rejected"
    row: int
    code: str | None = None
    shown: str | None = None  # the file written (or, in a dry run, that would be)
    fields: tuple[str, ...] = ()  # updated: the fields whose value changed
    moved_from: str | None = None  # updated: the file's old place when the unit changed
    messages: tuple[str, ...] = ()  # rejected: every reason


@dataclass
class Report:
    changes: list[Change]
    ignored_columns: list[str] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)  # (row, what was changed or may surprise)

    def count(self, kind: str) -> int:
        return sum(1 for change in self.changes if change.kind == kind)


# ---------------------------------------------------------------------------------------------------- the tree


def _yml_files(folder: Path) -> list[Path]:
    found = []
    for current, dirs, files in os.walk(folder):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        found += [Path(current, name) for name in files if name.endswith(".yml") and not name.startswith(".")]
    return found


@dataclass
class Tree:
    """The content tree as the import finds it: every initiative by code, every file name in use."""

    root: Path
    shown: str
    refs: References
    raw: RawContent
    by_code: dict[str, list[Document]]
    names: set[str]

    @classmethod
    def load(cls, root: Path, shown: str) -> Tree:
        refs, problems = load_references(root, shown)
        if refs is None:
            raise ImportStopped(["Chưa nhập được: hãy sửa các lỗi sau rồi chạy lại (xem thêm: sangkien check)",
                                 *map(str, problems)])
        found = Problems()
        raw = read_content(root, shown, found)
        read = {document.path for document in raw.initiatives}
        # A file whose code cannot be read might hold a code of the export: importing now could duplicate it.
        unread = {f"{shown}/{path.relative_to(root).as_posix()}" for path in _yml_files(root / "initiatives")
                  if path not in read}
        if unread:
            raise ImportStopped([f"Chưa nhập được: {len(unread)} tệp sáng kiến chưa đọc được; hãy sửa trước "
                                 "(xem thêm: sangkien check)",
                                 *(str(problem) for problem in found.sorted() if problem.path in unread)])
        by_code: dict[str, list[Document]] = {}
        for document in raw.initiatives:
            if "code" in document.record:
                by_code.setdefault(document.record["code"], []).append(document)
        names = {path.stem for path in _yml_files(root / "initiatives")}
        return cls(root, shown, refs, raw, by_code, names)

    def shown_path(self, path: Path) -> str:
        return f"{self.shown}/{path.relative_to(self.root).as_posix()}"


# ---------------------------------------------------------------------------------------------------- rows


def _comparable(key: str, value: Any, unit: str | None) -> Any:
    """A value as the site understands it: an author's unit equal to the initiative's is the default."""
    if key == "authors" and value is not None:
        return [{name: item for name, item in dict(author).items() if not (name == "unit" and item == unit)}
                for author in value]
    if isinstance(value, dict):
        return dict(value)
    return value


class Importer:
    def __init__(self, tree: Tree, dry_run: bool):
        self.tree, self.dry_run = tree, dry_run
        self.known = {"fields": set(tree.refs.fields.names), "phases": None, "blocs": None}
        self.unit_ids = set(tree.refs.units.names)

    def row(self, row: Row, duplicates: list[int]) -> Change:
        messages = list(row.problems)
        if len(duplicates) > 1:
            lines = ", ".join(map(str, duplicates))
            messages.append(f"mã sáng kiến '{row.values.get('code')}' lặp lại ở các dòng {lines} của tệp nhập; "
                            "không biết dòng nào đúng nên các dòng này đều bị bỏ qua")
        if messages:
            return Change("rejected", row.number, row.values.get("code"), messages=tuple(messages))
        code = row.values["code"]
        existing = self.tree.by_code.get(code, [])
        if len(existing) > 1:
            places = ", ".join(document.shown for document in existing)
            return self._reject(row, f"mã '{code}' đã có ở nhiều tệp ({places}); hãy sửa trước (sangkien check)")
        if existing:
            return self._update(row, existing[0])
        return self._create(row)

    def _reject(self, row: Row, *messages: str) -> Change:
        return Change("rejected", row.number, row.values.get("code"), messages=messages)

    # -- updating

    def _update(self, row: Row, document: Document) -> Change:
        record = document.record
        values = dict(row.values)
        if "benefit" in values:
            merged = {**dict(record.get("benefit") or {}), **values["benefit"]}
            values["benefit"] = {key: merged[key] for key in BENEFIT_ORDER if key in merged}
        unit = values["unit"]
        changed = [key for key in IMPORTED if key in values
                   and _comparable(key, record.get(key), unit) != _comparable(key, values[key], unit)]
        target = self.tree.root / "initiatives" / unit / document.path.name
        moved = target != document.path
        if not changed and not moved:
            return Change("unchanged", row.number, values["code"], document.shown)
        shown = self.tree.shown_path(target)
        if moved and record.get("photos"):
            return self._reject(row, f"đơn vị đổi thành '{unit}' nhưng tệp {document.shown} có ảnh; hãy chuyển tệp "
                                f"và ảnh sang initiatives/{unit}/ bằng tay rồi nhập lại")
        if moved and target.exists():
            return self._reject(row, f"đơn vị đổi thành '{unit}' nhưng đã có tệp {shown}")
        data = document.path.read_bytes()
        text = decode(data, document.shown, Problems())
        try:
            new_text = replace_keys(text, {key: values[key] for key in changed}, ORDER)
        except NotEditable as error:
            return self._reject(row, f"không sửa được {document.shown}: {error}")
        if b"\r\n" in data:  # a file saved on Windows keeps its line ends: only the changed lines differ
            new_text = new_text.replace("\n", "\r\n")
        problems = self._validate(new_text, target, shown)
        if problems:
            return self._reject(row, *problems)
        if not self.dry_run:
            write_atomic(target, new_text)
            if moved:
                document.path.unlink()
        return Change("updated", row.number, values["code"], shown, tuple(changed),
                      document.shown if moved else None)

    # -- creating

    def _name(self, title: str, code: str) -> str:
        """The title's slug; when another file has it, the code is added: never a file of another initiative."""
        base = slugify(title) or slugify(code)
        candidate = base
        number = 1
        while candidate in self.tree.names:
            number += 1
            candidate = f"{base}-{slugify(code)}" if number == 2 else f"{base}-{slugify(code)}-{number}"
        return candidate

    def _create(self, row: Row) -> Change:
        values = row.values
        name = self._name(values["title"], values["code"])
        target = self.tree.root / "initiatives" / values["unit"] / f"{name}.yml"
        shown = self.tree.shown_path(target)
        lines = list(HEADER)
        for key in ORDER:
            if key in values:
                lines += render(key, values[key])
        text = "\n".join(lines) + "\n"
        problems = self._validate(text, target, shown)
        if problems:
            return self._reject(row, *problems)
        if not self.dry_run:
            write_atomic(target, text)
        self.tree.names.add(name)
        return Change("created", row.number, values["code"], shown)

    # -- checking what would be written

    def _validate(self, text: str, path: Path, shown: str) -> list[str]:
        """The file's problems as ``sangkien check`` would report them (this file's own rules)."""
        problems = Problems()
        node = compose(text, shown, problems)
        record = schema.INITIATIVE.load(node, Reader(shown, problems, text=text)) if node is not None else INVALID
        if record is not INVALID:
            raw = RawContent(self.tree.root, self.tree.shown, campaign=self.tree.raw.campaign,
                             initiatives=[Document(path, shown, record)], images=self.tree.raw.images)
            check_initiatives(raw, self.known, self.unit_ids, problems)
        return [f"sau khi nhập, tệp sẽ có lỗi: {problem}" for problem in problems.sorted()]


# ---------------------------------------------------------------------------------------------------- the command


def _code_text(cells: list[Any], mapping: Mapping) -> str:
    position = mapping.index["code"]
    return cell_text(cells[position]) if position < len(cells) else ""


def _duplicates(table: Table, mapping: Mapping) -> dict[str, list[int]]:
    """Code -> the rows that give it; compared as written, before any cell is checked."""
    rows: dict[str, list[int]] = {}
    for number, cells in table.rows:
        code = _code_text(cells, mapping)
        if code:
            rows.setdefault(code, []).append(number)
    return rows


def import_file(path: Path, root: Path, shown: str, *, dry_run: bool = False,
                progress: Callable[[int, int], None] | None = None) -> Report:
    """Import ``path`` into the content tree at ``root``; raises TableError or ImportStopped when nothing can be."""
    table = read_table(path)
    mapping = map_header(table.header, table.sheet)
    # a row with something only in ignored columns (a template's numbers in STT further down) holds nothing
    table.rows = [(number, cells) for number, cells in table.rows
                  if not is_empty([cells[at] for at in mapping.index.values() if at < len(cells)])]
    tree = Tree.load(root, shown)
    importer = Importer(tree, dry_run)
    duplicates = _duplicates(table, mapping)
    changes, notes = [], []
    for done, (number, cells) in enumerate(table.rows, start=1):
        row = parse_row(number, cells, mapping, tree.refs)
        row.problems[:0] = table.row_problems.get(number, [])
        if number in table.hidden_rows:
            row.notes.insert(0, "dòng này đang bị ẩn trong Excel (bộ lọc hoặc Ẩn dòng) nhưng vẫn được nhập")
        notes += [(number, note) for note in row.notes]
        changes.append(importer.row(row, duplicates.get(_code_text(cells, mapping), [])))
        if progress:
            progress(done, len(table.rows))
    return Report(changes, mapping.ignored, notes)
