"""Vietnamese number and date formats (Babel, locale ``vi``): 4.130 · 41,3% · 1,2 tỷ đồng · 15/11/2022."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

# Parsed once: Babel would parse the locale name again on every call, and a 10,000-initiative site formats
# hundreds of thousands of numbers and dates. The formats are pure, so each value is formatted once (cached).
LOCALE = Locale.parse("vi")
_CACHED = lru_cache(maxsize=1 << 16, typed=True)


@_CACHED
def number(value: int | float) -> str:
    return format_decimal(value, locale=LOCALE)


@_CACHED
def decimal(value: float) -> str:
    """One decimal at most: 1.478 -> "1,5"."""
    return format_decimal(round(value, 1), format="#,##0.#", locale=LOCALE)


@_CACHED
def percent(value: float) -> str:
    """``value`` is already a percentage (41.3 -> "41,3%"), rounded by the statistics module."""
    return format_decimal(value, format="#,##0.0", locale=LOCALE) + "%"


@_CACHED
def date(value: dt.date) -> str:
    return format_date(value, "dd/MM/yyyy", locale=LOCALE)


@_CACHED
def month(value: dt.date) -> str:
    return format_date(value, "MM/yyyy", locale=LOCALE)


@_CACHED
def money(vnd: int) -> str:
    """VND in the units a reader says aloud: "1,2 tỷ đồng", "350 triệu đồng", "900.000 đồng"."""
    for size, unit in ((1_000_000_000, "tỷ"), (1_000_000, "triệu")):
        if vnd >= size:
            return f"{format_decimal(vnd / size, format='#,##0.#', locale=LOCALE)} {unit} đồng"
    return f"{number(vnd)} đồng"


FILTERS = {"vn_number": number, "vn_decimal": decimal, "vn_percent": percent, "vn_date": date, "vn_month": month, "vn_money": money}
