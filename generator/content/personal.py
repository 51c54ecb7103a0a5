"""Personal data that must not be published: e-mail addresses, phone numbers, ID-card numbers.

The site is public, so a text that looks like one is rejected; the message says what to write instead.
"""

from __future__ import annotations

import re

# Starts only where a run of its characters starts: tried from every character of a long run ('@' followed by
# 200,000 letters), the search took minutes, each try scanning the rest of the run
_EMAIL = r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
# Vietnamese phone numbers: 0 or +84/84 then 9–10 digits, spaces, dots or dashes allowed between digits
_PHONE = r"(?<![\w.,/])(?:\+84|84|0)(?:[ .-]?\d){8,10}(?![\w])"
# ID cards: 9 digits (CMND) or 12 digits (CCCD) written as one run
_ID_CARD = r"(?<![\w.,/-])(?:\d{12}|\d{9})(?!\w|[.,/-]\d)"

# One search finds the first value of any kind: the leftmost match wins, and where two kinds start at the same
# place the alternatives' order decides (e-mail, then ID card, then phone). The lookahead names the characters a
# match can start with, so the engine skips every other position without trying the alternatives. This runs on
# every text value of every file, so it matters at 10,000 files.
_ANY = re.compile(rf"(?=[\dA-Za-z._%+-])(?:(?P<email>{_EMAIL})|(?P<id>{_ID_CARD})|(?P<phone>{_PHONE}))")
_NUMBERS = re.compile(rf"(?=[\d+])(?:(?P<id>{_ID_CARD})|(?P<phone>{_PHONE}))")


def find(text: str) -> tuple[int, str] | None:
    """(offset, message) of the first value that looks like personal data, or None."""
    match = (_ANY if "@" in text else _NUMBERS).search(text)  # no '@', no e-mail address
    if match is None:
        return None
    offset, kind, value = match.start(), match.lastgroup, match.group()
    if kind == "email":
        return offset, f"Không ghi địa chỉ e-mail ('{value}') trên trang công khai; hãy ghi kênh liên hệ chung của đơn vị"
    if kind == "phone":
        return offset, (f"Không ghi số điện thoại ('{value}') trên trang công khai; "
                        "hãy ghi kênh liên hệ chung của đơn vị")
    return offset, (f"Dãy số '{value}' trông giống số CMND/CCCD; không ghi số giấy tờ cá nhân. Nếu là số tiền "
                    "hay số lượng, hãy viết có dấu chấm phân cách (ví dụ 350.000.000)")
