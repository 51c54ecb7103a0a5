"""What is kept between the builds of a served site (generator/identity.py, stats.py) and the paused or frozen
collector (generator/collector.py): kept values are given back only for the same object or equal inputs, and the
collector is given back as it was."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import inspect
import subprocess
import sys
import textwrap

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from conftest import FIXTURES, ROOT
from generator import authors_cache, collector, content, identity, parallel, search, search_index, stats
from generator.identity import ByIdentity, for_last


def test_a_value_is_kept_for_the_very_object_not_an_equal_one():
    kept = ByIdentity()
    first, equal = [1, 2], [1, 2]
    assert kept.value(first, lambda: "made") == "made"
    assert kept.get(first) == "made" and kept.get(equal) is None


def test_values_of_other_objects_are_forgotten_once_they_outnumber_those_kept():
    kept = ByIdentity()
    objects = [[number] for number in range(3000)]
    for number, item in enumerate(objects):
        kept.put(item, number)
    kept.keep_only(objects[:2000])  # 3,000 values for 2,000 objects: within bounds, nothing is dropped yet
    assert len(kept) == 3000
    kept.keep_only(objects[:10])
    assert len(kept) == 10 and kept.get(objects[9]) == 9 and kept.get(objects[10]) is None


def test_for_last_computes_again_for_another_object():
    calls = []

    @for_last
    def size(items: list) -> int:
        calls.append(items)
        return len(items)

    first, second = [1, 2], [1, 2, 3]
    assert (size(first), size(first), size(second), size(first)) == (2, 2, 3, 2)
    assert calls == [first, second, first]


def test_the_collector_is_enabled_again_by_the_outermost_pause_only_even_after_an_error():
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with collector.paused():
            with collector.paused():
                assert not gc.isenabled()
            assert not gc.isenabled()
            raise RuntimeError
    assert gc.isenabled()


def _scanned(item) -> bool:
    """Whether the collector would scan ``item`` (gc.get_objects leaves frozen objects out)."""
    return any(other is item for other in gc.get_objects())


def test_frozen_objects_are_given_back_to_the_collector_by_the_outermost_thaw_only():
    assert gc.get_freeze_count() == 0
    kept = ["an object the collector tracks"]
    collector.freeze()
    assert not _scanned(kept)
    with collector.frozen():  # a worker forked in between (generator/parallel.py)
        pass
    assert not _scanned(kept)  # the inner thaw gave back nothing of the outer freeze
    collector.thaw()
    assert gc.get_freeze_count() == 0 and _scanned(kept)


def test_a_build_in_this_process_leaves_the_collector_as_it_found_it_even_when_it_fails(tmp_path, monkeypatch):
    monkeypatch.setenv("SANGKIEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    for tree, fails in ((FIXTURES / "basic", False), (FIXTURES / "broken", True)):
        monkeypatch.setenv("SANGKIEN_CONTENT_DIR", str(tree))
        config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / tree.name))
        # as `mkdocs build` runs it: MkDocs keeps one plugin object per process for plugins with on_startup, and
        # this one may have served a site in an earlier test
        config.plugins.on_startup(command="build", dirty=False)
        try:
            if fails:
                with pytest.raises(Abort):
                    build(config)
            else:
                build(config)
            assert gc.isenabled() and gc.get_freeze_count() == 0
        finally:
            config.plugins.on_shutdown()
        assert gc.get_freeze_count() == 0  # the freeze on_shutdown asks for waits for the interpreter's exit


def test_a_build_process_leaves_what_is_alive_at_its_exit_to_reference_counting():
    # the first handler registered runs last: it sees what the interpreter's final collections will see
    script = textwrap.dedent("""
        import atexit, gc
        atexit.register(lambda: print(gc.get_freeze_count() > 0, gc.isenabled()))
        from generator import collector
        before = atexit._ncallbacks()
        collector.leave_at_exit()
        collector.leave_at_exit()
        print(atexit._ncallbacks() - before, gc.get_freeze_count())
    """)
    ran = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert ran.stdout.split() == ["1", "0", "True", "True"]


def test_figures_of_an_edited_site_are_computed_again_when_what_they_read_changed(tree):
    site = content.load(tree.root, "content").site
    before = stats.overall(site)
    # the same values in new objects: the figures are given again as they were
    same = dataclasses.replace(site, initiatives=tuple(dataclasses.replace(item) for item in site.initiatives))
    assert stats.overall(same) is before
    # a title read by no figure: still the same
    retitled = dataclasses.replace(site, initiatives=(dataclasses.replace(site.initiatives[0], title="Khác"),
                                                      *site.initiatives[1:]))
    assert stats.overall(retitled) is before
    # one initiative less: counted again
    fewer = dataclasses.replace(site, initiatives=site.initiatives[1:])
    assert stats.overall(fewer).count == before.count - 1
    # one in the middle registered 40 days earlier (neither the first nor the last day change): another month, so
    # the burn-up by month differs
    middle = len(site.initiatives) // 2
    item = site.initiatives[middle]
    moved = dataclasses.replace(site, initiatives=(
        *site.initiatives[:middle], dataclasses.replace(item, registered_on=item.registered_on - dt.timedelta(days=40)),
        *site.initiatives[middle + 1:]))
    assert stats.as_of(moved) == stats.as_of(site) and stats.start(moved) == stats.start(site)
    assert stats.monthly(moved) != stats.monthly(site)
    for figures in (stats.overall, stats.monthly, stats.unit_ranking, stats.authors):
        assert figures(moved) == inspect.unwrap(figures)(moved)


def test_forget_all_empties_every_table_and_slot():
    kept, last = ByIdentity(), identity.slot()
    item = [1]
    kept.put(item, "value")
    last.append((item, "value"))
    identity.forget_all()
    assert kept.get(item) is None and len(kept) == 0 and last == []


END_NOW = """
    import atexit, multiprocessing, sys, threading, time
    from generator import collector
    atexit.register(lambda: print("exit handlers ran", end=""))
    {before}
    print("built", end="")  # no newline: still in stdout's buffer
    collector.end_now()
    print(" ... went on", end="")
