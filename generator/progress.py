"""Progress on stderr for commands that can take more than a few seconds.

Only a terminal gets it: in CI logs, pipes and tests a line rewritten with ``\\r`` is noise, so nothing
is printed when the stream is not a TTY. What is printed is erased when the work ends, so the
command's own output starts on a clean line.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

from .formatting import number

_INTERVAL = 0.1  # seconds between two redraws: fast enough to look alive, slow enough to cost nothing


class _Line:
    """One status line that is rewritten in place and erased at the end."""

    def __init__(self, stream: TextIO | None):
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.width = 0

    def show(self, text: str) -> None:
        padding = " " * max(self.width - len(text), 0)
        self.stream.write(f"\r{text}{padding}")
        self.stream.flush()
        self.width = len(text)

    def erase(self) -> None:
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0


class Counter:
    """``label: done/total``, e.g. "Đang nhập: 1.200/5.000 dòng"; use as a context manager."""

    def __init__(self, label: str, total: int, what: str = "", stream: TextIO | None = None):
        self.label, self.total, self.what = label, total, what
        self.line = _Line(stream)
        self.last = 0.0

    def update(self, done: int) -> None:
        if not self.line.enabled:
            return
        now = time.monotonic()
        if now - self.last < _INTERVAL and done < self.total:
            return
        self.last = now
        suffix = f" {self.what}" if self.what else ""
        self.line.show(f"{self.label}: {number(done)}/{number(self.total)}{suffix}")

    def __enter__(self) -> Counter:
        return self

    def __exit__(self, *exc) -> None:
        self.line.erase()


class Ticker:
    """"label… N giây" for work that reports no steps (loading a whole tree); shown after ``delay`` seconds."""

    def __init__(self, label: str, stream: TextIO | None = None, delay: float = 1.0):
        self.label, self.delay = label, delay
        self.line = _Line(stream)
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None
        self.lock = threading.Lock()

    def _run(self) -> None:
        started = time.monotonic()
        if self.stop.wait(self.delay):
            return
        while not self.stop.is_set():
            with self.lock:
                if not self.stop.is_set():
                    self.line.show(f"{self.label}… {int(time.monotonic() - started)} giây")
            self.stop.wait(0.5)

    def __enter__(self) -> Ticker:
        if self.line.enabled:
            self.thread = threading.Thread(target=self._run, daemon=True)
            self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        with self.lock:
            self.stop.set()
        if self.thread is not None:
            self.thread.join()
        self.line.erase()
