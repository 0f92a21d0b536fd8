"""Why a candidate was left out, in the manager's terms: the week (or month) that has no room left."""
from __future__ import annotations

from datetime import date

from .candidates import Candidate
from .weeks import Week, months_of


def reason(candidate: Candidate, cadence: str, weeks: list[Week], capacity: int) -> str:
    """Why a candidate did not fit, in the manager's terms: the week (or month) that has no room left."""
    need = candidate.minutes * (1 if candidate.rotate else max(1, len(candidate.members)))
    every = {"weekly": "every week", "biweekly": "every other week", "monthly": "once a month",
             "quarterly": "once this quarter", "once": "once this quarter"}[cadence]
    hours = f"your {capacity / 60:g} coaching hours a week"
    head = f"no room: it needs {need} minutes {every}"
    if not weeks:
        return f"{head}, and the quarter has no working day"

    def week_name(week: Week) -> str:
        return f"the week of {week.monday.day} {week.monday.strftime('%B')}"

    if cadence == "weekly":
        short = [w for w in weeks if w.free_minutes < need]
        if short:
            return f"{head}, and {week_name(short[0])} has only {short[0].free_minutes} minutes of {hours} left"
    elif cadence == "biweekly":
        full = [next((w for w in weeks[p::2] if w.free_minutes < need), None) for p in (0, 1)]
        found = sorted((w for w in full if w is not None), key=lambda w: w.index)
        if len(found) == 2:
            first, second = found
            return (f"{head}, and either way round a week is full: {week_name(first)} has {first.free_minutes} "
                    f"minutes of {hours} left, {week_name(second)} {second.free_minutes}")
    elif cadence == "monthly":
        for month in months_of(weeks):
            inside = [w for w in weeks if any((d.date.year, d.date.month) == month for d in w.days)]
            if all(w.free_minutes < need for w in inside):
                name = date(month[0], month[1], 1).strftime("%B")
                most = max(w.free_minutes for w in inside)
                return f"{head}, and no week in {name} has that much of {hours} left (the most: {most} minutes)"
    elif all(w.free_minutes < need for w in weeks):
        most = max(w.free_minutes for w in weeks)
        return f"{head}, and no week of the quarter has that much of {hours} left (the most: {most} minutes)"
    return f"{head}, and the working days that have hours left have no free {candidate.minutes} minutes in a row"
