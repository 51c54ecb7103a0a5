#!/usr/bin/env python3
"""Where a warm rebuild's work that grows with the number of initiatives goes: each part timed alone, in one process.

    python3 benchmarks/bench_parts.py                    # 10,000 initiatives, 5 repetitions
    python3 benchmarks/bench_parts.py --size 1000 --repeat 3

After one edit, a warm rebuild (bench_build.py's w and r) still reads every initiative back from the content
cache, checks the rules across files, assembles the model and makes every page definition, since the statistics
read every initiative. bench_floor.py measures what a rebuild costs whatever it skips; this script measures these
parts, on bench_build's tree of ``--size`` initiatives (its seed, news = 2% of N, at least 20) with a content cache
filled by a first load. Each repetition edits the first initiative's title (bench_build.edit_one_initiative), then
times, with the collector paused as the build pauses it (generator/collector.py):

  records     every file's record: read and hashed, the edited one parsed, the rest read back from the cache
              (content/reader.py read_content, the cache saved);
  checks      the rules across files (content/rules.py check_all);
  model       the model assembled from the records (content/assemble.py), the drafts and future news left out;
  pages, by kind, in the build's order (pages.KINDS): the initiative pages as pages.base.Pending, as a build of
              the lean path makes them. A figure several kinds show is computed by the first that asks for it;
  site files  open data and feeds (generator/sitefiles.py).

and, beside them, what a build does instead of the first three since the model is kept between builds
(generator/content/snapshot.py): a load that lists the tree, reads back the model the load before the edits kept
(written once the tree is older than snapshot.RACY_NS) and reads the edited file alone ("from the kept model").

It also prints what carrying state from one build to the next would cost, pickled at the end of a build and read
back at the start of the next (the medians of ``pickle.dumps`` and ``pickle.loads``, and the pickle's size):

  the model             the least that could stand instead of records, checks and model; updating it after the
                        edit, and the checks that needs, would come on top;
  what serving keeps    what ``mkdocs serve`` holds to update the site file by file (generator/serving.py): the
                        records of a load with ``keep``, the model and every page definition made whole. Its tables
                        kept by identity (identity.ByIdentity: the values made from each file, what each file's
                        rules found) are left out: keyed by where objects lie in memory, they cannot be carried as
                        they are. So this is the least carrying that state would cost.

Medians of ``--repeat``, in seconds. Nothing is asserted. bench_build.py says where the builds' own figures come
from; these parts are a part of them, measured without the processes, MkDocs or the disk writes around them.
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench_build, beside this file

import bench_build  # noqa: E402
from bench_build import edit_one_initiative  # noqa: E402
from generator import collector, content, sitefiles  # noqa: E402  (bench_build put the project on the path)
from generator.clock import publish_date  # noqa: E402
from generator.content import assemble, snapshot  # noqa: E402
from generator.content.cache import RecordCache  # noqa: E402
from generator.content.problems import Problems  # noqa: E402
from generator.content.reader import read_content  # noqa: E402
from generator.content.rules import check_all  # noqa: E402
from generator.model import Site  # noqa: E402
from generator.pages import KINDS, SiteInfo, build_pages, initiatives, summaries  # noqa: E402
from generator.synth import write_tree  # noqa: E402

INFO = SiteInfo("Sáng kiến Hub", "https://sangkien.example.org/")
LOAD = ("records", "checks", "model")
KEPT = "from the kept model"


def kind_name(kind) -> str:
    return kind.__name__.rsplit(".", 1)[-1]


def load(tree: Path, cache_dir: Path, times: dict[str, list[float]]) -> Site:
    """The model of ``tree``, each step's seconds appended to ``times``."""
    problems = Problems()
    started = time.perf_counter()
    cache = RecordCache(cache_dir)
    raw = read_content(tree, "content", problems, cache)
    cache.save()
    checked = time.perf_counter()
    check_all(raw, problems)
    assembled = time.perf_counter()
    if problems:
        sys.exit(f"the synthetic tree has problems: {problems.sorted()[0]}")
    site = assemble.site(raw).published(publish_date())
    ended = time.perf_counter()
    for step, seconds in zip(LOAD, (checked - started, assembled - checked, ended - assembled)):
        times[step].append(seconds)
    return site


def kept_model(tree: Path, cache_dir: Path) -> None:
    """The snapshot the next loads start from, once every file of ``tree`` is old enough not to be read again."""
    time.sleep(snapshot.RACY_NS / 1e9)
    loaded = content.load(tree, "content", cache_dir)
    if loaded.problems:
        sys.exit(f"the synthetic tree has problems: {loaded.problems[0]}")
    content.save_snapshot(cache_dir, loaded.unsaved)


def from_kept_model(tree: Path, cache_dir: Path, edited: Path, times: dict[str, list[float]]) -> Site:
    """The model as a build loads it after the edit: from the kept one, the edited file read alone."""
    started = time.perf_counter()
    loaded = content.load(tree, "content", cache_dir)
    times[KEPT].append(time.perf_counter() - started)
    if loaded.reread != (f"content/{edited.relative_to(tree).as_posix()}",):
        sys.exit(f"the load did not start from the kept model: it read {loaded.reread}")
    return loaded.site.published(publish_date())


