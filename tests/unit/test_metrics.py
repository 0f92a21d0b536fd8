"""Metrics: playbook.yml declares them, teams give numbers, situations read them (`detect:`).

What an editor sees when a name is misspelt or a rule is malformed (file:line:col and did-you-mean),
and how a team's numbers become situations with evidence lines, public or manager-only.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from content_tree import PLAYBOOK, SITUATION, TEAM, errors, one

from playbook_gen.content import Content
from playbook_gen.i18n.formats import quantity_text
from playbook_gen.i18n.message import Number, content_message
from playbook_gen.models import Detect, Metric, Playbook, Situation, Team
from playbook_gen.plan.evidence import team_numbers, team_situations, with_unit

METRICS = PLAYBOOK + """\
metrics:
  regretted_leavers_12m: {label: Regretted leavers, unit: people, bad: high}
  rep_ideas_last_quarter: {label: Ideas from reps, unit: ideas, bad: low, public: true}
"""
DETECT = SITUATION + """\
detect:
  - {metric: rep_ideas_last_quarter, at_most: 2, says: "{value} ideas from reps last quarter"}
"""


def test_declared_metrics_used_by_a_team_and_a_situation_are_clean(tmp_path):
    team = TEAM + "metrics:\n  regretted_leavers_12m: 2\n  rep_ideas_last_quarter: 0.5\n"
    assert errors(tmp_path, {"content/playbook.yml": METRICS, "content/situations/idea-drought.yml": DETECT,
                             "content/teams/emea.yml": team}) == []


def test_misspelt_team_metric_points_at_its_key_with_did_you_mean(tmp_path):
    team = TEAM + "metrics:\n  regreted_leavers_12m: 2\n"
    one(errors(tmp_path, {"content/playbook.yml": METRICS, "content/teams/emea.yml": team}), "teams/emea.yml", 11,
        "unknown metric 'regreted_leavers_12m'; did you mean 'regretted_leavers_12m'?", column=3)


def test_undeclared_metric_lists_the_declared_ones(tmp_path):
    team = TEAM + "metrics:\n  nps: 40\n"
    one(errors(tmp_path, {"content/playbook.yml": METRICS, "content/teams/emea.yml": team}), "teams/emea.yml", 11,
        "unknown metric 'nps'", "declared metrics: regretted_leavers_12m, rep_ideas_last_quarter")
    one(errors(tmp_path, {"content/teams/emea.yml": team}), "teams/emea.yml", 11,
        "declare it under 'metrics:' in playbook.yml")


def test_misspelt_detect_metric_points_at_the_value(tmp_path):
    bad = DETECT.replace("metric: rep_ideas_last_quarter", "metric: rep_idea_last_quarter")
    one(errors(tmp_path, {"content/playbook.yml": METRICS, "content/situations/idea-drought.yml": bad}),
        "situations/idea-drought.yml", 7, "did you mean 'rep_ideas_last_quarter'?", column=14)


@pytest.mark.parametrize("rule, gist", [
    ('{metric: rep_ideas_last_quarter, says: "{value} ideas"}', "exactly one of 'at_least' or 'at_most'"),
    ('{metric: rep_ideas_last_quarter, at_least: 1, at_most: 3, says: "{value} ideas"}', "exactly one of"),
    ('{metric: rep_ideas_last_quarter, at_most: 2, says: "few ideas"}', "put {value} where it goes"),
    ('{metric: rep_ideas_last_quarter, at_most: two, says: "{value} ideas"}', "'at_most' must be a number (like 2 or 0.85)"),
    ('{metric: rep_ideas_last_quarter, below: 2, says: "{value} ideas"}', "unknown field 'below'"),
    ('{metric: rep_ideas_last_quarter, at_most: "x < 2", says: "{value}"}', "must be a number"),
])
def test_malformed_detect_rules(tmp_path, rule, gist):
    bad = SITUATION + f"detect:\n  - {rule}\n"
    one(errors(tmp_path, {"content/playbook.yml": METRICS, "content/situations/idea-drought.yml": bad}),
        "situations/idea-drought.yml", 7, gist)


@pytest.mark.parametrize("value, gist", [("two", "must be a number"), (".inf", "must be a number"),
                                         ("[1, 2]", "must be a number")])
def test_team_metric_must_be_a_finite_number(tmp_path, value, gist):
    team = TEAM + f"metrics:\n  regretted_leavers_12m: {value}\n"
    one(errors(tmp_path, {"content/playbook.yml": METRICS, "content/teams/emea.yml": team}), "teams/emea.yml", 11, gist)


def test_metric_declarations_are_checked(tmp_path):
    bad = PLAYBOOK + "metrics:\n  Regretted-Leavers: {label: L, unit: people, bad: up}\n"
    found = errors(tmp_path, {"content/playbook.yml": bad})
    assert [(p.line, p.column, p.message.split(":")[0]) for p in found] == [
        (4, 3, "'Regretted-Leavers' is not a valid name here"), (4, 52, "'up' is not allowed for 'bad' (allowed")]


# --- evidence -------------------------------------------------------------------

@pytest.mark.parametrize("template, value, expected", [
    ("{value} regretted leavers", 2.0, "2 regretted leavers"),
    ("forecast accuracy of {value}%", 71.5, "forecast accuracy of 71.5%"),
    ("{value} and {value}", 1234.0, "1,234 and 1,234"),
    ("{0.__class__} {value!r} {value:>99999} {{value}}", 3.0, "{0.__class__} {value!r} {value:>99999} {3}"),
    ("<script>{value}</script> {: onclick=x }", 0.25, "<script>0.25</script> {: onclick=x }"),
])
def test_says_replaces_only_value_and_nothing_else(template, value, expected):
    assert content_message(template, value=Number(value)) == expected  # what evidence_for writes


def test_format_number():
    assert [quantity_text(v, "en") for v in (0.0, 7.0, 0.85, 12500.0, -3.0)] == ["0", "7", "0.85", "12,500", "-3"]


def _content() -> Content:
    c = Content(root=Path("."), playbook=Playbook(title="T", intro="I", metrics={
        "leavers": Metric(label="Leavers", unit="people", bad="high"),
        "ideas": Metric(label="Ideas", unit="ideas", bad="low", public=True),
    }))
    rule = {"leavers": Detect(metric="leavers", at_least=2, says="{value} regretted leavers"),
            "ideas": Detect(metric="ideas", at_most=2, says="{value} ideas from reps")}
    c.situations = {
        "leaving": Situation(id="leaving", title="Reps leaving", signs=["x"], why="w", practices=["p"], detect=[rule["leavers"]]),
        "drought": Situation(id="drought", title="Idea drought", signs=["x"], why="w", practices=["p"], detect=[rule["ideas"]]),
        "named": Situation(id="named", title="Named", signs=["x"], why="w", practices=["p"]),
    }
    return c


def _team(situations=(), **metrics) -> Team:
    return Team(id="t", name="T", manager={"name": "M"}, quarter="2027-Q1", situations=list(situations), metrics=metrics)


def test_numbers_add_situations_with_evidence_and_named_ones_need_none():
    found = team_situations(_content(), _team(["named"], leavers=2, ideas=5))
    assert [(s.situation.id, s.named, [e.text for e in s.evidence]) for s in found] == [
        ("named", True, []), ("leaving", False, ["2 regretted leavers"])]


def test_thresholds_are_inclusive_and_one_sided():
    c = _content()
    assert [s.situation.id for s in team_situations(c, _team(leavers=1.99, ideas=2))] == ["drought"]
    assert [s.situation.id for s in team_situations(c, _team(leavers=2, ideas=2.01))] == ["leaving"]
    assert team_situations(c, _team()) == []


def test_private_evidence_stays_out_of_the_team_edition():
    c = _content()
    manager = team_situations(c, _team(["leaving"], leavers=3, ideas=0), private=True)
    team = team_situations(c, _team(["leaving"], leavers=3, ideas=0), private=False)
    assert [(s.situation.id, [e.text for e in s.evidence]) for s in manager] == [
        ("leaving", ["3 regretted leavers"]), ("drought", ["0 ideas from reps"])]
    # the named situation stays (the team named it), without the private number; the public one shows
    assert [(s.situation.id, [e.text for e in s.evidence]) for s in team] == [("leaving", []), ("drought", ["0 ideas from reps"])]
    only_private = team_situations(c, _team(leavers=3), private=False)
    assert only_private == [], "a situation only private numbers point to is not the team edition's business"


def test_the_team_edition_lists_only_public_numbers():
    c = _content()
    c.playbook.metrics["share"] = Metric(label="Share", unit="%", bad="low", public=True)
    t = _team(leavers=2, ideas=4, share=71.5)
    assert team_numbers(c, t) == [{"label": "Leavers", "value": "2 people"}, {"label": "Ideas", "value": "4 ideas"},
                                  {"label": "Share", "value": "71.5%"}]
    assert [n["label"] for n in team_numbers(c, t, private=False)] == ["Ideas", "Share"]


@pytest.mark.parametrize("value, unit, expected", [(7, "calls", "7 calls"), (1, "calls", "1 call"), (1, "people", "1 person"),
                                                   (84, "%", "84%"), (1, "one-on-ones", "1 one-on-one"), (0, "hours", "0 hours"),
                                                   (12500, "ideas", "12,500 ideas")])
def test_number_with_its_unit(value, unit, expected):
    assert with_unit(value, Metric(label="x", unit=unit, bad="low")) == expected


def test_a_unit_for_one_is_the_playbooks_when_given():
    assert with_unit(1, Metric(label="x", unit="mice", unit_one="mouse", bad="low")) == "1 mouse"
    assert with_unit(2, Metric(label="x", unit="mice", unit_one="mouse", bad="low")) == "2 mice"
