"""What the CLI says in a user's first hour: plurals, hints, names, defaults and placeholders (issue 15)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from content_tree import TEAM, VALID, errors, one
from helpers import CONTENT, build_file_tree, run_playbook

from playbook_gen.scaffold import default_quarter
from playbook_gen.validate import PLACEHOLDER_SITE_URL


@pytest.mark.parametrize("today, quarter", [
    (date(2026, 12, 2), "2027-Q1"),   # the user's case: most of Q4 is past
    (date(2026, 11, 15), "2026-Q4"),  # 45 of 92 days gone: still this quarter
    (date(2026, 11, 16), "2027-Q1"),  # half over
    (date(2026, 10, 1), "2026-Q4"),
    (date(2027, 2, 10), "2027-Q1"),
    (date(2027, 2, 20), "2027-Q2"),
    (date(2027, 5, 20), "2027-Q3"),
    (date(2027, 8, 20), "2027-Q4"),
])
def test_new_team_defaults_to_the_next_quarter_once_this_one_is_half_over(today, quarter):
    assert default_quarter(today) == quarter


def test_new_team_writes_the_default_quarter(content_copy: Path, tmp_path: Path):
    result = run_playbook("new-team", "nordics", "--name", "Nordics", "--manager", "Åsa", "--content", str(content_copy),
                          cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = yaml.safe_load((content_copy / "teams" / "nordics.yml").read_text("utf-8"))
    assert written["quarter"] in (default_quarter(), default_quarter(date.today()))  # a run across midnight
    assert "half over" in run_playbook("new-team", "--help", cwd=tmp_path).stdout


def test_init_writes_no_site_url_so_the_new_playbook_opens_from_disk(tmp_path: Path):
    repo = tmp_path / "acme"
    assert run_playbook("init", str(repo), cwd=tmp_path).returncode == 0
    settings = yaml.safe_load((repo / "content" / "playbook.yml").read_text("utf-8"))
    assert "site_url" not in settings  # offline: auto builds it for file://
    check = run_playbook("check", cwd=repo)  # (not --strict: the example team has no members yet, a warning)
    assert check.returncode == 0 and "site_url" not in check.stderr, check.stderr


def test_check_warns_about_the_site_url_an_earlier_init_wrote_and_says_what_to_do(tmp_path: Path):
    repo = tmp_path / "acme"
    assert run_playbook("init", str(repo), cwd=tmp_path).returncode == 0
    settings = repo / "content" / "playbook.yml"
    settings.write_text(settings.read_text("utf-8") + f"site_url: {PLACEHOLDER_SITE_URL}\n", "utf-8")
    check = run_playbook("check", cwd=repo)
    assert check.returncode == 0, check.stderr  # a warning, not an error
    line = next(line for line in check.stderr.splitlines() if "site_url" in line)
    assert line.startswith("content/playbook.yml:") and ": warning: " in line
    assert PLACEHOLDER_SITE_URL in line and "set it to the address" in line and "delete the line" in line
    assert run_playbook("check", "--strict", cwd=repo).returncode == 1

    settings.write_text(settings.read_text("utf-8").replace(PLACEHOLDER_SITE_URL, "https://playbook.intranet.acme.test/"),
                        "utf-8")
    assert "site_url" not in run_playbook("check", cwd=repo).stderr


def test_the_placeholder_warning_never_fires_on_the_bundled_demo(tmp_path: Path):
    demo = yaml.safe_load((CONTENT / "playbook.yml").read_text("utf-8"))
    assert demo.get("site_url") != PLACEHOLDER_SITE_URL
    check = run_playbook("check", "--content", str(CONTENT), cwd=tmp_path)
    assert check.returncode == 0 and "placeholder" not in check.stderr, check.stderr


def test_counts_are_english_in_check_output(tmp_path: Path):
    build_file_tree(tmp_path, VALID)
    result = run_playbook("check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "ok: 1 principle, 1 practice, 1 situation, 1 team" in result.stdout, result.stdout
    demo = run_playbook("check", "--content", str(CONTENT), cwd=tmp_path)
    principles, practices = (len(list((CONTENT / kind).glob("*.yml"))) for kind in ("principles", "practices"))
    assert f"ok: {principles} principles, {practices} practices" in demo.stdout and "teams" in demo.stdout
    bad = run_playbook("check", cwd=build_file_tree(tmp_path / "bad", {
        **VALID, "content/teams/emea.yml": TEAM.replace("quarter: 2027-Q1", "quarter: Q1")}))
    assert "1 error in the content" in bad.stderr and "(s)" not in bad.stderr, bad.stderr
    listed = run_playbook("list", cwd=tmp_path)
    assert "Total: 1 principle, 1 practice, 1 situation, 1 team" in listed.stdout, listed.stdout


@pytest.mark.parametrize("written, line, hint", [
    ("    strengths: [Languages: DE, EN]\n", 10, '["Languages: DE, EN"]'),
    ("    strengths:\n      - Languages: DE, EN\n", 11, '"Languages: DE, EN"'),
])
def test_text_that_yaml_read_as_a_mapping_gets_a_hint_to_quote_it(tmp_path: Path, written: str, line: int, hint: str):
    problem = one(errors(tmp_path, {"content/teams/emea.yml": TEAM + written}), "teams/emea.yml", line,
                  "'strengths' entry 1 must be text, found a mapping", "in quotes")
    assert problem.message.endswith(f"like {hint}"), problem.message


def test_a_missing_field_of_a_member_names_the_member(tmp_path: Path):
    bad = TEAM + "  - name: Sam Okafor\n    tenure_months: 3\n"
    one(errors(tmp_path, {"content/teams/emea.yml": bad}), "teams/emea.yml", 10,
        "missing required field 'role' for member 'Sam Okafor' ('members' entry 2)")
