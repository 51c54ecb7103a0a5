"""The Markdown most descriptions are written in, turned into HTML without Python-Markdown's passes.

Staff write an initiative's description as paragraphs, ``## `` headings, ``- `` lists and a few ``**bold**`` words.
For such a text :func:`html` gives exactly what Python-Markdown gives with the extensions content is read with
(generator/content/markup.py), and None for anything else, which Python-Markdown then renders
(generator/richtext.py). Every initiative page of a cold build renders its description: for the 8,819
descriptions and 200 news of a synthetic tree of 10,000, all in the subset, richtext.to_html took 0.35-0.36 s in
one process this way against 1.34 s through Python-Markdown, and cold builds of 10,000 a median of 10.29 against
11.26 s (benchmarks/RESULTS.md, "Descriptions in plain Markdown").

The subset is narrow on purpose: any character with a meaning in Markdown's inline syntax, any line that could
start another kind of block (a quote, an ordered list, a table, a code block, an underlined heading, ...), a list
after a blank line after a list (Python-Markdown then makes one list of paragraphs), whitespace at either end of a
line: the text is left to Python-Markdown. tests/test_plain_markdown.py compares both on generated texts, on the
shipped content and on a synthetic tree.
"""

from __future__ import annotations

import re

# Inline syntax (code, escapes, links and images, raw HTML, entities, emphasis, line breaks) needs one of these,
# and so do the blocks this subset leaves out (quotes, tables, fences, admonitions); any whitespace but the space
# and any control character too (Python-Markdown marks its placeholders with control characters)
_SPECIAL = re.compile(r"[\\`_\[\]!<>&|~{}]|[^\S ]|[\x00-\x1f\x7f]")  # '*' only in **bold**
_BOLD = re.compile(r"\*\*([^*\s](?:[^*\n]*[^*\s])?)\*\*")
_HEADING = re.compile(r"(#{1,6}) ([^#\s][^#]*[^#\s]|[^#\s])")
_ITEM = "- "
# the start of a line that may not be a plain paragraph line: any list, heading, quote, rule, table, underline or
# indented block (a line may start with a bold word)
_OTHER_BLOCK = re.compile(r"(?!\*\*)[-+*=#>|:]|\d+[.)](?: |$)| ")


def _inline(text: str) -> str | None:
    """``text`` with its ``**bold**`` words as <strong>, or None when it holds other inline syntax."""
    if _SPECIAL.search(text):
        return None
    if "*" not in text:
        return text
    if "*" in _BOLD.sub("", text):
        return None  # emphasis of another kind, or asterisks as they are
    return _BOLD.sub(r"<strong>\1</strong>", text)


def _blocks(text: str) -> list[list[str]] | None:
    """The lines of ``text`` in blocks (runs of lines between empty ones); None when a line ends with whitespace."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if not line:
            if current:
                blocks.append(current)
                current = []
        elif line[-1].isspace():
            return None
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def _heading(lines: list[str]) -> str | None:
    found = _HEADING.fullmatch(lines[0]) if len(lines) == 1 else None
    if found is None:
        return None
    inner = _inline(found.group(2))
    level = len(found.group(1))
    return None if inner is None else f"<h{level}>{inner}</h{level}>"


def _list(lines: list[str]) -> str | None:
    items = []
    for line in lines:
        content = line[len(_ITEM):]
        if not content or _OTHER_BLOCK.match(content):
            return None  # an item that starts a block of its own inside the item
        inner = _inline(content)
        if inner is None:
            return None
        items.append(f"<li>{inner}</li>\n")
    return "<ul>\n" + "".join(items) + "</ul>"


def _paragraph(lines: list[str]) -> str | None:
    parts = []
    for line in lines:
        if _OTHER_BLOCK.match(line):
            return None
        inner = _inline(line)
        if inner is None:
            return None
        parts.append(inner)
    return "<p>" + "\n".join(parts) + "</p>"


def html(text: str) -> str | None:
    """What Python-Markdown makes of ``text`` when it is written in the subset above; None when it is not."""
    blocks = _blocks(text)
    if blocks is None:
        return None
    out: list[str] = []
    after_list = False
    for lines in blocks:
        first = lines[0]
        if first.startswith("#"):
            made, is_list = _heading(lines), False
        elif first.startswith(_ITEM) and all(line.startswith(_ITEM) for line in lines):
            if after_list:
                return None  # Python-Markdown joins the two lists into one of paragraphs
            made, is_list = _list(lines), True
        else:
            made, is_list = _paragraph(lines), False
        if made is None:
            return None
        out.append(made)
        after_list = is_list
    return "\n".join(out)
