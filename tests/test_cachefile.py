"""A cache file read back (generator/cachefile.py): mapped into memory where the file system allows it, read into
memory where it does not, the same value either way; a file that is not whole is nothing either way."""

from __future__ import annotations

import mmap

import pytest

from generator import cachefile

MAGIC = b"SKT1"
VALUE = {"sáng kiến": [1, 2.5, None, ("a", b"\x00")], "": {}}


@pytest.fixture(params=["mapped", "read"])
def way(request, monkeypatch) -> str:
    """Each test runs twice: as the build reads, and on a file system that maps no file."""
    if request.param == "read":
        def refused(*args, **kwargs):
            raise OSError("this file system maps no file")

        monkeypatch.setattr(mmap, "mmap", refused)
    return request.param


def test_a_value_written_is_read_back(tmp_path, way):
    path = tmp_path / "value.pickle"
    cachefile.write_value(path, MAGIC, VALUE, "value*")
    assert cachefile.read_value(path, MAGIC) == VALUE
    assert cachefile.read_framed(path, MAGIC) == path.read_bytes()[len(MAGIC) + 4:]
    with cachefile.opened(path, MAGIC) as payload:
        assert payload.read(1) == b"\x80"  # the payload from its start: a pickle's first byte


@pytest.mark.parametrize("damage", ["a byte changed", "cut short", "another format", "empty", "missing"])
def test_a_file_that_is_not_whole_is_nothing(tmp_path, way, damage):
    path = tmp_path / "value.pickle"
    cachefile.write_value(path, MAGIC, VALUE, "value*")
    data = path.read_bytes()
    if damage == "a byte changed":
        path.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    elif damage == "cut short":
        path.write_bytes(data[:-1])
    elif damage == "another format":
        path.write_bytes(b"SKT2" + data[len(MAGIC):])
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        path.unlink()
    assert cachefile.read_value(path, MAGIC) is None
    assert cachefile.read_framed(path, MAGIC) is None
    with cachefile.opened(path, MAGIC) as payload:
        assert payload is None


def test_a_pickle_that_names_a_class_is_refused(tmp_path, way):
    """A plain value holds no class: a planted file cannot make the build run code."""
    path = tmp_path / "value.pickle"
    cachefile.write_value(path, MAGIC, {"path": tmp_path}, "value*")
    assert cachefile.read_framed(path, MAGIC) is not None  # whole
    assert cachefile.read_value(path, MAGIC) is None
