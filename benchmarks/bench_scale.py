#!/usr/bin/env python3
"""Scale benchmark: cold builds of a large synthetic site against cold builds of a small one, median against median.

    python3 benchmarks/bench_scale.py                       # 100,000 initiatives against 10,000
    python3 benchmarks/bench_scale.py --small 1000 --large 10000 --repeat 1 --repeat-large 1

The small tree is the one of benchmarks/bench_build.py (its seed, news = 2% of N); the large one is
``sangkien synth --initiatives LARGE --news LARGE/50 --seed 1``. The builds are cold (empty cache), unwatched and
interleaved (small, large, small, large, ...: ``--repeat`` of the small tree, ``--repeat-large`` of the large one),
each into a fresh folder, the folders of earlier builds moved aside and deleted at the end (bench_build.py says why);
each build's processor and system time are printed with it. Each starts once every file written before it is on
the disk (bench_build.written_out, not timed): the kernel writes a file back about 30 s after it was written, so
without it a build paid for writing back the one before it, most of all the small build after a large one.
The ratio is that of the two medians; each large build's time against the small median is printed too, since one
build of the same code may be 5-10% slower or faster than the next. Start it ten minutes or more after anything
large was deleted on the same file system: for some minutes after, creating files costs the kernel far more, and a
build that creates more files more so (benchmarks/RESULTS.md, "Deleted before a build").
With ``--watch``, one more build of the large tree follows, watched for its peak memory (the process tree's PSS
every 50 ms) and not timed. Nothing is asserted; it prints the times, the ratio and the peaks.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench_build, beside this file

import bench_build  # noqa: E402
from bench_build import Run, build_generator, megabytes, move_aside, old_folder  # noqa: E402
from generator.synth import write_tree  # noqa: E402  (bench_build put the project on the path)


def _build(tree: Path, work: Path, watch: bool = False) -> Run:
    out, cache = work / f"site-{tree.name}", work / f"cache-{tree.name}"
    for folder in (out, cache):
        move_aside(folder, old_folder(work))
    bench_build.written_out()
    run = build_generator(tree, out, cache, watch)
    kind = "watched, not timed" if watch else "timed"
    # the system time shows what files deleted before the build cost it (benchmarks/RESULTS.md, "Deleted before")
    print(f"  {tree.name}: {run.seconds:.2f} s ({kind}, processor {run.cpu:.2f} s, system {run.system:.2f} s), "
          f"peak {megabytes(run.peak_rss)} MB, {run.output_files:,} files, {megabytes(run.output_bytes)} MB",
          flush=True)
    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=10_000, help="initiatives of the small tree")
    parser.add_argument("--large", type=int, default=100_000, help="initiatives of the large tree")
    parser.add_argument("--repeat", type=int, default=3, help="builds of the small tree (median reported)")
    parser.add_argument("--repeat-large", type=int, default=3, help="builds of the large tree (median reported)")
    parser.add_argument("--watch", action="store_true", help="one more build of the large tree, for its peak memory")
    parser.add_argument("--workdir", type=Path, help="where to write trees and sites (default: a temporary folder)")
    args = parser.parse_args(argv)
    for line in bench_build.machine():
        print(line)
    with bench_build.work_folder("scale", args.workdir) as work:
        small, large = work / f"n{args.small}", work / f"n{args.large}"
        write_tree(small, initiatives=args.small, news=bench_build.news_for(args.small), seed=bench_build.SEED)
        write_tree(large, initiatives=args.large, news=max(20, args.large // 50), seed=1)
        small_runs, large_runs = [], []
        for turn in range(max(args.repeat, args.repeat_large)):
            if turn < args.repeat:
                small_runs.append(_build(small, work))
            if turn < args.repeat_large:
                large_runs.append(_build(large, work))
        median = statistics.median(run.seconds for run in small_runs)
        large_median = statistics.median(run.seconds for run in large_runs)
        each = ", ".join(f"{run.seconds / median:.2f}x" for run in large_runs)
        print(f"{args.large:,} in {large_median:.2f} s (median of {len(large_runs)}) = {large_median / median:.2f}x "
              f"the median of {args.small:,} ({median:.2f} s); each build of {args.large:,} against that median: "
              f"{each}; biggest process {megabytes(max(run.peak_rss for run in large_runs))} MB")
        if args.watch:
            _build(large, work, watch=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
