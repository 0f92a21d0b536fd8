"""A roster export read into teams: who is in which team, who manages it, every bad cell reported.

Rules (docs/ld-teams.md, "Import from your HR system"):
- the team id is the slug of the team column; a reserved id or two team names giving one id is an error;
- the manager column names each person's manager; a team's manager is the one its members name, and
  the row of the person who manages a team (named by its rows, reporting outside it) is not a member;
- people are matched by employee_id, which appears once in the export.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from ..errors import Problem
from ..models import DATE_FORMATS, RESERVED_TEAM_IDS, RosterColumns, _check_timezone
from ..slug import SLUG_MAX_LENGTH
from .columns import ROSTER_DEFAULTS, Columns, resolve
from .table import Row, Table, normalise

_STRPTIME = {"YYYY-MM-DD": "%Y-%m-%d", "DD.MM.YYYY": "%d.%m.%Y", "DD/MM/YYYY": "%d/%m/%Y",
             "MM/DD/YYYY": "%m/%d/%Y", "DD-MM-YYYY": "%d-%m-%Y"}
assert set(_STRPTIME) == set(DATE_FORMATS)


@dataclass
class Person:
    row: int
    employee_id: str
    name: str
    role: str
    team_id: str
    team_name: str
    manager: str
    start_date: date | None = None
    timezone: str | None = None
    ok: bool = True  # False: a cell of the row is reported; the import stops


@dataclass
class ImportedTeam:
    id: str
    name: str
    row: int  # first row naming it
    manager: str = ""
    timezone: str | None = None
    members: list[Person] = field(default_factory=list)


def team_slug(text: str) -> str:
    """The team id a team column's text gives ('EMEA Enterprise' -> 'emea-enterprise')."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:SLUG_MAX_LENGTH].strip("-")


def person_key(name: str) -> str:
    """A name compared with a manager column: case, spacing and 'Last, First' order ignored."""
    return " ".join(sorted(normalise(name).replace(",", " ").split()))


def parse_date(value: str | date, date_format: str | None) -> date | str:
    """A date from a cell, or the reason it is not one."""
    if isinstance(value, date):
        return value
    text = value.strip()
    if date_format:
        try:
            return datetime.strptime(text, _STRPTIME[date_format]).date()
        except ValueError:
            return f"'{text}' is not a date written {date_format} (import.roster.date_format in playbook.yml)"
    iso = re.fullmatch(r"([0-9]{4}-[0-9]{2}-[0-9]{2})([T ][0-9:.]+(Z|[+-][0-9:]+)?)?", text)
    if iso:
        try:
            return date.fromisoformat(iso.group(1))
        except ValueError:
            return f"'{text}' is not a date"
    if re.fullmatch(r"[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}", text):
        try:
            return datetime.strptime(text, "%d.%m.%Y").date()
        except ValueError:
            return f"'{text}' is not a date (read as DD.MM.YYYY)"
    if re.fullmatch(r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}", text):
        return (f"'{text}' could be day/month or month/day: set `date_format: DD/MM/YYYY` (or MM/DD/YYYY) under "
                "import.roster in playbook.yml")
    return f"'{text}' is not a date: write YYYY-MM-DD (or set import.roster.date_format in playbook.yml)"


def read_roster(table: Table, settings: RosterColumns) -> tuple[list[ImportedTeam], list[Problem]]:
    """Teams from an export, in the order they first appear; every problem of every row."""
    columns, problems = resolve(table, settings, ROSTER_DEFAULTS,
                                ["team", "role", "manager", "employee_id"], "roster")
    if "name" not in columns and not ("first_name" in columns and "last_name" in columns):
        problems += resolve(table, settings, ROSTER_DEFAULTS, ["name"], "roster")[1]
    if problems:
        return [], problems
    people: list[Person] = []
    first_seen: dict[str, Person] = {}  # employee_id -> the row that named them first
    team_names: dict[str, tuple[str, int]] = {}  # team id -> (the text that gave it, row)
    for row in table.rows:
        person = _person(table, columns, row, settings.date_format, problems)
        if person is None:
            continue
        earlier = first_seen.get(person.employee_id)
        if earlier is not None:
            col = columns.at("team") if earlier.team_id != person.team_id else columns.at("employee_id")
            where = (f"in team '{earlier.team_name}' on row {earlier.row} and in team '{person.team_name}' here; "
                     "a member belongs to one team" if earlier.team_id != person.team_id
                     else f"already on row {earlier.row}; each person has one row")
            problems.append(table.problem(row.number, col or 1,
                                          f"employee_id '{person.employee_id}' ({person.name}) is {where}"))
            continue
        first_seen[person.employee_id] = person
        known = team_names.get(person.team_id)
        if known is not None and known[0] != person.team_name:
            problems.append(table.problem(row.number, columns.at("team") or 1, (
                f"team '{person.team_name}' gives the team id '{person.team_id}', like '{known[0]}' on row {known[1]}; "
                "two teams need names that differ in more than case, spacing or punctuation")))
            continue
        team_names.setdefault(person.team_id, (person.team_name, row.number))
        people.append(person)
    return _teams(table, columns, people, problems), problems


