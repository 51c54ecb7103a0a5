"""Values kept by the identity of the object they were made from (core: no MkDocs).

A site served by `mkdocs serve` is made again after each edit, and every initiative the edit did not touch is the
same object as before (content.update). What was worked out from such an object — its model value, its card in
listings, its authors' credits, its search record — is then taken from here instead of made again. Kept by
identity rather than by value: comparing or hashing whole initiatives costs more than making most values. Each
entry holds its object, so an identity is never reused while the entry lives.

Everything kept here and in :func:`slot` is forgotten at once by :func:`forget_all`, which a command-line build
calls before its process ends: freed then, it takes a tenth of a second at 10,000 initiatives; left to the
interpreter's shutdown, about half a second.
"""

from __future__ import annotations

import functools
import weakref
from typing import Any, Callable, Collection

_TABLES: weakref.WeakSet = weakref.WeakSet()  # every ByIdentity alive
_SLOTS: list[list] = []  # every slot()


def slot() -> list:
    """A list that holds the last value of a memo (a module's, made once at import), emptied by forget_all."""
    kept: list = []
    _SLOTS.append(kept)
    return kept


def forget_all() -> None:
    for table in list(_TABLES):
        table._values = {}
    for kept in _SLOTS:
        kept.clear()


class ByIdentity:
    def __init__(self) -> None:
        self._values: dict[int, tuple[Any, Any]] = {}
        _TABLES.add(self)

    def get(self, key: Any) -> Any | None:
        kept = self._values.get(id(key))
        return kept[1] if kept is not None and kept[0] is key else None

    def put(self, key: Any, value: Any) -> Any:
        self._values[id(key)] = (key, value)
        return value

    def value(self, key: Any, make: Callable[[], Any]) -> Any:
        """The value kept for ``key``, or ``make()`` kept now."""
        kept = self.get(key)
        return kept if kept is not None else self.put(key, make())

    def keep_only(self, keys: Collection[Any]) -> None:
        """Forget the values of every object but ``keys`` (those of the last site), once they are outnumbered: an
        edit replaces a few objects, and making the table again after each would cost more than the values it
        keeps (at 10,000 initiatives, tens of milliseconds for a handful of entries). Memory stays within half as
        much again as the last site needs."""
        if len(self._values) <= len(keys) * 3 // 2 + 1024:
            return
        alive = {id(key) for key in keys}
        self._values = {key: kept for key, kept in self._values.items() if key in alive}

    def values(self) -> list[Any]:
        return [value for _, value in self._values.values()]

    def __len__(self) -> int:
        return len(self._values)


def for_last(function: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``function`` of one argument computed once for an object (by identity) and given again while it is the last
    object asked about: a build asks for the same figures of a site on many pages, and an edited served site is a
    new site object. The result is shared: callers never change it. ``.keep(argument, result)`` gives it a result
    worked out elsewhere (one kept between builds: generator/authors_cache.py)."""
    last: list[tuple[Any, Any]] = slot()

    @functools.wraps(function)
    def once(argument: Any) -> Any:
        kept = last[0] if last else None  # one read: another thread may replace it meanwhile
        if kept is not None and kept[0] is argument:
            return kept[1]
        result = function(argument)
        last[:] = [(argument, result)]
        return result

    def keep(argument: Any, result: Any) -> None:
        last[:] = [(argument, result)]

    once.keep = keep  # type: ignore[attr-defined]
    return once
