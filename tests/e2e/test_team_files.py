"""Team files the generator must refuse or report compactly: run with the real CLI on files in tmp."""
from __future__ import annotations

import re
from pathlib import Path

import yaml
from helpers import CONTENT, run_playbook

from playbook_gen.models import RESERVED_TEAM_IDS, RESERVED_TEAM_PREFIX

TEAM = """id: {id}
name: Some Team
manager:
  name: Dana Whitfield
quarter: 2027-Q1
members:
  - name: Alex Moreno
    role: Account Executive
"""


# --- bounded error output -------------------------------------------------------------


def test_a_huge_broken_team_file_prints_fifty_problems_and_counts_them_all(content_copy: Path):
    members = 10_000  # every one without a role, all with the same name: two problems each but the first
    lines = ["id: huge", "name: Huge", "manager: {name: Dana}", "quarter: 2027-Q1", "members:"]
    (content_copy / "teams" / "huge.yml").write_text("\n".join(lines + ["  - {name: A}"] * members) + "\n", "utf-8")
    small = yaml.safe_load((content_copy / "teams" / "emea-enterprise.yml").read_text("utf-8"))
    small["members"][0]["tenure_months"] = "eight"
    small["members"][1]["focus"] = ["no-such-practice"]
    (content_copy / "teams" / "emea-enterprise.yml").write_text(yaml.safe_dump(small, sort_keys=False), "utf-8")

    result = run_playbook("check", "--content", str(content_copy), cwd=content_copy.parent)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    huge = [line for line in lines if line.startswith("content/teams/huge.yml:") and ": error: " in line]
    total = 2 * members - 1
    assert len(huge) == 50, len(huge)
    assert f"content/teams/huge.yml: …and {total - 50} more in this file" in lines
    assert len([line for line in lines if line.startswith("content/teams/emea-enterprise.yml:")]) == 2  # under the cap
    assert re.match(rf"{total + 2} error(s|\(s\)) in the content", lines[-1]), lines[-1]  # every one counted
    assert len(lines) == 50 + 1 + 2 + 1


# --- team files that are symbolic links -------------------------------------------------


def test_a_team_file_linking_outside_the_content_folder_is_refused(content_copy: Path, tmp_path: Path):
    outside = tmp_path / "elsewhere" / "secret-team.yml"
    outside.parent.mkdir()
    outside.write_text(TEAM.format(id="secret-team"), "utf-8")
    (content_copy / "teams" / "secret-team.yml").symlink_to(outside)
    (content_copy / "shared").mkdir()  # a link that stays inside the content folder is fine
    (content_copy / "shared" / "inside.yml").write_text(TEAM.format(id="inside-team"), "utf-8")
    (content_copy / "teams" / "inside-team.yml").symlink_to(content_copy / "shared" / "inside.yml")

    for command in ("check", "build"):
        result = run_playbook(command, "--content", str(content_copy), cwd=tmp_path)
        assert result.returncode == 1, result.stdout + result.stderr
        errors = [line for line in result.stderr.splitlines() if ": error: " in line]
        assert len(errors) == 1, result.stderr
        assert errors[0].startswith("content/teams/secret-team.yml:1:1: error: this file is a symbolic link "
                                    "leading outside the content folder"), errors[0]
        assert str(outside) in errors[0]
    assert not (tmp_path / "site").exists() and not (tmp_path / "site-managers").exists()

    (content_copy / "teams" / "secret-team.yml").unlink()
    result = run_playbook("check", "--content", str(content_copy), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "5 teams" in result.stdout


# --- reserved team ids --------------------------------------------------------------------


def _root_names(demo_build: Path) -> set[str]:
    """What the real demo build wrote at the top of both output folders, other than the team editions,
    as a team id would collide with it: the name before its first dot (index.html → index)."""
    teams = {yaml.safe_load(p.read_text("utf-8"))["id"] for p in (CONTENT / "teams").glob("*.yml")}
    names = set()
    for root in (demo_build / "site", demo_build / "site-managers"):
        for entry in root.iterdir():
            if entry.name.startswith(".") or entry.name in teams:  # a team id is a slug: it never starts with '.'
                continue
            names.add(entry.name.split(".")[0].lower())
    return names


def test_reserved_team_ids_cover_everything_a_build_writes_beside_the_editions(demo_build: Path):
    written = _root_names(demo_build)
    assert {"library", "index", "readme"} <= written  # the test reads real output
    reserved = set(RESERVED_TEAM_IDS) | {n for n in written if n.startswith(RESERVED_TEAM_PREFIX)}  # library-de
    assert {"library-de"} <= written  # the demo's German library edition (playbook.yml `languages`)
    assert written <= reserved, f"not reserved: {sorted(written - reserved)}"


def test_check_refuses_every_reserved_team_id_at_its_line(content_copy: Path, demo_build: Path):
    ids = sorted(set(RESERVED_TEAM_IDS) | _root_names(demo_build))
    for team_id in ids:
        (content_copy / "teams" / f"x-{team_id}.yml").write_text(TEAM.format(id=team_id), "utf-8")
    result = run_playbook("check", "--content", str(content_copy), cwd=content_copy.parent)
    assert result.returncode == 1
    for team_id in ids:
        line = next((x for x in result.stderr.splitlines() if x.startswith(f"content/teams/x-{team_id}.yml:")), "")
        assert re.match(rf"content/teams/x-{team_id}\.yml:1:5: error: team id '{team_id}' is reserved: .+; "
                        "choose another$", line), result.stderr
