"""The lean path (generator/lean.py) writes the same bytes as rendering every initiative through the theme."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, ROOT, SITE_URL

from generator import lean
from generator.pages import PageSpec


def build(content: Path, out: Path, lean: bool, memory_first: bool = False) -> str:
    env = {**os.environ, "SANGKIEN_CONTENT_DIR": str(content), "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL,
           "SANGKIEN_CACHE_DIR": str(out.parent / "cache"), "SANGKIEN_LEAN": "true" if lean else "false",
           "SANGKIEN_MEMORY_FIRST_FROM": "0" if memory_first else "1000000"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                             "-d", str(out)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stderr


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_lean_and_themed_builds_are_byte_identical(tmp_path):
    for content in (FIXTURES / "basic", ROOT / "content"):
        log = build(content, tmp_path / content.name / "lean" / "site", lean=True)
        assert "trang ghi theo đường nhanh" in log
        build(content, tmp_path / content.name / "themed" / "site", lean=False)
        lean, themed = files(tmp_path / content.name / "lean" / "site"), files(tmp_path / content.name / "themed" / "site")
        assert sorted(lean) == sorted(themed)
        assert [name for name in lean if lean[name] != themed[name]] == []


def test_a_build_that_saves_memory_writes_the_same_bytes(tmp_path):
    """Loaded in a forked process and rendered from a spool (SangKienConfig.memory_first_from), as a site of
    100,000 initiatives is: the same site, and nothing left in the cache folder but what it keeps."""
    content = FIXTURES / "basic"
    build(content, tmp_path / "plain" / "site", lean=True)
    build(content, tmp_path / "saving" / "site", lean=True, memory_first=True)
    plain, saving = files(tmp_path / "plain" / "site"), files(tmp_path / "saving" / "site")
    assert sorted(plain) == sorted(saving)
    assert [name for name in plain if plain[name] != saving[name]] == []
    assert sorted(path.name for path in (tmp_path / "saving" / "cache").iterdir()) == [
        "authors", "cards", "content", "open-data", "pages", "previous-build.pages", "related", "search-records",
        "sitemap", "templates"]


def test_a_spool_gives_back_each_page_s_record_and_leaves_no_file(tmp_path):
    specs = [PageSpec(url=f"sang-kien/evnhanoi/{n}/", template="initiative.html", title=f"Sáng kiến {n}",
                      description="Mô tả", data={"n": n, "tags": ["lưới điện"] * n}) for n in range(50)]
    spool = lean.Spool(tmp_path, specs)
    assert list(tmp_path.iterdir()) == []  # unnamed: nothing to clean up after a killed build
    for place, spec in reversed(list(zip(spool.places, specs))):
        assert spool.read(place) == lean.record(spec)
        assert pickle.loads(spool.read(place)) == spec
    spool.close()
