"""The MkDocs adapter: the only module that imports MkDocs.

It loads the content (failing the build on any content problem), turns each page definition into a virtual
file (``File.generated``), adds the social cards, open data and feeds as files, and hands each page's data and
sharing metadata to its template in ``theme/``.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import re
import time
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from . import cards, content, formatting, sitefiles, stats
from .model import Site
from .pages import PageSpec, SiteInfo, build_pages, default_card
from .pages import urls

log = get_plugin_logger("sangkien")

_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


class SangKienConfig(Config):
    content_dir = config_options.Type(str, default="content")
    cache_dir = config_options.Type(str, default=".cache/sangkien")


def build_date() -> dt.date:
    """The day a production build publishes for: SOURCE_DATE_EPOCH when set (reproducible), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def _jsonld(data: dict) -> Markup:
    """JSON for a <script> element: '<', '>' and '&' escaped so content can never close the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


class SangKienPlugin(BasePlugin[SangKienConfig]):
    def __init__(self) -> None:
        self.specs: dict[str, PageSpec] = {}
        self.cards: dict[str, cards.CardSpec] = {}  # src_uri of a hand-written page -> its card
        self.info: SiteInfo | None = None
        self.content_root: Path | None = None
        self.cache_root: Path | None = None
        self.as_of: dt.date | None = None

    def _path(self, configured: str, config) -> Path:
        path = Path(configured)
        return path if path.is_absolute() else Path(config.config_file_path).parent / path

    def on_config(self, config):
        self.content_root = self._path(self.config.content_dir, config)
        self.cache_root = self._path(self.config.cache_dir, config)
        site_url = config.site_url or "http://127.0.0.1:8000/"
        self.info = SiteInfo(config.site_name, site_url if site_url.endswith("/") else f"{site_url}/")
        return config

    def _load(self) -> Site:
        loaded = content.load(self.content_root, self.config.content_dir)
        if loaded.problems:
            for problem in loaded.problems:
                log.error(str(problem))
            raise PluginError(f"Nội dung có {len(loaded.problems)} lỗi; trang web không được tạo.")
        return loaded.site.published(build_date())

    def _hand_written_cards(self, site: Site, files: Files) -> None:
        """A card for each page of the pages folder, titled with its first heading."""
        self.cards = {}
        for file in files.documentation_pages():
            heading = _HEADING.search(file.content_string)
            title = heading.group(1) if heading else self.info.name
            self.cards[file.src_uri] = default_card(site, self.info, title)

    def on_files(self, files: Files, *, config) -> Files:
        started = time.perf_counter()
        site = self._load()
        self.as_of = stats.as_of(site)
        self._hand_written_cards(site, files)
        specs = build_pages(site, self.info)
        self.specs = {spec.src_uri: spec for spec in specs}
        for spec in specs:
            if files.get_file_from_path(spec.src_uri) is not None:
                raise PluginError(f"Trang '{spec.src_uri}' trong thư mục trang trùng với trang được tạo tự động")
            inclusion = InclusionLevel.UNDEFINED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, spec.src_uri, content="", inclusion=inclusion))
        for photo in sorted({photo for item in site.initiatives for photo in item.photos}
                            | {post.image for post in site.news if post.image}, key=lambda photo: photo.path):
            files.append(File.generated(config, urls.photo(photo), abs_src_path=str(photo.source)))
        card_specs = [spec.card for spec in specs if spec.card] + list(self.cards.values())
        card_files, drawn = cards.ensure(card_specs, self.cache_root / "cards")
        for path, source in sorted(card_files.items()):
            files.append(File.generated(config, path, abs_src_path=str(source)))
        for path, data in sitefiles.files(site, self.info).items():
            files.append(File.generated(config, path, content=data))
        log.info(f"{len(site.initiatives)} sáng kiến, {len(specs)} trang, {len(card_files)} thẻ chia sẻ "
                 f"({drawn} thẻ vẽ mới) trong {time.perf_counter() - started:.1f} s")
        return files

    def on_env(self, env, *, config, files):
        env.filters.update(formatting.FILTERS)
        return env

    def on_page_markdown(self, markdown, *, page, config, files):
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            page.meta["template"] = spec.template
            page.meta["hide"] = ["toc"]  # generated pages have no headings of their own to list
            page.title = Markup(escape(spec.title))
            page.meta["description"] = Markup(escape(spec.description))
        # Material prints page.meta.title and .description unescaped: front matter is plain text too.
        for key in ("title", "description"):
            if key in page.meta and not isinstance(page.meta[key], Markup):
                page.meta[key] = Markup(escape(str(page.meta[key])))
        # the sitemap's lastmod comes from the content, never the clock, so two builds are identical
        page.update_date = ((spec.updated if spec else None) or self.as_of).isoformat()
        return markdown

    def on_post_build(self, *, config):
        """MkDocs stamps sitemap.xml.gz with the build time; write it again with a fixed time."""
        sitemap = Path(config.site_dir) / "sitemap.xml"
        if sitemap.exists():
            with gzip.GzipFile(sitemap.with_suffix(".xml.gz"), "wb", mtime=0) as stream:
                stream.write(sitemap.read_bytes())

    def _meta(self, page, config) -> dict:
        """What a shared link shows: every page gets a title, description, image and canonical URL."""
        spec = self.specs.get(page.file.src_uri)
        card = spec.card if spec else self.cards.get(page.file.src_uri)
        title = spec.title if spec else str(page.title or config.site_name)
        description = spec.description if spec else (page.meta.get("description") or config.site_description or "")
        return {
            "type": spec.og_type if spec else "website",
            "title": title,
            "description": str(description),
            "url": page.canonical_url or self.info.absolute(page.url),
            "image": self.info.absolute(card.path),
            "image_alt": f"{card.kicker}: {card.title}",
            "jsonld": _jsonld(spec.jsonld) if spec and spec.jsonld else None,
            "rss": self.info.absolute(urls.NEWS_RSS),
            "json_feed": self.info.absolute(urls.NEWS_JSON_FEED),
        }

    def on_page_context(self, context, *, page, config, nav):
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            context["sk"] = spec.data
        context["sk_meta"] = self._meta(page, config)
        return context

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.content_root))
        return server
