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
  A query word reads at most ``widest`` (MOST_FILES_A_WORD) files of the words it begins: where more files
  begin with it (two letters, at 100,000 initiatives), it finds only itself, the one word, until more is typed.
- ``ma/<name>.<hash>.json``: registration codes (search.CODE), filed as the words are, each with the pages that
  have it: ``[[code, pages, []], ...]``. A query word finds the one code it is, never the codes it begins, so the
  codes of every initiative (all beginning with their unit's name) never weigh on a query.
- ``trang/<n>.<hash>.json``: what a result shows of pages ``n * PAGES_PER_FILE`` onwards: ``[[url, meta], ...]``;
  the hash is of the group of FILES_PER_HASH files ``n`` is in (:func:`_page_files`).
- ``xep/<key>/...``, for each sort key but the newest, the pages that have the key, greatest first, in three
  kinds of file, so that a screen of results in that order reads the first part or few, not the order of every
  page: ``<n>.<hash>.json``, parts of SORT_PART pages (part ``n`` from rank ``n * SORT_PART``) of the pages
  above the least value; ``cuoi.<hash>.json``, the pages of the least value (gaps), which come last, newest
  first as equal values do (an initiative without a benefit figure has 0: half of the synthetic ones);
  ``thieu.<hash>.json``, the pages without the key (gaps), by which a search counts its results in that order
  before reading any part.

Pages are numbered newest first (then by address), so "newest first" is the order of the numbers and needs no
file, and equal scores fall back to it.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
import sys
from array import array
from collections import Counter, defaultdict

from . import collector
from .pages import urls
from .search import BODY_WEIGHT, CODE, NEWEST, TITLE_WEIGHT, Indexed

FOLDER = urls.SEARCH_INDEX
TABLE = "muc-luc.json"
FORMAT = 3  # bumped when a file's shape changes; search_index.js refuses a format it does not know
# What a result shows, by page number: results ordered by score or by a sort key come from anywhere in the site, one
# file each. At 10,000 initiatives a file of 200 pages was 90 KB (15 KB compressed), and the first screen of
# "Làm lợi nhiều nhất" read 18 of them, 275 KB compressed; files of 50 pages, 5 KB compressed each, 94 KB;
# files of 10 pages, 1.7 KB each, 33 KB (benchmarks/bench_search.py).
PAGES_PER_FILE = 10
# Result files are named by one hash for each group of this many (of their bytes together), so the table of contents
# names one group of 200 pages, 13 bytes, where a hash for each file would name 10 pages (130 KB at 100,000). A
# result file changes its name with any other of its group: a browser's copy of the group is then read again.
FILES_PER_HASH = 20
# Pages in a part of a sort key's order: at 10,000 initiatives the whole order by benefit was 48.6 KB (a permutation,
# which barely compresses), at 100,000 585 KB (245 KB compressed), read whole for the first screen of "Làm lợi
# nhiều nhất". A part of 2,000 pages is about 12 KB (5 KB compressed); a search whose first results are in the
# first part reads that one, a narrow one reads on, in twice as many parts each time, until a screen is full.
SORT_PART = 2000
# A word file holds at most this much JSON, unless one word alone is more (a word of every page); a query reads
# the one or few files of the words it begins: about 12 KiB each, compressed, at 10,000 initiatives.
WORD_FILE_BYTES = 48_000
# The word files a query word may read to find the words it begins (search_index.js): up to about 12 KiB each,
# compressed. At 10,000 initiatives "th" begins the words of 5 files; at 100,000, of 36 (1.6 MB).
MOST_FILES_A_WORD = 6
# Before a code among the words a build gathers: a space, which no word holds
_CODE_MARK = " "
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


class Kept:
    """What one making of the index worked out, for the next to take where its input is the same: the pages of
    every word (when the pages are in the same order, only the words of pages whose words changed are looked at
    again), each word's entry by its pages, each file of pages by the addresses and metadata it shows.

    A served site keeps one (generator/serving.py). After a title edit at 10,000 initiatives, making the whole
    index again took 0.46-0.66 s of the thread that writes the site-wide files after each update, which the next
    update waits for; with what the last update kept, 0.09-0.13 s (the same records, in one process). A build
    keeps one in the cache folder (:meth:`plain`, generator/search_cache.py), each page's words only as their
    :func:`words_key`. Only what an equal input gave is taken, so the files are those :func:`build` makes without
    it (tests/test_search.py)."""

    def __init__(self) -> None:
        self.order: list[str] = []  # the pages' addresses in page order
        # page number -> its record's words; None in one read back from a file, which has their keys
        self.page_words: list[tuple] | None = []
        self.page_keys: list[bytes] | None = None  # page number -> words_key of its words, when known
        self.postings: dict[str, tuple[array, array]] = {}
        self.words: dict[str, tuple[array, array, bytes]] = {}  # word -> its pages (title, other), its entry
        self.pages: list[tuple[tuple, bytes]] = []  # file number -> what it shows, its bytes
        # in one read back from a file (from_plain): word -> its value in words as read, and that value's plain form
        self.read: dict[str, tuple[tuple, tuple]] = {}

    def plain(self) -> tuple:
        """What it holds as built-in values, for a file kept between builds: each page's words as their key (the
        search records' file has the words), each word's pages as the bytes of their arrays (the postings are
        the same arrays), without the result files (made again in a few hundredths of a second). Written by
        the same machine that reads it back: arrays in its byte order. A word whose value is still the one read
        back gives the bytes it was read from (at 10,000 initiatives, after an edit, the bytes of 60,000 words'
        arrays took the search index's worker 0.04 s where nearly all of them had not changed)."""
        keys = self.page_keys if self.page_keys is not None else list(map(words_key, self.page_words))
        read = self.read
        return (sys.byteorder, array("I").itemsize, self.order, keys,
                {word: was[1] if (was := read.get(word)) is not None and was[0] is value
                 else (value[0].tobytes(), value[1].tobytes(), value[2]) for word, value in self.words.items()})

    @classmethod
    def from_plain(cls, value) -> Kept | None:
        """The Kept that :meth:`plain` gave ``value``; None unless ``value`` has its shape. The addresses and keys
        are taken only where they equal this build's; the entries, written out as they are, must be bytes."""
        if not (type(value) is tuple and len(value) == 5 and value[:2] == (sys.byteorder, array("I").itemsize)):
            return None
        _, _, order, keys, words = value
        if not (type(order) is list and type(keys) is list and len(order) == len(keys) and type(words) is dict
                and all(type(url) is str for url in order) and all(type(key) is bytes for key in keys)):
            return None
        kept = cls()
        for word, entry in words.items():
            if not (type(word) is str and type(entry) is tuple and len(entry) == 3
                    and all(type(part) is bytes for part in entry)):
                return None
            title, other = array("I"), array("I")
            try:
                title.frombytes(entry[0])
                other.frombytes(entry[1])
            except ValueError:  # not a whole number of items
                return None
            kept.words[word] = value = (title, other, entry[2])
            kept.read[word] = (value, entry)
            kept.postings[word] = (title, other)
        kept.order, kept.page_words, kept.page_keys = order, None, keys
        return kept


def words_key(words: tuple) -> bytes:
    """A digest of a page's words (search.Indexed.words: weights and texts), by which a kept index knows them. Each
    text is words joined by spaces, found by splitting on whitespace, of which both separators are part: no text
    holds one. Joined so, the words of 10,000 pages took 27 ms where their repr took 46."""
    return hashlib.blake2b("\x1e".join([f"{weight}\x1f{text}" for weight, text in words]).encode(),
                           digest_size=16).digest()


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
            where, mark = _place(weight)
            for word in words.split():
                found[mark + word][where].append(page)
    return found


def _place(weight: int) -> tuple[int, str]:
    """Where words of ``weight`` go: the first list of a word (title words, codes) or the second, and the mark
    that keeps codes apart from the words until they are filed."""
    return (0, _CODE_MARK) if weight == CODE else (0 if weight == TITLE_WEIGHT else 1, "")


def _counted(words: tuple) -> Counter:
    """How many times a record's words put its page in each (word, title or other) list (as _postings does)."""
    return Counter((mark + word, where) for weight, words_ in words for where, mark in [_place(weight)]
                   for word in words_.split())


MOST_MOVED = 50  # pages whose words changed since a kept index was written, past which its lists are made anew


def _postings_kept(order: list[str], records: dict[str, Indexed], kept: Kept) -> dict[str, tuple[array, array]]:
    """:func:`_postings`, from the kept ones of the last making when the pages are in the same order: only the
    lists of the words of pages whose words changed are made again (new arrays, so _entries sees them change)."""
    page_words = [records[url].words for url in order]
    keys = None
    if order != kept.order:
        found = dict(_postings(order, records))
    elif kept.page_words is None:  # read back from a file: the pages' words known by their keys
        keys = list(map(words_key, page_words))
        moved = [page for page, (before, now) in enumerate(zip(kept.page_keys, keys)) if before != now]
        if len(moved) > MOST_MOVED:  # each move looks through every word's lists
            found = dict(_postings(order, records))
        else:
            found = dict(kept.postings)
            for page in moved:
                _move(found, page, _listed(found, page), _counted(page_words[page]))
    else:
        found = dict(kept.postings)
        for page, (before, now) in enumerate(zip(kept.page_words, page_words)):
            if before is not now and before != now:
                _move(found, page, _counted(before), _counted(now))
    kept.order, kept.page_words, kept.page_keys, kept.postings = order, page_words, keys, found
    return found


def _listed(found: dict[str, tuple[array, array]], page: int) -> Counter:
    """How many times ``page`` is in each (word, title or other) list of ``found``, as _counted gives it from the
    page's words: for a page whose words the kept index knows only by their key."""
    listed: Counter = Counter()
    for word, lists in found.items():
        for where, pages in enumerate(lists):
            first = bisect.bisect_left(pages, page)
            if first < len(pages) and pages[first] == page:
                listed[word, where] = bisect.bisect_right(pages, page, first) - first
    return listed


def _move(found: dict[str, tuple[array, array]], page: int, before: Counter, now: Counter) -> None:
    """``page`` taken out of the lists of ``before`` and put, as many times as ``now`` says, into its place in
    those of ``now``; a word on no page any more is dropped, as _postings would never have listed it."""
    for word, where in before.keys() | now.keys():
        if before[word, where] == now[word, where]:
            continue
        lists = list(found.get(word) or (array("I"), array("I")))
        pages = lists[where]
        first, last = bisect.bisect_left(pages, page), bisect.bisect_right(pages, page)
        lists[where] = pages[:first] + array("I", [page] * now[word, where]) + pages[last:]
        if lists[0] or lists[1]:
            found[word] = (lists[0], lists[1])
        else:
            found.pop(word, None)


def _word_files(postings: dict[str, tuple[array, array]], files: dict[str, bytes],
                kept: Kept | None) -> tuple[dict[str, str], dict[str, str]]:
    """The files of the words (``tu/``) and of the codes (``ma/``): beginning -> hash, for each."""
    entries = _entries(postings, kept) if kept is not None else {
        word: _json([word.removeprefix(_CODE_MARK), _gaps(title), _gaps(other)])
        for word, (title, other) in postings.items()}
    words = {word: entry for word, entry in entries.items() if not word.startswith(_CODE_MARK)}
    codes = {word[1:]: entry for word, entry in entries.items() if word.startswith(_CODE_MARK)}
    return _filed("tu", words, files), _filed("ma", codes, files)


def _filed(kind: str, entries: dict[str, bytes], files: dict[str, bytes]) -> dict[str, str]:
    hashes = {}
    for prefix, words in sorted(_prefixes(entries).items()):
        data = b"[" + b",".join(words[word] for word in sorted(words)) + b"]"
        hashes[prefix] = _named(kind, file_name(prefix), data, files)
    return hashes


def _entries(postings: dict[str, tuple[array, array]], kept: Kept) -> dict[str, bytes]:
    """Each word's entry, taken from ``kept`` where the word is on the same pages (arrays compare as fast as
    bytes); ``kept`` then holds this making's."""
    last, words = kept.words, {}
    for word, (title, other) in postings.items():
        before = last.get(word)
        if before is None or (before[0] is not title and before[0] != title) or (
                before[1] is not other and before[1] != other):
            before = (title, other, _json([word.removeprefix(_CODE_MARK), _gaps(title), _gaps(other)]))
        words[word] = before
    kept.words = words
    return {word: entry for word, (_, _, entry) in words.items()}


def _number(value: str) -> tuple[int, float | str]:
    """Sort values compare as numbers when they are numbers ("1200000000" > "95000000")."""
    try:
        return (1, float(value))
    except ValueError:
        return (0, value)


def _sort_files(order: list[str], records: dict[str, Indexed], files: dict[str, bytes]) -> dict[str, dict]:
    """Each sort key's order: key -> {"parts": [hash, ...], "least": hash, "missing": hash} (the module's docstring)."""
    values: dict[str, list[tuple]] = defaultdict(list)
    for page, url in enumerate(order):
        for key, value in records[url].sorts:
            if key != NEWEST:
                values[key].append((_number(value), -page))
    return {key: _key_files(key, pairs, len(order), files) for key, pairs in sorted(values.items())}


def _key_files(key: str, pairs: list[tuple], pages: int, files: dict[str, bytes]) -> dict:
    """One key's files from its (value, -page) pairs: the parts above the least value, that value's pages, and
    the pages of the ``pages`` numbered that lack the key."""
    pairs = sorted(pairs, reverse=True)  # greatest first, equal values newest first (by page number)
    least = pairs[-1][0]
    head = [-page for value, page in pairs if value != least]
    tail = array("I", (-page for value, page in pairs if value == least))
    having = bytearray(pages)
    for _, page in pairs:
        having[-page] = 1
    missing = array("I", (page for page, has in enumerate(having) if not has))
    folder = f"xep/{key}"
    return {"parts": [_named(folder, number, _json(head[start:start + SORT_PART]), files)
                      for number, start in enumerate(range(0, len(head), SORT_PART))],
            "least": _named(folder, "cuoi", _json(_gaps(tail)), files),
            "missing": _named(folder, "thieu", _json(_gaps(missing)), files)}


def _page_files(order: list[str], records: dict[str, Indexed], files: dict[str, bytes],
                kept: Kept | None) -> list[str]:
    """The result files; the hash of each group of FILES_PER_HASH of them (their bytes joined by newlines, which
    their JSON never holds)."""
    made = []
    last = kept.pages if kept is not None else []
    for number, start in enumerate(range(0, len(order), PAGES_PER_FILE)):
        shown = tuple((url, records[url].meta) for url in order[start:start + PAGES_PER_FILE])
        data = last[number][1] if number < len(last) and last[number][0] == shown else None
        if data is None:
            data = _json([[url, dict(meta)] for url, meta in shown])
        made.append((shown, data))
    if kept is not None:
        kept.pages = made
    hashes = []
    for first in range(0, len(made), FILES_PER_HASH):
        group = [data for _, data in made[first:first + FILES_PER_HASH]]
        hashes.append(hashlib.sha256(b"\n".join(group)).hexdigest()[:10])
        for number, data in enumerate(group, start=first):
            files[f"{FOLDER}trang/{number}.{hashes[-1]}.json"] = data
    return hashes


def build(records: dict[str, Indexed], kept: Kept | None = None) -> dict[str, bytes]:
    """Every file of the index: path in the site -> bytes. With ``kept``, what it holds of the last making is
    taken where the input is the same, and it is left holding this one's (:class:`Kept`).

    Made with the collector paused (generator/collector.py): the records live until the index is made, the many
    small objects it makes hold no cycle, and they set the collector off through all of them, again and again.
    Made from records unpickled in a process of their own, the index of 100,000 initiatives took 7.7-8.3 s so,
    5.1-5.2 s with the records frozen; 0.51 and 0.44 s at 10,000."""
    with collector.paused():
        return _build(records, kept)


def _build(records: dict[str, Indexed], kept: Kept | None) -> dict[str, bytes]:
    order = _order(records)
    files: dict[str, bytes] = {}
    postings = _postings(order, records) if kept is None else _postings_kept(order, records, kept)
    words, codes = _word_files(postings, files, kept)
    pages = _page_files(order, records, files, kept)
    table = {"format": FORMAT, "pages": len(order), "pages_per_file": PAGES_PER_FILE, "files_per_hash": FILES_PER_HASH,
             "newest": NEWEST,
             "weights": {"title": TITLE_WEIGHT, "other": BODY_WEIGHT}, "widest": MOST_FILES_A_WORD,
             "sort_part": SORT_PART,
             "words": words, "codes": codes, "page_files": pages, "sorts": _sort_files(order, records, files)}
    files[FOLDER + TABLE] = _json(table)
    return files
