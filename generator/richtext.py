"""Markdown from content (descriptions, news) to safe HTML.

Content arrives by pull request: Python-Markdown passes raw ``<script>`` and ``onerror=`` through and
turns ``[x](javascript:...)`` into a live link, so every rendering is sanitised with nh3 against an allowlist.
The content check reports what the allowlist would remove, where it was written (generator/content/markup.py).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

import markdown
import nh3
from markupsafe import Markup

from . import plain_markdown
# the allowlist, and how Markdown is read, shared with the content check (what the allowlist removes is reported)
from .content.markup import (ATTRIBUTES, EXTENSION_CONFIGS, EXTENSIONS, PAGE_ATTRIBUTES, PAGE_TAGS, TAGS,
                             URL_SCHEMES)

# Python-Markdown tries each of its inline patterns on every run of text. Each pattern below can only match
# where one of its strings is in the text: tabs count for the line break, since they are expanded to spaces
# first. A text without any of a pattern's strings gets the same HTML from a renderer without that pattern,
# and the conversion of a typical description (bold words and a list, nothing else) takes 40% less time.
# tests/test_richtext.py checks the names against Python-Markdown's and the HTML against the full renderer's.
INLINE_NEEDS = {
    "backtick": ("`",),
    "escape": ("\\",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("[",),
    "image_reference": ("[",),
    "short_reference": ("[",),
    "short_image_ref": ("[",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n", "  \r", "\t", "<"),  # "<": a raw HTML block set apart leaves a line ending in two spaces
    "html": ("<",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
}


@lru_cache(maxsize=None)  # one renderer for each set of patterns left out: at most 2**7, a few in practice
def renderer_without(names: tuple[str, ...]) -> markdown.Markdown:
    renderer = markdown.Markdown(extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIGS, output_format="html")
    for name in names:
        renderer.inlinePatterns.deregister(name)
    return renderer


def _renderer_for(text: str) -> markdown.Markdown:
    return renderer_without(tuple(name for name, needs in INLINE_NEEDS.items()
                                  if not any(need in text for need in needs)))


_H1 = re.compile(r"<(/?)h1(?=[\s/>])", re.IGNORECASE)


def _demote_headings(html: str) -> str:
    """The page title is the only h1: a '# ' heading in content, or an <h1> written in it, becomes h2."""
    return _H1.sub(r"<\1h2", html)


def _from_root(here: str | None) -> Callable[[str], str] | None:
    """A link from the site's root ('/don-vi/') made relative to the page at ``here`` ('sang-kien/a/b/'; '' for the
    home page): it then holds wherever the site is published, GitHub Pages serving a project's under /<repo>/.
    None (links left as written) without a page."""
    if here is None:
        return None
    up = "../" * here.count("/")

    def rewrite(url: str) -> str:
        if url.startswith("/") and not url.startswith("//"):
            return up + url[1:] or "./"
        return url
    return rewrite


def to_html(text: str, here: str | None = None) -> Markup:
    """The Markdown ``text`` as safe HTML for the page at ``here`` (see _from_root)."""
    html = plain_markdown.html(text)  # most descriptions; the same HTML in a fraction of the time
    if html is None:
        renderer = _renderer_for(text)
        renderer.reset()
        html = renderer.convert(text)
    html = _demote_headings(html)
    clean = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel="noopener noreferrer",
                      url_relative=_from_root(here))
    return Markup(clean)


def clean_page(html: str, here: str | None = None) -> str:
    """A hand-written page's HTML, as MkDocs' Markdown made it, cleaned as content is (pages/*.md come by pull
    request too), with what MkDocs itself adds to such a page allowed (content/markup.py, PAGE_TAGS); its links
    from the site's root made relative to its address ``here``."""
    return nh3.clean(html, tags=PAGE_TAGS, attributes=PAGE_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer", url_relative=_from_root(here))


class Deferred:
    """Markdown rendered when a template prints it (``__html__``), not when the page is defined.

    Initiative pages are written by parallel workers (generator/lean.py), so deferring the conversion to
    print time spreads it over the cores instead of doing all of it before rendering starts.
    """

    __slots__ = ("text", "here")

    def __init__(self, text: str, here: str | None = None):
        self.text, self.here = text, here  # ``here``: the address of the page it is shown on (to_html)

    def __bool__(self) -> bool:
        return bool(self.text.strip())

    # the same text on the same page is the same HTML: an edited site's pages are compared with the previous ones
    # (plugin update)
    def __eq__(self, other: object) -> bool:
        return isinstance(other, Deferred) and (other.text, other.here) == (self.text, self.here)

    def __hash__(self) -> int:
        return hash((self.text, self.here))

    def __html__(self) -> str:
        return str(to_html(self.text, self.here))

    def __str__(self) -> str:
        return self.__html__()
