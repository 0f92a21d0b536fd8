"""Stage 3 — plan, continued: the quarter's coaching calendar, as a pure function of (team, content, quarter).

`schedule_quarter()` books the candidates (candidates.py) in priority order into the quarter's
working weeks (weeks.py), each with its whole cadence or not at all (place.py). Per ISO week the
booked coaching, one-on-ones included, stays within `manager.coaching_hours_per_week`; events never
overlap, stay inside `working_hours` on weekdays and avoid `skip` days. A candidate that does not fit
is left out, with the reason; a lower-priority one may still fit after it.

One-on-ones come first (one_on_ones.py). When they alone cannot all fit, the longest-tenured members
move from weekly to every other week (then, if still needed, to monthly) until they fit, and the
calendar names who moved; a one-on-one that fits in no way is left out like any other candidate.

The serve week, when the playbook has one, is an all-day event over the first working week with at
least three working days: it books no hours. Everything is deterministic (same input, same events
and UIDs), so re-importing calendar.ics updates events instead of duplicating them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ...content import Content
from ...i18n.message import message
from ...models import WEEKDAY_NAMES, Member, Practice, Team, minutes_of
from .candidates import Candidate, Listed, candidates, member_slot, serve_week_practice
from .events import CalendarEvent, quarter_bounds
from .left_out import reason as _reason
from .one_on_ones import Booked, LeftOut, Moved, book_one_on_ones
from .place import Need, Placed, place
from .weeks import Week, working_weeks

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TEAM_WEEKDAYS = (1, 2, 3, 0, 4)  # team practices: Tuesday, Wednesday, Thursday, Monday, Friday, in turn
TEAM_TIME = 10 * 60
MANAGER_WEEKDAY = 4  # the manager's own practices: Friday


@dataclass(frozen=True)
class Schedule:
    team_id: str
    quarter: str
    timezone: str
    first_day: date
    last_day: date
    capacity_minutes: int  # per ISO week
    weeks: tuple[tuple[date, tuple[date, ...]], ...]  # each working week: its Monday, its working days
    booked: tuple[Booked, ...]
    left_out: tuple[LeftOut, ...]
    as_needed: tuple[Listed, ...]
    inside: tuple[Listed, ...]  # run inside the one-on-ones
    moved: tuple[Moved, ...]
    one_on_ones_exceed: bool  # the one-on-ones alone did not fit the hours as the team file asks
    serve_week: CalendarEvent | None

    @property
    def events(self) -> tuple[CalendarEvent, ...]:
        found = [e for b in self.booked for e in b.events]
        found.sort(key=lambda e: (e.start, e.uid))
        return ((self.serve_week,) if self.serve_week else ()) + tuple(found)


def serve_week_days(team: Team, quarter: str | None = None) -> list[date]:
    """The working days of the quarter's first working week with at least three of them."""
    weeks = working_weeks(team, quarter)
    week = next((w for w in weeks if len(w.days) >= 3), weeks[0] if weeks else None)
    return [d.date for d in week.days] if week else []


def member_weekday(index: int, days: int = 5) -> int:
    """Which day of the serve week member `index` is asked."""
    return index % max(1, days)


def format_time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


class _Booker:
    def __init__(self, team: Team, quarter: str) -> None:
        self.team, self.quarter = team, quarter
        self.zone = ZoneInfo(team.timezone)
        self.capacity = round(team.manager.coaching_hours_per_week * 60)
        self.team_index = 0

    def uid(self, base: str, n: int, slug: str | None) -> str:
        who = f"-{slug}" if slug else ""
        return f"{self.quarter.lower()}-{base}-{n:02d}{who}@{self.team.id}.playbook-gen"

    def at(self, day: date, minute: int) -> datetime:
        return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=self.zone)

    def needs(self, candidate: Candidate) -> list[Need]:
        if candidate.slot is not None:
            slot = candidate.slot
            start = slot.time if slot.time is not None else minutes_of(self.team.one_on_ones.time)
            return [Need(slot.minutes, slot.weekday, start, 0)]
        if candidate.rotate:  # the member is chosen per occurrence, in `events()`
            return [Need(candidate.minutes, WEEKDAY_NAMES.index(self.team.one_on_ones.day), None)]
        if candidate.members:
            return [Need(candidate.minutes, _member_weekday(self.team, m), None, i)
                    for i, m in enumerate(candidate.members)]
        if candidate.kind == "manager":
            return [Need(candidate.minutes, MANAGER_WEEKDAY, None)]
        weekday = TEAM_WEEKDAYS[self.team_index % len(TEAM_WEEKDAYS)]
        self.team_index += 1
        return [Need(candidate.minutes, weekday, TEAM_TIME)]

    def events(self, candidate: Candidate, placed: list[Placed], cadence: str) -> tuple[CalendarEvent, ...]:
        out: list[CalendarEvent] = []
        counts: dict[int | None, int] = {}
        practice = candidate.practice
        base = "one-on-one" if candidate.slot is not None else (practice.id if practice else candidate.key)
        for turn, p in enumerate(sorted(placed, key=lambda p: (p.day.date, p.at))):
            who = turn % len(candidate.members) if candidate.rotate else p.need.member
            member = candidate.members[who] if who is not None else None
            n = counts[who] = counts.get(who, 0) + 1
            if candidate.rotate:  # one series, whoever's turn it is: the UID counts the occurrences
                n = turn + 1
            title = (message("1:1 with %(name)s", name=member.name) if candidate.slot is not None and member
                     else message("%(practice)s with %(name)s", practice=practice.title, name=member.name)
                     if practice and member else practice.title if practice else candidate.key)
            out.append(CalendarEvent(
                self.uid(base, n, None if candidate.rotate or not member else member.slug), title,
                self.at(p.day.date, p.at),
                self.at(p.day.date, p.at + p.need.minutes), _description(candidate), practice,
                member.name if member else None, None, candidate.key, member.slug if member else None,
                candidate.slot is not None, candidate.kind == "team", cadence))
        return tuple(out)


