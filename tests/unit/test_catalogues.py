"""Language editions (issue 20): content catalogues, completeness, translated and fallback text on pages."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from content_tree import VALID
from helpers import build_file_tree

from playbook_gen.errors import ContentError
from playbook_gen.i18n.catalog import extract
from playbook_gen.i18n.report import completeness, translation_lines
from playbook_gen.plan import edition_specs, plan_edition
from playbook_gen.render import environment, render_page
from playbook_gen.validate import load_content

PRACTICE = """\
id: weekly-one-on-one
title: Weekly one-on-one
principle: ask-dont-tell
summary: Half an hour a week with each rep, on their agenda.
minutes: 30
cadence: weekly
people: You and one rep.
difficulty: easy
steps:
  - Ask what is in their way.
  - Listen before you advise.
questions: [What would help most this week?]
say_instead:
  - says: Any update?
    hears: Report to me.
    instead: What is in your way?
"""
DE_TEAM = VALID["content/teams/emea.yml"].replace("id: emea", "id: dach").replace("quarter:", "language: de\nquarter:")


def tree(tmp_path: Path, **changes: str) -> Path:
    files = dict(VALID)
    files["content/practices/weekly-one-on-one.yml"] = PRACTICE
    files["content/teams/dach.yml"] = DE_TEAM
    files.update({f"content/{k.replace('__', '/')}": v for k, v in changes.items()})
    build_file_tree(tmp_path, files)
    return tmp_path / "content"


def translate(po: Path, strings: dict[str, str], fuzzy: set[str] = frozenset()) -> None:
    """Fill the catalogue's entries by context|msgid prefix, as a translator would."""
    with po.open("rb") as f:
        catalog = read_po(f)
    for message in catalog:
        for key, text in strings.items():
            context, _, start = key.partition("|")
            if message.context == context and str(message.id).startswith(start):
                message.string = text
                message.flags = {"fuzzy"} if key in fuzzy else set()
    with po.open("wb") as f:
        write_po(f, catalog, width=100)


def entries_of(po: Path) -> dict[tuple[str, str], object]:
    with po.open("rb") as f:
        return {(m.context, m.id): m for m in read_po(f) if m.id}


def test_extract_keys_entries_by_field_with_file_line(tmp_path):
    content = tree(tmp_path)
    result = extract(load_content(content), "de")
    assert result.path == content / "translations" / "de.po"
    found = entries_of(result.path)
    step = found[("practice:weekly-one-on-one:steps", "Listen before you advise.")]
    assert step.locations == [("content/practices/weekly-one-on-one.yml", 11)]
    assert ("practice:weekly-one-on-one:say_instead.hears", "Report to me.") in found
    assert ("playbook:playbook:intro", "Hello.") in found
    # ids, vocabularies, numbers, references and team data are not translated
    assert not [k for k in found if k[0].endswith((":id", ":cadence", ":difficulty", ":principle", ":minutes"))]
    assert not [k for k in found if k[0].startswith("team:") or k[1] in ("EMEA", "Dana", "Alex")]
    text = result.path.read_text("utf-8")
    assert "python-format" not in text and '"Language: de\\n"' in text


