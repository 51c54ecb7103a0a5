"""Two builds of the same content, at different times from different checkouts, give the same bytes."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, SITE_URL


def checkout(target: Path) -> Path:
    """The parts of the repository a build reads, copied to ``target``."""
    for name in ("mkdocs.yml", "theme", "content"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    return target


def build(folder: Path) -> Path:
    env = {key: value for key, value in os.environ.items() if key not in ("SANGKIEN_CONTENT_DIR", "SOURCE_DATE_EPOCH")}
    env.update({"NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL, "SANGKIEN_CACHE_DIR": str(folder / "cache")})
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"], cwd=folder, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return folder / "site"


def tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_two_builds_are_byte_identical(tmp_path):
    first = build(checkout((tmp_path / "a").mkdir() or tmp_path / "a"))
    time.sleep(1.1)  # a later second: anything printed from the clock would differ
    second = build(checkout((tmp_path / "b" / "deeper").mkdir(parents=True) or tmp_path / "b" / "deeper"))
    one, two = tree(first), tree(second)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    assert b"<lastmod>" in one["sitemap.xml"]
    assert gzip.decompress(one["sitemap.xml.gz"]) == one["sitemap.xml"]
    assert one["sitemap.xml.gz"][4:8] == b"\0\0\0\0"  # the gzip header's time: none, not the build's
    assert str(tmp_path).encode() not in b"".join(one.values())
