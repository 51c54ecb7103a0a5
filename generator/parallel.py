"""Work spread over the cores: forked worker processes that share the parent's memory (core: no MkDocs).

A forked worker inherits the parent's memory without copying it, until a page of it is written by either side;
in CPython reading an object writes its reference count, so every page of objects that either side reads
afterwards ends up held twice. Each tool below is shaped by that:

- :class:`Batch`: jobs done by workers forked at once, reading the jobs where they lie, or ``sent`` pickled
  (small jobs spread over a large heap), optionally to workers forked earlier (:func:`standby`) while the
  parent was small: the content files' first parse, the social cards;
- :class:`Parts`: sent jobs handed to workers on standby part by part, as they are made: a large site's cards;
- :class:`Together`: jobs done by this process and forked helpers (the pages of the lean path);
- :func:`apart`, :func:`hand_over`: one job whose result is worth more than the memory it leaves behind
  (loading the content);
- :func:`start`: one job done beside the build, its worker gone as soon as it is done (the search index).
"""

from __future__ import annotations

import io
import multiprocessing
import multiprocessing.pool
import os
import pickle
import sys
import tempfile
import threading
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterator

from . import collector

_JOBS: list[Any] = []
_DO: Callable[[Any], Any] | None = None


def _run_range(bounds: tuple[int, int]) -> list[Any]:
    return [_DO(_JOBS[index]) for index in range(*bounds)]


def _run_jobs(jobs: list[Any]) -> list[Any]:
    return [_DO(job) for job in jobs]


def _run_with(task: tuple[Callable[[Any], Any], list[Any]]) -> list[Any]:
    do, jobs = task
    return [do(job) for job in jobs]


RANGES_A_PROCESS = 16
MOST_A_RANGE = 500


