"""A served site brought up to date file by file after an edit (generator/serving.py) is, byte for byte, what a
whole build of the edited content gives; an edit with problems leaves it as it was, and what the update does not
handle is left to the whole build, with nothing written."""

from __future__ import annotations

import gc
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import ROOT, config_with_pages
from generator import serving

SERVE_URL = "http://127.0.0.1:8000/"  # the address `mkdocs serve` gives the site
INITIATIVE = "initiatives/alpha/tu-dong-bao-cao.yml"


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def changed(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


class Served:
    """The project's site over a fixture tree, built whole as `mkdocs serve` builds it, then updated."""

    def __init__(self, tree, tmp_path: Path, monkeypatch, config_file: Path = ROOT / "mkdocs.yml"):
        self.tree, self.tmp_path = tree, tmp_path
        monkeypatch.setenv("SANGKIEN_CONTENT_DIR", str(tree.root))
        monkeypatch.setenv("SANGKIEN_CACHE_DIR", str(tmp_path / "cache"))
        monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
        self.site = tmp_path / "served"
        config = load_config(config_file=str(config_file), site_dir=str(self.site))
        config.plugins.on_startup(command="serve", dirty=False)
        config.site_url = SERVE_URL
        build(config, serve_url=SERVE_URL)
        self.config, self.plugin = config, config.plugins["sangkien"]

    def update(self, *rels: str) -> bool:
        try:
            return serving.update(self.plugin, {self.tree.root / rel for rel in rels})
        finally:
            serving.settle(self.plugin)  # the site-wide files, written after the pages

    def whole(self) -> dict[str, bytes]:
        """A whole build of the content as it is now, in its own process and cache."""
        out = self.tmp_path / "whole"
        env = {**os.environ, "SITE_URL": SERVE_URL, "SANGKIEN_CACHE_DIR": str(self.tmp_path / "whole-cache")}
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], cwd=ROOT, env=env,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return files(out)


@pytest.fixture
def served(tree, tmp_path, monkeypatch) -> Served:
    served = Served(tree, tmp_path, monkeypatch)
    yield served
    served.config.plugins.on_shutdown()  # as `mkdocs serve` ends: what the plugin left frozen is thawed


def test_a_title_edit_rewrites_exactly_what_a_whole_build_changes(served):
    before = files(served.site)
    served.tree.edit(INITIATIVE, "title: Tự động lập báo cáo ngày", "title: Báo cáo vận hành tự động")
    assert served.update(INITIATIVE)
    after = files(served.site)
    assert changed(after, served.whole()) == set()
    assert "sang-kien/alpha/tu-dong-bao-cao/index.html" in changed(before, after)


def test_edits_one_after_another(served):
    served.tree.edit(INITIATIVE, "registered_on: 2022-11-14", "registered_on: 2022-11-02")
    assert served.update(INITIATIVE)
    served.tree.remove("initiatives/beta/canh-bao-som.yml")
    assert served.update("initiatives/beta/canh-bao-som.yml")
    copy = served.tree.read("initiatives/alpha/so-hoa-ho-so.yml").replace("ALPHA-2022-0002", "ALPHA-2022-0009")
    served.tree.write("initiatives/alpha/so-hoa-ho-so-dot-2.yml", copy)
    assert served.update("initiatives/alpha/so-hoa-ho-so-dot-2.yml")
    site = files(served.site)
    assert "sang-kien/beta/canh-bao-som/index.html" not in site
    assert "sang-kien/alpha/so-hoa-ho-so-dot-2/index.html" in site
    assert changed(site, served.whole()) == set()


def test_a_news_edit(served):
    news = next(path for path in sorted((served.tree.root / "news").rglob("*.md")))
    rel = news.relative_to(served.tree.root).as_posix()
    served.tree.write(rel, served.tree.read(rel) + "\nMột đoạn mới được thêm vào bản tin.\n")
    assert served.update(rel)
    assert changed(files(served.site), served.whole()) == set()


def test_a_served_build_stays_frozen_with_its_index_kept_until_serving_ends(served):
    """What the first update would otherwise do while the edited page waits (serving.after_build): the collector
    leaves the build's objects alone, and the search index the update starts from is already worked out."""
    serving.settle(served.plugin)
    assert gc.get_freeze_count() > 0
    kept = served.plugin.index_kept
    assert len(kept.order) == len(kept.page_words) > 0 and kept.postings and kept.pages
    served.config.plugins.on_shutdown()
    assert gc.get_freeze_count() == 0


