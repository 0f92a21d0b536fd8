"""`playbook translations …`: the content catalogues' commands (cli.py registers the group)."""
from __future__ import annotations

from pathlib import Path

import click

from ..console import plural
from ..errors import UsageError
from ..models import LANGUAGE_PATTERN


def catalogue_languages(content, requested: tuple[str, ...]) -> list[str]:
    """The languages to extract: those asked for, else every language the playbook needs besides its own
    (library editions, teams' languages, catalogues already there)."""
    import re

    source = content.playbook.language
    if requested:
        bad = [lang for lang in requested if not re.fullmatch(LANGUAGE_PATTERN, lang)]
        if bad:
            raise UsageError(f"--lang {bad[0]}: not a language code (like de or pt-BR)")
        if source in requested:
            raise UsageError(f"--lang {source}: that is the content's own language (playbook.yml `language:`)")
        return list(dict.fromkeys(requested))
    wanted = [*content.languages[1:], *(t.language for t in content.teams.values()), *content.catalogues,
              *content.playbook.translations]
    return [lang for lang in dict.fromkeys(wanted) if lang != source]


@click.group()
def translations() -> None:
    """Content catalogues: content/translations/<language>.po."""


@translations.command()
@click.option("--content", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Content folder (default: ./content).")
@click.option("--lang", "languages", multiple=True, metavar="LANG",
              help="Language to write a catalogue for (repeatable; default: every language the playbook uses).")
def extract(content: Path | None, languages: tuple[str, ...]) -> None:
    """Write or update the catalogues: one entry per translatable text, existing translations kept."""
    from ..cli_shell import run as _run
    from ..errors import display_path
    from .catalog import extract as extract_catalogue

    def run():
        from ..validate import load_content
        folder = content or Path("content")
        if not (folder / "playbook.yml").is_file():
            raise UsageError(f"no playbook.yml in {folder}/: run this in your playbook's folder, or pass --content DIR")
        loaded = load_content(folder, check_translations=False)
        chosen = catalogue_languages(loaded, languages)
        if not chosen:
            raise UsageError("no language to extract: the content, its teams and playbook.yml's `languages:` use only "
                             f"'{loaded.playbook.language}'; name one with --lang")
        return [extract_catalogue(loaded, lang) for lang in chosen]

    for result in _run(run, failed="no catalogue was written."):
        click.echo(f"{display_path(result.path)}: {plural(result.total, 'entry', 'entries')}, "
                   f"{result.added} new, {result.fuzzy} marked fuzzy (source changed), {result.obsolete} obsolete")
