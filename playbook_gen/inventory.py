"""What a playbook and its output folders hold, without building: `inventory()` for `playbook list`,
`index()` to rewrite each output root's `index.html` from the manifests present (after merging shards)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .api import BuildOptions, check
from .branding import index_brand
from .errors import PlaybookError, Problem
from .publish import MANIFEST_GLOB, Manifest, OutputLock, write_index


def index(out: Path = Path("site"), managers_out: Path | None = None) -> list[Path]:
    """Rebuild `index.html` of each output root from every manifest present (e.g. after merging shards).

    The shards' manifests are merged into the root's own manifest, so the
    result is what one unsharded build would have written.
    """
    options = BuildOptions(out=Path(out), managers_out=managers_out)
    written = []
    brand = index_brand()
    with OutputLock([p for p in (Path(out), options.managers_root) if p.is_dir()]):
        for private, root in ((False, Path(out)), (True, options.managers_root)):
            if not root.is_dir():
                continue
            merged = Manifest.read_all(root)
            if not merged.editions and not any(root.glob(MANIFEST_GLOB)):
                continue
            title = merged.title or ("Coaching playbook — manager editions" if private else "Coaching playbook")
            merged.title = title
            merged.write()
            for other in root.glob(MANIFEST_GLOB):
                if other != merged.path:
                    other.unlink()
            write_index(root, merged, title=title, private=private, brand=brand)
            merged.write()
            written.append(root / "index.html")
    if not written:
        raise PlaybookError([Problem(str(out), message="no playbook manifest here: nothing to index")])
    return written


def inventory(content: Path | None = None) -> dict:
    """What the playbook holds, for `playbook list`: ids, titles, links between them, counts."""
    found = check(content)

    def where(kind: str, item_id: str) -> str:
        return str(found.files.get((kind, item_id), ""))

    data: dict[str, Any] = {
        "principles": [
            {"id": p.id, "title": p.title, "tags": list(p.tags),
             "practices": [c.id for c in found.practices_for(p.id)], "file": where("principle", p.id)}
            for p in found.principles.values()
        ],
        "practices": [
            {"id": c.id, "title": c.title, "principle": c.principle, "minutes": c.minutes, "cadence": c.cadence,
             "difficulty": c.difficulty, "tags": list(c.tags),
             "situations": [s.id for s in found.situations_for(c.id)], "file": where("practice", c.id)}
            for c in found.practices.values()
        ],
        "situations": [
            {"id": s.id, "title": s.title, "practices": list(s.practices), "file": where("situation", s.id)}
            for s in found.situations.values()
        ],
        "scorecards": [
            {"id": s.id, "title": s.title, "criteria": [c.name for c in s.criteria],
             "practices": [p.id for p in found.practices_scored_by(s.id)], "file": where("scorecard", s.id)}
            for s in found.scorecards.values()
        ],
        "teams": [  # shareable facts only: the member count, never a member's private fields
            {"id": t.id, "name": t.name, "manager": t.manager.name, "quarter": t.quarter,
             "members": len(t.members), "situations": list(t.situations), "file": where("team", t.id)}
            for t in found.teams.values()
        ],
    }
    data["counts"] = {kind: len(items) for kind, items in data.items()}
    return data
