"""Every kind of edit an author makes, one after another, through every path that reuses an earlier build: a
rebuild in place, a warm build into a new folder, and a served site updated file by file. After each round of
edits, each gives byte for byte what a cold build of the same content gives, with no cache at all.

The other tests of these paths edit a title or a description; the edits here also reorder initiatives, hide and
remove them, add and move them between units, change a photo's bytes under the same name, and change what every
page shows (the campaign's numbers, its notice, a unit's name, the news).
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path
from typing import Callable

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from PIL import Image

from conftest import ROOT, SITE_URL, build_site, retitle
from generator import serving
from generator.content import snapshot
from test_incremental import changed, files


def _initiatives(root: Path) -> list[Path]:
    return sorted(root.glob("initiatives/*/*.yml"))


def _substitute(path: Path, pattern: str, replacement: str | Callable) -> None:
    text = path.read_text(encoding="utf-8")
    edited = re.sub(pattern, replacement, text, count=1, flags=re.M)
    assert edited != text, f"{pattern!r} not in {path}"
    path.write_text(edited, encoding="utf-8")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def retitled(root: Path) -> None:
    retitle(_initiatives(root)[3])


def registered_last(root: Path) -> None:
    """Its place in every date-ordered list changes: the newest of all now."""
    _substitute(_initiatives(root)[5], r"^registered_on: .+$", "registered_on: 2023-08-30")


def featured_toggled(root: Path) -> None:
    path = _initiatives(root)[7]
    if re.search(r"^featured: true$", path.read_text(encoding="utf-8"), flags=re.M):
        _substitute(path, r"^featured: true\n", "")
    else:
        _append(path, "featured: true\n")


def made_draft(root: Path) -> None:
    _append(_initiatives(root)[9], "draft: true\n")


def removed(root: Path) -> None:
    _initiatives(root)[11].unlink()


def added(root: Path) -> None:
    """A new initiative: a copy of another under a new file name, code and title."""
    source = _initiatives(root)[12]
    copy = source.with_name("ban-sao-de-kiem-thu.yml")
    shutil.copyfile(source, copy)
    _substitute(copy, r"^code: .+$", "code: SK-KIEM-THU-0001")
    retitle(copy)


def moved_to_another_unit(root: Path) -> None:
    path = next(path for path in _initiatives(root)[14:] if "photos:" not in path.read_text(encoding="utf-8"))
    unit = path.parent.name
    other = next(folder for folder in sorted((root / "initiatives").iterdir())
                 if folder.is_dir() and folder.name != unit)
    _substitute(path, rf"^unit: {unit}$", f"unit: {other.name}")
    path.rename(other / path.name)


def photo_redrawn(root: Path) -> None:
    """The same file name, other bytes."""
    photo = sorted(root.glob("initiatives/*/anh/*"))[0]
    with Image.open(photo) as image:
        changed = image.convert("RGB")
    changed.putpixel((0, 0), (255, 0, 0))
    changed.save(photo)


def author_renamed(root: Path) -> None:
    _substitute(_initiatives(root)[20], r"^(\s+- name: .+)$", r"\1 Văn")


def recognised(root: Path) -> None:
    path = next(path for path in _initiatives(root)[22:] if "recognition:" not in path.read_text(encoding="utf-8"))
    _append(path, "recognition:\n  level: don-vi\n  decision: 12/QĐ-KT\n  date: 2023-09-15\n")


def campaign_target_raised(root: Path) -> None:
    _substitute(root / "campaign.yml", r"^(  - count: )(\d+)$", lambda match: f"{match[1]}{int(match[2]) + 7}")


def notice_reworded(root: Path) -> None:
    _substitute(root / "campaign.yml", r"^(  text: .+)$", r"\1 Xin lưu ý.")


def unit_renamed(root: Path) -> None:
    _substitute(root / "units.yml", r"^(    name: .+)$", r"\1 (tên mới)")


def news_retitled(root: Path) -> None:
    _substitute(sorted(root.glob("news/*/*.md"))[0], r'^title: ("?)', r"title: \1Cập nhật - ")


def news_removed(root: Path) -> None:
    sorted(root.glob("news/*/*.md"))[-1].unlink()


ROUNDS = [
    [retitled, registered_last, featured_toggled, made_draft, removed],
    [added, moved_to_another_unit, photo_redrawn, author_renamed, recognised],
    [campaign_target_raised, notice_reworded, unit_renamed, news_retitled, news_removed],
]


def _built(content: Path, out: Path, cache: Path) -> dict[str, bytes]:
    result = build_site(content, out, cache=cache)
    assert result.returncode == 0, result.stderr
    return files(out)


class Served:
    """The site as `mkdocs serve` builds and then updates it, at the address of the test builds."""

    def __init__(self, site: Path):
        self.site, self.config = site, None
        self.whole()

    def whole(self) -> None:
        self.close()
        config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(self.site))
        config.plugins.on_startup(command="serve", dirty=False)
        config.site_url = SITE_URL
        build(config, serve_url=SITE_URL)
        self.config, self.plugin = config, config.plugins["sangkien"]

    def close(self) -> None:
        """The plugin's end, as `mkdocs serve`'s: what it left frozen is thawed (serving.after_build)."""
        if self.config is not None:
            self.config.plugins.on_shutdown()
            self.config = None

    def edited(self, paths: set[Path]) -> None:
        """What serving does after a save: an update file by file, or a whole build where it cannot."""
        try:
            updated = serving.update(self.plugin, paths)
        finally:
            serving.settle(self.plugin)
        if not updated:
            self.whole()


def _snapshot(root: Path) -> dict[Path, tuple[int, int]]:
    return {path: (path.stat().st_mtime_ns, path.stat().st_size) for path in root.rglob("*") if path.is_file()}


@pytest.mark.parametrize("large_site", [False, True], ids=["site", "large-site path"])
def test_each_kind_of_edit_gives_what_a_cold_build_gives_on_every_path(synthetic_copy, tmp_path, monkeypatch,
                                                                         large_site):
    root = synthetic_copy
    if large_site:  # the builds load apart and spool their pages (SangKienConfig.memory_first_from)
        monkeypatch.setenv("SANGKIEN_MEMORY_FIRST_FROM", "0")
    monkeypatch.setenv("SANGKIEN_CONTENT_DIR", str(root))
    monkeypatch.setenv("SANGKIEN_CACHE_DIR", str(tmp_path / "served-cache"))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    in_place, cache = tmp_path / "in-place", tmp_path / "cache"
    _built(root, in_place, cache)
    served = None if large_site else Served(tmp_path / "served")  # serving never takes the large site's path
    try:
        previous = files(in_place)
        for number, edits in enumerate(ROUNDS):
            for edit in edits:
                before = _snapshot(root)
                edit(root)
                after = _snapshot(root)
                if served is not None:
                    served.edited({path for path in before.keys() | after.keys()
                                   if before.get(path) != after.get(path)})
            cold = _built(root, tmp_path / f"cold-{number}", tmp_path / f"cold-cache-{number}")
            names = [edit.__name__ for edit in edits]
            assert changed(previous, cold), names  # the edits were not all lost on the way
            previous = cold
            assert changed(_built(root, in_place, cache), cold) == set(), names
            assert changed(_built(root, tmp_path / f"warm-{number}", cache), cold) == set(), names
            if served is not None:
                assert changed(files(served.site), cold) == set(), names
    finally:
        if served is not None:
            served.close()


def test_initiative_edits_alone_are_read_on_top_of_the_last_build(synthetic_copy, tmp_path, monkeypatch):
    """Edits that keep every file where it was, to initiatives alone, are read by themselves on top of the model
    the last build kept (generator/content/snapshot.py), on both ways of building again."""
    root = synthetic_copy
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    in_place, cache = tmp_path / "in-place", tmp_path / "cache"
    time.sleep(snapshot.RACY_NS / 1e9)  # the copied tree no newer than a listing allows
    _built(root, in_place, cache)
    edits = [retitled, registered_last, featured_toggled, made_draft, author_renamed, recognised]
    for edit in edits:
        edit(root)
    cold = _built(root, tmp_path / "cold", tmp_path / "cold-cache")
    result = build_site(root, in_place, cache=cache)
    assert "Nội dung lấy từ lần tạo trước, đọc lại 6 tệp đã sửa" in result.stderr
    assert changed(files(in_place), cold) == set()
    # and into a new folder (the edited files are read again if they were as new as that build's listing)
    result = build_site(root, tmp_path / "warm", cache=cache)
    assert re.search(r"Nội dung lấy từ lần tạo trước, đọc lại [06] tệp đã sửa", result.stderr)
    assert changed(files(tmp_path / "warm"), cold) == set()