def define(site: Site, times: dict[str, list[float]]) -> int:
    """Every page definition of ``site``, kind by kind, as a build of the lean path makes them (how many is
    returned); then the site files, which use the figures the pages computed."""
    count = 0
    try:
        for kind in KINDS:
            started = time.perf_counter()
            made = initiatives.each_page(site, INFO, later=True) if kind is initiatives else kind.pages(site, INFO)
            count += sum(1 for _ in made)
            times[kind_name(kind)].append(time.perf_counter() - started)
    finally:
        summaries.forget(keep=site)
    started = time.perf_counter()
    sitefiles.files(site, INFO)
    times["site files"].append(time.perf_counter() - started)
    return count


def kept_states(tree: Path, cache_dir: Path) -> dict[str, object]:
    """What a build could keep for the next one, by name (see the module's docstring)."""
    loaded = content.load(tree, "content", cache_dir, keep=True)
    if loaded.problems:
        sys.exit(f"the synthetic tree has problems: {loaded.problems[0]}")
    site = loaded.site.published(publish_date())
    definitions = build_pages(site, INFO)  # made whole, as serving makes them
    return {"the model": site, "what serving keeps": (loaded.raw, loaded.site, site, definitions)}


def carried(state: object, repeat: int) -> tuple[float, float, int]:
    """The median seconds of pickling ``state`` and of reading it back, and the pickle's size."""
    written, read = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        kept = pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)
        written.append(time.perf_counter() - started)
        started = time.perf_counter()
        pickle.loads(kept)
        read.append(time.perf_counter() - started)
    return statistics.median(written), statistics.median(read), len(kept)


def measure(size: int, repeat: int, work: Path) -> tuple[dict[str, float], int, dict[str, tuple[float, float, int]]]:
    """The median seconds of each part, how many pages there are and what carrying each kept state costs
    (``carried``, by name)."""
    tree, cache_dir = work / f"n{size}", work / "cache"
    write_tree(tree, initiatives=size, news=bench_build.news_for(size), seed=bench_build.SEED)
    bench_build.written_out()
    steps = [*LOAD, *map(kind_name, KINDS), "site files", KEPT]
    times: dict[str, list[float]] = {step: [] for step in steps}
    with collector.paused():
        load(tree, cache_dir, {step: [] for step in LOAD})  # fills the content cache
        kept_model(tree, cache_dir)
        for repetition in range(1, repeat + 1):
            edited, original = edit_one_initiative(tree, f"sửa lần {repetition}")
            try:
                site = load(tree, cache_dir, times)
                if from_kept_model(tree, cache_dir, edited, times) != site:
                    sys.exit("the load from the kept model gave another model than a whole load")
            finally:
                edited.write_text(original, encoding="utf-8")
            pages = define(site, times)  # a new site each time: no figure is remembered from the last
            total = sum(values[-1] for step, values in times.items() if step != KEPT)
            print(f"  #{repetition}: records {times['records'][-1]:.2f} s, all parts {total:.2f} s, "
                  f"{KEPT} {times[KEPT][-1]:.2f} s", flush=True)
        states = {name: carried(state, repeat) for name, state in kept_states(tree, cache_dir).items()}
    return {step: statistics.median(values) for step, values in times.items()}, pages, states


def report(size: int, repeat: int, median: dict[str, float], pages: int,
           states: dict[str, tuple[float, float, int]]) -> list[str]:
    load_total = sum(median[step] for step in LOAD)
    pages_total = sum(median[kind_name(kind)] for kind in KINDS)
    lines = [f"\nmedians of {repeat}, {size:,} initiatives, in seconds:",
             f"  {'load after one edit':32s}{load_total:6.2f}"]
    lines += [f"    {step:30s}{median[step]:6.2f}" for step in LOAD]
    lines += [f"  {f'page definitions ({pages:,})':32s}{pages_total:6.2f}"]
    lines += [f"    {kind_name(kind):30s}{median[kind_name(kind)]:6.2f}" for kind in KINDS]
    lines += [f"  {'site files':32s}{median['site files']:6.2f}",
              f"  {'all parts':32s}{load_total + pages_total + median['site files']:6.2f}",
              f"  {'load ' + KEPT:32s}{median[KEPT]:6.2f}   (a build's load after one edit, instead of the first)",
              "kept from one build to the next, pickled at its end and read back at the next one's start:",
              f"  {'':32s}{'write':>6s}{'read':>6s}"]
    lines += [f"  {name:32s}{written:6.2f}{read:6.2f}   {pickled / 1e6:.1f} MB"
              for name, (written, read, pickled) in states.items()]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000, help="initiatives of the tree")
    parser.add_argument("--repeat", type=int, default=5, help="measurements of each part (median reported)")
    parser.add_argument("--workdir", type=Path, help="where to write the tree and cache (default: a temporary folder)")
    args = parser.parse_args(argv)
    for line in bench_build.machine():
        print(line)
    with bench_build.work_folder("parts", args.workdir) as work:
        median, pages, states = measure(args.size, args.repeat, work)
    print("\n".join(report(args.size, args.repeat, median, pages, states)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
