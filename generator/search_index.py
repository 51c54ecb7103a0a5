"""The site search's index: static JSON files, of which a query downloads a few (core: no MkDocs, no program).

Built from what ``generator/search.py`` gives for each page the search finds; read in the browser by
``theme/assets/javascripts/search_index.js``, which must agree with this module on everything below. Everything
is computed from the records alone, in one pass, so a build of 10,000 initiatives spends about a second on it
and two builds of the same content write the same bytes.

Under ``urls.SEARCH_INDEX`` (the site's ``chi-muc/``):

- ``muc-luc.json``, the table of contents: the format, the number of pages, how many pages a metadata file
  holds, and the name of every other file. Each of those names carries a hash of its bytes, so a browser or a
  cache between never mixes files of two builds; only this small file is read under a fixed name.
- ``tu/<name>.<hash>.json``, the words that begin with one beginning (their first two characters, or more where
  those words are many; :func:`_prefixes`), named in the table of contents by that beginning (:func:`file_name`):
  ``[[word, title pages, other pages], ...]``. A query word finds every word it begins (the box searches as the
  reader types) in the files whose beginning it begins or which begin it. Page numbers are sorted and written as
  gaps from the previous one (``[2, 5, 9]`` as ``[2, 3, 4]``), so a word on every page costs two bytes a page.
- ``trang/<n>.<hash>.json``: what a result shows of pages ``n * PAGES_PER_FILE`` onwards: ``[[url, meta], ...]``.
- ``xep/<key>.<hash>.json``, for each sort key but the newest: the pages that have the key, greatest first.

Pages are numbered newest first (then by address), so "newest first" is the order of the numbers and needs no
file, and equal scores fall back to it.
"""

from __future__ import annotations

import hashlib
import json
import re
from array import array
from collections import defaultdict

from .pages import urls
from .search import BODY_WEIGHT, NEWEST, TITLE_WEIGHT, Indexed

FOLDER = urls.SEARCH_INDEX
TABLE = "muc-luc.json"
FORMAT = 1  # bumped when a file's shape changes; search_index.js refuses a format it does not know
PAGES_PER_FILE = 200  # a result list shows 20 at once: one file serves ten screens of the newest
# A word file holds at most this much JSON, unless one word alone is more (a word of every page); a query reads
# the one or few files of the words it begins: about 12 KiB each, compressed, at 10,000 initiatives.
WORD_FILE_BYTES = 48_000
_SIMPLE = re.compile(r"[a-z0-9]")


def file_name(prefix: str) -> str:
    """A word file's name from the beginning its words share: letters a-z and digits as they are, any other
    character as "_", its code point in hex and "_" ("2," -> "2_2c_"), so names are safe on every host."""
    return "".join(char if _SIMPLE.fullmatch(char) else f"_{ord(char):x}_" for char in prefix)


def _prefixes(entries: dict[str, bytes], length: int = 2) -> dict[str, dict[str, bytes]]:
    """Words (with their entries' JSON) grouped into files: by their first two characters, and a file over
    WORD_FILE_BYTES by one more character, again and again. A word as long as its group's beginning stays in a
    file of its own under that beginning, so no beginning is shared by two files' words."""
    groups: dict[str, dict[str, bytes]] = defaultdict(dict)
    for word, data in entries.items():
        groups[word[:length]][word] = data
    files: dict[str, dict[str, bytes]] = {}
    for prefix, words in groups.items():
        if len(prefix) < length or sum(len(data) + 1 for data in words.values()) <= WORD_FILE_BYTES:
            files[prefix] = words
            continue
        if prefix in words:
            files[prefix] = {prefix: words.pop(prefix)}
        files.update(_prefixes(words, length + 1))
    return files


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def _named(kind: str, key: str | int, data: bytes, files: dict[str, bytes]) -> str:
    """Store ``data`` as ``kind/key.hash.json`` in ``files``; the hash, as the table of contents names it."""
    digest = hashlib.sha256(data).hexdigest()[:10]
    files[f"{FOLDER}{kind}/{key}.{digest}.json"] = data
    return digest


def _gaps(pages: array) -> list[int]:
    """Sorted page numbers as gaps: [2, 5, 9] -> [2, 3, 4]."""
    gaps, last = [], 0
    for page in pages:
        gaps.append(page - last)
        last = page
    return gaps


def _order(records: dict[str, Indexed]) -> list[str]:
    """Every page's address, newest first, then by address: page number -> address."""
    by_address = sorted(records)
    return sorted(by_address, key=lambda url: dict(records[url].sorts).get(NEWEST, ""), reverse=True)


def _postings(order: list[str], records: dict[str, Indexed]) -> dict[str, tuple[array, array]]:
    """Word -> (pages with it in the title, pages with it elsewhere), each in page order."""
    found: dict[str, tuple[array, array]] = defaultdict(lambda: (array("I"), array("I")))
    for page, url in enumerate(order):
        for weight, words in records[url].words:
            where = 0 if weight == TITLE_WEIGHT else 1
            for word in words.split():
                found[word][where].append(page)
    return found


def _word_files(postings: dict[str, tuple[array, array]], files: dict[str, bytes]) -> dict[str, str]:
    entries = {word: _json([word, _gaps(title), _gaps(other)]) for word, (title, other) in postings.items()}
    hashes = {}
    for prefix, words in sorted(_prefixes(entries).items()):
        data = b"[" + b",".join(words[word] for word in sorted(words)) + b"]"
        hashes[prefix] = _named("tu", file_name(prefix), data, files)
    return hashes


def _number(value: str) -> tuple[int, float | str]:
    """Sort values compare as numbers when they are numbers ("1200000000" > "95000000")."""
    try:
        return (1, float(value))
    except ValueError:
        return (0, value)


def _sort_files(order: list[str], records: dict[str, Indexed], files: dict[str, bytes]) -> dict[str, str]:
    values: dict[str, list[tuple]] = defaultdict(list)
    for page, url in enumerate(order):
        for key, value in records[url].sorts:
            if key != NEWEST:
                values[key].append((_number(value), -page))
    return {key: _named("xep", key, _json([-page for _, page in sorted(pairs, reverse=True)]), files)
            for key, pairs in sorted(values.items())}


def _page_files(order: list[str], records: dict[str, Indexed], files: dict[str, bytes]) -> list[str]:
    hashes = []
    for number, start in enumerate(range(0, len(order), PAGES_PER_FILE)):
        shown = [[url, dict(records[url].meta)] for url in order[start:start + PAGES_PER_FILE]]
        hashes.append(_named("trang", number, _json(shown), files))
    return hashes


def build(records: dict[str, Indexed]) -> dict[str, bytes]:
    """Every file of the index: path in the site -> bytes."""
    order = _order(records)
    files: dict[str, bytes] = {}
    words = _word_files(_postings(order, records), files)
    pages = _page_files(order, records, files)
    table = {"format": FORMAT, "pages": len(order), "pages_per_file": PAGES_PER_FILE, "newest": NEWEST,
             "weights": {"title": TITLE_WEIGHT, "other": BODY_WEIGHT},
             "words": words, "page_files": pages, "sorts": _sort_files(order, records, files)}
    files[FOLDER + TABLE] = _json(table)
    return files
