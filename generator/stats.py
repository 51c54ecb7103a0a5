"""Campaign numbers: the model in, numbers out. No I/O, no formatting, no templates.

Rules (printed on the site where the numbers appear):
- An initiative counts from its registration date (``registered_on``), up to the as-of date.
- The as-of date is the campaign's ``as_of``, else the latest registration date in the content.
- Percentages have one decimal and are rounded down, so 99.96% shows as 99.9%, never 100.0%.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from .model import Initiative, Site, Unit


def percent(count: int, target: int | None) -> float | None:
    """One decimal, rounded down; None without a positive target."""
    if not target:
        return None
    return (count * 1000 // target) / 10


def as_of(site: Site) -> dt.date:
    if site.campaign.as_of:
        return site.campaign.as_of
    if site.initiatives:
        return max(item.registered_on for item in site.initiatives)
    return site.campaign.programme.counted_from


def counted(site: Site) -> list[Initiative]:
    """The initiatives registered up to the as-of date."""
    day = as_of(site)
    return [item for item in site.initiatives if item.registered_on <= day]


@dataclass(frozen=True)
class Progress:
    count: int
    target: int | None
    percent: float | None
    deadline: dt.date | None
    as_of: dt.date


def overall(site: Site) -> Progress:
    day = as_of(site)
    target = site.campaign.target_on(day)
    count = len(counted(site))
    return Progress(count, target.count, percent(count, target.count), target.deadline, day)


@dataclass(frozen=True)
class UnitProgress:
    unit: Unit
    count: int
    quota: int | None
    percent: float | None


def units(site: Site) -> list[UnitProgress]:
    """Every unit, in the order of units.yml, with its count and quota (units with none at 0)."""
    counts = Counter(item.unit for item in counted(site))
    return [UnitProgress(unit, counts[unit.id], unit.total_quota, percent(counts[unit.id], unit.total_quota))
            for unit in site.units]


def by_field(site: Site) -> dict[str, int]:
    """Count per field id, in the order of the campaign's field list."""
    counts = Counter(item.field for item in counted(site))
    return {item.id: counts[item.id] for item in site.campaign.fields}
