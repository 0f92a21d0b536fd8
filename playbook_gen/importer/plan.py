"""What a roster import changes: each team file's splices, the new team files, and what is missing.

Phase 1 decides, for every person of the export, whether they are updated in place, moved from
another team's file or added; phase 2 lists (and with --remove-missing removes) the members and
teams the export no longer has. Nothing is written here: the result is a list of `Change`s.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import Problem, UsageError
from ..load import load_bytes
from ..models import Team, slugify
from ..scaffold import new_team_text, template_ids
from ..validate import parse_document
from .roster import ImportedTeam, Person
from .table import normalise
from .teamfiles import (
    TeamFile,
    append_members,
    item_text,
    member_lines,
    moved_text,
    page_id,
    read_team_file,
    seq_style,
    set_team_fields,
    update_member,
)
from .yamledit import EditError, Source


@dataclass
class Change:
    """One file the import writes (`after`), creates (`before` None) or deletes (`after` None)."""

    path: Path
    before: str | None
    after: str | None


@dataclass
class RosterPlan:
    changes: list[Change] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)  # what is missing from the export, kept or removed
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n


RowProblem = Callable[[int, str], Problem]


def team_files(teams_dir: Path, problems: list[Problem]) -> list[TeamFile]:
    found = []
    if teams_dir.is_dir():
        for path in sorted(teams_dir.iterdir()):
            if path.suffix in (".yml", ".yaml") and not path.name.startswith(".") and path.is_file():
                tf = read_team_file(path, path.read_bytes(), problems)
                if tf is not None:
                    found.append(tf)
    return found


def plan_roster(content: Path, teams: list[ImportedTeam], at_row: RowProblem, *,
                remove_missing: bool = False) -> tuple[RosterPlan, list[Problem]]:
    problems: list[Problem] = []
    files = team_files(content / "teams", problems)
    if problems:
        return RosterPlan(), problems
    plan = RosterPlan()
    by_id = {tf.id: tf for tf in files if tf.id}
    index: dict[str, tuple[TeamFile, yaml.MappingNode]] = {}
    for tf in files:
        for item in tf.members:
            eid = tf.field(item, "employee_id")
            if eid is None:
                continue
            if eid in index:
                other = index[eid][0]
                problems.append(tf.problem(item, f"employee_id '{eid}' is also given in {other.path}:"
                                                 f"{other.where(index[eid][1])[0]}; one person, one team"))
            index[eid] = (tf, item)
    by_name = {normalise(name): tf for tf in reversed(files)
               if (name := tf.field(tf.source.root, "name")) is not None and tf.id}
    slug_ids = {team.id for team in teams}
    for team in teams:  # a team file whose id is not the name's slug ("DACH Neukundengeschäft": dach-new-business)
        named = by_name.get(normalise(team.name))
        if team.id not in by_id and named is not None and named.id not in slug_ids:
            team.id = named.id or team.id
    exported = {p.employee_id: (team, p) for team in teams for p in team.members}
    removed: dict[Path, set[int]] = {}  # file -> start index of member items leaving it

    def remove(tf: TeamFile, item: yaml.MappingNode) -> None:
        tf.source.splice(*tf.source.item_span(item), "")
        removed.setdefault(tf.path, set()).add(item.start_mark.index)

    gone_files: set[Path] = set()
    export_ids = {team.id for team in teams}
    for tf in files:  # whole teams the export no longer has (only teams the import manages)
        if tf.id in export_ids or not any(tf.field(m, "employee_id") for m in tf.members):
            continue
        plan.notices.append(tf.problem(tf.source.root, (
            f"team '{tf.id}' is not in the export; " + ("its file is deleted (--remove-missing)" if remove_missing
                                                        else "kept: pass --remove-missing to delete its file")),
            "warning"))
        plan.count("team removed" if remove_missing else "team not in the export")
        if remove_missing:
            gone_files.add(tf.path)
    for tf in files:  # members the export no longer has
        for item in tf.members:
            eid = tf.field(item, "employee_id")
            if eid is None or eid in exported or tf.path in gone_files:
                continue
            who = f"'{tf.field(item, 'name')}'"  # the line says which entry: no employee id in a CI log
            plan.notices.append(tf.problem(item, f"{who} is not in the export; " + (
                "removed with their private fields (--remove-missing)" if remove_missing
                else "kept: pass --remove-missing to remove them"), "warning"))
            plan.count("removed" if remove_missing else "not in the export")
            if remove_missing:
                remove(tf, item)
    pending: dict[Path, str] = {}  # file -> member items to append
    ids = template_ids(content) if any(team.id not in by_id for team in teams) else ([], [])
    for team in teams:
        existing = by_id.get(team.id)
        target = existing or _new_file(content, team, ids, at_row, problems)
        if target is None:
            continue
        if existing is None:
            files.append(target)
            plan.count("team created")
        try:
            pending[target.path] = _import_team(target, team, index, set(exported), remove, plan, at_row, problems)
        except EditError as exc:
            line, col = _line_col(target.source.text, exc.index)
            problems.append(Problem(str(target.path), line, col, exc.message))
    for tf in files:
        if tf.path in gone_files:
            plan.changes.append(Change(tf.path, tf.text(), None))
            continue
        items = pending.get(tf.path, "")
        if items or tf.path in removed:
            left = [m for m in tf.members if m.start_mark.index not in removed.get(tf.path, set())]
            try:
                append_members(tf, items, keep_any=bool(left or items))
            except EditError as exc:
                line, col = _line_col(tf.source.text, exc.index)
                problems.append(Problem(str(tf.path), line, col, exc.message))
                continue
        after = tf.source.apply()
        if tf.new:
            plan.changes.append(Change(tf.path, None, tf.text(after)))
        elif after != tf.source.text:
            plan.changes.append(Change(tf.path, tf.text(), tf.text(after)))
    if not problems:
        problems += _still_valid(plan, exported)
    return plan, problems


def _line_col(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _new_file(content: Path, team: ImportedTeam, ids: tuple[list[str], list[str]], at_row: RowProblem,
              problems: list[Problem]) -> TeamFile | None:
    path = content / "teams" / f"{team.id}.yml"
    if path.exists():
        problems.append(at_row(team.row, f"team '{team.name}' (id '{team.id}') would be written to {path}, "
                                         "which exists and holds another team; rename one of them"))
        return None
    try:
        text = new_team_text(content, team.id, team.name, team.manager, timezone=team.timezone or "UTC", ids=ids)
    except UsageError as exc:
        problems.append(at_row(team.row, f"cannot start team '{team.name}': {exc}"))
        return None
    return TeamFile(path, Source(text), id=team.id, new=True)


def _import_team(tf: TeamFile, team: ImportedTeam, index: dict[str, tuple[TeamFile, yaml.MappingNode]],
                 exported: set[str], remove: Callable[[TeamFile, yaml.MappingNode], None], plan: RosterPlan,
                 at_row: RowProblem, problems: list[Problem]) -> str:
    """Splices for one team of the export; returns the member items to append to its list."""
    set_team_fields(tf, team)
    style = seq_style(tf)
    here = {p.employee_id for p in team.members}
    taken: set[str] = set()  # member page ids in use once the import is done
    by_hand: dict[str, yaml.MappingNode] = {}  # members without an employee_id, by the page id of their name
    for item in tf.members:
        eid = tf.field(item, "employee_id")
        if eid is not None and eid not in here and eid in exported:
            continue  # moves to another team
        person = next((p for p in team.members if p.employee_id == eid), None) if eid else None
        name = person.name if person else tf.field(item, "name") or ""
        slug = tf.field(item, "id") or slugify(name)
        taken.add(slug)
        if eid is None:
            by_hand[slugify(name)] = item
    items = ""
    for person in team.members:
        hit = index.get(person.employee_id)
        if hit is not None and hit[0] is tf:
            if update_member(tf.source, hit[1], person):
                plan.count("updated")
            continue
        base = slugify(person.name)
        if base in by_hand:
            line = tf.where(by_hand[base])[0]
            problems.append(at_row(person.row, (
                f"'{person.name}' is already in {tf.path} (line {line}) without an employee_id: add "
                f"`employee_id: {person.employee_id}` to that member so the import updates them instead of adding "
                "a second one")))
            continue
        if hit is not None:
            source, item = hit
            explicit = source.field(item, "id")
            slug, new_id = (explicit, None) if explicit else page_id(person, taken)
            if new_id:
                problems.append(at_row(person.row, f"'{person.name}' moves to team '{team.id}', where the page id "
                                                   f"'{slugify(person.name)}' is taken: give them an `id:` in "
                                                   f"{source.path} first"))
                continue
            items += moved_text(source, item, person, style)
            remove(source, item)
            plan.count("moved")
            plan.notices.append(source.problem(item, f"'{person.name}' moves to team '{team.id}' ({tf.path}) with "
                                                      "their goals, focus and notes", "warning"))
        else:
            slug, new_id = page_id(person, taken)
            items += item_text(member_lines(person, new_id), style)
            plan.count("added")
        taken.add(slug)
    return items


def _still_valid(plan: RosterPlan, exported: dict[str, tuple[ImportedTeam, Person]]) -> list[Problem]:
    """Every file the import writes must load and validate as a team, with each imported person as the
    export says: a last check of the splices, so a bug here can never write a broken file."""
    problems: list[Problem] = []
    for change in plan.changes:
        if change.after is None:
            continue
        doc = load_bytes(change.after.encode("utf-8"), change.path)
        team = parse_document(doc, Team)
        before_doc = load_bytes(change.before.encode("utf-8"), change.path) if change.before else None
        if before_doc is not None:
            parse_document(before_doc, Team)
        known = {p.message for p in before_doc.problems} if before_doc else set()
        problems += [Problem(p.path, p.line, p.column, f"after the import: {p.message}")
                     for p in doc.problems if p.message not in known]
        if team is None:
            continue
        slugs: dict[str, str] = {}
        for member in team.members:  # as `check` would: two members may not share a page id
            if member.slug in slugs:
                problems.append(Problem(str(change.path), 0, 0, (
                    f"after the import, '{member.name}' and '{slugs[member.slug]}' would share the page id "
                    f"'{member.slug}': give one of them an `id:` in this file")))
            slugs.setdefault(member.slug, member.name)
        for member in team.members:
            if member.employee_id in exported and exported[member.employee_id][0].id == team.id:
                person = exported[member.employee_id][1]
                if (member.name, member.role) != (person.name, person.role) or (
                        person.start_date and member.start_date != person.start_date):
                    problems.append(Problem(str(change.path), 0, 0, (
                        f"the import's edit of {member.name} in this file came out wrong (a bug: please report it "
                        "with the file and the export); nothing was written")))
    return problems
