"""The social cards' cache folder (generator/card_cache.py, Drawing): a card is drawn once, used as the cache left it,
and drawn again whenever its file may not be what its name says; builds that use it give a cold build's bytes."""

from __future__ import annotations

import os
import shutil
import stat
import time
from pathlib import Path

import pytest

from conftest import build_site
from generator import card_cache, cards, pagecache, parallel

SPECS = [cards.CardSpec("Sáng kiến · Kỹ thuật", f"Sáng kiến mẫu số {number}", "Điện lực Mẫu", "Sáng kiến Hub")
         for number in range(3)]


def drawn(cache: Path, site: Path, specs=SPECS) -> card_cache.Drawing:
    """One build's cards: drawn or found, put into ``site``, the build finished."""
    drawing = card_cache.Drawing(specs, cache, workers=1)
    drawing.wait()
    drawing.put(site, [spec.path for spec in specs])
    drawing.finish()
    return drawing


def entry(cache: Path, spec: cards.CardSpec) -> Path:
    [found] = cache.glob(f"{spec.digest}.*.png")
    return found


def test_a_card_is_drawn_once_then_used_without_being_read(tmp_path, monkeypatch):
    first = drawn(tmp_path / "cache", tmp_path / "one")
    assert first.drawn == 3
    monkeypatch.setattr(pagecache, "holds", lambda *args: pytest.fail(f"read: {args[0]}"))
    monkeypatch.setattr(cards, "card_png", lambda spec: pytest.fail(f"drawn: {spec.title}"))
    second = drawn(tmp_path / "cache", tmp_path / "two")
    assert second.drawn == 0 and set(second.found) == {spec.path.removeprefix(cards.FOLDER) for spec in SPECS}
    for spec in SPECS:
        assert (tmp_path / "two" / spec.path).stat().st_ino == entry(tmp_path / "cache", spec).stat().st_ino


def damage_through_the_site(card: Path) -> None:
    """What an image optimiser that writes in place, or ``cp -p`` of another build's card, does: the cache's
    file written into through the site's link, as many bytes as before, and its time set back."""
    kept = card.stat()
    with open(card, "r+b") as through_the_link:
        through_the_link.seek(100)
        byte = through_the_link.read(1)
        through_the_link.seek(100)
        through_the_link.write(bytes([byte[0] ^ 0xFF]))
    os.utime(card, ns=(kept.st_atime_ns, kept.st_mtime_ns))


def test_a_card_written_into_through_the_site_is_drawn_again(tmp_path):
    drawn(tmp_path / "cache", tmp_path / "one")
    damage_through_the_site(tmp_path / "one" / SPECS[0].path)
    second = drawn(tmp_path / "cache", tmp_path / "two")
    assert (tmp_path / "two" / SPECS[0].path).read_bytes() == cards.card_png(SPECS[0])
    assert SPECS[0].path not in {cards.FOLDER + name for name in second.found}
    assert len(list((tmp_path / "cache").glob(f"{SPECS[0].digest}.*"))) == 1  # the damaged entry is gone


def test_the_folder_surveyed_by_a_worker_on_standby_is_what_the_build_s_process_finds(tmp_path):
    """card_cache.Survey: the cards' folder listed by a worker forked before the content is loaded; an entry
    written into since the last build finished is not vouched for, so it is read and checked."""
    cache = tmp_path / "cache"
    drawn(cache, tmp_path / "one")
    damage_through_the_site(tmp_path / "one" / SPECS[0].path)
    pool = parallel.standby(1)
    try:
        entries = card_cache.Survey(cache, pool).entries()
    finally:
        pool.terminate()
    assert entries == card_cache.survey(cache)
    assert {digest: name for digest, (name, _) in entries.items()} == {
        spec.digest: entry(cache, spec).name for spec in SPECS}
    assert {digest for digest, (_, vouched) in entries.items() if vouched} == {SPECS[1].digest, SPECS[2].digest}
    assert card_cache.Survey(tmp_path / "missing", None).entries() == {}


@pytest.mark.parametrize("damage", ["empty", "folder", "other bytes"])
def test_a_damaged_entry_is_drawn_again(tmp_path, damage):
    drawn(tmp_path / "cache", tmp_path / "one")
    damaged = entry(tmp_path / "cache", SPECS[1])
    damaged.unlink()
    if damage == "folder":
        damaged.mkdir()
    else:
        damaged.write_bytes(b"" if damage == "empty" else cards.card_png(SPECS[2]))
    drawn(tmp_path / "cache", tmp_path / "two")
    assert (tmp_path / "two" / SPECS[1].path).read_bytes() == cards.card_png(SPECS[1])


