#!/usr/bin/env python3
"""Build-time benchmark: this generator against stock MkDocs + Material on the same initiatives.

    python3 benchmarks/bench_build.py                          # N = 1,000 and 10,000, 3 repetitions
    python3 benchmarks/bench_build.py --sizes 1000 --repeat 1  # a quick look

For each N it writes a synthetic content tree (``generator.synth``, fixed seed; news: 2% of N, at
least 20, so 200 at 10,000), converts the same published initiatives and news into plain Markdown pages
for a stock MkDocs site (Material, stock search plugin, pages kept out of the nav with ``not_in_nav``),
then times cold builds, alternating:

  (a) ``mkdocs build`` of the project's mkdocs.yml over the synthetic content, with an empty cache
      folder each time (SANGKIEN_CACHE_DIR), so every step the project's build runs is included;
  (b) ``mkdocs build`` of the stock site;

and after each (a), with the cache (a) left behind:

  (w) a warm rebuild after one initiative's title was edited (the edit an author makes most: its page, its card,
      the listings and related initiatives that show it and its search words change), into a fresh output folder;
  (r) after each (w), a rebuild into the folder (w) wrote, after another edit of the same title: what running
      ``mkdocs build`` again does (generator/previous_build.py).

Each build but (r) writes to a fresh output folder, and each runs as its own child process. The folders of earlier
builds (and the content of an earlier size) are moved aside, not deleted, until every build is done (about 4 GB at
10,000): on a file system that avoids reusing inodes freed in the last minute (ext4 without a journal, as on the
machine of the README's figures), creating tens of thousands of files right after deleting tens of thousands made
the kernel search past the freed ones for each new file, which added 2-10 s of system time to a build, unevenly, and
more to the build that creates more files. Timed builds are left alone while they run: the script only waits for
them. Peak memory comes from one more build of each kind, sampled and not timed: the larger of the kernel's exact
peak RSS of the build's own process (``wait4``) and the proportional set size (PSS) summed over the process tree,
sampled every 50 ms, so a build that forks workers is counted whole and the memory the workers share with it is
counted once. Reading PSS makes the kernel walk every page table of the tree (35 ms of a core per sample at 10,000,
while the build's workers wait for the same locks): watched builds of (a) at 10,000 ran 12-48% longer than unwatched
ones, so they are never the ones timed. Output size is the sum of file sizes. Nothing here asserts timings; it
prints a Markdown table to paste into the README (latest run) and benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import datetime as dt
import importlib.metadata
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a fresh clone without installing

from generator import content, formatting  # noqa: E402
from generator.content.schema import RECOGNITION_LEVELS  # noqa: E402
from generator.model import Initiative, NewsPost, Site  # noqa: E402
from generator.synth import write_tree  # noqa: E402

SEED = 20221114  # the day of the letter that asked for the final push; any fixed number would do


# ---------------------------------------------------------------------------------------------------
# Measuring one build


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss: int  # bytes: see "Peak memory" above
    cpu: float  # seconds of processor time, user and system, of the build and of the workers it waited for
    output_bytes: int
    output_files: int
    # the part of ``cpu`` spent in the kernel: on this machine mostly creating files and folders, whose cost moves
    # with what was deleted before (benchmarks/RESULTS.md, "Creating files on this machine")
    system: float


def _tree_memory(pid: int) -> int:
    """Memory of ``pid`` and all its descendants, from /proc (0 once they are gone): the sum of their
    proportional set sizes, which count a page shared by forked workers once across them, not once each."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as rollup:
                total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:")) * 1024
            with open(f"/proc/{current}/task/{current}/children") as children:
                pending.extend(int(child) for child in children.read().split())
        except (FileNotFoundError, ProcessLookupError, ValueError, StopIteration):
            continue
    return total


def measure(command: list[str], env: dict[str, str], cwd: Path, out: Path, sample: bool = False) -> Run:
    """Run one build as a child process; its wall time, peak memory and what it wrote to ``out``. Without
    ``sample`` the peak is only the kernel's figure for the biggest process (nothing disturbs the build); with it,
    also the process tree's sampled PSS (see "Peak memory" above; the time is then not a fair one)."""
    started = time.perf_counter()
    # stderr to a file: a pipe nobody reads while the script waits could fill up and stop the build
    errors = tempfile.TemporaryFile()
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
    sampled = 0
    while True:
        # wait4 (not poll) so the kernel's resource usage of exactly this child comes back with it
        pid, status, usage = os.wait4(process.pid, os.WNOHANG if sample else 0)
        if pid:
            break
        sampled = max(sampled, _tree_memory(process.pid))
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    errors.seek(0)
    stderr = errors.read().decode("utf-8", "replace")
    errors.close()
    if process.returncode != 0:
        sys.exit(f"build failed ({' '.join(command)}):\n{stderr[-3000:]}")
    files = [Path(folder, name) for folder, _, names in os.walk(out) for name in names]
    return Run(seconds, max(usage.ru_maxrss * 1024, sampled), usage.ru_utime + usage.ru_stime,
               sum(path.stat().st_size for path in files), len(files), usage.ru_stime)


