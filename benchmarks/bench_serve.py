#!/usr/bin/env python3
"""Edit-to-preview benchmark: how long after an initiative is saved `mkdocs serve` serves the changed page.

    python3 benchmarks/bench_serve.py                   # N = 10,000, 5 edits
    python3 benchmarks/bench_serve.py --size 1000 --edits 3
    python3 benchmarks/bench_serve.py --pause 1         # saves one second after the last change was served

It writes the synthetic content tree of bench_build.py (same seed, news 2% of N), starts `mkdocs serve` of the
project's mkdocs.yml over it on 127.0.0.1 with an empty cache, waits for the first build, then edits one
initiative's title at a time (a different initiative each time, ``--pause`` seconds after the last change was served:
5 by default, long enough for the site-wide files an update writes after the page) and fetches its page every
20 ms until the new title is in it. A page requested while the site is being updated is answered once the update is
done (MkDocs' live-reload server), as a browser's reload is. It prints each delay from the save to the page with
the change, their median, and how the server did each one (updated file by file, or built whole) from its log.
Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_build import SEED, news_for, work_folder  # noqa: E402
from generator.synth import write_tree  # noqa: E402


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _until(predicate, seconds: float, step: float) -> float | None:
    """Seconds until ``predicate()`` held, or None after ``seconds``."""
    began = time.perf_counter()
    while time.perf_counter() - began < seconds:
        if predicate():
            return time.perf_counter() - began
        time.sleep(step)
    return None


def _retitle(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^title: (.*)$", lambda match: f"title: {title} {match[1]}", text, count=1,
                           flags=re.MULTILINE), encoding="utf-8")


def bench(size: int, edits: int, work: Path, pause: float = 5.0) -> list[float]:
    content, cache = work / "content", work / "cache"
    write_tree(content, initiatives=size, news=news_for(size), seed=SEED)
    files = sorted(content.glob("initiatives/*/*.yml"))
    port = _free_port()
    env = {**os.environ, "SANGKIEN_CONTENT_DIR": str(content), "SANGKIEN_CACHE_DIR": str(cache),
           "NO_MKDOCS_2_WARNING": "1"}
    log = work / "serve.log"
    with log.open("w") as stream:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=ROOT,
                                  env=env, stdout=subprocess.DEVNULL, stderr=stream)
    delays = []
    try:
        first = files[0]
        url = f"http://127.0.0.1:{port}/sang-kien/{first.parent.name}/{first.stem}/"
        built = _until(lambda: "sk-initiative" in _fetch(url), 1800, 0.5)
        print(f"N = {size:,}: first build served after {built:.1f} s", flush=True)
        for number in range(1, edits + 1):
            # by default the update's site-wide files, written after the page, are finished before the next save;
            # a shorter pause times saves in quick succession, which wait for them
            time.sleep(pause)
            path = files[(number * len(files)) // (edits + 1)]
            page = f"http://127.0.0.1:{port}/sang-kien/{path.parent.name}/{path.stem}/"
            title = f"Bản sửa thử {number}"
            _retitle(path, title)
            delay = _until(lambda: title in _fetch(page), 300, 0.02)
            delays.append(delay if delay is not None else float("inf"))
            print(f"  edit {number}: the changed page served {delays[-1]:.2f} s after the save", flush=True)
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl+C: MkDocs deletes the folder it served from (720 MB here)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    text = log.read_text(encoding="utf-8")
    updated = len(re.findall(r"Đã cập nhật theo \d+ tệp sửa", text))
    whole = text.count("Building documentation...") - 1
    print(f"  median {statistics.median(delays):.2f} s; updated file by file {updated}, built whole {whole}")
    return delays


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000, help="number of initiatives")
    parser.add_argument("--edits", type=int, default=5, help="edits to time (median reported)")
    parser.add_argument("--pause", type=float, default=5.0,
                        help="seconds from a change served to the next save (default 5)")
    parser.add_argument("--workdir", type=Path, help="where to write the tree (default: a temporary folder)")
    args = parser.parse_args(argv)
    with work_folder("serve", args.workdir) as work:
        bench(args.size, args.edits, work, args.pause)
    return 0


if __name__ == "__main__":
    sys.exit(main())
