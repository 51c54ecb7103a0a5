"""Synthetic content: a complete, valid content tree of any size, for tests, benchmarks and demos.

``write_tree(out, initiatives=N, news=M, seed=S)`` writes campaign.yml, units.yml, N initiative files
(a few of them drafts: drafts count toward N), M news posts and a few small shared photos. The same
arguments always give byte-identical files: every choice comes from one ``random.Random(seed)`` drawn
in a fixed order, and nothing depends on the clock or on set/dict hash order.

Realism matters because search and performance work measure this data: words come from an
electricity-domain vocabulary (``synth_words``) sampled with Zipf-like weights; titles, summaries and
descriptions vary in length; authors are drawn from a staff pool per unit, so some people author many
initiatives; registrations follow the campaign's rhythm (slow start, rushes before the phase deadlines,
Tết lulls, few on weekends); ~70% state a benefit, ~35% are recognised, ~1.5% are featured.

The campaign and units are the shipped ones, with targets and quotas scaled to N (the shipped
campaign aims at 10,000).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import json
import math
import random
import re
import struct
import textwrap
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Sequence

from . import synth_words as words
from .text import slugify

__all__ = ["NotEmptyError", "write_tree"]

CAMPAIGN_START = dt.date(2021, 9, 1)
CAMPAIGN_END = dt.date(2023, 9, 30)
REFERENCE_SIZE = 10_000  # the shipped campaign's target: targets and quotas scale from it
LAST_DECISION_DAY = dt.date(2023, 12, 20)  # recognition decisions trail registrations by a few months

HEADER = "# Dữ liệu giả lập do 'sangkien synth' tạo: không phải hồ sơ thật.\n"

# Shares of the initiatives (the rest of each roll is "no").
DRAFT_SHARE = 0.008
FEATURED_SHARE = 0.015
BENEFIT_SHARE = 0.70
RECOGNITION_SHARE = 0.35
APPLIED_FROM_SHARE = 0.55
TAGS_SHARE = 0.65
PHOTO_SHARES = (0.05, 0.01)  # one photo, two photos
OTHER_UNIT_COAUTHOR_SHARE = 0.08
NEWS_DRAFT_SHARE = 0.04
NEWS_IMAGE_SHARE = 0.10

AUTHOR_COUNTS = {1: 34, 2: 30, 3: 22, 4: 14}
DESCRIPTION_SIZES = {0: 12, 1: 18, 2: 25, 3: 20, 4: 12, 5: 8, 6: 5}  # paragraphs and lists
RECOGNITION_LEVELS = {"don-vi": 55, "tong-cong-ty": 30, "evn": 12, "quoc-gia": 3}

# Registrations per month, relative (Sep 2021 ... Sep 2023): a slow start, the plan of 14/02/2022, the
# rush before phase 1 ends (31/05/2022), a summer lull, the push after the letter of 14/11/2022, and
# the run-up to the 01/09/2023 deadline.
MONTH_WEIGHTS = [1.0, 1.5, 2.0, 2.5, 2.0, 2.5, 4.0, 5.0, 7.0, 3.0, 3.5, 3.5, 4.0,
                 4.5, 6.0, 7.0, 4.0, 5.0, 6.5, 7.0, 7.5, 8.0, 8.5, 9.0, 3.0]
TET_HOLIDAYS = ((dt.date(2022, 1, 29), dt.date(2022, 2, 6)), (dt.date(2023, 1, 20), dt.date(2023, 1, 26)))
DEADLINE_RUSHES = ((dt.date(2022, 5, 20), dt.date(2022, 5, 31)), (dt.date(2023, 8, 20), dt.date(2023, 8, 31)))
WEEKDAY_WEIGHTS = (1.0, 1.0, 1.0, 1.0, 1.0, 0.25, 0.1)

PHOTO_DESIGNS = ("duong-day", "tram-bien-ap", "nha-may", "to-cong-tac")


class NotEmptyError(FileExistsError):
    """The output folder already holds something: synth never mixes its files with others."""


def write_tree(out: Path, *, initiatives: int, news: int, seed: int) -> None:
    """Write a complete content tree at ``out``, which must not exist or be empty."""
    if initiatives < 1 or news < 0:
        raise ValueError("Cần ít nhất 1 sáng kiến và số tin không âm")
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise NotEmptyError(f"Thư mục '{out}' không trống: sangkien synth chỉ ghi vào thư mục mới hoặc thư mục "
                            "trống, để không trộn lẫn với nội dung có sẵn")
    made: set[Path] = set()
    for rel, data in _files(initiatives, news, seed):
        path = out / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(data)


def _files(initiatives: int, news: int, seed: int) -> Iterator[tuple[str, bytes]]:
    """Every file of the tree as (relative path, bytes), in a fixed order."""
    rng = random.Random(seed)
    units = _units(rng, initiatives)
    yield "campaign.yml", _text(_campaign_yaml(initiatives, news, seed))
    yield "units.yml", _text(_units_yaml(initiatives))
    skeletons = _skeletons(rng, initiatives, units)
    photos: set[tuple[str, str]] = set()  # (folder, design) of every photo referenced
    slugs = _Slugs()
    for skeleton in skeletons:
        record = _initiative(rng, skeleton, units, slugs)
        photos.update((f"initiatives/{skeleton.unit.id}/anh", photo.design) for photo in record.photos)
        yield f"initiatives/{skeleton.unit.id}/{record.slug}.yml", _text(_initiative_yaml(record))
    news_slugs = _Slugs()
    for _ in range(news):
        post = _news_post(rng, units, initiatives, news_slugs)
        if post.image is not None:
            photos.add((f"news/{post.day.year}/anh", post.image.design))
        yield f"news/{post.day.year}/{post.day.isoformat()}-{post.slug}.md", _text(_news_markdown(post))
    for folder, design in sorted(photos):
        yield f"{folder}/{design}.png", _photo_png(design)


def _text(text: str) -> bytes:
    # The vocabulary is typed precomposed; normalising guards against a decomposed word slipping in.
    return unicodedata.normalize("NFC", text).encode("utf-8")


# ---------------------------------------------------------------------------------------------------
# Sampling


class Sampler:
    """Weighted choice by bisecting cumulative weights: one ``rng.random()`` per draw."""

    def __init__(self, items: Sequence, weights: Sequence[float]):
        pairs = [(item, weight) for item, weight in zip(items, weights) if weight > 0]
        self.items = [item for item, _ in pairs]
        self.cumulative = list(itertools.accumulate(weight for _, weight in pairs))

    def pick(self, rng: random.Random):
        return self.items[bisect.bisect_right(self.cumulative, rng.random() * self.cumulative[-1])]

    def pick_other(self, rng: random.Random, avoid):
        """A draw different from ``avoid`` when the list allows it (a few tries, then give up)."""
        for _ in range(6):
            item = self.pick(rng)
            if item != avoid:
                return item
        return item


def zipf(items: Sequence, exponent: float = 1.0) -> Sampler:
    """Items listed most common first; the k-th is drawn with weight 1 / k**exponent."""
    return Sampler(items, [1 / rank ** exponent for rank in range(1, len(items) + 1)])


def _distinct(rng: random.Random, sampler: Sampler, count: int) -> list:
    """Up to ``count`` different draws, in draw order."""
    chosen: list = []
    for _ in range(count * 4):
        item = sampler.pick(rng)
        if item not in chosen:
            chosen.append(item)
            if len(chosen) == count:
                break
    return chosen


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _round_significant(value: float, digits: int = 2) -> int:
    """Amounts people write: 120000000, 35000, not 123456789."""
    scale = 10 ** max(0, int(math.floor(math.log10(value))) - digits + 1)
    return int(round(value / scale) * scale)


# ---------------------------------------------------------------------------------------------------
# Calendar


@functools.lru_cache(maxsize=1)
def _registration_days() -> Sampler:
    """Each day of the campaign weighted by its month, weekday, Tết and the deadline rushes."""
    days, weights = [], []
    day = CAMPAIGN_START
    while day <= CAMPAIGN_END:
        month_index = (day.year - CAMPAIGN_START.year) * 12 + day.month - CAMPAIGN_START.month
        weight = MONTH_WEIGHTS[month_index] * WEEKDAY_WEIGHTS[day.weekday()]
        if any(first <= day <= last for first, last in TET_HOLIDAYS):
            weight *= 0.05
        if any(first <= day <= last for first, last in DEADLINE_RUSHES):
            weight *= 2.5
        days.append(day)
        weights.append(weight)
        day += dt.timedelta(days=1)
    return Sampler(days, weights)


def _share_registered_by(day: dt.date) -> float:
    """The expected share of all registrations made on or before ``day`` (for numbers in news)."""
    days = _registration_days()
    index = bisect.bisect_right(days.items, day)
    return days.cumulative[index - 1] / days.cumulative[-1] if index else 0.0


def _vi_number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


# ---------------------------------------------------------------------------------------------------
# Units and their staff


@dataclass(frozen=True)
class Person:
    name: str
    job_title: str
    unit: str


@dataclass
class _Unit:
    id: str
    name: str
    short_name: str
    code: str
    bloc: str
    profile: str
    weight: float  # relative share of the initiatives: its quota with some noise
    places: Sampler
    fields: Sampler
    staff: Sampler | None = None  # built once the unit's expected size is known


def _units(rng: random.Random, initiatives: int) -> list[_Unit]:
    """The shipped units, each with a staff pool sized to its expected number of initiatives.

    A unit's share follows its quota with some noise, so some units beat their quota and some lag.
    """
    field_ids = [field_id for field_id, _, _ in words.FIELDS]
    units = []
    for data in words.UNITS:
        weight = sum(data["quota"]) * math.exp(rng.gauss(0, 0.25))
        units.append(_Unit(
            id=data["id"], name=data["name"], short_name=data["short_name"], code=data["code"],
            bloc=data["bloc"], profile=data["profile"], weight=weight,
            places=zipf(data["places"], 0.8), fields=Sampler(field_ids, words.FIELD_WEIGHTS[data["profile"]]),
        ))
    total = sum(unit.weight for unit in units)
    for unit in units:
        # About 0.8 people per initiative: with ~2.2 authors each, a typical author has 2-3 initiatives
        # and a few prolific ones (team leaders) a few dozen: the pool is drawn from with gentle Zipf weights.
        size = max(10, round(initiatives * unit.weight / total * 0.8))
        unit.staff = zipf([_person(rng, unit) for _ in range(size)], 0.4)
    return units


_FAMILY = Sampler([name for name, _ in words.FAMILY_NAMES], [share for _, share in words.FAMILY_NAMES])
_MIDDLE = {gender: zipf(names, 1.1) for gender, names in words.MIDDLE_NAMES.items()}
_GIVEN = {gender: zipf(names, 0.8) for gender, names in words.GIVEN_NAMES.items()}
_ROLES = {profile: zipf(roles, 0.9) for profile, roles in words.ROLES.items()}


def _person(rng: random.Random, unit: _Unit) -> Person:
    gender = "nam" if rng.random() < words.MEN_SHARE[unit.profile] else "nữ"
    middles = _distinct(rng, _MIDDLE[gender], 2 if rng.random() < 0.2 else 1)
    given = _GIVEN[gender].pick_other(rng, middles[-1])  # no "Phạm Đức Đức"
    name = " ".join([_FAMILY.pick(rng), *middles, given])
    role = _ROLES[unit.profile].pick(rng)
    job_title = f"{role}, {unit.places.pick(rng)}" if rng.random() < 0.7 else role
    return Person(name, job_title, unit.id)


# ---------------------------------------------------------------------------------------------------
# Initiatives, step 1: who, when and in which field, so codes can be numbered in registration order


@dataclass(frozen=True)
class _Skeleton:
    unit: _Unit
    field: str
    registered_on: dt.date
    draft: bool
    featured: bool
    code: str


def _skeletons(rng: random.Random, count: int, units: list[_Unit]) -> list[_Skeleton]:
    by_weight = Sampler(units, [unit.weight for unit in units])
    days = _registration_days()
    drawn = []
    for _ in range(count):
        unit = by_weight.pick(rng)
        draft = rng.random() < DRAFT_SHARE
        featured = not draft and rng.random() < FEATURED_SHARE
        drawn.append((unit, unit.fields.pick(rng), days.pick(rng), draft, featured))
    if not any(item[4] for item in drawn):  # the home page shows featured ones: always have one
        first = next((i for i, item in enumerate(drawn) if not item[3]), None)
        if first is not None:
            drawn[first] = (*drawn[first][:4], True)
    codes = _codes(drawn)
    return [_Skeleton(unit, field, day, draft, featured, codes[index])
            for index, (unit, field, day, draft, featured) in enumerate(drawn)]


def _codes(drawn: list[tuple]) -> list[str]:
    """Registration codes numbered per unit and year in registration order: EVNHANOI-2022-0153."""
    codes = [""] * len(drawn)
    counters: dict[tuple[str, int], int] = {}
    for index in sorted(range(len(drawn)), key=lambda i: (drawn[i][0].id, drawn[i][2], i)):
        unit, day = drawn[index][0], drawn[index][2]
        number = counters[unit.id, day.year] = counters.get((unit.id, day.year), 0) + 1
        codes[index] = f"{unit.code}-{day.year}-{number:04d}"
    return codes


# ---------------------------------------------------------------------------------------------------
# Initiatives, step 2: the words


@dataclass(frozen=True)
class _Topic:
    objects: Sampler
    actions: Sampler
    problems: Sampler
    techs: Sampler
    goals: Sampler


def _variant(mapping_or_list, profile: str):
    """The technical field lists grid and power-plant words separately; plants use the latter."""
    if isinstance(mapping_or_list, dict):
        return mapping_or_list["nha-may" if profile == "phat-dien" else "luoi"]
    return mapping_or_list


@functools.lru_cache(maxsize=None)
def _topic(field: str, profile: str) -> _Topic:
    data = words.TOPICS[field]
    return _Topic(objects=zipf(_variant(data["objects"], profile), 0.8), actions=zipf(data["actions"], 0.9),
                  problems=zipf(_variant(data["problems"], profile)), techs=zipf(data["techs"]),
                  goals=zipf(data["goals"]))


class _Slots(dict):
    """The words and figures of one text, drawn on first use and then fixed: every sentence about an
    initiative names the same equipment, place, technique and numbers."""

    def __init__(self, rng: random.Random, unit: _Unit, topic: _Topic):
        super().__init__()
        self.rng, self.unit, self.topic = rng, unit, topic
        self.used: set[str] = set()  # sentence templates already in this text: never say the same twice

    def __missing__(self, key: str) -> str:
        value = self[key] = str(_DRAW[key](self))
        return value

    def fill(self, template: str) -> str:
        return template.format_map(self)


_GENERIC = {name: zipf(getattr(words, name.upper())) for name in ("voltages", "areas", "role_plurals", "goal_verbs")}

# How each slot is drawn. Numbers have plausible ranges for the sentence they appear in.
_DRAW: dict[str, Callable[[_Slots], object]] = {
    "o": lambda s: s.topic.objects.pick(s.rng),
    "o2": lambda s: s.topic.objects.pick_other(s.rng, s["o"]),
    "O": lambda s: _capitalise(s["o"]),
    "action": lambda s: s.topic.actions.pick(s.rng).format(o=s["o"]),
    "Action": lambda s: _capitalise(s["action"]),
    "problem": lambda s: s.topic.problems.pick(s.rng),
    "tech": lambda s: s.topic.techs.pick(s.rng),
    "tech2": lambda s: s.topic.techs.pick_other(s.rng, s["tech"]),
    "goal": lambda s: s.topic.goals.pick(s.rng),
    "goal2": lambda s: s.topic.goals.pick_other(s.rng, s["goal"]),
    "Goal": lambda s: _capitalise(s["goal"]),
    "goal_verb": lambda s: _GENERIC["goal_verbs"].pick(s.rng),
    "place": lambda s: s.unit.places.pick(s.rng),
    "unit": lambda s: s.unit.short_name,
    "unit_name": lambda s: s.unit.name,
    "sites": lambda s: words.SITE_NOUNS[s.unit.profile],
    "voltage": lambda s: _GENERIC["voltages"].pick(s.rng),
    "area": lambda s: _GENERIC["areas"].pick(s.rng),
    "year_range": lambda s: s.rng.choice(("2021–2025", "2022–2025", "2023–2025", "2021–2030")),
    "role_plural": lambda s: _GENERIC["role_plurals"].pick(s.rng),
    "hours": lambda s: s.rng.randint(1, 8),
    "workers": lambda s: s.rng.randint(2, 6),
    "year": lambda s: s.rng.randint(2019, 2022),
    "count": lambda s: s.rng.randint(3, 40),
    "steps": lambda s: s.rng.randint(4, 9),
    "minutes": lambda s: s.rng.choice((5, 10, 15, 20, 30)),
    "cost": lambda s: s.rng.randint(2, 60),
    "months": lambda s: s.rng.randint(3, 18),
    "hours_before": lambda s: s.rng.randint(3, 12),
    "hours_after": lambda s: max(1, int(s["hours_before"]) * s.rng.randint(15, 60) // 100),
    "pct": lambda s: s.rng.randint(15, 80),
    "n_sites": lambda s: s.rng.randint(2, 25),
    "saving": lambda s: s.rng.randint(20, 900),
    "n": lambda s: s.rng.randint(2, 200),
    "days": lambda s: s.rng.randint(2, 5),
}

_SUMMARY_OPENINGS = zipf(words.SUMMARY_OPENINGS, 0.6)
_SUMMARY_SECOND = zipf(words.SUMMARY_SECOND, 0.6)
_TITLE_ENDINGS = Sampler(words.TITLE_ENDINGS, [1] * len(words.TITLE_ENDINGS))
_SENTENCES = {kind: zipf(getattr(words, f"{kind.upper()}_SENTENCES"), 0.7)
              for kind in ("context", "solution", "result")}
_LIST_ITEMS = {"result": zipf(words.LIST_RESULT_ITEMS, 0.6), "steps": zipf(words.LIST_STEP_ITEMS, 0.3)}
_DESCRIPTION_SIZES = Sampler(list(DESCRIPTION_SIZES), list(DESCRIPTION_SIZES.values()))
_AUTHOR_COUNTS = Sampler(list(AUTHOR_COUNTS), list(AUTHOR_COUNTS.values()))
_LEVELS = Sampler(list(RECOGNITION_LEVELS), list(RECOGNITION_LEVELS.values()))
_BENEFIT_OTHER = zipf(words.BENEFIT_OTHER)
_PHOTO_DESIGNS = zipf(PHOTO_DESIGNS)
_PHOTO_ALTS = zipf(words.PHOTO_ALTS)


@dataclass(frozen=True)
class _Photo:
    design: str
    alt: str


@dataclass(frozen=True)
class _Record:
    skeleton: _Skeleton
    slug: str
    title: str
    summary: str
    authors: list[Person]
    applied_from: dt.date | None
    recognition: tuple[str, str, dt.date] | None  # level, decision, date
    benefit: dict[str, object] | None
    photos: list[_Photo]
    tags: list[str]
    description: str


class _Slugs:
    """File names unique across the tree: a repeated title gets -2, -3, ... (skipping any name a
    different title already produced, since a cut-off title can end in a number too)."""

    def __init__(self):
        self.taken: set[str] = set()
        self.next_number: dict[str, int] = {}

    def take(self, title: str) -> str:
        base = slugify(title) or "sang-kien"
        slug, number = base, self.next_number.get(base, 1)
        while slug in self.taken:
            number += 1
            slug = f"{base}-{number}"
        self.next_number[base] = number
        self.taken.add(slug)
        return slug


def _initiative(rng: random.Random, skeleton: _Skeleton, units: list[_Unit], slugs: _Slugs) -> _Record:
    slots = _Slots(rng, skeleton.unit, _topic(skeleton.field, skeleton.unit.profile))
    title = _title(slots)
    return _Record(
        skeleton=skeleton, slug=slugs.take(title), title=title, summary=_summary(slots),
        authors=_authors(rng, skeleton.unit, units), applied_from=_applied_from(rng, skeleton.registered_on),
        recognition=_recognition(rng, skeleton), benefit=_benefit(slots, skeleton.field),
        photos=_photos(slots), tags=_tags(slots, skeleton.field), description=_description(slots),
    )


def _title(slots: _Slots) -> str:
    return slots["Action"] + slots.fill(_TITLE_ENDINGS.pick(slots.rng))


def _summary(slots: _Slots) -> str:
    first = slots.fill(_SUMMARY_OPENINGS.pick(slots.rng))
    if slots.rng.random() < 0.5:
        return first
    return f"{first} {slots.fill(_SUMMARY_SECOND.pick(slots.rng))}"


def _authors(rng: random.Random, unit: _Unit, units: list[_Unit]) -> list[Person]:
    """1-4 people of the unit's staff; now and then a co-author from another unit, most often of the same bloc."""
    count = _AUTHOR_COUNTS.pick(rng)
    people: list[Person] = []
    for position in range(count * 3):
        home = unit
        if position > 0 and rng.random() < OTHER_UNIT_COAUTHOR_SHARE:
            same_bloc = [other for other in units if other.bloc == unit.bloc and other is not unit]
            pool = same_bloc if same_bloc and rng.random() < 0.7 else [other for other in units if other is not unit]
            home = rng.choice(pool)
        person = home.staff.pick(rng)
        if person not in people:
            people.append(person)
            if len(people) == count:
                break
    return people


