"""Work spread over forked workers (generator/parallel.py): results in the jobs' order, jobs shared or sent."""

from __future__ import annotations

import gc
import os
import time

import pytest

from generator import parallel

pytestmark = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: the jobs run in this process")


@pytest.mark.parametrize("sent", [False, True])
def test_every_result_in_the_order_of_the_jobs(sent):
    jobs = list(range(1000))
    assert parallel.Batch(jobs, lambda job: job * job, workers=2, least=1, sent=sent).results() == [
        job * job for job in jobs]


def test_sent_jobs_travel_pickled_and_shared_ones_do_not():
    unpicklable = [lambda: 1 for _ in range(300)]  # a lambda cannot be pickled
    assert parallel.Batch(unpicklable, lambda job: job(), workers=2, least=1).results() == [1] * 300
    with pytest.raises(Exception, match="pickle"):
        parallel.Batch(unpicklable, lambda job: job(), workers=2, least=1, sent=True).results()


def test_workers_on_standby_do_jobs_sent_later_and_end_with_the_batch():
    pool = parallel.standby(2)
    pids = set(parallel.Batch([None] * 64, _pid, least=1, pool=pool).results())
    assert os.getpid() not in pids and 1 <= len(pids) <= 2
    for pid in pids:  # ended with the batch
        assert not os.path.exists(f"/proc/{pid}") or open(f"/proc/{pid}/stat").read().split()[2] == "Z"
    assert parallel.Batch(list(range(300)), abs, least=1, pool=parallel.standby(2)).results() == list(range(300))


def _pid(_job) -> int:
    return os.getpid()


def test_each_result_comes_as_its_range_is_done_and_the_workers_end_with_the_last(tmp_path):
    jobs = list(range(64))
    go_on = tmp_path / "first result taken"

    def last_waits_for_the_first_to_be_taken(job: int) -> tuple[int, int]:
        if job == jobs[-1]:
            waited = 0.0
            while not go_on.exists():  # a batch that gave nothing before all its jobs were done never gets here
                if waited > 20:
                    raise TimeoutError("no result was taken while the jobs were being done")
                time.sleep(0.01)
                waited += 0.01
        return job, os.getpid()

    results = parallel.Batch(jobs, last_waits_for_the_first_to_be_taken, workers=2, least=1).each()
    first = next(results)
    go_on.touch()
    rest = list(results)
    assert [job for job, _ in [first, *rest]] == jobs
    for pid in {pid for _, pid in rest}:  # ended with the last result
        assert not os.path.exists(f"/proc/{pid}") or open(f"/proc/{pid}/stat").read().split()[2] == "Z"


def test_each_raises_a_worker_s_error_where_its_job_comes():
    def fails_at_40(job: int) -> int:
        if job == 40:
            raise ValueError("job 40")
        return job

    taken = []
    with pytest.raises(ValueError, match="job 40"):
        for result in parallel.Batch(list(range(64)), fails_at_40, workers=2, least=1).each():
            taken.append(result)
    assert taken == list(range(len(taken))) and len(taken) <= 40


def test_a_started_worker_ends_as_soon_as_it_has_sent_its_result():
    work = parallel.start(lambda: {"a.json": b"[1]"})
    deadline = time.monotonic() + 30
    while work.running() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not work.running()  # ended before anyone asked for the result
    assert work.results() == [{"a.json": b"[1]"}]


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="with one core the work is done here, at once")
def test_a_worker_started_behind_the_build_runs_at_the_lowest_priority_and_the_build_at_its_own():
    here = os.nice(0)
    behind = parallel.start(lambda: os.nice(0), behind=True)
    beside = parallel.start(lambda: os.nice(0))
    assert behind.results() == [19]  # the lowest there is
    assert beside.results() == [here]
    assert os.nice(0) == here


def test_a_started_worker_s_error_is_raised_by_results():
    def fail():
        raise ValueError("chỉ mục tìm kiếm")

    work = parallel.start(fail)
    with pytest.raises(ValueError, match="chỉ mục tìm kiếm"):
        work.results()


def test_a_worker_s_result_is_sent_before_what_it_does_then_and_end_waits_for_that(tmp_path):
    """What comes after the result (parallel.Then) runs once it is sent: here it waits for a file made only after
    results() returned, so results() waiting for it would leave "too late" in the other file."""
    go, done = tmp_path / "go", tmp_path / "done"

    def then() -> None:
        deadline = time.monotonic() + 10
        while not go.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        done.write_text("after the result" if go.exists() else "too late")

    work = parallel.start(lambda: parallel.Then({"a.json": b"[1]"}, then))
    assert work.results() == [{"a.json": b"[1]"}]
    go.touch()
    work.end()
    assert done.read_text() == "after the result"
    assert not work.running()


