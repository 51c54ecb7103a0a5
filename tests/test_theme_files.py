"""The theme's listing without hidden folders (plugin._visible_templates) gives MkDocs the same static files."""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from generator.plugin import SangKienPlugin, _theme_env_listing_visible, _visible_templates

ROOT = Path(__file__).resolve().parent.parent


def _config():
    return load_config(str(ROOT / "mkdocs.yml"))


def _theme_files(env, config) -> list[tuple[str, str]]:
    files = Files([])
    files.add_files_from_theme(env, config)
    return [(file.src_uri, file.abs_src_path) for file in files]


def test_mkdocs_finds_the_same_theme_files():
    config = _config()
    stock = config.theme.get_env()
    visible = _theme_env_listing_visible(config.theme)()
    found = _theme_files(visible, config)
    assert found == _theme_files(stock, config)
    assert ("assets/stylesheets/sangkien.css", str(ROOT / "theme" / "assets" / "stylesheets" / "sangkien.css")) in found


def test_the_listing_is_jinjas_without_hidden_folders():
    loader = _config().theme.get_env().loader
    listed = _visible_templates(loader)()
    stock = loader.list_templates()
    assert any(name.startswith(".icons/") for name in stock)  # Material's icons: what is left out
    assert listed == [name for name in stock if not any(part.startswith(".") for part in name.split("/")[:-1])]
    assert "main.html" in listed and "partials/sk_search.html" in listed


def test_hidden_files_outside_hidden_folders_are_still_listed(tmp_path):
    """Only folders are pruned; MkDocs' own filter decides about files (a ``.nojekyll`` in the theme, say)."""
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "a.svg").write_text("x")
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "b.css").write_text("x")
    (tmp_path / ".nojekyll").write_text("")
    (tmp_path / "top.html").write_text("x")
    loader = jinja2.FileSystemLoader([str(tmp_path)])
    assert _visible_templates(loader)() == [".nojekyll", "sub/deeper/b.css", "top.html"]


def test_a_build_lists_the_theme_without_hidden_folders():
    config = _config()
    plugin = SangKienPlugin()
    plugin.load_config({"content_dir": "content"}, str(ROOT / "mkdocs.yml"))
    plugin.on_config(config)
    assert not any(name.startswith(".icons/") for name in config.theme.get_env().list_templates())
