"""Markdown that would not reach the page as written: raw HTML the sanitiser removes, links it cuts, inline images.

Descriptions, news and the hand-written pages are Markdown, turned into HTML and then cleaned against the
allowlist below (generator/richtext.py; a hand-written page's by the plugin, with PAGE_TAGS): a tag or an
attribute outside it, or a link to anything but http(s) or mailto, is removed from the page, and so is an image
written into the text. The staff member who wrote it would find a page silently different from what they wrote,
so the check reports each such thing where it stands instead.

The allowlist lives here, in the content package, because the record cache keys every file's problems by this
package's source (content/cache.py): changing the list checks every file again.
"""

from __future__ import annotations

import re
from functools import lru_cache

import markdown

from ..formatting import number

TAGS = frozenset({
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "sub", "sup",
    "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "a", "code", "pre", "table", "thead", "tbody",
    "tr", "th", "td", "div", "span", "abbr",
})
ATTRIBUTES = {
    "a": frozenset({"href", "title"}),
    "abbr": frozenset({"title"}),
    "div": frozenset({"class"}),  # admonitions: <div class="admonition note">
    "p": frozenset({"class"}),  # admonition titles
    "th": frozenset({"align"}),
    "td": frozenset({"align"}),
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# How content's Markdown is read: the renderer's (generator/richtext.py) and the check's block parser (below)
EXTENSIONS = ("tables", "sane_lists", "admonition", "fenced_code")
EXTENSION_CONFIGS = {"tables": {"use_align_attribute": True}}  # a column's alignment as align=, which is kept
# A hand-written page (pages/*.md) is rendered by MkDocs, whose Markdown also writes the page's title (its one h1)
# and, for the table of contents, an id on each heading and a permalink after it (<a class="headerlink">).
PAGE_TAGS = TAGS | {"h1"}
PAGE_ATTRIBUTES = {**ATTRIBUTES, "a": ATTRIBUTES["a"] | {"class"},
                   **{f"h{level}": frozenset({"id"}) for level in range(1, 7)}}

# Code is shown as written, tags and all: fenced blocks and code spans are blanked out before looking (the same
# length, so offsets stay those of the text).
_CODE = re.compile(r"^[ ]{0,3}(```|~~~).*?^[ ]{0,3}\1|`[^`\n]+`", re.S | re.M)
# A tag as Python-Markdown takes one for raw HTML (markdown.inlinepatterns.HTML_RE): its name is an ASCII letter
# and anything but spaces, quotes, '<', '>' and '@', so "<Tên đơn vị>" is a tag named "tên" to it, which the
# sanitiser drops, words and all. An address in angle brackets is a link instead (AUTOLINK_RE, tried first).
_ATTRIBUTE = r"""\s+([^\s"'=<>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>]+))?"""
_TAG = re.compile(rf"""<(/?)([a-zA-Z][^\s"'<>@]*)((?:{_ATTRIBUTE})*)\s*/?>""")
_ATTRIBUTES = re.compile(_ATTRIBUTE)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*)://[^<>]*>")
_SCHEME = re.compile(r"\s*<?\s*([A-Za-z][A-Za-z0-9+.-]*):")
# an inline image, a link's destination, a reference definition's
_IMAGE = re.compile(r"!\[[^\]\n]*\][(\[]")
_DESTINATION = re.compile(r"\]\(|^[ ]{0,3}\[[^\]\n]+\]:", re.M)

_NOT_SHOWN = "sẽ bị bỏ khỏi trang"

# A line indented by four spaces or a tab may start an indented code block: shown as a grey box of fixed-width
# text, its Markdown left as written, which an author who only indented a paragraph (or pasted one with its tabs)
# does not expect. After a list item it is the item's next paragraph instead, inside an admonition its body:
# Python-Markdown's block parser, with the extensions of the content's renderer (generator/richtext.py), decides,
# on the few texts with such a line.
_INDENTED = re.compile(r"^(?:[ ]{0,3}\t|[ ]{4})", re.M)
_CODE_ESCAPES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))  # markdown.util.code_escape, undone
_INDENTED_MESSAGE = ("Đoạn này thụt đầu dòng từ 4 dấu cách (hoặc một dấu tab) nên sẽ hiện thành khối mã: chữ đều, "
                     "không định dạng; hãy bỏ khoảng trắng ở đầu dòng (muốn hiện mã, đặt giữa hai dòng ```)")


# Python-Markdown takes time growing with the square of the '[' a paragraph leaves open: 4,000 took 1.5 s, 50,000
# (a pasted mistake, or a hostile file) hours. A paragraph with real links has far fewer.
MOST_BRACKETS = 300
_PARAGRAPHS = re.compile(r"(?:[^\n]|\n(?![ \t]*\n))+")


