"""The quarter's working time: which days may hold coaching, grouped into weeks, and what is free on each.

A working day is a weekday of the quarter that is not a `skip` day. A working week is an ISO week
(Monday to Sunday) with at least one working day; the cadences count working weeks, so a week of
holidays neither holds nor owes a weekly practice. Each working day is a row of busy intervals
inside the team's working hours; `Day.first_fit` finds the earliest free start for an event.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ...models import Team, minutes_of
from .events import quarter_bounds


@dataclass
class Day:
    """One working day: the working hours and what is already booked, in minutes after midnight."""

    date: date
    start: int
    end: int
    busy: list[tuple[int, int]] = field(default_factory=list)  # sorted, non-overlapping [start, end)

    def gaps(self) -> list[tuple[int, int]]:
        """Free [start, end) intervals inside the working hours, earliest first."""
        out, at = [], self.start
        for begin, finish in self.busy:
            if begin > at:
                out.append((at, begin))
            at = max(at, finish)
        if at < self.end:
            out.append((at, self.end))
        return out

    def fits(self, at: int, minutes: int) -> bool:
        return self.start <= at and at + minutes <= self.end and all(
            finish <= at or begin >= at + minutes for begin, finish in self.busy)

    def first_fit(self, minutes: int, after: int | None = None) -> int | None:
        """The earliest start at or after `after` (default: the day's start) where `minutes` fit."""
        floor = self.start if after is None else after
        for begin, finish in self.gaps():
            at = max(begin, floor)
            if at + minutes <= finish:
                return at
        return None

    def book(self, at: int, minutes: int) -> None:
        assert self.fits(at, minutes), (self.date, at, minutes, self.busy)
        self.busy.append((at, at + minutes))
        self.busy.sort()

    def unbook(self, at: int, minutes: int) -> None:
        self.busy.remove((at, at + minutes))


@dataclass
class Week:
    """One working week: its working days and the coaching minutes still free in it."""

    index: int  # 0-based among the quarter's working weeks
    monday: date
    days: list[Day]
    free_minutes: int

    def day(self, when: date) -> Day | None:
        return next((d for d in self.days if d.date == when), None)


def working_days(team: Team, quarter: str | None = None) -> list[date]:
    """Weekdays of the quarter that are not skip days."""
    first, last = quarter_bounds(quarter or team.quarter)
    skip = set(team.skip)
    out, day = [], first
    while day <= last:
        if day.weekday() < 5 and day not in skip:
            out.append(day)
        day += timedelta(days=1)
    return out


def working_weeks(team: Team, quarter: str | None = None) -> list[Week]:
    """The quarter's working weeks, each with empty days and the manager's weekly coaching minutes."""
    start, end = (minutes_of(t) for t in team.working_hours.split("-"))
    capacity = round(team.manager.coaching_hours_per_week * 60)
    weeks: list[Week] = []
    for day in working_days(team, quarter):
        monday = day - timedelta(days=day.weekday())
        if not weeks or weeks[-1].monday != monday:
            weeks.append(Week(len(weeks), monday, [], capacity))
        weeks[-1].days.append(Day(day, start, end))
    return weeks


def months_of(weeks: list[Week]) -> list[tuple[int, int]]:
    """(year, month) of every month that has a working day, in order."""
    seen: dict[tuple[int, int], None] = {}
    for week in weeks:
        for day in week.days:
            seen.setdefault((day.date.year, day.date.month), None)
    return list(seen)