def _member_weekday(team: Team, member: Member) -> int:
    """A member's one-to-one practices go on the day of their one-on-one (the team's day if none)."""
    slot = member_slot(team, member)
    return slot.weekday if slot else 0


def _description(candidate: Candidate) -> str:
    practice = candidate.practice
    if candidate.slot is not None:
        start = message("Start with their goals, not your report.")
        if practice is None:
            return start
        return message("Run as %(practice)s: %(summary)s %(start)s", practice=practice.title, summary=practice.summary,
                       start=start)
    assert practice is not None
    return practice.summary  # never why it was chosen: a member's focus is private, team events are shared


def schedule_quarter(team: Team, content: Content, quarter: str | None = None) -> Schedule:
    """The quarter's coaching calendar for `team`: what is booked when, what is only listed, what was left out."""
    quarter = quarter or team.quarter
    first, last = quarter_bounds(quarter)
    booker = _Booker(team, quarter)
    found = candidates(content, team)
    ones = [c for c in found.booked if c.slot is not None]
    weeks, booked, left_out, moved = book_one_on_ones(booker, ones, team, quarter)
    for candidate in found.booked:
        if candidate.slot is not None:
            continue
        placed = place(candidate.cadence, weeks, booker.needs(candidate), _emptier_parity(weeks))
        if placed is None:
            left_out.append(LeftOut(candidate, _reason(candidate, candidate.cadence, weeks, booker.capacity)))
        else:
            booked.append(Booked(candidate, candidate.cadence, booker.events(candidate, placed, candidate.cadence)))
    with_one_on_one = {b.candidate.members[0].name for b in booked if b.candidate.slot is not None}
    inside = []
    for item in found.inside:
        missing = [name for name in item.members if name not in with_one_on_one]
        if item.members and missing:
            left_out.append(LeftOut(_listed_candidate(item), message(
                "it runs inside the one-on-one, and %(names)s has none this quarter", names=", ".join(missing))))
        else:
            inside.append(item)
    left_out.sort(key=lambda item: item.candidate.priority)
    serve = _serve_week(booker, team, quarter, serve_week_practice(content))
    return Schedule(team.id, quarter, team.timezone, first, last, booker.capacity,
                    tuple((w.monday, tuple(d.date for d in w.days)) for w in weeks), tuple(booked), tuple(left_out),
                    found.as_needed, tuple(inside), tuple(moved), bool(moved) or any(
                        item.candidate.slot is not None for item in left_out), serve)


def _emptier_parity(weeks: list[Week]) -> int:
    return 0 if sum(w.free_minutes for w in weeks[0::2]) * len(weeks[1::2] or [0]) >= sum(
        w.free_minutes for w in weeks[1::2]) * len(weeks[0::2] or [0]) else 1


def _listed_candidate(item: Listed) -> Candidate:
    return Candidate(f"inside-{item.practice.id}", "focus", "in-one-on-one", item.practice, (), item.practice.minutes,
                     item.practice.cadence, item.why, None, 10**6)


def _serve_week(booker: _Booker, team: Team, quarter: str, practice: Practice | None) -> CalendarEvent | None:
    days = serve_week_days(team, quarter)
    if practice is None or not days:
        return None
    return CalendarEvent(
        booker.uid(practice.id, 1, None), practice.title, days[0], days[-1] + timedelta(days=1),
        message("%(summary)s All week: ask \"%(question)s\" in every one-on-one.", summary=practice.summary,
                question=message("How can I best serve you?")), practice,
        key="serve-week", team=True)
