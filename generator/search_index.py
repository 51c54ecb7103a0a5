"""Running Pagefind (core: no MkDocs; generator/plugin.py starts it with the build and finishes it at the end).

``Indexing`` writes one small document per page the search finds (what ``generator/search.py`` gives for it, at
the page's path) into a scratch folder and starts the ``pagefind`` program of the ``pagefind-bin`` package (pinned
in pyproject.toml) over it, so the index is built while the pages are rendered. ``finish`` waits for it, moves the
bundle into the site, checks that every page meant to be found is in the index, removes Pagefind's own search
interfaces (the site has its own box), and rewrites the one file Pagefind 1.5.2 does not write the same way twice,
so two builds of the same content stay byte-identical. Its errors are Vietnamese and say what to do.
"""
from __future__ import annotations

import gzip
import hashlib
import importlib
import json
import os
import shutil
import struct
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from .pages import urls
from .pagecache import link_or_copy
from .search import Indexed

BUNDLE = urls.PAGEFIND  # where Pagefind writes its files in the site

# How much of the word index goes in one file, in Pagefind's units (postings); its default is 20000. Smaller
# parts mean a query downloads less beside the words it asks for: at 10,000 initiatives the heaviest first
# query we measured fell from 288 to 241 KiB (compressed), and the list of parts in the metadata grew by 3 KiB.
# Pagefind marks the setting unstable (1.5.x); a version that ignores it only costs those bytes.
INDEX_CHUNK_SIZE = 5000

# Never loaded by this site (about 440 KB not published): Pagefind's own search interfaces, and its web worker
# (theme/assets/javascripts/search.js searches on the page's thread).
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js", "pagefind-worker.js")


class SearchIndexError(Exception):
    """The index could not be built; the message is Vietnamese and says what to do."""


@dataclass(frozen=True)
class IndexReport:
    pages: int
    seconds: float
    reused: bool = False  # the bundle of an earlier build with the very same documents, from the cache


def executable(configured: str = "") -> Path:
    """The Pagefind program: ``configured``, else $PAGEFIND_BINARY_PATH (Pagefind's own variable), else the one
    pip installed, else one on the PATH."""
    chosen = configured or os.environ.get("PAGEFIND_BINARY_PATH", "")
    if not chosen:
        # pagefind-bin is installed with the project; pagefind-bin-extended (CJK support) works as well
        for package in ("pagefind_bin", "pagefind_bin_extended"):
            try:
                return Path(importlib.import_module(package).get_executable())
            except ImportError:
                pass
        chosen = shutil.which("pagefind") or shutil.which("pagefind_extended") or ""
    path = Path(chosen) if chosen else None
    if path is None or not path.is_file() or not os.access(path, os.X_OK):
        raise SearchIndexError(
            f"Không tìm thấy chương trình Pagefind{f' ({chosen})' if chosen else ''} để tạo chỉ mục tìm kiếm. "
            "Cài lại dự án (python3 -m pip install -e .) hoặc trỏ biến PAGEFIND_BINARY_PATH tới chương trình.")
    return path


def source_document(record: Indexed) -> str:
    """The HTML Pagefind reads for one page: its sort keys, the metadata a result shows, and its words.

    Pagefind reads these instead of the published pages: it parses a tenth of the bytes (the build's index step
    takes about half the time at 10,000 initiatives), and no published page carries words only Pagefind needs.
    ``lang="vi"`` names the index's language; every value is escaped.
    """
    sorts = "".join(f'<span data-pagefind-sort="{key}[data-value]" data-value="{escape(value)}"></span>'
                    for key, value in record.sorts)
    meta = "".join(f'<span data-pagefind-meta="{key}[data-value]" data-value="{escape(value)}"></span>'
                   for key, value in record.meta)
    words = "".join(f'<p data-pagefind-weight="{weight}">{escape(text)}</p>' for weight, text in record.words)
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"></head>'
            f'<body><main data-pagefind-body>{sorts}{meta}{words}</main></body></html>\n')


def write_sources(records: dict[str, Indexed], folder: Path) -> None:
    """Each record's document at its page's path in ``folder`` (URL "sang-kien/a/b/" -> sang-kien/a/b/index.html)."""
    _write_documents({url: source_document(record) for url, record in records.items()}, folder)


def _write_documents(documents: dict[str, str], folder: Path) -> None:
    for url, document in documents.items():
        path = folder / url / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document, encoding="utf-8")


def build_index(site_dir: Path, records: dict[str, Indexed], configured: str = "",
                cache: Path | None = None) -> IndexReport:
    """Index ``records`` (page URL -> what the search finds there) into ``site_dir/pagefind/``; every record must
    be in the index. With ``cache``, a bundle made from the very same documents by the same program is reused."""
    return Indexing(records, configured, cache).finish(site_dir)


