"""Vietnamese text helpers shared by the loader, the pages and the CLI."""

from __future__ import annotations

import re
import unicodedata

class _FoldTable(dict):
    """``str.translate`` table that works out each character's folded form the first time it is met.

    Folding character by character gives the same text as folding the whole string (canonical
    decomposition is per character; the marks it would reorder are all dropped), and a site's text uses
    a few hundred distinct characters, so after the first page folding is a single ``translate`` call.
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        # đ/Đ are letters of their own, not d with a mark: Unicode decomposition leaves them alone.
        if char in "đĐ":
            folded = "d" if char == "đ" else "D"
        else:
            folded = "".join(part for part in unicodedata.normalize("NFD", char) if not unicodedata.combining(part))
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """``text`` without Vietnamese diacritics: "Điện lực Thủ Đức" -> "Dien luc Thu Duc"."""
    return text if text.isascii() else text.translate(_FOLD)


def slugify(text: str, max_length: int = 60) -> str:
    """A URL slug from a Vietnamese title: "Tiết kiệm điện" -> "tiet-kiem-dien"."""
    words = re.findall(r"[a-z0-9]+", fold(text).lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug


# What GitHub's Markdown would read as markup in a table cell of a job summary: emphasis, links and images,
# raw HTML, the column separator, headings, and what it turns into links by itself (www.…, https://…, @name)
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]<>|#!.:@~])")


def markdown_cell(text: str) -> str:
    """``text`` as it reads, in one cell of a Markdown table: on one line, its markup escaped."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(text.split()))
