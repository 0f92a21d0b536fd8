"""Editor support: JSON Schemas generated from the validator's own models, kept in sync."""
from __future__ import annotations

import json
import re

import pytest
import yaml
from conftest import skip_or_fail
from helpers import CONTENT, REPO

from playbook_gen.models import CADENCES, DIFFICULTIES, KINDS, MATERIAL_COLORS
from playbook_gen.schemas import render_all

SCHEMAS = REPO / "schemas"
FOLDER_KIND = {"principles": "principle", "practices": "practice", "situations": "situation", "scorecards": "scorecard",
               "teams": "team"}


def _validator(kind: str):
    try:
        import jsonschema
    except ImportError:
        skip_or_fail("jsonschema is not installed (pip install '.[test]')")
    schema = json.loads((SCHEMAS / f"{kind}.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _content_files():
    yield CONTENT / "playbook.yml", "playbook"
    for folder, kind in FOLDER_KIND.items():
        for path in sorted((CONTENT / folder).glob("*.yml")):
            yield path, kind


def test_committed_schemas_are_up_to_date():
    expected = render_all()
    assert sorted(expected) == sorted(f"{kind}.json" for kind in KINDS)
    stale = [name for name, text in expected.items()
             if not (SCHEMAS / name).is_file() or (SCHEMAS / name).read_text("utf-8") != text]
    assert stale == [], f"schemas/ is out of date with models/: run `playbook schemas` and commit {stale}"


def test_schemas_offer_the_vocabularies_and_descriptions_editors_need():
    practice = json.loads((SCHEMAS / "practice.json").read_text("utf-8"))
    assert practice["properties"]["cadence"]["enum"] == list(CADENCES)
    assert practice["properties"]["difficulty"]["enum"] == list(DIFFICULTIES)
    assert practice["additionalProperties"] is False and "description" in practice["properties"]["minutes"]
    team = json.loads((SCHEMAS / "team.json").read_text("utf-8"))
    primary = team["$defs"]["Palette"]["properties"]["primary"]["anyOf"][0]
    assert primary["enum"] == list(MATERIAL_COLORS)
    member = team["$defs"]["Member"]["properties"]
    assert "Private" in member["notes"]["description"] and "Private" not in member["role"]["description"]


def test_every_shipped_content_file_points_its_editor_at_the_right_schema():
    for path, kind in _content_files():
        first = path.read_text("utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, f"{path.relative_to(REPO)}: first line should name its schema"
        target = (path.parent / match.group(1)).resolve()
        assert target == (SCHEMAS / f"{kind}.json").resolve(), f"{path.relative_to(REPO)} -> {match.group(1)}"


class _Yaml12Loader(yaml.SafeLoader):
    """Reads like an editor's YAML 1.2 language server: a plain 2027-02-15 stays text (no timestamps)."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def test_the_demo_content_passes_its_schemas_as_an_editor_sees_it():
    validators = {kind: _validator(kind) for kind in KINDS}
    failures = [f"{path.relative_to(REPO)}: {error.message}"
                for path, kind in _content_files()
                for error in validators[kind].iter_errors(yaml.load(path.read_text("utf-8"), Loader=_Yaml12Loader))]
    assert failures == []


@pytest.mark.parametrize("kind, document, gist", [
    ("practice", {"cadence": "weekley"}, "'weekley' is not one of"),
    ("team", {"id": "library"}, "should not be valid"),
    ("team", {"id": "../../etc"}, "does not match"),
    ("situation", {"colour": "red"}, "Additional properties are not allowed"),
])
def test_schemas_flag_the_mistakes_the_validator_reports(kind, document, gist):
    messages = [e.message for e in _validator(kind).iter_errors(document)]
    assert any(gist in m for m in messages), messages


def test_pre_commit_hook_runs_check_on_content_yaml():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = next(h for h in hooks if h["id"] == "playbook-check")
    assert hook["entry"] == "playbook check" and hook["language"] == "python" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("content/teams/emea.yml") and files.search("content/playbook.yml")
    assert not files.search("mkdocs.yml") and not files.search("README.md")


def test_the_content_packs_own_checks_share_the_validators_vocabularies():
    """test_content_pack.py runs without the package; its copies of the vocabularies must not drift from it."""
    import test_content_pack as pack

    from playbook_gen.slug import SLUG_PATTERN
    assert pack.SLUG.pattern == SLUG_PATTERN
    assert set(CADENCES) == pack.CADENCES and set(DIFFICULTIES) == pack.DIFFICULTIES
    assert set(MATERIAL_COLORS) == pack.MATERIAL_PRIMARY and set(MATERIAL_COLORS) > pack.MATERIAL_ACCENT
