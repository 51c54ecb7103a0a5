"""Loading again after edits (content.update) and page definitions made again from it (pages.update_pages) give
exactly what a whole load and build_pages give; what update cannot handle it declines."""

from __future__ import annotations

import datetime as dt
import inspect
import random
import shutil
import re
from pathlib import Path

import pytest

from generator import content, stats, synth
from generator.pages import SiteInfo, build_pages, update_pages

INFO = SiteInfo("Sáng kiến Hub", "https://sangkien.test/")
TODAY = dt.date(2023, 9, 30)
COUNTED_FROM = synth.CAMPAIGN_START  # the synthetic campaign's programme.counted_from


def whole(root: Path) -> content.Loaded:
    return content.load(root, "content")


def test_an_edit_read_alone_gives_the_site_of_a_whole_load(tree):
    before = content.load(tree.root, "content", keep=True)
    path = tree.root / "initiatives/alpha/tu-dong-bao-cao.yml"
    tree.edit("initiatives/alpha/tu-dong-bao-cao.yml", "title: Tự động lập báo cáo ngày", "title: Báo cáo tự động")
    after = content.update(before, [path])
    assert after.problems == [] and after.site == whole(tree.root).site
    # what the edit did not touch is the very same object as before
    unchanged = [item for item in after.site.initiatives if item.slug != "tu-dong-bao-cao"]
    assert all(any(item is old for old in before.site.initiatives) for item in unchanged)
    assert after.site.campaign is before.site.campaign and after.site.units is before.site.units


def test_a_deleted_and_an_added_initiative(tree):
    before = content.load(tree.root, "content", keep=True)
    old = tree.root / "initiatives/alpha/tu-dong-bao-cao.yml"
    new = tree.write("initiatives/alpha/bao-cao-moi.yml", old.read_text(encoding="utf-8"))
    old.unlink()
    after = content.update(before, [old, new])
    assert after.problems == [] and after.site == whole(tree.root).site
    assert [item.slug for item in after.site.initiatives if item.slug in ("bao-cao-moi", "tu-dong-bao-cao")] == [
        "bao-cao-moi"]


def test_problems_of_an_edit_are_those_of_a_whole_load(tree):
    before = content.load(tree.root, "content", keep=True)
    path = tree.root / "initiatives/alpha/tu-dong-bao-cao.yml"
    tree.edit("initiatives/alpha/tu-dong-bao-cao.yml", "unit: alpha", "unit: alfa")
    after = content.update(before, [path])
    assert after.site is None and after.problems and after.problems == whole(tree.root).problems
    # fixed again: the next update starts from the same state and reads the file again
    tree.edit("initiatives/alpha/tu-dong-bao-cao.yml", "unit: alfa", "unit: alpha")
    assert content.update(before, [path]).site == whole(tree.root).site


@pytest.mark.parametrize("rel", ["campaign.yml", "units.yml", "initiatives/alpha/anh-moi.png", "initiatives/x.yml",
                                 "initiatives/alpha/Ten Sai.yml", "pages/gioi-thieu.md"])
def test_what_needs_a_whole_load_is_declined(tree, rel):
    before = content.load(tree.root, "content", keep=True)
    path = tree.root / rel
    if not path.exists():
        tree.write(rel, "x: 1\n")
    assert content.update(before, [path]) is None


@pytest.mark.parametrize("rel", ["campaign.yml", "units.yml", "initiatives/alpha/anh/flycam.jpg", "initiatives/alpha/anh"])
def test_deleting_what_the_load_read_other_than_a_document_needs_a_whole_load(tree, rel):
    """A deleted photo (or its folder), campaign.yml or units.yml was taken for an editor's passing file: the served
    site kept the photo and said nothing of the initiative that names it."""
    tree.write("initiatives/alpha/anh/flycam.jpg", b"\xff\xd8\xff")
    before = content.load(tree.root, "content", keep=True)
    path = tree.root / rel
    shutil.rmtree(path) if path.is_dir() else path.unlink()
    assert content.update(before, [path]) is None


