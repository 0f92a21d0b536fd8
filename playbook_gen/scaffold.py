"""Starting and growing an organisation's own playbook repository: `init` and `new-team`.

`init_repository()` writes a new repository: the default content pack (without
the demo's fictional teams: an example team to fill in instead), the JSON
Schemas the content files point at, a commented `mkdocs.yml` to brand, a
`.gitignore`, a pre-commit hook running `playbook check` and CI workflows for
GitHub Actions and GitLab CI that build every edition in shards and publish
`site/` only. `new_team()` writes a commented, valid team file.
"""
from __future__ import annotations

import json
import shlex
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

from . import __version__
from .errors import PlaybookError, Problem, UnsafeNameError, UsageError
from .load import load_bytes, load_file
from .models import RESERVED_TEAM_IDS, Team
from .origin import origin
from .paths import PACKAGE_DIR, bundled_content, bundled_schemas
from .safety import safe_name
from .suggest import did_you_mean
from .validate import parse_document

SCAFFOLD = PACKAGE_DIR / "scaffold"
EXAMPLE_TEAM = "example-team"

# scaffold file → where `init` writes it in the new repository
FILES = {
    "mkdocs.yml": "mkdocs.yml",
    "gitignore": ".gitignore",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "github-workflow.yml": ".github/workflows/playbook.yml",
    "gitlab-ci.yml": ".gitlab-ci.yml",
    "templates-README.md": "templates/README.md",
    "README.md": "README.md",
}

Progress = Callable[[str], None]


def unreachable_requirement_warning() -> str | None:
    """A warning for `init` when the CI files it writes install from a path only this machine has."""
    found = origin()
    if found.reachable:
        return None
    return (f"warning: the CI files install the generator from {found.requirement}, which only this machine has; "
            "set PLAYBOOK_GEN at the top of .github/workflows/playbook.yml and .gitlab-ci.yml to a version on "
            "your package index, a wheel URL or a git+https:// URL")


def requirement() -> str:
    """The pip requirement the generated CI installs: this very copy, from where it was installed."""
    return origin().requirement


def _fill(text: str) -> str:
    found = origin()
    return (text.replace('"@PLAYBOOK_REQUIREMENT@"', json.dumps(found.requirement))  # YAML double-quoted
            .replace("@PLAYBOOK_REQUIREMENT_SH@", shlex.quote(found.requirement))
            .replace("@PLAYBOOK_REQUIREMENT_NOTE@", found.note)
            .replace("@PLAYBOOK_VERSION@", __version__))


def default_quarter(today: date | None = None) -> str:
    """The quarter a new team's edition should plan: the current one, or the next once the
    current one is half over (on 2 December most of Q4's calendar would already be past)."""
    today = today or date.today()
    q = (today.month - 1) // 3
    start = date(today.year, 3 * q + 1, 1)
    end = date(today.year + 1, 1, 1) if q == 3 else date(today.year, 3 * q + 4, 1)
    if (today - start) * 2 < end - start:
        return f"{today.year}-Q{q + 1}"
    return f"{today.year + 1}-Q1" if q == 3 else f"{today.year}-Q{q + 2}"


def _yaml_string(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of it)."""
    return json.dumps(value, ensure_ascii=False)


def _note(line: str, comment: str) -> str:
    return f"{line:<30} # {comment}"


def team_file_text(team_id: str, name: str, manager: str, *, quarter: str | None = None,
                   timezone: str = "UTC", language: str = "en", situations: list[str] | None = None,
                   available_situations: list[str] | None = None, available_practices: list[str] | None = None) -> str:
    """A commented team file, ready to fill in; validated against the Team model before it is returned."""
    situations = situations or []
    quarter = quarter or default_quarter()

    def listing(ids: list[str] | None) -> str:
        if not ids:
            return ""
        lines, line = [], "#  "
        for item in ids:
            if len(line) + len(item) + 2 > 92:
                lines.append(line.rstrip(","))
                line = "#  "
            line += f" {item},"
        lines.append(line.rstrip(","))
        return "\n".join(lines) + "\n"

    text = f"""# yaml-language-server: $schema=../../schemas/team.json
