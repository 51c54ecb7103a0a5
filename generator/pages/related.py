"""Related initiatives: a few of the same field and unit, then the same field, then the same unit.

Within each group the nearest by registration date come first. Each group is sorted once, so finding the
related initiatives of every initiative costs O(N log N), not O(N²).
"""

from __future__ import annotations

from collections import defaultdict

from ..identity import for_last
from ..model import Initiative, Site

COUNT = 4


def _order(item: Initiative) -> tuple:
    return item.registered_on, item.code


def _nearest(group: list[Initiative], position: dict[str, int], item: Initiative, count: int) -> list[Initiative]:
    """The ``count`` members of ``group`` closest to ``item`` in date order (not ``item`` itself)."""
    index = position[item.key]
    window = group[max(index - count, 0): index] + group[index + 1: index + 1 + count]
    return sorted(window, key=lambda other: (abs((other.registered_on - item.registered_on).days), other.code))[:count]


@for_last  # the groups of a served site are asked for again by the update that follows its edit
def groups_of(site: Site) -> dict[tuple, list[Initiative]]:
    """Each group (same unit and field, same field, same unit) in date order."""
    groups: dict[tuple, list[Initiative]] = defaultdict(list)
    for item in sorted(site.initiatives, key=_order):
        for key in _keys(item):
            groups[key].append(item)
    return dict(groups)


def _keys(item: Initiative) -> tuple[tuple, ...]:
    return ("both", item.unit, item.field), ("field", item.field), ("unit", item.unit)


def related(site: Site, only: set[str] | None = None, groups: dict[tuple, list[Initiative]] | None = None
            ) -> dict[str, list[Initiative]]:
    """Initiative key -> its related initiatives; for every initiative, or those whose key is in ``only``.
    ``groups``: the site's groups when already made (:func:`groups_of`)."""
    if only is not None and not only:
        return {}
    groups = groups if groups is not None else groups_of(site)
    positions: dict[tuple, dict[str, int]] = {}
    result = {}
    for item in site.initiatives:
        if only is not None and item.key not in only:
            continue
        chosen: list[Initiative] = []
        for key in _keys(item):
            if len(chosen) == COUNT:
                break  # the closer groups gave them all (at 10,000 initiatives, all but a few dozen)
            if key not in positions:
                positions[key] = {member.key: index for index, member in enumerate(groups[key])}
            for other in _nearest(groups[key], positions[key], item, COUNT):
                # by identity: comparing whole initiatives field by field is slow at 10,000
                if len(chosen) < COUNT and all(other is not kept for kept in chosen):
                    chosen.append(other)
        result[item.key] = chosen
    return result


def neighbours(site: Site, items: list[Initiative], groups: dict[tuple, list[Initiative]] | None = None) -> set[str]:
    """Keys of the initiatives whose related ones may include any of ``items`` (members of ``site``): those at most
    COUNT places from one of them in a group they share, since an initiative's related ones are drawn from the
    COUNT before and after it in each of its groups. Inserting or removing an initiative changes no other
    initiative's neighbours in a group."""
    if not items:
        return set()
    groups = groups if groups is not None else groups_of(site)
    found: set[str] = set()
    for item in items:
        for key in _keys(item):
            group = groups[key]
            index = next(index for index, member in enumerate(group) if member is item)
            found.update(member.key for member in group[max(index - COUNT, 0): index + COUNT + 1])
    return found
