"""Markdown of descriptions and news: a renderer without the inline patterns a text cannot match gives the HTML the
full renderer gives (generator/richtext.py, INLINE_NEEDS)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import content, richtext
from generator.synth import write_tree

FULL = ()  # no pattern left out


def _convert(names: tuple[str, ...], text: str) -> str:
    renderer = richtext.renderer_without(names)
    renderer.reset()
    return renderer.convert(text)


def _pruned(text: str) -> str:
    renderer = richtext._renderer_for(text)
    renderer.reset()
    return renderer.convert(text)


def test_the_patterns_left_out_are_exactly_python_markdowns_inline_patterns():
    assert sorted(richtext.INLINE_NEEDS) == sorted(richtext.renderer_without(FULL).inlinePatterns._data)


def test_a_text_of_bold_words_and_a_list_keeps_only_the_emphasis_pattern():
    renderer = richtext._renderer_for("Giảm **30%** thời gian.\n\n- Bước một\n- Bước hai\n")
    assert list(renderer.inlinePatterns._data) == ["em_strong"]
    assert richtext._renderer_for("Giảm **30%**") is renderer  # made once


@pytest.mark.parametrize("text", [
    "Xem [quy trình](https://evn.com.vn/) và ![ảnh](a.png)",
    "[tham chiếu][1]\n\n[1]: https://evn.com.vn/",
    "Lệnh `git status` và \\*không nghiêng\\*",
    "Trạm <b>110 kV</b> &amp; <https://evn.com.vn> <a@b.vn>",
    "dòng một  \ndòng hai",
    "dòng một\t\ndòng hai",
    "dòng một  \r\ndòng hai",
    "_nghiêng_ và __đậm__ và ***cả hai***",
    "!!! note \"Lưu ý\"\n    Nội dung **đậm**\n\n| A | B |\n|---|---|\n| `x` | [y](z) |",
    "```\n<b>mã</b> & [x](y)\n```\n",
    "<!-- ghi chú --> **đậm** &amp; <h2>",  # the block set apart leaves a line ending in two spaces: a line break
])
def test_texts_that_need_the_patterns_get_the_full_renderers_html(text):
    assert _pruned(text) == _convert(FULL, text)
    assert richtext._renderer_for(text) is not richtext.renderer_without(tuple(richtext.INLINE_NEEDS))


MARKDOWN_PIECES = st.sampled_from([
    "a", "ế", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\r", "*", "**", "_", "`", "\\", "[", "]", "(", ")", "!",
    "<", ">", "&", ";", "#", "- ", "1. ", "> ", "|", ":", "/", "@", "http://x.vn", "amp", "b>", "    ", "---",
    "!!! note", "```", "<!-- c -->", "<h2>", "<div>",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(MARKDOWN_PIECES, max_size=40).map("".join))
def test_any_text_gets_the_full_renderers_html(text):
    assert _pruned(text) == _convert(FULL, text)


def test_synthetic_descriptions_and_news_get_the_full_renderers_html(tmp_path):
    write_tree(tmp_path / "content", initiatives=300, news=20, seed=7)
    site = content.load(tmp_path / "content").site.published(dt.date(2030, 1, 1))
    texts = [item.description for item in site.initiatives] + [post.body for post in site.news]
    assert len(texts) > 300
    for text in texts:
        assert _pruned(text) == _convert(FULL, text)


def test_a_tables_column_alignment_survives_the_sanitiser():
    """Written as align=, which the allowlist keeps (Python-Markdown's default, a style attribute, is removed)."""
    html = str(richtext.to_html("| a | b |\n|:--|--:|\n| 1 | 2 |"))
    assert '<th align="left">a</th>' in html and '<td align="right">2</td>' in html


def test_an_h1_written_in_content_is_shown_as_h2():
    """The page's title is its only h1, whatever case or attributes a written <h1> has (the check lets it through)."""
    html = str(richtext.to_html("<H1 class=x>Tựa</H1>\n\n# Tựa hai"))
    assert "<h1" not in html.lower() and html.count("<h2>") == 2


def test_a_link_from_the_sites_root_is_made_relative_to_the_page():
    """So that it holds wherever the site is published (GitHub Pages serves a project's site under /<repo>/)."""
    html = str(richtext.to_html("[a](/don-vi/) [b](/) [c](/tin-tuc/?q=1#x) [d](//h.vn/x) [e](../x) [f](#m)",
                                "sang-kien/alpha/flycam/"))
    assert re.findall(r'href="([^"]*)"', html) == [
        "../../../don-vi/", "../../../", "../../../tin-tuc/?q=1#x", "//h.vn/x", "../x", "#m"]
    assert re.findall(r'href="([^"]*)"', str(richtext.to_html("[a](/don-vi/) [b](/)", ""))) == ["don-vi/", "./"]
    assert 'href="/don-vi/"' in str(richtext.to_html("[a](/don-vi/)"))  # no page: as written