def _applied_from(rng: random.Random, registered_on: dt.date) -> dt.date | None:
    if rng.random() >= APPLIED_FROM_SHARE:
        return None
    return registered_on - dt.timedelta(days=int(rng.expovariate(1 / 90)))


def _recognition(rng: random.Random, skeleton: _Skeleton) -> tuple[str, str, dt.date] | None:
    # Featured initiatives are the best of the campaign: always recognised.
    if not skeleton.featured and rng.random() >= RECOGNITION_SHARE:
        return None
    level = _LEVELS.pick(rng)
    issuer = {"evn": "EVN", "quoc-gia": "TLĐ"}.get(level, skeleton.unit.code)
    decision = f"Quyết định số {rng.randint(12, 2400)}/QĐ-{issuer}"
    day = skeleton.registered_on + dt.timedelta(days=rng.randint(20, 300))
    if day > LAST_DECISION_DAY:  # spread the late ones over the last month rather than pile them on one day
        day = LAST_DECISION_DAY - dt.timedelta(days=rng.randint(0, 30))
    return level, decision, day


def _benefit(slots: _Slots, field: str) -> dict[str, object] | None:
    rng = slots.rng
    if rng.random() >= BENEFIT_SHARE:
        return None
    benefit: dict[str, object] = {}
    if rng.random() < 0.75:
        vnd = math.exp(rng.gauss(math.log(120e6), 1.1))
        benefit["vnd_per_year"] = _round_significant(min(max(vnd, 3e6), 2e10))
    if rng.random() < (0.45 if field in ("ky-thuat", "kinh-doanh") else 0.05):
        kwh = math.exp(rng.gauss(math.log(25_000), 1.2))
        benefit["kwh_per_year"] = _round_significant(min(max(kwh, 500), 5e7))
    if not benefit or rng.random() < 0.35:
        benefit["other"] = slots.fill(_BENEFIT_OTHER.pick(rng))
    return benefit