def test_a_worker_s_error_after_its_result_is_raised_by_end():
    def then() -> None:
        raise OSError("bộ đệm")

    work = parallel.start(lambda: parallel.Then(7, then))
    assert work.results() == [7]
    with pytest.raises(RuntimeError, match="after its result"):
        work.end()


def test_without_a_worker_what_comes_after_the_result_runs_at_once(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    work = parallel.start(lambda: parallel.Then(7, lambda: (tmp_path / "done").touch()))
    assert (tmp_path / "done").exists()
    assert work.results() == [7]
    work.end()


@pytest.mark.parametrize(("count", "processes", "sizes"), [
    (3000, 2, {94, 86}),  # 32 ranges: 31 of 94 jobs and the rest
    (10, 2, {1}),  # fewer jobs than ranges: one a range
    (110_000, 2, {500}),  # a large site's pages: ranges stay short, so the processes end close together
])
def test_ranges_cover_every_job_once_in_order(count, processes, sizes):
    ranges = parallel._ranges(count, processes)
    assert [index for bounds in ranges for index in range(*bounds)] == list(range(count))
    assert {end - start for start, end in ranges} == sizes


def test_a_started_worker_that_dies_is_an_error_not_a_missing_result():
    work = parallel.start(lambda: os._exit(3))
    with pytest.raises(RuntimeError, match="exit code 3"):
        work.results()


def _wait_for(mark, seconds=30):
    deadline = time.monotonic() + seconds
    while not mark.exists() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_together_this_process_and_its_helpers_share_the_ranges(tmp_path):
    parent, mark = os.getpid(), tmp_path / "this-process-took-a-range"

    def job(number):
        # the helper, started at once, holds back until this process has taken a range: with jobs this short
        # it could otherwise do them all before results() is called
        if os.getpid() == parent:
            mark.touch()
        else:
            _wait_for(mark)
        return number * 2, os.getpid()

    jobs = list(range(3000))
    results = parallel.Together(jobs, job, helpers=1, least=1).results()
    assert [value for value, _ in results] == [number * 2 for number in jobs]
    pids = {pid for _, pid in results}
    assert parent in pids and len(pids) == 2  # this process and its helper each took ranges
    assert gc.get_freeze_count() == 0  # its collector is unfrozen once the jobs are done


def test_together_raises_a_helper_s_error(tmp_path):
    parent, mark = os.getpid(), tmp_path / "the-helper-took-a-range"

    def fail_in_a_helper(job):
        if os.getpid() != parent:
            mark.touch()
            raise ValueError("trang lỗi")
        _wait_for(mark)  # so that this process cannot take every range before the helper starts
        return job

    together = parallel.Together(list(range(3000)), fail_in_a_helper, helpers=1, least=1)
    with pytest.raises(ValueError, match="trang lỗi"):
        together.results()
    assert gc.get_freeze_count() == 0


def test_apart_gives_the_result_made_in_another_process():
    made_in, value = parallel.apart(lambda: (os.getpid(), {"sáng kiến": [1, 2.5, None]}))
    assert made_in != os.getpid() and value == {"sáng kiến": [1, 2.5, None]}
    assert gc.isenabled()


def test_apart_raises_the_error_of_the_other_process_or_says_it_died():
    def fail():
        raise KeyError("don-vi")

    with pytest.raises(KeyError, match="don-vi"):
        parallel.apart(fail)
    with pytest.raises(RuntimeError, match="exit code 4"):
        parallel.apart(lambda: os._exit(4))
    assert gc.isenabled()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_result_is_handed_over_once_its_process_has_ended_and_leaves_no_file(tmp_path):
    value = {"đơn vị": "EVNHANOI", "số": list(range(20_000))}  # pickled over more than one buffer of reading
    handed = parallel.hand_over(lambda: (os.getpid(), value), spill=tmp_path / "spill")
    assert list((tmp_path / "spill").iterdir()) == []  # no name: nothing to clean up after a killed build
    made_in, loaded = handed.load()
    assert not _alive(made_in) and loaded == value and gc.isenabled()


def test_a_handed_result_is_read_by_a_process_forked_before_it_is_loaded_here(tmp_path):
    value = [f"sáng kiến {n}" for n in range(50_000)]
    handed = parallel.hand_over(lambda: value, spill=tmp_path)
    read = handed.reader()
    worker = parallel.start(lambda: (os.getpid(), read()))
    assert handed.load() == value  # reading here, at once, moves nothing in the worker's reading
    made_in, there = worker.results()[0]
    assert made_in != os.getpid() and there == value


def test_a_result_is_handed_over_even_where_the_folder_cannot_hold_a_file(tmp_path):
    (tmp_path / "cache").write_text("a file where the cache folder should be")
    assert parallel.hand_over(lambda: "EVNHANOI", spill=tmp_path / "cache" / "content").load() == "EVNHANOI"


def test_a_handed_over_error_is_raised_on_loading(tmp_path):
    def fail():
        raise KeyError("don-vi")

    handed = parallel.hand_over(fail, spill=tmp_path)
    with pytest.raises(KeyError, match="don-vi"):
        handed.load()
    with pytest.raises(RuntimeError, match="exit code 3"):
        parallel.hand_over(lambda: os._exit(3), spill=tmp_path).load()


def test_what_a_process_tells_before_its_result_is_heard_while_it_goes_on(tmp_path):
    heard, answered = [], tmp_path / "answered"

    def tell_then_wait(tell):
        tell("thẻ 1")
        tell(["thẻ 2", "thẻ 3"])
        deadline = time.monotonic() + 30
        while not answered.exists() and time.monotonic() < deadline:  # until this process has heard both
            time.sleep(0.01)
        return answered.exists()

    def hear(value):
        heard.append(value)
        if len(heard) == 2:
            answered.touch()

    assert parallel.hand_over(tell_then_wait, spill=tmp_path, heard=hear).load() is True
    assert heard == ["thẻ 1", ["thẻ 2", "thẻ 3"]]


def test_a_process_forked_before_the_result_is_made_reads_it_once_it_is_handed_over(tmp_path):
    workers = []
    value = [f"sáng kiến {n}" for n in range(50_000)]

    def made_slowly():
        time.sleep(0.5)  # the worker forked before is waiting meanwhile
        return value

    handed = parallel.hand_over(made_slowly, spill=tmp_path,
                                before=lambda read: workers.append(parallel.start(lambda: (read(), time.time()))))
    ended = time.time()
    assert handed.load() == value
    there, read_at = workers[0].results()[0]
    assert there == value and read_at >= ended - 0.1
    heard = []  # a reader forked first, and a process telling this one: the end of what it tells is heard
    told = parallel.hand_over(lambda tell: tell("EVNHANOI") or value, spill=tmp_path, heard=heard.append,
                              before=lambda read: workers.append(parallel.start(read)))
    assert heard == ["EVNHANOI"] and told.load() == value and workers[1].results()[0] == value
    failing = []
    parallel.hand_over(lambda: os._exit(3), spill=tmp_path,
                       before=lambda read: failing.append(parallel.start(read)))
    with pytest.raises(RuntimeError, match="without a result"):  # told, not left waiting
        failing[0].results()


def test_what_a_failing_process_told_is_heard_and_its_error_raised_on_loading(tmp_path):
    heard = []

    def tell_then_fail(tell):
        tell("EVNHANOI")
        raise KeyError("don-vi")

    handed = parallel.hand_over(tell_then_fail, spill=tmp_path, heard=heard.append)
    assert heard == ["EVNHANOI"]
    with pytest.raises(KeyError, match="don-vi"):
        handed.load()
    with pytest.raises(RuntimeError, match="exit code 3"):
        parallel.hand_over(lambda tell: os._exit(3), spill=tmp_path, heard=heard.append).load()
    assert heard == ["EVNHANOI"]


class _CollectorWhenPickled:
    """Pickled as whether the collector was running at that moment."""

    def __reduce__(self):
        return bool, (gc.isenabled(),)


def test_a_result_is_pickled_for_its_hand_over_with_the_collector_paused(tmp_path):
    # a result made with the collector paused is young in every object: pickled with it running, the collector
    # went through all of them again and again (parallel._pour)
    assert gc.isenabled()
    pickled_with_collector = parallel.hand_over(lambda: _CollectorWhenPickled(), spill=tmp_path).load()
    assert pickled_with_collector is False and gc.isenabled()
