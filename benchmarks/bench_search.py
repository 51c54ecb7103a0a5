#!/usr/bin/env python3
"""What a search downloads: the index files a query reads before its first screen of results is shown.

    python3 benchmarks/bench_search.py                       # bench_build's tree of 10,000 initiatives
    python3 benchmarks/bench_search.py --size 100000         # about 3 minutes, most of it writing the tree
    python3 benchmarks/bench_search.py --content DIR         # any content tree (e.g. the shipped `content`)

Makes the search index of the tree's published initiatives and news (generator/search_index.py, in this process:
no MkDocs, no site written) and, for each search below, reads it as theme/assets/javascripts/search_index.js
does, counting the files it would download: the table of contents (once, on a search box's first use), each query
word's word and code files, a sort key's files, and the result files of the first screen (20 results, as the
search page shows). Sizes are raw and compressed by gzip at level 6, as a host that compresses JSON sends them.

The searches: words typed into the box (short and long, a unit's name, a registration code), then every
initiative, the largest and the smallest unit sorted by benefit ("Làm lợi nhiều nhất"). Nothing is timed: the
figures are bytes, the same on any machine for the same tree.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_build  # noqa: E402
from generator import search, search_index  # noqa: E402  (bench_build put the project on the path)
from generator.clock import publish_date  # noqa: E402
from generator.content import load  # noqa: E402
from generator.synth import write_tree  # noqa: E402

SCREEN = 20  # browse.js: PAGE_SIZE
PART = 0.5  # search_index.js: PART


class Reader:
    """The index's files, read as search_index.js reads them; each file counted once, as the browser keeps it."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files, self.read_paths = files, []
        self.table = self.read(search_index.TABLE)

    def read(self, path: str):
        data = self.files[search_index.FOLDER + path]
        if path not in self.read_paths:
            self.read_paths.append(path)
        return json.loads(data)

    def whole_only(self, term: str) -> bool:
        return len(term) < 2 or sum(prefix.startswith(term) for prefix in self.table["words"]) > self.table["widest"]

    def beginnings(self, term: str, files: dict, whole: bool) -> list[str]:
        if len(term) < 2:
            return [term] if term in files else []
        return [prefix for prefix in files if len(prefix) >= 2
                and (term.startswith(prefix) or (not whole and prefix.startswith(term)))]

    def scores_of(self, term: str) -> dict[int, float]:
        whole, weights, scores = self.whole_only(term), self.table["weights"], {}
        found = [entry for prefix in self.beginnings(term, self.table["words"], whole) for entry in
                 self.read(f"tu/{search_index.file_name(prefix)}.{self.table['words'][prefix]}.json")]
        found += [entry for prefix in self.beginnings(term, self.table["codes"], True) for entry in
                  self.read(f"ma/{search_index.file_name(prefix)}.{self.table['codes'][prefix]}.json")
                  if entry[0] == term]
        for word, title, other in found:
            if word != term if whole else not word.startswith(term):
                continue
            share = 1 if word == term else PART
            for gaps, weight in ((title, weights["title"]), (other, weights["other"])):
                for page in itertools.accumulate(gaps):
                    scores[page] = max(scores.get(page, 0), weight * share)
        return scores

    def first_screen(self, text: str, sort: str | None = None) -> tuple[int, list[int]]:
        """How many pages the search finds, and the first screen of them (page numbers)."""
        each = sorted((self.scores_of(term) for term in dict.fromkeys(search.folded_words(text))), key=len)
        total = dict(each[0]) if each else {}
        for scores in each[1:]:
            total = {page: score + scores[page] for page, score in total.items() if page in scores}
        if sort is None:
            ranked = sorted(total, key=lambda page: (-total[page], page))
            return len(ranked), ranked[:SCREEN]
        return self.by_key(total, sort)

    def by_key(self, total: dict, key: str) -> tuple[int, list[int]]:
        files = self.table["sorts"][key]
        without = set(itertools.accumulate(self.read(f"xep/{key}/thieu.{files['missing']}.json")))
        count = sum(page not in without for page in total)
        parts, wanted = files["parts"], min(SCREEN, count)
        found, start, batch = [], 0, 1
        while len(found) < wanted and start < len(parts):  # in batches of 1, 2, 4, ... parts
            for number in range(start, min(start + batch, len(parts))):
                found += [page for page in self.read(f"xep/{key}/{number}.{parts[number]}.json") if page in total]
            start, batch = start + batch, batch * 2
        if len(found) < wanted:
            found += [page for page in itertools.accumulate(self.read(f"xep/{key}/cuoi.{files['least']}.json"))
                      if page in total]
        return count, found[:SCREEN]

    def show(self, pages: list[int]) -> None:
        for number in sorted({page // self.table["pages_per_file"] for page in pages}):
            self.read(f"trang/{number}.{self.table['page_files'][number // self.table['files_per_hash']]}.json")


def searches(site) -> list[tuple[str, str, str | None]]:
    """(label, folded query, sort key): words typed, then lists sorted by benefit."""
    by_size = sorted(site.units, key=lambda unit: sum(item.unit == unit.id for item in site.initiatives))
    code = next((item.code for item in site.initiatives if item.code), "")
    initiatives = search.filter_word(search.KIND, search.INITIATIVE)
    return [("th", "th", None), ("thu", "thu", None), ("evn", "evn", None), ("evnhanoi", "evnhanoi", None),
            ("dien luc thu duc", "dien luc thu duc", None), (f"a code ({code})", code.lower(), None),
            ("every initiative, by benefit", initiatives, search.BENEFIT),
            (f"the largest unit ({by_size[-1].short_name}), by benefit",
             search.filter_word(search.UNIT, by_size[-1].id), search.BENEFIT),
            (f"the smallest unit ({by_size[0].short_name}), by benefit",
             search.filter_word(search.UNIT, by_size[0].id), search.BENEFIT)]


def sizes(files: dict[str, bytes], paths: list[str]) -> str:
    data = [files[search_index.FOLDER + path] for path in paths]
    raw, packed = sum(map(len, data)), sum(len(gzip.compress(item, 6)) for item in data)
    return f"{len(data)} files, {raw / 1000:.1f} KB / {packed / 1000:.1f} KB"


def report(site) -> list[str]:
    files = search_index.build(search.records(site))
    reader = Reader(files)
    lines = [f"{len(site.initiatives):,} initiatives, {len(site.news):,} news; index: {len(files):,} files, "
             f"{sum(map(len, files.values())) / 1e6:.1f} MB",
             f"table of contents: {sizes(files, [search_index.TABLE])}", "",
             "| search | found | index files read, raw / gzip | result files of the first screen |",
             "| --- | ---: | --- | --- |"]
    for label, text, sort in searches(site):
        reader.read_paths = []
        count, first = reader.first_screen(text, sort)
        index = list(reader.read_paths)
        reader.read_paths = []
        reader.show(first)
        lines.append(f"| {label} | {count:,} | {sizes(files, index)} | {sizes(files, reader.read_paths)} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000, help="initiatives of bench_build's tree (default 10,000)")
    parser.add_argument("--content", type=Path, help="a content tree to read instead of writing one")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sangkien-search-") as work:
        content_dir = args.content
        if content_dir is None:
            content_dir = Path(work) / "content"
            write_tree(content_dir, initiatives=args.size, news=bench_build.news_for(args.size), seed=bench_build.SEED)
        loaded = load(content_dir)
        if loaded.problems:
            print("\n".join(map(str, loaded.problems)), file=sys.stderr)
            return 1
        print("\n".join(report(loaded.site.published(publish_date()))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
