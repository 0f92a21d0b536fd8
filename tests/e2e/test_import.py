"""`playbook import roster` as a user runs it: a dry run, the import, `check` clean, one small build of the
imported team, a re-import that changes nothing, and a bad export refused with FILE:row:column and exit 1.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from helpers import TESTS, all_files, build_file_tree, readable_text, run_playbook

EXPORT = TESTS / "fixtures" / "exports" / "workday.csv"
FILES = {
    "content/playbook.yml": "title: Small playbook\nintro: A small playbook for tests.\n"
                            "metrics:\n  regretted_leavers_12m: {label: Regretted leavers, unit: people, bad: high}\n",
    "content/principles/serve-first.yml": """id: serve-first
title: Serve the rep first
selling: Great sellers find out what the customer needs first.
management: Find out what the rep needs first.
why: Because reps are the manager's first customers.
tell_mode: [Tells the rep what to do]
serve_mode: [Asks the rep what would help]
sources:
  - title: "The Boss or the Customer: Who Comes First?"
    publication: Sales Management Digest
""",
    "content/practices/weekly-talk.yml": """id: weekly-talk
title: Weekly talk
principle: serve-first
summary: Start each weekly one-on-one with their goals.
minutes: 30
cadence: weekly
people: You and one rep.
difficulty: easy
steps: [Ask first.]
questions: [What is in your way?]
""",
    "content/situations/drought.yml": "id: drought\ntitle: Idea drought\nsigns: [Silence]\nwhy: Nobody asks.\n"
                                      "practices: [weekly-talk]\n",
}


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    work = build_file_tree(tmp_path_factory.mktemp("import"), FILES)
    dry = run_playbook("import", "roster", str(EXPORT), "--dry-run", cwd=work)
    assert dry.returncode == 0, dry.stderr
    assert "+++ b/content/teams/emea-enterprise.yml" in dry.stdout and "+  - name: Alex Moreno" in dry.stdout
    assert not (work / "content" / "teams").exists(), "a dry run writes nothing"
    result = run_playbook("import", "roster", str(EXPORT), cwd=work)
    assert result.returncode == 0, result.stderr
    assert "2 files changed (4 added, 2 teams created)" in result.stdout
    return work


def test_imported_teams_check_clean(imported):
    result = run_playbook("check", cwd=imported)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert "2 teams" in result.stdout


def test_reimport_changes_nothing(imported):
    before = {p: p.read_bytes() for p in (imported / "content" / "teams").iterdir()}
    result = run_playbook("import", "roster", str(EXPORT), cwd=imported)
    assert result.returncode == 0 and "nothing to change" in result.stdout
    assert {p: p.read_bytes() for p in (imported / "content" / "teams").iterdir()} == before


def test_imported_team_builds_and_keeps_private_fields_private(imported):
    result = run_playbook("build", "--team", "emea-enterprise", "--no-pdf", cwd=imported)
    assert result.returncode == 0, result.stdout + result.stderr
    plan = readable_text(imported / "site-managers" / "emea-enterprise" / "members" / "alex-moreno.html")  # opened from disk: file links
    assert "Account Executive · " in plan and " months in the role · EMEA Enterprise" in plan
    home = readable_text(imported / "site" / "emea-enterprise" / "index.html")
    assert "Alex Moreno" in home and "Dana Whitfield" in home
    for root in ("site", "site-managers"):  # employee ids and start dates are never shown, only months
        leaks = [(str(p), s) for p in all_files(imported / root) for s in ("10002", "2025-06-16", "Vera Okafor")
                 if s in readable_text(p)]
        assert leaks == []


def test_a_bad_export_is_refused_at_row_and_column(imported, tmp_path):
    export = tmp_path / "bad.csv"
    export.write_text("Employee ID,Worker,Job Title,Team,Manager,Hire Date\n"
                      "E1,,AE,EMEA Enterprise,Dana Whitfield,2024-01-01\n"
                      "E2,Ben,AE,EMEA Enterprise,Dana Whitfield,31.02.2024\n", "utf-8")
    before = {p: p.read_bytes() for p in (imported / "content" / "teams").iterdir()}
    result = run_playbook("import", "roster", str(export), cwd=imported)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"{export}:2:2: error: empty name in column 'Worker'"
    assert lines[1].startswith(f"{export}:3:6: error: '31.02.2024' is not a date")
    assert lines[-1] == "2 errors; nothing was written."
    assert "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in (imported / "content" / "teams").iterdir()} == before


def test_metrics_import_then_check(imported, tmp_path):
    export = tmp_path / "crm.csv"
    export.write_text("Team;Regretted leavers\nEMEA Enterprise;2\ninside-sales-west;0\n", "utf-8")
    result = run_playbook("import", "metrics", str(export), cwd=imported)
    assert result.returncode == 0, result.stderr
    assert "2 files changed (2 numbers changed)" in result.stdout
    team = (imported / "content" / "teams" / "emea-enterprise.yml").read_text("utf-8")
    assert "\nmetrics:\n  regretted_leavers_12m: 2\n" in team
    assert run_playbook("check", cwd=imported).returncode == 0
    export.write_text("Team,regreted_leavers_12m\nemea-enterprise,3\n", "utf-8")
    result = run_playbook("import", "metrics", str(export), cwd=imported)
    assert result.returncode == 1
    assert f"{export}:1:2: error: unknown metric 'regreted_leavers_12m'; did you mean 'regretted_leavers_12m'?" in result.stderr
