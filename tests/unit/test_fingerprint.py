"""Fingerprints: an edition is rebuilt exactly when something it is built from changed.

Fast, no MkDocs: a missed input means a stale edition after an edit (the incremental build
skips it), an extra one means every no-op build rebuilds everything.
"""
from __future__ import annotations

import dataclasses
from types import SimpleNamespace

from playbook_gen.api import BuildOptions
from playbook_gen.fingerprint import NOT_OUTPUT_SHAPING, Fingerprints, output_packages


def _content(tmp_path, **files):
    root = tmp_path / "content"
    for rel, text in {"playbook.yml": "title: P\n", "practices/ask.yml": "id: ask\n", **files}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, "utf-8")
    return SimpleNamespace(root=root)


def _shared(content, options=None, team_files=()):
    return Fingerprints(content, options or BuildOptions(), team_files).shared


def test_same_inputs_same_hash_and_any_content_edit_changes_it(tmp_path):
    content = _content(tmp_path)
    before = _shared(content)
    assert _shared(content) == before
    (content.root / "practices/ask.yml").write_text("id: ask\nname: Ask\n", "utf-8")
    assert _shared(content) != before
    edited = _shared(content)
    (content.root / "situations").mkdir()
    (content.root / "situations/new.yml").write_text("id: new\n", "utf-8")  # a new file counts too
    assert _shared(content) != edited


def test_hidden_files_in_the_content_folder_do_not_count(tmp_path):
    content = _content(tmp_path)
    before = _shared(content)
    (content.root / ".git").mkdir()
    (content.root / ".git/HEAD").write_text("ref\n", "utf-8")
    (content.root / "practices/.ask.yml.swp").write_text("editor", "utf-8")
    assert _shared(content) == before


def test_only_output_shaping_options_count(tmp_path):
    content = _content(tmp_path)
    base = _shared(content, BuildOptions())
    for name in ("out", "jobs", "force", "strict"):
        assert name in NOT_OUTPUT_SHAPING
    assert _shared(content, BuildOptions(out=tmp_path / "elsewhere", jobs=1, force=True, strict=True)) == base
    assert _shared(content, BuildOptions(site_url="https://example.org/")) != base
    assert _shared(content, BuildOptions(offline=True)) != base
    shaping = {f.name for f in dataclasses.fields(BuildOptions)} - NOT_OUTPUT_SHAPING
    assert {"site_url", "engine", "offline", "pdf"} <= shaping  # a new option shapes output unless listed


def test_source_date_epoch_counts(tmp_path, monkeypatch):
    content = _content(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    before = _shared(content)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225601")
    assert _shared(content) != before


def test_a_team_file_counts_for_its_own_edition_only(tmp_path):
    content = _content(tmp_path, **{"teams/emea.yml": "name: EMEA\n"})
    team_file = content.root / "teams/emea.yml"
    prints = Fingerprints(content, BuildOptions(), [team_file])
    library = SimpleNamespace(kind="library", id="library", team=None)
    team = SimpleNamespace(kind="team", id="emea", team=SimpleNamespace(model_dump_json=lambda: '{"name": "EMEA"}'))
    lib_before = prints.edition(library, site_url=None, team_file=None)
    team_before = prints.edition(team, site_url=None, team_file=team_file)
    assert lib_before != team_before
    assert prints.edition(library, site_url="https://example.org/", team_file=None) != lib_before

    team_file.write_text("name: EMEA\n# a comment\n", "utf-8")  # the file's bytes, not only its data
    again = Fingerprints(content, BuildOptions(), [team_file])
    assert again.shared == prints.shared  # the library edition is not rebuilt for a team's edit
    assert again.edition(library, site_url=None, team_file=None) == lib_before
    assert again.edition(team, site_url=None, team_file=team_file) != team_before


def test_output_packages_are_the_generators_and_the_engines():
    packages = output_packages("mkdocs")
    assert {"jinja2", "markdown", "nh3", "mkdocs"} <= set(packages)
    assert len(packages) == len(set(packages))