# One team of the coaching playbook. `playbook build` makes two editions of it:
# the team edition (site/{team_id}/, shareable with the whole team) and the
# manager edition (site-managers/{team_id}/, private). Check it with `playbook check`.

{_note(f"id: {team_id}", "the editions' folder name: lower-case letters, digits, hyphens")}
name: {_yaml_string(name)}
manager:
  name: {_yaml_string(manager)}
  # email: someone@example.com
  coaching_hours_per_week: 6     # what the plan may book for coaching, one-on-ones included
{_note(f"quarter: {quarter}", "the calendar quarter this edition plans, YYYY-QN")}
{_note(f"timezone: {timezone}", "IANA time zone of the coaching calendar, e.g. Europe/Berlin")}
{_note(f"language: {language}", "language of the site's own labels: en, de, fr, ...")}
# palette:                       # Material colour names, to tell the editions apart
#   primary: indigo
#   accent: teal

# The coaching calendar: nothing is booked outside working hours, at weekends or on skip days.
working_hours: "09:00-17:30"
skip: []                         # holidays, offsites: [2027-02-15, 2027-03-29]
# One-on-ones: members follow one another from `time` on `day`, unless they have their own slot.
# every: weekly, biweekly, monthly or none
one_on_ones: {{day: tuesday, time: "14:00", minutes: 30, every: weekly}}

# The situations the team is in right now (ids from content/situations/). Their
# practice cards become the team's recommended practices. Available:
{listing(available_situations)}situations: [{", ".join(situations)}]

# What the team works towards this quarter, in the team's own words.
goals: []
#  - Grow expansion revenue in the top 20 accounts

# The team's numbers (names declared under `metrics:` in playbook.yml). Situations read them:
# a team whose numbers meet a situation's threshold is shown it, with the evidence.
metrics: {{}}
#  regretted_leavers_12m: 2
#  rep_ideas_last_quarter: 1