def test_update_keeps_translations_marks_changed_sources_fuzzy_and_inserting_a_step_changes_nothing_else(tmp_path):
    content = tree(tmp_path)
    po = extract(load_content(content), "de").path
    translate(po, {"practice:weekly-one-on-one:steps|Ask": "Fragen Sie, was im Weg steht.",
                   "practice:weekly-one-on-one:steps|Listen": "Erst zuhören, dann raten.",
                   "practice:weekly-one-on-one:title|": "Wöchentliches Einzelgespräch"})
    changed = (PRACTICE.replace("  - Ask what is in their way.\n", "  - Book the slot.\n  - Ask what is in their way.\n")
               .replace("Listen before you advise.", "Listen well before you advise.")
               .replace("title: Weekly one-on-one", "title: The weekly one-on-one"))
    (content / "practices" / "weekly-one-on-one.yml").write_text(changed)
    result = extract(load_content(content), "de")
    found = entries_of(po)
    kept = found[("practice:weekly-one-on-one:steps", "Ask what is in their way.")]
    assert kept.string == "Fragen Sie, was im Weg steht." and not kept.fuzzy  # moved down a line: untouched
    assert kept.locations == [("content/practices/weekly-one-on-one.yml", 11)]  # was line 10
    edited = found[("practice:weekly-one-on-one:steps", "Listen well before you advise.")]
    assert edited.string == "Erst zuhören, dann raten." and edited.fuzzy
    assert '#| msgid "Listen before you advise."' in po.read_text("utf-8")  # the old source, for the translator
    title = found[("practice:weekly-one-on-one:title", "The weekly one-on-one")]
    assert title.fuzzy and title.string == "Wöchentliches Einzelgespräch"
    inserted = found[("practice:weekly-one-on-one:steps", "Book the slot.")]
    assert inserted.string == "" and not inserted.fuzzy
    assert (result.added, result.fuzzy) == (1, 2)
    # a second run with nothing changed writes the same bytes
    before = po.read_bytes()
    extract(load_content(content), "de")
    assert po.read_bytes() == before


def test_a_translation_whose_source_is_gone_is_kept_obsolete(tmp_path):
    content = tree(tmp_path)
    po = extract(load_content(content), "de").path
    translate(po, {"practice:weekly-one-on-one:questions|": "Was würde Ihnen diese Woche am meisten helfen?"})
    (content / "practices" / "weekly-one-on-one.yml").write_text(PRACTICE.replace(
        "questions: [What would help most this week?]\n", ""))
    assert extract(load_content(content), "de").obsolete == 1
    assert '#~ msgstr "Was würde Ihnen diese Woche am meisten helfen?"' in po.read_text("utf-8")


def test_completeness_counts_and_verbose_lines(tmp_path):
    content = tree(tmp_path)
    po = extract(load_content(content), "de").path
    translate(po, {"practice:weekly-one-on-one:steps|Ask": "Fragen Sie.", "practice:weekly-one-on-one:title|": "Einzel"},
              fuzzy={"practice:weekly-one-on-one:title|"})
    loaded = load_content(content)
    [report] = completeness(loaded)
    total = report.total
    assert (report.translated, len(report.fuzzy), len(report.untranslated)) == (1, 1, total - 2)
    lines = translation_lines(loaded, verbose=True)
    assert lines[0] == f"de: 1/{total}, {total - 2} untranslated, 1 fuzzy — {po}" or \
        lines[0].startswith(f"de: 1/{total}, {total - 2} untranslated, 1 fuzzy — ")
    assert any(re.search(r"content/practices/weekly-one-on-one\.yml:2: fuzzy: practice:weekly-one-on-one:title", line)
               for line in lines)
    assert any("content/practices/weekly-one-on-one.yml:11: untranslated:" in line for line in lines)


def test_min_complete_is_an_error_at_its_line(tmp_path):
    playbook = VALID["content/playbook.yml"] + "translations:\n  de:\n    min_complete: 100\n"
    content = tree(tmp_path, **{"playbook.yml": playbook})
    with pytest.raises(ContentError) as caught:
        load_content(content)
    [problem] = caught.value.problems
    assert (Path(problem.path).name, problem.line, problem.column) == ("playbook.yml", 5, 19)
    assert "the de translation is 0% complete" in problem.message and "below min_complete 100" in problem.message
    # `translations extract` still runs, to bring the catalogue up to date
    extract(load_content(content, check_translations=False), "de")


def test_a_broken_catalogue_is_an_error_with_its_line(tmp_path):
    content = tree(tmp_path, **{"translations__de.po": 'msgid "a"\nmsgstr "b"\nmsgid "c"\nthis is not PO\n'})
    with pytest.raises(ContentError) as caught:
        load_content(content)
    [problem] = [p for p in caught.value.problems if p.path.endswith("de.po")]
    assert problem.line == 4 and "not a valid PO file" in problem.message


