"""Stage 3 — plan, continued: the team's coaching calendar for its quarter.

Which practice when, computed from the practices' cadences, in the team's
time zone. `plan.ranking` decides *which* practices (from the ranking); this module
decides *when*. Everything is deterministic: the same team file gives the same
events, times and UIDs, so re-importing `calendar.ics` updates events instead
of duplicating them.

Rules (documented on the calendar page too):
- week 1 starts on the first Monday of the quarter; the serve week (if the
  playbook has one) fills it, Monday to Friday, as an all-day event;
- the quarterly plan (the best-ranked quarterly team practice tagged
  `planning`, else the best-ranked quarterly team practice) is in week 2;
- each start-here practice follows its cadence: weekly, every other week,
  monthly (first suitable day of each month after week 1), quarterly or once
  (week 2); "as-needed" practices are listed, not scheduled;
- team practices get a weekday each (Tuesday, Wednesday, Thursday, Monday,
  Friday, in rank order) and the first free half-hour from 10:00;
- one-to-one practices (tagged `one-on-one`, or for "you and one rep") are
  booked with each member, in the manager edition only: member N on weekday
  N mod 5, from 14:00. The weekly one-on-one is the best-ranked weekly
  one-to-one practice; other weekly one-to-one practices happen inside it.
  The team edition's calendar names nobody: it lists these as "with each member".
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ...models import Member, Practice, Team
from .events import CalendarEvent, CoachingCalendar, RhythmItem, day_of, quarter_bounds, quarter_mondays

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TEAM_WEEKDAYS = (1, 2, 3, 0, 4)
DAY_START, DAY_END = 9 * 60, 18 * 60
TEAM_PREFERRED, ONE_ON_ONE_PREFERRED = 10 * 60, 14 * 60
STEP = 30
SCHEDULED = ("weekly", "biweekly", "monthly", "quarterly", "once")


def serve_week_days(team: Team) -> list[date]:
    """Monday to Friday of the quarter's first full week."""
    first, last = quarter_bounds(team.quarter)
    monday = quarter_mondays(first, last)[0]
    return [monday + timedelta(days=i) for i in range(5)]


def member_weekday(index: int) -> int:
    return index % 5


def is_one_to_one(practice: Practice) -> bool:
    people = practice.people.lower()
    return "one-on-one" in practice.tags or people.startswith(("you and one rep", "you and each rep"))


def format_time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


