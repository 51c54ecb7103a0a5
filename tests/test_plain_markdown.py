"""Descriptions in plain Markdown (generator/plain_markdown.py): HTML made without Python-Markdown is exactly what
Python-Markdown makes, with the extensions content is read with, and any other text is left to it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import markdown
import nh3
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from generator import content, plain_markdown, richtext
from generator.content.markup import ATTRIBUTES, EXTENSION_CONFIGS, EXTENSIONS, TAGS, URL_SCHEMES
from generator.synth import write_tree


def python_markdown(text: str) -> str:
    return markdown.Markdown(extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIGS,
                             output_format="html").convert(text)


def test_a_description_as_staff_write_it():
    text = ("## Hiện trạng\n\nGhi chỉ số **thủ công** mất 3 ngày/tháng (ước tính: 20%).\nNhiều sai sót.\n\n"
            "Cách làm:\n\n- Lắp công tơ đo xa.\n- **Bước 2**: đối soát \"tự động\".\n")
    assert plain_markdown.html(text) == (
        "<h2>Hiện trạng</h2>\n<p>Ghi chỉ số <strong>thủ công</strong> mất 3 ngày/tháng (ước tính: 20%).\nNhiều sai "
        "sót.</p>\n<p>Cách làm:</p>\n<ul>\n<li>Lắp công tơ đo xa.</li>\n<li><strong>Bước 2</strong>: đối soát "
        "\"tự động\".</li>\n</ul>")
    assert plain_markdown.html(text) == python_markdown(text)


@pytest.mark.parametrize("text", [
    "Xem [quy trình](https://evn.com.vn/)",  # a link
    "Trạm 110 kV & 220 kV",  # an entity's character
    "a > b",  # escaped by Python-Markdown
    "dòng một  \ndòng hai",  # a line break
    "dòng một\tmột",
    "_nghiêng_ và ***cả hai***",
    "2020. Năm đầu tiên",  # an ordered list
    "Đoạn\n---",  # an underlined heading
    "---",  # a rule
    "- một\n\n- hai",  # one list of paragraphs
    "- một\nhai",  # a lazy line of the item
    "> trích",
    "    mã",
    "| A | B |\n|---|---|",
    "## Tiêu đề ##",
    "####### bảy",
    "- 1. x",  # a list inside the item
    "** không đậm**",
])
def test_anything_else_is_left_to_python_markdown(text):
    assert plain_markdown.html(text) is None


PIECES = st.sampled_from([
    "a", "Đ", "ế", "7", " ", "  ", "\n", "\n\n", "\n\n\n", "\t", "\xa0", "\r", ".", ",", ":", "%", "(", ")", "/",
    "'", '"', "-", "--", "- ", "+ ", "* ", "*", "**", "_", "#", "## ", "###### ", "####### ", "1. ", "2020. ", "3) ",
    "=", "===", "---", "> ", "|", "`", "\\", "[", "]", "!", "<", ">", "&", "~", "{", "}", "\x02", "\u2028",
])


@settings(max_examples=600, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_any_text_gets_python_markdowns_html_or_none(text):
    made = plain_markdown.html(text)
    assert made is None or made == python_markdown(text)


WORDS = st.sampled_from(["Giảm", "tổn thất", "20%", "điện", "(ước tính)", "3/4", "kWh:", "năm 2022.", "\"đo xa\"",
                         "**đậm**", "**Bước 1**:", "a**b**c", "x-y", "số #2", "1.5", "?"])
LINE = st.lists(WORDS, min_size=1, max_size=6).map(" ".join)
BLOCK = st.one_of(
    st.lists(LINE, min_size=1, max_size=3).map("\n".join),  # a paragraph
    # a heading ('#' inside one is left to Python-Markdown: it may close the heading)
    st.tuples(st.sampled_from(["# ", "## ", "### "]), LINE.filter(lambda line: "#" not in line)).map("".join),
    st.lists(LINE.map("- {}".format), min_size=1, max_size=4).map("\n".join),  # a list
)


@settings(max_examples=300, deadline=None)
@given(st.lists(BLOCK, max_size=6), st.sampled_from(["\n\n", "\n\n\n"]), st.sampled_from(["", "\n"]))
def test_texts_in_the_subset_get_python_markdowns_html(blocks, between, end):
    text = between.join(blocks) + end
    made = plain_markdown.html(text)
    lists_in_a_row = any(a.startswith("- ") and b.startswith("- ") for a, b in zip(blocks, blocks[1:]))
    assert made is not None or lists_in_a_row  # two lists in a row are one list of paragraphs: left to it
    assert made is None or made == python_markdown(text)


def _descriptions(root: Path) -> list[str]:
    loaded = content.load(root)
    assert loaded.problems == []
    return [item.description for item in loaded.site.published(dt.date(2030, 1, 1)).initiatives if item.description]


@pytest.mark.parametrize("where", ["shipped", "synthetic"])
def test_every_description_of_the_shipped_and_a_synthetic_tree_is_made_here_the_same(where, tmp_path):
    if where == "shipped":
        root = ROOT / "content"
    else:
        root = tmp_path / "content"
        write_tree(root, initiatives=300, news=5, seed=11)
    texts = _descriptions(root)
    assert len(texts) >= 50
    for text in texts:
        assert plain_markdown.html(text) == python_markdown(text)


def test_a_page_gets_the_same_safe_html_either_way():
    """Headings demoted (the page's title is its only h1) and the HTML cleaned, as for any other text."""
    text = "# Kết quả\n\nGiảm **30%** thời gian.\n\n- Bước một\n- Bước hai\n"
    assert plain_markdown.html(text) is not None
    cleaned = nh3.clean(richtext._demote_headings(python_markdown(text)), tags=TAGS, attributes=ATTRIBUTES,
                        url_schemes=URL_SCHEMES, link_rel="noopener noreferrer",
                        url_relative=richtext._from_root("sang-kien/a/b/"))
    assert str(richtext.to_html(text, "sang-kien/a/b/")) == cleaned
    assert cleaned.startswith("<h2>Kết quả</h2>")