def _photos(slots: _Slots) -> list[_Photo]:
    roll = slots.rng.random()
    count = 2 if roll < PHOTO_SHARES[1] else 1 if roll < sum(PHOTO_SHARES) else 0
    designs = _distinct(slots.rng, _PHOTO_DESIGNS, count)
    return [_Photo(design, slots.fill(_PHOTO_ALTS.pick(slots.rng))) for design in designs]


def _tags(slots: _Slots, field: str) -> list[str]:
    rng = slots.rng
    if rng.random() >= TAGS_SHARE:
        return []
    tags = [slugify(slots["o"], 40)]
    if rng.random() < 0.5:
        tags.append(slugify(slots["tech"], 40))
    if rng.random() < 0.3:
        tags.append(field)
    return list(dict.fromkeys(tag for tag in tags if tag))


def _description(slots: _Slots) -> str:
    """Markdown: 0-6 blocks (paragraphs and lists) telling the situation, the solution and its effect;
    the longer ones under headings, as staff write them."""
    size = _DESCRIPTION_SIZES.pick(slots.rng)
    if size == 0:
        return ""
    sections = _section_sizes(slots.rng, size)
    blocks: list[str] = []
    for kind, count in sections:
        if size >= 4 and count:
            blocks.append(f"## {words.HEADINGS[kind]}")
        for position in range(count):
            last = position == count - 1
            # The effect is often a bullet list; the steps of a solution, after a paragraph introducing it.
            if kind == "result" and last and size >= 3 and slots.rng.random() < 0.4:
                blocks.append(_markdown_list(slots, "result"))
            elif kind == "solution" and last and count > 1 and slots.rng.random() < 0.6:
                blocks.append(_markdown_list(slots, "steps"))
            else:
                blocks.append(_paragraph(slots, kind))
    if slots.rng.random() < 0.2:  # some authors bold the key technique
        text = "\n\n".join(blocks)
        return text.replace(slots["tech"], f"**{slots['tech']}**", 1) + "\n"
    return "\n\n".join(blocks) + "\n"


