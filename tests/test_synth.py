"""The synthetic content generator: valid trees of the requested size, byte-identical for a seed, realistic shares."""

from __future__ import annotations

import collections
import datetime as dt
import importlib.util
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build_site
from generator import content
from generator.clock import publish_date
from generator.pages import build_pages, urls
from generator.pages.base import Pending
from generator.synth import NotEmptyError, _scalar, write_tree


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "content"
    write_tree(out, initiatives=50, news=5, seed=7)
    return out


@pytest.fixture(scope="module")
def medium_site(tmp_path_factory):
    """1,000 initiatives: enough for the shares to settle, still well under a second to write."""
    out = tmp_path_factory.mktemp("synth") / "content"
    write_tree(out, initiatives=1000, news=20, seed=3)
    loaded = content.load(out)
    assert loaded.problems == []
    return loaded.site


def test_small_tree_is_valid_with_the_requested_counts(small):
    loaded = content.load(small)
    assert loaded.problems == []
    site = loaded.site
    # Drafts are among the requested initiatives (the site leaves them out); news likewise.
    assert len(site.initiatives) == 50
    assert len(site.news) == 5
    assert len(site.units) == 17
    assert any(item.featured for item in site.initiatives)


def test_same_seed_gives_byte_identical_files(small, tmp_path):
    write_tree(tmp_path / "again", initiatives=50, news=5, seed=7)
    assert snapshot(tmp_path / "again") == snapshot(small)


def test_identical_in_another_process_with_another_hash_seed(small, tmp_path):
    """No dependence on set or dict hash order, which changes from process to process."""
    code = ("import sys; from pathlib import Path; from generator.synth import write_tree; "
            "write_tree(Path(sys.argv[1]), initiatives=50, news=5, seed=7)")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "again")], cwd=ROOT, env=env, check=True)
    assert snapshot(tmp_path / "again") == snapshot(small)


def test_another_seed_gives_other_content(small, tmp_path):
    write_tree(tmp_path / "other", initiatives=50, news=5, seed=8)
    other = snapshot(tmp_path / "other")
    assert other != snapshot(small)
    assert other["units.yml"] == snapshot(small)["units.yml"]  # same size: same units and quotas


def test_writes_into_an_empty_folder_but_refuses_a_non_empty_one(tmp_path):
    (tmp_path / "empty").mkdir()
    write_tree(tmp_path / "empty", initiatives=3, news=0, seed=1)
    assert (tmp_path / "empty" / "campaign.yml").is_file()
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("giữ lại", encoding="utf-8")
    with pytest.raises(NotEmptyError, match="không trống"):
        write_tree(tmp_path / "used", initiatives=3, news=0, seed=1)
    assert [path.name for path in (tmp_path / "used").iterdir()] == ["notes.txt"]  # nothing written
    with pytest.raises(NotEmptyError):
        write_tree(tmp_path / "used" / "notes.txt", initiatives=3, news=0, seed=1)


def test_rejects_impossible_sizes(tmp_path):
    with pytest.raises(ValueError):
        write_tree(tmp_path / "none", initiatives=0, news=0, seed=1)


def test_shares_follow_the_brief(medium_site):
    items = medium_site.initiatives
    share = lambda predicate: sum(1 for item in items if predicate(item)) / len(items)  # noqa: E731
    assert 0.62 <= share(lambda item: item.benefit is not None) <= 0.78
    assert 0.28 <= share(lambda item: item.recognition is not None) <= 0.45
    assert 0.003 <= share(lambda item: item.featured) <= 0.03
    assert 0 < share(lambda item: item.draft) < 0.03
    assert 0.01 <= share(lambda item: item.photos) <= 0.12
    assert {len(item.authors) for item in items} == {1, 2, 3, 4}
    assert any(author.unit != item.unit for item in items for author in item.authors)


def test_registrations_spread_over_the_campaign_with_its_rhythm(medium_site):
    days = [item.registered_on for item in medium_site.initiatives]
    assert min(days) >= dt.date(2021, 9, 1) and max(days) <= dt.date(2023, 9, 30)
    months = collections.Counter(day.strftime("%Y-%m") for day in days)
    assert len(months) == 25
    assert months["2022-05"] > 2 * months["2022-06"]  # the rush before phase 1 ends
    weekends = sum(1 for day in days if day.weekday() >= 5)
    assert weekends < 0.1 * len(days)


