"""Campaign numbers: the model in, numbers out. No I/O, no formatting, no templates.

Every rule the numbers follow is written once in ``RULES`` (Vietnamese, printed on the progress page) and again,
in English, in the docstring of the function that applies it:

- Counting: an initiative counts once, on its registration date (``registered_on``), for its unit, its field and
  each of its authors. A phase counts the initiatives registered from its start to its end, both days included.
- As-of: the numbers run up to the campaign's ``as_of`` date, else to the latest registration date in the content
  (else to the day counting began). The target used is the revision in force on that date.
- Percent: one decimal, rounded down (99.96 -> 99.9, never 100.0 before the target is met); None without a
  positive target.
- Ranking: standard competition ranking on the count, highest first (1, 2, 2, 4); ties are listed in a stated
  order (see each function).
- Authors: one person = (name compared NFC-normalised, whitespace-collapsed and case-folded; the author's unit).
- Quota reached: a unit reached ("vượt") its quota when its count is at least a positive quota; the date is the
  registration date of the initiative that brought it there.
- Projection: the average pace per day over the last 90 days up to the as-of date (or since counting began, if
  that is shorter), carried forward.

Dates stay ``datetime.date`` values and percentages stay numbers; pages format them, ``to_json`` writes them as ISO
strings and numbers.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence, TypeVar

from .identity import ByIdentity, for_last, slot
from .model import Initiative, Named, Phase, Site, Target, Unit
from .text import fold

PROJECTION_WINDOW_DAYS = 90

RULES: list[str] = [
    # counting rule
    "Mỗi sáng kiến được tính một lần vào ngày đăng ký, cho đơn vị, lĩnh vực và từng tác giả của sáng kiến; "
    "số của một giai đoạn gồm các sáng kiến đăng ký từ ngày bắt đầu đến hết ngày kết thúc giai đoạn, "
    "kể cả sáng kiến đăng ký đúng ngày hạn chót.",
    # as-of rule
    "Số liệu tính đến ngày chốt số liệu của phong trào (nếu chưa có ngày chốt thì đến ngày đăng ký mới nhất); "
    "chỉ tiêu được so sánh là chỉ tiêu có hiệu lực vào ngày chốt, tức văn bản mới nhất ban hành trước "
    "hoặc đúng ngày đó.",
    # percent rounding rule
    "Tỉ lệ phần trăm lấy một chữ số thập phân và làm tròn xuống: 99,96% được ghi là 99,9%, không bao giờ "
    "thành 100,0% khi chưa đạt; không có chỉ tiêu hoặc chỉ tiêu bằng 0 thì không tính phần trăm.",
    # ranking and tie rule
    "Xếp hạng theo số sáng kiến từ nhiều đến ít; bằng nhau thì đồng hạng và bỏ qua hạng kế tiếp (1, 2, 2, 4). "
    "Trong cùng hạng, đơn vị có tổng giá trị làm lợi lớn hơn đứng trước, rồi theo thứ tự danh sách đơn vị; "
    "tác giả xếp theo họ tên theo bảng chữ cái (không dấu, rồi có dấu), rồi theo thứ tự đơn vị; "
    "lĩnh vực và khối thi đua theo thứ tự danh mục.",
    # author identity rule
    "Mỗi tác giả được xác định bằng họ tên và đơn vị: họ tên được so sánh không phân biệt chữ hoa, chữ thường, "
    "khoảng trắng thừa và cách gõ dấu (dựng sẵn hay tổ hợp); cùng họ tên ở hai đơn vị khác nhau là hai người. "
    "Đồng tác giả được tính mỗi người một lần cho mỗi sáng kiến.",
    # quota-exceeded rule
    "Đơn vị vượt chỉ tiêu khi số sáng kiến đạt hoặc vượt tổng chỉ tiêu các giai đoạn (chỉ tiêu lớn hơn 0); "
    "ngày vượt chỉ tiêu là ngày đăng ký của sáng kiến đưa số lũy kế của đơn vị chạm chỉ tiêu. "
    "Ngày đạt chỉ tiêu của phong trào và của mỗi giai đoạn được tính theo cùng cách; số ngày về đích sớm "
    "là số ngày từ ngày đạt đến hạn chót.",
    # projection rule
    "Dự báo dùng tốc độ bình quân mỗi ngày trong 90 ngày gần nhất tính đến ngày chốt (hoặc từ ngày bắt đầu tính "
    "nếu chưa đủ 90 ngày) và giả định tốc độ đó giữ nguyên; tốc độ cần đạt mỗi tuần là số còn thiếu chia cho "
    "số tuần còn lại đến hạn chót, làm tròn lên.",
]

T = TypeVar("T")


# ---------------------------------------------------------------------------------------------------- basics


def percent(count: int, target: int | None) -> float | None:
    """One decimal, rounded down (exact integer arithmetic: 9996/10000 -> 99.9); None without a positive target."""
    if not target or target <= 0:
        return None
    return (count * 1000 // target) / 10


def as_of(site: Site) -> dt.date:
    """The campaign's ``as_of``, else the latest registration date, else the day counting began."""
    if site.campaign.as_of:
        return site.campaign.as_of
    return site.latest_registration or site.campaign.programme.counted_from


