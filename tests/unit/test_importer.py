"""`playbook import roster|metrics` through the library API, on copies of the demo content and on exports
written the way Workday, BambooHR, Personio and HiBob write them (tests/fixtures/exports/; the XLSX
is written here with openpyxl). The CLI, `check` and a build of the result: tests/e2e/test_import.py.
"""
from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import skip_or_fail
from helpers import TESTS

from playbook_gen.errors import PlaybookError
from playbook_gen.importer import import_metrics, import_roster
from playbook_gen.load import load_file
from playbook_gen.models import Team
from playbook_gen.validate import load_content

EXPORTS = TESTS / "fixtures" / "exports"


@pytest.fixture
def content(content_copy: Path) -> Path:
    """The demo content without its teams: a playbook about to import its first roster."""
    shutil.rmtree(content_copy / "teams")
    return content_copy


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def team(content: Path, team_id: str) -> Team:
    return load_content(content).teams[team_id]


def test_workday_export_creates_teams_that_check_clean(content):
    report = import_roster(EXPORTS / "workday.csv", content=content)
    assert report.counts == {"added": 4, "team created": 2}
    emea = team(content, "emea-enterprise")
    assert (emea.name, emea.manager.name, emea.timezone) == ("EMEA Enterprise", "Dana Whitfield", "Europe/Berlin")
    assert [(m.name, m.role, m.employee_id) for m in emea.members] == [
        ("Alex Moreno", "Account Executive", "10002"),
        ("Priya Raman", "Solutions Consultant, Enterprise", "10003"),
        ("Zoë O'Neil", "Sales Development Rep (Inbound)", "10004"),  # a line break in a quoted field
    ]  # the manager's own row (Dana) is not a member; the title rows above the header are skipped
    assert emea.members[0].start_date == date(2025, 6, 16)
    west = team(content, "inside-sales-west")
    assert west.manager.name == "Sam Lee" and [m.name for m in west.members] == ["Robin Park"]
    assert west.timezone == "America/Los_Angeles"
    text = (content / "teams" / "emea-enterprise.yml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/team.json")  # the new-team template
    assert "Location" not in text and "CC-100" not in text  # extra columns are not imported


def test_reimport_changes_nothing_and_next_month_neither(content):
    import_roster(EXPORTS / "workday.csv", content=content)
    before = snapshot(content)
    again = import_roster(EXPORTS / "workday.csv", content=content)
    assert again.changes == [] and again.diff() == "" and snapshot(content) == before
    emea = team(content, "emea-enterprise")
    alex = emea.members[0]
    quarter_start = emea.quarter_start()
    expected = (quarter_start.year - 2025) * 12 + quarter_start.month - 6 - (quarter_start.day < 16)
    assert emea.months_in_role(alex) == max(expected, 0)  # counted at the quarter's start, not today


def test_months_in_role_counts_from_the_quarter_start():
    t = Team.model_validate({"id": "t", "name": "T", "manager": {"name": "M"}, "quarter": "2027-Q2", "members": [
        {"name": "A", "role": "AE", "start_date": "2026-04-01"},
        {"name": "B", "role": "AE", "start_date": "2026-04-02"},
        {"name": "C", "role": "AE", "start_date": "2027-05-01"},
        {"name": "D", "role": "AE", "tenure_months": "7"},
    ]})
    assert [t.months_in_role(m) for m in t.members] == [12, 11, 0, 7]
    assert [m.tenure_months for m in t.members] == [12, 11, 0, 7]  # what the scheduler and the agenda read


def test_a_hand_edit_and_a_comment_survive_a_reimport(content, tmp_path):
    import_roster(EXPORTS / "workday.csv", content=content)
    path = content / "teams" / "emea-enterprise.yml"
    text = path.read_text("utf-8")
    edited = text.replace("situations: []", "situations: [idea-drought]   # chosen in the Q1 review") \
        .replace("    start_date: 2025-06-16\n",
                 "    start_date: 2025-06-16    # moved from Madrid\n"
                 "    goals: ['Own the Iberia  deals', \"Coach\"]\n"
                 "    notes: >\n      Quiet in meetings;\n      great with customers.\n", 1)
    path.write_text(edited, "utf-8")
    export = tmp_path / "later.csv"
    export.write_text((EXPORTS / "workday.csv").read_text("utf-8").replace(
        "Alex Moreno,Account Executive", "Alex Moreno,Senior Account Executive"), "utf-8", newline="")
    report = import_roster(export, content=content)
    assert report.counts == {"updated": 1}
    after = path.read_text("utf-8")
    assert after == edited.replace("    role: Account Executive\n    employee_id: \"10002\"",
                                   "    role: Senior Account Executive\n    employee_id: \"10002\"")
    assert team(content, "emea-enterprise").members[0].notes == "Quiet in meetings; great with customers."


