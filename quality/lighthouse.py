"""Lighthouse (mobile profile) on the main page types of the built shipped site.

Usage, from a fresh clone:  python3 quality/lighthouse.py
It installs the pinned npm packages of quality/ if needed, builds the site, serves it on 127.0.0.1 and prints
the four category scores per page. Chromium comes from Debian (/usr/bin/chromium); nothing is downloaded but
the npm packages. Targets: performance ≥ 0.98, accessibility = best practices = SEO = 1.0.

The server compresses text responses (HTML, CSS, JavaScript, JSON, SVG, XML) with gzip when the request accepts
it, as static hosting does (GitHub Pages sends gzip): Python's http.server alone sends them uncompressed, which
measured a page weight and paint times no reader gets.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 0.98, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking " \
               "--disable-component-update --disable-sync --no-first-run"


def install() -> Path:
    binary = HERE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    return binary


def build(out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)], cwd=ROOT, env=env,
                   check=True)


def pages(site: Path) -> dict[str, str]:
    """One page of each kind the issue names: home, an initiative, leaderboards, progress, a news post."""
    initiative = sorted((site / "sang-kien").glob("*/*/index.html"))[0].parent.relative_to(site).as_posix()
    post = sorted((site / "tin-tuc").glob("[0-9]*/*/index.html"))[-1].parent.relative_to(site).as_posix()
    return {"Trang chủ": "", "Sáng kiến": f"{initiative}/", "Bảng xếp hạng": "bang-xep-hang/",
            "Tiến độ": "tien-do/", "Tin tức": f"{post}/"}


COMPRESSED = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml",
              "application/manifest+json")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the client accepts it and the type is text (as GitHub Pages does)."""

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the address with a slash
            path = os.path.join(path, "index.html")
        kind = self.guess_type(path)
        if not accepts or not os.path.isfile(path) or not kind.startswith(COMPRESSED):
            return super().send_head()
        with open(path, "rb") as source:
            body = gzip.compress(source.read(), compresslevel=9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def audit(binary: Path, url: str, chrome: str) -> tuple[dict[str, float], list[str]]:
    """The category scores and the audits that lost points (id and score)."""
    result = subprocess.run(
        [str(binary), url, "--quiet", "--output=json", "--output-path=stdout",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
        env={**os.environ, "CHROME_PATH": chrome}, capture_output=True, text=True, check=True)
    report = json.loads(result.stdout)
    scores = {name: report["categories"][name]["score"] for name in CATEGORIES}
    failing = sorted({f"{ref['id']} ({report['audits'][ref['id']]['score']})"
                      for name in CATEGORIES for ref in report["categories"][name]["auditRefs"]
                      if ref["weight"] and (report["audits"][ref["id"]]["score"] or 0) < 1
                      and report["audits"][ref["id"]]["scoreDisplayMode"] in ("binary", "numeric")})
    return scores, failing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", help="an already built site folder (default: build the shipped content)")
    parser.add_argument("--chrome", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    binary = install()
    with tempfile.TemporaryDirectory() as folder:
        site = Path(args.site) if args.site else Path(folder) / "site"
        if not args.site:
            build(site)
        server = serve(site)
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        print(f"{'trang':<16}" + "".join(f"{name:>16}" for name in CATEGORIES))
        below = 0
        notes = []
        for label, path in pages(site).items():
            scores, failing = audit(binary, base + path, args.chrome)
            below += sum(scores[name] < TARGETS[name] for name in CATEGORIES)
            print(f"{label:<16}" + "".join(f"{scores[name]:>16.2f}" for name in CATEGORIES), flush=True)
            notes += [f"  {label}: {item}" for item in failing]
        server.shutdown()
    print(f"\nmục tiêu: " + ", ".join(f"{name} ≥ {value}" for name, value in TARGETS.items()))
    print(f"{below} điểm dưới mục tiêu")
    if notes:
        print("Các mục bị trừ điểm:\n" + "\n".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
