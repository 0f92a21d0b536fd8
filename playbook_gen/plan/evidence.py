"""Situations read from a team's numbers: which `detect:` thresholds its `metrics:` meet, and the evidence line.

A situation the team named is the team's; one its numbers meet is added to it with the evidence
("2 regretted leavers in the last 12 months"). Evidence from a metric the playbook does not declare
`public: true` is for the manager edition only: `team_situations(..., private=False)` leaves it out,
and with it a situation only private numbers point to.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..content import Content
from ..i18n.message import Message, Number, content_message
from ..models import Detect, Metric, Situation, Team


@dataclass(frozen=True)
class Evidence:
    """One number of the team's that meets a situation's threshold, and the line that says so."""

    metric: str
    value: float
    text: Message  # the rule's `says` with the number in: worded from its translation in a translated edition
    public: bool


@dataclass(frozen=True)
class TeamSituation:
    """A situation the team is in: named in its file, read from its numbers, or both."""

    situation: Situation
    named: bool
    evidence: tuple[Evidence, ...]


def meets(rule: Detect, value: float) -> bool:
    if rule.at_least is not None:
        return value >= rule.at_least
    return rule.at_most is not None and value <= rule.at_most


def evidence_for(content: Content, team: Team, situation: Situation) -> tuple[Evidence, ...]:
    """The team's numbers that meet `situation`'s thresholds, in the order the situation lists them."""
    found = []
    for rule in situation.detect:
        value = team.metrics.get(rule.metric)
        declared = content.playbook.metrics.get(rule.metric)
        if value is None or declared is None or not meets(rule, value):
            continue
        found.append(Evidence(rule.metric, value, content_message(rule.says, value=Number(value)), declared.public))
    return tuple(found)


def team_situations(content: Content, team: Team, *, private: bool = True) -> list[TeamSituation]:
    """The situations a team is in: the ones it named, in its order, then the ones its numbers meet.

    With `private=False` (the shareable edition), evidence from metrics not declared public is left
    out, and so is a situation that only such evidence adds.
    """
    result = []
    for situation_id in team.situations:
        situation = content.situations[situation_id]
        evidence = evidence_for(content, team, situation)
        result.append(TeamSituation(situation, True, tuple(e for e in evidence if private or e.public)))
    for situation in content.situations.values():
        if situation.id in team.situations:
            continue
        evidence = tuple(e for e in evidence_for(content, team, situation) if private or e.public)
        if evidence:
            result.append(TeamSituation(situation, False, evidence))
    return result


def team_numbers(content: Content, team: Team, *, private: bool = True) -> list[dict[str, str]]:
    """The team's numbers as the team home lists them, in the playbook's order: label, value and unit.
    The team edition (`private=False`) gets only the metrics declared public."""
    return [{"label": declared.label, "value": with_unit(team.metrics[name], declared)}
            for name, declared in content.playbook.metrics.items()
            if name in team.metrics and (private or declared.public)]


def with_unit(value: float, declared: Metric) -> Message:
    """'7 calls', '1 call', '1 person', '84%': a number and its unit as a person writes them.

    The unit is content text (translated with the playbook); for exactly one, `unit_one` when the
    playbook gives it, else English's rule (the unit without its s)."""
    unit = declared.unit
    if unit[:1] in "%‰°":
        return Message("%(n)s%(unit)s", {"n": Number(value), "unit": unit})
    if value == 1:
        unit = declared.unit_one or ("person" if unit == "people" else unit[:-1]
                                     if unit.endswith("s") and not unit.endswith("ss") else unit)
    return Message("%(n)s %(unit)s", {"n": Number(value), "unit": unit})