def compile_code(folder: Path = ROOT / "generator") -> None:
    """The bytecode of the Python files under ``folder`` written where missing or out of date, as installing a
    package does (pip compiles what it installs): stock MkDocs and Material come compiled from their install, and so
    does this package installed from a wheel. Run from a clone or installed editable, it is compiled by the first
    build that imports it and the bytecode kept for the next, except where Python is told not to write bytecode
    (PYTHONDONTWRITEBYTECODE, set on the machine of the README's figures): there every build compiled the package
    again. Alternating rebuilds in place at 10,000 initiatives, 6 each, took a median 2.56 s without the bytecode
    and 2.46 s with it (benchmarks/RESULTS.md, "Bytecode")."""
    compileall.compile_dir(os.fspath(folder), quiet=1)


def build_generator(content_dir: Path, out: Path, cache: Path, sample: bool = False) -> Run:
    compile_code()  # before the clock starts
    env = {**os.environ, "SANGKIEN_CONTENT_DIR": str(content_dir), "SANGKIEN_CACHE_DIR": str(cache),
           "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)]
    return measure(command, env, ROOT, out, sample)


def build_stock(project: Path, out: Path, sample: bool = False) -> Run:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    return measure(command, env, project, out, sample)


def edit_one_initiative(content_dir: Path, mark: str = "đã sửa") -> tuple[Path, str]:
    """Add ``mark`` to the title of the first initiative file (sorted by path); its path and text before the
    edit."""
    path = min(content_dir.glob("initiatives/*/*.yml"))
    text = path.read_text(encoding="utf-8")
    edited = re.sub(r"^(title: .+)$", rf"\1 ({mark})", text, count=1, flags=re.MULTILINE)
    if edited == text:
        sys.exit(f"no title line to edit in {path}")
    path.write_text(edited, encoding="utf-8")
    return path, text


# ---------------------------------------------------------------------------------------------------
# The stock way: the same items as plain Markdown pages

STOCK_CONFIG = """\
site_name: Sáng kiến Hub (MkDocs thuần)
site_url: http://127.0.0.1:8000/
theme:
  name: material
  language: vi
  font: false
plugins:
  - search
nav:
  - index.md
# With every item in the nav, MkDocs renders the whole nav into each page (about an hour at 10,000).
not_in_nav: |
  /sang-kien/
  /tin-tuc/
"""


def _front_matter(title: str) -> str:
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n"


def initiative_markdown(site: Site, item: Initiative) -> str:
    """What an author would write by hand: the facts as a table, authors as a list, then the description."""
    rows = [("Mã đăng ký", item.code), ("Đơn vị", site.unit_by_id(item.unit).name),
            ("Lĩnh vực", site.field_by_id(item.field).name), ("Ngày đăng ký", formatting.date(item.registered_on))]
    if item.applied_from:
        rows.append(("Ngày áp dụng", formatting.date(item.applied_from)))
    if item.recognition:
        recognition = item.recognition
        rows.append(("Công nhận", f"{RECOGNITION_LEVELS[recognition.level]}, {recognition.decision}, "
                                  f"{formatting.date(recognition.date)}"))
    if item.benefit:
        benefit = item.benefit
        parts = [f"{formatting.number(benefit.vnd_per_year)} đồng/năm" if benefit.vnd_per_year else "",
                 f"{formatting.number(benefit.kwh_per_year)} kWh/năm" if benefit.kwh_per_year else "",
                 benefit.other or ""]
        rows.append(("Giá trị làm lợi", "; ".join(part for part in parts if part)))
    lines = [_front_matter(item.title) + item.summary, "", "| | |", "| --- | --- |"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    lines += ["", "## Tác giả", ""]
    lines += [f"- {author.name}, {author.job_title}" + (f" ({site.unit_by_id(author.unit).short_name})"
                                                        if author.unit != item.unit else "")
              for author in item.authors]
    if item.description:
        lines += ["", "## Mô tả", "", item.description.rstrip("\n")]
    for photo in item.photos:
        lines += ["", f"![{photo.alt}]({photo.path.split('/', 2)[2]})"]
    if item.tags:
        lines += ["", "Từ khoá: " + ", ".join(item.tags)]
    return "\n".join(lines) + "\n"


def news_markdown(post: NewsPost) -> str:
    return f"{_front_matter(post.title)}{post.summary}\n\n{post.body}"


def write_stock_project(site: Site, project: Path) -> None:
    docs = project / "docs"
    docs.mkdir(parents=True)
    (project / "mkdocs.yml").write_text(STOCK_CONFIG, encoding="utf-8")
    (docs / "index.md").write_text("# Sáng kiến\n\nCác sáng kiến và tin tức của phong trào.\n", encoding="utf-8")
    for item in site.initiatives:
        page = docs / "sang-kien" / item.unit / f"{item.slug}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(initiative_markdown(site, item), encoding="utf-8")
        for photo in item.photos:  # initiatives/<unit>/anh/x.png -> sang-kien/<unit>/anh/x.png
            target = docs / "sang-kien" / photo.path.split("/", 1)[1]
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(photo.source, target)
    for post in site.news:
        page = docs / "tin-tuc" / str(post.date.year) / f"{post.slug}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(news_markdown(post), encoding="utf-8")


# ---------------------------------------------------------------------------------------------------
# The run


def news_for(size: int) -> int:
    return max(20, round(size * 0.02))


def machine() -> list[str]:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")), "?")
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    kib = next((int(line.split()[1]) for line in meminfo.splitlines() if line.startswith("MemTotal")), 0)
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        f"date: {dt.date.today().isoformat()}",
        f"machine: {usable} usable cores (nproc; {os.cpu_count()} present), {model}, "
        f"{kib / 1024 ** 2:.1f} GiB RAM, {platform.system()} {platform.release()}",
        f"software: Python {platform.python_version()}, MkDocs {importlib.metadata.version('mkdocs')}, "
        f"Material {importlib.metadata.version('mkdocs-material')}",
        # other work on the machine slows both kinds of build; the ratio suffers less than the seconds
        "load average at start: " + " ".join(f"{load:.2f}" for load in os.getloadavg()),
    ]


def megabytes(value: int) -> str:
    return f"{value / 1e6:,.0f}" if value >= 10e6 else f"{value / 1e6:,.1f}"


def bench_size(size: int, repeat: int, work: Path, keep: bool = False) -> dict:
    content_dir = work / f"n{size}" / "content"
    started = time.perf_counter()
    write_tree(content_dir, initiatives=size, news=news_for(size), seed=SEED)
    generated = time.perf_counter() - started
    loaded = content.load(content_dir)
    if loaded.problems:
        sys.exit(f"synthetic content has problems: {loaded.problems[:3]}")
    site = loaded.site.published(dt.date.today())
    stock = work / f"n{size}" / "stock"
    write_stock_project(site, stock)
    written_out()
    print(f"N={size}: content written in {generated:.1f} s ({len(site.initiatives)} published initiatives, "
          f"{len(site.news)} news)", flush=True)
    runs: dict[str, list[Run]] = {"a": [], "b": [], "w": [], "r": []}
    for repetition in range(1, repeat + 1):
        for kind in ("a", "w", "r", "b"):  # alternating, so a slow spell of the machine hits both
            runs[kind].append(_build(kind, size, work, content_dir, stock, sample=False))
            _report(f"{kind} #{repetition}", runs[kind][-1])
    # peak memory: one more build of each kind, watched as it runs (so not timed: see "Peak memory" above)
    memory = {}
    for kind in ("a", "w", "b"):
        memory[kind] = _build(kind, size, work, content_dir, stock, sample=True)
        _report(f"{kind} memory", memory[kind], timed=False)
    if not keep:
        move_aside(work / f"n{size}", old_folder(work))
    return {"size": size, "generated": generated, "runs": runs, "memory": memory}


def written_out() -> None:
    """Every file just written goes to the disk now, not while a timed build runs: the kernel writes dirty files
    back about 30 s after they were written (vm.dirty_expire_centisecs), in the middle of the first build."""
    os.sync()


@contextlib.contextmanager
def work_folder(name: str, parent: Path | None) -> Iterator[Path]:
    """A new folder for a benchmark's trees and sites, under ``parent`` (the system's temporary folder without
    one), deleted afterwards whatever happens; ``name`` begins its name."""
    work = new_folder(f"sangkien-{name}-", parent)
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def new_folder(prefix: str, parent: Path | None) -> Path:
    """A new folder whose name begins with ``prefix``, under ``parent`` (made first if missing; the system's
    temporary folder without one)."""
    if parent is not None:
        parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=prefix, dir=parent))


