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
        read, record = spool.read(place)
        assert record == lean.record(spec)  # its page cache key (lean.cache_inputs)
        assert read == spec
    spool.close()


def test_a_spool_writes_pages_keyed_by_their_inputs_together_and_gives_each_back_in_any_order(tmp_path):
    unit = {"id": "evnhanoi", "name": "Tổng công ty Điện lực TP Hà Nội"}

    def page(n: int, keyed: bool) -> PageSpec:
        return PageSpec(url=f"sang-kien/evnhanoi/{n}/", template="initiative.html", title=f"Sáng kiến {n}",
                        description="Mô tả", data={"n": n, "unit": unit},
                        inputs=n.to_bytes(32, "big") if keyed else None)

    # 120 keyed pages, one of a listing among them, then 10 more: batches of 50, 50, 20 and 10
    specs = [page(n, keyed=n != 120) for n in range(131)]
    spool = lean.Spool(tmp_path, specs)
    batches = {(offset, length) for offset, length, index in spool.places if index >= 0}
    assert len(batches) == 4
    assert [index for _, _, index in spool.places[98:102]] == [48, 49, 0, 1]
    assert spool.places[120][2] == -1
    alone = sum(len(lean.record(spec)) for spec in specs if spec.inputs is not None)
    assert sum(length for _, length in batches) < alone / 2  # the unit and the keys written once a batch
    for number in [130, 0, 99, 100, 1, 120, 49, 50, 129] + list(range(131)):
        read, record = spool.read(spool.places[number])
        assert read == specs[number]
        assert record == (lean.record(specs[number]) if number == 120 else None)
    spool.close()
