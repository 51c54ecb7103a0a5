"""The authors' tallies (stats.authors) kept between builds (core: no MkDocs).

Who the authors are, and how many counted initiatives each has, depends only on the units' order and on the counted
initiatives' keys and authors (their names and units), in the counted order: an edit to a title, a summary or a
description, the usual one, changes none of it. The last build's tallies are kept under a digest of those values
and of the code that tallies (:func:`code_version`); a build whose digest is the same takes them back. At 10,000
initiatives tallying took 0.08 s of one process; the digest and reading back, 0.025 s.

One file, ``<folder>/authors-<version>.pickle``; as every cache file (cachefile.py), anything wrong with it is a
miss, and the folder can be deleted at any time.
"""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

from . import cachefile, stats, text
from .model import Site

_MAGIC = b"SKA1"
_PREFIX, _SUFFIX = "authors-", ".pickle"


def code_version() -> str:
    """The tallying (stats.py), the folding that orders names (text.py) and the Unicode data that normalises
    them."""
    unicode = hashlib.sha256(unicodedata.unidata_version.encode()).hexdigest()[:8]
    return cachefile.source_version(stats.__file__) + cachefile.source_version(text.__file__) + unicode


def inputs(site: Site) -> bytes:
    """A digest of everything stats.authors reads of ``site``: the units' ids and each counted initiative's key and
    authors' names and units, in the counted order. No value holds a control character (content/kinds.py), so the
    separators cannot be taken for one."""
    units = "\x1f".join(unit.id for unit in site.units)
    joined = "\x1e".join([units, *(item.key + "".join(f"\x1f{author.name}\x1d{author.unit}" for author in item.authors)
                                  for item in stats.counted_in_order(site))])
    return hashlib.sha256(joined.encode()).digest()


def keep_tallies(site: Site, folder: Path) -> None:
    """stats.authors(site) made ready for the pages and the open data: taken from ``folder`` when the last build
    there had the same :func:`inputs`, else tallied, and kept there for the next build."""
    digest = inputs(site)
    path = folder / f"{_PREFIX}{code_version()}{_SUFFIX}"
    kept = _read(path, digest)
    if kept is not None:
        stats.authors.keep(site, kept)
        return
    rows = [(row.name, row.unit, row.count, row.rank, row.initiatives) for row in stats.authors(site)]
    cachefile.write_value(path, _MAGIC, (digest, rows), f"{_PREFIX}*{_SUFFIX}")


def _read(path: Path, digest: bytes) -> list[stats.AuthorTally] | None:
    """The tallies the file at ``path`` holds, if it was kept for the same ``digest`` and each row is one; else
    None."""
    stored = cachefile.read_value(path, _MAGIC)
    if not (type(stored) is tuple and len(stored) == 2 and stored[0] == digest and type(stored[1]) is list):
        return None
    rows = stored[1]
    if not all(type(row) is tuple and len(row) == 5 and type(row[0]) is str and type(row[1]) is str
               and type(row[2]) is int and type(row[3]) is int and type(row[4]) is tuple
               and all(type(key) is str for key in row[4]) for row in rows):
        return None
    return [stats.AuthorTally(*row) for row in rows]