def _while_inputs_equal(inputs: Callable[[Site], Any]) -> Callable[[Callable[[Site], Any]], Callable[[Site], Any]]:
    """The decorated function computed again only when ``inputs(site)`` differs from what it was for the last
    site: after an edit to a served site most figures do not read what changed (a title, a description), and
    comparing their inputs takes milliseconds where computing them takes a tenth of a second at 10,000
    initiatives (unchanged values are the same objects, so most comparisons are identity checks). ``inputs`` must
    hold everything the function reads."""

    def decorate(function: Callable[[Site], Any]) -> Callable[[Site], Any]:
        last: list[tuple[Any, Any]] = slot()

        @functools.wraps(function)
        def again(site: Site) -> Any:
            key = inputs(site)
            kept = last[0] if last else None
            if kept is not None and kept[0] == key:
                return kept[1]
            result = function(site)
            last[:] = [(key, result)]
            return result

        return again

    return decorate


@for_last
def _figures_inputs(site: Site) -> tuple:
    """What the counts, paces, shares and unit rankings read of a site: the campaign, the units, the as-of date
    and each initiative's registration date, unit, field and benefit. Given as the very object of the previous site
    when equal, so the functions below compare it by identity."""
    key = (site.campaign, site.units, as_of(site),
           tuple((item.registered_on, item.unit, item.field, item.benefit) for item in site.initiatives))
    last = _FIGURES_INPUTS[0] if _FIGURES_INPUTS else None
    if last is not None and last == key:
        return last
    _FIGURES_INPUTS[:] = [key]
    return key


_FIGURES_INPUTS: list[tuple] = slot()


@for_last
def counted(site: Site) -> tuple[Initiative, ...]:
    """The initiatives registered up to the as-of date (in the site's order: newest first)."""
    day = as_of(site)
    return tuple(item for item in site.initiatives if item.registered_on <= day)


@for_last
def counted_in_order(site: Site) -> tuple[Initiative, ...]:
    """The counted initiatives oldest first (``chronological``)."""
    return tuple(chronological(counted(site)))


def start(site: Site) -> dt.date:
    """The day counting began: the programme's ``counted_from``, or an earlier phase start or registration."""
    days = [site.campaign.programme.counted_from, *(phase.start for phase in site.campaign.phases)]
    days += [item.registered_on for item in site.initiatives]
    return min(days)


def chronological(items: Iterable[Initiative]) -> list[Initiative]:
    """Oldest registration first; same day by code, then by key (unit/slug): one order on every build."""
    return sorted(items, key=lambda item: (item.registered_on, item.code, item.key))


def in_phase(phase: Phase, items: Iterable[Initiative]) -> list[Initiative]:
    """The initiatives registered from the phase's start to its end, both days included."""
    return [item for item in items if phase.start <= item.registered_on <= phase.end]


def reached_on(dates: Sequence[dt.date], goal: int | None) -> dt.date | None:
    """The date the running count of ``dates`` (sorted, oldest first) reached ``goal``; None if it did not,
    or without a positive goal."""
    if not goal or goal <= 0 or len(dates) < goal:
        return None
    return dates[goal - 1]


def days_between(first: dt.date | None, last: dt.date | None) -> int | None:
    """``last - first`` in days (negative when ``last`` is earlier); None when either is missing."""
    if first is None or last is None:
        return None
    return (last - first).days


