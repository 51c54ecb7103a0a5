"""generator/text.py: folding character by character equals folding the whole text as Unicode defines it."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from generator.text import fold


def reference_fold(text: str) -> str:
    """The definition: đ/Đ to d/D, then canonical decomposition with every combining mark dropped."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def test_vietnamese_examples():
    assert fold("Điện lực Thủ Đức") == "Dien luc Thu Duc"
    assert fold("NHIỆT ĐIỆN THỦ ĐỨC") == "NHIET DIEN THU DUC"
    assert fold("Tiê\u0301t kiê\u0323m") == "Tiet kiem"  # decomposed input (macOS file names, some keyboards)


@given(st.text())
def test_fold_equals_the_definition_for_any_text(text):
    assert fold(text) == reference_fold(text)
