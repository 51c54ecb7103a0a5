"""The markup check against the renderer itself: a text it finds nothing in loses nothing a reader sees when its
HTML is sanitised (generator/content/markup.py, generator/richtext.py)."""

from __future__ import annotations

import nh3
import pytest
from bs4 import BeautifulSoup, Comment
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import richtext
from generator.content import markup

# Pieces of Markdown, allowed and not. Left out: a '<' and a letter that no '>' closes before the next tag ("a<b
# <i>"), which Python-Markdown leaves as text and the HTML parser then reads as a tag with odd attributes.
PIECES = st.sampled_from([
    "Điện lực", "Thủ Đức", " ", "\n", "\n\n", "<b>", "</b>", "<u>", "</u>", "<Tên đơn vị>", "<mã-đơn-vị>", "<br/>",
    "<span style=x>", "</span>", "<div class=x>", "</div>", "<p onclick=z>", "<h1>", "</h1>", "<h2>", "</h2>",
    "<abbr title=t>", "</abbr>", "<td align=left>", "<table>", "</table>", "<iframe src=x></iframe>", "<img src=a>",
    "[x](https://evn.com.vn)", "[x](javascript:y)", "[x](tel:1)", "[y][r]", "\n\n[r]: tel:1\n", "![a](b.png)",
    "<https://evn.com.vn>", "<ftp://x.vn>", "<a href='mailto:x@y.vn'>m</a>", "<a href=\"javascript:x\">j</a>",
    "`<i>`", "\n```\n<iframe>\n```\n", "&lt;", "&amp;", "3 < 5", "<!-- ghi chú -->", "*nghiêng*", "**đậm**",
    "\n- mục\n", "\n> trích\n",
])
EVERY_TAG = markup.TAGS | {"h1", "iframe", "img", "tên", "mã-đơn-vị", "table"}
EVERY_ATTRIBUTE = {"href", "title", "class", "align", "style", "onclick", "src"}
EVERY_SCHEME = markup.URL_SCHEMES | {"javascript", "tel", "ftp"}


def _seen(html: str) -> tuple[str, list]:
    """What a reader gets: the visible text, and each element that shows something or carries attributes."""
    soup = BeautifulSoup(html, "lxml")
    for comment in soup.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()
    elements = sorted((node.name, sorted((key, str(value)) for key, value in node.attrs.items() if key != "rel"))
                      for node in soup.find_all(True) if node.name not in ("html", "body", "p")
                      and (node.get_text().strip() or set(node.attrs) - {"rel"} or node.name in ("br", "hr")))
    return " ".join(soup.get_text(" ").split()), elements


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=6).map(" ".join))
def test_a_text_the_check_passes_loses_nothing_to_the_sanitiser(text):
    if markup.find(text):
        return
    renderer = richtext.renderer_without(())
    renderer.reset()
    written = richtext._demote_headings(renderer.convert(text))
    # the same HTML parser on both sides, the one letting everything through
    everything = nh3.clean(written, tags=EVERY_TAG, clean_content_tags=set(), attributes={"*": EVERY_ATTRIBUTE},
                           url_schemes=EVERY_SCHEME, link_rel=None)
    assert _seen(everything) == _seen(str(richtext.to_html(text)))


# Lines of Markdown whose indentation matters: paragraphs, list items and their continuations, admonitions, raw
# HTML blocks, headings, tables, with 0, 2, 4 or 8 spaces or a tab before them (fences: the example tests).
LINES = st.tuples(st.sampled_from(["", "  ", "    ", "        ", "\t", " \t"]), st.sampled_from([
    "Đoạn văn.", "- mục", "1. mục", "!!! note", "<div>", "</div>", "# Tiêu đề", "> trích", "`mã` <b>đậm</b>",
    "| a | b |", "|---|---|", "x < y & z", ""])).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=8).map("\n".join))
def test_every_indented_code_block_is_found_where_it_starts(text):
    """The renderer's code blocks are exactly those the check points at, each at its first line with text."""
    found = [offset for offset, message in markup.find(text) if "khối mã" in message]
    shown = [block.get_text() for block in BeautifulSoup(str(richtext.to_html(text)), "lxml").select("pre")]
    assert len(found) == len(shown)
    for offset, code in zip(found, shown):
        first = next((line for line in code.split("\n") if line.strip()), "")
        assert text[offset:].split("\n")[0].strip() == first.strip()


@pytest.mark.parametrize("text", [
    "- mục\n\n    đoạn tiếp của mục",  # the list item's next paragraph
    "!!! note \"Lưu ý\"\n    thân của ghi chú",  # an admonition's body
    "```\n    mã trong hàng rào\n```",  # code on purpose
    "Dòng một\n    dòng hai của cùng đoạn",  # no blank line before: the same paragraph
])
def test_indentation_markdown_reads_otherwise_is_not_reported(text):
    assert markup.find(text) == []
    assert "<pre>" not in str(richtext.to_html(text)) or text.startswith("```")


@pytest.mark.parametrize("text, offset", [
    ("Mở đầu.\n\n    mã\tcó tab ở giữa", 13),  # tabs expanded by Markdown before it parses
    ("Mở đầu.\n\n\tx &amp; <b>", 10),  # what the code block escapes
    ("Mở đầu.\n\n    x\x02y", 13),  # a control character Markdown drops
    ("Mở đầu.\n\n    \n\n    sau dòng trống", 19),
])
def test_a_code_block_is_reported_at_its_first_line_with_text(text, offset):
    assert [found for found, message in markup.find(text) if "khối mã" in message] == [offset]
