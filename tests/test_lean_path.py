"""The lean path (generator/lean.py) writes the same bytes as rendering every initiative through the theme."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from conftest import FIXTURES, ROOT, SITE_URL

from generator import content, lean, plugin
from generator.pages import PageSpec, SiteInfo, iter_pages


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


def test_a_spool_gives_back_each_page_keyed_by_its_inputs_and_leaves_no_file(tmp_path):
    unit = {"id": "evnhanoi", "name": "Tổng công ty Điện lực TP Hà Nội"}

    def page(n: int, keyed: bool) -> PageSpec:
        return PageSpec(url=f"sang-kien/evnhanoi/{n}/", template="initiative.html", title=f"Sáng kiến {n}",
                        description="Mô tả", data={"n": n, "unit": unit, "tags": ["lưới điện"] * (n % 7)},
                        inputs=n.to_bytes(32, "big") if keyed else None)

    # pages keyed by their inputs (initiative pages) and pages that are not (listings), mixed: batches of 50, 50, 31
    specs = [page(n, keyed=n % 40 != 0) for n in range(131)]
    spool = lean.Spool(tmp_path, specs)
    assert list(tmp_path.iterdir()) == []  # unnamed: nothing to clean up after a killed build
    assert len({(offset, length) for offset, length, _ in spool.places}) == 3
    assert [index for _, _, index in spool.places[48:52]] == [48, 49, 0, 1]
    batches = {(offset, length) for offset, length, _ in spool.places}
    assert sum(length for _, length in batches) < sum(map(len, map(lean.record, specs))) / 2  # the unit once a batch
    for number in [130, 0, 99, 100, 1, 120, 49, 50, 129, 40] + list(range(131)):
        read = spool.read(spool.places[number])
        assert read == lean.keyed(specs[number])
        if specs[number].inputs is None:  # keyed by what its key was made of
            assert read.inputs == hashlib.sha256(lean.cache_inputs(specs[number])).digest()
            assert lean.cache_inputs(read) == b"inputs\0" + read.inputs
            assert replace(read, inputs=None) == specs[number]
        else:
            assert read == specs[number]
    spool.close()


def test_a_large_site_s_loading_process_tells_its_initiative_pages_cards_before_the_model_is_handed_over(
        tmp_path, monkeypatch):
    """So they are drawn while the model is pickled and read (plugin._load), told part by part."""
    monkeypatch.setattr(plugin, "CARDS_TOLD", 2)
    info, day, heard = SiteInfo("Sáng kiến Hub", SITE_URL), dt.date(2022, 11, 15), []
    handed = content.load_apart(FIXTURES / "basic", cache_dir=tmp_path / "basic",
                                ahead=lambda site: plugin._initiative_cards(info, day, site), heard=heard.append)
    told = len(heard)  # before the model is read
    site = handed.load().site.published(day)
    assert [card for part in heard for card in part] == [
        spec.card for spec in iter_pages(site, info) if spec.template == "initiative.html"]
    assert told == len(heard) == -(-len(site.initiatives) // 2) > 1 and all(len(part) <= 2 for part in heard)
    broken = content.load_apart(FIXTURES / "broken", cache_dir=tmp_path / "broken",
                                ahead=lambda site: plugin._initiative_cards(info, day, site), heard=heard.append)
    assert broken.load().problems and len(heard) == told  # nothing told of content with mistakes
