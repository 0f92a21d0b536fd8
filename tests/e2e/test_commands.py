"""`playbook check` and `playbook schemas` as real processes: exit codes, the stderr format, warnings.

The same checks run in-process (fast) in tests/unit/test_validation.py, test_contrast.py and test_schemas.py.
"""
from __future__ import annotations

from content_tree import TEAM, VALID
from helpers import CONTENT, build_file_tree, run_playbook

from playbook_gen.schemas import render_all


def test_check_cli_exit_code_and_stderr_format(tmp_path):
    bad = TEAM.replace("situations: [idea-drought]", "situations: [Idea Drought]") + "    tenure_months: eight\n"
    build_file_tree(tmp_path, {**VALID, "content/teams/emea.yml": bad})
    result = run_playbook("check", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[:2] == [
        "content/teams/emea.yml:6:14: error: 'Idea Drought' is not a valid id: use lower-case letters, "
        "digits and single hyphens, like 'idea-drought'",
        "content/teams/emea.yml:10:20: error: 'tenure_months' must be a whole number (like 8), found 'eight'",
    ]
    assert "2 errors in the content" in lines[2] and "Traceback" not in result.stderr


def test_strict_on_check_and_build_cli(tmp_path):
    build_file_tree(tmp_path, {**VALID, "content/teams/emea.yml": TEAM.split("members:")[0]})
    relaxed = run_playbook("check", cwd=tmp_path)
    assert relaxed.returncode == 0 and "teams/emea.yml:1:5: warning: team 'emea' has no members" in relaxed.stderr
    for command in ("check", "build"):
        result = run_playbook(command, "--strict", cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        assert "content/teams/emea.yml:1:5: error: team 'emea' has no members" in result.stderr
    assert not (tmp_path / "site").exists(), "a strict build with warnings must build nothing"


def test_check_is_quiet_on_the_demo_and_warns_with_the_reason_when_a_palette_cannot_pass(tmp_path):
    result = run_playbook("check", "--strict", "--content", str(CONTENT), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "palette" not in result.stdout + result.stderr
    # A playbook whose own templates/assets/palette.css replaces the generated one: nothing
    # brings ANZ's green header to AA any more, and `check` says where and why.
    build_file_tree(tmp_path, {"templates/assets/palette.css": "/* our own colours */\n"})
    result = run_playbook("check", "--content", str(CONTENT), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() + result.stderr.splitlines() if "anz-commercial.yml" in line]
    assert lines and all(": warning: palette green/light-blue is hard to read" in line for line in lines), lines
    assert "#ffffff on #4cae4f is 2.81:1, WCAG AA needs 4.5:1" in lines[0]


def test_schemas_command_writes_and_checks(tmp_path):
    written = run_playbook("schemas", "--out", "schemas", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir()) == sorted(render_all())
    assert run_playbook("schemas", "--out", "schemas", "--check", cwd=tmp_path).returncode == 0
    (tmp_path / "schemas" / "team.json").write_text("{}\n")
    stale = run_playbook("schemas", "--out", "schemas", "--check", cwd=tmp_path)
    assert stale.returncode == 1 and "schemas/team.json: error: out of date" in stale.stderr