def _ranges(count: int, processes: int) -> list[tuple[int, int]]:
    """The jobs cut into ranges, handed out one at a time, so the processes end close together: many ranges a
    process (with 4, one core sat idle for about a second at the end of the pages at 10,000 initiatives, waiting
    for the other), and none longer than MOST_A_RANGE jobs (at 100,000 initiatives, 16 a process made ranges of
    3,400 pages, about 2 s of work each, so one process could go on alone for that long at the end)."""
    size = min(-(-count // (processes * RANGES_A_PROCESS)), MOST_A_RANGE) or 1
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def _can_fork() -> bool:
    return (os.cpu_count() or 1) >= 2 and "fork" in multiprocessing.get_all_start_methods()


def _fork_pool(workers: int) -> multiprocessing.pool.Pool:
    # the collector of a forked worker would touch every shared object and so copy the parent's memory page by
    # page; frozen objects are left alone (their pages stay shared)
    with collector.frozen():
        return multiprocessing.get_context("fork").Pool(workers)


def standby(workers: int | None = None) -> multiprocessing.pool.Pool | None:
    """Workers forked now, for a :class:`Batch` of sent jobs made later (its ``pool``); None with one core.

    A worker forked from a process that has since grown shares none of that growth: what it reads and what
    the parent changes afterwards is not copied page by page into it. Forked before the content is loaded,
    the social cards' workers stay at a few tens of megabytes, whatever the size of the site.
    """
    return _fork_pool(workers or os.cpu_count() or 1) if _can_fork() else None


class _Workers:
    """Jobs done by a pool of workers (``_pool``), which :meth:`cancel` ends (a failed build; done, they end too)."""

    _pool: multiprocessing.pool.Pool | None

    def cancel(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


class Batch(_Workers):
    """``do(job)`` for every job: in ``workers`` forked processes (one a core by default) started at once, or
    right here when there is one core, few jobs or no fork, and no workers on standby. :meth:`results` waits for
    them (:meth:`each` gives each result as soon as its range is done); :meth:`cancel` stops them (a failed build).
    With ``pool`` (from :func:`standby`; the jobs are then sent, and ``do`` must be a function the workers can
    import), the workers forked then do the jobs, and are ended with the batch."""

    def __init__(self, jobs: list[Any], do: Callable[[Any], Any], workers: int | None = None, least: int = 200,
                 sent: bool = False, pool: multiprocessing.pool.Pool | None = None):
        global _JOBS, _DO
        self._pool = None
        self._results: list[Any] | None = None
        cores = os.cpu_count() or 1
        workers = workers or cores
        # workers on standby take even a few jobs, which this process would do while the build waits for it (a
        # card drawn after an edit: its fonts loaded, drawn and compressed, 0.01 s)
        if pool is None and (cores < 2 or len(jobs) < least or not _can_fork()):
            self._results = [do(job) for job in jobs]
            return
        ranges = _ranges(len(jobs), workers)
        # ``sent``: the jobs travel to the workers pickled, range by range, instead of being read in the memory
        # they share with this process; for small jobs that are spread over a large heap (the social cards), as
        # reading them there writes their reference counts, and so copies every page of memory they sit in
        if pool is not None:
            self._pool = pool
            self._pending = pool.imap(_run_with, [(do, jobs[slice(*bounds)]) for bounds in ranges], chunksize=1)
            return
        _JOBS, _DO = ([] if sent else jobs), do
        try:
            self._pool = _fork_pool(workers)
        finally:
            _JOBS, _DO = [], None  # the workers have their copy
        if sent:
            self._pending = self._pool.imap(_run_jobs, [jobs[slice(*bounds)] for bounds in ranges], chunksize=1)
        else:
            self._pending = self._pool.imap(_run_range, ranges, chunksize=1)

    def results(self) -> list[Any]:
        """Every job's result, in the order of the jobs."""
        if self._pool is not None:
            self._results = list(self.each())
        return self._results

    def end(self) -> None:
        """Nothing goes on once the results are in (:func:`start` without a fork; as :meth:`Alone.end`)."""
        self.results()

    def each(self) -> Iterator[Any]:
        """Every job's result, in the order of the jobs, each as soon as its range is done: the caller works on
        the first results while the workers make the rest."""
        if self._pool is None:
            yield from self._results
            return
        try:
            for part in self._pending:
                yield from part
        finally:
            self.cancel()  # done or failed: the workers are not needed any more


class Parts(_Workers):
    """Sent jobs done by workers on standby (:func:`standby`), handed to them part by part as they become known:
    each part's ranges queue behind those of the parts before, so the workers start on the first part while this
    process makes the next. :meth:`results` gives every result in the order sent, then ends the workers."""

    def __init__(self, do: Callable[[Any], Any], pool: multiprocessing.pool.Pool, workers: int | None = None):
        self._do, self._pool = do, pool
        self._workers = workers or os.cpu_count() or 1
        self._pending: list[Iterator[list[Any]]] = []

    def send(self, jobs: list[Any]) -> None:
        tasks = [(self._do, jobs[slice(*bounds)]) for bounds in _ranges(len(jobs), self._workers)]
        self._pending.append(self._pool.imap(_run_with, tasks, chunksize=1))

    def results(self) -> list[Any]:
        try:
            return [result for pending in self._pending for part in pending for result in part]
        finally:
            self.cancel()  # done or failed: the workers are not needed any more


class Together:
    """``do(job)`` for every job, by this process and ``helpers`` forked ones (one a core but this by default),
    each taking the next range of jobs until none is left: the helpers start at once, this process joins them in
    :meth:`results`. :meth:`cancel` stops the helpers (a failed build).

    For jobs that read a large heap where it lies (the pages of the lean path read the page definitions and the
    model): after a fork, a page of memory that either process writes, if only a reference count in it, is
    copied, so the heap is held at most twice here, against once more for every worker when this process waits.
    This process's collector stays frozen until the jobs are done, for the same reason.
    """

    def __init__(self, jobs: list[Any], do: Callable[[Any], Any], helpers: int | None = None, least: int = 200):
        global _JOBS, _DO
        self._jobs, self._do = jobs, do
        self._helpers: list[tuple[Any, Any]] = []  # (process, connection)
        self._frozen = False
        helpers = helpers if helpers is not None else (os.cpu_count() or 1) - 1
        self._ranges = _ranges(len(jobs), helpers + 1)
        self._next = multiprocessing.get_context("fork").Value("q", 0)  # the next range to take, shared
        if helpers < 1 or len(jobs) < least or not _can_fork():
            return
        _JOBS, _DO = jobs, do
        collector.freeze()  # thawed when the jobs are done (_end)
        self._frozen = True
        try:
            for _ in range(helpers):
                receiving, sending = multiprocessing.Pipe(duplex=False)
                process = multiprocessing.get_context("fork").Process(target=self._help, args=(sending,))
                process.start()
                sending.close()
                self._helpers.append((process, receiving))
        except BaseException:
            self._end()
            raise
        finally:
            _JOBS, _DO = [], None  # the helpers have their copy

    def _take(self) -> int:
        with self._next.get_lock():
            taken = self._next.value
            self._next.value += 1
        return taken

    def _work(self, do: Callable[[Any], Any], jobs: list[Any]) -> dict[int, list[Any]]:
        done = {}
        while (taken := self._take()) < len(self._ranges):
            done[taken] = [do(jobs[index]) for index in range(*self._ranges[taken])]
        return done

    def _help(self, sending) -> None:  # in a helper
        try:
            outcome = (True, self._work(_DO, _JOBS))
        except BaseException as error:  # raised by results()
            outcome = (False, error)
        sending.send(outcome)
        sending.close()

    def results(self) -> list[Any]:
        """Every job's result, in the order of the jobs."""
        try:
            done = self._work(self._do, self._jobs)
            for process, receiving in self._helpers:
                try:
                    finished, value = receiving.recv()
                except EOFError:
                    process.join()
                    raise RuntimeError(f"a helper ended without its results (exit code {process.exitcode})")
                if not finished:
                    raise value
                done.update(value)
        finally:
            self._end()
        return [result for taken in range(len(self._ranges)) for result in done[taken]]

    def cancel(self) -> None:
        self._end()

    def _end(self) -> None:
        for process, receiving in self._helpers:
            if process.is_alive():
                process.terminate()
            process.join()
            receiving.close()
        self._helpers = []
        if self._frozen:
            collector.thaw()
            self._frozen = False


def apart(do: Callable[[], Any], spill: Path | str | None = None) -> Any:
    """``do()`` in a forked process, waited for (:func:`hand_over`), its result unpickled here."""
    return hand_over(do, spill).load()


def hand_over(do: Callable[..., Any], spill: Path | str | None = None,
              heard: Callable[[Any], None] | None = None,
              before: Callable[[Callable[[], Any]], None] | None = None) -> Handed:
    """``do()`` in a forked process, waited for: its result is pickled into a file without a name in the folder
    ``spill`` (the system's temporary folder by default), to be unpickled once that process has ended
    (:class:`Handed`). With ``heard``, ``do`` is given a function that sends a value to this process at once, where
    ``heard`` is called with it while ``do`` goes on (a large site's cards drawn while its model is handed over).
    ``before`` is called first with a function that waits for the result and unpickles it, for the processes it
    forks: they read a copy of their own, and share none of what this process holds later (the search index's
    worker of a large site, forked before the cards heard from the loading process are held here).

    What ``do`` allocated and freed on the way goes with its process. Loading the content leaves the memory of
    its process fragmented: at 100,000 initiatives it held about 1.45 GB for a model that takes 0.59 GB when
    unpickled into a process that did nothing else, and every worker forked afterwards shared, and copied as it
    went, that larger heap. Through a file, not a pipe, so the two are never held at once: unpickled from a pipe
    as it was pickled, the model grew here while the other process still held its 1.45 GB, the build's peak
    (2.06-2.13 GB). Unpickling waits for the pickling now; it is the faster of the two (1.1 against 2.6 s at
    100,000 initiatives), and was paced by it before.
    """
    if not _can_fork():
        handed = _Here(do(heard) if heard is not None else do())
        if before is not None:
            before(handed.reader())
        return handed
    file = _unnamed_file(spill)
    ended = multiprocessing.get_context("fork").Event()
    receiving = sending = process = None
    try:
        if before is not None:  # first: a process it forks must not hold the pipe's end, or the end is never heard
            before(partial(_read_once_ended, ended, file))
        if heard is not None:
            receiving, sending = multiprocessing.Pipe(duplex=False)
        process = multiprocessing.get_context("fork").Process(
            target=_pour, args=(partial(do, sending.send) if sending is not None else do, file.fileno()))
        with collector.frozen():  # as for a Batch's workers
            process.start()
        if sending is not None:
            sending.close()  # the other process's end is closed when it ends: the last thing heard
            _listen(receiving, heard)
        process.join()
    except BaseException:
        if process is not None and process.is_alive():
            process.terminate()
            process.join()
        file.close()
        raise
    finally:
        ended.set()  # what ``before`` forked reads now (after a failure, no result: an error there)
        for end in (sending, receiving):
            if end is not None and not end.closed:
                end.close()
    return Handed(file, process.exitcode)


def _read_once_ended(ended, file) -> Any:
    ended.wait()
    return Handed(file, None).reader()()


def _listen(receiving, heard: Callable[[Any], None]) -> None:
    """``heard`` called with each value received, until the process sending them has ended."""
    while True:
        try:
            value = receiving.recv()
        except EOFError:
            return
        heard(value)


def _unnamed_file(folder: Path | str | None):
    """A file without a name in ``folder``, or in the system's temporary folder when ``folder`` cannot have one (a
    read-only cache folder only costs the build its cache)."""
    if folder is not None:
        try:
            Path(folder).mkdir(parents=True, exist_ok=True)
            return tempfile.TemporaryFile(dir=folder)
        except OSError:
            pass
    return tempfile.TemporaryFile()


def _pour(do: Callable[[], Any], descriptor: int) -> None:
    # ``do`` makes its result with the collector paused (content.load does), so every object of it is still in
    # the youngest generation when it returns: the next object made would set the collector off through all of
    # them (0.66 s for the model of 100,000 initiatives, 1.6 s for it and its search records), and so would the
    # tuples pickling makes for each object, generation after generation (the model was pickled in 4.72 s with
    # the collector running, 2.38 s paused, in one process), and its start again after the pickling (0.44 s).
    # Nothing here is garbage: the process ends once the result is written.
    collector.stop()
    with open(descriptor, "wb", closefd=False) as sink:
        try:
            outcome = (True, do())
        except BaseException as error:  # the caller raises it
            outcome = (False, error)
        pickle.dump(outcome, sink, protocol=pickle.HIGHEST_PROTOCOL)
    # ended at once, as multiprocessing ends a forked process once its target returns, but without freeing the
    # result object by object first: the caller waits for this process to end before it reads the file, and the
    # model of 100,000 initiatives took 0.27 s to free (benchmarks/RESULTS.md)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


class Handed:
    """The result of :func:`hand_over`, pickled in a file: :meth:`load` unpickles it (the collector paused: many
    new objects, no cycles) and closes the file; :meth:`reader` gives a function that unpickles it too, for a
    process forked before :meth:`load`, which then holds a copy of its own rather than sharing, and copying page
    by page as it reads them, the objects of this process (the search index's worker of a large site). Each
    reads the file by position, so none moves another's place in it."""

    def __init__(self, file, exitcode: int | None):
        self._file, self._exitcode = file, exitcode

    def reader(self) -> Callable[[], Any]:
        return self._unpickle

    def load(self) -> Any:
        try:
            return self._unpickle()
        finally:
            self._file.close()

    def _unpickle(self) -> Any:
        source = io.BufferedReader(_Positioned(self._file.fileno()), 1 << 20)
        with collector.paused():
            try:
                done, value = pickle.load(source)
            except (EOFError, pickle.UnpicklingError) as error:
                raise RuntimeError(f"the worker ended without a result (exit code {self._exitcode})") from error
        if not done:
            raise value
        return value


class _Here(Handed):
    """A result made in this process (no fork here): already at hand."""

    def __init__(self, value: Any):
        self._value = value

    def reader(self) -> Callable[[], Any]:
        return lambda: self._value

    def load(self) -> Any:
        return self._value


class _Positioned(io.RawIOBase):
    """A file read from its start through ``os.pread``, which leaves the descriptor's offset alone: the
    descriptor and its offset are shared with every process forked since it was opened."""

    def __init__(self, descriptor: int):
        super().__init__()
        self._descriptor, self._offset = descriptor, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = os.pread(self._descriptor, len(buffer), self._offset)
        buffer[: len(data)] = data
        self._offset += len(data)
        return len(data)


@dataclass(frozen=True)
class Then:
    """What an :class:`Alone` worker's ``do()`` gives when it has more to do once its result is sent: ``result``
    is sent at once, and ``after()`` runs before the worker ends (what only a later build needs, such as a cache
    written for it, which this build does not wait for: :meth:`Alone.end` does)."""

    result: Any
    after: Callable[[], None]


class Alone:
    """``do()`` in one forked process that sends its result and ends: its memory, much of it a copy of the
    parent's that it touched, is given back as soon as it is done, not when the result is collected."""

    def __init__(self, do: Callable[[], Any], niceness: int = 0):
        receiving, sending = multiprocessing.Pipe(duplex=False)
        self._process = multiprocessing.get_context("fork").Process(target=_send, args=(do, sending, niceness))
        with collector.frozen():  # as for a Batch's workers
            self._process.start()
        sending.close()
        self._outcome: tuple[bool, Any, bool] = (False, RuntimeError("the worker was stopped"), False)
        # received as soon as it is sent, so the worker never waits for the caller to ask
        self._receiver = threading.Thread(target=self._receive, args=(receiving,), daemon=True)
        self._receiver.start()

    def _receive(self, receiving) -> None:
        try:
            self._outcome = receiving.recv()
        except (EOFError, OSError):
            self._process.join()
            self._outcome = (False, RuntimeError(f"the worker ended without a result (exit code "
                                                 f"{self._process.exitcode})"), False)
        finally:
            receiving.close()

    def running(self) -> bool:
        return self._process.is_alive()

    def results(self) -> list[Any]:
        """The result, once sent; the worker has ended then, unless it goes on after sending it (:class:`Then`)."""
        self._receiver.join()
        done, value, later = self._outcome
        if not later:
            self._process.join()
        if not done:
            raise value
        return [value]

    def end(self) -> None:
        """Wait for the worker to end; an error once it had sent its result (:class:`Then`) is raised here."""
        self._process.join()
        if self._process.exitcode:
            raise RuntimeError(f"the worker failed after its result (exit code {self._process.exitcode})")

    def cancel(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


_AFTER_NICENESS = 10  # of a worker's process once it has sent its result (_send)
BEHIND_NICENESS = 19  # of a worker started ``behind`` the build's own work (start)


def _send(do: Callable[[], Any], sending, niceness: int = 0) -> None:
    """The worker of an :class:`Alone`: sends (done, result or error, whether it goes on), then does what is left
    (:class:`Then`)."""
    after = None
    if niceness:
        os.nice(niceness)
    try:
        result = do()
        if isinstance(result, Then):
            result, after = result.result, result.after
        outcome = (True, result, after is not None)
    except BaseException as error:  # the caller raises it
        outcome = (False, error, False)
    sending.send(outcome)
    sending.close()
    if after is not None:
        # what is left is for later: the processes the caller waits for meanwhile get the cores first
        os.nice(_AFTER_NICENESS)
        after()


def start(do: Callable[[], Any], behind: bool = False) -> Batch | Alone:
    """``do()`` in one forked process, started now while the caller goes on; ``results()[0]`` is its result, and
    :meth:`end` waits for what the process does after sending it (:class:`Then`). ``behind``: the caller has work
    of its own to do before it asks for the result, and nothing waits for the worker until then; it runs at the
    lowest priority (BEHIND_NICENESS), on a core that no other process of the build wants at that moment."""
    if (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return Batch([None], lambda _: _at_once(do), least=2)  # run here, at once
    return Alone(do, BEHIND_NICENESS if behind else 0)


def _at_once(do: Callable[[], Any]) -> Any:
    result = do()
    if isinstance(result, Then):
        result.after()
        return result.result
    return result
