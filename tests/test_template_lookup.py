"""``a.b`` in the theme's templates (plugin._quick_getattr) gives what Jinja's own lookup gives, in every case."""

from __future__ import annotations

from collections import OrderedDict
from types import SimpleNamespace

import jinja2

from generator.plugin import _quick_getattr

TEMPLATE = "{% for value in values %}[{{ value.title }}|{{ value.items is defined }}|{{ value.missing is defined }}]{% endfor %}"

VALUES = [
    {"title": "Máy cắt <b>"},  # a key
    {"items": [1, 2], "title": "có khoá trùng tên phương thức"},  # dict's own method wins, as in Jinja
    {},  # nothing: undefined
    {"title": None},
    OrderedDict(title="lớp con của dict"),  # not a plain dict: Jinja's lookup
    SimpleNamespace(title="thuộc tính"),
    "chuỗi",
    ["danh", "sách"],
    None,
]


def render(quick: bool) -> str:
    environment = jinja2.Environment(autoescape=True)
    if quick:
        environment.getattr = _quick_getattr(environment.getattr)
    return environment.from_string(TEMPLATE).render(values=VALUES)


def test_the_same_output_as_jinjas_lookup():
    assert render(quick=True) == render(quick=False)


def test_a_key_named_like_a_dict_method_is_still_the_method():
    lookup = _quick_getattr(jinja2.Environment().getattr)
    value = {"items": [1, 2]}
    assert lookup(value, "items") == value.items
    assert lookup({"title": "A"}, "title") == "A"
    assert isinstance(lookup({}, "title"), jinja2.Undefined)
