"""The JSON Schema files in schema/ are exported from generator/content/schema.py and agree with the loader."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import FIXTURES, ROOT
from generator.content.schema import EXPORTS
from generator.schema_export import render

CONTENT = ROOT / "content"


@pytest.mark.parametrize("name", EXPORTS)
def test_committed_schema_is_up_to_date(name):
    committed = (ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == render(name), "run `sangkien schema` after changing generator/content/schema.py"


def _as_json(value):
    """What an editor's YAML 1.2 parser sees: dates are strings."""
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads(render(name))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _documents(root: Path):
    yield "campaign", root / "campaign.yml"
    yield "units", root / "units.yml"
    for path in sorted((root / "initiatives").glob("*/*.yml")):
        yield "initiative", path


@pytest.mark.parametrize("root", [CONTENT, FIXTURES / "basic"], ids=["shipped", "fixture"])
def test_valid_content_passes_the_exported_schema(root):
    for name, path in _documents(root):
        data = _as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
        errors = [error.message for error in _validator(name).iter_errors(data)]
        assert errors == [], path


def test_exported_schema_rejects_what_the_loader_rejects():
    validator = _validator("initiative")
    data = _as_json(yaml.safe_load((FIXTURES / "basic/initiatives/alpha/ung-dung-flycam.yml").read_text()))
    assert not list(validator.iter_errors(data))
    for key, value in (("unti", "alpha"), ("featured", "yes"), ("registered_on", "15/11/2022"),
                       ("code", "abc"), ("title", "")):
        broken = {**data, key: value}
        assert list(validator.iter_errors(broken)), key


def test_shipped_yaml_files_point_editors_at_their_schema():
    for name, path in _documents(CONTENT):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        relative = Path("..", *[".."] * (len(path.relative_to(CONTENT).parts) - 1), "schema", f"{name}.schema.json")
        assert first == f"# yaml-language-server: $schema={relative.as_posix()}", path