def _section_sizes(rng: random.Random, size: int) -> list[tuple[str, int]]:
    """Split ``size`` blocks over context, solution and result; the solution gets the most."""
    if size == 1:
        return [("solution", 1)]
    context = 1 if size < 5 else rng.randint(1, 2)
    result = 1 if size >= 3 else 0
    return [("context", context), ("solution", size - context - result), ("result", result)]


def _paragraph(slots: _Slots, kind: str) -> str:
    wanted = slots.rng.randint(1, 3)
    sentences = [item for item in _distinct(slots.rng, _SENTENCES[kind], wanted + 2) if item not in slots.used]
    if not sentences:  # every likely one is used: take the first unused, in frequency order
        everything = _SENTENCES[kind].items
        sentences = [next((item for item in everything if item not in slots.used), everything[0])]
    sentences = sentences[:wanted]
    slots.used.update(sentences)
    return " ".join(slots.fill(sentence) for sentence in sentences)


def _markdown_list(slots: _Slots, kind: str) -> str:
    intro = slots.rng.choice(words.LIST_INTROS[kind])
    items = _distinct(slots.rng, _LIST_ITEMS[kind], slots.rng.randint(2, 5))
    return intro + "\n\n" + "\n".join(f"- {slots.fill(item)}" for item in items)