def test_words_have_a_long_tail(medium_site):
    """A few words carry much of the text and many are rare, as in real Vietnamese prose."""
    counts = collections.Counter(word for item in medium_site.initiatives
                                 for word in f"{item.title} {item.summary} {item.description}".lower().split())
    ranked = [count for _, count in counts.most_common()]
    assert len(ranked) > 800
    assert ranked[0] > 20 * ranked[len(ranked) // 2]


def test_codes_count_up_per_unit_and_year_in_registration_order(medium_site):
    by_unit_year = collections.defaultdict(list)
    for item in medium_site.initiatives:
        by_unit_year[item.code.rsplit("-", 1)[0]].append(item)
    for items in by_unit_year.values():
        ordered = sorted(items, key=lambda item: item.code)
        assert [item.registered_on for item in ordered] == sorted(item.registered_on for item in items)
        assert int(ordered[-1].code.rsplit("-", 1)[1]) == len(items)


@pytest.mark.parametrize("text", ["Có: ghi chú", "yes", "NO", "2022-05-01", "123", "a #b", '"trích"', "[x]",
                                  "Kết thúc bằng dấu hai chấm:", "Thường, có dấu phẩy", "- gạch đầu dòng"])
def test_scalars_read_back_as_the_same_text(text):
    assert yaml.safe_load(f"key: {_scalar(text)}\n") == {"key": text}


def test_a_synthetic_tree_builds_strictly(small, tmp_path, monkeypatch):
    monkeypatch.setenv("SANGKIEN_CACHE_DIR", str(tmp_path / "cache"))  # keep these social cards out of the repo
    out = tmp_path / "site"
    result = build_site(small, out)
    assert result.returncode == 0, result.stderr
    published = [item for item in content.load(small).site.initiatives if not item.draft]
    for item in published:
        assert (out / urls.initiative(item) / "index.html").is_file()
    photos = [photo for item in published for photo in item.photos]
    assert photos  # seed 7 references some; each is published
    for photo in photos:
        assert (out / urls.photo(photo)).is_file()


def test_the_benchmark_runs_end_to_end(tmp_path, capsys, monkeypatch):
    """The benchmark script at a tiny size: both builds succeed and the table is printed (no timing checked)."""
    spec = importlib.util.spec_from_file_location("bench_build", ROOT / "benchmarks" / "bench_build.py")
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_build", bench)  # dataclasses look their module up there
    spec.loader.exec_module(bench)
    work = tmp_path / "not" / "made"  # made by the script
    assert bench.main(["--sizes", "30", "--repeat", "1", "--workdir", str(work)]) == 0
    printed = capsys.readouterr().out
    assert "MkDocs 1.6" in printed
    assert "| 30 |" in printed
    processor = re.search(r"^N=30: processor time, s .*: a ([\d.]+), b ([\d.]+), w ([\d.]+), r ([\d.]+); on \d+ cores",
                          printed, flags=re.MULTILINE)
    system = re.search(r"^N=30: of it system time, s .*: a ([\d.]+), b ([\d.]+), w ([\d.]+), r ([\d.]+)$", printed,
                       flags=re.MULTILINE)
    assert processor and system
    assert all(float(part) <= float(whole) for part, whole in zip(system.groups(), processor.groups()))
    # the rebuild in place leaves exactly as many files as a build into a new folder
    files = dict(re.findall(r"^  ([arw]) #1: .*?, (\d+) files,", printed, flags=re.MULTILINE))
    assert set(files) == {"a", "w", "r"} and files["r"] == files["w"] == files["a"]
    assert list(work.iterdir()) == []  # the work folder is cleaned up


def _bench_module(name: str, monkeypatch):
    """benchmarks/<name>.py loaded fresh, with bench_build (which it imports from beside it) fresh too."""
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    for loaded in (name, "bench_build"):
        monkeypatch.delitem(sys.modules, loaded, raising=False)
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_compiles_code_python_was_told_not_to(tmp_path, monkeypatch):
    """Bytecode is written where it is missing or out of date even when Python writes none itself
    (PYTHONDONTWRITEBYTECODE), and read back by a process told the same."""
    spec = importlib.util.spec_from_file_location("bench_build", ROOT / "benchmarks" / "bench_build.py")
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_build", bench)  # dataclasses look their module up there
    spec.loader.exec_module(bench)
    package = tmp_path / "package"
    package.mkdir()
    source = package / "module.py"
    source.write_text("VALUE = 1\n", encoding="utf-8")
    compiled = Path(importlib.util.cache_from_source(str(source)))
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    bench.compile_code(package)
    first = compiled.read_bytes()
    source.write_text("VALUE = 22\n", encoding="utf-8")
    later = source.stat().st_mtime + 10  # compileall compares whole seconds of the time stamp
    os.utime(source, (later, later))
    bench.compile_code(package)
    assert compiled.read_bytes() != first
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(package)}
    imported = subprocess.run([sys.executable, "-v", "-c", "import module; print(module.VALUE)"], env=env,
                              capture_output=True, text=True, check=True)
    assert imported.stdout == "22\n"
    assert f"matches {source}" in imported.stderr  # the bytecode was used, not the source compiled again


