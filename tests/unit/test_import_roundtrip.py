"""Property test of the roster import's splices: team files written in many hand styles (list offsets, quoting,
flow and block lists, block-scalar notes, comments, blank lines, CRLF), then an export that keeps, changes,
drops and adds people. Whatever the style, every imported field is what the export says, everything else a
member had is unchanged, kept comments stay, and a second import changes nothing.
"""
from __future__ import annotations

import csv
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from playbook_gen.importer import import_roster
from playbook_gen.load import load_bytes
from playbook_gen.models import Team
from playbook_gen.validate import parse_document

WORDS = ["Ann", "Bo", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal", "Ida", "Jo", "Kai", "Lu", "Mo", "Ned", "Oz", "Pia"]


def quoted(text: str, style: int) -> str:
    return [text, f'"{text}"', f"'{text}'"][style]


@st.composite
def team_file(draw):
    offset = draw(st.sampled_from([0, 2]))  # `members:\n- name` or `members:\n  - name`
    crlf = draw(st.booleans())
    n = draw(st.integers(min_value=0, max_value=5))
    names = draw(st.lists(st.sampled_from(WORDS), min_size=n, max_size=n, unique=True))
    members, lines = [], []
    dash, body = " " * offset + "- ", " " * (offset + 2)
    for i, name in enumerate(names):
        eid = f"E{i}"
        fields = [("name", quoted(f"{name} Smith", draw(st.integers(0, 2)))),
                  ("role", quoted("Account Executive", draw(st.integers(0, 2)))),
                  ("employee_id", quoted(eid, draw(st.integers(1, 2))))]
        goals = draw(st.lists(st.sampled_from(["Grow", "Learn, fast", "Lead"]), max_size=2, unique=True))
        extras = []
        if goals:
            extras.append(("goals", "[" + ",".join(f'"{g}"' for g in goals) + "]") if draw(st.booleans())
                          else ("goals", "\n" + "".join(f"{body}  - {g!r}\n".replace("'", '"') for g in goals).rstrip("\n")))
        if draw(st.booleans()):
            extras.append(("tenure_months", str(draw(st.integers(0, 90)))))
        note = draw(st.sampled_from([None, "plain", "block"]))
        if note == "plain":
            extras.append(("notes", f"Likes {name}."))
        elif note == "block":
            extras.append(("notes", f"|\n{body}  Line one of {name}\n{body}  line two"))
        order = draw(st.permutations(fields[1:] + extras))
        entry = [fields[0], *order]
        for j, (key, value) in enumerate(entry):
            comment = f"  # c{i}{j}" if draw(st.integers(0, 4)) == 0 and "\n" not in value else ""
            lines.append(f"{dash if j == 0 else body}{key}: {value}{comment}")
        if draw(st.booleans()):
            lines.append(f"{body}# about {name}")
        if draw(st.integers(0, 3)) == 0:
            lines.append("")
        members.append({"eid": eid, "name": f"{name} Smith", "goals": goals, "note": note})
    head = ["# team file", "id: red-team", "name: Red Team  # ours", "manager:", "  name: Bo Boss", "quarter: 2027-Q1"]
    body_text = "\n".join(head + (["members:"] + lines if members else ["members: []"])) + "\n"
    return body_text.replace("\n", "\r\n") if crlf else body_text, members


@st.composite
def scenario(draw):
    text, members = draw(team_file())
    rows, kept = [], []
    for m in members:
        fate = draw(st.sampled_from(["same", "role", "date", "gone"]))
        if fate == "gone":
            continue
        role = "Senior AE" if fate == "role" else "Account Executive"
        start = "2024-03-04" if fate == "date" or draw(st.booleans()) else ""
        rows.append([m["eid"], m["name"], role, start])
        kept.append(m)
    for k in range(draw(st.integers(0, 2))):
        rows.append([f"N{k}", f"New Person{k}", "SDR", "2026-01-0" + str(k + 1)])
    order = draw(st.permutations(rows))
    return text, members, kept, list(order), draw(st.booleans())


def _team(path: Path) -> Team:
    doc = load_bytes(path.read_bytes(), path)
    team = parse_document(doc, Team)
    assert team is not None and not doc.problems, doc.problems
    return team


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=scenario())
def test_any_hand_style_takes_an_import(tmp_path_factory, case):
    text, members, kept, rows, remove_missing = case
    work = tmp_path_factory.mktemp("rt")
    (work / "content" / "teams").mkdir(parents=True)
    (work / "content" / "playbook.yml").write_text("title: T\nintro: I\n", "utf-8")
    path = work / "content" / "teams" / "red.yml"
    path.write_bytes(text.encode("utf-8"))
    before = _team(path)
    export = work / "export.csv"
    with open(export, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["Employee ID", "Worker", "Job Title", "Team", "Manager", "Start Date"])
        out.writerow(["B0", "Bo Boss", "Director", "Red Team", "Big Boss", ""])
        for eid, name, role, start in rows:
            out.writerow([eid, name, role, "Red Team", "Bo Boss", start])
    import_roster(export, content=work / "content", remove_missing=remove_missing)
    after = _team(path)
    by_id = {m.employee_id: m for m in after.members}
    old = {m.employee_id: m for m in before.members}
    for eid, name, role, start in rows:
        member = by_id[eid]
        assert (member.name, member.role) == (name, role)
        if start:
            assert member.start_date is not None and member.start_date.isoformat() == start
            assert member.tenure_months == (2027 - member.start_date.year) * 12 + 1 - member.start_date.month - (
                member.start_date.day > 1)  # counted at the start of 2027-Q1, the hand-written number replaced
        if eid in old:  # what the person and their manager wrote stays
            assert (member.goals, member.notes, member.focus) == (old[eid].goals, old[eid].notes, old[eid].focus)
    exported = {r[0] for r in rows}
    gone = [m for m in before.members if m.employee_id not in exported]
    assert all((m.employee_id in by_id) != remove_missing for m in gone)
    written = path.read_bytes().decode("utf-8")
    if "\r\n" in text:  # a CRLF file stays CRLF throughout, the lines the import wrote included
        assert "\n" not in written.replace("\r\n", "")
    else:
        assert "\r" not in written
    assert "name: Red Team  # ours" in written and written.startswith("# team file")
    for m in kept:  # a comment under a member who stays, stays
        comment = f"# about {m['name'].split()[0]}"
        assert (comment in written) == (comment in text)
    again = path.read_bytes()
    import_roster(export, content=work / "content", remove_missing=remove_missing)
    assert path.read_bytes() == again
