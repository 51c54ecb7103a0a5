"""A load that starts from the model of the last one (content/snapshot.py) gives what a whole load gives: it reads
only the initiative files that changed, and leaves everything else, and every problem, to a whole load."""

from __future__ import annotations

import dataclasses
import os
import pickle
import random
import re
import shutil

import pytest

from generator import cachefile
from generator.content import load, save_snapshot, snapshot

REPORT = "initiatives/alpha/tu-dong-bao-cao.yml"
FLYCAM = "initiatives/alpha/ung-dung-flycam.yml"


@pytest.fixture
def cache_dir(tmp_path):
    return tmp_path / "cache"


@pytest.fixture
def settled(monkeypatch):
    """Files are taken as written long before each listing (the fixture tree was copied a moment ago): none is
    read again for being as new as the listing."""
    monkeypatch.setattr(snapshot, "RACY_NS", 0)


def loaded_and_kept(root, cache_dir):
    """A load with the cache, its snapshot written as a build writes it."""
    loaded = load(root, "content", cache_dir)
    assert loaded.problems == [] and loaded.unsaved is not None
    save_snapshot(cache_dir, loaded.unsaved)
    return loaded


def whole(root):
    return load(root, "content")


def test_a_load_after_an_edit_reads_the_edited_file_alone(tree, cache_dir, settled):
    first = loaded_and_kept(tree.root, cache_dir)
    assert first.reread is None  # no snapshot yet: a whole load
    tree.edit(REPORT, "title: Tự động lập báo cáo ngày", "title: Báo cáo tự động")
    tree.edit(FLYCAM, "registered_on: 2022-03-10", "registered_on: 2023-01-05")  # the newest now
    after = load(tree.root, "content", cache_dir)
    assert after.reread == (f"content/{REPORT}", f"content/{FLYCAM}")
    assert after.problems == [] and after.site == whole(tree.root).site
    assert [item.title for item in after.site.initiatives if item.slug == "tu-dong-bao-cao"] == ["Báo cáo tự động"]
    # the model in the new order, which the registration date moved: as a whole load sorts it
    assert [item.code for item in after.site.initiatives] == [item.code for item in whole(tree.root).site.initiatives]
    # kept for the next load, which then reads nothing
    save_snapshot(cache_dir, after.unsaved)
    again = load(tree.root, "content", cache_dir)
    assert again.reread == () and again.unsaved is None and again.site == after.site


def test_a_file_as_new_as_the_listing_is_read_again_whatever_its_status(tree, cache_dir, settled, monkeypatch):
    first = loaded_and_kept(tree.root, cache_dir)
    listing = snapshot.survey(tree.root)
    # as if the file were written again in the same tick of the file system's clock as that listing: its status
    # the same, its bytes not
    save_snapshot(cache_dir, dataclasses.replace(first.unsaved, racy=frozenset({REPORT})))
    tree.edit(REPORT, "title: Tự động lập báo cáo ngày", "title: Báo cáo tự động")
    monkeypatch.setattr(snapshot, "survey", lambda root: listing)
    after = load(tree.root, "content", cache_dir)
    assert after.reread == (f"content/{REPORT}",) and after.site == whole(tree.root).site


def test_files_changed_just_before_the_listing_are_kept_as_racy(tree, cache_dir):
    loaded = load(tree.root, "content", cache_dir)  # the tree was copied just now
    assert REPORT in loaded.unsaved.racy and "campaign.yml" in loaded.unsaved.racy


def edit_campaign(tree):
    tree.edit("campaign.yml", "count: ", "count: 1")


def add_initiative(tree):
    tree.write("initiatives/alpha/ban-sao.yml", tree.read(REPORT).replace("ALPHA-2022-0003", "ALPHA-2022-0009"))


def remove_initiative(tree):
    tree.remove(REPORT)


def edit_news(tree):
    tree.edit("news/2022/2022-02-15-phat-dong.md", "title: ", "title: Tin - ")


def code_used_twice(tree):
    tree.edit(REPORT, "code: ALPHA-2022-0003", "code: ALPHA-2022-0001")


def unknown_unit(tree):
    tree.edit(REPORT, "unit: alpha", "unit: alfa")


def broken_yaml(tree):
    tree.edit(REPORT, "summary: ", "summary: [")


