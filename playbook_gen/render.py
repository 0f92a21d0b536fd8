"""Stage 4 — render: Jinja2 templates → Markdown pages + the edition's mkdocs.yml.

Escaping is enforced here, in one place: every value a template prints goes
through `finalize`, which turns it into literal Markdown text unless it is
`Markup` (trusted playbook prose passed through the `markdown` filter, or a
link built by `link()`). Templates are only ever loaded from template folders,
never built from data, and undefined names raise.
"""
from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from typing import Any

import yaml
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from .plan import Edition, Page
from .resources import base_config, safe_name, template_dirs

# Characters Python-Markdown (and its extensions) treat as syntax. Each becomes a
# numeric character reference: Markdown never parses an entity as syntax, and
# the browser shows the character itself.
_MD_SYNTAX = re.compile(r"[\\`*_{}\[\]()#+\-.!|:~^=]")
_WHITESPACE = re.compile(r"\s+")


def md_text(value: Any) -> str:
    """Literal text for a Markdown page: no markup, no HTML, no line structure."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = _WHITESPACE.sub(" ", str(value)).strip()
    text = html.escape(text, quote=False)  # & < >
    return _MD_SYNTAX.sub(lambda m: f"&#{ord(m.group())};", text)


def trusted_markdown(value: Any) -> Markup:
    """Long-form prose written by the playbook owner: Markdown allowed, raw HTML not."""
    text = str(value or "")
    text = html.escape(text, quote=False)
    text = re.sub(r"^(\s*)&gt;", r"\1>", text, flags=re.M)  # keep block quotes
    return Markup(text)


@pass_context
def link(context: Any, text: Any, target: str) -> Markup:
    """A Markdown link from the current page to `target` (a docs-relative .md path)."""
    here = context["here"]
    for part in target.removesuffix(".md").split("/"):
        if part != "index":
            safe_name(part)
    href = posixpath.relpath(target, posixpath.dirname(here) or ".")
    return Markup(f"[{md_text(text)}]({href})")


def source_line(source: Any) -> Markup:
    """'*Title*, Author, Publication, 2013' with only the parts the source gives."""
    parts = []
    if source.title:
        parts.append(f"*{md_text(source.title)}*")
    elif source.description:
        parts.append(md_text(source.description))
    parts += [md_text(v) for v in (source.author, source.publication, source.year) if v]
    return Markup(", ".join(parts))


def reason_text(reason: Any) -> Markup:
    """A plan `Reason` as Markdown: each segment literal text, the emphasised ones in italics."""
    out = []
    for text, emphasised in reason.parts:
        core = md_text(text)
        if core and emphasised:
            core = f"*{core}*"
        lead = " " if text[:1].isspace() else ""
        trail = " " if text[-1:].isspace() else ""
        out.append(f"{lead}{core}{trail}")
    return Markup("".join(out))


def environment(dirs: list[Path] | None = None) -> Environment:
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d / "pages")) for d in (dirs or template_dirs())]),
        undefined=StrictUndefined,
        finalize=md_text,
        autoescape=False,  # Markdown output: md_text is the escaping, applied to every value
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["markdown"] = trusted_markdown
    env.globals["link"] = link
    env.globals["source_line"] = source_line
    env.filters["reason"] = reason_text
    return env


def render_page(env: Environment, page: Page) -> str:
    return env.get_template(page.template).render(here=page.path, **page.context)


def edition_config(edition: Edition, *, site_url: str | None, docs_dir: str = "docs") -> dict[str, Any]:
    """The edition's own mkdocs.yml: INHERITs the base config, adds what is per edition."""
    overrides = [d / "overrides" for d in template_dirs() if (d / "overrides").is_dir()]
    theme: dict[str, Any] = {"name": "material"}
    if overrides:
        theme["custom_dir"] = str(overrides[0].resolve())
    if edition.team is not None:
        theme["language"] = edition.team.language
        if edition.team.palette:
            palette = {k: v for k, v in edition.team.palette.model_dump().items() if v}
            if palette:
                theme["palette"] = palette
    config: dict[str, Any] = {
        "INHERIT": str(base_config().resolve()),
        "site_name": edition.site_name,
        "docs_dir": docs_dir,
        "theme": theme,
        "nav": edition.nav,
    }
    if site_url:
        config["site_url"] = site_url
    return config


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write only when the content differs, so `serve` does not loop on its own output."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def render_edition(edition: Edition, workdir: Path, *, site_url: str | None = None,
                   env: Environment | None = None) -> Path:
    """Write the edition's Markdown and mkdocs.yml under `workdir`; return the config path."""
    env = env or environment()
    docs = workdir / "docs"
    wanted = set()
    for page in edition.pages:
        target = docs / page.path
        wanted.add(target)
        write_if_changed(target, render_page(env, page).encode("utf-8"))
    for stale in [p for p in docs.rglob("*.md") if p not in wanted]:
        stale.unlink()
    config = edition_config(edition, site_url=site_url)
    config_path = workdir / "mkdocs.yml"
    text = yaml.safe_dump(config, sort_keys=False, allow_unicode=True)
    write_if_changed(config_path, text.encode("utf-8"))
    return config_path