# One entry per person: replace [] with entries like the one below.
# Only `name` and `role` appear in the team edition. Every other field is
# between the person and their manager: it appears in the manager edition only.
members: []
#  - name: Alex Moreno
#    role: Account Executive
#    id: alex-moreno              # optional; derived from the name
#    employee_id: "10002"         # optional: the HR system's id, how `playbook import roster` matches them
#    tenure_months: 8             # months in the role; or start_date: 2025-06-16 to count them from
#    goals: [Run discovery calls without the manager]
#    strengths: [Research before calls]
#    focus: [obstacle-first-one-on-one]   # practice ids from content/practices/
#    notes: Wants to move into enterprise deals next year.
#    one_on_one: {{day: thursday, time: "09:30", minutes: 45, every: monthly}}   # overrides one_on_ones
#    threads:                     # open items between the two of you: manager edition only
#      - {{text: "Asked about the enablement budget", since: 2026-11-03}}
#      - {{text: "Promised: intro to the partner team", since: 2026-11-20, mine: true}}   # mine: you owe it
"""
    if available_practices:
        text += "#\n# Practice ids for `focus`:\n" + listing(available_practices)
    doc = load_bytes(text.encode("utf-8"), Path(f"{team_id}.yml"))
    parse_document(doc, Team)
    if doc.problems:
        raise UsageError("; ".join(p.message for p in doc.problems))
    return text


def _ids(folder: Path) -> dict[str, tuple[Path, int, int]]:
    """id → (file, line, column) of every YAML file in a content sub-folder that has one."""
    found: dict[str, tuple[Path, int, int]] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".yml", ".yaml") or path.name.startswith("."):
            continue
        doc = load_file(path)
        if isinstance(doc.data, dict) and isinstance(doc.data.get("id"), str):
            line, col = doc.where(("id",))
            found.setdefault(doc.data["id"], (path, line, col))
    return found


def template_ids(content: Path) -> tuple[list[str], list[str]]:
    """The situation and practice ids a new team file lists, in order."""
    return sorted(_ids(content / "situations")), sorted(_ids(content / "practices"))


def new_team_text(content: Path, team_id: str, name: str, manager: str, *, quarter: str | None = None,
                  timezone: str = "UTC", language: str = "en", situations: list[str] | None = None,
                  ids: tuple[list[str], list[str]] | None = None) -> str:
    """What `new-team` writes for a team of `content` (and `playbook import roster` for a new team): the
    commented file listing the content's situations and practices (`ids`: `template_ids(content)`, read
    once for many teams); unknown situations are refused."""
    known, practices = ids or template_ids(content)
    unknown = [s for s in situations or [] if s not in known]
    if unknown:
        raise UsageError("; ".join(f"no situation '{s}'{did_you_mean(s, known)}" for s in unknown))
    return team_file_text(team_id, name, manager, quarter=quarter, timezone=timezone, language=language,
                          situations=situations, available_situations=known, available_practices=practices)


def new_team(team_id: str, name: str, manager: str, *, content: Path = Path("content"),
             quarter: str | None = None, timezone: str = "UTC", language: str = "en",
             situations: list[str] | None = None) -> Path:
    """Write `content/teams/<id>.yml`; refuse an id (or file) that exists. Returns the new file."""
    try:
        safe_name(team_id)
    except UnsafeNameError:
        raise UsageError(f"'{team_id}' is not a valid team id: use lower-case letters, digits and single hyphens") from None
    if team_id in RESERVED_TEAM_IDS:
        raise UsageError(f"team id '{team_id}' is reserved; choose another")
    content = Path(content)
    if not content.is_dir():
        raise PlaybookError([Problem(str(content), 0, 0,
                                     "content folder not found; run `playbook init DIR` to start a playbook, or pass --content")])
    teams = content / "teams"
    existing = _ids(teams)
    if team_id in existing:
        path, line, col = existing[team_id]
        raise PlaybookError([Problem(str(path), line, col, f"team id '{team_id}' already exists; choose another id")])
    target = teams / f"{team_id}.yml"
    if target.exists():
        raise PlaybookError([Problem(str(target), 0, 0, "file already exists; choose another id")])
    text = new_team_text(content, team_id, name, manager, quarter=quarter, timezone=timezone, language=language,
                         situations=situations)
    teams.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite a file that appeared meanwhile
        handle.write(text)
    return target



def init_repository(target: Path, *, overwrite: bool = False, progress: Progress | None = None) -> list[Path]:
    """Create a playbook repository in `target`; refuse a non-empty folder unless `overwrite`."""
    say = progress or (lambda message: None)
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise PlaybookError([Problem(str(target), 0, 0, "exists and is not a folder")])
    if target.is_dir() and any(target.iterdir()) and not overwrite:
        raise PlaybookError([Problem(str(target), 0, 0,
                                     "folder is not empty; choose a new folder, or pass --overwrite to write the playbook files into it")])
    written: list[Path] = []

    def copy_tree(source: Path, dest: Path) -> None:
        for path in sorted(source.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                out = dest / path.relative_to(source)
                out.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, out)
                written.append(out)

    pack = bundled_content()  # everything but the demo's teams: their people are fictional
    for source in sorted(pack.iterdir()):
        if source.name in ("teams", "__pycache__"):
            continue
        if source.is_dir():
            copy_tree(source, target / "content" / source.name)
        else:
            (target / "content").mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target / "content" / source.name)
            written.append(target / "content" / source.name)
    teams = target / "content" / "teams"
    if not (teams.is_dir() and any(teams.glob("*.y*ml"))):
        situations = sorted(_ids(target / "content" / "situations"))
        text = team_file_text(EXAMPLE_TEAM, "Example team", "Your Name", situations=situations[:1],
                              available_situations=situations,
                              available_practices=sorted(_ids(target / "content" / "practices")))
        teams.mkdir(parents=True, exist_ok=True)
        (teams / f"{EXAMPLE_TEAM}.yml").write_text(text, "utf-8")
        written.append(teams / f"{EXAMPLE_TEAM}.yml")
    if bundled_schemas().is_dir():  # the `# yaml-language-server: $schema=../schemas/…` lines point here
        copy_tree(bundled_schemas(), target / "schemas")
    for name, dest in FILES.items():
        out = target / dest
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(_fill((SCAFFOLD / name).read_text("utf-8")), "utf-8")
        written.append(out)
    say(f"created a playbook repository in {target}/ ({len(written)} files)")
    return written
