"""The open-data files kept between builds (generator/opendata.py): the same bytes as made afresh; taken back after
an edit that changes no number (a title), made again after one that does (a registration date), and a damaged or
planted file is only a miss."""

from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path

import pytest

from conftest import initiative_files, register_earlier, retitle, site_of
from generator import cachefile, opendata
from generator.stats import to_json


@pytest.fixture
def made(monkeypatch) -> list[int]:
    """One entry for each time the files are made (not taken from the kept ones)."""
    calls: list[int] = []
    make = opendata._files

    def counted(data):
        calls.append(len(data["authors"]))
        return make(data)

    monkeypatch.setattr(opendata, "_files", counted)
    return calls


def test_kept_files_are_those_made_afresh(synthetic, tmp_path, made):
    folder = tmp_path / "kept"
    fresh = opendata.files(site_of(synthetic))
    assert sorted(fresh) == ["data/authors.csv", "data/fields.csv", "data/monthly.csv", "data/stats.json",
                             "data/units.csv"]
    assert opendata.files(site_of(synthetic), folder) == fresh
    assert len(made) == 2
    assert opendata.files(site_of(synthetic), folder) == fresh  # a new load: new objects, the same numbers
    assert len(made) == 2
    assert [path.name for path in folder.iterdir()] == [f"open-data-{opendata.code_version()}.pickle"]


def test_a_title_edit_takes_them_back_a_date_edit_makes_them_again(synthetic_copy, tmp_path, made):
    folder = tmp_path / "kept"
    opendata.files(site_of(synthetic_copy), folder)
    files = initiative_files(synthetic_copy)
    retitle(files[3])
    made.clear()
    opendata.files(site_of(synthetic_copy), folder)
    assert made == []

    register_earlier(files[5], 40)
    site = site_of(synthetic_copy)
    made.clear()
    kept = opendata.files(site, folder)
    assert len(made) == 1 and kept == opendata.files(site)
    made.clear()
    assert opendata.files(site_of(synthetic_copy), folder) == kept
    assert made == []  # kept again, for the new numbers


def test_a_damaged_or_planted_file_is_only_a_miss(synthetic, tmp_path, made):
    folder = tmp_path / "kept"
    site = site_of(synthetic)
    fresh = opendata.files(site)
    opendata.files(site, folder)
    [path] = folder.iterdir()
    digest = pickle.loads(cachefile.read_framed(path, b"SKO1"))[0]
    assert digest == hashlib.sha256(json.dumps(to_json(site), ensure_ascii=False).encode()).digest()
    data = path.read_bytes()
    planted = [
        data[:-1] + bytes([data[-1] ^ 1]),  # a bit flipped: the checksum fails
        data[:len(data) // 2],  # cut short
        cachefile.framed(b"SKO1", pickle.dumps((b"another", fresh))),  # other numbers'
        cachefile.framed(b"SKO1", pickle.dumps((digest, {"data/stats.json": "not bytes"}))),
        cachefile.framed(b"SKO1", pickle.dumps((digest, [("data/stats.json", b"{}")]))),  # not a dict
        cachefile.framed(b"SKO1", pickle.dumps((digest, {"data/stats.json": Path("x")}))),  # a class: refused
    ]
    for bad in planted:
        path.write_bytes(bad)
        made.clear()
        assert opendata.files(site, folder) == fresh
        assert len(made) == 1