def test_library_team_ids_are_reserved(tmp_path):
    content = tree(tmp_path, **{"teams__dach.yml": DE_TEAM.replace("id: dach", "id: library-de")})
    with pytest.raises(ContentError) as caught:
        load_content(content)
    assert any("team id 'library-de' is reserved" in p.message for p in caught.value.problems)


def _page(content: Path, edition_id: str, path: str, kind: str = "team") -> str:
    loaded = load_content(content)
    spec = next(s for s in edition_specs(loaded) if s.id == edition_id and s.kind == kind)
    edition = plan_edition(loaded, spec)
    env = environment()
    env.globals.update(language=edition.language, source_language=edition.source_language)
    return render_page(env, next(p for p in edition.pages if p.path == path))


def test_a_german_card_page_falls_back_to_english_with_lang_and_says_how_often(tmp_path):
    content = tree(tmp_path)
    po = extract(load_content(content), "de").path
    translate(po, {"practice:weekly-one-on-one:title|": "Wöchentliches Einzelgespräch",
                   "practice:weekly-one-on-one:steps|Ask": "Fragen Sie, was im Weg steht."})
    page = _page(content, "dach", "practices/weekly-one-on-one.md")
    assert page.splitlines()[3] == "# Wöchentliches Einzelgespräch"
    assert "1. Fragen Sie, was im Weg steht&#46;" in page
    assert '2. <span lang="en" class="pb-fallback">Listen before you advise&#46;</span>' in page
    fallbacks = len(re.findall(r'class="(?:playbook-prose )?pb-fallback"', page))
    assert fallbacks > 3
    assert f"{fallbacks} Textstellen auf dieser Seite sind noch nicht übersetzt und erscheinen auf Englisch" in page
    # the English team's edition of the same card: no marks, no note
    english = _page(content, "emea", "practices/weekly-one-on-one.md")
    assert "pb-fallback" not in english and "# Weekly one&#45;on&#45;one" in english


HOSTILE = ["<script>alert(1)</script>", "{{ 7*7 }}", "Dana {: onmouseover=alert(1) }", "[x](javascript:alert(1))",
           "<img src=x onerror=alert(1)>"]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_translation_is_escaped_like_the_field_it_translates(tmp_path, hostile):
    content = tree(tmp_path, **{"situations__idea-drought.yml": VALID["content/situations/idea-drought.yml"].replace(
        "why: w", "why: Reps stop offering ideas.")})
    po = extract(load_content(content), "de").path
    translate(po, {"practice:weekly-one-on-one:steps|Ask": hostile,
                   "situation:idea-drought:why|": f"Prose {hostile} here."})
    card = _page(content, "dach", "practices/weekly-one-on-one.md")
    situation = _page(content, "dach", "situations/idea-drought.md")
    for page in (card, situation):
        assert "<script" not in page and "onerror=" not in page and "javascript:" not in page
        assert "{: onmouseover" not in page and "{{" not in page
    assert "49" not in card.split("## Schritte")[1].split("##")[0]  # {{ 7*7 }} is never evaluated


def test_the_generators_own_catalogue_is_complete_in_german():
    """Every string the templates mark _("…") and the code passes to gettext has a German translation
    (python -m playbook_gen.i18n.package_catalogue updates locale/de.po when strings change)."""
    from playbook_gen.i18n.package_catalogue import template
    from playbook_gen.i18n.strings import LOCALE_DIR

    wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in template() if m.id}
    with (LOCALE_DIR / "de.po").open("rb") as f:
        german = {(m.id if isinstance(m.id, str) else m.id[0]): m for m in read_po(f) if m.id}
    assert sorted(wanted - set(german)) == [], "run python -m playbook_gen.i18n.package_catalogue and translate"
    assert [i for i in wanted if german[i].fuzzy or not all(german[i].string if isinstance(german[i].string, tuple)
                                                             else [german[i].string])] == []



