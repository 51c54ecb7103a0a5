"""Loading again after a few files changed (a served site being edited): only those files are read.

An edit to an initiative or a news item is read on its own and replaces (or, when the file is gone, removes) that
file's document; the cross-file rules then run over every document as in a whole load, and the model is assembled
again from values that are the same objects for every unchanged file (generator/identity.py). Anything else that can
change a load — the campaign, the units, an image, a file in the wrong place — makes :func:`reread` answer None:
the caller loads the whole tree instead, so both ways always give the same site and the same problems.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Iterable

from . import reader
from .problems import Problems
from .reader import RawContent

_NEWS_NAME = re.compile(r"(\d{4})-\d{2}-\d{2}-(.+)\.md")


def kind_of(parts: tuple[str, ...]) -> str | None:
    """What a whole load would read the file at ``parts`` (relative to the content folder) as, when it is an
    initiative or a news item in its right place with a valid name; None for anything else."""
    if len(parts) != 3:
        return None
    top, folder, name = parts
    if top == "initiatives" and name.endswith(".yml") and reader.valid_slug(name[:-4]):
        return "initiative"
    match = _NEWS_NAME.fullmatch(name)
    if top == "news" and match and match[1] == folder and reader.valid_slug(match[2]):
        return "news"
    return None


def _parts(root: Path, path: Path) -> tuple[str, ...] | None:
    """``path`` relative to the content folder (as given, or as the system reports it: links resolved)."""
    for base in (root, root.resolve()):
        try:
            return path.relative_to(base).parts
        except ValueError:
            continue
    return None


def _holds_documents(path: Path, documents: dict[str, dict[Path, object]]) -> bool:
    """Whether ``path`` was a document or a folder of documents (a folder moved away reports only itself)."""
    return any(known == path or known.is_relative_to(path) for found in documents.values() for known in found)


def _was_read(raw: RawContent, parts: tuple[str, ...]) -> bool:
    """Whether the load read what was at ``parts``: campaign.yml, units.yml, a photo, or a folder of photos (a
    deleted photo must be reported where it is named, as a whole load does)."""
    rel = "/".join(parts)
    return rel in ("campaign.yml", "units.yml") or rel in raw.images or any(
        image.startswith(f"{rel}/") for image in raw.images)


def reread(raw: RawContent, paths: Iterable[Path], problems: Problems) -> RawContent | None:
    """``raw`` with the files at ``paths`` read again; None when one of them needs a whole load.

    A path that is gone and was never a document (an editor's temporary file) and hidden names (which a load skips)
    change nothing. Problems of the files read are added to ``problems``."""
    documents = {"initiative": {doc.path: doc for doc in raw.initiatives}, "news": {doc.path: doc for doc in raw.news}}
    changed = {_parts(raw.root, path) for path in paths}
    if None in changed:
        return None
    for parts in sorted(changed):
        if any(part.startswith(".") for part in parts):
            continue
        path = raw.root.joinpath(*parts)
        kind = kind_of(parts)
        exists = path.exists() or path.is_symlink()
        if kind is None or path.is_symlink() or (exists and not path.is_file()):
            if exists or _holds_documents(path, documents) or _was_read(raw, parts):
                return None
            continue
        documents[kind].pop(path, None)
        if exists:
            read = reader.read_files([(path, f"{raw.shown}/{'/'.join(parts)}")], kind, problems)
            documents[kind].update((doc.path, doc) for doc in read)
    # in the order a whole load reads them: folder by folder, names sorted
    order = lambda doc: doc.shown.split("/")  # noqa: E731
    return replace(raw, initiatives=sorted(documents["initiative"].values(), key=order),
                   news=sorted(documents["news"].values(), key=order))