def test_an_edit_with_problems_is_reported_and_changes_nothing(served, caplog):
    before = files(served.site)
    served.tree.edit(INITIATIVE, "unit: alpha", "unit: alfa")
    with caplog.at_level(logging.ERROR), pytest.raises(serving.ContentProblems):
        served.update(INITIATIVE)
    assert any(f"{served.tree.root}/{INITIATIVE}:" in record.getMessage()
               and "alfa" in record.getMessage() for record in caplog.records)
    assert changed(before, files(served.site)) == set()
    served.tree.edit(INITIATIVE, "unit: alfa", "unit: alpha")
    assert served.update(INITIATIVE)
    assert changed(before, files(served.site)) == set()


@pytest.mark.parametrize("rel, old, new", [
    ("campaign.yml", "short_name:", "short_name: Mới"),
    ("units.yml", "short_name:", "short_name: Mới"),
])
def test_what_the_update_does_not_handle_is_left_to_a_whole_build(served, rel, old, new):
    before = files(served.site)
    served.tree.edit(rel, old, new)
    assert not served.update(rel)
    assert changed(before, files(served.site)) == set()


def test_a_new_newest_initiative_and_the_page_that_carried_a_shell_removed_and_restored(served):
    # the newest initiative's page carried its group's shell in the whole build; a newer one now comes first
    newest = max(served.plugin.site.initiatives, key=lambda item: item.registered_on)
    rel = f"initiatives/{newest.unit}/{newest.slug}.yml"
    text = served.tree.read(rel)
    served.tree.write("initiatives/alpha/bao-cao-moi-nhat.yml", text.replace(newest.code, "ALPHA-2022-0099").replace(
        f"registered_on: {newest.registered_on.isoformat()}", "registered_on: 2022-11-20"))
    assert served.update("initiatives/alpha/bao-cao-moi-nhat.yml")
    assert changed(files(served.site), served.whole()) == set()
    served.tree.remove(rel)
    assert served.update(rel)
    assert changed(files(served.site), served.whole()) == set()
    served.tree.write(rel, text)
    assert served.update(rel)
    assert changed(files(served.site), served.whole()) == set()


def test_an_edit_that_makes_a_page_at_a_hand_written_page_s_address_is_left_to_a_whole_build(tree, tmp_path,
                                                                                          monkeypatch):
    """The first news of 2024 makes the page /tin-tuc/2024/, where a hand-written page already is: an update would
    write it over that page; the whole build it leaves the edit to stops with the problem (pages.hand_written)."""
    pages = tmp_path / "pages"
    (pages / "tin-tuc").mkdir(parents=True)
    (pages / "tin-tuc" / "2024.md").write_text("# Tin tức năm 2024\n", encoding="utf-8")
    served = Served(tree, tmp_path, monkeypatch, config_with_pages(tmp_path, pages))
    try:
        before = files(served.site)
        news = "news/2024/2024-01-05-tin-dau-nam.md"
        tree.write(news, tree.read("news/2022/2022-02-15-phat-dong.md").replace("2022-02-15", "2024-01-05"))
        assert not served.update(news)
        assert changed(before, files(served.site)) == set()
    finally:
        served.config.plugins.on_shutdown()


def test_after_a_theme_edit_a_content_edit_is_left_to_a_whole_build(tree, tmp_path, monkeypatch):
    """`mkdocs serve` without --watch-theme does not see a theme edit; the next content edit must not be served
    with the theme the whole build loaded, as MkDocs' own build after it takes the new one."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    config = config_with_pages(tmp_path, ROOT / "content" / "pages")
    config.write_text(config.read_text(encoding="utf-8").replace(f"custom_dir: {ROOT}/theme", f"custom_dir: {theme}"),
                      encoding="utf-8")
    served = Served(tree, tmp_path, monkeypatch, config)
    try:
        before = files(served.site)
        partial = theme / "partials" / "sk_initiative.html"
        partial.write_text(partial.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        served.tree.edit(INITIATIVE, "title: Tự động lập báo cáo ngày", "title: Tự động lập báo cáo vận hành")
        assert not served.update(INITIATIVE)
        assert changed(before, files(served.site)) == set()
    finally:
        served.config.plugins.on_shutdown()
