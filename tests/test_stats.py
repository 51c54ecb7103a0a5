"""generator.stats on tiny hand-built sites: every expected number below is computed by hand."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata

import pytest

from generator import stats
from generator.model import (Author, Benefit, Campaign, Initiative, Named, Phase, Programme, Site, Target, Unit)

D = dt.date.fromisoformat


# ------------------------------------------------------------------------------------------------ helpers


def target(count: int, deadline: str, decided_on: str = "2021-01-01", document: str = "KH 1") -> Target:
    return Target(count=count, deadline=D(deadline), decided_on=D(decided_on), document=document)


def phase(id: str, start: str, end: str, *targets: Target) -> Phase:
    return Phase(id=id, name=id.upper(), start=D(start), end=D(end), targets=tuple(targets))


FIELDS = (Named("ky-thuat", "Kỹ thuật"), Named("so", "Chuyển đổi số"), Named("an-toan", "An toàn"))


def campaign(targets=(), phases=(), as_of: str | None = None, counted_from: str = "2023-01-01",
             blocs=(), fields=FIELDS) -> Campaign:
    return Campaign(
        name="Phong trào thử", short_name="Thử", organisation="Công đoàn", description="…",
        programme=Programme(name="1 triệu sáng kiến", organiser="TLĐ", url="https://example.org",
                            counted_from=D(counted_from)),
        as_of=D(as_of) if as_of else None, targets=tuple(targets), phases=tuple(phases),
        blocs=tuple(blocs), fields=tuple(fields))


def unit(id: str, quota: dict[str, int] | None = None, bloc: str | None = None) -> Unit:
    return Unit(id=id, name=f"Đơn vị {id}", short_name=id.upper(), parent=None, bloc=bloc,
                quota=tuple((quota or {}).items()), support_team=None, website=None)


_serial = iter(range(1, 10_000))


def initiative(unit_id: str, registered_on: str, *authors: str | tuple[str, str], field: str = "ky-thuat",
               vnd: int | None = None, benefit: bool = True, code: str | None = None) -> Initiative:
    """Authors are names (of the initiative's unit) or (name, unit id) pairs."""
    number = next(_serial)
    people = tuple(Author(name=a, job_title="Kỹ sư", unit=unit_id) if isinstance(a, str)
                   else Author(name=a[0], job_title="Kỹ sư", unit=a[1]) for a in (authors or ("Tác giả",)))
    return Initiative(
        slug=f"sk-{number}", source=f"initiatives/{unit_id}/sk-{number}.yml", code=code or f"SK-{number:04d}",
        title=f"Sáng kiến {number}", summary="…", unit=unit_id, field=field, authors=people, applied_from=None,
        registered_on=D(registered_on), recognition=None,
        benefit=Benefit(vnd_per_year=vnd) if benefit else None,
        featured=False, draft=False, photos=(), tags=(), description="")


def site(camp: Campaign, units, initiatives=()) -> Site:
    items = sorted(initiatives, key=lambda item: (item.registered_on, item.code), reverse=True)
    return Site(campaign=camp, units=tuple(units), initiatives=tuple(items), news=())


# ------------------------------------------------------------------------------------------------ basics


@pytest.mark.parametrize("count, base, expected", [
    (9996, 10000, 99.9),     # floor, never 100.0 before the target is met
    (9999, 10000, 99.9),
    (10000, 10000, 100.0),
    (10244, 10000, 102.4),
    (4130, 10000, 41.3),
    (2, 3, 66.6),
    (1, 3, 33.3),
    (0, 7, 0.0),
    (5, 0, None),            # no positive target
    (5, None, None),
])
def test_percent_one_decimal_rounded_down(count, base, expected):
    assert stats.percent(count, base) == expected


@pytest.mark.parametrize("counts, ranks", [
    ([5, 3, 3, 1], [1, 2, 2, 4]),
    ([2, 2, 2], [1, 1, 1]),
    ([4, 4, 1, 1, 0], [1, 1, 3, 3, 5]),
    ([], []),
])
def test_competition_ranking(counts, ranks):
    assert stats.competition_ranks(counts) == ranks


@pytest.mark.parametrize("remaining, days_left, expected", [
    (0, 5, 0), (0, -5, 0), (10, 7, 10), (10, 8, 9), (15, 36, 3), (10, 0, None), (10, -3, None), (10, None, None),
])
def test_weekly_pace_needed_is_rounded_up(remaining, days_left, expected):
    assert stats.weekly_needed(remaining, days_left) == expected


def test_rules_state_every_rule_in_vietnamese():
    assert len(stats.RULES) == 7
    assert all(isinstance(rule, str) and rule.strip() for rule in stats.RULES)
    text = " ".join(stats.RULES)
    for words in ("ngày đăng ký", "ngày chốt", "làm tròn xuống", "(1, 2, 2, 4)", "hai người", "vượt chỉ tiêu",
                  "90 ngày"):
        assert words in text


def test_as_of_is_the_campaign_date_else_the_latest_registration_else_the_start():
    units = [unit("a")]
    items = [initiative("a", "2023-02-01"), initiative("a", "2023-03-05")]
    assert stats.as_of(site(campaign(as_of="2023-02-15"), units, items)) == D("2023-02-15")
    assert stats.as_of(site(campaign(), units, items)) == D("2023-03-05")
    assert stats.as_of(site(campaign(counted_from="2022-09-01"), units)) == D("2022-09-01")
    # registrations after the as-of date do not count
    assert [item.registered_on for item in stats.counted(site(campaign(as_of="2023-02-15"), units, items))] \
        == [D("2023-02-01")]


# ------------------------------------------------------------------------------------------------ progress


def deadline_site(as_of: str = "2023-04-10") -> Site:
    return site(
        campaign(targets=[target(3, "2023-03-31")],
                 phases=[phase("p1", "2023-01-01", "2023-03-31", target(2, "2023-03-31")),
                         phase("p2", "2023-04-01", "2023-06-30", target(2, "2023-06-30"))],
                 as_of=as_of),
        [unit("a")],
        [initiative("a", "2023-02-01"), initiative("a", "2023-03-31"),  # exactly on the deadline
         initiative("a", "2023-04-01"), initiative("a", "2023-04-20")])  # after the as-of date


def test_an_initiative_registered_on_the_deadline_counts_for_its_phase_and_target():
    site_ = deadline_site()
    total = stats.overall(site_)
    assert (total.count, total.target, total.percent, total.deadline, total.as_of) == \
        (3, 3, 100.0, D("2023-03-31"), D("2023-04-10"))
    # the third registration came on 01/4, a day after the deadline: reached late
    assert (total.reached_on, total.days_ahead, total.remaining, total.days_left) == (D("2023-04-01"), -1, 0, -10)
    p1, p2 = stats.phases(site_)
    assert (p1.phase.id, p1.progress.count, p1.progress.target, p1.progress.percent) == ("p1", 2, 2, 100.0)
    assert (p1.progress.reached_on, p1.progress.days_ahead) == (D("2023-03-31"), 0)  # on the day: 0 days ahead
    assert p1.progress.projection is None and not p1.open   # a closed phase has nothing to project
    assert (p2.progress.count, p2.progress.percent, p2.progress.reached_on, p2.progress.days_ahead) == \
        (1, 50.0, None, None)
    assert (p2.progress.days_left, p2.progress.remaining, p2.progress.weekly_needed) == (81, 1, 1)
    assert p2.open and p2.progress.projection is not None


def test_target_in_force_changes_on_its_decision_date():
    targets = [target(10, "2023-12-31", decided_on="2022-01-01", document="KH 97"),
               target(12, "2023-09-30", decided_on="2023-03-01", document="CV 663")]
    items = [initiative("a", day) for day in ("2023-01-10", "2023-02-10", "2023-02-28", "2023-03-01")]

    before = stats.overall(site(campaign(targets=targets, as_of="2023-02-28"), [unit("a")], items))
    assert (before.count, before.target, before.percent, before.deadline) == (3, 10, 30.0, D("2023-12-31"))
    assert [revision.current for revision in before.revisions] == [True, False]

    on_the_day = stats.overall(site(campaign(targets=targets, as_of="2023-03-01"), [unit("a")], items))
    assert (on_the_day.count, on_the_day.target, on_the_day.percent, on_the_day.deadline) == \
        (4, 12, 33.3, D("2023-09-30"))
    first, second = on_the_day.revisions
    assert (first.target.document, first.until, first.current) == ("KH 97", D("2023-02-28"), False)
    assert (second.target.document, second.until, second.current) == ("CV 663", None, True)
    # days_left 213 (1/3 -> 30/9); 8 remaining -> ceil(8 * 7 / 213) = 1 a week
    assert (on_the_day.days_left, on_the_day.remaining, on_the_day.weekly_needed) == (213, 8, 1)


def test_target_reached_date_and_days_before_the_deadline():
    # like the real campaign: 10,244 on 14/7/2023, ahead of 01/9/2023 (49 days); here 3 on 14/7 against 3 by 1/9
    targets = [target(5, "2023-09-30", decided_on="2022-02-14"), target(3, "2023-09-01", decided_on="2022-11-14")]
    items = [initiative("a", day) for day in ("2023-05-02", "2023-07-01", "2023-07-14", "2023-07-20")]
    total = stats.overall(site(campaign(targets=targets, as_of="2023-07-31"), [unit("a")], items))
    assert (total.count, total.target, total.percent) == (4, 3, 133.3)
    assert (total.reached_on, total.days_ahead, total.reached) == (D("2023-07-14"), 49, True)
    assert (total.remaining, total.weekly_needed) == (0, 0)
    first, second = total.revisions
    assert (first.reached_on, first.days_ahead) == (None, None)        # 5 not reached yet
    assert (second.reached_on, second.days_ahead) == (D("2023-07-14"), 49)
    assert (total.projection.completion, total.projection.on_track) == (D("2023-07-14"), True)


# ------------------------------------------------------------------------------------------------ pace


def test_monthly_series_includes_empty_months_and_crosses_the_year():
    items = [initiative("a", "2022-11-20"), initiative("a", "2023-01-05"), initiative("a", "2023-01-31"),
             initiative("a", "2023-04-01")]  # after the as-of date: not counted
    months = stats.monthly(site(campaign(counted_from="2022-11-15", as_of="2023-03-10"), [unit("a")], items))
    assert [(m.month, m.count, m.cumulative) for m in months] == [
        ("2022-11", 1, 1), ("2022-12", 0, 1), ("2023-01", 2, 3), ("2023-02", 0, 3), ("2023-03", 0, 3)]
    assert months[0].first_day == D("2022-11-01")


def test_daily_burn_up():
    items = [initiative("a", "2023-01-05"), initiative("a", "2023-01-05"), initiative("a", "2023-01-09")]
    days = stats.daily(site(campaign(), [unit("a")], items))
    assert [(d.date, d.count, d.cumulative) for d in days] == [(D("2023-01-05"), 2, 2), (D("2023-01-09"), 1, 3)]


def test_projection_since_the_start_when_shorter_than_90_days():
    # 10 days since counting began (1/1 - 10/1), 5 registered: 0.5 a day; 15 remaining -> 30 days -> 9/2
    items = [initiative("a", day) for day in ("2023-01-01", "2023-01-03", "2023-01-05", "2023-01-05", "2023-01-10")]
    total = stats.overall(site(campaign(targets=[target(20, "2023-02-15")], counted_from="2023-01-01",
                                        as_of="2023-01-10"), [unit("a")], items))
    projection = total.projection
    assert (projection.window_start, projection.window_end, projection.window_days, projection.window_count) == \
        (D("2023-01-01"), D("2023-01-10"), 10, 5)
    assert (projection.per_day, projection.per_week) == (0.5, 3.5)
    assert (projection.completion, projection.on_track) == (D("2023-02-09"), True)
    # 36 days left (10/1 -> 15/2): ceil(15 * 7 / 36) = 3 a week
    assert (total.days_left, total.remaining, total.weekly_needed) == (36, 15, 3)


def test_projection_over_the_last_90_days():
    # window 3/10 - 31/12/2023 (90 days, both ends included): 9 registrations in it; 0.1 a day
    before = ["2023-06-01"] * 3 + ["2023-10-02"]                       # outside the window
    inside = ["2023-10-03"] + ["2023-11-15"] * 4 + ["2023-12-31"] * 4  # 9
    items = [initiative("a", day) for day in before + inside]
    total = stats.overall(site(campaign(targets=[target(30, "2024-03-31")], as_of="2023-12-31"), [unit("a")], items))
    projection = total.projection
    assert (total.count, projection.window_start, projection.window_days, projection.window_count) == \
        (13, D("2023-10-03"), 90, 9)
    # 17 remaining / 0.1 a day = 170 days after 31/12/2023 -> 18/6/2024 (2024 is a leap year): late
    assert (projection.completion, projection.on_track) == (D("2024-06-18"), False)


def test_projection_at_zero_pace_never_completes():
    items = [initiative("a", "2023-01-02")]
    total = stats.overall(site(campaign(targets=[target(5, "2023-12-31")], as_of="2023-06-30"), [unit("a")], items))
    assert (total.projection.window_count, total.projection.completion, total.projection.on_track) == (0, None, False)


def test_a_projection_past_the_calendar_s_last_day_never_completes():
    """Ten million at one initiative in 90 days: 900 million days, past 31/12/9999 (it raised OverflowError)."""
    items = [initiative("a", "2023-06-01")]
    total = stats.overall(site(campaign(targets=[target(10_000_000, "2023-12-31")], as_of="2023-06-30"), [unit("a")],
                               items))
    assert (total.projection.window_count, total.projection.completion, total.projection.on_track) == (1, None, False)


# ------------------------------------------------------------------------------------------------ units


def ranking_site() -> Site:
    units = [
        unit("a", {"p1": 1, "p2": 2}),   # quota 3, gets 4: over-achiever
        unit("b"),                        # no quota
        unit("c", {"p1": 0}),             # quota 0
        unit("d", {"p1": 5}),
        unit("e", {"p2": 4}),             # no initiatives at all
    ]
    items = [
        initiative("a", "2023-01-10", vnd=100), initiative("a", "2023-02-01", benefit=False),
        initiative("a", "2023-04-02", vnd=None),  # third: quota reached on 2/4
        initiative("a", "2023-05-05", vnd=50),
        initiative("b", "2023-01-20", vnd=10), initiative("b", "2023-04-01", vnd=10),
        initiative("c", "2023-02-02", vnd=500), initiative("c", "2023-03-03"),
        initiative("d", "2023-03-31", vnd=7),
    ]
    phases = [phase("p1", "2023-01-01", "2023-03-31", target(6, "2023-03-31")),
              phase("p2", "2023-04-01", "2023-12-31", target(6, "2023-12-31"))]
    return site(campaign(targets=[target(12, "2023-12-31")], phases=phases, as_of="2023-06-30"), units, items)


def test_units_with_ties_quota_zero_no_quota_and_an_over_achiever():
    rows = stats.unit_ranking(ranking_site())
    got = [(r.unit.id, r.count, r.quota, r.percent, r.benefit_vnd, r.rank, r.exceeded_on, r.exceeded) for r in rows]
    assert got == [
        ("a", 4, 3, 133.3, 150, 1, D("2023-04-02"), True),
        ("c", 2, 0, None, 500, 2, None, False),     # tie with b: higher benefit first
        ("b", 2, None, None, 20, 2, None, False),
        ("d", 1, 5, 20.0, 7, 4, None, False),
        ("e", 0, 4, 0.0, 0, 5, None, False),        # listed at 0
    ]


def test_units_keep_the_units_yml_order_and_split_by_phase():
    rows = stats.units(ranking_site())
    assert [(r.unit.id, r.rank) for r in rows] == [("a", 1), ("b", 2), ("c", 2), ("d", 4), ("e", 5)]
    a = rows[0]
    assert [(p.phase, p.count, p.quota, p.percent) for p in a.phases] == [("p1", 2, 1, 200.0), ("p2", 2, 2, 100.0)]
    e = rows[4]
    assert [(p.phase, p.count, p.quota, p.percent) for p in e.phases] == [("p1", 0, None, None), ("p2", 0, 4, 0.0)]


def test_unit_ties_with_equal_benefit_follow_units_yml_order():
    units = [unit("z"), unit("y"), unit("x")]
    items = [initiative("x", "2023-01-02"), initiative("y", "2023-01-02"), initiative("z", "2023-01-02"),
             initiative("x", "2023-01-03")]
    rows = stats.unit_ranking(site(campaign(targets=[target(10, "2023-12-31")]), units, items))
    assert [(r.unit.id, r.count, r.rank) for r in rows] == [("x", 2, 1), ("z", 1, 2), ("y", 1, 2)]


# ------------------------------------------------------------------------------------------------ authors


NFC_AN = unicodedata.normalize("NFC", "Nguyễn Văn An")
NFD_AN = unicodedata.normalize("NFD", "Nguyễn Văn An")


def test_authors_identity_co_authors_and_ranking():
    assert NFC_AN != NFD_AN
    items = [
        # oldest first: the NFD spelling is seen first (shown NFC)
        initiative("a", "2023-01-05", NFD_AN, "Trần Thị Bình"),
        # the same person listed twice on one initiative is credited once
        initiative("a", "2023-02-05", NFC_AN, "  nguyễn   VĂN an ", "Trần Thị Bình"),
        initiative("a", "2023-03-05", NFC_AN),
        # the same name in another unit is another person; the author's own unit counts, not the initiative's
        initiative("a", "2023-03-06", (NFC_AN, "b"), "Đặng Văn Dũng"),
        initiative("b", "2023-03-07", "Dương Văn Em", "Bùi Văn Cường", "Ánh"),
    ]
    rows = stats.authors(site(campaign(), [unit("a"), unit("b")], items))
    assert [(r.name, r.unit, r.count, r.rank) for r in rows] == [
        (NFC_AN, "a", 3, 1),
        ("Trần Thị Bình", "a", 2, 2),
        # ties in Vietnamese-aware order: Ánh, Bùi, Đặng, Dương, Nguyễn (not code-point order)
        ("Ánh", "b", 1, 3),
        ("Bùi Văn Cường", "b", 1, 3),
        ("Đặng Văn Dũng", "a", 1, 3),
        ("Dương Văn Em", "b", 1, 3),
        (NFC_AN, "b", 1, 3),
    ]
    assert unicodedata.is_normalized("NFC", rows[0].name)
    assert rows[0].initiatives == tuple(item.key for item in items[:3])
    assert stats.author_key(NFD_AN, "a") == stats.author_key(" nguyễn văn  AN", "a") != stats.author_key(NFC_AN, "b")


def test_author_display_name_is_the_first_spelling_by_registration_then_code():
    items = [initiative("a", "2023-01-05", "NGUYỄN VĂN AN", code="SK-2"),
             initiative("a", "2023-01-05", "Nguyễn Văn An", code="SK-1"),
             initiative("a", "2023-01-04", "nguyễn văn an", code="SK-9")]
    rows = stats.authors(site(campaign(), [unit("a")], items))
    assert [(r.name, r.count) for r in rows] == [("nguyễn văn an", 3)]
    items[2] = initiative("a", "2023-01-06", "nguyễn văn an", code="SK-9")
    assert [(r.name, r.count) for r in stats.authors(site(campaign(), [unit("a")], items))] == \
        [("Nguyễn Văn An", 3)]


# ------------------------------------------------------------------------------------------------ fields, blocs


def test_fields_and_blocs_counts_shares_and_ranks():
    blocs = (Named("b1", "Khối 1"), Named("b2", "Khối 2"), Named("b3", "Khối 3"))
    units = [unit("a", bloc="b1"), unit("b", bloc="b2"), unit("c", bloc="b2"), unit("d")]
    items = [initiative("a", "2023-01-02", field="so"), initiative("a", "2023-01-03", field="so"),
             initiative("b", "2023-01-04", field="an-toan"), initiative("c", "2023-01-05", field="an-toan"),
             initiative("d", "2023-01-06", field="so"), initiative("d", "2023-01-07", field="ky-thuat")]
    site_ = site(campaign(blocs=blocs), units, items)
    assert stats.by_field(site_) == {"ky-thuat": 1, "so": 3, "an-toan": 2}
    assert [(s.id, s.name, s.count, s.percent, s.rank) for s in stats.fields(site_)] == [
        ("so", "Chuyển đổi số", 3, 50.0, 1), ("an-toan", "An toàn", 2, 33.3, 2), ("ky-thuat", "Kỹ thuật", 1, 16.6, 3)]
    assert [(s.id, s.count, s.percent, s.rank, s.units) for s in stats.blocs(site_)] == [
        ("b1", 2, 33.3, 1, ("a",)), ("b2", 2, 33.3, 1, ("b", "c")),
        (None, 2, 33.3, 1, ("d",)),               # units without a bloc, last among equals
        ("b3", 0, 0.0, 4, ()),
    ]
    assert stats.blocs(site(campaign(), units, items)) == []   # no blocs in the campaign


# ------------------------------------------------------------------------------------------------ empty campaign


def test_an_empty_campaign_gives_zeros_without_crashing():
    phases = [phase("p1", "2023-01-01", "2023-06-30", target(4, "2023-06-30"))]
    site_ = site(campaign(targets=[target(10, "2023-12-31")], phases=phases, counted_from="2023-01-01"),
                 [unit("a", {"p1": 4}), unit("b")])
    total = stats.overall(site_)
    assert (total.count, total.target, total.percent, total.as_of) == (0, 10, 0.0, D("2023-01-01"))
    assert (total.reached_on, total.days_ahead, total.remaining, total.days_left, total.weekly_needed) == \
        (None, None, 10, 364, 1)
    assert (total.projection.window_days, total.projection.window_count, total.projection.completion,
            total.projection.on_track) == (1, 0, None, False)
    assert [(p.progress.count, p.progress.percent) for p in stats.phases(site_)] == [(0, 0.0)]
    assert [(r.unit.id, r.count, r.percent, r.rank, r.benefit_vnd) for r in stats.unit_ranking(site_)] == \
        [("a", 0, 0.0, 1, 0), ("b", 0, None, 1, 0)]
    assert stats.authors(site_) == []
    assert [(s.count, s.percent, s.rank) for s in stats.fields(site_)] == [(0, None, 1)] * 3
    assert [(m.month, m.count, m.cumulative) for m in stats.monthly(site_)] == [("2023-01", 0, 0)]
    data = stats.to_json(site_)
    assert data["total"]["count"] == 0 and data["total"]["percent"] == 0.0
    json.dumps(data)


def test_a_campaign_without_phases_or_targets():
    site_ = site(campaign(), [unit("a")], [initiative("a", "2023-01-02")])
    total = stats.overall(site_)
    assert (total.count, total.target, total.percent, total.weekly_needed, total.revisions) == (1, None, None, None, ())
    assert (total.projection.completion, total.projection.on_track) == (None, None)
    assert stats.phases(site_) == []
    json.dumps(stats.to_json(site_))


# ------------------------------------------------------------------------------------------------ open data


def test_to_json_on_a_hand_computed_site():
    data = stats.to_json(ranking_site())
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data   # plain JSON values only
    assert data["as_of"] == "2023-06-30"
    assert data["notice"] is None
    total = data["total"]
    # 9 of 12; 9/12 = 75.0%; deadline 31/12/2023, 184 days after 30/6; 3 remaining -> ceil(21 / 184) = 1 a week
    assert {key: total[key] for key in ("count", "target", "percent", "deadline", "days_left", "remaining",
                                        "weekly_needed", "reached_on", "days_ahead")} == {
        "count": 9, "target": 12, "percent": 75.0, "deadline": "2023-12-31", "days_left": 184, "remaining": 3,
        "weekly_needed": 1, "reached_on": None, "days_ahead": None}
    # window 2/4 - 30/6 (90 days): 2/4 and 5/5 -> 2 in 90 days; 3 remaining -> 135 days -> 12/11/2023: on track
    assert total["projection"] == {"window_start": "2023-04-02", "window_end": "2023-06-30", "window_days": 90,
                                   "window_count": 2, "per_day": 0.022, "per_week": 0.156,
                                   "completion": "2023-11-12", "on_track": True}
    assert total["targets"] == [{"count": 12, "deadline": "2023-12-31", "decided_on": "2021-01-01", "until": None,
                                 "document": "KH 1", "note": None, "current": True, "reached_on": None,
                                 "days_ahead": None}]
    # p1: 1/1 - 31/3 -> 10/1, 1/2, 20/1, 2/2, 3/3, 31/3 = 6 of 6, the sixth on 31/3 (the deadline)
    assert [{key: row[key] for key in ("id", "count", "target", "percent", "deadline", "reached_on", "days_ahead")}
            for row in data["phases"]] == [
        {"id": "p1", "count": 6, "target": 6, "percent": 100.0, "deadline": "2023-03-31", "reached_on": "2023-03-31",
         "days_ahead": 0},
        {"id": "p2", "count": 3, "target": 6, "percent": 50.0, "deadline": "2023-12-31", "reached_on": None,
         "days_ahead": None},
    ]
    assert data["phases"][0]["projection"] is None
    assert [{key: row[key] for key in ("id", "name", "count", "target", "percent", "benefit_vnd", "rank",
                                       "exceeded_on")} for row in data["units"]] == [
        {"id": "a", "name": "Đơn vị a", "count": 4, "target": 3, "percent": 133.3, "benefit_vnd": 150, "rank": 1,
         "exceeded_on": "2023-04-02"},
        {"id": "c", "name": "Đơn vị c", "count": 2, "target": 0, "percent": None, "benefit_vnd": 500, "rank": 2,
         "exceeded_on": None},
        {"id": "b", "name": "Đơn vị b", "count": 2, "target": None, "percent": None, "benefit_vnd": 20, "rank": 2,
         "exceeded_on": None},
        {"id": "d", "name": "Đơn vị d", "count": 1, "target": 5, "percent": 20.0, "benefit_vnd": 7, "rank": 4,
         "exceeded_on": None},
        {"id": "e", "name": "Đơn vị e", "count": 0, "target": 4, "percent": 0.0, "benefit_vnd": 0, "rank": 5,
         "exceeded_on": None},
    ]
    assert data["units"][0]["phases"] == [{"id": "p1", "count": 2, "target": 1, "percent": 200.0},
                                          {"id": "p2", "count": 2, "target": 2, "percent": 100.0}]
    # every initiative has the default author "Tác giả" of its own unit: one person per unit
    assert data["authors"] == [
        {"name": "Tác giả", "unit": "a", "unit_name": "Đơn vị a", "count": 4, "rank": 1},
        {"name": "Tác giả", "unit": "b", "unit_name": "Đơn vị b", "count": 2, "rank": 2},
        {"name": "Tác giả", "unit": "c", "unit_name": "Đơn vị c", "count": 2, "rank": 2},
        {"name": "Tác giả", "unit": "d", "unit_name": "Đơn vị d", "count": 1, "rank": 4},
    ]
    assert data["fields"] == [
        {"id": "ky-thuat", "name": "Kỹ thuật", "count": 9, "percent": 100.0, "rank": 1},
        {"id": "so", "name": "Chuyển đổi số", "count": 0, "percent": 0.0, "rank": 2},
        {"id": "an-toan", "name": "An toàn", "count": 0, "percent": 0.0, "rank": 2},
    ]
    assert data["blocs"] == []
    assert data["monthly"] == [
        {"month": "2023-01", "count": 2, "cumulative": 2}, {"month": "2023-02", "count": 2, "cumulative": 4},
        {"month": "2023-03", "count": 2, "cumulative": 6}, {"month": "2023-04", "count": 2, "cumulative": 8},
        {"month": "2023-05", "count": 1, "cumulative": 9}, {"month": "2023-06", "count": 0, "cumulative": 9},
    ]
    assert data["rules"] == stats.RULES


def test_to_json_is_deterministic_whatever_the_input_order():
    site_ = ranking_site()
    shuffled = Site(campaign=site_.campaign, units=site_.units, initiatives=tuple(reversed(site_.initiatives)),
                    news=())
    assert json.dumps(stats.to_json(shuffled)) == json.dumps(stats.to_json(site_))