# ---------------------------------------------------------------------------------------------------
# News


@dataclass(frozen=True)
class _NewsPost:
    day: dt.date
    slug: str
    title: str
    summary: str
    category: str
    author: str
    draft: bool
    image: _Photo | None
    body: str


_NEWS_KINDS = zipf(words.NEWS_KINDS, 0.8)
_NEWS_PARAGRAPHS = zipf(words.NEWS_PARAGRAPHS, 0.5)
_NEWS_AUTHORS = zipf(words.NEWS_AUTHORS)
_FIELD_NAMES = [name for _, name, _ in words.FIELDS]


def _news_post(rng: random.Random, units: list[_Unit], initiatives: int, slugs: _Slugs) -> _NewsPost:
    unit = Sampler(units, [unit.weight for unit in units]).pick(rng)
    field = unit.fields.pick(rng)
    slots = _Slots(rng, unit, _topic(field, unit.profile))
    day = _registration_days().pick(rng)
    person = unit.staff.pick(rng)
    slots.update({
        "date": f"{day:%d/%m/%Y}", "month": f"{day.month}/{day.year}",
        "total": _vi_number(max(1, round(initiatives * _share_registered_by(day)))),
        "phase": "1" if day <= dt.date(2022, 5, 31) else "2", "field": rng.choice(_FIELD_NAMES),
        "person": person.name, "role": person.job_title.split(",")[0].lower(), "year": str(day.year - 1),
        "pct": str(rng.randint(45, 130)), "n": str(rng.randint(3, 30)),
    })
    kind = _NEWS_KINDS.pick(rng)
    title = slots.fill(rng.choice(kind["titles"]))
    paragraphs = [slots.fill(text) for text in _distinct(rng, _NEWS_PARAGRAPHS, rng.randint(2, 5))]
    image = None
    if rng.random() < NEWS_IMAGE_SHARE:
        image = _Photo(_PHOTO_DESIGNS.pick(rng), slots.fill(_PHOTO_ALTS.pick(rng)))
    return _NewsPost(
        day=day, slug=slugs.take(title), title=title, summary=paragraphs[0], category=kind["category"],
        author=_NEWS_AUTHORS.pick(rng), draft=rng.random() < NEWS_DRAFT_SHARE, image=image,
        body=_news_body(rng, paragraphs, units),
    )


