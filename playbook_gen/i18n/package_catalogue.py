"""The generator's own catalogue: every string the templates mark `_("…")` and the Python code passes to
`strings.gettext`, extracted with Babel; `python -m playbook_gen.i18n.package_catalogue` updates
playbook_gen/locale/<lang>.po from them (msgmerge-like: translations kept, changed ones fuzzy), for a
translator to complete. tests/unit/test_catalogues.py fails when a string has no German translation.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from ..paths import PACKAGE_DIR, bundled_templates
from .strings import LOCALE_DIR

# the Python calls: gettext(language, text), ngettext(language, singular, plural, n), and the sentences plan
# composes: message(template, ...) and nmessage(singular, plural, n, ...) (i18n/message.py)
PYTHON_KEYWORDS = {"gettext": (2,), "ngettext": (2, 3), "N_": None, "message": None, "nmessage": (1, 2)}
TEMPLATE_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}


def template() -> Catalog:
    """Every generator string, with where it is used."""
    catalog = Catalog(project="playbook-gen", fuzzy=False)
    templates = bundled_templates()
    for path in sorted(p for p in templates.rglob("*.j2") if p.is_file()):
        for line, message, comments, context in extract_from_file(
                "jinja2.ext:babel_extract", str(path), keywords=TEMPLATE_KEYWORDS,
                options={"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}):
            catalog.add(message, locations=[(f"templates/{path.relative_to(templates).as_posix()}", line)],
                        auto_comments=comments, context=context)
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        for line, message, comments, context in extract_from_file("python", str(path), keywords=PYTHON_KEYWORDS):
            catalog.add(message, locations=[(f"playbook_gen/{path.relative_to(PACKAGE_DIR).as_posix()}", line)],
                        auto_comments=comments, context=context)
    for entry in catalog:
        entry.flags.discard("python-format")  # %(name)s placeholders are filled by hand, not a format check
        entry.flags.discard("python-brace-format")
    return catalog


def update(language: str) -> Path:
    path = LOCALE_DIR / f"{language}.po"
    catalog = read_po(path.open("rb")) if path.is_file() else Catalog(locale=language, project="playbook-gen",
                                                                       fuzzy=False)
    extracted = template()
    if path.is_file():
        extracted.creation_date = catalog.creation_date  # a new date on every run would be noise in git
    catalog.update(extracted, no_fuzzy_matching=False)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, ignore_obsolete=True, include_previous=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    return path


if __name__ == "__main__":  # python -m playbook_gen.i18n.package_catalogue [LANG ...]
    for lang in sys.argv[1:] or ["de"]:
        print(update(lang))
