"""The coaching calendar's types and the quarter's weeks: what `schedule` computes and `ics` writes."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ...models import Practice


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    title: str
    start: datetime | date  # aware datetime in the team's zone, or a date for all-day events
    end: datetime | date    # exclusive
    description: str
    practice: Practice | None = None
    member_name: str | None = None  # manager edition only
    member_page: str | None = None  # manager edition only

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def minutes(self) -> int:
        start, end = self.start, self.end
        if not isinstance(start, datetime) or not isinstance(end, datetime):  # all day
            return 0
        return int((end - start).total_seconds() // 60)


@dataclass(frozen=True)
class RhythmItem:
    """One line of the quarter's rhythm: what, how often, when."""

    practice: Practice
    when: str
    per_member: bool = False  # booked with each member (manager edition's calendar)


@dataclass(frozen=True)
class CoachingCalendar:
    name: str
    team_id: str
    timezone: str
    quarter: str
    first_day: date
    last_day: date
    events: tuple[CalendarEvent, ...]
    rhythm: tuple[RhythmItem, ...]
    unscheduled: tuple[Practice, ...]  # start-here practices used when needed

    def weeks(self, *, group_members: bool = False) -> list[tuple[int, date, list[CalendarEvent | EventGroup]]]:
        """(week number, its Monday, its events) for every week of the quarter.

        `group_members`: each practice booked with every member becomes one
        `EventGroup` per week (a big team's calendar page), after the week's other events.
        """
        mondays = quarter_mondays(self.first_day, self.last_day)
        by_week: dict[date, list[CalendarEvent]] = {monday: [] for monday in mondays}
        for event in self.events:  # one pass: a big team has tens of thousands of events
            day = day_of(event.start)
            week = by_week.get(day - timedelta(days=day.weekday()))
            if week is not None:
                week.append(event)
        out: list[tuple[int, date, list[CalendarEvent | EventGroup]]] = []
        for number, monday in enumerate(mondays, start=1):
            events = by_week[monday]
            row: list[CalendarEvent | EventGroup] = list(events)
            if group_members:
                groups: dict[str, list[CalendarEvent]] = {}
                for event in events:
                    if event.member_name is not None and event.practice is not None:
                        groups.setdefault(event.practice.id, []).append(event)
                row = [e for e in events if e.member_name is None] + [EventGroup.of(g) for g in groups.values()]
            out.append((number, monday, row))
        return out


@dataclass(frozen=True)
class EventGroup:
    """One practice's events with every member in one week: one line of a big team's calendar page."""

    practice: Practice
    one_on_one: bool  # the weekly one-on-one itself
    first_day: date
    last_day: date
    earliest: time  # the earliest start of any of them, in the team's zone
    count: int
    minutes: int  # each

    @classmethod
    def of(cls, events: list[CalendarEvent]) -> EventGroup:
        first = events[0]
        assert first.practice is not None and isinstance(first.start, datetime)
        days = [day_of(e.start) for e in events]
        return cls(first.practice, first.title.startswith("1:1 "), min(days), max(days),
                   min(e.start.time() for e in events if isinstance(e.start, datetime)), len(events), first.minutes)


def quarter_bounds(quarter: str) -> tuple[date, date]:
    year, q = int(quarter[:4]), int(quarter[-1])
    first = date(year, 3 * q - 2, 1)
    last = (date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)) - timedelta(days=1)
    return first, last


def quarter_mondays(first: date, last: date) -> list[date]:
    monday = first + timedelta(days=(7 - first.weekday()) % 7)
    out = []
    while monday <= last:
        out.append(monday)
        monday += timedelta(days=7)
    return out


def day_of(value: datetime | date) -> date:
    """The calendar day an event starts on (an all-day event starts on a date)."""
    return value.date() if isinstance(value, datetime) else value
