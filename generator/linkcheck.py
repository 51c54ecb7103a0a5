"""``sangkien links``: every internal link of a built site leads somewhere.

Each ``href``/``src``/``srcset`` of every HTML page that points inside the site (no scheme, no host)
must name a file of the site (a folder means its ``index.html``), and a ``#fragment`` must name an
``id`` (or ``<a name>``) on the target page. Links to other sites are not followed: the build has no
network, and their availability is not this site's doing.

A path from the host's root (``/...``) is read against where the site lives on its host: the path of the
address the home page gives as canonical (the build's ``site_url``). A site published under ``/repo/``, as
GitHub Pages publishes a project's, has its pages' ``/repo/...`` links checked as such (MkDocs writes the
404 page's that way), and a ``/...`` link outside ``/repo/`` is broken there, whatever the site folder holds.

The pages are read by worker processes, one a core, and none is held once read: a link into another page's
``#fragment`` is checked at the end, against the ids of the pages such links name.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.etree

from . import parallel
from .content.problems import printable

_ATTRIBUTES = {"href", "src", "srcset", "poster", "data"}
# libxml2's HTML parser: 0.55 ms for one of the site's pages, against 1.9 ms with the standard library's, which
# made checking a site of 10,000 initiatives take longer than building it (benchmarks/RESULTS.md, "Checking links")
_PARSER = lxml.etree.HTMLParser(encoding="utf-8", recover=True, no_network=True, remove_comments=True,
                                remove_pis=True)
# libxml2 drops what comes after these, where a browser reads it into the body: they are taken out first
_DOCUMENT_END = re.compile(rb"</(?:body|html)\s*>", re.IGNORECASE)


@dataclass(frozen=True)
class Broken:
    page: str  # the page, relative to the site folder
    url: str
    reason: str

    def __str__(self) -> str:  # a fragment unquoted from %0A is a line break: printed as an escape
        return printable(f"{self.page}: liên kết '{self.url}' {self.reason}")


@dataclass(frozen=True)
class _Anchored:
    """A link to a ``#fragment`` of another page, checked once every page was read (:func:`check_site`)."""

    page: str
    url: str
    target: str
    fragment: str


class _Page:
    """A page's links (in the order they appear) and the names its fragments can take (ids, ``<a name>``)."""

    def __init__(self, data: bytes) -> None:
        self.links: list[str] = []
        self.ids: set[str] = set()
        root = _tree(data)
        for element in root.iter() if root is not None else ():
            if isinstance(element.tag, str):  # not an entity
                self._element(element.tag, element.attrib)

    def _element(self, tag: str, attrs) -> None:
        for name, value in attrs.items():
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name == "srcset":
                self.links += [part.split()[0] for part in value.split(",") if part.strip()]
            elif name in _ATTRIBUTES and not (tag == "link" and name == "href" and _is_hint(attrs)):
                self.links.append(value)


def _tree(data: bytes):
    """The page's elements; None for a page without any."""
    # as text first, so that bytes which are not UTF-8 are replaced as when a browser shows the page
    text = _DOCUMENT_END.sub(b"", data.decode("utf-8", errors="replace").encode("utf-8"))
    try:
        return lxml.etree.fromstring(text, _PARSER)
    except lxml.etree.XMLSyntaxError:  # nothing but white space or comments
        return None


def _is_hint(attrs) -> bool:
    """``<link rel="preconnect">`` and the like name hosts, not pages."""
    rel = attrs.get("rel") or ""
    return bool({"preconnect", "dns-prefetch"} & set(rel.split()))


def _internal(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and not url.startswith(("//", "mailto:", "tel:"))


def base_path(root: Path) -> str:
    """Where the site built in ``root`` lives on its host ("/repo/"): the path of its home page's canonical
    address; "/" when it names none."""
    home = _tree((root / "index.html").read_bytes())
    links = home.iter("link") if home is not None else ()
    canonical = next((link.get("href") or "" for link in links if "canonical" in (link.get("rel") or "").split()), "")
    path = urlsplit(canonical).path
    return path if path.startswith("/") and path.endswith("/") else "/"


class Site:
    def __init__(self, root: Path, base: str = "/"):
        self.root = root
        self.base = base  # where the site lives on its host (base_path)
        self.files: dict[str, str | None] = {}  # what target() found for each path of the site folder

    def page(self, rel: str) -> _Page:
        return _Page((self.root / rel).read_bytes())

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
        if rel not in self.files:  # the pages of a site share most of their links (the theme's, the menu's)
            self.files[rel] = self._file(rel)
        return self.files[rel]

    def _file(self, rel: str) -> str | None:
        rel = "" if rel == "." else rel
        candidate = self.root / rel
        if candidate.is_dir():
            rel = posixpath.join(rel, "index.html") if rel else "index.html"
            candidate = self.root / rel
        return rel if candidate.is_file() else None

    def check(self, page: str) -> list[Broken | _Anchored]:
        """The broken links of ``page``, in their order; a link to a fragment of another page is left to the
        caller, as an :class:`_Anchored`, so that no page needs to be held once it has been read."""
        found: list[Broken | _Anchored] = []
        read = self.page(page)
        for url in read.links:
            if not _internal(url):
                continue
            parts = urlsplit(url)
            target = self.target(page, parts.path) if parts.path else page
            if target is None and parts.path.startswith("/") and not (parts.path + "/").startswith(self.base):
                found.append(Broken(page, url, f"trỏ ra ngoài trang web, vốn nằm ở {self.base} trên máy chủ"))
            elif target is None:
                found.append(Broken(page, url, "không dẫn tới tệp nào trong trang web"))
            elif parts.fragment and target.endswith(".html"):
                fragment = unquote(parts.fragment)
                if target != page:
                    found.append(_Anchored(page, url, target, fragment))
                elif fragment not in read.ids:
                    found.append(_missing(page, url, target, fragment))
        return found


def _missing(page: str, url: str, target: str, fragment: str) -> Broken:
    return Broken(page, url, f"trỏ tới mục '#{fragment}' không có trong {target}")


def check_site(root: Path, base: str = "/") -> list[Broken]:
    """Every broken link of the site in ``root``, page by page (pages in the order of their paths), each page's
    in the order of its links."""
    site = Site(root, base)
    pages = sorted(path.relative_to(root).as_posix() for path in root.rglob("*.html"))
    ids: dict[str, set[str]] = {}  # of the pages other pages link into
    broken = []
    for found in parallel.Batch(pages, site.check, least=100).each():
        for item in found:
            if isinstance(item, _Anchored):
                if item.target not in ids:
                    ids[item.target] = site.page(item.target).ids
                if item.fragment in ids[item.target]:
                    continue
                item = _missing(item.page, item.url, item.target, item.fragment)
            broken.append(item)
    return broken
