"""Shared test helpers: a writable copy of a fixture content tree, and real MkDocs builds."""

from __future__ import annotations

import datetime as dt

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.content import load

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


class Tree:
    """A copy of a fixture content tree under ``tmp/content``; messages name it ``content``."""

    def __init__(self, root: Path):
        self.root = root

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def read(self, rel: str) -> str:
        return (self.root / rel).read_text(encoding="utf-8")

    def edit(self, rel: str, old: str, new: str) -> None:
        text = self.read(rel)
        assert old in text, f"{old!r} not in {rel}"
        self.write(rel, text.replace(old, new, 1))

    def remove(self, rel: str) -> None:
        (self.root / rel).unlink()


@pytest.fixture
def tree(tmp_path: Path) -> Tree:
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "basic", root)
    return Tree(root)


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory) -> Path:
    """A small synthetic content tree (``sangkien synth``: 60 initiatives, 3 news), written once; not to be edited."""
    from generator.synth import write_tree
    root = tmp_path_factory.mktemp("synthetic") / "content"
    write_tree(root, initiatives=60, news=3, seed=7)
    return root


@pytest.fixture
def synthetic_copy(synthetic: Path, tmp_path: Path) -> Path:
    """A copy of :func:`synthetic` to edit."""
    root = tmp_path / "content"
    shutil.copytree(synthetic, root)
    return root


def retitle(path: Path) -> None:
    """The title of the synthetic initiative at ``path`` begun with "Đã sửa - " (inside its quotes, if any)."""
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'^title: ("?)', r"title: \1Đã sửa - ", text, count=1, flags=re.M), encoding="utf-8")


# a day after every date of the fixtures and the synthetic trees: every initiative and news post is published
LATER = dt.date(2100, 1, 1)


def site_of(root: Path):
    """The published site of the content tree at ``root``, read without a cache."""
    return load(root, "content").site.published(LATER)


def initiative_files(root: Path) -> list[Path]:
    """The initiative files of the content tree at ``root``, in order of their paths."""
    return sorted((root / "initiatives").rglob("*.yml"))


def register_earlier(path: Path, days: int) -> None:
    """The registration date of the synthetic initiative at ``path`` moved ``days`` earlier."""
    text = path.read_text(encoding="utf-8")
    date = re.search(r"^registered_on: (\S+)$", text, flags=re.M).group(1)
    moved = (dt.date.fromisoformat(date) - dt.timedelta(days=days)).isoformat()
    path.write_text(text.replace(f"registered_on: {date}", f"registered_on: {moved}"), encoding="utf-8")


SITE_URL = "https://sangkien.test/"  # the published address the test builds use


def config_with_pages(root: Path, pages: Path) -> Path:
    """A copy of the project's mkdocs.yml, written in ``root``, that takes its hand-written pages from ``pages`` (the
    project's takes them from content/pages) and keeps the project's theme."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for old, new in (("docs_dir: content/pages", f"docs_dir: {pages}"), ("custom_dir: theme", f"custom_dir: {ROOT}/theme")):
        assert old in config
        config = config.replace(old, new)
    path = root / "mkdocs.yml"
    path.write_text(config, encoding="utf-8")
    return path


def build_site(content_dir: Path, out: Path, *extra: str, cache: Path | None = None,
               config: Path = ROOT / "mkdocs.yml", site_url: str = SITE_URL) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of the project's mkdocs.yml (or ``config``) over ``content_dir``, as a user runs it.

    The card cache defaults to a folder beside ``out``, so each new output folder starts cold.
    """
    env = {**os.environ, "SANGKIEN_CONTENT_DIR": str(content_dir), "NO_MKDOCS_2_WARNING": "1",
           "SITE_URL": site_url, "SANGKIEN_CACHE_DIR": str(cache or out.parent / "cache")}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out), *extra],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
