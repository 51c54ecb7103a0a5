"""Content problems as GitHub workflow commands, so they show inline on the pull request's diff, and as a table
in the job's summary: GitHub shows at most 10 error annotations of a step, so the table lists every problem.

Escaping follows GitHub's rules for workflow commands (the ``@actions/core`` toolkit): in the message,
``%``, CR and LF are percent-encoded; in a property value, ``:`` and ``,`` are too, because they
separate the properties. Without it, a message with a line break would end the command early and a
file name with a comma would cut the ``file`` property short.
"""

from __future__ import annotations

from .content import Problem
from .text import markdown_cell

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


def summary(problems: list[Problem]) -> str:
    """A Markdown section of the job's summary listing every problem, in the order they are printed."""
    rows = [f"| {markdown_cell(problem.path)} | {problem.line} | {problem.col} | {markdown_cell(problem.message)} |"
            for problem in problems]
    return "\n".join([
        f"### {len(problems)} lỗi trong nội dung", "",
        "Trên các dòng của pull request, GitHub chỉ hiện 10 lỗi đầu tiên; đây là tất cả:", "",
        "| Tệp | Dòng | Cột | Lỗi |", "| --- | ---: | ---: | --- |", *rows, ""])
