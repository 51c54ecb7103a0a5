"""The authors' tallies kept between builds (generator/authors_cache.py): the same tallies as made afresh; taken
back after an edit that changes no author (a title), tallied again after one that does, and a damaged or planted
file is only a miss."""

from __future__ import annotations

import pickle
import re
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import initiative_files, retitle, site_of
from generator import authors_cache, cachefile, identity, stats


@pytest.fixture
def tallied(monkeypatch) -> list[int]:
    """One entry for each time the authors are tallied (not taken from the kept tallies): the ranks are worked out
    once a tally (stats.competition_ranks, which no other figure of these tests asks for)."""
    calls: list[int] = []
    ranks = stats.competition_ranks

    def counted(counts):
        calls.append(len(counts))
        return ranks(counts)

    monkeypatch.setattr(stats, "competition_ranks", counted)
    return calls


def the_file(folder: Path) -> Path:
    [path] = folder.iterdir()
    return path


def kept(site, folder: Path) -> list[stats.AuthorTally]:
    """The tallies a build's pages get once authors_cache has made them ready, in a new build's process: nothing
    of the sites before remembered in memory."""
    identity.forget_all()
    authors_cache.keep_tallies(site, folder)
    return stats.authors(site)


def test_kept_tallies_are_those_made_afresh(synthetic, tmp_path, tallied):
    folder = tmp_path / "kept"
    identity.forget_all()  # what earlier tests left in memory
    fresh = stats.authors(site_of(synthetic))
    assert len(fresh) > 60  # co-authors: more authors than initiatives
    assert tallied == [len(fresh)]
    tallied.clear()
    assert kept(site_of(synthetic), folder) == fresh
    assert tallied == [len(fresh)]  # tallied, and kept
    tallied.clear()
    assert kept(site_of(synthetic), folder) == fresh  # a new load: new objects
    assert tallied == []  # read back


def test_a_title_edit_takes_them_back_an_author_edit_tallies_them_again(synthetic_copy, tmp_path, tallied):
    folder = tmp_path / "kept"
    kept(site_of(synthetic_copy), folder)
    files = initiative_files(synthetic_copy)
    retitle(files[3])
    site = site_of(synthetic_copy)
    digest = authors_cache.inputs(site)
    tallied.clear()
    assert kept(site, folder) == stats.authors(site_of(synthetic_copy))
    assert len(tallied) == 1  # the comparison's only

    text = files[5].read_text(encoding="utf-8")
    name = re.search(r"^  - name: (.+)$", text, flags=re.M).group(1)
    files[5].write_text(text.replace(f"  - name: {name}", "  - name: Tác Giả Mới Hẳn", 1), encoding="utf-8")
    site = site_of(synthetic_copy)
    assert authors_cache.inputs(site) != digest
    tallied.clear()
    tallies = kept(site, folder)
    assert len(tallied) == 1
    assert "Tác Giả Mới Hẳn" in {row.name for row in tallies}
    assert tallies == stats.authors(site_of(synthetic_copy))
    assert len(list(folder.iterdir())) == 1  # the last build's only


def test_the_digest_holds_every_value_the_authors_are_tallied_from(synthetic):
    site = site_of(synthetic)
    digest = authors_cache.inputs(site)
    place = next(place for place, item in enumerate(stats.counted(site)) if len(item.authors) > 1)
    first = stats.counted(site)[place]
    author = first.authors[0]

    def with_first(item) -> bytes:
        items = list(site.initiatives)
        items[items.index(first)] = item
        return authors_cache.inputs(replace(site, initiatives=tuple(items)))

    for change in ({"name": author.name + " Văn"}, {"unit": "other"}):
        assert with_first(replace(first, authors=(replace(author, **change), *first.authors[1:]))) != digest, change
    assert with_first(replace(first, authors=first.authors[::-1])) != digest  # the first-met spelling
    assert with_first(replace(first, slug="other")) != digest
    assert authors_cache.inputs(replace(site, units=site.units[::-1])) != digest
    assert with_first(replace(first, title="Khác", summary="Khác", description="Khác", digest="khác")) == digest


def test_a_damaged_or_planted_file_is_only_a_miss(synthetic, tmp_path, tallied):
    folder = tmp_path / "kept"
    site = site_of(synthetic)
    fresh = kept(site, folder)
    path = the_file(folder)
    digest = authors_cache.inputs(site)
    row = (fresh[0].name, fresh[0].unit, fresh[0].count, fresh[0].rank, fresh[0].initiatives)
    data = path.read_bytes()
    planted = [
        data[:-1] + bytes([data[-1] ^ 1]),  # a bit flipped: the checksum fails
        data[:len(data) // 2],  # cut short
        cachefile.framed(b"SKA1", pickle.dumps((b"another", [row]))),  # another site's
        cachefile.framed(b"SKA1", pickle.dumps((digest, [row[:4]]))),  # a row short
        cachefile.framed(b"SKA1", pickle.dumps((digest, [(*row[:2], "9", *row[3:])]))),  # a count not a number
        cachefile.framed(b"SKA1", pickle.dumps((digest, [(*row[:4], (1, 2))]))),  # initiatives not keys
        cachefile.framed(b"SKA1", pickle.dumps((digest, [stats.AuthorTally(*row)]))),  # a class: refused
    ]
    for bad in planted:
        path.write_bytes(bad)
        site = site_of(synthetic)
        tallied.clear()
        assert kept(site, folder) == fresh
        assert tallied == [len(fresh)], bad[:12]