class Indexing:
    """One run of Pagefind, started as soon as the records are known and finished after the pages are written.

    Pagefind works on one core for a long while (about 16 s at 10,000 initiatives); it reads its own documents,
    not the pages, so it runs beside the rendering of the pages instead of after it.
    """

    def __init__(self, records: dict[str, Indexed], configured: str = "", cache: Path | None = None):
        self.started = time.perf_counter()
        self.expected = len(records)
        self.cache = cache
        self.kept: Path | None = None  # an intact bundle of the cache made from the same documents
        self.process: subprocess.Popen | None = None
        self.scratch: Path | None = None
        if not records:
            return  # nothing published yet: Pagefind cannot build an empty index (it exits 1)
        self.program = executable(configured)
        self.documents = {url: source_document(record) for url, record in sorted(records.items())}
        self.key = _key(self.program, self.documents)
        if cache is not None and _intact(cache / self.key):
            self.kept = cache / self.key
        else:
            self._start()

    def _start(self) -> None:
        self.scratch = Path(tempfile.mkdtemp(prefix="sangkien-search-"))
        _write_documents(self.documents, self.scratch / "sources")
        try:
            # cwd is the scratch folder: a pagefind.yml lying in the project must not change what is indexed
            self.process = subprocess.Popen(
                [str(self.program), "--site", ".", "--output-path", str(self.scratch / "bundle"), "--quiet"],
                cwd=self.scratch / "sources", stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                env={**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(INDEX_CHUNK_SIZE)})
        except OSError as error:
            self.cancel()
            message = f"Không chạy được Pagefind ({self.program}) để tạo chỉ mục tìm kiếm: {error}"
            raise SearchIndexError(message) from error

    def finish(self, site_dir: Path) -> IndexReport:
        """Wait for Pagefind, check its bundle and put it at ``site_dir/pagefind/``."""
        if not self.expected:
            return IndexReport(0, 0.0)
        bundle = Path(site_dir).resolve() / BUNDLE
        # an earlier bundle's files may be links to the cache: removed, never written through
        shutil.rmtree(bundle, ignore_errors=True)
        if self.kept is not None:
            if _restore(self.kept, bundle):
                return IndexReport(self.expected, time.perf_counter() - self.started, reused=True)
            self._start()  # the kept bundle went away meanwhile: index now
        try:
            self._wait()
            bundle.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(self.scratch / "bundle"), str(bundle))
        finally:
            self.cancel()
        entry = _entry(bundle)
        pages = sum(language.get("page_count", 0) for language in entry["languages"].values())
        if pages != self.expected:
            raise SearchIndexError(f"Chỉ mục tìm kiếm có {pages} trang, cần {self.expected} (mỗi sáng kiến và mỗi "
                                   "tin một trang): kiểm tra generator/search_index.py.")
        for name in _UNUSED:
            (bundle / name).unlink(missing_ok=True)
        _sort_metadata(bundle, entry)
        if self.cache is not None:
            _store(bundle, self.cache, self.key)
        return IndexReport(pages, time.perf_counter() - self.started)

    def _wait(self) -> None:
        stdout, stderr = self.process.communicate()
        if self.process.returncode != 0:
            output = (stderr or stdout).strip()[-2000:]
            raise SearchIndexError(f"Pagefind dừng với mã {self.process.returncode} khi tạo chỉ mục tìm kiếm:\n{output}")

    def cancel(self) -> None:
        """Stop Pagefind if it still runs and remove the scratch folder (a failed build leaves nothing behind)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None


# ---------------------------------------------------------------------------------------------------------------
# Bundles kept between builds. Pagefind takes the largest part of a rebuild, and a rebuild after a change to the
# theme or to a page the search does not find gives it the same documents: the bundle is then taken from the
# cache. The key covers every document, the program's bytes and this module's code (which rewrites the metadata),
# so a bundle is only reused for exactly the inputs that made it. Only the last bundles are kept.

_KEPT = 2


def _key(program: Path, documents: dict[str, str]) -> str:
    digest = hashlib.sha256(program.read_bytes())
    digest.update(Path(__file__).read_bytes() + str(INDEX_CHUNK_SIZE).encode())
    for url, document in documents.items():
        digest.update(f"{url}\0{document}\0".encode())
    return digest.hexdigest()


_MANIFEST = "manifest.json"  # beside the kept bundle: each file's SHA-256, checked before the bundle is reused


def _digests(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _intact(kept: Path) -> bool:
    """The kept bundle is there, and every file of it is what was stored."""
    try:
        return _digests(kept) == json.loads((kept.parent / f"{kept.name}.{_MANIFEST}").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False


def _restore(kept: Path, bundle: Path) -> bool:
    """Link the kept bundle's files into the site; False (and nothing left in the site) if that fails."""
    try:
        shutil.copytree(kept, bundle, copy_function=link_or_copy, dirs_exist_ok=True)
        os.utime(kept)  # most recently used: kept longest
    except (OSError, ValueError):
        shutil.rmtree(bundle, ignore_errors=True)
        return False
    return True


