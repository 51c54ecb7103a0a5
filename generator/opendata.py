"""Open data: the campaign's numbers as files beside the site (data/stats.json and CSV tables).

The numbers come from ``stats.to_json``, so the files and the pages always agree. CSV files are UTF-8 with a
byte-order mark so that spreadsheet programs show Vietnamese correctly; percentages use a decimal point. A text
cell that a spreadsheet would take for a formula (it starts with =, +, -, @, a tab or a carriage return: names come
from content) starts with an apostrophe, which spreadsheets show as text and do not print.
"""

from __future__ import annotations

import csv
import io
import json

from .model import Site
from .stats import to_json

FOLDER = "data/"


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> object:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _csv(header: list[str], rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(row.get(key)) for key in header])
    return buffer.getvalue().encode("utf-8-sig")


def files(site: Site) -> dict[str, bytes]:
    """Site-relative path -> bytes of every open-data file."""
    data = to_json(site)
    return {
        f"{FOLDER}stats.json": (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
        f"{FOLDER}units.csv": _csv(["rank", "id", "name", "short_name", "bloc", "count", "target", "percent",
                                    "benefit_vnd", "exceeded_on"], data["units"]),
        f"{FOLDER}authors.csv": _csv(["rank", "name", "unit", "unit_name", "count"], data["authors"]),
        f"{FOLDER}fields.csv": _csv(["rank", "id", "name", "count", "percent"], data["fields"]),
        f"{FOLDER}monthly.csv": _csv(["month", "count", "cumulative"], data["monthly"]),
    }
