"""The faster loader parts give what the plain versions they replaced gave, on any input."""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content import personal, source
from generator.content.problems import Problems
from generator.content.reader import _files_below

# personal.find as it was written first: one search per kind, the earliest match wins, ties by kind name.
_PATTERNS = (("email", re.compile(personal._EMAIL)), ("phone", re.compile(personal._PHONE)),
             ("id", re.compile(personal._ID_CARD)))


def _first_found(text: str):
    found = [(match.start(), kind, match.group()) for kind, pattern in _PATTERNS
             for match in [pattern.search(text)] if match]
    return min(found) if found else None


TEXT = st.lists(st.sampled_from(list("0123456789 .-+,/@_aZđ%\n") + ["84", "+84", "@evn.vn", ".com", "١٢٣"]),
                max_size=60).map("".join)


@settings(max_examples=1000, deadline=None)
@given(TEXT)
def test_personal_data_found_as_by_one_search_per_kind(text):
    expected = _first_found(text)
    found = personal.find(text)
    if expected is None:
        assert found is None
    else:
        assert found is not None and found[0] == expected[0] and f"'{expected[2]}'" in found[1]


def test_each_kind_of_personal_data_keeps_its_message():
    assert "e-mail" in personal.find("gửi a.b@evn.com.vn")[1]
    assert "điện thoại" in personal.find("gọi 0912 345 678")[1]
    assert "CMND/CCCD" in personal.find("số 012345678901")[1]
    assert personal.find("350.000.000 đồng, 12:30, NO") is None


YAML_TEXT = st.lists(st.sampled_from(list("ab: -[]{}&*!|>#'\"\n,?") + ["NO", "12:30", "010", "2022-01-01", "- ", ": ",
                                                                      "\n  ", "true", "~", "1e3"]),
                     max_size=80).map("".join)


def _shape(node):
    """A node tree as plain values with every position and style; tags left out."""
    if node is None:
        return None
    marks = (node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.value, node.style, marks)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", [_shape(item) for item in node.value], marks)
    return ("map", [(_shape(key), _shape(value)) for key, value in node.value], marks)


def _compose_with(loader, text):
    """``source.compose`` with another loader class: its nodes and its problems."""
    problems = Problems()
    kept, source._NodeLoader = source._NodeLoader, loader
    try:
        return _shape(source.compose(text, "x", problems)), problems.items
    finally:
        source._NodeLoader = kept


@settings(max_examples=300, deadline=None)
@given(YAML_TEXT)
def test_composing_without_tag_resolution_gives_the_same_nodes_and_problems(text):
    assert _compose_with(source._NodeLoader, text) == _compose_with(source._Loader, text)


def _walked(folder: Path):
    """What ``os.walk`` lists, as the reader listed files before: sorted, hidden names skipped; and a symlink to a
    folder listed with the files, as a symlink (os.walk lists it with the folders, and does not enter it)."""
    for current, dirs, files in os.walk(folder):
        linked = [name for name in dirs if Path(current, name).is_symlink()]
        dirs[:] = sorted(name for name in dirs if not name.startswith(".") and name not in linked)
        for name in sorted(files + linked):
            if not name.startswith("."):
                path = Path(current, name)
                yield path, path.relative_to(folder).parts, path.is_symlink()


def test_the_walk_lists_what_os_walk_lists(tmp_path):
    for rel in ("b/z.yml", "b/a.yml", "a/c/d.yml", "a/x.png", "a/.hidden.yml", ".git/config", "a/c/.d/e.yml",
                "top.yml", "b/c/d/e/f.yml", "ab.yml"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    (tmp_path / "linked-folder").symlink_to(tmp_path / "a")  # listed as a symlink, not entered
    (tmp_path / "b/linked.yml").symlink_to(tmp_path / "top.yml")
    (tmp_path / "b/broken.yml").symlink_to(tmp_path / "missing.yml")
    assert list(_files_below(tmp_path)) == list(_walked(tmp_path))
