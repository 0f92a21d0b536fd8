"""How complete each language's catalogue is: `playbook check`'s lines and playbook.yml's `min_complete`."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from ..content import Content
from ..errors import Problem, display_path
from ..load import load_file
from ..models import LANGUAGE_PATTERN
from .catalog import TRANSLATIONS_DIR, Catalogue, read_catalogue
from .fields import Entry, entries


@dataclass
class Completeness:
    language: str
    path: Path
    total: int = 0
    translated: int = 0
    fuzzy: list[Entry] = field(default_factory=list)
    untranslated: list[Entry] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    def line(self) -> str:
        """'de: 412/430, 18 untranslated, 3 fuzzy — content/translations/de.po'"""
        return (f"{self.language}: {self.translated}/{self.total}, {len(self.untranslated)} untranslated, "
                f"{len(self.fuzzy)} fuzzy — {display_path(self.path)}")

    def missing_lines(self) -> list[str]:
        """One line per entry shown in the source language, at its source file:line (--verbose)."""
        out = []
        for state, found in (("untranslated", self.untranslated), ("fuzzy", self.fuzzy)):
            for entry in found:
                where = f"{entry.locations[0][0]}:{entry.locations[0][1]}" if entry.locations else entry.context
                text = " ".join(entry.msgid.split())
                out.append(f"  {where}: {state}: {entry.context}: {text[:70]}{'…' if len(text) > 70 else ''}")
        return out


def completeness(content: Content) -> list[Completeness]:
    """Per catalogue (and per language playbook.yml requires one for), how many entries are translated."""
    if not content.catalogues and not content.playbook.translations:
        return []
    found = entries(content)
    languages = sorted(set(content.catalogues) | set(content.playbook.translations))
    out = []
    for lang in languages:
        catalogue = content.catalogues.get(lang)
        report = Completeness(lang, catalogue.path if catalogue else Path(content.root) / TRANSLATIONS_DIR / f"{lang}.po",
                              total=len(found))
        for entry in found:
            message = catalogue.messages.get((entry.context, entry.msgid)) if catalogue else None
            if message is None or not message[0].strip():
                report.untranslated.append(entry)
            elif message[1]:
                report.fuzzy.append(entry)
            else:
                report.translated += 1
        out.append(report)
    return out


def min_complete_problems(content: Content, reports: list[Completeness]) -> list[Problem]:
    """An error at playbook.yml's `min_complete` for every language below its minimum."""
    problems = []
    doc = None
    for report in reports:
        settings = content.playbook.translations.get(report.language)
        if settings is None or report.percent >= settings.min_complete:
            continue
        doc = doc or load_file(content.files[("playbook", "playbook")])
        missing = len(report.untranslated) + len(report.fuzzy)
        problems.append(doc.problem(("translations", report.language, "min_complete"), (
            f"the {report.language} translation is {math.floor(report.percent)}% complete ({report.translated}/{report.total}), "
            f"below min_complete {settings.min_complete}: {len(report.untranslated)} untranslated and "
            f"{len(report.fuzzy)} fuzzy in {display_path(report.path)}"
            + ("" if missing == 0 else "; `playbook check --verbose` lists each one's source file:line"))))
    return problems


def load_catalogues(root: Path) -> tuple[dict[str, Catalogue], list[Problem]]:
    """content/translations/<language>.po, each read; a file that is not one is a problem."""
    import re

    folder = Path(root) / TRANSLATIONS_DIR
    catalogues: dict[str, Catalogue] = {}
    problems: list[Problem] = []
    if not folder.is_dir():
        return catalogues, problems
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix != ".po":
            continue
        if not re.fullmatch(LANGUAGE_PATTERN, path.stem):
            problems.append(Problem(str(path), 1, 1, f"'{path.name}' is not named after a language code "
                                                    "(like de.po or pt-BR.po): it is not read", "warning"))
            continue
        catalogue, found = read_catalogue(path, path.stem)
        problems.extend(found)
        if catalogue is not None:
            catalogues[path.stem] = catalogue
    return catalogues, problems


def translation_lines(content: Content, *, verbose: bool = False) -> list[str]:
    """`playbook check`'s lines: one per language, and with `verbose` each entry shown in the source language."""
    out = []
    for report in completeness(content):
        out.append(report.line())
        if verbose:
            out += report.missing_lines()
    return out


def language_warnings(content: Content) -> list[Problem]:
    """A language the editions use that has no catalogue (its editions show the content in the source
    language), and a library language Material has no interface for."""
    from ..paths import theme_languages
    from ..suggest import did_you_mean

    source = content.playbook.language
    found: list[Problem] = []
    doc = None
    material = theme_languages()
    for i, lang in enumerate(content.playbook.languages):
        if material and lang not in material:
            doc = doc or load_file(content.files[("playbook", "playbook")])
            found.append(doc.problem(("languages", i), f"Material has no interface language '{lang}'"
                                                       f"{did_you_mean(lang, sorted(material))}", "warning"))
    users: dict[str, list[str]] = {}
    for lang in content.playbook.languages:
        users.setdefault(lang, []).append(f"library-{lang}")
    for team in content.teams.values():
        users.setdefault(team.language, []).append(team.id)
    for lang, editions in sorted(users.items()):
        if lang == source or lang in content.catalogues:
            continue
        where = content.files.get(("team", editions[-1])) or content.files[("playbook", "playbook")]
        found.append(Problem(str(where), 1, 1, (
            f"{', '.join(editions)} {'is' if len(editions) == 1 else 'are'} in '{lang}', but there is no "
            f"{TRANSLATIONS_DIR}/{lang}.po: the content is shown in '{source}'; run `playbook translations extract "
            f"--lang {lang}` and translate it"), "warning"))
    return found