def test_an_entry_removed_after_it_was_found_is_drawn_into_the_site(tmp_path):
    """Another build's pruning, or the cache deleted, between finding a card and linking it."""
    drawn(tmp_path / "cache", tmp_path / "one")
    drawing = card_cache.Drawing(SPECS, tmp_path / "cache", workers=1)
    drawing.wait()
    shutil.rmtree(tmp_path / "cache")
    drawing.put(tmp_path / "two", [spec.path for spec in SPECS])
    for spec in SPECS:
        assert (tmp_path / "two" / spec.path).read_bytes() == cards.card_png(spec)


def test_a_cache_folder_that_cannot_be_made_only_costs_the_drawing(tmp_path):
    (tmp_path / "cache").write_text("a file where the folder should be", encoding="utf-8")
    drawing = drawn(tmp_path / "cache" / "cards", tmp_path / "site")
    for spec in SPECS:
        assert (tmp_path / "site" / spec.path).read_bytes() == cards.card_png(spec)
    assert not drawing._folder.exists()  # the temporary folder it drew into, deleted (the site keeps its links)


def test_a_card_gets_the_mode_a_new_file_gets_whatever_a_chmod_of_the_site_did(tmp_path):
    drawn(tmp_path / "cache", tmp_path / "one")
    (tmp_path / "one" / SPECS[0].path).chmod(0o600)  # the cache's file too
    drawn(tmp_path / "cache", tmp_path / "two")
    assert stat.S_IMODE((tmp_path / "two" / SPECS[0].path).stat().st_mode) == pagecache.FILE_MODE


def files(site: Path) -> dict[str, tuple[bytes, int]]:
    """Every file and folder of ``site`` with its bytes (none for a folder) and its mode."""
    return {path.relative_to(site).as_posix(): (path.read_bytes() if path.is_file() else b"",
                                                stat.S_IMODE(path.stat().st_mode))
            for path in sorted(site.rglob("*"))}


def test_builds_after_a_card_was_damaged_and_the_site_chmodded_give_a_new_folder_s_files(tree, tmp_path):
    """A warm build into a new folder and a rebuild in place, after a card of the site was written into and the
    site folder was made private (`chmod -R go-rwx`), write exactly the bytes and modes of a cold build."""
    cache = tmp_path / "cache"
    for out in ("site", "cold"):
        result = build_site(tree.root, tmp_path / out, cache=cache if out == "site" else tmp_path / "cold-cache")
        assert result.returncode == 0, result.stderr
    damage_through_the_site(next((tmp_path / "site" / "cards").iterdir()))
    for path in [tmp_path / "site", *(tmp_path / "site").rglob("*")]:
        path.chmod(path.stat().st_mode & ~0o077)
    for out in ("warm", "site"):
        result = build_site(tree.root, tmp_path / out, cache=cache)
        assert result.returncode == 0, result.stderr
        assert files(tmp_path / out) == files(tmp_path / "cold"), out


def test_cards_given_part_by_part_are_drawn_before_the_last_is_given_and_as_if_given_at_once(tmp_path, monkeypatch):
    """A large site's cards go to the workers on standby as its pages are defined (plugin._define_spooled)."""
    specs = [cards.CardSpec("Sáng kiến · Kỹ thuật", f"Sáng kiến mẫu số {number}", "Điện lực Mẫu", "Sáng kiến Hub")
             for number in range(7)]
    monkeypatch.setattr(card_cache, "SENT_AT", 3)
    cache = tmp_path / "parts"
    drawing = card_cache.Drawing(specs[:1], cache, pool=parallel.standby(2), more=True)
    for spec in specs[1:] + specs[:2]:  # two of them given again
        drawing.add([spec])
    deadline = time.monotonic() + 60
    while len(list(cache.glob("*.png"))) < 6 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(list(cache.glob("*.png"))) == 6  # two parts of three drawn; the seventh waits for close()
    drawing.close()
    files = drawing.wait()
    assert drawing.count == drawing.drawn == 7
    at_once = card_cache.Drawing(specs, tmp_path / "once", workers=1)
    expected = {path: Path(source).read_bytes() for path, source in at_once.wait().items()}
    assert {path: Path(source).read_bytes() for path, source in files.items()} == expected