def weekly_needed(remaining: int, days_left: int | None) -> int | None:
    """Initiatives per week still needed: remaining / (days left / 7), rounded up.

    0 when nothing remains; None when something remains but the deadline is today or past (or unknown).
    """
    if remaining <= 0:
        return 0
    if days_left is None or days_left <= 0:
        return None
    return -(-remaining * 7 // days_left)


def competition_ranks(counts: Sequence[int]) -> list[int]:
    """Standard competition ranking of ``counts`` listed highest first: [5, 3, 3, 1] -> [1, 2, 2, 4]."""
    ranks: list[int] = []
    for index, count in enumerate(counts):
        ranks.append(ranks[-1] if index and count == counts[index - 1] else index + 1)
    return ranks


def _ranked(rows: list[T], count: Callable[[T], int], tie: Callable[[T], Any]) -> list[tuple[int, T]]:
    """``rows`` in display order (count descending, then ``tie``) with their competition rank."""
    ordered = sorted(rows, key=lambda row: (-count(row), tie(row)))
    return list(zip(competition_ranks([count(row) for row in ordered]), ordered))


# ---------------------------------------------------------------------------------------------------- pace


@dataclass(frozen=True)
class Projection:
    """Where the current pace leads.

    The pace is the average per day over the window: the last ``PROJECTION_WINDOW_DAYS`` days ending on the as-of
    date (both included), or from the day counting began if that is later. At that pace the remaining count takes
    ``ceil(remaining / per_day)`` days after the as-of date. ``completion`` is that date (the date the target was
    reached, if it already was; None if nothing remains to project from: no target, or a zero pace; or if the
    date would fall past the calendar's last day).
    ``on_track`` says whether ``completion`` falls on or before the deadline (None without a target).
    """

    window_start: dt.date
    window_end: dt.date
    window_count: int
    completion: dt.date | None
    on_track: bool | None

    @property
    def window_days(self) -> int:
        return (self.window_end - self.window_start).days + 1

    @property
    def per_day(self) -> float:
        return self.window_count / self.window_days

    @property
    def per_week(self) -> float:
        return self.window_count * 7 / self.window_days


def project(dates: Sequence[dt.date], begin: dt.date, day: dt.date, target: Target | None) -> Projection | None:
    """The projection for ``dates`` (sorted registration dates up to ``day``) counted from ``begin``.

    None when ``day`` is before ``begin`` (nothing has started).
    """
    if day < begin:
        return None
    window_start = max(begin, day - dt.timedelta(days=PROJECTION_WINDOW_DAYS - 1))
    window_count = sum(1 for date in dates if window_start <= date <= day)
    if target is None or target.count <= 0:
        return Projection(window_start, day, window_count, None, None)
    remaining = target.count - len(dates)
    if remaining <= 0:
        completion = reached_on(dates, target.count)
    elif window_count:
        window_days = (day - window_start).days + 1
        days = -(-remaining * window_days // window_count)
        # a completion past the calendar's last day (a large target at a slow pace) is one never reached
        completion = day + dt.timedelta(days=days) if days <= (dt.date.max - day).days else None
    else:
        completion = None
    on_track = completion is not None and completion <= target.deadline
    return Projection(window_start, day, window_count, completion, on_track)


# ---------------------------------------------------------------------------------------------------- progress


@dataclass(frozen=True)
class TargetRevision:
    """One revision of a target: in force from ``decided_on`` until the day before the next one was decided.

    ``current`` marks the revision in force on the as-of date; ``reached_on`` / ``days_ahead`` say when the count
    reached this revision's number and how many days before its deadline (negative: after it; None: not reached).
    """

    target: Target
    until: dt.date | None
    current: bool
    reached_on: dt.date | None
    days_ahead: int | None


def in_force_index(targets: Sequence[Target], day: dt.date) -> int:
    """The index of the revision in force on ``day`` (as ``model.target_in_force``)."""
    index = 0
    for position, target in enumerate(targets):
        if target.decided_on <= day:
            index = position
    return index


def revisions(targets: Sequence[Target], dates: Sequence[dt.date], day: dt.date) -> tuple[TargetRevision, ...]:
    """The history of ``targets`` (as listed, oldest first), with the one in force on ``day`` marked."""
    current = in_force_index(targets, day) if targets else -1
    history = []
    for index, target in enumerate(targets):
        until = targets[index + 1].decided_on - dt.timedelta(days=1) if index + 1 < len(targets) else None
        reached = reached_on(dates, target.count)
        history.append(TargetRevision(target, until, index == current, reached, days_between(reached, target.deadline)))
    return tuple(history)


@dataclass(frozen=True)
class Progress:
    """A count against the target in force on the as-of date.

    ``days_left``: from the as-of date to the deadline (negative once passed). ``remaining``: what the count lacks
    (0 once reached). ``weekly_needed``: see ``weekly_needed``. ``reached_on`` / ``days_ahead``: when the count
    reached the target in force, and how many days before its deadline (negative: late; None: not reached).
    """

    count: int
    target: int | None
    percent: float | None
    deadline: dt.date | None
    as_of: dt.date
    days_left: int | None = None
    remaining: int = 0
    weekly_needed: int | None = None
    reached_on: dt.date | None = None
    days_ahead: int | None = None
    projection: Projection | None = None
    revisions: tuple[TargetRevision, ...] = ()

    @property
    def reached(self) -> bool:
        return self.reached_on is not None


def progress(dates: Sequence[dt.date], targets: Sequence[Target], begin: dt.date, day: dt.date,
             projected: bool = True) -> Progress:
    """The progress of ``dates`` (sorted registration dates up to ``day``) against ``targets``."""
    target = targets[in_force_index(targets, day)] if targets else None
    goal = target.count if target else None
    deadline = target.deadline if target else None
    count = len(dates)
    remaining = max(goal - count, 0) if goal else 0
    left = days_between(day, deadline)
    reached = reached_on(dates, goal)
    return Progress(
        count=count, target=goal, percent=percent(count, goal), deadline=deadline, as_of=day,
        days_left=left, remaining=remaining, weekly_needed=weekly_needed(remaining, left) if target else None,
        reached_on=reached, days_ahead=days_between(reached, deadline),
        projection=project(dates, begin, day, target) if projected else None,
        revisions=revisions(targets, dates, day),
    )


def _dates(items: Iterable[Initiative]) -> list[dt.date]:
    return sorted(item.registered_on for item in items)


@for_last
@_while_inputs_equal(_figures_inputs)
def overall(site: Site) -> Progress:
    """The whole campaign: every initiative registered up to the as-of date, against the campaign target."""
    day = as_of(site)
    return progress(_dates(counted(site)), site.campaign.targets, start(site), day)


@dataclass(frozen=True)
class PhaseProgress:
    """A phase and its progress (its own count, target in force and deadline).

    The phase's projection is None unless the as-of date falls within the phase (a phase not yet started or
    already ended has nothing to project).
    """

    phase: Phase
    progress: Progress

    @property
    def open(self) -> bool:
        return self.phase.start <= self.progress.as_of <= self.phase.end


@for_last
@_while_inputs_equal(_figures_inputs)
def phases(site: Site) -> list[PhaseProgress]:
    """Every phase, in the campaign's order."""
    day = as_of(site)
    items = counted(site)
    result = []
    for phase in site.campaign.phases:
        is_open = phase.start <= day <= phase.end
        result.append(PhaseProgress(phase, progress(_dates(in_phase(phase, items)), phase.targets, phase.start, day,
                                                    projected=is_open)))
    return result


@dataclass(frozen=True)
class Month:
    """One calendar month: its first day, the registrations in it and the running total at its end."""

    first_day: dt.date
    count: int
    cumulative: int

    @property
    def month(self) -> str:
        return f"{self.first_day.year:04d}-{self.first_day.month:02d}"


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


@for_last
@_while_inputs_equal(_figures_inputs)
def monthly(site: Site) -> list[Month]:
    """Every month from the day counting began to the as-of date, empty months included (burn-up by month).

    The counts add up to ``overall(site).count``.
    """
    counts = Counter(item.registered_on.replace(day=1) for item in counted(site))
    first, last = start(site).replace(day=1), as_of(site).replace(day=1)
    months, total, month = [], 0, first
    while month <= last:
        total += counts[month]
        months.append(Month(month, counts[month], total))
        month = _next_month(month)
    return months


@dataclass(frozen=True)
class Day:
    date: dt.date
    count: int
    cumulative: int


@for_last
@_while_inputs_equal(_figures_inputs)
def daily(site: Site) -> list[Day]:
    """The burn-up by day: each registration date (oldest first) with its count and the running total."""
    counts = Counter(_dates(counted(site)))
    days, total = [], 0
    for date in sorted(counts):
        total += counts[date]
        days.append(Day(date, counts[date], total))
    return days


# ---------------------------------------------------------------------------------------------------- units


@dataclass(frozen=True)
class UnitPhase:
    phase: str  # phase id
    count: int
    quota: int | None
    percent: float | None


@dataclass(frozen=True)
class UnitProgress:
    """A unit's count against its total quota (the sum over phases; None when it has none).

    ``benefit_vnd``: the sum of the known ``benefit.vnd_per_year`` of its counted initiatives (0 when none is
    known). ``rank``: competition rank on the count. ``exceeded_on``: the date its running count reached a positive
    quota (None otherwise). ``phases``: the same count per phase, against the phase quota.
    """

    unit: Unit
    count: int
    quota: int | None
    percent: float | None
    benefit_vnd: int = 0
    rank: int = 0
    exceeded_on: dt.date | None = None
    phases: tuple[UnitPhase, ...] = ()

    @property
    def exceeded(self) -> bool:
        """"Vượt chỉ tiêu": the count is at least a positive quota."""
        return self.exceeded_on is not None


def benefit_vnd(items: Iterable[Initiative]) -> int:
    """The sum of the known yearly benefits in VND (initiatives without one add nothing)."""
    return sum(item.benefit.vnd_per_year for item in items if item.benefit and item.benefit.vnd_per_year)


def _unit_rows(site: Site) -> list[UnitProgress]:
    items = counted_in_order(site)
    by_unit: dict[str, list[Initiative]] = defaultdict(list)
    for item in items:
        by_unit[item.unit].append(item)
    rows = []
    for unit in site.units:
        mine = by_unit[unit.id]
        quota = unit.total_quota
        quotas = dict(unit.quota)
        counts = [(phase.id, len(in_phase(phase, mine))) for phase in site.campaign.phases]
        per_phase = tuple(UnitPhase(phase, count, quotas.get(phase), percent(count, quotas.get(phase)))
                          for phase, count in counts)
        rows.append(UnitProgress(unit, len(mine), quota, percent(len(mine), quota), benefit_vnd(mine), 0,
                                 reached_on([item.registered_on for item in mine], quota), per_phase))
    return rows


def _rank_units(rows: list[UnitProgress]) -> list[UnitProgress]:
    """``rows`` (in units.yml order) in display order, with their ranks."""
    position = {row.unit.id: index for index, row in enumerate(rows)}
    ranked = _ranked(rows, lambda row: row.count, lambda row: (-row.benefit_vnd, position[row.unit.id]))
    return [_with_rank(row, rank) for rank, row in ranked]


def _with_rank(row: UnitProgress, rank: int) -> UnitProgress:
    return UnitProgress(row.unit, row.count, row.quota, row.percent, row.benefit_vnd, rank, row.exceeded_on,
                        row.phases)


@for_last
@_while_inputs_equal(_figures_inputs)
def unit_ranking(site: Site) -> list[UnitProgress]:
    """Every unit in display order, with its rank.

    Rank: competition ranking on the count. Ties are listed by higher benefit first, then in units.yml order.
    Units with no initiative are listed at 0.
    """
    return _rank_units(_unit_rows(site))


def units(site: Site) -> list[UnitProgress]:
    """Every unit, in the order of units.yml, with its count and quota (units with none at 0) and its rank."""
    ranked = {row.unit.id: row for row in unit_ranking(site)}
    return [ranked[unit.id] for unit in site.units]


# ---------------------------------------------------------------------------------------------------- authors


@functools.lru_cache(maxsize=1 << 16)  # an author's name is met once per initiative of theirs
def normalise_name(name: str) -> str:
    """A name as compared: NFC-normalised, whitespace collapsed to single spaces, case-folded."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


@functools.lru_cache(maxsize=1 << 16)
def display_name(name: str) -> str:
    """A name as shown: NFC-normalised, whitespace collapsed (case kept)."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def author_key(name: str, unit: str) -> tuple[str, str]:
    """One person: the normalised name and the author's unit id. The same name in two units is two people."""
    return normalise_name(name), unit


@dataclass(frozen=True)
class AuthorTally:
    """A person (see ``author_key``) and the initiatives they co-authored (keys, oldest first).

    ``name`` is the first spelling met going through the counted initiatives oldest first (same day by code, then
    key) and their authors in the listed order, NFC-normalised with whitespace collapsed.
    """

    name: str
    unit: str  # unit id
    count: int
    rank: int
    initiatives: tuple[str, ...]

    @property
    def key(self) -> tuple[str, str]:
        return author_key(self.name, self.unit)


def _credits(item: Initiative) -> tuple[tuple[tuple[str, str], str], ...]:
    """Each person of ``item``'s authors once (a name listed twice counts once): their key and displayed name; kept
    for the initiative object (generator/identity.py)."""

    def made() -> tuple[tuple[tuple[str, str], str], ...]:
        seen: dict[tuple[str, str], str] = {}
        for author in item.authors:
            seen.setdefault(author_key(author.name, author.unit), display_name(author.name))
        return tuple(seen.items())

    return _CREDITS.value(item, made)


_CREDITS = ByIdentity()


@functools.lru_cache(maxsize=1 << 16)
def _name_order(name: str) -> tuple[str, str, str]:
    """Names in Vietnamese-aware order: folded and case-folded, then case-folded, then as written."""
    return fold(name).casefold(), name.casefold(), name


def _author_inputs(site: Site) -> tuple:
    _CREDITS.keep_only(site.initiatives)  # the rest are initiatives of earlier sites
    return (tuple(unit.id for unit in site.units),
            tuple((item.key, _credits(item)) for item in counted_in_order(site)))


@for_last
@_while_inputs_equal(_author_inputs)
def authors(site: Site) -> list[AuthorTally]:
    """Every author of a counted initiative, in display order, with their rank.

    Each co-author is credited once per initiative (a name listed twice on one initiative counts once). Rank:
    competition ranking on the count. Ties are listed by name in Vietnamese-aware order (``text.fold(name)``
    case-folded, then the name case-folded, then the name), then in units.yml order, then by unit id.
    """
    names: dict[tuple[str, str], str] = {}
    credited: dict[tuple[str, str], list[str]] = defaultdict(list)
    for item in counted_in_order(site):
        item_key = item.key
        for key, name in _credits(item):
            names.setdefault(key, name)
            credited[key].append(item_key)
    unit_order = {unit.id: index for index, unit in enumerate(site.units)}
    # each tally made once, with its rank (_ranked would make them twice: 6,382 each time at 10,000 initiatives)
    ordered = sorted(credited, key=lambda key: (-len(credited[key]), *_name_order(names[key]),
                                                unit_order.get(key[1], len(unit_order)), key[1]))
    ranks = competition_ranks([len(credited[key]) for key in ordered])
    return [AuthorTally(names[key], key[1], len(credited[key]), rank, tuple(credited[key]))
            for rank, key in zip(ranks, ordered)]


# ---------------------------------------------------------------------------------------------------- fields, blocs


@dataclass(frozen=True)
class Share:
    """A field or an emulation bloc: its count, its share of the total (percent rule) and its rank.

    ``item`` is None for the initiatives of units without a bloc. ``units``: for a bloc, its unit ids.
    """

    item: Named | None
    count: int
    percent: float | None
    rank: int
    units: tuple[str, ...] = ()

    @property
    def id(self) -> str | None:
        return self.item.id if self.item else None

    @property
    def name(self) -> str | None:
        return self.item.name if self.item else None


@for_last
@_while_inputs_equal(_figures_inputs)
def by_field(site: Site) -> dict[str, int]:
    """Count per field id, in the order of the campaign's field list."""
    counts = Counter(item.field for item in counted(site))
    return {item.id: counts[item.id] for item in site.campaign.fields}


def _shares(rows: list[tuple[Named | None, int, tuple[str, ...]]], total: int) -> list[Share]:
    """Display order: count descending, then the catalogue's order (the "no bloc" row last among equals)."""
    numbered = list(enumerate(rows))
    ranked = _ranked(numbered, lambda row: row[1][1], lambda row: row[0])
    return [Share(item, count, percent(count, total), rank, unit_ids)
            for rank, (_, (item, count, unit_ids)) in ranked]


def fields(site: Site) -> list[Share]:
    """Every field of the campaign in display order, with its count, share of the total and rank."""
    counts = by_field(site)
    total = len(counted(site))
    return _shares([(item, counts[item.id], ()) for item in site.campaign.fields], total)


@for_last
@_while_inputs_equal(_figures_inputs)
def blocs(site: Site) -> list[Share]:
    """Every emulation bloc in display order, with its count (its units' initiatives), share and rank.

    Without blocs in the campaign: an empty list. Units without a bloc are gathered in one row whose item is None
    (only when such units exist).
    """
    if not site.campaign.blocs:
        return []
    items = counted(site)
    bloc_of = {unit.id: unit.bloc for unit in site.units}
    counts = Counter(bloc_of.get(item.unit) for item in items)
    members: dict[str | None, list[str]] = defaultdict(list)
    for unit in site.units:
        members[unit.bloc].append(unit.id)
    rows: list[tuple[Named | None, int, tuple[str, ...]]] = [
        (bloc, counts[bloc.id], tuple(members[bloc.id])) for bloc in site.campaign.blocs]
    if members[None]:
        rows.append((None, counts[None], tuple(members[None])))
    return _shares(rows, len(items))


# ---------------------------------------------------------------------------------------------------- open data


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _target_json(revision: TargetRevision) -> dict[str, Any]:
    target = revision.target
    return {"count": target.count, "deadline": _iso(target.deadline), "decided_on": _iso(target.decided_on),
            "until": _iso(revision.until), "document": target.document, "note": target.note,
            "current": revision.current, "reached_on": _iso(revision.reached_on), "days_ahead": revision.days_ahead}


def _projection_json(projection: Projection | None) -> dict[str, Any] | None:
    if projection is None:
        return None
    return {"window_start": _iso(projection.window_start), "window_end": _iso(projection.window_end),
            "window_days": projection.window_days, "window_count": projection.window_count,
            "per_day": round(projection.per_day, 3), "per_week": round(projection.per_week, 3),
            "completion": _iso(projection.completion), "on_track": projection.on_track}


def _progress_json(item: Progress) -> dict[str, Any]:
    return {"count": item.count, "target": item.target, "percent": item.percent, "deadline": _iso(item.deadline),
            "days_left": item.days_left, "remaining": item.remaining, "weekly_needed": item.weekly_needed,
            "reached_on": _iso(item.reached_on), "days_ahead": item.days_ahead,
            "projection": _projection_json(item.projection),
            "targets": [_target_json(revision) for revision in item.revisions]}


def _unit_json(row: UnitProgress) -> dict[str, Any]:
    return {"id": row.unit.id, "name": row.unit.name, "short_name": row.unit.short_name, "bloc": row.unit.bloc,
            "count": row.count, "target": row.quota, "percent": row.percent, "benefit_vnd": row.benefit_vnd,
            "rank": row.rank, "exceeded_on": _iso(row.exceeded_on),
            "phases": [{"id": part.phase, "count": part.count, "target": part.quota, "percent": part.percent}
                       for part in row.phases]}


def _share_json(share: Share) -> dict[str, Any]:
    return {"id": share.id, "name": share.name, "count": share.count, "percent": share.percent, "rank": share.rank}


def to_json(site: Site) -> dict[str, Any]:
    """The open data (``stats.json``): plain dicts, lists, strings, numbers, booleans and None.

    Dates are ISO strings (months "YYYY-MM"), percentages numbers (41.3). Units, authors, fields and blocs are in
    display order (rank); phases and target revisions in the campaign's order; months oldest first.
    """
    total = overall(site)
    unit_names = {unit.id: unit.name for unit in site.units}
    return {
        "as_of": _iso(total.as_of),
        "total": _progress_json(total),
        "phases": [{"id": row.phase.id, "name": row.phase.name, "start": _iso(row.phase.start),
                    "end": _iso(row.phase.end), **_progress_json(row.progress)} for row in phases(site)],
        "units": [_unit_json(row) for row in unit_ranking(site)],
        "authors": [{"name": row.name, "unit": row.unit, "unit_name": unit_names.get(row.unit), "count": row.count,
                     "rank": row.rank} for row in authors(site)],
        "fields": [_share_json(share) for share in fields(site)],
        "blocs": [{**_share_json(share), "units": list(share.units)} for share in blocs(site)],
        "monthly": [{"month": month.month, "count": month.count, "cumulative": month.cumulative}
                    for month in monthly(site)],
        "rules": list(RULES),
        "notice": notice_json(site),
    }


def notice_json(site: Site) -> dict[str, str] | None:
    """What the site says on every page (e.g. that its numbers come from sample data), for the files that carry
    its numbers elsewhere: stats.json, ``sangkien stats``."""
    notice = site.campaign.notice
    return {"label": notice.label, "text": notice.text} if notice else None
