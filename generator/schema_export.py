"""Write the content schema (``generator.content.schema``) as JSON Schema files for editors."""

from __future__ import annotations

import json
from pathlib import Path

from .content.schema import EXPORTS

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def json_schema(name: str) -> dict:
    document = {"$schema": SCHEMA_URI, "$id": f"{name}.schema.json", **EXPORTS[name].schema()}
    return document


def render(name: str) -> str:
    return json.dumps(json_schema(name), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def export_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in EXPORTS:
        path = folder / f"{name}.schema.json"
        path.write_text(render(name), encoding="utf-8")
        written.append(path)
    return written
