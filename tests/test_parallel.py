"""Work spread over forked workers (generator/parallel.py): results in the jobs' order, jobs shared or sent."""

from __future__ import annotations

import os

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
