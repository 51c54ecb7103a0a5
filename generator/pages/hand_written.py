"""Hand-written pages (the site's pages folder: MkDocs' docs folder, ``content/pages/``) against the addresses of
the generated pages.

MkDocs writes a hand-written page and a generated page of the same address to the same file, and the generated
one is written last: the hand-written page would be lost without a word. Both ``sangkien check`` and the build
report each such page as a content problem.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping

from ..content.problems import Problem
from ..content.schema import PAGE_SUFFIXES

CLASH = ("Trang viết tay có cùng địa chỉ {address} với một trang được tạo tự động từ nội dung nên sẽ "
         "không được xuất bản; hãy đặt tên khác cho tệp")


def generated_name(rel: str) -> str | None:
    """The name a generated page at the address of the hand-written page ``rel`` (its path in the pages folder,
    with '/') has: ``<address>index.md`` (pages.base). 'bang-xep-hang.md' and 'bang-xep-hang/index.md' are both
    at /bang-xep-hang/, as MkDocs' directory URLs place them (a README.md stands for its folder's index.md). None
    for a file that is not a page."""
    if not rel.endswith(PAGE_SUFFIXES):
        return None
    folder, name = posixpath.split(posixpath.splitext(rel)[0])
    if name in ("index", "README"):
        return posixpath.join(folder, "index.md")
    return posixpath.join(folder, name, "index.md")


def clashes(generated: Iterable[str], hand_written: Mapping[str, str]) -> list[Problem]:
    """A problem for each hand-written page at the address of a generated page. ``generated``: the generated
    pages' names (``src_uri``); ``hand_written``: each hand-written page's :func:`generated_name` and the path
    messages show for it."""
    taken = {name for name in generated if name in hand_written}
    return sorted(Problem(hand_written[name], 1, 1, CLASH.format(address="/" + name[:-len("index.md")]))
                  for name in taken)
