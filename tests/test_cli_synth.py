"""``sangkien synth``: the command writes the generated tree where it is told (the generator has its own tests)."""

from __future__ import annotations

import pytest

from generator import content
from generator.cli import main

pytest.importorskip("generator.synth")


def test_synth_writes_a_tree_that_passes_check(tmp_path, capsys):
    out = tmp_path / "tong-hop"
    assert main(["synth", "--initiatives", "25", "--news", "3", "--seed", "7", "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"{out}\n"
    loaded = content.load(out)
    assert loaded.problems == []
    assert (len(loaded.site.initiatives), len(loaded.site.news)) == (25, 3)


def test_counts_must_be_whole_numbers(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["synth", "--initiatives", "nhiều", "--out", "x"])
    assert stop.value.code == 2
    assert capsys.readouterr().err.endswith(
        "sangkien synth: lỗi: tham số --initiatives: 'nhiều' không phải số nguyên không âm\n")


def test_synth_refuses_a_folder_that_is_not_empty(tmp_path):
    from generator.cli import main

    (tmp_path / "cu.txt").write_text("x")
    assert main(["synth", "--initiatives", "5", "--news", "1", "--seed", "1", "--out", str(tmp_path)]) == 1
    assert [path.name for path in tmp_path.iterdir()] == ["cu.txt"]
