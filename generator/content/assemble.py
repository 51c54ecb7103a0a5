"""Turn checked records into the immutable model (step 3 of loading; only runs with no problems)."""

from __future__ import annotations

import posixpath
import sys

from .. import model
from ..identity import ByIdentity
from .reader import Document, RawContent


def _target(record) -> model.Target:
    return model.Target(record["count"], record["deadline"], record["decided_on"], record["document"],
                        record.get("note"))


def _named(record) -> model.Named:
    return model.Named(record["id"], record["name"], record.get("description"))


def campaign(record) -> model.Campaign:
    programme = record["programme"]
    return model.Campaign(
        name=record["name"],
        short_name=record["short_name"],
        organisation=record["organisation"],
        description=record["description"],
        programme=model.Programme(programme["name"], programme["organiser"], programme["url"],
                                  programme["counted_from"]),
        as_of=record.get("as_of"),
        targets=tuple(_target(item) for item in record["targets"]),
        phases=tuple(model.Phase(item["id"], item["name"], item["start"], item["end"],
                                 tuple(_target(target) for target in item["targets"]))
                     for item in record["phases"]),
        blocs=tuple(_named(item) for item in record.get("blocs", [])),
        fields=tuple(_named(item) for item in record["fields"]),
        notice=_notice(record.get("notice")),
    )


def _notice(record) -> model.Notice | None:
    return model.Notice(record["label"], record["text"], record.get("page")) if record else None


def unit(record, phase_order: list[str]) -> model.Unit:
    quota = record.get("quota", {})
    team = record.get("support_team")
    return model.Unit(
        id=record["id"],
        name=record["name"],
        short_name=record["short_name"],
        parent=record.get("parent"),
        bloc=record.get("bloc"),
        quota=tuple((phase, quota[phase]) for phase in phase_order if phase in quota),
        support_team=model.SupportTeam(team["name"], team["channel"]) if team else None,
        website=record.get("website"),
    )


def _photo(raw: RawContent, document: Document, record) -> model.Photo:
    folder = posixpath.dirname(posixpath.relpath(document.path.as_posix(), raw.root.as_posix()))
    path = posixpath.normpath(posixpath.join(folder, record["path"]))
    return model.Photo(raw.root / path, path, record["alt"])


# The few ids and names that thousands of initiatives repeat (units, fields, levels, tags, authors and their jobs),
# each read from its own file as a string of its own: interned, each is one string in the model, and pickled once
# with it (the model kept for the next build, content/snapshot.py; a large site's, handed over between processes):
# at 10,000 initiatives 188,627 strings of which 86,855 differ, and the kept model 9% smaller.
_one = sys.intern


def _shared(raw: RawContent, value):
    """``value``, or the equal one an initiative assembled before from ``raw`` holds: as for the strings above, for
    the values initiatives repeat that are not strings. At 100,000 initiatives, 193,705 dates of which 1,203 differ,
    215,702 authors (69,442 different) and 70,092 benefits (24,905); each pickled once, the model a large site's
    loader hands over was pickled in 1.24 instead of 1.89 s and unpickled in 0.75 instead of 1.03 s (medians of 3,
    the collector paused)."""
    return raw.repeated.setdefault(value, value) if value is not None else None


def initiative(raw: RawContent, document: Document) -> model.Initiative:
    record = document.record
    recognition = record.get("recognition")
    benefit = record.get("benefit")
    unit = _one(record["unit"])
    return model.Initiative(
        slug=document.path.stem,
        source=document.shown,
        code=record["code"],
        title=record["title"],
        summary=record["summary"],
        unit=unit,
        field=_one(record["field"]),
        authors=tuple(_shared(raw, model.Author(_one(item["name"]), _one(item["job_title"]),
                                                _one(item.get("unit", unit))))
                      for item in record["authors"]),
        applied_from=_shared(raw, record.get("applied_from")),
        registered_on=_shared(raw, record["registered_on"]),
        recognition=model.Recognition(_one(recognition["level"]), recognition["decision"],
                                      _shared(raw, recognition["date"]))
        if recognition else None,
        benefit=_shared(raw, model.Benefit(benefit.get("vnd_per_year"), benefit.get("kwh_per_year"),
                                           benefit.get("other")))
        if benefit else None,
        featured=record.get("featured", False),
        draft=record.get("draft", False),
        photos=tuple(_photo(raw, document, item) for item in record.get("photos", [])),
        tags=tuple(map(_one, record.get("tags", []))),
        description=record.get("description", ""),
        digest=document.digest,
    )


def news_post(raw: RawContent, document: Document) -> model.NewsPost:
    record = document.record
    image = record.get("image")
    return model.NewsPost(
        slug=document.path.stem[11:],
        source=document.shown,
        date=record["date"],
        title=record["title"],
        summary=record["summary"],
        image=_photo(raw, document, image) if image else None,
        categories=tuple(record.get("categories", [])),
        authors=tuple(record.get("authors", [])),
        draft=record.get("draft", False),
        body=document.body,
    )


def initiative_order(item: model.Initiative) -> tuple:
    """The model's order of initiatives: newest registration first, then by code."""
    return -item.registered_on.toordinal(), item.code


def documents(raw: RawContent) -> list[Document]:
    return [raw.campaign, raw.units, *raw.initiatives, *raw.news]


def site(raw: RawContent, made: ByIdentity | None = None) -> model.Site:
    """The model of ``raw``; with ``made`` (kept between loads of a served site), each document's value is reused
    while the document is the same object, so unchanged values are the same objects too."""

    def value(document, make):
        return make() if made is None else made.value(document, make)

    the_campaign = value(raw.campaign, lambda: campaign(raw.campaign.record))
    phase_order = [phase.id for phase in the_campaign.phases]
    units = value(raw.units, lambda: tuple(unit(record, phase_order) for record in raw.units.record["units"]))
    initiatives = sorted((value(document, lambda: initiative(raw, document)) for document in raw.initiatives),
                         key=initiative_order)
    news = sorted((value(document, lambda: news_post(raw, document)) for document in raw.news),
                  key=lambda post: (-post.date.toordinal(), post.slug))
    return model.Site(campaign=the_campaign, units=units, initiatives=tuple(initiatives), news=tuple(news))