def _news_body(rng: random.Random, paragraphs: list[str], units: list[_Unit]) -> str:
    """The paragraphs after the lead, sometimes under a heading, sometimes with a list of initiative titles."""
    blocks = list(paragraphs[1:]) or [paragraphs[0]]
    if len(blocks) > 1 and rng.random() < 0.4:
        blocks.insert(1, f"## {rng.choice(words.NEWS_HEADINGS)}")
    if rng.random() < 0.35:
        titles = []
        for _ in range(rng.randint(3, 5)):
            unit = rng.choice(units)
            titles.append(_title(_Slots(rng, unit, _topic(unit.fields.pick(rng), unit.profile))))
        blocks.append(rng.choice(words.NEWS_LIST_INTRO) + "\n\n" + "\n".join(f"- {title}" for title in titles))
    return "\n\n".join(blocks) + "\n"


# ---------------------------------------------------------------------------------------------------
# Writing YAML and Markdown. Hand-written, not yaml.dump: it is several times faster at 100,000 files
# and the files look like the shipped ones (block scalars for long text).

# Plain only when YAML cannot read the text as anything but this string: a letter first, no quote or
# bracket, no ": " or " #", no trailing space or colon, not a word YAML 1.1 reads as a boolean or null.
_PLAIN = re.compile(r"[^\W\d_][^\"'\[\]{}]*(?<![ :])")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "y", "n", "null"}


