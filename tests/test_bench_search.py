"""benchmarks/bench_search.py runs the site's reader, theme/assets/javascripts/search_index.js, under Node.js over an
index: on hand-made indexes, what it finds, in which order, and which files it reads (the browser tests run the same
script in Chromium over the shipped content)."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys

import pytest

from conftest import ROOT
from generator import search, search_index
from generator.clock import publish_date
from generator.content import load


pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="the reader runs under Node.js")


@pytest.fixture
def bench(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    for name in ("bench_search", "bench_build"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    spec = importlib.util.spec_from_file_location("bench_search", ROOT / "benchmarks" / "bench_search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def record(day: int, title: str, other: str, benefit: str | None) -> search.Indexed:
    sorts = (("ngay", f"2022-05-{day:02}"),) + ((("lam-loi", benefit),) if benefit is not None else ())
    return search.Indexed(sorts=sorts, meta=(("title", title),), words=((7, title), (1, other)))


RECORDS = {  # page numbers: newest first
    "a/": record(9, "tram dien", "", "300"),  # 0
    "b/": record(8, "dien luc", "tram", "0"),  # 1
    "c/": record(7, "tin dien", "", None),  # 2: a news post, no benefit
    "d/": record(6, "tram", "dien", "300"),  # 3
    "e/": record(5, "may cat", "dien", "1200"),  # 4
    "f/": record(4, "dien", "", "0"),  # 5
}


def files_read(paths: list[str]) -> list[str]:
    return [path.split(".")[0] for path in paths]


def test_what_a_search_finds_and_in_which_order(bench):
    """"dien" is a title word of a/ b/ c/ f/ (7) and elsewhere on d/ e/ (1); "tram di" adds "tram" (title of a/ d/,
    elsewhere on b/) and "di", which begins "dien" (half): a/ 7 + 3.5, d/ 7 + 0.5, b/ 1 + 3.5."""
    answers = bench.reads(search_index.build(RECORDS), [("dien", None), ("tram di", None), ("xyz", None)], screen=3)
    assert [(answer["count"], answer["first"]) for answer in answers] == [
        (6, [0, 1, 2]),  # equal scores: newest first
        (3, [0, 3, 1]),
        (0, [])]
    assert files_read(answers[1]["index"]) == ["tu/tr", "tu/di"] and files_read(answers[1]["results"]) == ["trang/0"]
    assert answers[2]["results"] == []


def test_the_order_by_benefit_read_a_part_at_a_time(bench, monkeypatch):
    monkeypatch.setattr(search_index, "SORT_PART", 2)
    answers = bench.reads(search_index.build(RECORDS), [("dien", "lam-loi"), ("luc", "lam-loi")], screen=2)
    # e/ 1200, then a/ and d/ (300, newest first); b/ and f/ (0, the least value) last; c/ has no benefit
    assert (answers[0]["count"], answers[0]["first"]) == (5, [4, 0])
    # the first part asked for beside the pages without the key
    assert files_read(answers[0]["index"]) == ["tu/di", "xep/lam-loi/0", "xep/lam-loi/thieu"]
    # b/: every part, then the least value's pages
    assert (answers[1]["count"], answers[1]["first"]) == (1, [1])
    assert files_read(answers[1]["index"]) == [
        "tu/lu", "xep/lam-loi/0", "xep/lam-loi/thieu", "xep/lam-loi/1", "xep/lam-loi/cuoi"]


def test_the_script_on_the_shipped_content(bench, capsys):
    assert bench.main(["--content", str(ROOT / "content")]) == 0
    printed = capsys.readouterr().out
    initiatives = len(load(ROOT / "content").site.published(publish_date()).initiatives)
    row = re.search(r"^\| every initiative, by benefit \| ([\d,]+) \| (\d+) files", printed, flags=re.MULTILINE)
    assert row and int(row[1].replace(",", "")) == initiatives and row[2] == "3"  # filter word, pages without, part 0
    assert len(re.findall(r"^\| .* \| [\d,]+ \| \d+ files, [\d.]+ KB / [\d.]+ KB \| \d+ files, ", printed,
                          flags=re.MULTILINE)) == 9
