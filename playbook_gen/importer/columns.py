"""Which column holds what: playbook.yml's `import:` mapping, else headers common exports use.

The defaults are the headers Workday (custom headcount report), BambooHR, Personio and HiBob
write in their standard people exports, in order of preference: the first one an export has is
used. A column mapped in playbook.yml replaces the defaults for that field.
"""
from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from ..errors import Problem
from ..suggest import did_you_mean
from .table import Table, normalise

ROSTER_DEFAULTS: dict[str, tuple[str, ...]] = {
    #             Workday                     BambooHR          Personio          HiBob
    "employee_id": ("Employee ID", "Employee_ID", "Worker ID", "Employee #", "Employee Number", "Personnel Number", "ID"),
    "name": ("Name", "Worker", "Full Name", "Display Name", "Preferred Name", "Employee Name", "Legal Name"),
    "first_name": ("First Name", "Preferred First Name", "Legal First Name", "Given Name"),
    "last_name": ("Last Name", "Legal Last Name", "Surname", "Family Name"),
    "role": ("Role", "Job Title", "Business Title", "Position", "Job Profile", "Title"),
    "team": ("Team", "Department", "Supervisory Organization", "Cost Center", "Division"),
    "manager": ("Manager", "Manager Name", "Reports To", "Reporting To", "Supervisor", "Supervisor Name",
                "Line Manager", "Direct Manager"),
    "start_date": ("Start Date", "Position Start Date", "Hire Date", "Date of Hire", "Original Hire Date",
                   "Hire date", "Joining Date"),
    "timezone": ("Time Zone", "Timezone", "Time zone"),
}
METRICS_DEFAULTS: dict[str, tuple[str, ...]] = {
    "team": ("Team", "Team ID", "Team Id", "Department", "Owner Team", "Sales Team"),
    "metric": ("Metric", "Metric Name", "KPI", "Measure"),
    "value": ("Value", "Metric Value", "Amount", "Count"),
}


@dataclass
class Columns:
    """Field name -> column number in the table, for the fields found."""

    found: dict[str, int]
    headers: dict[str, str]  # field -> the header text as the export writes it

    def __contains__(self, name: str) -> bool:
        return name in self.found

    def at(self, name: str) -> int | None:
        return self.found.get(name)


def candidates(settings: BaseModel, defaults: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The headers to look for per field: the mapping's when it sets one, else the defaults."""
    chosen = {}
    for name, default in defaults.items():
        mapped = getattr(settings, name, None)
        chosen[name] = (mapped,) if isinstance(mapped, str) else tuple(mapped) if mapped else default
    return chosen


def all_headers(settings: BaseModel, defaults: dict[str, tuple[str, ...]]) -> set[str]:
    return {normalise(h) for names in candidates(settings, defaults).values() for h in names}


def resolve(table: Table, settings: BaseModel, defaults: dict[str, tuple[str, ...]], required: list[str],
            section: str) -> tuple[Columns, list[Problem]]:
    """Find each field's column; a problem for each required field the export lacks."""
    by_header: dict[str, int] = {}
    for col, text in table.header.items():
        by_header.setdefault(normalise(text), col)
    found: dict[str, int] = {}
    headers: dict[str, str] = {}
    wanted = candidates(settings, defaults)
    for name, names in wanted.items():
        for header in names:
            at = by_header.get(normalise(header))
            if at is not None:
                found[name], headers[name] = at, table.header[at]
                break
    problems = []
    for name in required:
        if name in found:
            continue
        names = wanted[name]
        mapped = getattr(settings, name, None) is not None
        hint = did_you_mean(names[0], list(table.header.values())) if mapped or len(names) == 1 else ""
        if not hint:
            close = [did_you_mean(h, list(table.header.values())) for h in names]
            hint = next((h for h in close if h), "")
        looked = ", ".join(f"'{h}'" for h in names[:6]) + (", …" if len(names) > 6 else "")
        problems.append(table.problem(table.header_row, 1, (
            f"no column for '{name}': looked for {looked}{hint}; set `import: {{{section}: {{{name}: \"Your header\"}}}}` "
            "in playbook.yml to the header your export uses")))
    return Columns(found, headers), problems