def _person(table: Table, columns: Columns, row: Row, date_format: str | None,
            problems: list[Problem]) -> Person | None:
    def cell(name: str) -> str:
        value = row.get(columns.at(name))
        return value.isoformat() if isinstance(value, date) else value

    def empty(name: str, what: str) -> None:
        problems.append(table.problem(row.number, columns.at(name) or 1,
                                      f"empty {what} in column '{columns.headers[name]}'"))

    before = len(problems)
    if "name" in columns:
        name = cell("name")
        if not name:
            empty("name", "name")
    else:
        name = " ".join(part for part in (cell("first_name"), cell("last_name")) if part)
        if not name:
            empty("first_name", "name")
    for key, what in (("employee_id", "employee id"), ("team", "team"), ("role", "role")):
        if not cell(key):
            empty(key, what)
    team_name = cell("team")
    team_id = team_slug(team_name)
    if team_name and not team_id:
        problems.append(table.problem(row.number, columns.at("team") or 1, (
            f"team '{team_name}' gives no usable id: a team's name needs a letter or digit (a-z, 0-9)")))
    elif team_id in RESERVED_TEAM_IDS:
        problems.append(table.problem(row.number, columns.at("team") or 1, (
            f"team '{team_name}' would get the id '{team_id}', which is reserved "
            f"({RESERVED_TEAM_IDS[team_id]}); rename the team in the export")))
    start = None
    if "start_date" in columns and row.get(columns.at("start_date")):
        parsed = parse_date(row.get(columns.at("start_date")), date_format)
        if isinstance(parsed, str):
            problems.append(table.problem(row.number, columns.at("start_date") or 1, parsed))
        else:
            start = parsed
    timezone = cell("timezone") if "timezone" in columns else ""
    if timezone:
        try:
            _check_timezone(timezone)
        except ValueError as exc:
            problems.append(table.problem(row.number, columns.at("timezone") or 1, str(exc)))
    for key in ("name", "role", "employee_id"):
        if key in columns and len(cell(key)) > 100 + 4900 * (key != "employee_id"):
            problems.append(table.problem(row.number, columns.at(key) or 1, f"the {key.replace('_', ' ')} is too long"))
    if not (cell("employee_id") and team_id):
        return None
    # a row with a bad cell still counts for the checks across rows (two teams, managers): all problems at once
    return Person(row.number, cell("employee_id"), name, cell("role"), team_id, team_name,
                  cell("manager"), start, timezone or None, ok=len(problems) == before)


def _teams(table: Table, columns: Columns, people: list[Person], problems: list[Problem]) -> list[ImportedTeam]:
    teams: dict[str, ImportedTeam] = {}
    for person in people:
        teams.setdefault(person.team_id, ImportedTeam(person.team_id, person.team_name, person.row)).members.append(person)
    manager_col = columns.at("manager") or 1
    for team in teams.values():
        rows = team.members
        names = {person_key(p.name) for p in rows}
        named = {person_key(p.manager) for p in rows if p.manager}
        # the manager's own row: named as a manager by the team's rows, and reporting to no one in the team
        own = [p for p in rows if person_key(p.name) in named and person_key(p.manager) not in names]
        members = [p for p in rows if p not in own]
        managers: dict[str, list[Person]] = {}
        for p in members:
            if p.manager:
                managers.setdefault(person_key(p.manager), []).append(p)
        if not managers:
            problems.append(table.problem(team.row, manager_col, (
                f"team '{team.name}' has no manager: none of its rows names one in column '{columns.headers['manager']}'")))
            continue
        if len(managers) > 1:
            listed = "; ".join(f"'{ps[0].manager}' (row{'s' if len(ps) > 1 else ''} {', '.join(str(p.row) for p in ps[:5])}"
                               f"{', …' if len(ps) > 5 else ''})" for ps in managers.values())
            second = min((ps[0] for ps in list(managers.values())[1:]), key=lambda p: p.row)
            problems.append(table.problem(second.row, manager_col, (
                f"team '{team.name}' has several managers: {listed}; a team has one manager: give each manager's "
                "people their own team in the export, or correct the manager column")))
            continue
        key, named_by = next(iter(managers.items()))
        # the name as the manager's own row writes it ("Dana Whitfield"), not as a "Reports To" column may
        # ("Whitfield, Dana")
        team.manager = next((p.name for p in own if person_key(p.name) == key), named_by[0].manager)
        team.members = members
        zones = [p.timezone for p in own if p.timezone] or [p.timezone for p in members if p.timezone]
        team.timezone = max(zones, key=zones.count) if zones else None
    return list(teams.values())