def _scalar(text: str) -> str:
    if _PLAIN.fullmatch(text) and ": " not in text and " #" not in text and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def _long_text(key: str, text: str, indent: str = "") -> list[str]:
    """Text over one line's worth as a folded block (``>-``), wrapped at about 100 characters."""
    if len(text) <= 90 or "  " in text:
        return [f"{indent}{key}: {_scalar(text)}"]
    lines = textwrap.wrap(text, 100, break_long_words=False, break_on_hyphens=False)
    return [f"{indent}{key}: >-", *(f"{indent}  {line}" for line in lines)]


def _initiative_yaml(record: _Record) -> str:
    skeleton = record.skeleton
    lines = [f"code: {skeleton.code}", f"title: {_scalar(record.title)}", *_long_text("summary", record.summary),
             f"unit: {skeleton.unit.id}", f"field: {skeleton.field}", "authors:"]
    for person in record.authors:
        lines += [f"  - name: {_scalar(person.name)}", f"    job_title: {_scalar(person.job_title)}"]
        if person.unit != skeleton.unit.id:
            lines.append(f"    unit: {person.unit}")
    if record.applied_from:
        lines.append(f"applied_from: {record.applied_from.isoformat()}")
    lines.append(f"registered_on: {skeleton.registered_on.isoformat()}")
    if record.recognition:
        level, decision, day = record.recognition
        lines += ["recognition:", f"  level: {level}", f"  decision: {_scalar(decision)}", f"  date: {day.isoformat()}"]
    if record.benefit:
        lines.append("benefit:")
        lines += [f"  {key}: {value if isinstance(value, int) else _scalar(value)}"
                  for key, value in record.benefit.items()]
    if skeleton.featured:
        lines.append("featured: true")
    if skeleton.draft:
        lines.append("draft: true")
    if record.photos:
        lines.append("photos:")
        for photo in record.photos:
            lines += [f"  - path: anh/{photo.design}.png", f"    alt: {_scalar(photo.alt)}"]
    if record.tags:
        lines.append(f"tags: [{', '.join(record.tags)}]")
    if record.description:
        lines.append("description: |")
        lines += [f"  {line}" if line else "" for line in record.description.rstrip("\n").split("\n")]
    return HEADER + "\n".join(lines) + "\n"


def _news_markdown(post: _NewsPost) -> str:
    lines = ["---", f"title: {_scalar(post.title)}", f"date: {post.day.isoformat()}",
             *_long_text("summary", post.summary)]
    if post.image:
        lines += ["image:", f"  path: anh/{post.image.design}.png", f"  alt: {_scalar(post.image.alt)}"]
    lines += ["categories:", f"  - {_scalar(post.category)}", "authors:", f"  - {_scalar(post.author)}"]
    if post.draft:
        lines.append("draft: true")
    lines += ["---", ""]
    return "\n".join(lines) + "\n" + post.body


def _scaled(count: int, size: int) -> int:
    return round(count * size / REFERENCE_SIZE)


def _campaign_yaml(size: int, news: int, seed: int) -> str:
    """The shipped campaign with its targets scaled to ``size``; as_of is left out (the latest registration)."""
    phase_1 = max(1, _scaled(3000, size))
    phase_2 = max(1, size - phase_1)
    fields = "".join(f"  - id: {field_id}\n    name: {name}\n    description: {description}\n"
                     for field_id, name, description in words.FIELDS)
    return f"""{HEADER}# Tạo bằng: sangkien synth --initiatives {size} --news {news} --seed {seed}
name: 'Phong trào thi đua "{_vi_number(size)} sáng kiến" (dữ liệu giả lập)'
short_name: {_vi_number(size)} sáng kiến
organisation: Công đoàn Điện lực Việt Nam
description: >-
  Bộ dữ liệu giả lập theo mẫu phong trào "10.000 sáng kiến" của Công đoàn Điện lực Việt Nam, dùng để kiểm thử
  và đo hiệu năng trang web. Tên sáng kiến, tác giả, số quyết định và giá trị làm lợi đều do máy tạo ngẫu nhiên.
programme:
  name: "1 triệu sáng kiến – nỗ lực vượt khó, sáng tạo, quyết tâm chiến thắng đại dịch COVID-19"
  organiser: Tổng Liên đoàn Lao động Việt Nam
  url: https://sangkien.congdoanvietnam.org
  counted_from: {CAMPAIGN_START.isoformat()}
targets:
  - count: {size}
    deadline: 2023-09-30
    decided_on: 2022-02-14
    document: Kế hoạch số 97/KH-CĐĐVN
  - count: {size}
    deadline: 2023-09-01
    decided_on: 2022-11-14
    document: Công văn số 663/CĐĐVN-CSPL
    note: Đẩy nhanh tiến độ để về đích trước ngày 01/9/2023.
phases:
  - id: giai-doan-1
    name: Giai đoạn 1
    start: 2021-09-01
    end: 2022-05-31
    targets:
      - count: {phase_1}
        deadline: 2022-05-31
        decided_on: 2022-02-14
        document: Kế hoạch số 97/KH-CĐĐVN
  - id: giai-doan-2
    name: Giai đoạn 2
    start: 2022-06-01
    end: 2023-09-30
    targets:
      - count: {phase_2}
        deadline: 2023-09-30
        decided_on: 2022-02-14
        document: Kế hoạch số 97/KH-CĐĐVN
blocs:
  - id: phan-phoi
    name: Khối Phân phối điện
  - id: phat-dien
    name: Khối Phát điện
  - id: truyen-tai
    name: Khối Truyền tải và Mua bán điện
  - id: du-an
    name: Khối Quản lý dự án và Dịch vụ
notice:
  label: Dữ liệu giả lập
  text: Sáng kiến, tác giả và mọi số liệu trên trang do máy tạo ngẫu nhiên để kiểm thử, không phải kết quả thật.
fields:
{fields}"""


