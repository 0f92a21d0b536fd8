"""Every mistake a content editor can make comes back as one precise, actionable line.

Each test writes a small content tree with one mistake and asserts the exact file,
line (and column where it matters) and the gist of the message. Most validate
in-process through `load_content` for speed; the real CLI's exit codes and stderr
format are in tests/e2e/test_commands.py.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from content_tree import PLAYBOOK, PRACTICE, PRINCIPLE, SITUATION, TEAM, VALID, check, errors, one  # noqa: F401
from helpers import build_file_tree
from hypothesis import HealthCheck, given, settings, strategies as st

from playbook_gen.errors import ContentError
from playbook_gen.load import load_bytes
from playbook_gen.models import KINDS
from playbook_gen.validate import load_content, parse_document


def test_the_minimal_tree_is_clean(tmp_path):
    assert check(tmp_path, {}) == []


# --- YAML itself ----------------------------------------------------------------------

def test_yaml_syntax_error_points_at_the_line_and_suggests_quotes(tmp_path):
    bad = PRACTICE.replace("summary: s", "summary: Ask: don't tell")
    one(errors(tmp_path, {"content/practices/weekly-one-on-one.yml": bad}),
        "practices/weekly-one-on-one.yml", 4, "YAML syntax error", "quotes")


def test_missing_space_after_colon_points_at_its_own_line(tmp_path):
    bad = PRACTICE.replace("title: Weekly one-on-one", "title:Weekly one-on-one")
    one(errors(tmp_path, {"content/practices/weekly-one-on-one.yml": bad}),
        "practices/weekly-one-on-one.yml", 2, "YAML syntax error", "missing its ':'")


def test_hash_that_turns_a_value_into_a_comment(tmp_path):
    bad = PRACTICE.replace("summary: s", "summary: #1 habit of great managers")
    one(errors(tmp_path, {"content/practices/weekly-one-on-one.yml": bad}),
        "practices/weekly-one-on-one.yml", 4, "'summary' has no value", "starts a comment", "quotes")


def test_tab_indentation_is_named(tmp_path):
    bad = TEAM.replace("  name: Dana", "\tname: Dana")
    one(errors(tmp_path, {"content/teams/emea.yml": bad}), "teams/emea.yml", 4, "tabs")


def test_duplicate_key_is_refused_not_silently_dropped(tmp_path):
    bad = PRACTICE + "minutes: 45\n"
    one(errors(tmp_path, {"content/practices/weekly-one-on-one.yml": bad}),
        "practices/weekly-one-on-one.yml", 10, "duplicate key 'minutes'", "line 5", column=1)


def test_empty_file(tmp_path):
    one(errors(tmp_path, {"content/practices/weekly-one-on-one.yml": "# nothing yet\n"}),
        "practices/weekly-one-on-one.yml", 1, "file is empty")


def test_file_that_is_not_utf8(tmp_path):
    latin1 = TEAM.replace("Dana", "Zoë").encode("latin-1")
    one(errors(tmp_path, {"content/teams/emea.yml": latin1}), "teams/emea.yml", 4, "not UTF-8", "0xeb")


def test_top_level_that_is_not_a_mapping(tmp_path):
    one(errors(tmp_path, {"content/situations/idea-drought.yml": "- idea-drought\n- quiet\n"}),
        "situations/idea-drought.yml", 1, "mapping of fields", "found a list")


def test_yaml_tags_are_refused_never_constructed(tmp_path):
    bad = PRACTICE.replace("summary: s", "summary: !!python/object/apply:os.system [echo pwned]")
    one(errors(tmp_path, {"content/practices/weekly-one-on-one.yml": bad}),
        "practices/weekly-one-on-one.yml", 4, "YAML tag '!!python/object/apply:os.system' is not allowed", column=10)


@pytest.mark.parametrize("written", ["No", "2027-01-05", "1:30", "1.10", "on", "0x1F", "~tilde"])
def test_yaml_11_values_are_read_as_the_text_written(tmp_path, written):
    team = TEAM.replace("name: Alex", f"name: {written}").replace("role: AE", f"role: {written}")
    assert check(tmp_path, {"content/teams/emea.yml": team}) == []
    member = load_content(tmp_path / "content").teams["emea"].members[0]
    assert member.name == written and member.role == written


def test_numbers_and_booleans_still_read_where_a_field_wants_one(tmp_path):
    files = {"content/playbook.yml": PLAYBOOK + "offline: no\nversion: 2027.10\n"}
    assert check(tmp_path, files) == []
    content = load_content(tmp_path / "content")
    assert content.playbook.offline is False and content.playbook.version == "2027.10"
    assert content.practices["weekly-one-on-one"].minutes == 30


# --- fields and types -------------------------------------------------------------------

def test_missing_required_field(tmp_path):
    bad = PRACTICE.replace("cadence: weekly\n", "")
    one(errors(tmp_path, {"content/practices/weekly-one-on-one.yml": bad}),
        "practices/weekly-one-on-one.yml", 1, "missing required field 'cadence'")


def test_several_missing_fields_are_one_line(tmp_path):
    bad = "id: weekly-one-on-one\ntitle: Weekly\nprinciple: ask-dont-tell\nsteps: [one]\n"
    one(errors(tmp_path, {"content/practices/weekly-one-on-one.yml": bad}),
        "practices/weekly-one-on-one.yml", 1,
        "missing required fields 'summary', 'minutes', 'cadence', 'people', 'difficulty'")


def test_missing_field_inside_a_list_entry_names_the_entry(tmp_path):
    bad = TEAM + "  - name: Sam\n"
    one(errors(tmp_path, {"content/teams/emea.yml": bad}),
        "teams/emea.yml", 10, "missing required field 'role'", "'members' entry 2")


def test_unknown_field_with_did_you_mean(tmp_path):
    bad = TEAM.replace("    role: AE", "    rol: AE\n    role: AE")
    one(errors(tmp_path, {"content/teams/emea.yml": bad}),
        "teams/emea.yml", 9, "unknown field 'rol'", "did you mean 'role'?", column=5)


def test_unknown_field_far_from_any_lists_the_allowed_ones(tmp_path):
    bad = SITUATION + "colour: red\n"
    one(errors(tmp_path, {"content/situations/idea-drought.yml": bad}),
        "situations/idea-drought.yml", 6, "unknown field 'colour'", "allowed fields: id, title, signs")


def test_wrong_type_words_for_a_number(tmp_path):
    bad = TEAM + "    tenure_months: eight\n"
    one(errors(tmp_path, {"content/teams/emea.yml": bad}),
        "teams/emea.yml", 10, "'tenure_months' must be a whole number", "found 'eight'", column=20)


def test_wrong_type_text_where_a_list_is_meant(tmp_path):
    bad = PRACTICE.replace("steps: [one]", "steps: Ask three questions")
    one(errors(tmp_path, {"content/practices/weekly-one-on-one.yml": bad}),
        "practices/weekly-one-on-one.yml", 9, "'steps' must be a list", "'- item'")


def test_wrong_type_text_where_a_mapping_is_meant(tmp_path):
    bad = TEAM.replace("manager:\n  name: Dana", "manager: Dana")
    one(errors(tmp_path, {"content/teams/emea.yml": bad}),
        "teams/emea.yml", 3, "'manager' must be a mapping of fields (name", "found 'Dana'")


def test_mapping_where_a_list_of_entries_is_meant(tmp_path):
    bad = TEAM.replace("  - name: Alex\n    role: AE", "  name: Alex\n  role: AE")
    one(errors(tmp_path, {"content/teams/emea.yml": bad}),
        "teams/emea.yml", 8, "'members' must be a list, found a mapping", "'- '")


def test_empty_value_is_named_not_printed_as_none(tmp_path):
    bad = PRACTICE.replace("title: Weekly one-on-one", "title:")
    problem = one(errors(tmp_path, {"content/practices/weekly-one-on-one.yml": bad}),
                  "practices/weekly-one-on-one.yml", 2, "'title' has no value")
    assert "None" not in problem.message


def test_value_outside_a_vocabulary_with_did_you_mean(tmp_path):
    bad = PRACTICE.replace("cadence: weekly", "cadence: weekley")
    one(errors(tmp_path, {"content/practices/weekly-one-on-one.yml": bad}),
        "practices/weekly-one-on-one.yml", 6, "'weekley'", "did you mean 'weekly'?", "biweekly", column=10)


def test_palette_colour_with_did_you_mean(tmp_path):
    bad = TEAM + "palette:\n  primary: bleu\n"
    one(errors(tmp_path, {"content/teams/emea.yml": bad}), "teams/emea.yml", 11, "did you mean 'blue'?")


def test_number_out_of_range(tmp_path):
    bad = PRACTICE.replace("minutes: 30", "minutes: 0")
    one(errors(tmp_path, {"content/practices/weekly-one-on-one.yml": bad}),
        "practices/weekly-one-on-one.yml", 5, "'minutes' must be at least 1")


def test_wrong_quarter_format_even_when_yaml_11_would_read_a_date(tmp_path):
    bad = TEAM.replace("quarter: 2027-Q1", "quarter: 2027-01-05")
    one(errors(tmp_path, {"content/teams/emea.yml": bad}), "teams/emea.yml", 5, "'2027-01-05' is not a quarter", "2027-Q1")


def test_unknown_timezone_with_did_you_mean(tmp_path):
    bad = TEAM + "timezone: Europe/Berln\n"
    one(errors(tmp_path, {"content/teams/emea.yml": bad}), "teams/emea.yml", 10, "did you mean 'Europe/Berlin'?")


# --- the calendar fields: slots, working hours, skip days, threads ---------------------

CALENDAR_TEAM = TEAM.replace("  name: Dana\n", "  name: Dana\n  coaching_hours_per_week: 5\n") + """\
    one_on_one: {day: thursday, time: "09:30", minutes: 45, every: monthly}
    threads:
      - {text: "Lead-routing question unanswered", since: 2026-10-14}
      - {text: "Promised: intro to the partner team", since: 2026-11-20, mine: true}
