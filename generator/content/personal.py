"""Personal data that must not be published: e-mail addresses, phone numbers, ID-card numbers.

The site is public, so a text that looks like one is rejected; the message says what to write instead.
"""

from __future__ import annotations

import re

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Vietnamese phone numbers: 0 or +84/84 then 9–10 digits, spaces, dots or dashes allowed between digits
_PHONE = re.compile(r"(?<![\w.,/])(?:\+84|84|0)(?:[ .-]?\d){8,10}(?![\w])")
# ID cards: 9 digits (CMND) or 12 digits (CCCD) written as one run
_ID_CARD = re.compile(r"(?<![\w.,/-])(?:\d{12}|\d{9})(?!\w|[.,/-]\d)")


def find(text: str) -> tuple[int, str] | None:
    """(offset, message) of the first value that looks like personal data, or None."""
    found = [(match.start(), kind, match.group()) for kind, pattern in (("email", _EMAIL), ("phone", _PHONE),
                                                                         ("id", _ID_CARD))
             for match in [pattern.search(text)] if match]
    if not found:
        return None
    offset, kind, value = min(found)
    if kind == "email":
        return offset, f"Không ghi địa chỉ e-mail ('{value}') trên trang công khai; hãy ghi kênh liên hệ chung của đơn vị"
    if kind == "phone":
        return offset, (f"Không ghi số điện thoại ('{value}') trên trang công khai; "
                        "hãy ghi kênh liên hệ chung của đơn vị")
    return offset, (f"Dãy số '{value}' trông giống số CMND/CCCD; không ghi số giấy tờ cá nhân. Nếu là số tiền "
                    "hay số lượng, hãy viết có dấu chấm phân cách (ví dụ 350.000.000)")
