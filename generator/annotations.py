"""Content problems as GitHub workflow commands, so they show inline on the pull request's diff.

Escaping follows GitHub's rules for workflow commands (the ``@actions/core`` toolkit): in the message,
``%``, CR and LF are percent-encoded; in a property value, ``:`` and ``,`` are too, because they
separate the properties. Without it, a message with a line break would end the command early and a
file name with a comma would cut the ``file`` property short.
"""

from __future__ import annotations

from .content import Problem

TITLE = "Lỗi nội dung"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem, title: str = TITLE) -> str:
    """``::error file=...,line=...,col=...,title=...::message`` for one problem."""
    properties = {"file": problem.path, "line": str(problem.line), "col": str(problem.col), "title": title}
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::error {joined}::{escape_data(problem.message)}"