working_hours: 09:00-17:30
skip: [2027-02-15, 2027-03-29]
one_on_ones: {day: tuesday, time: 14:00, minutes: 30, every: weekly}
"""


def test_the_calendar_fields_read_as_written_even_unquoted(tmp_path):
    assert check(tmp_path, {"content/teams/emea.yml": CALENDAR_TEAM}) == []
    team = load_content(tmp_path / "content").teams["emea"]
    assert team.manager.coaching_hours_per_week == 5 and team.working_hours == "09:00-17:30"
    assert [d.isoformat() for d in team.skip] == ["2027-02-15", "2027-03-29"]
    assert (team.one_on_ones.day, team.one_on_ones.time, team.one_on_ones.every) == ("tuesday", "14:00", "weekly")
    member = team.members[0]
    assert member.one_on_one is not None and member.one_on_one.every == "monthly"
    assert [(t.since.isoformat(), t.mine) for t in member.threads] == [("2026-10-14", False), ("2026-11-20", True)]


def test_the_calendar_fields_default_when_left_out(tmp_path):
    assert check(tmp_path, {}) == []
    team = load_content(tmp_path / "content").teams["emea"]
    assert team.manager.coaching_hours_per_week == 6 and team.working_hours == "09:00-17:30" and team.skip == []
    assert team.one_on_ones.minutes == 30 and team.members[0].one_on_one is None and team.members[0].threads == []


@pytest.mark.parametrize("old, new, line, gist", [
    ("every: weekly}", "every: fortnightly}", 17, ("'fortnightly' is not allowed for 'every'", "did you mean 'biweekly'?")),
    ("day: tuesday,", "day: tuesdy,", 17, ("did you mean 'tuesday'?",)),
    ("{day: thursday,", "{day: saturday,", 11, ("nothing is booked at weekends",)),
    ("time: 14:00,", "time: 14.00,", 17, ("'14.00' is not a time of day", "HH:MM")),
    ("working_hours: 09:00-17:30", "working_hours: 9-5", 15, ("is not a span of working hours", "09:00-17:30")),
    ("working_hours: 09:00-17:30", "working_hours: 17:00-09:00", 15, ("must start before it ends",)),
    ("2027-02-15,", "2027-02-30,", 16, ("'skip' entry 1 must be a date", "does not exist")),
    ("since: 2026-10-14", "since: last week", 13, ("'since' must be a date written YYYY-MM-DD",)),
    ("mine: true", "mine: maybe", 14, ("'mine' must be true or false",)),
    ("coaching_hours_per_week: 5", "coaching_hours_per_week: lots", 5, ("must be a number",)),
    ("coaching_hours_per_week: 5", "coaching_hour_per_week: 5", 5, ("did you mean 'coaching_hours_per_week'?",)),
    ("text: \"Lead", "txt: \"Lead", 13, ("unknown field 'txt'", "did you mean 'text'?")),
])
def test_calendar_field_mistakes_are_named_where_they_are(tmp_path, old, new, line, gist):
    assert old in CALENDAR_TEAM
    problems = [p for p in errors(tmp_path, {"content/teams/emea.yml": CALENDAR_TEAM.replace(old, new)})
                if "missing required field 'text'" not in p.message]
    one(problems, "teams/emea.yml", line, *gist)


def test_slots_outside_working_hours_are_errors_and_skip_days_outside_the_quarter_warnings(tmp_path):
    bad = (CALENDAR_TEAM.replace("time: 14:00,", "time: 17:15,").replace('time: "09:30"', 'time: "08:00"')
           .replace("2027-03-29]", "2026-12-24]"))
    problems = check(tmp_path, {"content/teams/emea.yml": bad})
    assert [(p.line, p.severity) for p in problems] == [(11, "error"), (16, "warning"), (17, "error")], problems
    assert "Alex's one-on-one (08:00, 45 minutes) falls outside working_hours 09:00-17:30" in problems[0].message
    assert "2026-12-24 is not in 2027-Q1" in problems[1].message
    assert "the team's one-on-ones (17:15, 30 minutes)" in problems[2].message


def test_the_new_team_files_commented_member_is_valid_once_uncommented():
    from playbook_gen.models import Team
    from playbook_gen.scaffold import team_file_text

    text = team_file_text("nordics", "Nordics", "Åsa")
    head, example = text.split("members: []\n")
    member = "".join(line[1:] + "\n" for line in example.splitlines() if line.startswith("#  "))
    doc = load_bytes((head + "members:\n" + member).encode(), Path("nordics.yml"))
    team = parse_document(doc, Team)
    assert doc.problems == [] and team is not None
    assert team.members[0].one_on_one is not None and team.members[0].one_on_one.every == "monthly"
    assert [t.mine for t in team.members[0].threads] == [False, True]


# --- ids and references -------------------------------------------------------------

@pytest.mark.parametrize("bad_id, suggestion", [("../../etc", "etc"), ("Weekly One", "weekly-one"), ("Weekly", "weekly")])
def test_ids_must_be_slugs(tmp_path, bad_id, suggestion):
    bad = PRACTICE.replace("id: weekly-one-on-one", f"id: {bad_id}")
    one(errors(tmp_path, {"content/practices/weekly-one-on-one.yml": bad}),
        "practices/weekly-one-on-one.yml", 1, f"'{bad_id}' is not a valid id", f"like '{suggestion}'", column=5)


def test_reserved_team_id(tmp_path):
    bad = TEAM.replace("id: emea", "id: library")
    one(errors(tmp_path, {"content/teams/emea.yml": bad}), "teams/emea.yml", 1, "'library' is reserved")


def test_duplicate_ids_across_files(tmp_path):
    problem = one(errors(tmp_path, {"content/practices/zz-copy.yml": PRACTICE}),
                  "practices/zz-copy.yml", 1, "practice id 'weekly-one-on-one' is already used by")
    assert "practices/weekly-one-on-one.yml:1" in problem.message


def test_two_members_sharing_a_page_id(tmp_path):
    bad = TEAM + "  - name: alex\n    role: SDR\n"
    one(errors(tmp_path, {"content/teams/emea.yml": bad}),
        "teams/emea.yml", 10, "page id 'alex'", "'Alex' (line 8)", "'id'")


@pytest.mark.parametrize("file, old, new, line, gist", [
    ("content/practices/weekly-one-on-one.yml", "principle: ask-dont-tell", "principle: ask-dont-tel", 3,
     "unknown principle 'ask-dont-tel'; did you mean 'ask-dont-tell'?"),
    ("content/situations/idea-drought.yml", "practices: [weekly-one-on-one]", "practices: [weekly-one-on-on]", 5,
     "unknown practice 'weekly-one-on-on'; did you mean 'weekly-one-on-one'?"),
    ("content/teams/emea.yml", "situations: [idea-drought]", "situations: [idea-drougth]", 6,
     "unknown situation 'idea-drougth'; did you mean 'idea-drought'?"),
])
def test_unknown_references_with_did_you_mean(tmp_path, file, old, new, line, gist):
    original = VALID[file]
    one(errors(tmp_path, {file: original.replace(old, new)}), file.split("/", 1)[1], line, gist)


def test_unknown_member_focus(tmp_path):
    bad = TEAM + "    focus: [weekly-1on1]\n"
    one(errors(tmp_path, {"content/teams/emea.yml": bad}), "teams/emea.yml", 10, "unknown practice 'weekly-1on1'")


def test_references_are_checked_even_when_the_file_has_other_errors(tmp_path):
    bad = TEAM.replace("situations: [idea-drought]", "situations: [idea-drougth]") + "    tenure_months: eight\n"
    found = errors(tmp_path, {"content/teams/emea.yml": bad})
    assert [(p.line, p.message.split(";")[0]) for p in found] == [
        (6, "unknown situation 'idea-drougth'"), (10, "'tenure_months' must be a whole number (like 8), found 'eight'")]


def test_a_folder_with_a_typo_is_not_silently_ignored(tmp_path):
    found = check(tmp_path, {"content/team/other.yml": TEAM})
    one(found, "content/team", 1, "folder 'team' is not read", "did you mean 'teams'?")
    assert found[0].severity == "warning"


# --- warnings and --strict -----------------------------------------------------------

def test_warning_for_a_practice_nobody_uses(tmp_path):
    spare = PRACTICE.replace("id: weekly-one-on-one", "id: spare-practice")
    problem = one(check(tmp_path, {"content/practices/spare.yml": spare}),
                  "practices/spare.yml", 1, "practice 'spare-practice' is not used")
    assert problem.severity == "warning"


def test_warning_for_a_team_without_members(tmp_path):
    lonely = TEAM.split("members:")[0]
    problem = one(check(tmp_path, {"content/teams/emea.yml": lonely}), "teams/emea.yml", 1, "has no members")
    assert problem.severity == "warning"


def test_strict_turns_warnings_into_errors(tmp_path):
    lonely = TEAM.split("members:")[0]
    problems = check(tmp_path, {"content/teams/emea.yml": lonely}, strict=True)
    assert [p.severity for p in problems] == ["error"]


# --- the whole run ----------------------------------------------------------------

def test_every_problem_of_every_file_at_once_sorted(tmp_path):
    found = errors(tmp_path, {
        "content/teams/emea.yml": TEAM.replace("quarter: 2027-Q1", "quarter: Q1") + "    rol: x\n",
        "content/practices/weekly-one-on-one.yml": PRACTICE.replace("difficulty: easy", "difficulty: 3"),
        "content/principles/ask-dont-tell.yml": "",
    })
    assert [(Path(p.path).name, p.line) for p in found] == [
        ("weekly-one-on-one.yml", 8), ("ask-dont-tell.yml", 1), ("emea.yml", 5), ("emea.yml", 10)]


# --- no input, however broken, produces a traceback ----------------------------------

FIELD_NAMES = sorted({name for model in KINDS.values() for name in model.model_fields} | {"name", "role", "says"})
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=12),
    st.sampled_from(["No", "2027-01-05", "1:30", "library", "../../etc", "weekly", "easy", "2027-Q1", "UTC", ""]),
)
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=8), st.integers())
documents = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(keys, inner, max_size=6)), max_leaves=20)
yaml_texts = st.one_of(
    documents.map(lambda d: yaml.safe_dump(d, allow_unicode=True)),
    st.text(alphabet=st.sampled_from(list("ab:-[]{}!&*#|>'\"\n\t ?,%@`~\\x0é")), max_size=60),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.one_of(yaml_texts.map(lambda t: t.encode("utf-8")), st.binary(max_size=80)), kind=st.sampled_from(sorted(KINDS)))
def test_no_input_produces_a_traceback_in_loader_and_validator(raw, kind):
    doc = load_bytes(raw, Path("fuzz.yml"))
    parse_document(doc, KINDS[kind])
    for problem in doc.problems:
        line = problem.format()
        assert line.startswith("fuzz.yml:") and "\n" not in line and problem.line >= 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=yaml_texts, target=st.sampled_from(sorted(VALID)))
def test_no_broken_file_makes_the_whole_content_check_crash(tmp_path_factory, text, target):
    root = tmp_path_factory.mktemp("fuzz")
    try:
        content = load_content(build_file_tree(root, {**VALID, target: text}) / "content")
    except ContentError as exc:
        assert exc.problems and all(p.line >= 1 for p in exc.problems)
    else:
        assert content.playbook is not None
