"""The team files as the import finds them, and the splices that bring them in line with an export.

What the import owns in a team file: the team's `name`, its manager's `name`, and of each member
it imported (recognised by `employee_id`) the `name`, `role`, `employee_id` and `start_date`
(and the `tenure_months` a start date replaces). Everything else is the people's own and is
never touched: goals, notes, focus, strengths, slots, comments, order, quoting.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import Problem
from ..load import load_bytes
from ..models import slugify
from .roster import ImportedTeam, Person, team_slug
from .yamledit import EditError, Loader, Source, reindent, scalar


@dataclass
class TeamFile:
    """One team file: its text, nodes and members as written."""

    path: Path
    source: Source
    bom: bool = False
    crlf: bool = False
    id: str | None = None
    members: list[yaml.MappingNode] = field(default_factory=list)
    new: bool = False  # written by this import, from the new-team template

    def where(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def problem(self, node: yaml.Node, message: str, severity: str = "error") -> Problem:
        line, col = self.where(node)
        return Problem(str(self.path), line, col, message, severity)

    def field(self, member: yaml.Node, key: str) -> str | None:
        found = Source.get(member, key)
        return Source.value(found[1]) if found else None

    def text(self, new: str | None = None) -> str:
        """The file's text as it would be written (BOM and line endings as they were)."""
        body = self.source.text if new is None else new
        if self.crlf:
            body = body.replace("\n", "\r\n")
        return ("\ufeff" if self.bom else "") + body


def read_team_file(path: Path, raw: bytes, problems: list[Problem]) -> TeamFile | None:
    doc = load_bytes(raw, path)
    if doc.problems:  # the import edits only a file the generator can read
        problems.extend(doc.problems)
        return None
    text = doc.text
    crlf = "\r\n" in text
    if crlf:
        text = text.replace("\r\n", "\n")
    alias = next((e for e in yaml.parse(text, Loader=Loader) if isinstance(e, yaml.AliasEvent)), None)
    if alias is not None:  # an alias's node is its anchor's: its marks point elsewhere in the file
        mark = alias.start_mark
        problems.append(Problem(str(path), mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, (
            f"the import does not edit a file with YAML aliases (*{alias.anchor}): write the value out in full here")))
        return None
    tf = TeamFile(path, Source(text), bom=raw.startswith(b"\xef\xbb\xbf"), crlf=crlf)
    root = tf.source.root
    found_id = Source.get(root, "id")
    tf.id = tf.source.value(found_id[1]) if found_id else None
    found = Source.get(root, "members")
    if found and isinstance(found[1], yaml.SequenceNode):
        tf.members = [m for m in found[1].value if isinstance(m, yaml.MappingNode)]
    return tf


@dataclass
class SeqStyle:
    dash: int
    content: int


def seq_style(tf: TeamFile) -> SeqStyle:
    """How the file indents its members list (the scaffold's `  - name:` when it has none)."""
    src = tf.source
    found = Source.get(src.root, "members")
    if found and isinstance(found[1], yaml.SequenceNode) and found[1].value and not found[1].flow_style:
        item = found[1].value[0]
        dash = src.column(src.dash(item))
        return SeqStyle(dash, max(src.column(item.start_mark.index), dash + 2))
    key_col = src.column(found[0].start_mark.index) if found else 0
    return SeqStyle(key_col + 2, key_col + 4)


def member_lines(person: Person, page_id: str | None) -> list[tuple[str, str]]:
    lines = [("name", scalar(person.name))]
    if page_id:
        lines.append(("id", page_id))
    lines += [("role", scalar(person.role)), ("employee_id", scalar(person.employee_id))]
    if person.start_date:
        lines.append(("start_date", person.start_date.isoformat()))
    return lines


def item_text(lines: list[tuple[str, str]], style: SeqStyle) -> str:
    first, *rest = lines
    head = " " * style.dash + "-" + " " * (style.content - style.dash - 1) + f"{first[0]}: {first[1]}\n"
    return head + "".join(" " * style.content + f"{k}: {v}\n" for k, v in rest)


