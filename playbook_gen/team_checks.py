"""Checks of a team's calendar fields that need more than one field: slots inside working hours,
skip days inside the quarter. Called by validate.py for every team that validated."""
from __future__ import annotations

from .errors import Problem
from .load import Document
from .models import Team, minutes_of, quarter_bounds


def calendar_problems(team: Team, doc: Document) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) about the team's one-on-one slots and skip days."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    start, end = (minutes_of(t) for t in team.working_hours.split("-"))
    slot = team.one_on_ones

    def outside(at: int, minutes: int) -> bool:
        return at < start or at + minutes > end

    if slot.every != "none" and outside(minutes_of(slot.time), slot.minutes):
        errors.append(doc.problem(("one_on_ones", "time"), (
            f"the team's one-on-ones ({slot.time}, {slot.minutes} minutes) fall outside working_hours "
            f"{team.working_hours}; move the time or widen working_hours")))
    for i, member in enumerate(team.members):
        own = member.one_on_one
        if own is None or own.time is None or (own.every or slot.every) == "none":
            continue
        minutes = own.minutes or slot.minutes
        if outside(minutes_of(own.time), minutes):
            errors.append(doc.problem(("members", i, "one_on_one", "time"), (
                f"{member.name}'s one-on-one ({own.time}, {minutes} minutes) falls outside working_hours "
                f"{team.working_hours}; move the time or widen working_hours")))
    first, last = quarter_bounds(team.quarter)
    for i, day in enumerate(team.skip):
        if not first <= day <= last:
            warnings.append(doc.problem(("skip", i), (
                f"skip day {day.isoformat()} is not in {team.quarter} ({first.isoformat()} to {last.isoformat()}); "
                "it changes nothing"), "warning"))
    return errors, warnings
