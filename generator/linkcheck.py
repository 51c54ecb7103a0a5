"""``sangkien links``: every internal link of a built site leads somewhere.

Each ``href``/``src``/``srcset`` of every HTML page that points inside the site (no scheme, no host)
must name a file of the site (a folder means its ``index.html``), and a ``#fragment`` must name an
``id`` (or ``<a name>``) on the target page. Links to other sites are not followed: the build has no
network, and their availability is not this site's doing.

A path from the host's root (``/...``) is read against where the site lives on its host: the path of the
address the home page gives as canonical (the build's ``site_url``). A site published under ``/repo/``, as
GitHub Pages publishes a project's, has its pages' ``/repo/...`` links checked as such (MkDocs writes the
404 page's that way), and a ``/...`` link outside ``/repo/`` is broken there, whatever the site folder holds.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_ATTRIBUTES = {"href", "src", "srcset", "poster", "data"}


@dataclass(frozen=True)
class Broken:
    page: str  # the page, relative to the site folder
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: liên kết '{self.url}' {self.reason}"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name == "srcset":
                self.links += [part.split()[0] for part in value.split(",") if part.strip()]
            elif name in _ATTRIBUTES and not (tag == "link" and name == "href" and _is_hint(attrs)):
                self.links.append(value)

    handle_startendtag = handle_starttag


def _is_hint(attrs) -> bool:
    """``<link rel="preconnect">`` and the like name hosts, not pages."""
    rel = dict(attrs).get("rel") or ""
    return bool({"preconnect", "dns-prefetch"} & set(rel.split()))


def _internal(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and not url.startswith(("//", "mailto:", "tel:"))


class _Canonical(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.url: str | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "link" and "canonical" in (values.get("rel") or "").split() and self.url is None:
            self.url = values.get("href")


def base_path(root: Path) -> str:
    """Where the site built in ``root`` lives on its host ("/repo/"): the path of its home page's canonical
    address; "/" when it names none."""
    parser = _Canonical()
    parser.feed((root / "index.html").read_text(encoding="utf-8", errors="replace"))
    parser.close()
    path = urlsplit(parser.url or "").path
    return path if path.startswith("/") and path.endswith("/") else "/"


class Site:
    def __init__(self, root: Path, base: str = "/"):
        self.root = root
        self.base = base  # where the site lives on its host (base_path)
        self.pages: dict[str, _Page] = {}

    def page(self, rel: str) -> _Page:
        if rel not in self.pages:
            parser = _Page()
            parser.feed((self.root / rel).read_text(encoding="utf-8", errors="replace"))
            parser.close()
            self.pages[rel] = parser
        return self.pages[rel]

    def target(self, page: str, path: str) -> str | None:
        """The file (relative to the site) that ``path`` on ``page`` names, or None."""
        if path.startswith("/"):
            if not (path + "/").startswith(self.base):
                return None  # outside the site, on its host
            folder, path = "", path[len(self.base):]
        else:
            folder = posixpath.dirname(page)
        rel = posixpath.normpath(posixpath.join(folder, unquote(path)))
        if rel.startswith("../") or rel == "..":
            return None
        rel = "" if rel == "." else rel
        candidate = self.root / rel
        if candidate.is_dir():
            rel = posixpath.join(rel, "index.html") if rel else "index.html"
            candidate = self.root / rel
        return rel if candidate.is_file() else None

    def check(self, page: str) -> list[Broken]:
        broken = []
        for url in self.page(page).links:
            if not _internal(url):
                continue
            parts = urlsplit(url)
            target = self.target(page, parts.path) if parts.path else page
            if target is None and parts.path.startswith("/") and not (parts.path + "/").startswith(self.base):
                broken.append(Broken(page, url, f"trỏ ra ngoài trang web, vốn nằm ở {self.base} trên máy chủ"))
            elif target is None:
                broken.append(Broken(page, url, "không dẫn tới tệp nào trong trang web"))
            elif parts.fragment and target.endswith(".html") and unquote(parts.fragment) not in self.page(target).ids:
                broken.append(Broken(page, url, f"trỏ tới mục '#{parts.fragment}' không có trong {target}"))
        return broken


def check_site(root: Path, base: str = "/") -> list[Broken]:
    site = Site(root, base)
    pages = sorted(path.relative_to(root).as_posix() for path in root.rglob("*.html"))
    return [broken for page in pages for broken in site.check(page)]