def _store(bundle: Path, cache: Path, key: str) -> None:
    """Keep a copy of the finished bundle under ``key``, written whole or not at all; drop the oldest."""
    try:
        cache.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(dir=cache, prefix=".new-"))
        shutil.copytree(bundle, scratch, copy_function=link_or_copy, dirs_exist_ok=True)
        manifest = json.dumps(_digests(scratch), sort_keys=True)
        target = cache / key
        shutil.rmtree(target, ignore_errors=True)
        os.replace(scratch, target)
        (cache / f"{key}.{_MANIFEST}").write_text(manifest, encoding="utf-8")
        kept = sorted((path for path in cache.iterdir() if path.is_dir() and not path.name.startswith(".")),
                      key=lambda path: path.stat().st_mtime_ns, reverse=True)
        for old in kept[_KEPT:]:
            shutil.rmtree(old, ignore_errors=True)
            (cache / f"{old.name}.{_MANIFEST}").unlink(missing_ok=True)
    except OSError:
        pass  # a cache that cannot be written only makes the next build slower


def _entry(bundle: Path) -> dict:
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SearchIndexError(f"Pagefind không ghi được chỉ mục tìm kiếm vào {bundle}: {error}") from error
    if not (bundle / "pagefind.js").is_file() or not isinstance(entry.get("languages"), dict):
        raise SearchIndexError(f"Pagefind ghi chỉ mục tìm kiếm không đầy đủ vào {bundle}.")
    return entry


# ---------------------------------------------------------------------------------------------------------------
# The same bytes every build. Pagefind 1.5.2 writes the sort orders in its metadata file (pagefind.<hash>.pf_meta)
# in the order of a Rust hash map, which changes from run to run; everything else it writes is the same for the
# same site. The file is gzip of "pagefind_dcd" and a CBOR list whose fifth item is the list of [sort key, page
# numbers]: it is written again with the sorts in key order, under a name from its new content, and
# pagefind-entry.json is pointed at it. A file this code does not read back byte for byte is left as it is.

_SIGNATURE = b"pagefind_dcd"
_SORTS = 4


def _sort_metadata(bundle: Path, entry: dict) -> None:
    for language, index in entry["languages"].items():
        path = bundle / f"pagefind.{index['hash']}.pf_meta"
        try:
            data = gzip.decompress(path.read_bytes())
            meta, end = _cbor_decode(data, len(_SIGNATURE))
        except (OSError, ValueError, IndexError, struct.error):
            continue
        if not data.startswith(_SIGNATURE) or end != len(data) or _cbor_encode(meta) != data[len(_SIGNATURE):]:
            continue
        if not (len(meta) > _SORTS and all(isinstance(sort, list) and sort and isinstance(sort[0], str)
                                           for sort in meta[_SORTS])):
            continue
        meta[_SORTS].sort(key=lambda sort: sort[0])
        body = _SIGNATURE + _cbor_encode(meta)
        digest = f"{language}_{hashlib.sha256(body).hexdigest()[:10]}"
        path.unlink()
        (bundle / f"pagefind.{digest}.pf_meta").write_bytes(gzip.compress(body, mtime=0))
        index["hash"] = digest
    (bundle / "pagefind-entry.json").write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                                                encoding="utf-8")


# The part of CBOR (RFC 8949) Pagefind's metadata uses: integers, strings, lists; shortest forms, as it writes.

def _cbor_head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, "B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if value < 1 << (8 * struct.calcsize(size)):
            return bytes([major << 5 | info]) + struct.pack(size, value)
    raise ValueError(value)


def _cbor_encode(item) -> bytes:
    if isinstance(item, bool) or item is None:
        raise ValueError(item)
    if isinstance(item, int):
        return _cbor_head(0, item) if item >= 0 else _cbor_head(1, -1 - item)
    if isinstance(item, bytes):
        return _cbor_head(2, len(item)) + item
    if isinstance(item, str):
        data = item.encode("utf-8")
        return _cbor_head(3, len(data)) + data
    if isinstance(item, list):
        return _cbor_head(4, len(item)) + b"".join(_cbor_encode(part) for part in item)
    raise ValueError(item)


def _cbor_decode(data: bytes, at: int):
    """The item starting at ``data[at]`` and where it ends; ValueError for anything but the forms above."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        value = info
    elif info <= 27:
        size = 1 << (info - 24)
        value = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise ValueError(info)
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major in (2, 3):
        chunk = data[at:at + value]
        return (bytes(chunk) if major == 2 else chunk.decode("utf-8")), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _cbor_decode(data, at)
            items.append(item)
        return items, at
    raise ValueError(major)
