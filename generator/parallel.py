"""Work spread over the cores: forked worker processes that share the parent's memory (core: no MkDocs).

The jobs and the function are module state when the workers are forked, so they inherit them without pickling
(the loaded site, the page definitions, the templates); only each job's result travels back. Used for the social
cards and the search index (made while the build goes on) and the pages of the lean path.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from typing import Any, Callable

_JOBS: list[Any] = []
_DO: Callable[[Any], Any] | None = None


def _run_range(bounds: tuple[int, int]) -> list[Any]:
    return [_DO(_JOBS[index]) for index in range(*bounds)]


def _run_jobs(jobs: list[Any]) -> list[Any]:
    return [_DO(job) for job in jobs]


class Batch:
    """``do(job)`` for every job: in ``workers`` forked processes (one a core by default) started at once, or
    right here when there is one core, few jobs or no fork. :meth:`results` waits for them; :meth:`cancel` stops
    them (a failed build)."""

    def __init__(self, jobs: list[Any], do: Callable[[Any], Any], workers: int | None = None, least: int = 200,
                 sent: bool = False):
        global _JOBS, _DO
        self._pool = None
        self._results: list[Any] | None = None
        cores = os.cpu_count() or 1
        workers = workers or cores
        if cores < 2 or len(jobs) < least or "fork" not in multiprocessing.get_all_start_methods():
            self._results = [do(job) for job in jobs]
            return
        # many ranges a worker, handed out one at a time, so the workers end close together: with 4 a worker, one
        # core sat idle for about a second at the end of the pages at 10,000 initiatives, waiting for the other
        size = -(-len(jobs) // (workers * 16))
        ranges = [(start, min(start + size, len(jobs))) for start in range(0, len(jobs), size)]
        # ``sent``: the jobs travel to the workers pickled, range by range, instead of being read in the memory
        # they share with this process; for small jobs that are spread over a large heap (the social cards), as
        # reading them there writes their reference counts, and so copies every page of memory they sit in
        _JOBS, _DO = ([] if sent else jobs), do
        # the collector of a forked worker would touch every shared object and so copy the parent's memory page
        # by page; frozen objects are left alone (their pages stay shared)
        gc.freeze()
        try:
            self._pool = multiprocessing.get_context("fork").Pool(workers)
        finally:
            gc.unfreeze()
            _JOBS, _DO = [], None  # the workers have their copy
        if sent:
            self._pending = self._pool.map_async(_run_jobs, [jobs[slice(*bounds)] for bounds in ranges], chunksize=1)
        else:
            self._pending = self._pool.map_async(_run_range, ranges, chunksize=1)

    def results(self) -> list[Any]:
        """Every job's result, in the order of the jobs."""
        if self._pool is not None:
            try:
                self._results = [result for part in self._pending.get() for result in part]
            finally:
                self.cancel()  # done or failed: the workers are not needed any more
        return self._results

    def cancel(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


def start(do: Callable[[], Any]) -> Batch:
    """``do()`` in one forked process, started now while the caller goes on; ``results()[0]`` is its result."""
    return Batch([None], lambda _: do(), workers=1, least=1)