def _units_yaml(size: int) -> str:
    lines = ["units:"]
    for data in words.UNITS:
        phase_1, phase_2 = (_scaled(count, size) for count in data["quota"])
        team = data.get("support_team", "Tổ hỗ trợ viết sáng kiến")
        lines += [
            f"  - id: {data['id']}", f"    name: {data['name']}", f"    short_name: {data['short_name']}",
            f"    bloc: {data['bloc']}", "    quota:", f"      giai-doan-1: {phase_1}", f"      giai-doan-2: {phase_2}",
            "    support_team:", f"      name: {team}", f"      channel: Văn phòng Công đoàn {data['name']}",
        ]
        if "website" in data:
            lines.append(f"    website: {data['website']}")
    return HEADER + "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------------
# Photos: small PNG drawings made with zlib alone (no imaging library), so they are identical on
# every run. Each is a simple scene: sky, ground and a few shapes in the design's colours.

_SCENES = {
    # sky top, sky bottom, ground, shapes: ("rect", x0, y0, x1, y1, colour) or ("wire", x0, x1, y, sag)
    "duong-day": ((70, 130, 200), (190, 220, 245), (90, 140, 70), [
        ("rect", 40, 40, 46, 140, (60, 60, 60)), ("rect", 160, 30, 166, 140, (60, 60, 60)),
        ("rect", 280, 40, 286, 140, (60, 60, 60)), ("wire", 43, 163, 44, 14), ("wire", 163, 283, 34, 12)]),
    "tram-bien-ap": ((120, 150, 190), (220, 230, 240), (150, 150, 140), [
        ("rect", 30, 90, 110, 150, (110, 120, 110)), ("rect", 130, 70, 210, 150, (100, 110, 100)),
        ("rect", 230, 95, 290, 150, (120, 130, 120)), ("wire", 20, 300, 60, 6)]),
    "nha-may": ((160, 170, 180), (230, 225, 215), (120, 110, 100), [
        ("rect", 60, 30, 80, 130, (170, 60, 50)), ("rect", 100, 80, 240, 140, (200, 200, 195)),
        ("rect", 250, 50, 268, 130, (170, 60, 50))]),
    "to-cong-tac": ((90, 160, 220), (200, 230, 250), (100, 150, 80), [
        ("rect", 150, 20, 158, 140, (70, 70, 70)), ("rect", 120, 30, 190, 36, (70, 70, 70)),
        ("rect", 100, 110, 112, 140, (240, 140, 30)), ("rect", 200, 105, 212, 140, (240, 140, 30))]),
}
_WIDTH, _HEIGHT, _HORIZON = 320, 180, 140


@functools.lru_cache(maxsize=None)
def _photo_png(design: str) -> bytes:
    sky_top, sky_bottom, ground, shapes = _SCENES[design]
    rows = []
    for y in range(_HEIGHT):
        if y < _HORIZON:
            mix = y / _HORIZON
            row = bytearray(bytes(round(a + (b - a) * mix) for a, b in zip(sky_top, sky_bottom)) * _WIDTH)
        else:
            row = bytearray(bytes(ground) * _WIDTH)
        for shape in shapes:
            _draw(row, y, shape)
        rows.append(b"\x00" + bytes(row))  # filter type 0 for every scanline
    return _png(_WIDTH, _HEIGHT, b"".join(rows))


def _draw(row: bytearray, y: int, shape: tuple) -> None:
    if shape[0] == "rect":
        _, x0, y0, x1, y1, colour = shape
        if y0 <= y < y1:
            row[x0 * 3:x1 * 3] = bytes(colour) * (x1 - x0)
    else:  # a power line sagging between two poles: a parabola, two pixels thick
        _, x0, x1, top, sag = shape
        for x in range(x0, x1):
            t = (x - x0) / (x1 - x0)
            if abs(y - (top + 4 * sag * t * (1 - t))) < 1:
                row[x * 3:x * 3 + 3] = b"\x28\x28\x28"


def _png(width: int, height: int, scanlines: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(scanlines, 9))
            + chunk(b"IEND", b""))
