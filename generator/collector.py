"""When CPython's cycle collector is paused, and why (core: no MkDocs).

Loading content and making the page definitions create millions of small objects, most of them alive until the
build ends, and no reference cycles. The collector runs every few hundred allocations and, as its older
generations fill, rescans every object alive, for nothing: at 10,000 initiatives that was about a sixth of a cold
load, a third of a cached one and 60% of the page definitions (3.0-3.5 s against 1.2-1.4 s). Reference counting
still frees what dies; the collector runs again as soon as the block ends.

What such a block made and keeps is then frozen (:func:`freeze`): left alone by the collector until the build
ends. Unfrozen, the collections that followed scanned all of it again, once in each older generation: at 100,000
initiatives 4.8 s of the collector at the end of the page definitions, 0.3 s once frozen.
"""

from __future__ import annotations

import atexit
import gc
import logging
import multiprocessing
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    if not gc.isenabled():  # an outer block paused it: that block enables it again
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def stop() -> None:
    """The collector stopped for the rest of this process: a forked worker whose objects all live until it has
    handed its result over and ends (generator/parallel.py)."""
    gc.disable()


_frozen = 0  # how many freeze() calls are not thawed yet


def freeze() -> None:
    """Every object alive now left alone by the collector (``gc.freeze``) until :func:`thaw`. Nested: only the
    thaw that ends the outermost freeze gives the objects back to the collector, so a worker forked in between
    (generator/parallel.py) unfreezes nothing that an outer freeze holds."""
    global _frozen
    gc.freeze()
    _frozen += 1


def thaw() -> None:
    global _frozen
    _frozen -= 1
    if _frozen == 0:
        gc.unfreeze()


@contextmanager
def frozen() -> Iterator[None]:
    freeze()
    try:
        yield
    finally:
        thaw()


_left_at_exit = False


def leave_at_exit() -> None:
    """At the interpreter's exit, every object still alive left alone by the collector: called when the process
    ends after this build (``mkdocs build``). As it finishes, the interpreter runs the collector over everything
    still alive, once and again as it clears the modules (MkDocs' configuration, the theme's compiled templates,
    every module's objects): 0.21-0.28 s of a rebuild at 10,000 initiatives, 0.05-0.07 s frozen first. What dies
    is still freed by reference counting. An atexit handler rather than a freeze now: a process that goes on after
    the build (a test, a script) keeps its collector as it was."""
    global _left_at_exit
    if not _left_at_exit:
        _left_at_exit = True
        atexit.register(gc.freeze)  # handlers run last registered first: those registered earlier still run after


def end_now() -> None:
    """End the process here, with exit status 0, unless something is still running that its normal end would wait
    for (a thread that is not a daemon, a child process): then return, and the process ends as usual.

    Called once a ``mkdocs build`` has succeeded and nothing follows it. All that was left was freeing memory the
    system takes back at once anyway: the plugin's site, pages and kept values by reference counting, then every
    module as the interpreter shuts down, 0.1-0.2 s of a rebuild at 10,000 initiatives (benchmarks/RESULTS.md,
    "Leaving the process"). Logging and the standard streams are flushed first; files are closed where they are
    written."""
    others = [thread for thread in threading.enumerate() if thread is not threading.main_thread()]
    if multiprocessing.active_children() or any(not thread.daemon for thread in others):
        return
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
