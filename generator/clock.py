"""The one place the site reads the calendar.

A build publishes news up to this day. Nothing printed on the site comes from the clock: printed dates come
from the content (its as-of date), so the same content gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import os

# A news item's date is a day in Vietnam: it goes out when that day begins there, whatever the clock of the machine
# that builds (a hosted runner's is UTC, seven hours behind; the scheduled build runs at 00:05 Vietnam time).
VIETNAM = dt.timezone(dt.timedelta(hours=7))


def publish_date() -> dt.date:
    """The day in Vietnam at SOURCE_DATE_EPOCH when set (reproducible builds, tests), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), VIETNAM).date()
    return dt.datetime.now(VIETNAM).date()