def _bracket_heavy(text: str) -> list[tuple[int, str]]:
    if text.count("[") <= MOST_BRACKETS:
        return []
    return [(match.start(), f"Đoạn này có {number(count)} dấu '[' (tối đa {MOST_BRACKETS} trong một đoạn); hãy tách "
                            "đoạn hoặc bỏ bớt dấu '['")
            for match in _PARAGRAPHS.finditer(text) if (count := match.group().count("[")) > MOST_BRACKETS]


def find(text: str, page: bool = False) -> list[tuple[int, str]]:
    """``(offset, message)`` of every thing in the Markdown ``text`` that the page would not show as written (a
    tag, an attribute of a tag, a link's scheme, an image), in order; ``page``: a hand-written page's text, whose
    allowlist is PAGE_TAGS and PAGE_ATTRIBUTES."""
    # an <h1> is kept either way: a page's own title, or in content shown as h2 (richtext._demote_headings)
    tags, attributes = PAGE_TAGS, PAGE_ATTRIBUTES if page else ATTRIBUTES
    # a hand-written page may show code: its Markdown (MkDocs') has no fenced blocks to write it otherwise
    found = [] if page or not _INDENTED.search(text) or not text.strip() else _indented_code(text)
    found += _bracket_heavy(text)
    if "<" not in text and "](" not in text and "]:" not in text:
        return sorted(found)
    text = _CODE.sub(lambda match: " " * len(match.group()), text)
    images = set()  # where their destinations start: an image is left out whatever it links to
    for match in _IMAGE.finditer(text):
        images.add(match.end())
        found.append((match.start(), "Ảnh chèn vào văn bản (![...](...)) không hiện trên trang; ảnh của sáng kiến "
                                     "ghi ở trường photos, ảnh của tin ở trường image"))
    for match in _DESTINATION.finditer(text):
        scheme = _SCHEME.match(text, match.end())
        if scheme and match.end() not in images:
            _check_scheme(scheme.group(1), scheme.start(1), found)
    for match in _AUTOLINK.finditer(text):
        _check_scheme(match.group(1), match.start(1), found)
    text = _AUTOLINK.sub(lambda match: " " * len(match.group()), text)
    for match in _TAG.finditer(text):
        _check_tag(match, tags, attributes, found)
    return sorted(found)


def _check_scheme(scheme: str, offset: int, found: list) -> None:
    if scheme.lower() not in URL_SCHEMES:
        found.append((offset, f"Liên kết '{scheme}:' không được dùng và {_NOT_SHOWN}; chỉ dùng liên kết bắt đầu bằng "
                              "https:// hoặc http://"))


def _check_tag(match: re.Match, tags: frozenset, attributes: dict, found: list) -> None:
    # the name as HTML reads it, which ends at a '/' ("<br/>" is a br)
    closing, name, rest = match.group(1), match.group(2).split("/")[0].lower(), match.group(3)
    if closing:
        return  # its opening tag says it
    if name not in tags:
        found.append((match.start(), f"Thẻ HTML <{name}> không được dùng và {_NOT_SHOWN}; hãy viết bằng Markdown "
                                     "(muốn hiện dấu <, viết &lt;)"))
        return
    allowed = attributes.get(name, frozenset())
    for attribute in _ATTRIBUTES.finditer(rest):
        key, offset = attribute.group(1).lower(), match.start(3) + attribute.start(1)
        if key not in allowed:
            found.append((offset, f"Thuộc tính '{key}' của thẻ <{name}> không được dùng và {_NOT_SHOWN}"))
        elif key == "href" and attribute.group(2):
            scheme = _SCHEME.match(attribute.group(2).strip("\"'"))
            if scheme:
                _check_scheme(scheme.group(1), offset, found)


@lru_cache(maxsize=None)
def _block_parser() -> markdown.Markdown:
    return markdown.Markdown(extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIGS)


def _indented_code(text: str) -> list[tuple[int, str]]:
    """Where each indented code block of ``text`` starts (its first line's text), with what to do about it."""
    parser = _block_parser()
    parser.reset()
    lines = text.split("\n")
    parsed = lines
    for step in parser.preprocessors:  # tabs expanded, fenced and raw HTML blocks set aside, as Markdown does
        parsed = step.run(parsed)
    blocks = parser.parser.parseDocument(parsed).getroot().iter("pre")
    found, line = [], 0
    for block in blocks:
        # its first line with text (a block of spaces alone, at the very start, is an empty box at its first line)
        first = next((code for code in (block[0].text or "").split("\n") if code.strip()), "")
        for old, new in _CODE_ESCAPES:
            first = first.replace(old, new)
        # tabs were expanded before parsing, as Python-Markdown does (its tab length, 4)
        after = range(line, len(lines))
        line = next((index for index in after if lines[index].expandtabs(4).strip() == first.strip()), None)
        if line is None:  # a line the parser changed (it drops some control characters): the next indented one
            line = next((index for index in after if _INDENTED.match(lines[index])), after.start)
        offset = sum(len(part) + 1 for part in lines[:line]) + len(lines[line]) - len(lines[line].lstrip())
        found.append((offset, _INDENTED_MESSAGE))
        line += 1
    return found
