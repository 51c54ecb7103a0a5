"""Related initiatives: a few of the same field and unit, then the same field, then the same unit.

Within each group the nearest by registration date come first. Each group is sorted once, so finding the
related initiatives of every initiative costs O(N log N), not O(N²).
"""

from __future__ import annotations

from collections import defaultdict

from ..model import Initiative, Site

COUNT = 4


def _order(item: Initiative) -> tuple:
    return item.registered_on, item.code


def _nearest(group: list[Initiative], position: dict[str, int], item: Initiative, count: int) -> list[Initiative]:
    """The ``count`` members of ``group`` closest to ``item`` in date order (not ``item`` itself)."""
    index = position[item.key]
    window = group[max(index - count, 0): index] + group[index + 1: index + 1 + count]
    return sorted(window, key=lambda other: (abs((other.registered_on - item.registered_on).days), other.code))[:count]


def related(site: Site) -> dict[str, list[Initiative]]:
    groups: dict[tuple, list[Initiative]] = defaultdict(list)
    for item in sorted(site.initiatives, key=_order):
        for key in (("both", item.unit, item.field), ("field", item.field), ("unit", item.unit)):
            groups[key].append(item)
    positions = {key: {item.key: index for index, item in enumerate(group)} for key, group in groups.items()}
    result = {}
    for item in site.initiatives:
        chosen: list[Initiative] = []
        for key in (("both", item.unit, item.field), ("field", item.field), ("unit", item.unit)):
            for other in _nearest(groups[key], positions[key], item, COUNT):
                # by identity: comparing whole initiatives field by field is slow at 10,000
                if len(chosen) < COUNT and all(other is not kept for kept in chosen):
                    chosen.append(other)
        result[item.key] = chosen
    return result