def test_the_scale_benchmark_runs_end_to_end(tmp_path, capsys, monkeypatch):
    """The scale script at tiny sizes: every build succeeds, small and large interleaved; the ratio of the medians,
    each large build's ratio and the watched peak are printed."""
    scale = _bench_module("bench_scale", monkeypatch)
    arguments = ["--small", "20", "--large", "40", "--repeat", "3", "--repeat-large", "2", "--watch",
                 "--workdir", str(tmp_path)]
    assert scale.main(arguments) == 0
    printed = capsys.readouterr().out
    builds = re.findall(r"^  n(\d+): ([\d.]+) s \((timed|watched, not timed), processor [\d.]+ s, system [\d.]+ s\), "
                        r"peak [\d,]+ MB, [\d,]+ files, [\d,.]+ MB$", printed, flags=re.MULTILINE)
    assert [(size, kind) for size, _, kind in builds] == [
        ("20", "timed"), ("40", "timed"), ("20", "timed"), ("40", "timed"), ("20", "timed"),
        ("40", "watched, not timed")]
    small = sorted(float(seconds) for size, seconds, kind in builds if size == "20")
    large = [float(seconds) for size, seconds, kind in builds if size == "40" and kind == "timed"]
    summary = re.search(r"^40 in ([\d.]+) s \(median of 2\) = ([\d.]+)x the median of 20 \(([\d.]+) s\); "
                        r"each build of 40 against that median: ([\d.]+)x, ([\d.]+)x; biggest process [\d,]+ MB$",
                        printed, flags=re.MULTILINE)
    median, ratio, small_median, *each = (float(figure) for figure in summary.groups())
    assert small_median == small[1] and median == pytest.approx(sum(large) / 2, abs=0.006)
    assert _could_be(ratio, median, small_median)
    assert len(each) == len(large) and all(_could_be(printed, seconds, small_median)
                                           for printed, seconds in zip(each, large))
    assert list(tmp_path.iterdir()) == []


def _could_be(ratio: float, over: float, under: float, half: float = 0.005) -> bool:
    """Whether ``ratio``, printed to two places, can be ``over / under`` where both were printed to two places too.
    Exact bounds, not a share: at these sizes a build takes about half a second, and the rounding alone then moved a
    ratio worked out again from the printed figures by more than 2%."""
    return (over - half) / (under + half) - half <= ratio <= (over + half) / (under - half) + half


