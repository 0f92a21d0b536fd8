"""Where bundled and user-supplied files live, and how an edition's config and theme overrides are staged.

A wheel ships the default content pack, templates, schemas and base
`mkdocs.yml` under `playbook_gen/_bundled/`; in a source checkout they are the
repository's top-level folders. In the working folder:

- a user's `content/` replaces the bundled pack as a whole (never mixed with it:
  no demo team may appear in an organisation's site);
- a user's `templates/` overrides the bundled templates file by file: page
  templates through a Jinja `ChoiceLoader`, theme overrides
  (`templates/overrides/`) by merging both folders into the edition's staging
  folder, since MkDocs takes a single `custom_dir`;
- a user's `mkdocs.yml` is layered on top of the bundled one: it INHERITs it,
  so an organisation writes only what it changes (palette, logo, copyright)
  and keeps the settings the templates rely on (`font: false`, the Markdown
  extensions). A user file with its own top-level `INHERIT:` is used as is.
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_root() -> Path:
    bundled = PACKAGE_DIR / "_bundled"
    return bundled if bundled.is_dir() else PACKAGE_DIR.parent


def bundled_content() -> Path:
    return bundled_root() / "content"


def bundled_templates() -> Path:
    return bundled_root() / "templates"


def bundled_base_config() -> Path:
    return bundled_root() / "mkdocs.yml"


def template_dirs(cwd: Path | None = None) -> list[Path]:
    """User templates first (file-by-file override), bundled templates last."""
    cwd = cwd or Path.cwd()
    dirs = []
    user = cwd / "templates"
    if user.is_dir() and user.resolve() != bundled_templates().resolve():
        dirs.append(user)
    dirs.append(bundled_templates())
    return dirs


def bundled_schemas() -> Path:
    return bundled_root() / "schemas"


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def base_config(cwd: Path | None = None) -> Path:
    """The user's `mkdocs.yml` when there is one, else the bundled one."""
    cwd = cwd or Path.cwd()
    user = cwd / "mkdocs.yml"
    return user if user.is_file() else bundled_base_config()


_INHERIT = re.compile(r"^INHERIT\s*:", re.M)
_DOC_START = re.compile(r"\A((?:[ \t]*(?:#.*)?\n)*---[ \t]*(?:#.*)?\n)")


def stage_base_config(workdir: Path, cwd: Path | None = None) -> Path:
    """The config an edition INHERITs: the bundled `mkdocs.yml` with the user's layered on top.

    The user's file is copied into `workdir` with an `INHERIT:` line naming the
    bundled file (MkDocs merges mappings key by key, the child winning; lists
    are replaced). Text is copied, not parsed, so MkDocs' own YAML tags keep
    working. Without a user file, or when it has its own `INHERIT:`, the file is
    used directly.
    """
    user = base_config(cwd)
    bundled = bundled_base_config()
    if _same(user, bundled):
        return bundled
    text = user.read_text("utf-8")
    if _INHERIT.search(text):
        return user.resolve()
    parent = f"INHERIT: {json.dumps(str(bundled.resolve()))}  # added by playbook: your mkdocs.yml extends the bundled one\n"
    start = _DOC_START.match(text)
    head, rest = (start.group(1), text[start.end():]) if start else ("", text)
    staged = workdir / "base.yml"
    write_if_changed(staged, (head + parent + rest).encode("utf-8"))
    return staged


def overrides_dirs(cwd: Path | None = None) -> list[Path]:
    """Theme override folders, bundled first, the user's last (the user's files win)."""
    return [d / "overrides" for d in reversed(template_dirs(cwd)) if (d / "overrides").is_dir()]


def stage_overrides(dest: Path, cwd: Path | None = None) -> Path | None:
    """Merge the bundled and the user's theme overrides into `dest`, file by file; return the
    folder the theme should read (the only source itself when there is nothing to merge).

    Files are written only when their content changed, and files no longer in
    any source are removed, so `serve` does not loop on its own output.
    """
    sources = overrides_dirs(cwd)
    if not sources:
        return None
    if len(sources) == 1 and not dest.exists():  # nothing to merge: the theme reads the folder itself
        return sources[0].resolve()
    wanted: dict[Path, Path] = {}
    for source in sources:
        for path in source.rglob("*"):
            if path.is_file():
                wanted[dest / path.relative_to(source)] = path
    for target, path in wanted.items():
        write_if_changed(target, path.read_bytes())
    if dest.is_dir():
        for stale in [p for p in dest.rglob("*") if p.is_file() and p not in wanted]:
            stale.unlink()
    dest.mkdir(parents=True, exist_ok=True)
    return dest


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write only when the content differs, so `serve` does not loop on its own output."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


@functools.lru_cache(maxsize=1)
def theme_languages() -> frozenset[str]:
    """Interface languages the installed Material theme ships (empty if it cannot tell)."""
    try:
        import material
    except ImportError:  # pragma: no cover - mkdocs-material is a dependency
        return frozenset()
    folder = Path(material.__file__).resolve().parent / "templates" / "partials" / "languages"
    return frozenset(p.stem for p in folder.glob("*.html") if p.stem != "custom")