def test_adopting_hand_written_members_needs_their_employee_id(content_copy, tmp_path):
    """The demo's emea-enterprise file was written by hand: its people are matched by employee_id only."""
    before = snapshot(content_copy)
    with pytest.raises(PlaybookError) as caught:
        import_roster(EXPORTS / "workday.csv", content=content_copy)
    found = [(p.line, p.column, p.message) for p in caught.value.problems]
    assert any((line, col) == (5, 4) and message.startswith("'Alex Moreno' is already in ")
               and "add `employee_id: 10002` to that member" in message for line, col, message in found), found
    assert snapshot(content_copy) == before
    path = content_copy / "teams" / "emea-enterprise.yml"
    original = path.read_text("utf-8")
    adopted = original.replace("  - name: Alex Moreno\n", "  - name: Alex Moreno\n    employee_id: \"10002\"\n") \
        .replace("  - name: Priya Raman\n", "  - name: Priya Raman\n    employee_id: \"10003\"\n")
    path.write_text(adopted, "utf-8")
    report = import_roster(EXPORTS / "workday.csv", content=content_copy)
    after = path.read_text("utf-8")
    # only the imported fields changed: start dates replace tenure_months, the roles are the export's
    import difflib
    changed = [line for line in difflib.unified_diff(adopted.splitlines(), after.splitlines(), lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert all(any(key in line for key in ("tenure_months:", "start_date:", "role:", "name:", "employee_id:",
                                           "- name: Tomasz", "    id:"))
               or line.strip("+- ") == "" for line in changed), changed
    assert "  - name: Tomasz Nowak" in after  # a hand-written member without employee_id is left alone
    emea = team(content_copy, "emea-enterprise")
    alex = next(m for m in emea.members if m.employee_id == "10002")
    assert alex.start_date == date(2025, 6, 16) and alex.goals  # goals kept
    start = emea.quarter_start()  # the hand-written tenure_months (8) is replaced by the months since the start date
    assert alex.tenure_months == (start.year - 2025) * 12 + start.month - 6 - (start.day < 16) != 8
    assert report.counts["updated"] == 2


def test_missing_members_and_teams_are_listed_and_removed_only_when_asked(content, tmp_path):
    import_roster(EXPORTS / "workday.csv", content=content)
    export = tmp_path / "next.csv"
    lines = (EXPORTS / "workday.csv").read_text("utf-8").splitlines(keepends=True)
    export.write_text("".join(line for line in lines if "Priya" not in line and "Inside Sales" not in line),
                      "utf-8", newline="")
    before = snapshot(content)
    report = import_roster(export, content=content)
    notices = [p.format() for p in report.notices]
    assert any("'Priya Raman' is not in the export; kept: pass --remove-missing" in n for n in notices)
    assert any("team 'inside-sales-west' is not in the export; kept" in n for n in notices)
    assert snapshot(content) == before and report.changes == []
    report = import_roster(export, content=content, remove_missing=True)
    assert not (content / "teams" / "inside-sales-west.yml").exists()
    emea = (content / "teams" / "emea-enterprise.yml").read_text("utf-8")
    assert "Priya" not in emea and "10003" not in emea and "2023-09-01" not in emea
    assert [m.name for m in team(content, "emea-enterprise").members] == ["Alex Moreno", "Zoë O'Neil"]


def test_a_member_who_changes_team_moves_with_their_notes(content, tmp_path):
    import_roster(EXPORTS / "workday.csv", content=content)
    path = content / "teams" / "emea-enterprise.yml"
    path.write_text(path.read_text("utf-8").replace(
        "    start_date: 2023-09-01\n", "    start_date: 2023-09-01\n    notes: Wants to learn inside sales.  # hers\n"), "utf-8")
    export = tmp_path / "moved.csv"
    export.write_text((EXPORTS / "workday.csv").read_text("utf-8").replace(
        '"Solutions Consultant, Enterprise",EMEA Enterprise,Dana Whitfield', "Account Executive,Inside Sales West,Sam Lee"),
        "utf-8", newline="")
    report = import_roster(export, content=content)
    assert report.counts == {"moved": 1}
    west = (content / "teams" / "inside-sales-west.yml").read_text("utf-8")
    assert "    notes: Wants to learn inside sales.  # hers\n" in west
    assert [m.name for m in team(content, "inside-sales-west").members] == ["Robin Park", "Priya Raman"]
    assert "Priya" not in path.read_text("utf-8")


def test_bamboohr_bom_first_and_last_name_and_a_date_format(content):
    """BambooHR: a BOM, first and last name in two columns, 'Reports To' written 'Pryce, Graham', MM/DD/YYYY."""
    playbook = content / "playbook.yml"
    playbook.write_text(playbook.read_text("utf-8") + "import:\n  roster:\n    date_format: MM/DD/YYYY\n", "utf-8")
    import_roster(EXPORTS / "bamboohr.csv", content=content)
    anz = team(content, "anz-commercial")
    assert anz.manager.name == "Graham Pryce"
    assert [(m.name, m.employee_id, m.start_date) for m in anz.members] == [
        ("Chloe Nguyen", "32", date(2023, 8, 1)), ("Rangi Parata", "33", date(2025, 9, 15))]


def test_personio_semicolons_and_umlauts(content):
    import_roster(EXPORTS / "personio.csv", content=content)
    dach = team(content, "dach-new-business")
    assert dach.manager.name == "Jonas Becker"
    assert [(m.name, m.start_date) for m in dach.members] == [("Lea Wagner", date(2024, 3, 15)),
                                                              ("Mehmet Yılmaz", date(2026, 10, 1))]


def test_excels_separator_line_is_read(content, tmp_path):
    export = tmp_path / "excel.csv"
    export.write_text("sep=;\r\nEmployee ID;Worker;Job Title;Team;Manager;Start Date\r\n"
                      "E1;Ann, Jr.;AE;Red;Bo;31.12.2024\r\nE2;Ben;AE;Red;Bo;bad\r\n", "utf-8", newline="")
    with pytest.raises(PlaybookError) as caught:
        import_roster(export, content=content)
    assert [(p.line, p.column) for p in caught.value.problems] == [(4, 6)]  # rows counted with the sep= line
    export.write_text(export.read_text("utf-8").replace(";bad", ";01.01.2025"), "utf-8", newline="")
    import_roster(export, content=content)
    assert [(m.name, m.start_date) for m in team(content, "red").members] == [
        ("Ann, Jr.", date(2024, 12, 31)), ("Ben", date(2025, 1, 1))]


def test_a_mapping_in_playbook_yml_names_the_columns(content, tmp_path):
    playbook = content / "playbook.yml"
    playbook.write_text(playbook.read_text("utf-8") + (
        'import:\n  roster:\n    team: "Cost Center"\n    name: Worker\n    role: "Job Title"\n'
        '    manager: "Line Mgr"\n    employee_id: [Badge, "Personnel No"]\n    start_date: "Hire Date"\n'), "utf-8")
    export = tmp_path / "custom.csv"
    export.write_text("Personnel No,Worker,Job Title,Cost Center,Line Mgr,Hire Date,Team\n"
                      "7,Ann Ash,AE,Sales North,Bo Birch,2024-01-02,ignored\n", "utf-8")
    import_roster(export, content=content)
    assert [m.name for m in team(content, "sales-north").members] == ["Ann Ash"]


def _hibob_xlsx(path: Path) -> Path:
    try:
        import openpyxl
    except ImportError:
        skip_or_fail("openpyxl is not installed: pip install '.[xlsx]' (the test extra includes it)")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "People"
    sheet.append(["Employee ID", "Display name", "Job title", "Department", "Reports to", "Start date", "Site"])
    sheet.append([9001, "Maya Cohen", "Sales Manager", "Inside Sales Austin", "Noa Levi", date(2019, 5, 1), "Austin"])
    sheet.append([9002, "Eli Brown", "SDR", "Inside Sales Austin", "Maya Cohen", date(2026, 1, 12), "Austin"])
    sheet.append([9003, "Ava Diaz", "SDR", "Inside Sales Austin", "Maya Cohen", "2025-07-01", "Austin"])
    book.save(path)
    return path


def test_hibob_xlsx(content, tmp_path):
    export = _hibob_xlsx(tmp_path / "hibob.xlsx")
    import_roster(export, content=content)
    austin = team(content, "inside-sales-austin")
    assert austin.manager.name == "Maya Cohen"
    assert [(m.name, m.employee_id, m.start_date) for m in austin.members] == [
        ("Eli Brown", "9002", date(2026, 1, 12)), ("Ava Diaz", "9003", date(2025, 7, 1))]
    with pytest.raises(PlaybookError, match="no sheet 'Peple'; did you mean 'People'"):
        import_roster(export, content=content, sheet="Peple")


def test_xlsx_without_openpyxl_says_what_to_install(content, tmp_path, monkeypatch):
    export = tmp_path / "people.xlsx"
    export.write_bytes(b"PK\x03\x04")
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(PlaybookError, match=r"needs the xlsx extra: pip install 'playbook-gen\[xlsx\]'"):
        import_roster(export, content=content)


HEADER = "Employee ID,Worker,Job Title,Team,Manager,Start Date\n"
BAD_INPUTS = {
    "missing required column": ("Employee ID,Worker,Job Title,Team\nE1,Ann,AE,Red\n",
                                "1:1: error: no column for 'manager'"),
    "empty name": (HEADER + "E1,,AE,Red,Bo,2024-01-01\n", "2:2: error: empty name in column 'Worker'"),
    "unreadable date": (HEADER + "E1,Ann,AE,Red,Bo,2024-02-30\n", "2:6: error: '2024-02-30' is not a date"),
    "ambiguous date": (HEADER + "E1,Ann,AE,Red,Bo,03/04/2024\n", "2:6: error: '03/04/2024' could be day/month"),
    "member in two teams": (HEADER + "E1,Ann,AE,Red,Bo,\nE1,Ann,AE,Blue,Cy,\n",
                            "3:4: error: employee_id 'E1' (Ann) is in team 'Red' on row 2 and in team 'Blue' here"),
    "no manager": (HEADER + "E1,Ann,AE,Red,,\nE2,Ben,AE,Red,,\n", "2:5: error: team 'Red' has no manager"),
    "several managers": (HEADER + "E1,Ann,AE,Red,Bo,\nE2,Ben,AE,Red,Cy,\n",
                         "3:5: error: team 'Red' has several managers: 'Bo' (row 2); 'Cy' (row 3)"),
    "reserved team id": (HEADER + "E1,Ann,AE,Library,Bo,\n", "2:4: error: team 'Library' would get the id 'library'"),
    "team id collision": (HEADER + "E1,Ann,AE,Red Team,Bo,\nE2,Ben,AE,red-team,Bo,\n",
                          "3:4: error: team 'red-team' gives the team id 'red-team', like 'Red Team' on row 2"),
    "unquoted separator": (HEADER + "E1,Ann,AE,Red,Bo,2024-01-01,extra\n", "2:7: error: this row has 7 fields"),
    "unclosed quote": (HEADER + 'E1,"Ann,AE,Red,Bo,\n', "error: cannot read this row"),
    "bad time zone": ("Employee ID,Worker,Job Title,Team,Manager,Time Zone\nE1,Ann,AE,Red,Bo,Europe/Berln\n",
                      "2:6: error: 'Europe/Berln' is not an IANA time zone name (like 'Europe/Berlin' or 'UTC'); did you "
                      "mean 'Europe/Berlin'?"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_reported_at_row_and_column_and_nothing_is_written(content, tmp_path, case):
    text, expected = BAD_INPUTS[case]
    export = tmp_path / "export.csv"
    export.write_text(text, "utf-8", newline="")
    before = snapshot(content)
    with pytest.raises(PlaybookError) as caught:
        import_roster(export, content=content)
    assert any(line.startswith(str(export) + ":") and expected in line for line in str(caught.value).splitlines()), \
        str(caught.value)
    assert snapshot(content) == before


def test_every_problem_at_once(content, tmp_path):
    export = tmp_path / "export.csv"
    export.write_text(HEADER + "E1,,AE,Red,Bo,2024-13-01\nE2,Ben,,Red,Bo,\nE3,Cy,AE,Blue,,\n", "utf-8")
    with pytest.raises(PlaybookError) as caught:
        import_roster(export, content=content)
    assert [(p.line, p.column) for p in caught.value.problems] == [(2, 2), (2, 6), (3, 3), (4, 5)]


def test_encodings(content, tmp_path):
    export = tmp_path / "excel.csv"
    export.write_bytes("Employee ID;Worker;Job Title;Team;Manager\r\nE1;René Ab;AE;Red;Bo\r\nE2;Zoë;AE;Red;Bo\r\n"
                       .encode("cp1252"))
    with pytest.raises(PlaybookError, match=r"excel.csv:2:7: error: byte 0xE9 is not UTF-8 text; pass --encoding cp1252"):
        import_roster(export, content=content)
    import_roster(export, content=content, encoding="cp1252")
    assert [m.name for m in team(content, "red").members] == ["René Ab", "Zoë"]
    utf16 = tmp_path / "unicode.csv"
    utf16.write_bytes("Employee ID\tWorker\n".encode("utf-16"))
    with pytest.raises(PlaybookError, match="UTF-16"):
        import_roster(utf16, content=content)


def test_dry_run_prints_the_diff_and_writes_nothing(content):
    before = snapshot(content)
    report = import_roster(EXPORTS / "workday.csv", content=content, dry_run=True)
    assert snapshot(content) == before and not report.written
    diff = report.diff()
    assert "--- /dev/null\n+++ b/" in diff and "+  - name: Alex Moreno\n" in diff


def test_metrics_long_and_wide(content_copy, tmp_path):
    path = content_copy / "teams" / "emea-enterprise.yml"
    original = path.read_text("utf-8")
    long = tmp_path / "long.csv"
    long.write_text("Team,Metric,Value\nemea-enterprise,regretted_leavers_12m,2\n"
                    "EMEA Enterprise,Improvement ideas from reps last quarter,5\n"
                    "anz-commercial,forecast_accuracy_pct,\n"
                    "DACH Neukundengeschäft,regretted_leavers_12m,1\n", "utf-8")
    report = import_metrics(long, content=content_copy)
    assert report.counts == {"number changed": 3, "number unchanged": 0}
    assert load_content(content_copy).teams["dach-new-business"].metrics["regretted_leavers_12m"] == 1
    after = path.read_text("utf-8")
    assert after == original.replace("rep_ideas_last_quarter: 1", "rep_ideas_last_quarter: 5").replace(
        "regretted_leavers_12m: 0", "regretted_leavers_12m: 2")
    assert import_metrics(long, content=content_copy).changes == []  # again: nothing to change
    wide = tmp_path / "wide.csv"
    wide.write_text("Team;forecast_accuracy_pct;regretted_leavers_12m\nemea-enterprise;87,5;2\n", "utf-8")
    import_metrics(wide, content=content_copy)
    assert load_content(content_copy).teams["emea-enterprise"].metrics["forecast_accuracy_pct"] == 87.5


def test_metrics_unknown_names_and_teams_are_did_you_mean_errors(content_copy, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Team,regretted_leaver_12m,forecast_accuracy_pct\nemea-enterprize,1,80\nanz-commercial,1,lots\n",
                   "utf-8")
    before = snapshot(content_copy)
    with pytest.raises(PlaybookError) as caught:
        import_metrics(bad, content=content_copy)
    lines = str(caught.value).splitlines()
    assert f"{bad}:1:2: error: unknown metric 'regretted_leaver_12m'; did you mean 'regretted_leavers_12m'?" in lines[0]
    assert any(f"{bad}:2:1: error: unknown team 'emea-enterprize'; did you mean 'emea-enterprise'?" in line
               for line in lines)
    assert any(f"{bad}:3:3: error: 'lots' is not a number" in line for line in lines)
    assert snapshot(content_copy) == before


def test_odd_but_valid_yaml_styles_survive(content, tmp_path):
    """Lists at the key's indentation, flow lists without spaces, CRLF and a BOM: untouched bytes stay."""
    import_roster(EXPORTS / "workday.csv", content=content)
    path = content / "teams" / "inside-sales-west.yml"
    doc = load_file(path)
    assert not doc.problems
    odd = ("\ufeffid: inside-sales-west\r\nname:   'Inside Sales West'   # kept\r\nmanager: {name: Sam Lee}\r\n"
           "quarter: 2027-Q1\r\ngoals: [a,b]\r\nmembers:\r\n- name: Robin Park\r\n  role: SDR\r\n"
           "  employee_id: '20002'\r\n  tenure_months: 4\r\n  focus: [serve-week]\r\n")
    path.write_bytes(odd.encode("utf-8"))
    report = import_roster(EXPORTS / "workday.csv", content=content)
    assert report.counts == {"updated": 1}
    assert path.read_bytes().decode("utf-8") == odd.replace(
        "  tenure_months: 4\r\n", "").replace("  focus: [serve-week]\r\n", "  focus: [serve-week]\r\n  start_date: 2024-11-30\r\n")


def test_hostile_names_and_roles_round_trip_as_the_exact_text(content, tmp_path):
    """Every hostile value of tests/hostile/values.yml as a name and a role: written so that YAML reads back
    exactly that text (quoted where needed), page ids kept apart, and a re-import changes nothing."""
    import csv

    import yaml

    values = [" ".join(v.split()) for v in yaml.safe_load((TESTS / "hostile" / "values.yml").read_text("utf-8"))]
    values = [v for v in values if v][:80]
    export = tmp_path / "hostile.csv"
    with open(export, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["Employee ID", "Worker", "Job Title", "Team", "Manager", "Start Date"])
        out.writerow(["B0", "Boss Person", "Director", "Hostile Team", "Their Boss", ""])
        for i, value in enumerate(values):
            out.writerow([f"H{i}", value, values[(i + 1) % len(values)], "Hostile Team", "Boss Person", "2024-02-29"])
    import_roster(export, content=content)
    members = team(content, "hostile-team").members
    assert [(m.name, m.role) for m in members] == [(v, values[(i + 1) % len(values)]) for i, v in enumerate(values)]
    assert len({m.slug for m in members}) == len(members)
    assert import_roster(export, content=content).changes == []


def test_check_refuses_one_employee_id_twice_across_teams(content):
    from playbook_gen.errors import ContentError

    import_roster(EXPORTS / "workday.csv", content=content)
    west = content / "teams" / "inside-sales-west.yml"
    west.write_text(west.read_text("utf-8").replace('employee_id: "20002"', 'employee_id: "10002"'), "utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(content)
    (problem,) = caught.value.problems
    line = west.read_text("utf-8").splitlines().index('    employee_id: "10002"') + 1
    first = (content / "teams" / "emea-enterprise.yml").read_text("utf-8").splitlines().index('    employee_id: "10002"') + 1
    assert (Path(problem.path).name, problem.line, problem.column) == ("inside-sales-west.yml", line, 18)
    assert "employee_id '10002' is already given on " in problem.message
    assert problem.message.split(" on ")[1].startswith(f"{content / 'teams' / 'emea-enterprise.yml'}:{first};")


@pytest.mark.parametrize("name", sorted(p.name for p in (TESTS.parent / "content" / "teams").glob("*.yml")))
def test_every_demo_team_file_takes_an_import_touching_only_the_imported_lines(content_copy, tmp_path, name):
    """Each hand-written demo team (threads, one-on-one slots, flow lists, comments): its members adopted by
    giving each an employee_id, then an export renaming every role and giving start dates. The diff is
    exactly: role lines changed, a start_date line per member, tenure_months lines gone. The export names the
    team as its file does ('DACH Neukundengeschäft', whose id is dach-new-business): the file is found by name."""
    import csv
    import difflib
    import re

    path = content_copy / "teams" / name
    for other in (content_copy / "teams").iterdir():
        if other != path:
            other.unlink()
    text = path.read_text("utf-8")
    counter = iter(range(1, 1000))
    adopted = re.sub(r"^(  - name: .*\n)", lambda m: f'{m.group(1)}    employee_id: "X{next(counter)}"\n', text,
                     flags=re.M)
    path.write_text(adopted, "utf-8")
    demo = load_content(content_copy).teams
    (team_model,) = demo.values()
    export = tmp_path / "export.csv"
    with open(export, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["Employee ID", "Worker", "Job Title", "Team", "Manager", "Start Date"])
        for m in team_model.members:
            out.writerow([m.employee_id, m.name, f"{m.role} II", team_model.name, team_model.manager.name, "2024-05-06"])
    report = import_roster(export, content=content_copy)
    assert report.counts == {"updated": len(team_model.members)}
    after = path.read_text("utf-8")
    removed = [line for line in difflib.ndiff(adopted.splitlines(), after.splitlines()) if line.startswith("- ")]
    added = [line for line in difflib.ndiff(adopted.splitlines(), after.splitlines()) if line.startswith("+ ")]
    assert all(re.match(r"- {5}(role|tenure_months): ", line) for line in removed), removed
    assert all(re.match(r"\+ {5}(role: .* II|start_date: 2024-05-06)$", line) for line in added), added
    assert sum("start_date" in line for line in added) == len(team_model.members)
    again = load_content(content_copy).teams[team_model.id]
    assert [(m.goals, m.notes, m.focus) for m in again.members] == [(m.goals, m.notes, m.focus) for m in team_model.members]
    assert import_roster(export, content=content_copy).changes == []


def test_metrics_long_format_unknown_metric_suggests_a_metric(content_copy, tmp_path):
    bad = tmp_path / "long.csv"
    bad.write_text("Team,Metric,Value\nemea-enterprise,forecast_acuracy_pct,80\n", "utf-8")
    with pytest.raises(PlaybookError) as caught:
        import_metrics(bad, content=content_copy)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (2, 2)
    assert problem.message.startswith("unknown metric 'forecast_acuracy_pct'; did you mean 'forecast_accuracy_pct'?")


def test_a_field_added_to_the_last_member_stays_with_them_when_members_are_appended(content_copy, tmp_path):
    """Two insertions at one place (the last member's new start_date, the new members after it) keep their order."""
    import re

    path = content_copy / "teams" / "emea-enterprise.yml"
    counter = iter(range(1, 1000))
    path.write_text(re.sub(r"^(  - name: .*\n)", lambda m: f'{m.group(1)}    employee_id: "X{next(counter)}"\n',
                           path.read_text("utf-8"), flags=re.M), "utf-8")
    before = load_content(content_copy).teams["emea-enterprise"]
    export = tmp_path / "export.csv"
    export.write_text("Employee ID,Worker,Job Title,Team,Manager,Start Date\n" + "".join(
        f"{m.employee_id},{m.name},{m.role},EMEA Enterprise,Dana Whitfield,2024-01-0{i + 1}\n"
        for i, m in enumerate(before.members)) + "N1,New Person,SDR,EMEA Enterprise,Dana Whitfield,2026-01-01\n", "utf-8")
    import_roster(export, content=content_copy)
    after = load_content(content_copy).teams["emea-enterprise"]
    assert [(m.name, m.start_date) for m in after.members] == [
        *((m.name, date(2024, 1, i + 1)) for i, m in enumerate(before.members)), ("New Person", date(2026, 1, 1))]
    assert after.members[-2].threads == before.members[-1].threads


def test_a_team_file_with_yaml_aliases_is_refused_not_edited(content, tmp_path):
    import_roster(EXPORTS / "workday.csv", content=content)
    path = content / "teams" / "emea-enterprise.yml"
    text = path.read_text("utf-8").replace("goals: []", "goals: &shared [Win the quarter]", 1).replace(
        "    start_date: 2023-09-01\n", "    start_date: 2023-09-01\n    goals: *shared\n")
    path.write_text(text, "utf-8")
    line = text.splitlines().index("    goals: *shared") + 1
    export = tmp_path / "later.csv"
    export.write_text((EXPORTS / "workday.csv").read_text("utf-8").replace("Priya Raman", "Priya Raman-Shah"),
                      "utf-8", newline="")
    with pytest.raises(PlaybookError) as caught:
        import_roster(export, content=content)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (line, 12) and "YAML aliases (*shared)" in problem.message
    assert path.read_text("utf-8") == text


def test_a_rename_that_would_share_a_page_id_is_refused(content, tmp_path):
    import_roster(EXPORTS / "workday.csv", content=content)
    export = tmp_path / "renamed.csv"
    export.write_text((EXPORTS / "workday.csv").read_text("utf-8").replace('"Priya Raman"', '"Alex Moreno"'),
                      "utf-8", newline="")
    before = snapshot(content)
    with pytest.raises(PlaybookError, match="'Alex Moreno' and 'Alex Moreno' would share the page id 'alex-moreno'"):
        import_roster(export, content=content)
    assert snapshot(content) == before
