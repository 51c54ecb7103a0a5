"""The MkDocs adapter: the only module that imports MkDocs.

It loads the content (failing the build on any content problem), turns each page definition into
a virtual file (``File.generated``), and hands the definition's data to its template in ``theme/``.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from . import content, formatting, opendata
from .pages import PageSpec, build_pages
from .pages.urls import photo as photo_url

log = get_plugin_logger("sangkien")


class SangKienConfig(Config):
    content_dir = config_options.Type(str, default="content")


def build_date() -> dt.date:
    """The day a production build publishes for: SOURCE_DATE_EPOCH when set (reproducible), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


class SangKienPlugin(BasePlugin[SangKienConfig]):
    def __init__(self) -> None:
        self.specs: dict[str, PageSpec] = {}
        self.content_root: Path | None = None

    def on_config(self, config):
        root = Path(self.config.content_dir)
        if not root.is_absolute():
            root = Path(config.config_file_path).parent / root
        self.content_root = root
        return config

    def on_files(self, files: Files, *, config) -> Files:
        started = time.perf_counter()
        loaded = content.load(self.content_root, self.config.content_dir)
        if loaded.problems:
            for problem in loaded.problems:
                log.error(str(problem))
            raise PluginError(f"Nội dung có {len(loaded.problems)} lỗi; trang web không được tạo.")
        site = loaded.site.published(build_date())
        specs = build_pages(site)
        self.specs = {spec.src_uri: spec for spec in specs}
        for spec in specs:
            if files.get_file_from_path(spec.src_uri) is not None:
                raise PluginError(f"Trang '{spec.src_uri}' trong thư mục trang trùng với trang được tạo tự động")
            inclusion = InclusionLevel.UNDEFINED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, spec.src_uri, content="", inclusion=inclusion))
        for photo in {photo for item in site.initiatives for photo in item.photos} | {
                post.image for post in site.news if post.image}:
            files.append(File.generated(config, photo_url(photo), abs_src_path=str(photo.source)))
        for path, data in opendata.files(site).items():
            files.append(File.generated(config, path, content=data))
        log.info(f"{len(site.initiatives)} sáng kiến, {len(specs)} trang tạo trong {time.perf_counter() - started:.1f} s")
        return files

    def on_env(self, env, *, config, files):
        env.filters.update(formatting.FILTERS)
        return env

    def on_page_markdown(self, markdown, *, page, config, files):
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            page.meta["template"] = spec.template
            page.meta["hide"] = ["toc"]  # generated pages have no headings of their own to list
            # Material prints the title and description unescaped; content titles are plain text.
            page.title = Markup(escape(spec.title))
            page.meta["description"] = Markup(escape(spec.description))
        return markdown

    def on_page_context(self, context, *, page, config, nav):
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            context["sk"] = spec.data
        return context

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.content_root))
        return server