def test_temporary_and_hidden_files_change_nothing(tree):
    before = content.load(tree.root, "content", keep=True)
    hidden = tree.write("initiatives/alpha/.tu-dong-bao-cao.yml.swp", b"\0")
    gone = tree.root / "initiatives/alpha/4913"  # an editor's probe, created and deleted at once
    after = content.update(before, [hidden, gone])
    assert after.site == before.site


def _edit(rng: random.Random, root: Path, files: list[Path]) -> list[Path]:
    """One random edit of a synthetic tree: a title, a date, a field, an author, a benefit, a deletion or a copy under a
    new name."""
    path = rng.choice(files)
    text = path.read_text(encoding="utf-8")
    kind = rng.choice(["title", "date", "field", "author", "benefit", "delete", "add"])
    if kind == "title":
        path.write_text(re.sub(r"^title: ", "title: Sửa ", text, count=1, flags=re.M), encoding="utf-8")
    elif kind == "date":  # earlier, never before the day it was applied from or counting began: a valid edit
        registered = dt.date.fromisoformat(re.search(r"^registered_on: (.*)$", text, flags=re.M)[1])
        applied = re.search(r"^applied_from: (.*)$", text, flags=re.M)
        first = max(COUNTED_FROM, dt.date.fromisoformat(applied[1]) if applied else COUNTED_FROM)
        day = first + dt.timedelta(days=rng.randrange((registered - first).days + 1))
        path.write_text(re.sub(r"^registered_on: .*$", f"registered_on: {day.isoformat()}", text, count=1,
                               flags=re.M), encoding="utf-8")
    elif kind == "field":
        field = rng.choice(["ky-thuat", "an-toan", "chuyen-doi-so", "kinh-doanh"])
        path.write_text(re.sub(r"^field: .*$", f"field: {field}", text, count=1, flags=re.M), encoding="utf-8")
    elif kind == "author":
        name = rng.choice(["Trần Văn Sửa", "Nguyễn Thị Lan", "Lê Văn Minh"])
        path.write_text(re.sub(r"^  - name: .*$", f"  - name: {name}", text, count=1, flags=re.M), encoding="utf-8")
    elif kind == "benefit":  # none where the file has no money benefit: the edit changes nothing then
        money = rng.randrange(1, 900) * 10**6
        path.write_text(re.sub(r"^  vnd_per_year: .*$", f"  vnd_per_year: {money}", text, count=1, flags=re.M),
                        encoding="utf-8")
    elif kind == "delete":
        path.unlink()
        files.remove(path)
    else:
        code = re.search(r"^code: (.*)$", text, flags=re.M)[1]
        number = rng.randrange(10**6)
        copy = path.with_name(f"ban-sao-{number}.yml")
        copy.write_text(text.replace(f"code: {code}", f"code: {code}-S{number}"), encoding="utf-8")
        files.append(copy)
        return [copy]
    return [path]


FIGURES = (stats.overall, stats.phases, stats.monthly, stats.daily, stats.by_field, stats.blocs, stats.unit_ranking,
           stats.authors)


def test_random_edits_of_a_synthetic_site_give_the_pages_of_a_whole_build(tmp_path):
    root = tmp_path / "content"
    synth.write_tree(root, initiatives=150, news=6, seed=7)
    rng = random.Random(11)
    files = sorted((root / "initiatives").glob("*/*.yml"))
    loaded = content.load(root, "content", keep=True)
    site = loaded.site.published(TODAY)
    specs = build_pages(site, INFO)
    updates = 0
    pending: list[Path] = []  # files of edits that had problems: read again with the next edit, as serve does
    for _ in range(25):
        pending += _edit(rng, root, files)
        updated = content.update(loaded, pending)
        fresh = whole(root)
        if updated.problems or fresh.problems:  # e.g. a copy's code used twice: both report the same
            assert updated.problems == fresh.problems
            continue
        pending = []
        updates += 1
        assert updated.site == fresh.site
        new_site = updated.site.published(TODAY)
        new_specs = update_pages(new_site, INFO, site, specs)
        assert new_specs == build_pages(fresh.site.published(TODAY), INFO)
        for figures in FIGURES:  # kept from the last site only while what they read is equal (stats.py)
            assert figures(new_site) == inspect.unwrap(figures)(new_site), figures.__name__
        loaded, site, specs = updated, new_site, new_specs
    assert updates >= 20  # most edits were valid: the comparison above ran
