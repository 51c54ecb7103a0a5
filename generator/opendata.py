"""Open data: the campaign's numbers as files beside the site (data/stats.json and CSV tables).

The numbers come from ``stats.to_json``, so the files and the pages always agree. CSV files are UTF-8 with a
byte-order mark so that spreadsheet programs show Vietnamese correctly; percentages use a decimal point. A text
cell that a spreadsheet would take for a formula (it starts with =, +, -, @, a tab or a carriage return: names come
from content) starts with an apostrophe, which spreadsheets show as text and do not print.

A build keeps the files it made in its cache folder under a digest of the numbers (:func:`files`): an edit that
changes no number (a title, a description: the usual one) takes them back. At 10,000 initiatives making them took
0.07 s of the build's own process (stats.json is indented, which the standard library's C encoder does not do);
the digest 0.02 s. One file, ``<folder>/open-data-<version>.pickle``, the version a hash of this module; as
every cache file (cachefile.py), anything wrong with it is a miss.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

from . import cachefile
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


_MAGIC = b"SKO1"
_PREFIX, _SUFFIX = "open-data-", ".pickle"


def code_version() -> str:
    return cachefile.source_version(__file__)


def files(site: Site, folder: Path | None = None) -> dict[str, bytes]:
    """Site-relative path -> bytes of every open-data file; with ``folder``, those the last build there made when
    its numbers were the same, and what is made is kept there for the next build."""
    data = to_json(site)
    if folder is None:
        return _files(data)
    path = folder / f"{_PREFIX}{code_version()}{_SUFFIX}"
    # unindented, by the standard library's C encoder: equal text, equal numbers (a pickle's bytes also depend on
    # which values are the same objects)
    digest = hashlib.sha256(json.dumps(data, ensure_ascii=False).encode("utf-8")).digest()
    stored = cachefile.read_value(path, _MAGIC)
    if (type(stored) is tuple and len(stored) == 2 and stored[0] == digest and type(stored[1]) is dict
            and all(type(name) is str and type(body) is bytes for name, body in stored[1].items())):
        return stored[1]
    made = _files(data)
    cachefile.write_value(path, _MAGIC, (digest, made), f"{_PREFIX}*{_SUFFIX}")
    return made


def _files(data: dict) -> dict[str, bytes]:
    return {
        f"{FOLDER}stats.json": (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
        f"{FOLDER}units.csv": _csv(["rank", "id", "name", "short_name", "bloc", "count", "target", "percent",
                                    "benefit_vnd", "exceeded_on"], data["units"]),
        f"{FOLDER}authors.csv": _csv(["rank", "name", "unit", "unit_name", "count"], data["authors"]),
        f"{FOLDER}fields.csv": _csv(["rank", "id", "name", "count", "percent"], data["fields"]),
        f"{FOLDER}monthly.csv": _csv(["month", "count", "cumulative"], data["monthly"]),
    }