@pytest.mark.parametrize("edit", [edit_campaign, add_initiative, remove_initiative, edit_news, code_used_twice,
                                  unknown_unit, broken_yaml])
def test_anything_but_initiative_edits_without_problems_is_a_whole_load(tree, cache_dir, settled, edit):
    loaded_and_kept(tree.root, cache_dir)
    edit(tree)
    after, expected = load(tree.root, "content", cache_dir), whole(tree.root)
    assert after.reread is None
    assert (after.site, after.problems) == (expected.site, expected.problems)


def test_a_photo_with_other_bytes_is_a_whole_load(synthetic_copy, cache_dir, settled):
    loaded_and_kept(synthetic_copy, cache_dir)
    photo = sorted(synthetic_copy.glob("initiatives/*/anh/*"))[0]
    photo.write_bytes(photo.read_bytes()[:-1] + b"\0")
    after = load(synthetic_copy, "content", cache_dir)
    assert after.reread is None and after.problems == whole(synthetic_copy).problems


def test_another_content_folder_or_name_is_a_whole_load(tree, tmp_path, cache_dir, settled):
    loaded_and_kept(tree.root, cache_dir)
    assert load(tree.root, "noi-dung", cache_dir).reread is None
    os.rename(tree.root, tmp_path / "moved")
    assert load(tmp_path / "moved", "content", cache_dir).reread is None


def kept_file(cache_dir):
    [path] = cache_dir.glob("site-*.pickle")
    return path


def test_a_damaged_snapshot_is_a_whole_load(tree, cache_dir, settled):
    loaded_and_kept(tree.root, cache_dir)
    path = kept_file(cache_dir)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 1
    path.write_bytes(bytes(data))
    after = load(tree.root, "content", cache_dir)
    assert after.reread is None and after.site == whole(tree.root).site


class Planted:
    def __reduce__(self):
        return os.system, ("touch planted",)


def test_a_planted_snapshot_runs_nothing(tree, cache_dir, settled, tmp_path, monkeypatch):
    loaded_and_kept(tree.root, cache_dir)
    path = kept_file(cache_dir)
    payload = cachefile.read_framed(path, snapshot._MAGIC)
    assert payload is not None  # what is there is a snapshot, read back whole
    monkeypatch.chdir(tmp_path)
    path.write_bytes(cachefile.framed(snapshot._MAGIC, pickle.dumps((snapshot.VERSION, Planted()))))
    after = load(tree.root, "content", cache_dir)
    assert after.reread is None and after.site == whole(tree.root).site
    assert not (tmp_path / "planted").exists()


def test_a_load_kept_for_the_next_replaces_other_code_versions(tree, cache_dir, settled):
    stale = cache_dir / "site-0123456789abcdef.pickle"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"an older version's")
    loaded_and_kept(tree.root, cache_dir)
    assert [path.name for path in cache_dir.glob("site-*.pickle")] == [f"site-{snapshot.VERSION}.pickle"]


def journal(cache_dir):
    return cache_dir / f"site-{snapshot.VERSION}.journal"


def test_edits_on_top_of_the_model_are_kept_in_a_journal_beside_it(tree, cache_dir, settled):
    loaded_and_kept(tree.root, cache_dir)
    base = kept_file(cache_dir).read_bytes()
    tree.edit(REPORT, "title: Tự động lập báo cáo ngày", "title: Báo cáo tự động")
    first = load(tree.root, "content", cache_dir)
    assert not first.unsaved.whole and list(first.unsaved.changes) == [REPORT]
    save_snapshot(cache_dir, first.unsaved)
    assert kept_file(cache_dir).read_bytes() == base and journal(cache_dir).is_file()
    tree.edit(FLYCAM, "registered_on: 2022-03-10", "registered_on: 2023-01-05")
    second = load(tree.root, "content", cache_dir)
    assert second.reread == (f"content/{FLYCAM}",) and second.site == whole(tree.root).site
    assert sorted(second.unsaved.changes) == [REPORT, FLYCAM]  # what changed since the base, both edits
    save_snapshot(cache_dir, second.unsaved)
    again = load(tree.root, "content", cache_dir)
    assert again.reread == () and again.site == whole(tree.root).site