class _Slots:
    """First free half-hour on a day, from a preferred time; overlaps only when the day is full.

    Every start is on a half-hour, so a day is a row of half-hour cells: booking
    costs the same whether the day holds 2 events or 400 (a big team's one-on-ones).
    """

    CELLS = (DAY_END - DAY_START) // STEP

    def __init__(self) -> None:
        self.busy: dict[date, bytearray] = {}

    def book(self, day: date, preferred: int, minutes: int) -> int:
        cells = self.busy.setdefault(day, bytearray(self.CELLS))
        length = max(STEP, minutes)
        candidates = list(range(preferred, DAY_END, STEP)) + list(range(DAY_START, preferred, STEP))
        start = next((s for s in candidates if s + length <= DAY_END
                      and not any(cells[self._cells(s, s + length)])), preferred)
        span = self._cells(start, start + length)
        cells[span] = b"\x01" * len(range(*span.indices(self.CELLS)))
        return start

    @staticmethod
    def _cells(start: int, end: int) -> slice:
        """The half-hour cells [start, end) touches (a 45-minute event blocks two)."""
        return slice(max(0, (start - DAY_START) // STEP), max(0, -(-(end - DAY_START) // STEP)))


def _occurrences(cadence: str, weekday: int, mondays: Sequence[date], last: date, shift: int = 0) -> list[date]:
    """Dates of a cadence on `weekday`; `shift` 1 moves every-other-week practices to the odd weeks."""
    def on(monday: date) -> date:
        return monday + timedelta(days=weekday)

    days = [on(m) for m in mondays]
    if cadence == "weekly":
        picked = days
    elif cadence == "biweekly":
        picked = days[shift::2]
    elif cadence == "monthly":
        picked, months = [], set()
        for d in days[1:]:
            if (d.year, d.month) not in months:
                months.add((d.year, d.month))
                picked.append(d)
    else:  # quarterly, once
        picked = days[1:2] or days[:1]
    return [d for d in picked if d <= last]


def _per_member_text(practice: Practice) -> str:
    return {
        "weekly": "every week with each member",
        "biweekly": "every other week with each member",
        "monthly": "monthly with each member",
        "quarterly": "once with each member, in week 2",
        "once": "once with each member, in week 2",
    }[practice.cadence]


def _cadence_text(cadence: str, weekday: int, start: int) -> str:
    day = WEEKDAYS[weekday]
    return {
        "weekly": f"every {day}, {format_time(start)}",
        "biweekly": f"every other {day}, {format_time(start)}",
        "monthly": f"monthly, first {day} after week 1, {format_time(start)}",
        "quarterly": f"once, week 2 ({day} {format_time(start)})",
        "once": f"once, week 2 ({day} {format_time(start)})",
    }[cadence]


def plan_calendar(team: Team, *, ranked: Iterable[Practice], start_here: Iterable[Practice],
                  serve_week: Practice | None, private: bool, member_pages: dict[str, str] | None = None,
                  name: str | None = None) -> CoachingCalendar:
    """The quarter's events for `team`. `private`: add per-member events with names (manager edition)."""
    zone = ZoneInfo(team.timezone)
    first, last = quarter_bounds(team.quarter)
    mondays = quarter_mondays(first, last)
    ranked = list(ranked)
    members = list(team.members) if private else []
    member_pages = member_pages or {}
    slots = _Slots()
    events: list[CalendarEvent] = []
    rhythm: list[RhythmItem] = []

    def uid(practice_id: str, n: int, member: Member | None = None) -> str:
        who = f"-{member.slug}" if member else ""
        return f"{team.quarter.lower()}-{practice_id}-{n:02d}{who}@{team.id}.playbook-gen"

    def at(day: date, start: int) -> datetime:
        return datetime.combine(day, time(start // 60, start % 60), tzinfo=zone)

    if serve_week is not None:
        days = serve_week_days(team)
        events.append(CalendarEvent(
            uid(serve_week.id, 1), serve_week.title, days[0], days[-1] + timedelta(days=1),
            f"{serve_week.summary} All week: ask \"How can I best serve you?\" in every one-on-one.",
            serve_week))

    one_on_one = next((p for p in ranked if p.cadence == "weekly" and is_one_to_one(p)), None)
    quarterlies = [p for p in ranked if p.cadence == "quarterly" and not is_one_to_one(p)]
    quarterly = next((p for p in quarterlies if "planning" in p.tags), quarterlies[0] if quarterlies else None)
    team_practices: list[Practice] = []
    member_practices: list[Practice] = [one_on_one] if one_on_one else []
    within_one_on_one: list[Practice] = []
    for practice in ([quarterly] if quarterly else []) + list(start_here):
        if practice in team_practices + member_practices + within_one_on_one or practice == serve_week:
            continue
        if practice.cadence not in SCHEDULED:
            continue
        if not is_one_to_one(practice):
            team_practices.append(practice)
        elif practice.cadence == "weekly" and one_on_one is not None:
            within_one_on_one.append(practice)
        else:
            member_practices.append(practice)
    unscheduled = tuple(p for p in start_here if p.cadence not in SCHEDULED)

    for index, practice in enumerate(team_practices):
        weekday = TEAM_WEEKDAYS[index % len(TEAM_WEEKDAYS)]
        first_start = None
        for n, day in enumerate(_occurrences(practice.cadence, weekday, mondays, last), start=1):
            start = slots.book(day, TEAM_PREFERRED, practice.minutes)
            first_start = first_start if first_start is not None else start
            events.append(CalendarEvent(
                uid(practice.id, n), practice.title, at(day, start),
                at(day, start) + timedelta(minutes=practice.minutes), practice.summary, practice))
        if first_start is not None:
            rhythm.append(RhythmItem(practice, _cadence_text(practice.cadence, weekday, first_start)))

    # One-to-one practices: with each member, on the member's own weekday (manager edition only).
    for practice in member_practices:
        rhythm.append(RhythmItem(practice, _per_member_text(practice), per_member=True))
        is_one_on_one = practice == one_on_one
        for index, member in enumerate(members):
            dates = _occurrences(practice.cadence, member_weekday(index), mondays, last, shift=index % 2)
            for n, day in enumerate(dates, start=1):
                start = slots.book(day, ONE_ON_ONE_PREFERRED, practice.minutes)
                title = f"1:1 with {member.name}: {practice.title}" if is_one_on_one else f"{practice.title} with {member.name}"
                description = practice.summary
                if is_one_on_one:
                    description += " Start with their goals, not your report."
                events.append(CalendarEvent(
                    uid(practice.id, n, member), title, at(day, start),
                    at(day, start) + timedelta(minutes=practice.minutes), description, practice,
                    member.name, member_pages.get(member.slug)))
    for practice in within_one_on_one:
        rhythm.append(RhythmItem(practice, "every week with each member, inside the one-on-one", per_member=True))

    events.sort(key=lambda e: (day_of(e.start), not e.all_day,
                               e.start.time() if isinstance(e.start, datetime) else time(0), e.uid))
    return CoachingCalendar(
        name or f"{team.name} coaching calendar {team.quarter}", team.id, team.timezone, team.quarter,
        first, last, tuple(events), tuple(rhythm), unscheduled)
