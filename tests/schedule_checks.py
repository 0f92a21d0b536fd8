"""The scheduler's invariants, checked from the outside: shared by the property tests (tests/unit) and the
end-to-end test that reads the demo's manager calendar.ics files back (tests/e2e).

Everything here is recomputed from the team file and the events themselves; the scheduler's own
weeks and placement code is not used.
"""
from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from playbook_gen.models import Team, quarter_bounds


@dataclass(frozen=True)
class Ev:
    """An event as a calendar app sees it: when, how long, which series."""

    start: datetime
    end: datetime
    series: str  # the candidate (or the UID's practice part) it belongs to
    member: str | None = None

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


def clock(text: str) -> int:
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def working_weeks(team: Team) -> list[tuple[date, list[date]]]:
    """(Monday, working days) of every ISO week of the quarter with a weekday that is not skipped."""
    first, last = quarter_bounds(team.quarter)
    weeks: dict[date, list[date]] = {}
    day = first
    while day <= last:
        if day.weekday() < 5 and day not in set(team.skip):
            weeks.setdefault(day - timedelta(days=day.weekday()), []).append(day)
        day += timedelta(days=1)
    return sorted(weeks.items())


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def calendar_problems(team: Team, events: list[Ev]) -> list[str]:
    """Capacity, overlaps, working hours, weekdays, skip days and the quarter, per ISO week."""
    problems = []
    capacity = round(team.manager.coaching_hours_per_week * 60)
    start, end = (clock(t) for t in team.working_hours.split("-"))
    first, last = quarter_bounds(team.quarter)
    per_week: dict[date, int] = defaultdict(int)
    for e in events:
        day = e.start.date()
        per_week[week_of(day)] += e.minutes
        if e.end.date() != day or day.weekday() >= 5:
            problems.append(f"{e} is not inside one weekday")
        if clock(e.start.strftime("%H:%M")) < start or clock(e.end.strftime("%H:%M")) > end:
            problems.append(f"{e} is outside working hours {team.working_hours}")
        if day in set(team.skip) or not first <= day <= last:
            problems.append(f"{e} is on a skip day or outside {team.quarter}")
    problems += [f"week of {w}: {m} minutes booked, more than {capacity}" for w, m in per_week.items() if m > capacity]
    ordered = sorted(events, key=lambda e: e.start)
    problems += [f"{a} overlaps {b}" for a, b in itertools.pairwise(ordered) if b.start < a.end]
    return problems


def cadence_problem(cadence: str, days: list[date], weeks: list[tuple[date, list[date]]]) -> str | None:
    """Do these event days follow `cadence` exactly in the quarter's working weeks?"""
    mondays = [m for m, _ in weeks]
    got = sorted(week_of(d) for d in days)
    if cadence == "weekly":
        ok = got == mondays
    elif cadence == "biweekly":
        ok = got in (mondays[0::2], mondays[1::2])
    elif cadence == "monthly":
        months = sorted({(d.year, d.month) for _, ds in weeks for d in ds})
        ok = sorted((d.year, d.month) for d in days) == months
    else:
        ok = len(days) == 1
    return None if ok else f"{cadence}: booked on {sorted(days)}"


def _gaps(day: date, busy: list[Ev], start: int, end: int) -> list[int]:
    spans = sorted((clock(e.start.strftime("%H:%M")), clock(e.end.strftime("%H:%M")))
                   for e in busy if e.start.date() == day)
    out, at = [], start
    for a, b in spans:
        if a > at:
            out.append(a - at)
        at = max(at, b)
    return out + ([end - at] if end > at else [])


def fits_somewhere(team: Team, busy: list[Ev], cadence: str, minutes: int, count: int) -> bool:
    """Could `count` events of `minutes` each, in every week `cadence` picks, be added to `busy`?

    Room in a week: the coaching minutes left cover them, and the free stretches of its working days
    (of the month in question, for a monthly cadence) hold that many of them.
    """
    weeks = working_weeks(team)
    capacity = round(team.manager.coaching_hours_per_week * 60)
    start, end = (clock(t) for t in team.working_hours.split("-"))
    used: dict[date, int] = defaultdict(int)
    for e in busy:
        used[week_of(e.start.date())] += e.minutes

    def slots(days: list[date]) -> int:
        return sum(g // minutes for d in days for g in _gaps(d, busy, start, end))

    def room(monday: date, days: list[date], times: int = 1) -> bool:
        return capacity - used[monday] >= minutes * count * times and slots(days) >= count

    if cadence == "weekly":
        return bool(weeks) and all(room(m, ds) for m, ds in weeks)
    if cadence == "biweekly":
        return any(weeks[p::2] and all(room(m, ds) for m, ds in weeks[p::2]) for p in (0, 1))
    if cadence == "monthly":  # one week per month; a week two months share may hold both
        months = sorted({(d.year, d.month) for _, ds in weeks for d in ds})
        per_month = [[(m, [d for d in ds if (d.year, d.month) == month]) for m, ds in weeks
                      if any((d.year, d.month) == month for d in ds)] for month in months]
        for picks in itertools.product(*per_month):
            times = defaultdict(int)
            for m, _ in picks:
                times[m] += 1
            if all(room(m, ds, times[m]) for m, ds in picks):
                return True
        return False
    return any(room(m, ds) for m, ds in weeks)


def one_on_ones_fit(team: Team, lengths: list[int]) -> bool:
    """Could every one-on-one (`lengths`, in minutes) be held in the same week, every week of the quarter?

    Sure when they fit the coaching hours and, longest first, each into the first working day of the
    week with that much time left (the working days being the bins). False says only "not sure"."""
    start, end = (clock(t) for t in team.working_hours.split("-"))
    if sum(lengths) > round(team.manager.coaching_hours_per_week * 60):
        return False
    for _, days in working_weeks(team):
        left = [end - start] * len(days)
        for minutes in sorted(lengths, reverse=True):
            day = next((i for i, free in enumerate(left) if free >= minutes), None)
            if day is None:
                return False
            left[day] -= minutes
    return True
