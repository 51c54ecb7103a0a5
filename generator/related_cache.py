"""The related initiatives of every initiative (pages/related.py) kept between builds (core: no MkDocs).

Which initiatives are related to which depends only on each initiative's key, unit, field, registration date and
code, in the site's order: an edit to a title, a description or the authors, the usual edit, changes none of them.
The last build's answer is kept under a digest of those values (:func:`placing`), each initiative's related ones by
their places in the site's order, and taken when the digest is the same; otherwise they are worked out again and
kept. At 10,000 initiatives working them out took 0.11 s in one process (0.15-0.20 s of a rebuild's build process);
the digest and reading back, 0.04 s.

One file, ``<folder>/related-<version>.pickle``, the version a hash of pages/related.py (the only code the answer
depends on); as every cache file (cachefile.py), anything wrong with it is a miss, and the folder can be deleted at
any time.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from . import cachefile
from .model import Initiative, Site
from .pages import related as related_pages

_MAGIC = b"SKR1"
_PREFIX, _SUFFIX = "related-", ".pickle"


def code_version() -> str:
    return cachefile.source_version(related_pages.__file__)


def placing(site: Site) -> bytes:
    """A digest of everything related.related reads of ``site``: each initiative's key, unit, field, registration
    date and code, in the site's order."""
    text = "\x1e".join(f"{item.key}\x1f{item.unit}\x1f{item.field}\x1f{item.registered_on.isoformat()}\x1f{item.code}"
                       for item in site.initiatives)
    return hashlib.sha256(text.encode()).digest()


def related(site: Site, folder: Path) -> dict[str, list[Initiative]]:
    """related.related(site), taken from ``folder`` when the last build there had the same :func:`placing`; what
    it gives is kept there for the next build."""
    path = folder / f"{_PREFIX}{code_version()}{_SUFFIX}"
    digest = placing(site)
    found = _read(path, digest, site)
    if found is not None:
        return found
    made = related_pages.related(site)
    place = {item.key: index for index, item in enumerate(site.initiatives)}
    # each initiative's related ones by their places in the site's order, which the digest holds: small ints, read
    # back in a third of the time keys took
    places = [tuple(place[other.key] for other in made[item.key]) for item in site.initiatives]
    cachefile.write_value(path, _MAGIC, (digest, places), f"{_PREFIX}*{_SUFFIX}")
    return made


def _read(path: Path, digest: bytes, site: Site) -> dict[str, list[Initiative]] | None:
    """What the file at ``path`` holds for ``site``, if it was kept for the same ``digest`` and has a place for each
    of the site's initiatives; else None."""
    stored = cachefile.read_value(path, _MAGIC)
    items = site.initiatives
    if not (type(stored) is tuple and len(stored) == 2 and stored[0] == digest and type(stored[1]) is list
            and len(stored[1]) == len(items)):
        return None
    try:
        return {item.key: [items[other] for other in places] for item, places in zip(items, stored[1])}
    except (IndexError, TypeError):  # a place of no initiative, or not a place
        return None