def old_folder(work: Path) -> Path:
    return work / "old"


def move_aside(folder: Path, old: Path) -> None:
    """Out of the way of the next build, deleted once every build is done (see the module's docstring)."""
    if folder.exists():
        old.mkdir(exist_ok=True)
        folder.rename(old / f"{len(list(old.iterdir()))}-{folder.name}")


def _build(kind: str, size: int, work: Path, content_dir: Path, stock: Path, sample: bool) -> Run:
    """One build of ``kind``: (a) cold, (w) warm after a title edit with the cache (a) left, (r) again into the
    folder of (w) after another edit, (b) stock."""
    out = work / f"n{size}" / f"site-{'w' if kind == 'r' else kind}"
    cache = work / f"n{size}" / "cache"
    if kind != "r":
        move_aside(out, old_folder(work))
    if kind == "b":
        return build_stock(stock, out, sample)
    if kind == "a":
        move_aside(cache, old_folder(work))
        return build_generator(content_dir, out, cache, sample)
    edited, original = edit_one_initiative(content_dir, "sửa lại" if kind == "r" else "đã sửa")
    try:
        return build_generator(content_dir, out, cache, sample)
    finally:
        edited.write_text(original, encoding="utf-8")


def _report(label: str, run: Run, timed: bool = True) -> None:
    # a timed build's peak is only its biggest process's (the kernel's figure), a watched one's the whole tree's
    seconds, memory = (f"{run.seconds:6.2f} s", "biggest process") if timed else (
        f"({run.seconds:.2f} s, watched, not timed)", "peak memory")
    print(f"  {label}: {seconds} (processor {run.cpu:.2f} s, system {run.system:.2f} s), {memory} "
          f"{megabytes(run.peak_rss)} MB, "
          f"{run.output_files} files, {megabytes(run.output_bytes)} MB", flush=True)


