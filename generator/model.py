"""The validated campaign: immutable values built by ``generator.content`` once every check passed.

Nothing here reads files or formats text; statistics and pages take these values as they are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field as dataclass_field
from pathlib import Path


@dataclass(frozen=True)
class Target:
    """A target (chỉ tiêu) as one document set it; later documents revise earlier ones."""

    count: int
    deadline: dt.date
    decided_on: dt.date
    document: str
    note: str | None = None


def target_in_force(targets: tuple[Target, ...], day: dt.date) -> Target:
    """The latest revision decided on or before ``day`` (the first one before any was decided)."""
    in_force = [target for target in targets if target.decided_on <= day]
    return in_force[-1] if in_force else targets[0]


@dataclass(frozen=True)
class Phase:
    id: str
    name: str
    start: dt.date
    end: dt.date
    targets: tuple[Target, ...]

    def target_on(self, day: dt.date) -> Target:
        return target_in_force(self.targets, day)


@dataclass(frozen=True)
class Named:
    """A field (lĩnh vực) or an emulation bloc (khối thi đua)."""

    id: str
    name: str
    description: str | None = None


@dataclass(frozen=True)
class Programme:
    name: str
    organiser: str
    url: str
    counted_from: dt.date


@dataclass(frozen=True)
class Notice:
    """What every page says at its top and every social card on its last line (e.g. that the data is sample)."""

    label: str
    text: str
    page: str | None  # a hand-written page, its path in the docs folder without ".md"

    @property
    def page_url(self) -> str | None:
        """The hand-written page's address, as MkDocs gives it (directory URLs)."""
        if self.page is None:
            return None
        folder = self.page.removesuffix("index")
        return folder if folder == "" or folder.endswith("/") else f"{self.page}/"


@dataclass(frozen=True)
class Campaign:
    name: str
    short_name: str
    organisation: str
    description: str
    programme: Programme
    as_of: dt.date | None
    targets: tuple[Target, ...]
    phases: tuple[Phase, ...]
    blocs: tuple[Named, ...]
    fields: tuple[Named, ...]
    notice: Notice | None = None

    def target_on(self, day: dt.date) -> Target:
        return target_in_force(self.targets, day)


@dataclass(frozen=True)
class SupportTeam:
    """The unit's initiative writing support team (Tổ hỗ trợ viết sáng kiến): a team, never a person."""

    name: str
    channel: str


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    short_name: str
    parent: str | None
    bloc: str | None
    quota: tuple[tuple[str, int], ...]  # (phase id, quota) in phase order
    support_team: SupportTeam | None
    website: str | None

    @property
    def total_quota(self) -> int | None:
        return sum(count for _, count in self.quota) if self.quota else None


@dataclass(frozen=True)
class Author:
    name: str
    job_title: str
    unit: str  # the initiative's unit unless the author's own was given


@dataclass(frozen=True)
class Recognition:
    level: str  # a key of generator.content.schema.RECOGNITION_LEVELS
    decision: str
    date: dt.date


@dataclass(frozen=True)
class Benefit:
    vnd_per_year: int | None = None
    kwh_per_year: int | None = None
    other: str | None = None


@dataclass(frozen=True)
class Photo:
    source: Path  # the file in the content tree
    path: str  # relative to the content folder, with '/': initiatives/<unit>/anh/x.jpg
    alt: str


@dataclass(frozen=True)
class Initiative:
    slug: str
    source: str  # the file, as shown in messages
    code: str
    title: str
    summary: str
    unit: str
    field: str
    authors: tuple[Author, ...]
    applied_from: dt.date | None
    registered_on: dt.date
    recognition: Recognition | None
    benefit: Benefit | None
    featured: bool
    draft: bool
    photos: tuple[Photo, ...]
    tags: tuple[str, ...]
    description: str  # Markdown
    # a hash of the file it was read from, its path and the code that read it (content/cache.py, source_key);
    # empty when it was not read from a file. Pages keyed by their inputs use it (pages/initiatives.py, inputs).
    # Where the values came from, not one of them: two initiatives of equal values are equal
    digest: str = dataclass_field(default="", compare=False)
    # unique across the site: the unit and the slug (the file's place); made once, it is looked up very often
    key: str = dataclass_field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", f"{self.unit}/{self.slug}")


@dataclass(frozen=True)
class NewsPost:
    slug: str
    source: str
    date: dt.date
    title: str
    summary: str
    image: Photo | None
    categories: tuple[str, ...]
    authors: tuple[str, ...]
    draft: bool
    body: str  # Markdown


@dataclass(frozen=True)
class Site:
    """Everything the site shows: the campaign, its units, initiatives and news.

    Initiatives are sorted newest registration first (then by code); news newest first.
    """

    campaign: Campaign
    units: tuple[Unit, ...]
    initiatives: tuple[Initiative, ...]
    news: tuple[NewsPost, ...]
    _units_by_id: dict[str, Unit] = dataclass_field(init=False, repr=False, compare=False)
    _fields_by_id: dict[str, Named] = dataclass_field(init=False, repr=False, compare=False)
    # computed once: the statistics and every listing page ask for it
    latest_registration: dt.date | None = dataclass_field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_units_by_id", {unit.id: unit for unit in self.units})
        object.__setattr__(self, "_fields_by_id", {item.id: item for item in self.campaign.fields})
        object.__setattr__(self, "latest_registration",
                           max((item.registered_on for item in self.initiatives), default=None))

    def unit_by_id(self, unit_id: str) -> Unit:
        return self._units_by_id[unit_id]

    def field_by_id(self, field_id: str) -> Named:
        return self._fields_by_id[field_id]

    def published(self, today: dt.date) -> Site:
        """What a production build shows: no drafts, no news dated after ``today``."""
        return Site(
            campaign=self.campaign,
            units=self.units,
            initiatives=tuple(item for item in self.initiatives if not item.draft),
            news=tuple(post for post in self.news if not post.draft and post.date <= today),
        )
