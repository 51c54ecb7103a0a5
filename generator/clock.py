"""The one place the site reads the calendar.

A build publishes news up to this day. Nothing printed on the site comes from the clock: printed dates come
from the content (its as-of date), so the same content gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import os


def publish_date() -> dt.date:
    """SOURCE_DATE_EPOCH when set (reproducible builds, tests), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()
