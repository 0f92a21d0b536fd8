"""JSON Schemas for editors, generated from the same models the validator uses.

`schemas/<kind>.json` lets VS Code's YAML extension (and any editor speaking the
YAML language server) autocomplete field names, offer the allowed values
(cadence, difficulty, palette colours) and flag mistakes as you type. Content
files point at them with a first line like

    # yaml-language-server: $schema=../../schemas/practice.json

Regenerate after changing `models/`:

    playbook schemas                  # writes ./schemas/
    python -m playbook_gen.schemas    # the same, without the CLI

`playbook schemas --check` exits 1 when the files on disk are out of date.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .models import KINDS, Member

DRAFT = "https://json-schema.org/draft/2020-12/schema"

TITLES = {
    "playbook": "Coaching playbook: playbook.yml",
    "principle": "Coaching playbook: principle (principles/*.yml)",
    "practice": "Coaching playbook: practice card (practices/*.yml)",
    "situation": "Coaching playbook: situation (situations/*.yml)",
    "scorecard": "Coaching playbook: scorecard (scorecards/*.yml)",
    "team": "Coaching playbook: team data (teams/*.yml)",
}


def _mark_privacy(schema: dict[str, Any]) -> None:
    """Tell the editor, field by field, who will see a member's data."""
    member = schema.get("$defs", {}).get("Member")
    if not member:
        return
    public = Member.public_fields()
    for name, prop in member["properties"].items():
        prop.pop("public", None)
        note = ("Shown in every edition of the team." if name in public
                else "Private: only the manager's edition shows it.")
        prop["description"] = f"{prop['description']} {note}" if prop.get("description") else note


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of content file."""
    body = KINDS[kind].model_json_schema()
    _mark_privacy(body)
    body["title"] = TITLES[kind]
    return {"$schema": DRAFT, **body}


def render_all() -> dict[str, str]:
    """{file name: exact file text} for every schema."""
    return {f"{kind}.json": json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n" for kind in KINDS}


def outdated(folder: Path) -> list[str]:
    """Names of schema files in `folder` that are missing or differ from the models."""
    folder = Path(folder)
    stale = []
    for name, text in render_all().items():
        path = folder / name
        if not path.is_file() or path.read_text("utf-8") != text:
            stale.append(name)
    return stale


def write_all(folder: Path) -> list[Path]:
    """Write every schema into `folder`, touching only files whose text changed."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_all().items():
        path = folder / name
        if not path.is_file() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path("schemas")
    written = write_all(folder)
    print(f"{len(written)} schema{'' if len(written) == 1 else 's'} updated in {folder}/" if written else f"schemas in {folder}/ are up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
