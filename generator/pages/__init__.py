"""Page definitions: the model in, one :class:`PageSpec` per page out (no MkDocs, no HTML).

One module per page kind; ``build_pages`` lists them all. Templates in ``theme/`` render them.
"""

from __future__ import annotations

from ..model import Site
from . import fields, home, initiatives, leaderboard, news, progress, units
from .base import PageSpec

__all__ = ["PageSpec", "build_pages"]


def build_pages(site: Site) -> list[PageSpec]:
    specs = [home.page(site)]
    for kind in (initiatives, units, fields, news, progress, leaderboard):
        specs.extend(kind.pages(site))
    return specs
