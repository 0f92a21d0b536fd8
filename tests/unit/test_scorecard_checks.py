"""Scorecards, consent callouts and situation sequences: the mistakes an editor can make in them come
back as one precise line each, and a scorecard's CSV is safe to open in a spreadsheet."""
from __future__ import annotations

import csv
import io
from html import unescape

import pytest
from content_tree import PRACTICE, SITUATION, check, errors, one

from playbook_gen.models import Criterion, Scorecard
from playbook_gen.render.scorecard_csv import COLUMNS, neutralise, scorecard_csv

SCORECARD = """\
id: discovery-call
title: Discovery call
summary: s
criteria:
  - name: Depth
    weak: w
    solid: s
    strong: st
    evidence: e
principles: [ask-dont-tell]
"""
SEQUENCE = SITUATION + """\
sequence:
  - weeks: "1-2"
    title: Listen
    do: [Meet everyone]
    practices: [weekly-one-on-one]
  - weeks: "3"
    title: Plan
    do: [Write the plan]
"""
FILES = {"content/scorecards/discovery-call.yml": SCORECARD,
         "content/practices/weekly-one-on-one.yml": PRACTICE + "scorecards: [discovery-call]\n"}


def test_a_scorecard_a_practice_names_and_a_sequence_are_clean(tmp_path):
    assert check(tmp_path, {**FILES, "content/situations/idea-drought.yml": SEQUENCE}) == []


@pytest.mark.parametrize("file, old, new, line, column, gist", [
    ("content/practices/weekly-one-on-one.yml", "scorecards: [discovery-call]", "scorecards: [discovery-cal]", 10, 14,
     "unknown scorecard 'discovery-cal'; did you mean 'discovery-call'?"),
    ("content/scorecards/discovery-call.yml", "principles: [ask-dont-tell]", "principles: [ask-dont-tel]", 10, 14,
     "unknown principle 'ask-dont-tel'; did you mean 'ask-dont-tell'?"),
    ("content/situations/idea-drought.yml", "practices: [weekly-one-on-one]\n  - weeks",
     "practices: [weekly-one-on-on]\n  - weeks", 10, 17, "unknown practice 'weekly-one-on-on'; did you mean 'weekly-one-on-one'?"),
    ("content/situations/idea-drought.yml", 'weeks: "3"', 'weeks: "2"', 11, 12,
     "weeks '2' start before weeks '1-2' end; list the stretches of the sequence in order"),
    ("content/situations/idea-drought.yml", 'weeks: "1-2"', 'weeks: "2-1"', 7, 5, "weeks '2-1' must count up from week 1"),
    ("content/situations/idea-drought.yml", 'weeks: "1-2"', "weeks: first", 7, 12, "'weeks'"),
])
def test_mistakes_point_at_their_place(tmp_path, file, old, new, line, column, gist):
    files = {**FILES, "content/situations/idea-drought.yml": SEQUENCE}
    assert old in files[file]
    one(errors(tmp_path, {**files, file: files[file].replace(old, new)}), file.split("/", 1)[1], line, gist,
        column=column)


def test_a_scorecard_needs_its_levels_and_evidence(tmp_path):
    bad = SCORECARD.replace("    evidence: e\n", "")
    one(errors(tmp_path, {**FILES, "content/scorecards/discovery-call.yml": bad}), "scorecards/discovery-call.yml", 5,
        "missing required field 'evidence'")


def test_a_scorecard_fits_one_sheet(tmp_path):
    rows = "".join(f"  - {{name: n{i}, weak: w, solid: s, strong: st, evidence: e}}\n" for i in range(13))
    bad = SCORECARD.split("criteria:\n")[0] + "criteria:\n" + rows
    found = errors(tmp_path, {**FILES, "content/scorecards/discovery-call.yml": bad})
    assert [p.message for p in found] and "at most 12" in found[0].message, [p.format() for p in found]


@pytest.mark.parametrize("cell, shown", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1+1", "'+1+1"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("  =1", "'  =1"),
    ("Plain text = fine", "Plain text = fine"),
    ("Ask first", "Ask first"),
])
def test_a_cell_a_spreadsheet_would_evaluate_is_kept_as_text(cell, shown):
    assert neutralise(cell) == shown


def test_the_csv_has_a_bom_a_header_and_one_row_per_criterion_every_formula_neutralised():
    rows = [Criterion(name=f"=cmd|' /C calc'!A{i}", weak="+w", solid="-s", strong="@st", evidence="Listen, \"quoted\"")
            for i in range(3)]
    data = scorecard_csv(Scorecard(id="x", title="=1+1", summary="s", criteria=rows))
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert table[0] == list(COLUMNS) and len(table) == 1 + len(rows)
    assert table[1][:6] == ["'=1+1", "'=cmd|' /C calc'!A0", "'+w", "'-s", "'@st", 'Listen, "quoted"']
    assert all(row[6:] == ["", ""] for row in table[1:])  # score and notes, for the manager to fill in
    assert not [cell for row in table for cell in row if cell and cell[0] in "=+-@\t\r"]


def test_the_deck_pdf_carries_each_consent_callout_and_names_scorecards_without_links():
    from helpers import CONTENT

    from playbook_gen.plan import plan_all
    from playbook_gen.render import deck_source, environment
    from playbook_gen.validate import load_content

    content = load_content(CONTENT)
    library = next(e for e in plan_all(content, None) if e.id == "library")
    html = deck_source(library, environment())
    assert html is not None
    consenting = [p for p in content.practices.values() if p.consent]
    assert len(consenting) >= 5
    assert html.count('<div class="admonition warning">') == len(consenting)
    text = " ".join(unescape(html).split())
    for practice in consenting:
        assert all(" ".join(line.split()) in text for line in practice.consent), practice.id
    for scorecard in content.scorecards.values():
        assert f"{scorecard.title} (Scorecards section of the playbook)" in text
    assert "scorecards/" not in html, "no link into a site the PDF does not have"


@pytest.mark.parametrize("reserved", ["index", "sheets"])
def test_a_scorecard_may_not_take_the_sections_own_page_names(tmp_path, reserved):
    bad = SCORECARD.replace("id: discovery-call", f"id: {reserved}")
    files = {**FILES, "content/practices/weekly-one-on-one.yml": PRACTICE + f"scorecards: [{reserved}]\n",
             "content/scorecards/discovery-call.yml": bad}
    one(errors(tmp_path, files), "scorecards/discovery-call.yml", 1, f"scorecard id '{reserved}' is reserved")


def test_a_scorecard_no_practice_uses_is_a_warning(tmp_path):
    found = check(tmp_path, {"content/scorecards/discovery-call.yml": SCORECARD})
    assert [(p.severity, p.line, p.message) for p in found] == [
        ("warning", 1, "scorecard 'discovery-call' is not used by any practice; list it under a practice's 'scorecards'")]