def table(results: list[dict]) -> list[str]:
    lines = ["| N | (a) this generator, s | (b) stock MkDocs, s | a/b | (w) warm rebuild, s | w/a "
             "| (r) rebuild in place, s | r/a | peak memory a / b, MB | output a / b, MB | files a / b |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for result in results:
        a, b = result["runs"]["a"], result["runs"]["b"]
        median_a, median_b, median_w, median_r = (statistics.median(run.seconds for run in result["runs"][kind])
                                                  for kind in ("a", "b", "w", "r"))
        lines.append(
            f"| {result['size']:,} | {median_a:.2f} | {median_b:.2f} | {median_a / median_b:.2f} "
            f"| {median_w:.2f} | {median_w / median_a:.2f} | {median_r:.2f} | {median_r / median_a:.2f} "
            f"| {megabytes(result['memory']['a'].peak_rss)} / {megabytes(result['memory']['b'].peak_rss)} "
            f"| {megabytes(a[0].output_bytes)} / {megabytes(b[0].output_bytes)} "
            f"| {a[0].output_files:,} / {b[0].output_files:,} |")
    return lines


def processor_time(results: list[dict], cores: int) -> list[str]:
    """The processor time of each kind of build (medians): a build's wall time on ``cores`` cannot be less than
    its processor time divided by them, however well its work is spread, so this is what any cut of a warm
    rebuild's time has to come from. Then the part of it in the kernel, which moves from run to run with the cost
    of creating files on this machine."""
    lines = []
    for result in results:
        medians = {kind: statistics.median(run.cpu for run in runs) for kind, runs in result["runs"].items()}
        lines.append(f"N={result['size']:,}: processor time, s (user + system, with the workers; medians): "
                     + ", ".join(f"{kind} {medians[kind]:.2f}" for kind in ("a", "b", "w", "r"))
                     + f"; on {cores} cores no build of w can take less than {medians['w'] / cores:.2f} s "
                     f"nor of r less than {medians['r'] / cores:.2f} s")
        system = {kind: statistics.median(run.system for run in runs) for kind, runs in result["runs"].items()}
        lines.append(f"N={result['size']:,}: of it system time, s (the kernel: files, folders, memory; medians): "
                     + ", ".join(f"{kind} {system[kind]:.2f}" for kind in ("a", "b", "w", "r")))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="numbers of initiatives, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="builds of each kind per size (median reported)")
    parser.add_argument("--workdir", type=Path, help="where to write trees and sites (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the content trees and the last sites to look at")
    args = parser.parse_args(argv)
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",")]
    for line in machine():
        print(line)
    work = new_folder("sangkien-bench-", args.workdir)
    try:
        results = [bench_size(size, args.repeat, work, args.keep) for size in sizes]
    finally:
        shutil.rmtree(old_folder(work), ignore_errors=True)
        if args.keep:
            print(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print("load average at end: " + " ".join(f"{load:.2f}" for load in os.getloadavg()))
    print(f"\nmedians of {args.repeat} builds of each kind; seed {SEED}; news = max(20, 2% of N)\n")
    print("\n".join(table(results)))
    print()
    print("\n".join(processor_time(results, len(os.sched_getaffinity(0)))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
