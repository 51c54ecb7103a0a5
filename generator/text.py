"""Vietnamese text helpers shared by the loader, the pages and the CLI."""

from __future__ import annotations

import re
import unicodedata

# đ/Đ are letters of their own, not d with a mark: Unicode decomposition leaves them alone.
_LETTERS_WITHOUT_DECOMPOSITION = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """``text`` without Vietnamese diacritics: "Điện lực Thủ Đức" -> "Dien luc Thu Duc"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS_WITHOUT_DECOMPOSITION))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


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