def update_member(src: Source, item: yaml.MappingNode, person: Person) -> bool:
    """Splices making a member's imported fields what the export says; True when anything changes."""
    changed = False
    additions: list[tuple[str, str]] = []
    wanted = [("name", person.name, False), ("role", person.role, False)]
    if person.start_date:
        wanted.append(("start_date", person.start_date.isoformat(), True))
    for key, value, is_date in wanted:
        found = Source.get(item, key)
        if found is None:
            additions.append((key, value if is_date else scalar(value)))
        elif Source.value(found[1]) != value:
            src.set(found[1], value, date=is_date)
        else:
            continue
        changed = True
    if additions:
        src.add(item, additions)
    if person.start_date and Source.get(item, "tenure_months"):
        src.remove_key(item, "tenure_months")
        changed = True
    return changed


def moved_text(tf: TeamFile, item: yaml.MappingNode, person: Person, style: SeqStyle) -> str:
    """A member's lines taken from another team's file, in this file's indentation, brought up to date."""
    start, end = tf.source.item_span(item)
    block = tf.source.text[start:end]
    if not block.endswith("\n"):
        block += "\n"
    block = reindent(block, style.dash - tf.source.column(tf.source.dash(item)))
    piece = Source(block)
    assert isinstance(piece.root, yaml.SequenceNode)
    member = piece.root.value[0]
    assert isinstance(member, yaml.MappingNode)
    update_member(piece, member, person)
    return piece.apply()


def append_members(tf: TeamFile, items: str, keep_any: bool) -> None:
    """Add member items (already indented for this file) at the end of its members list."""
    src = tf.source
    root = src.root
    assert isinstance(root, yaml.MappingNode)
    found = Source.get(root, "members")
    if found is None:
        if items:
            at = src.line_end(src.content_end(root))
            lead = "\n" if at == len(src.text) and not src.text.endswith("\n") else ""
            src.splice(at, at, f"{lead}members:\n{items}")
        return
    key, value = found
    if isinstance(value, yaml.SequenceNode) and value.flow_style and value.value:
        raise EditError(value.start_mark.index, "'members' is written as a [ ... ] list: write it as a block list "
                                                "(one '- name: …' entry per member) so the import can add to it")
    if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
        if items:
            at = src.line_end(src.content_end(value))
            src.splice(at, at, items)
        elif not keep_any:  # every member removed: an empty list, not nothing
            src.splice(key.end_mark.index + 1, key.end_mark.index + 1, " []")
        return
    if not items:
        return
    end = value.end_mark.index
    if isinstance(value, yaml.SequenceNode):  # `members: []`: the brackets go, the items follow the line
        src.splice(key.end_mark.index + 1, end, "")
    at = src.line_end(end)
    lead = "\n" if at == len(src.text) and not src.text.endswith("\n") else ""
    src.splice(at, at, lead + items)


def set_team_fields(tf: TeamFile, team: ImportedTeam) -> None:
    src = tf.source
    root = src.root
    assert isinstance(root, yaml.MappingNode)
    name = Source.get(root, "name")
    if name is None:
        src.add(root, [("name", scalar(team.name))])
    elif Source.value(name[1]) != team.name:
        src.set(name[1], team.name)
    manager = Source.get(root, "manager")
    if manager is None:
        src.add(root, [("manager", "{name: " + scalar(team.manager) + "}")])
    elif isinstance(manager[1], yaml.MappingNode) and manager[1].value:
        manager_name = Source.get(manager[1], "name")
        if manager_name is None:
            src.add(manager[1], [("name", scalar(team.manager))])
        elif Source.value(manager_name[1]) != team.manager:
            src.set(manager_name[1], team.manager)
    else:
        raise EditError(manager[1].start_mark.index, "'manager' should be a mapping with a 'name'")


def page_id(person: Person, taken: set[str]) -> tuple[str, str | None]:
    """The member page id a person gets, and the `id:` to write when their name's is taken."""
    slug = slugify(person.name)
    if slug not in taken:
        return slug, None
    unique = f"{slug[:40]}-{team_slug(person.employee_id) or 'member'}"[:64].strip("-")
    n = 2
    while unique in taken:
        unique, n = f"{slug[:40]}-{n}", n + 1
    return unique, unique