def test_a_journal_of_another_base_or_damaged_is_left_out(tree, cache_dir, settled):
    loaded_and_kept(tree.root, cache_dir)
    tree.edit(REPORT, "title: Tự động lập báo cáo ngày", "title: Báo cáo tự động")
    save_snapshot(cache_dir, load(tree.root, "content", cache_dir).unsaved)
    kept_journal = journal(cache_dir).read_bytes()
    kept_file(cache_dir).unlink()
    loaded_and_kept(tree.root, cache_dir)  # a new base (a whole load): the journal of the last one is removed
    assert not journal(cache_dir).exists()
    journal(cache_dir).write_bytes(kept_journal)
    tree.edit(FLYCAM, "registered_on: 2022-03-10", "registered_on: 2023-01-05")
    after = load(tree.root, "content", cache_dir)
    assert after.reread == (f"content/{FLYCAM}",) and after.site == whole(tree.root).site
    journal(cache_dir).write_bytes(kept_journal[:-3])
    assert load(tree.root, "content", cache_dir).site == whole(tree.root).site


def test_a_long_journal_gives_way_to_a_new_base(tree, cache_dir, settled, monkeypatch):
    monkeypatch.setattr(snapshot, "JOURNAL_MOST", 1)
    loaded_and_kept(tree.root, cache_dir)
    base = kept_file(cache_dir).read_bytes()
    tree.edit(REPORT, "title: Tự động lập báo cáo ngày", "title: Báo cáo tự động")
    tree.edit(FLYCAM, "registered_on: 2022-03-10", "registered_on: 2023-01-05")
    after = load(tree.root, "content", cache_dir)
    assert after.unsaved.whole
    save_snapshot(cache_dir, after.unsaved)
    assert kept_file(cache_dir).read_bytes() != base and not journal(cache_dir).exists()
    again = load(tree.root, "content", cache_dir)
    assert again.reread == () and again.site == whole(tree.root).site


# Edits an author might make to an initiative file, each as (pattern, replacement) of one line: valid ones, and
# mistakes the rules catch alone (a unit or field that does not exist, a date before the campaign), or across files
# (a code already used: made in the test), or that leave the file unreadable.
VALID_EDITS = [
    (r"^title: (.+)$", r"title: \1 (bản sửa)"),
    (r"^title: (.+)$", r"title: Bản sửa - \1"),
    (r"^registered_on: .+$", "registered_on: 2023-08-30"),  # after any file's applied_from: newest first now
    (r"^field: .+$", "field: an-toan"),
    (r"^summary: .+$", "summary: Tóm tắt viết lại."),
]
MISTAKES = [
    (r"^registered_on: .+$", "registered_on: 2019-01-01"),
    (r"^unit: .+$", "unit: khong-co"),
    (r"^field: .+$", "field: khong-co"),
    (r"^title:", "title: ["),
]


def test_random_edits_give_what_a_whole_load_gives(synthetic, tmp_path, cache_dir, settled):
    """Rounds of random edits, a quarter of them mistakes, each mistake put right before the next round: after
    each round a load from the last one's snapshot has the very problems and model of a whole load. (A load takes
    longer than a tick of the file system's clock, so every edit changes the status the last snapshot saw.)"""
    root = tmp_path / "content"
    shutil.copytree(synthetic, root)
    files = sorted(root.glob("initiatives/*/*.yml"))
    codes = [re.search(r"^code: (.+)$", path.read_text(encoding="utf-8"), re.M).group(1) for path in files]
    rng = random.Random(20221114)
    from_snapshot = with_problems = 0
    for _ in range(24):
        for path in rng.sample(files, rng.choice([1, 1, 2, 3])):
            mistakes = MISTAKES + [(r"^code: .+$", f"code: {rng.choice(codes)}")]
            pattern, replacement = rng.choice(mistakes if rng.random() < 0.25 else VALID_EDITS)
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(pattern, replacement, text, count=1, flags=re.M), encoding="utf-8")
        fast = load(root, "content", cache_dir)
        expected = whole(root)
        assert fast.problems == expected.problems and fast.site == expected.site
        if fast.unsaved is not None:
            save_snapshot(cache_dir, fast.unsaved)
        from_snapshot += fast.reread is not None
        with_problems += bool(expected.problems)
        for problem in expected.problems:  # put right, as a reviewer would ask
            shown = problem.path.removeprefix("content/")
            shutil.copyfile(synthetic / shown, root / shown)
    # both ways were taken, many times each: the comparisons above are not all of whole loads
    assert from_snapshot >= 10 and with_problems >= 4, (from_snapshot, with_problems)