def test_the_floor_benchmark_runs_end_to_end(tmp_path, capsys, monkeypatch):
    """The floor script at a tiny size: every build succeeds and both floors are printed as fractions of (a)."""
    floor = _bench_module("bench_floor", monkeypatch)
    assert floor.main(["--size", "30", "--repeat", "1", "--workdir", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert re.search(r"^  #1: a [\d.]+ s, f [\d.]+ s, fr [\d.]+ s, s [\d.]+ s$", printed, flags=re.MULTILINE)
    assert re.search(r"^floor of a warm rebuild into a fresh folder, f \+ s = [\d.]+ s = [\d.]+ a$", printed,
                     flags=re.MULTILINE)
    assert re.search(r"^floor of a warm rebuild in place, fr = [\d.]+ s = [\d.]+ a$", printed, flags=re.MULTILINE)
    assert list(tmp_path.iterdir()) == []


def test_the_floor_benchmark_links_the_whole_tree(tmp_path, monkeypatch):
    """(s) makes every folder of the site, empty ones too, and hard-links every file."""
    floor = _bench_module("bench_floor", monkeypatch)
    site = tmp_path / "site"
    for name in ("index.html", "a/index.html", "a/b/index.html", "cards/x.png"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name)
    (site / "empty" / "inner").mkdir(parents=True)
    assert floor.link_tree(site, tmp_path / "out") >= 0
    made = sorted(path.relative_to(tmp_path / "out").as_posix() for path in (tmp_path / "out").rglob("*"))
    assert made == sorted(path.relative_to(site).as_posix() for path in site.rglob("*"))
    for path in site.rglob("*"):
        if path.is_file():
            assert (tmp_path / "out" / path.relative_to(site)).samefile(path)


def test_the_parts_benchmark_runs_end_to_end(tmp_path, capsys, monkeypatch):
    """The parts script at a tiny size: each part of the load and each kind of page is printed, then their sum and
    what carrying each kept state costs; the work folder is removed."""
    parts = _bench_module("bench_parts", monkeypatch)
    assert parts.main(["--size", "30", "--repeat", "2", "--workdir", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert len(re.findall(r"^  #[12]: records [\d.]+ s, all parts [\d.]+ s, from the kept model [\d.]+ s$",
                          printed, flags=re.MULTILINE)) == 2
    assert re.search(r"^  load from the kept model +[\d.]+   \(a build's load after one edit, instead of the first\)$",
                     printed, flags=re.MULTILINE)
    for step in ("records", "checks", "model", "home", "initiatives", "leaderboard", "browse"):
        assert re.search(rf"^    {step} +[\d.]+$", printed, flags=re.MULTILINE), step
    for total in ("load after one edit", r"page definitions \([\d,]+\)", "site files", "all parts"):
        assert re.search(rf"^  {total} +[\d.]+$", printed, flags=re.MULTILINE), total
    for state in ("the model", "what serving keeps"):
        assert re.search(rf"^  {state} +[\d.]+ +[\d.]+   [\d.]+ MB$", printed, flags=re.MULTILINE), state
    assert list(tmp_path.iterdir()) == []


def test_the_parts_benchmark_times_what_a_build_makes(tmp_path, monkeypatch):
    """Its load gives the model content.load gives (drafts and future news left out), and its definitions are
    as many as a build of the lean path makes."""
    parts = _bench_module("bench_parts", monkeypatch)
    basic = ROOT / "tests" / "fixtures" / "basic"  # with a draft initiative and a draft news item
    times = {step: [] for step in [*parts.LOAD, *map(parts.kind_name, parts.KINDS), "site files"]}
    site = parts.load(basic, tmp_path / "cache", times)
    loaded = content.load(basic, "content").site
    assert site == loaded.published(publish_date()) and site != loaded
    assert parts.define(site, times) == len(build_pages(site, parts.INFO, later=True))
    assert all(len(values) == 1 for values in times.values())


def test_the_parts_benchmark_puts_each_edited_file_back(tmp_path, monkeypatch):
    """After its repetitions the tree is byte for byte the one it wrote, and every part has a time for each."""
    parts = _bench_module("bench_parts", monkeypatch)
    median, pages, states = parts.measure(30, 2, tmp_path / "work")
    fresh = tmp_path / "fresh"
    write_tree(fresh, initiatives=30, news=20, seed=parts.bench_build.SEED)
    assert snapshot(tmp_path / "work" / "n30") == snapshot(fresh)
    assert set(median) == {*parts.LOAD, *map(parts.kind_name, parts.KINDS), "site files", parts.KEPT}
    assert all(value >= 0 for value in median.values())
    assert list(states) == ["the model", "what serving keeps"]
    assert all(written >= 0 and read >= 0 for written, read, _ in states.values())
    assert states["the model"][2] < states["what serving keeps"][2]
    loaded = content.load(fresh, "content").site.published(publish_date())
    assert pages == len(build_pages(loaded, parts.INFO, later=True))


def test_the_parts_benchmark_carries_what_serving_keeps(tmp_path, monkeypatch):
    """The states it pickles are the model of a build and what a served site holds: the records of a load with
    ``keep``, the model, and every page definition made whole (none left Pending); each reads back equal."""
    parts = _bench_module("bench_parts", monkeypatch)
    basic = ROOT / "tests" / "fixtures" / "basic"
    states = parts.kept_states(basic, tmp_path / "cache")
    loaded = content.load(basic, "content", keep=True)
    site = loaded.site.published(publish_date())
    assert states["the model"] == site
    raw, whole, published, definitions = states["what serving keeps"]
    assert (raw, whole, published) == (loaded.raw, loaded.site, site)
    assert definitions == build_pages(site, parts.INFO)
    assert not any(isinstance(spec, Pending) for spec in definitions)
    for state in states.values():
        assert pickle.loads(pickle.dumps(state)) == state
