"""The day a build publishes up to is the day in Vietnam, whatever the builder's clock (a hosted runner's is UTC)."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.clock import publish_date


@pytest.mark.parametrize("moment, day", [
    ("2023-08-31T16:59:59+00:00", dt.date(2023, 8, 31)),  # 23:59:59 in Vietnam
    ("2023-08-31T17:05:00+00:00", dt.date(2023, 9, 1)),  # the scheduled build: 00:05 on 1 September in Vietnam
    ("2023-09-01T09:00:00+07:00", dt.date(2023, 9, 1)),
])
def test_publish_date_is_the_day_in_vietnam(monkeypatch, moment, day):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime.fromisoformat(moment).timestamp())))
    assert publish_date() == day
