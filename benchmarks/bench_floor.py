#!/usr/bin/env python3
"""What a warm rebuild costs at the least, whatever it skips, against the cold build: measured in one run.

    python3 benchmarks/bench_floor.py                   # 10,000 initiatives, 3 repetitions
    python3 benchmarks/bench_floor.py --size 1000 --repeat 1

A warm rebuild after one edit (bench_build.py's w and r) still starts Python, loads MkDocs, Material and this
generator, reads the configuration, renders the theme's own pages and ends; into a fresh output folder it also
makes every folder of the site and links every file into it from the cache. No cache, however clever, removes
these. This script measures them, in one run with the cold build they are compared with:

  (a) the cold build of bench_build.py's tree of ``--size`` initiatives (its seed, news = 2% of N, at least 20),
      empty cache;
  (f) the fixed cost: a warm rebuild, after the same title edit as bench_build's w, of a tree of TINY initiatives
      (same seed, 20 news), into a fresh folder (the site's own pages, search, feeds, sitemap; nothing
      that grows with the number of initiatives is left to matter);
  (fr) the same, into the folder of the previous build (bench_build's r);
  (s) the file system's share of a fresh folder: every folder of (a)'s output made and every file hard-linked
      from it, as the page cache's entries are linked (pagecache.link_or_copy), by plain calls from this process.

It prints their medians, the floor of a warm rebuild into a fresh folder, f + s, and of one in place, fr, each
as a fraction of a. Builds run as child processes (bench_build.measure), folders of earlier builds are moved
aside until the end (bench_build.py says why). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench_build, beside this file

import bench_build  # noqa: E402
from bench_build import build_generator, edit_one_initiative, move_aside, old_folder  # noqa: E402
from generator.synth import write_tree  # noqa: E402  (bench_build put the project on the path)

TINY = 10  # initiatives of the tree whose warm rebuild is the fixed cost


def cold(tree: Path, work: Path) -> tuple[float, Path]:
    """One cold build of ``tree`` into a fresh folder: its time and the folder."""
    out, cache = work / "site-a", work / "cache-a"
    for folder in (out, cache):
        move_aside(folder, old_folder(work))
    return build_generator(tree, out, cache).seconds, out


def warm(tree: Path, work: Path, in_place: bool) -> float:
    """One warm rebuild of ``tree`` after a title edit: into a fresh folder, or ``in_place`` into the last one."""
    out, cache = work / "site-tiny", work / "cache-tiny"
    if not in_place:
        move_aside(out, old_folder(work))
    edited, original = edit_one_initiative(tree, "sửa lại" if in_place else "đã sửa")
    try:
        return build_generator(tree, out, cache).seconds
    finally:
        edited.write_text(original, encoding="utf-8")


def link_tree(site: Path, out: Path) -> float:
    """The seconds it takes to make ``site``'s folders under ``out`` and hard-link each of its files there."""
    folders, files = [], []
    for root, names, file_names in os.walk(site):
        relative = os.path.relpath(root, site)
        folders.extend(os.path.normpath(os.path.join(relative, name)) for name in names)
        files.extend(os.path.normpath(os.path.join(relative, name)) for name in file_names)
    source, target = os.fspath(site), os.fspath(out)
    started = time.perf_counter()
    os.mkdir(target)
    for folder in folders:  # os.walk lists a folder before what it holds
        os.mkdir(os.path.join(target, folder))
    for name in files:
        os.link(os.path.join(source, name), os.path.join(target, name))
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000, help="initiatives of the tree built cold")
    parser.add_argument("--repeat", type=int, default=3, help="measurements of each kind (median reported)")
    parser.add_argument("--workdir", type=Path, help="where to write trees and sites (default: a temporary folder)")
    args = parser.parse_args(argv)
    for line in bench_build.machine():
        print(line)
    with bench_build.work_folder("floor", args.workdir) as work:
        big, tiny = work / f"n{args.size}", work / f"n{TINY}"
        write_tree(big, initiatives=args.size, news=bench_build.news_for(args.size), seed=bench_build.SEED)
        write_tree(tiny, initiatives=TINY, news=bench_build.news_for(TINY), seed=bench_build.SEED)
        bench_build.written_out()
        warm(tiny, work, in_place=False)  # the tiny tree's cache and folder
        times: dict[str, list[float]] = {"a": [], "f": [], "fr": [], "s": []}
        for repetition in range(1, args.repeat + 1):  # alternating, so a slow spell of the machine hits each
            seconds, site = cold(big, work)
            times["a"].append(seconds)
            times["f"].append(warm(tiny, work, in_place=False))
            times["fr"].append(warm(tiny, work, in_place=True))
            linked = work / "site-s"
            move_aside(linked, old_folder(work))
            times["s"].append(link_tree(site, linked))
            print(f"  #{repetition}: " + ", ".join(f"{kind} {values[-1]:.2f} s" for kind, values in times.items()),
                  flush=True)
    median = {kind: statistics.median(values) for kind, values in times.items()}
    print(f"\nmedians of {args.repeat}: a {median['a']:.2f} s; f {median['f']:.2f} s; fr {median['fr']:.2f} s; "
          f"s {median['s']:.2f} s")
    fresh = median["f"] + median["s"]
    print(f"floor of a warm rebuild into a fresh folder, f + s = {fresh:.2f} s = {fresh / median['a']:.3f} a")
    print(f"floor of a warm rebuild in place, fr = {median['fr']:.2f} s = {median['fr'] / median['a']:.3f} a")
    return 0


if __name__ == "__main__":
    sys.exit(main())
