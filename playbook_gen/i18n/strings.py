"""The generator's own words (headings, labels, calendar words, notes) in the edition's language.

They come from the package's catalogue, playbook_gen/locale/<language>.po, read with Babel at
run time: the same PO format as the content's catalogues, so the same tools translate it. A
string with no translation in a language is the English one. Templates call `_("Steps")` (and
`ngettext`) through jinja2.ext.i18n; Python calls `gettext(language, "…")`.
"""
from __future__ import annotations

import functools
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
SOURCE_LANGUAGE = "en"


@functools.cache
def _messages(language: str) -> dict[tuple[str, str], str]:
    """{(context, English text): translation} of the package catalogue for `language` (empty if none)."""
    path = LOCALE_DIR / f"{language}.po"
    if not path.is_file():
        base = language.split("-")[0]
        path = LOCALE_DIR / f"{base}.po"
        if base == language or not path.is_file():
            return {}
    with path.open("rb") as handle:
        catalog = read_po(handle, abort_invalid=True)
    found: dict[tuple[str, str], str] = {}
    for message in catalog:
        if isinstance(message.id, str) and message.id and isinstance(message.string, str) \
                and message.string and not message.fuzzy:
            found[(message.context or "", message.id)] = message.string
        elif isinstance(message.id, tuple) and isinstance(message.string, tuple) and all(message.string) \
                and not message.fuzzy:
            for i, text in enumerate(message.string):
                found[(message.context or "", f"{message.id[0]}\0{message.id[1]}\0{i}")] = text
    return found


def gettext(language: str, text: str, context: str = "") -> str:
    return _messages(language).get((context, text), text)


def ngettext(language: str, singular: str, plural: str, n: int) -> str:
    messages = _messages(language)
    index = 0 if n == 1 else 1
    if messages:
        try:
            index = 0 if Locale.parse(language.replace("-", "_")).plural_form(abs(n)) == "one" else 1
        except (UnknownLocaleError, ValueError):
            pass
    found = messages.get(("", f"{singular}\0{plural}\0{index}"))
    return found if found is not None else (singular if index == 0 else plural)


def language_name(code: str, in_language: str) -> str:
    """'Deutsch' for de in de, 'German' for de in en; the code itself when Babel does not know it."""
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(Locale.parse(in_language.replace("-", "_")))
    except (UnknownLocaleError, ValueError):
        return code
    return name[:1].upper() + name[1:] if name else code


def N_(text: str) -> str:  # gettext's name for "mark for the catalogue, translate later"
    """Marks a string plan writes in English for the catalogue; translate.py translates it where a page shows it."""
    return text


# Words plan and the models write in English that pages show as they are: the practice vocabularies
# (templates print `_(practice.cadence)`), the card grid's filter labels and marks (cards.py, library.py:
# translate.py swaps any string of a page that is exactly one of these), the calendar's date patterns.
VOCABULARY = (
    N_("once"), N_("weekly"), N_("biweekly"), N_("monthly"), N_("quarterly"), N_("as-needed"),
    N_("easy"), N_("medium"), N_("hard"),
    N_("Just you"), N_("You and one rep"), N_("The whole team"), N_("Reps without you"), N_("Other managers"),
    N_("Customers or other functions"),
    N_("Situation"), N_("Any situation"), N_("Principle"), N_("Any principle"), N_("Tag"), N_("Any tag"),
    N_("Time you have"), N_("Any length"), N_("Who takes part"), N_("Anyone"),
    N_("Recommended for us"), N_("Start here"), N_("For this team"), N_("Any card"),
    # the date patterns of Day values and the templates' date filter (LDML: a language may reorder them)
    N_("d MMMM y"), N_("d MMMM"), N_("EEEE"), N_("EEEE d MMMM"), N_("EEE d MMM"), N_("EEE d MMMM"), N_("EEE d"),
    N_("MMMM"), N_("y-MM-dd"),
    N_(" — manager edition"),  # branding.PRIVATE_SUFFIX, after the team's name in a manager edition's site name
)
