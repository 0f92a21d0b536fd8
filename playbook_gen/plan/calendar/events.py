"""The coaching calendar's event types and the quarter's dates: what `schedule` computes and `ics` writes."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ...models import Practice, quarter_bounds

__all__ = ["CalendarEvent", "EventGroup", "day_of", "quarter_bounds", "quarter_mondays"]


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
    key: str = ""  # the candidate it books (schedule.py): every event of one candidate shares it
    member_slug: str | None = None  # manager edition only
    one_on_one: bool = False
    team: bool = False  # the team takes part (shown in the team edition)
    cadence: str = ""  # as booked (a one-on-one's from its slot): calendar.ics's CATEGORIES

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
class EventGroup:
    """One practice's events with every member in one week: one line of a big team's calendar page."""

    title: str  # what each of them is: "1:1" or the practice's title
    practice: Practice | None
    one_on_one: bool  # the one-on-ones themselves
    first_day: date
    last_day: date
    earliest: time  # the earliest start of any of them, in the team's zone
    count: int
    minutes: int  # each

    @classmethod
    def of(cls, events: list[CalendarEvent]) -> EventGroup:
        first = events[0]
        days = [day_of(e.start) for e in events]
        title = "1:1" if first.one_on_one or first.practice is None else first.practice.title
        return cls(title, first.practice, first.one_on_one, min(days), max(days),
                   min(e.start.time() for e in events if isinstance(e.start, datetime)), len(events), first.minutes)


def quarter_mondays(first: date, last: date) -> list[date]:
    """The Monday of every ISO week that holds a weekday of [first, last] (the first may be before `first`)."""
    monday = first - timedelta(days=first.weekday())
    out = []
    while monday <= last:
        if any(first <= monday + timedelta(days=i) <= last for i in range(5)):
            out.append(monday)
        monday += timedelta(days=7)
    return out


def day_of(value: datetime | date) -> date:
    """The calendar day an event starts on (an all-day event starts on a date)."""
    return value.date() if isinstance(value, datetime) else value
