"""What the browser tests share: Debian's Chromium through Playwright (never a downloaded browser), the shipped
site built once per test run and served on 127.0.0.1, browser contexts that cannot reach any other host and
fail the test on a script error or a console error, and the list of page types.

Not a ``conftest.py``: tests/conftest.py is imported by name (``from conftest import ...``), and a second
conftest.py without packages would shadow it. Test modules import the fixtures they use from here."""

from __future__ import annotations

import atexit
import functools
import http.server
import re
import shutil
import tempfile
import threading
from pathlib import Path

import pytest

from conftest import ROOT, build_site

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
OUTSIDE = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")  # every request that would leave this machine
ARTIFACTS = ROOT / "test-artifacts"  # gitignored: screenshots of each page type (test_journey.py)
PHONE = {"width": 360, "height": 740}

requires_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's Chromium is not installed (/usr/bin/chromium): apt-get install -y chromium (.ci/run does)")


class Server:
    """A static server for a built site on a free port of 127.0.0.1, in a thread."""

    def __init__(self, root: Path):
        handler = functools.partial(_Quiet, directory=str(root))
        self.root = root
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@functools.cache
def served(content: Path) -> Server:
    """``content`` built into a temporary folder and served; once per test run, however many modules ask."""
    folder = Path(tempfile.mkdtemp(prefix="sk-browser-"))
    result = build_site(content, folder / "site")
    assert result.returncode == 0, result.stderr
    server = Server(folder / "site")
    atexit.register(shutil.rmtree, folder, True)
    atexit.register(server.close)
    return server


def page_types(site: Path) -> dict[str, str]:
    """One page of each type of a built site (path from its root), found in the output folder."""
    initiative = sorted((site / "sang-kien").glob("*/*/index.html"))[0].parent.relative_to(site).as_posix()
    post = sorted((site / "tin-tuc").glob("[0-9]*/*/index.html"))[-1].parent.relative_to(site).as_posix()
    unit = sorted((site / "don-vi").glob("*/index.html"))[0].parent.relative_to(site).as_posix()
    field = sorted((site / "linh-vuc").glob("*/index.html"))[0].parent.relative_to(site).as_posix()
    return {"home": "", "initiative": f"{initiative}/", "unit": f"{unit}/", "field": f"{field}/",
            "listing": "sang-kien/", "leaderboards": "bang-xep-hang/", "progress": "tien-do/",
            "news-index": "tin-tuc/", "news-post": f"{post}/", "browse": "tim-kiem/", "showcase": "tieu-bieu/",
            "honours": "vinh-danh/", "about": "gioi-thieu/"}


@pytest.fixture(scope="module")
def shipped():
    return served(ROOT / "content")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def guarded(context, errors: list[str]):
    """Keep ``context`` on this machine and note every script error and console error in ``errors``."""
    context.route(OUTSIDE, lambda route: route.abort())
    context.on("weberror", lambda error: errors.append(f"script error: {error.error}"))
    context.on("console", lambda message: errors.append(f"console {message.type}: {message.text} "
                                                        f"({message.location.get('url')})")
               if message.type == "error" else None)
    return context


@pytest.fixture
def context(browser):
    """A fresh desktop profile (empty cache) that only reaches 127.0.0.1; fails the test on a script error or
    a console error."""
    errors: list[str] = []
    context = guarded(browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN"), errors)
    yield context
    context.close()
    assert errors == []


@pytest.fixture
def phone(browser):
    """The same at 360×740 with touch, as the workers' phones."""
    errors: list[str] = []
    context = guarded(browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2,
                                          locale="vi-VN"), errors)
    yield context
    context.close()
    assert errors == []
