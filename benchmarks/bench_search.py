#!/usr/bin/env python3
"""What a search downloads: the index files a query reads before its first screen of results is shown.

    python3 benchmarks/bench_search.py                       # bench_build's tree of 10,000 initiatives
    python3 benchmarks/bench_search.py --size 100000         # about 3 minutes, most of it writing the tree
    python3 benchmarks/bench_search.py --content DIR         # any content tree (e.g. the shipped `content`)

Makes the search index of the tree's published initiatives and news (generator/search_index.py, in this process:
no MkDocs, no site written but the index) and runs the site's own reader, theme/assets/javascripts/search_index.js,
under Node.js (search_reads.mjs beside this script) over it, counting the files each search downloads: the word
and code files of its query words and a sort key's files, then the result files of the first screen (20 results,
as the search page shows). Each search starts as a new visitor's would, after the table of contents. Sizes are
raw and compressed by gzip at level 6, as a host that compresses JSON sends them.

The searches: words typed into the box (short and long, a unit's name, a registration code), then every
initiative, the largest and the smallest unit sorted by benefit ("Làm lợi nhiều nhất"). Nothing is timed: the
figures are bytes, the same on any machine for the same tree.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import bench_build  # noqa: E402
from generator import search, search_index  # noqa: E402  (bench_build put the project on the path)
from generator.clock import publish_date  # noqa: E402
from generator.content import load  # noqa: E402
from generator.synth import write_tree  # noqa: E402

SCREEN = 20  # browse.js: PAGE_SIZE
READER = bench_build.ROOT / "theme" / "assets" / "javascripts" / "search_index.js"


def reads(files: dict[str, bytes], searches: list[tuple[str, str | None]], screen: int = SCREEN) -> list[dict]:
    """What search_index.js does for each (folded query, sort key or None) over the index ``files`` (as
    search_index.build gives them): {count, first: page numbers, index: files read, results: result files read},
    the files named as in the index's folder ("tu/di.<hash>.json")."""
    with tempfile.TemporaryDirectory(prefix="sangkien-index-") as site:
        for path, data in files.items():
            (Path(site) / path).parent.mkdir(parents=True, exist_ok=True)
            (Path(site) / path).write_bytes(data)
        folder = Path(site, search_index.FOLDER).resolve()
        ran = subprocess.run(["node", str(HERE / "search_reads.mjs"), str(READER), str(folder), str(screen)],
                             input=json.dumps([{"text": text, "sort": sort} for text, sort in searches]),
                             capture_output=True, text=True, check=True)
    return json.loads(ran.stdout)


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
    listed = searches(site)
    lines = [f"{len(site.initiatives):,} initiatives, {len(site.news):,} news; index: {len(files):,} files, "
             f"{sum(map(len, files.values())) / 1e6:.1f} MB",
             f"table of contents: {sizes(files, [search_index.TABLE])}", "",
             "| search | found | index files read, raw / gzip | result files of the first screen |",
             "| --- | ---: | --- | --- |"]
    for (label, _, _), answer in zip(listed, reads(files, [(text, sort) for _, text, sort in listed])):
        lines.append(f"| {label} | {answer['count']:,} | {sizes(files, answer['index'])} | "
                     f"{sizes(files, answer['results'])} |")
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
