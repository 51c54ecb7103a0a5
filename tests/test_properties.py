"""Properties that hold for any input: the loader never crashes, the statistics always add up."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from generator import stats
from generator.content import load
from generator.model import Author, Campaign, Initiative, Named, Phase, Programme, Site, Target, Unit

YAML_CHARACTERS = st.sampled_from(list("abcđêứ ờ:-[]{}&*!|>#'\"\n\t,?%@`\\0123456789") + ["\r\n", "- ", ": "])
BASIC = FIXTURES / "basic"
HOSO = "initiatives/alpha/so-hoa-ho-so.yml"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.lists(YAML_CHARACTERS, max_size=200).map("".join), st.binary(max_size=300)))
def test_the_loader_never_crashes_and_always_says_where(data):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "content"
        shutil.copytree(BASIC, root)
        path = root / HOSO
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        loaded = load(root, "content")
        assert (loaded.site is None) == bool(loaded.problems)
        for problem in loaded.problems:
            assert problem.path.startswith("content/") and problem.line >= 1 and problem.col >= 1
            assert problem.message


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="abc: -[]\n'\"", max_size=40), min_size=1, max_size=6))
def test_any_value_in_any_field_is_reported_not_raised(values):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "content"
        shutil.copytree(BASIC, root)
        lines = (root / HOSO).read_text(encoding="utf-8").splitlines()
        for index, value in enumerate(values):
            key = lines[index * 2 % len(lines)].split(":")[0]
            if key and not key.startswith(" "):
                lines[index * 2 % len(lines)] = f"{key}: {value}"
        (root / HOSO).write_text("\n".join(lines) + "\n", encoding="utf-8")
        loaded = load(root, "content")
        assert (loaded.site is None) == bool(loaded.problems)
        assert all(problem.line >= 1 and problem.col >= 1 for problem in loaded.problems)


START = dt.date(2022, 1, 1)
FIELDS = (Named("a", "A"), Named("b", "B"), Named("c", "C"))


def _site(units: int, rows: list[tuple[int, int, int, int]]) -> Site:
    campaign = Campaign(
        name="Thử", short_name="Thử", organisation="CĐ", description="…",
        programme=Programme("P", "O", "https://example.org", START),
        as_of=None, targets=(Target(50, dt.date(2023, 6, 30), START, "KH"),),
        phases=(Phase("p1", "P1", START, dt.date(2022, 12, 31), (Target(20, dt.date(2022, 12, 31), START, "KH"),)),
                Phase("p2", "P2", dt.date(2023, 1, 1), dt.date(2023, 12, 31),
                      (Target(30, dt.date(2023, 6, 30), START, "KH"),))),
        blocs=(Named("k", "K"),), fields=FIELDS)
    unit_list = tuple(Unit(f"u{n}", f"U{n}", f"U{n}", None, "k" if n % 2 else None,
                           (("p1", n),) if n else (), None, None) for n in range(units))
    items = []
    for number, (unit, field, day, author) in enumerate(rows):
        unit_id = f"u{unit % units}"
        items.append(Initiative(
            slug=f"s{number}", source="x", code=f"C-{number}", title="T", summary="S", unit=unit_id,
            field=FIELDS[field % 3].id, authors=(Author(f"Người {author % 4}", "KS", unit_id),
                                                 Author(f"Người {(author + 1) % 4}", "KS", unit_id)),
            applied_from=None, registered_on=START + dt.timedelta(days=day), recognition=None, benefit=None,
            featured=False, draft=False, photos=(), tags=(), description=""))
    items.sort(key=lambda item: (-item.registered_on.toordinal(), item.code))
    return Site(campaign, unit_list, tuple(items), ())


SITES = st.builds(_site, st.integers(1, 6),
                  st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9), st.integers(0, 700), st.integers(0, 9)),
                           max_size=60))


@settings(max_examples=200, deadline=None)
@given(SITES)
def test_totals_equal_the_sum_of_their_parts(site):
    total = stats.overall(site).count
    assert total == len(site.initiatives)  # as-of defaults to the latest registration: everything counts
    assert sum(row.count for row in stats.units(site)) == total
    assert sum(share.count for share in stats.fields(site)) == total
    assert sum(share.count for share in stats.blocs(site)) == total
    assert sum(row.progress.count for row in stats.phases(site)) == total
    months = stats.monthly(site)
    assert sum(month.count for month in months) == total and (not months or months[-1].cumulative == total)
    assert sum(author.count for author in stats.authors(site)) == sum(
        len({author.name for author in item.authors}) for item in site.initiatives)


@settings(max_examples=200, deadline=None)
@given(SITES)
def test_ranks_agree_with_counts(site):
    for rows in (stats.unit_ranking(site), stats.authors(site), stats.fields(site)):
        counts = [row.count for row in rows]
        assert counts == sorted(counts, reverse=True)
        for row in rows:
            assert row.rank == 1 + sum(1 for count in counts if count > row.count)