def test_team_data_that_reads_like_a_content_value_stays_as_written(tmp_path):
    """A member named like a card ("Weekly one-on-one"): the card's title is translated, the name is not
    (content text is ContentText once loaded, team data plain str: i18n/source.py)."""
    content = tree(tmp_path, **{"teams__dach.yml": DE_TEAM.replace("name: Alex", "name: Weekly one-on-one")})
    po = extract(load_content(content), "de").path
    translate(po, {"practice:weekly-one-on-one:title|": "Wöchentliches Einzelgespräch"})
    home = html.unescape(_page(content, "dach", "index.md"))
    assert "| Weekly one-on-one | AE |" in home
    assert "Wöchentliches Einzelgespräch" in html.unescape(_page(content, "dach", "practices/index.md"))
    loaded = load_content(content)  # in a sentence too: the calendar's "1:1 with %(name)s"
    manager = plan_edition(loaded, next(s for s in edition_specs(loaded) if s.id == "dach" and s.kind == "manager"))
    titles = {str(e.title) for e in manager.calendar.events}
    assert "1:1 mit Weekly one-on-one" in titles and not any("Wöchentliches" in t and "1:1" in t for t in titles)


def test_every_german_generator_string_keeps_its_placeholders():
    """A translation that drops or misspells a %(name)s would print the placeholder itself (a message fills only the
    names it has) or lose the value: each msgstr has the msgid's placeholders (a plural's `num` may be left out)."""
    from playbook_gen.i18n.strings import LOCALE_DIR

    placeholder = re.compile(r"%\((\w+)\)[sd]")
    with (LOCALE_DIR / "de.po").open("rb") as f:
        entries = [m for m in read_po(f) if m.id]
    wrong = []
    for m in entries:
        ids, strings = (m.id, m.string) if isinstance(m.id, tuple) else ((m.id,), (m.string,))
        wanted = set().union(*(placeholder.findall(i) for i in ids))
        for text in strings:
            found = set(placeholder.findall(text))
            if found - wanted or wanted - found - {"num"}:
                wrong.append((m.id, text))
    assert len(entries) > 300 and wrong == []


def test_a_language_without_a_catalogue_is_a_warning_at_the_team(tmp_path):
    content = tree(tmp_path)  # the team 'dach' is in German; no translations/de.po yet
    [warning] = [w for w in load_content(content).warnings if "no translations/de.po" in w.message]
    assert Path(warning.path).name == "dach.yml" and warning.severity == "warning"
    assert "run `playbook translations extract --lang de`" in warning.message
    extract(load_content(content), "de")
    assert not [w for w in load_content(content).warnings if "no translations/" in w.message]


def test_a_german_calendar_names_days_and_months_in_german():
    from helpers import CONTENT

    loaded = load_content(CONTENT)
    spec = next(s for s in edition_specs(loaded) if s.id == "dach-new-business" and s.kind == "manager")
    edition = plan_edition(loaded, spec)
    env = environment()
    env.globals.update(language=edition.language, source_language=edition.source_language)
    page = html.unescape(render_page(env, next(p for p in edition.pages if p.path == "calendar.md")))
    assert "Januar" in page and "January" not in page and not re.search(r"\b(Mon|Tue|Wed|Thu|Fri) \d", page)
    assert re.search(r"\b(Mo|Di|Mi|Do|Fr)\. \d{1,2}\. (Jan|Feb|März|Apr)", page), page[:2000]
    assert "1:1 mit " in page  # the one-on-ones' titles, composed by plan, in German
    ics = edition.calendar
    assert ics is not None and any(e.title.startswith("1:1 mit ") for e in ics.events)
    assert ics.name.startswith("DACH Neukundengeschäft – Coaching-Kalender")


def test_team_data_is_never_translated_even_when_it_equals_a_generator_word(tmp_path):
    content = tree(tmp_path, **{"teams__dach.yml": DE_TEAM.replace("role: AE", "role: Manager")})
    extract(load_content(content), "de")
    page = _page(content, "dach", "index.md")
    assert "| Alex | Manager |" in page  # "Manager" is also a label the catalogue translates (Führungskraft)