"""


def _ended(before: str) -> subprocess.CompletedProcess:
    script = textwrap.dedent(END_NOW).format(before=before)
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_a_finished_build_process_ends_at_once_with_what_it_printed():
    ended = _ended("")
    assert (ended.returncode, ended.stdout) == (0, "built")


@pytest.mark.parametrize("running", [
    "threading.Thread(target=lambda: (time.sleep(0.3), print(' ... thread done', end=''))).start()",
    "multiprocessing.get_context('fork').Process(target=time.sleep, args=(0.3,)).start()",
], ids=["thread", "child process"])
def test_a_process_still_running_something_ends_as_usual(running):
    ended = _ended(running)
    assert ended.returncode == 0
    assert ended.stdout.startswith("built ... went on") and ended.stdout.endswith("exit handlers ran")


def test_the_values_initiatives_repeat_are_one_object_each(synthetic):
    """Dates, authors and benefits equal to one an initiative loaded before are that very object (content/assemble.py):
    each is pickled once with the model (kept for the next build, handed over between processes)."""
    site = content.load(synthetic).site
    dates = [date for item in site.initiatives
             for date in (item.registered_on, item.applied_from, item.recognition and item.recognition.date) if date]
    authors = [author for item in site.initiatives for author in item.authors]
    benefits = [item.benefit for item in site.initiatives if item.benefit]
    for values in (dates, authors, benefits):
        assert len(set(values)) < len(values)  # the sample repeats some of each
        assert len({id(value) for value in values}) == len(set(values))


def _watched(module, name: str, monkeypatch) -> list[bool]:
    """Whether the collector was running each time ``module.name`` was called."""
    seen = []
    function = getattr(module, name)

    def watched(*args):
        seen.append(gc.isenabled())
        return function(*args)

    monkeypatch.setattr(module, name, watched)
    return seen


def test_the_search_index_is_made_with_the_collector_paused(synthetic, monkeypatch):
    site = content.load(synthetic).site.published(dt.date(2030, 1, 1))
    records = search.records(site)
    seen = _watched(search_index, "_build", monkeypatch)
    files = search_index.build(records)
    assert seen == [False] and gc.isenabled()
    monkeypatch.undo()
    assert search_index.build(records) == files


@pytest.mark.skipif(not parallel._can_fork(), reason="made here, with one core or no fork")
def test_a_result_handed_over_is_made_and_pickled_with_the_collector_paused():
    assert parallel.apart(gc.isenabled) is False
    assert gc.isenabled()


def test_the_authors_are_tallied_with_the_collector_paused(tmp_path, monkeypatch):
    monkeypatch.setenv("SANGKIEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SANGKIEN_CONTENT_DIR", str(FIXTURES / "basic"))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    seen = _watched(authors_cache, "keep_tallies", monkeypatch)
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    assert seen == [False] and gc.isenabled() and gc.get_freeze_count() == 0
