"""One edition's view of the schedule: the manager edition sees everything, the team edition what the team
takes part in (team practices, the serve week) and no one's name, slot or left-out entry.

`edition_calendar()` is what `calendar.ics` and the calendar page are written from.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from ...i18n.message import Day, message
from ...models import Practice
from .candidates import Listed
from .events import CalendarEvent, EventGroup, day_of, quarter_mondays
from .left_out import every as every_text
from .schedule import Booked, LeftOut, Moved, Schedule, format_time


@dataclass(frozen=True)
class RhythmItem:
    """One line of the quarter's rhythm: what, how often, when, why."""

    practice: Practice | None
    title: str
    when: str
    minutes: int
    why: str = ""
    per_member: bool = False  # with one or more members (manager edition)
    tier: str = ""  # what put it on the calendar (candidates.TIERS)
    one_on_one: bool = False  # a member's one-on-ones


@dataclass(frozen=True)
class WeekView:
    number: int | None  # among the working weeks; None: a week with no working day
    monday: date
    working_days: int
    rows: list[CalendarEvent | EventGroup]
    booked_minutes: int
    one_on_ones: int  # how many this week (the team edition shows the count, not who)
    next_team: CalendarEvent | None  # a week with no team session: the next one


@dataclass(frozen=True)
class CoachingCalendar:
    name: str
    team_id: str
    timezone: str
    quarter: str
    first_day: date
    last_day: date
    events: tuple[CalendarEvent, ...]  # what this edition's calendar.ics holds
    rhythm: tuple[RhythmItem, ...]
    unscheduled: tuple[Practice, ...]  # as-needed: listed, never booked
    inside: tuple[Listed, ...] = ()  # run inside the one-on-ones
    left_out: tuple[LeftOut, ...] = ()  # manager edition only
    moved: tuple[Moved, ...] = ()  # manager edition only
    one_on_ones_exceed: bool = False
    capacity_minutes: int = 0
    private: bool = False
    working_weeks: tuple[tuple[date, tuple[date, ...]], ...] = ()
    one_on_ones_by_week: tuple[tuple[date, int], ...] = ()  # how many one-on-ones each week (no names)

    def numbered(self) -> list[tuple[date, int | None]]:
        """Every ISO week of the quarter (its Monday) and its number among the working weeks (None: none)."""
        working = {m for m, days in self.working_weeks if days}
        out: list[tuple[date, int | None]] = []
        count = 0
        for monday in quarter_mondays(self.first_day, self.last_day):
            if monday in working:
                count += 1
            out.append((monday, count if monday in working else None))
        return out

    def weeks(self, *, group_members: bool = False) -> list[WeekView]:
        """Every ISO week of the quarter, with its events (a big team's: grouped per practice)."""
        by_week: dict[date, list[CalendarEvent]] = {m: [] for m in quarter_mondays(self.first_day, self.last_day)}
        for event in self.events:
            day = day_of(event.start)
            by_week.setdefault(day - timedelta(days=day.weekday()), []).append(event)
        working = dict(self.working_weeks)
        team_events = [e for e in self.events if e.team and not e.all_day]
        out = []
        numbers = dict(self.numbered())
        for monday, events in sorted(by_week.items()):
            number = numbers.get(monday)
            rows: list[CalendarEvent | EventGroup] = list(events)
            if group_members:
                groups: dict[str, list[CalendarEvent]] = {}
                for event in events:
                    if event.member_name is not None:
                        groups.setdefault("1:1" if event.one_on_one else event.key, []).append(event)
                rows = [e for e in events if e.member_name is None] + [EventGroup.of(g) for g in groups.values()]
            ones = dict(self.one_on_ones_by_week).get(monday, 0)
            later = None
            if not any(e.team and not e.all_day for e in events):
                later = next((e for e in team_events if day_of(e.start) > monday), None)
            out.append(WeekView(number, monday, len(working.get(monday, ())), rows, sum(e.minutes for e in events),
                                ones, later))
        return out


def _when(booked: Booked) -> str:
    starts = [e.start for e in booked.events if isinstance(e.start, datetime)]
    every = every_text(booked.cadence)
    slots = Counter((s.weekday(), s.hour * 60 + s.minute) for s in starts)
    (weekday, minute), count = slots.most_common(1)[0]
    if booked.cadence in ("weekly", "biweekly") and count * 2 > len(starts):
        day = Day(next(s.date() for s in starts if s.weekday() == weekday), "EEEE")  # printed as its weekday
        if count == len(starts):
            return message("%(every)s, %(day)s %(time)s", every=every, day=day, time=format_time(minute))
        return message("%(every)s, %(day)s %(time)s (another day in a week where that one is off or full)",
                       every=every, day=day, time=format_time(minute))
    first = min(starts)
    return message("%(every)s (first: %(day)s, %(time)s)", every=every, day=Day(first.date(), "EEE d MMM"),
                   time=first.strftime("%H:%M"))


def _rhythm(schedule: Schedule, private: bool) -> tuple[RhythmItem, ...]:
    items = []
    for booked in schedule.booked:
        c = booked.candidate
        if not private and c.kind != "team":
            continue
        items.append(RhythmItem(c.practice, c.title, _when(booked), c.minutes, c.why if private else "",
                                per_member=bool(c.members) and not c.rotate, tier=c.tier, one_on_one=c.slot is not None))
    return tuple(items)


def edition_calendar(schedule: Schedule, *, private: bool, name: str,
                     member_pages: dict[str, str] | None = None) -> CoachingCalendar:
    """The manager edition's calendar (every event, with names and member pages) or the team edition's."""
    pages = member_pages or {}
    ones: dict[date, int] = {}
    for event in schedule.events:
        if event.one_on_one:
            monday = day_of(event.start) - timedelta(days=day_of(event.start).weekday())
            ones[monday] = ones.get(monday, 0) + 1
    if private:
        events = tuple(replace(e, member_page=pages.get(e.member_slug or "")) if e.member_slug else e
                       for e in schedule.events)
    else:
        events = tuple(e for e in schedule.events if e.team)
    return CoachingCalendar(
        name, schedule.team_id, schedule.timezone, schedule.quarter, schedule.first_day, schedule.last_day,
        events, _rhythm(schedule, private), tuple(item.practice for item in schedule.as_needed),
        schedule.inside if private else tuple({i.practice.id: Listed(i.practice, "") for i in schedule.inside}.values()),
        schedule.left_out if private else (), schedule.moved if private else (),
        schedule.one_on_ones_exceed if private else False, schedule.capacity_minutes, private, schedule.weeks,
        tuple(sorted(ones.items())))
