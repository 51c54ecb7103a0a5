"""Sitemaps of any size: one file up to 50,000 addresses, an index of several files beyond (core: no MkDocs).

The sitemaps protocol (sitemaps.org) allows 50,000 addresses in one file; a campaign of 100,000 initiatives has
more pages than that, and search engines reject the whole file. The theme writes one sitemap.xml
(theme/sitemap.xml); past the limit it is cut into sitemap-1.xml, sitemap-2.xml, … in the same order, and
sitemap.xml becomes their index, which is what robots.txt and search engines read first. Beside it, sitemap.xml.gz
(:func:`gzipped`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

import markupsafe
import zlib_ng as zlib_ng_package
from zlib_ng import gzip_ng, zlib_ng

from . import cachefile

LIMIT = 50_000  # addresses in one sitemap file (sitemaps.org)

_GZ_MAGIC, _GZ_PREFIX, _GZ_SUFFIX = b"SKZ1", "sitemap-", ".gz"
_URLS_MAGIC, _URLS_PREFIX, _URLS_SUFFIX = b"SKU1", "urls-", ".xml"
_ENTRY = re.compile(r"<url>.*?</url>", re.DOTALL)
_LASTMOD = re.compile(r"<lastmod>([^<]*)</lastmod>")


def url_elements(entries: Iterable[tuple[str, str]], folder: Path | None = None) -> markupsafe.Markup:
    """The ``<url>`` elements of ``entries`` ((address, last change) pairs) sorted, each on a line of its own, as
    theme/sitemap.xml puts them in the sitemap: made here, as a template's loop took 70 ms of every build at 10,000
    initiatives.

    With ``folder`` (the cache's), kept there under a digest of the entries as given and of this code: a rebuild
    whose addresses and dates are those of the last build, as after most edits, reads them back in 5 ms where
    making them took the build's process 20-25 ms at 10,000 initiatives. One file, framed and checked as every
    cache file (cachefile.py): anything wrong with it is a miss."""
    entries = list(entries)
    if folder is None:
        return _url_elements(entries)
    digest = hashlib.blake2b(cachefile.source_version(__file__).encode(), digest_size=16)
    digest.update(repr(entries).encode())  # a pair's repr is itself quoted: no two lists give the same text
    path = folder / f"{_URLS_PREFIX}{digest.hexdigest()}{_URLS_SUFFIX}"
    kept = cachefile.read_framed(path, _URLS_MAGIC)
    if kept is not None:
        return markupsafe.Markup(kept.decode())
    made = _url_elements(entries)
    cachefile.write_whole(path, lambda stream: stream.write(cachefile.framed(_URLS_MAGIC, made.encode())))
    cachefile.keep_only(path, f"{_URLS_PREFIX}*{_URLS_SUFFIX}")
    return made


def _url_elements(entries: list[tuple[str, str]]) -> markupsafe.Markup:
    return markupsafe.Markup("".join(
        f"\n  <url><loc>{markupsafe.escape(address)}</loc><lastmod>{markupsafe.escape(updated)}</lastmod></url>"
        for address, updated in sorted(entries)))


def split(xml: str, site_url: str, limit: int = LIMIT) -> dict[str, str] | None:
    """The files that replace ``xml`` (name -> text, the index as "sitemap.xml"), or None if it is within the limit.

    ``site_url`` is the published address, ending with "/".
    """
    if xml.count("<url>") <= limit:  # as many as its entries (their text is escaped): 1 ms where finding them took 12 at 10,000
        return None
    entries = _ENTRY.findall(xml)
    head, tail = xml[:xml.index("<url>")], xml[xml.rindex("</url>") + len("</url>"):]
    parts = {f"sitemap-{number}.xml": entries[start:start + limit]
             for number, start in enumerate(range(0, len(entries), limit), start=1)}
    files = {name: head + "".join(chunk) + tail for name, chunk in parts.items()}
    files["sitemap.xml"] = _index(site_url, parts)
    return files


def _index(site_url: str, parts: dict[str, list[str]]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for name, chunk in parts.items():
        latest = max((found.group(1) for entry in chunk for found in _LASTMOD.finditer(entry)), default=None)
        lastmod = f"<lastmod>{latest}</lastmod>" if latest else ""
        lines.append(f"  <sitemap><loc>{markupsafe.escape(site_url + name)}</loc>{lastmod}</sitemap>")
    lines.append("</sitemapindex>")
    return "\n".join(lines) + "\n"


def gzipped(data: bytes, folder: Path) -> bytes:
    """``data`` (sitemap.xml) gzipped with no time in its header, so two builds give the same bytes; by zlib-ng (as
    the cards: pinned in requirements/lock.txt), in 20 ms where the standard library took 40-50 at 10,000
    initiatives.

    Kept in ``folder`` (the cache's) under a digest of ``data`` and of the versions of zlib-ng and of its Python
    package (which writes the gzip header): a rebuild whose sitemap is the same, as after an edit that changes no
    address and no date (a title, a description), takes it back in a millisecond. One file, framed and checked as
    every cache file (cachefile.py): anything wrong with it is a miss."""
    digest = hashlib.sha256(f"{zlib_ng.ZLIBNG_VERSION}\0{zlib_ng_package.__version__}\0".encode())
    digest.update(data)
    path = folder / f"{_GZ_PREFIX}{digest.hexdigest()[:32]}{_GZ_SUFFIX}"
    kept = cachefile.read_framed(path, _GZ_MAGIC)
    if kept is not None:
        return kept
    made = gzip_ng.compress(data, mtime=0)
    cachefile.write_whole(path, lambda stream: stream.write(cachefile.framed(_GZ_MAGIC, made)))
    cachefile.keep_only(path, f"{_GZ_PREFIX}*{_GZ_SUFFIX}")
    return made
