"""Booking the one-on-ones, which come before every other candidate (schedule.py books the rest).

Each member's one-on-one is booked at its slot's cadence. Only when the one-on-ones alone cannot all
fit do members move, one at a time and longest-tenured first, from weekly to every other week (then,
if still needed, from every other week to monthly); the calendar names who moved. Before anyone
moves, the scheduler tries what costs the team nothing:
- a week whose coaching hours would hold them but whose days are cut up by the slot times (a week of
  one working day, where the minutes before the slot time are too few for anyone) has its
  one-on-ones packed from the start of the working day instead;
- the every-other-week one-on-ones are spread evenly over the two halves of the weeks, then, if that
  fails, gathered in one half, which leaves the other half's weeks room for the monthly ones.
The weekly ones are placed first, then the biweekly, then the monthly. A one-on-one longer than the
weekly hours or the working day fits no way: it is left out, and nobody moves for it.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Protocol

from ...i18n.message import message
from ...models import Team, minutes_of
from .candidates import Candidate
from .events import CalendarEvent
from .left_out import coaching_hours, reason
from .place import Need, Placed, no_time_for, place
from .weeks import Week, months_of, working_weeks

SLOWER = {"weekly": "biweekly", "biweekly": "monthly"}
ORDER = ("weekly", "biweekly", "monthly")  # placed most frequent first


@dataclass(frozen=True)
class Booked:
    candidate: Candidate
    cadence: str  # as booked (a moved one-on-one's new cadence)
    events: tuple[CalendarEvent, ...]


@dataclass(frozen=True)
class LeftOut:
    candidate: Candidate
    reason: str


@dataclass(frozen=True)
class Moved:
    member: str
    tenure_months: int | None
    before: str
    after: str


class Booker(Protocol):
    capacity: int

    def needs(self, candidate: Candidate) -> list[Need]: ...

    def events(self, candidate: Candidate, placed: list[Placed], cadence: str) -> tuple[CalendarEvent, ...]: ...


def _tenure_order(candidate: Candidate) -> tuple[int, int]:
    tenure = candidate.members[0].tenure_months
    return (-(tenure if tenure is not None else -1), candidate.priority)


def _per_week(weeks: int, months: int) -> dict[str, float]:
    """The fewest occurrences a week each cadence can have on average: above the hours, they cannot all fit."""
    return {"weekly": 1.0, "biweekly": (weeks // 2) / max(1, weeks), "monthly": months / max(1, weeks)}


def _attempt(booker: Booker, ones: list[Candidate], every: dict[str, str], team: Team, quarter: str,
             packed: frozenset[int], spread: bool) -> tuple[list[Week], list[Booked], list[Candidate]]:
    """One try at booking every one-on-one at the cadences in `every`: the weeks, what was booked, what failed."""
    weeks = working_weeks(team, quarter)
    booked: list[Booked] = []
    failed: list[Candidate] = []
    parity_load = [0, 0]
    for c in sorted(ones, key=lambda c: (ORDER.index(every[c.key]), c.priority)):
        parity = 0 if not spread or parity_load[0] <= parity_load[1] else 1
        placed = place(every[c.key], weeks, booker.needs(c), parity, packed)
        if placed is None:
            failed.append(c)
            continue
        if every[c.key] == "biweekly":
            parity_load[placed[0].week.index % 2] += c.minutes
        booked.append(Booked(c, every[c.key], booker.events(c, placed, every[c.key])))
    return weeks, booked, failed


def book_one_on_ones(booker: Booker, ones: list[Candidate], team: Team, quarter: str
                     ) -> tuple[list[Week], list[Booked], list[LeftOut], list[Moved]]:
    """Book every one-on-one, slowing the longest-tenured members' down until they fit (see the docstring)."""
    start, end = (minutes_of(t) for t in team.working_hours.split("-"))
    never = [c for c in ones if c.minutes > min(booker.capacity, end - start)]
    ones = [c for c in ones if c not in never]
    every = {c.key: c.cadence for c in ones}
    moved: list[Moved] = []
    probe = working_weeks(team, quarter)
    per = _per_week(len(probe), len(months_of(probe)))
    load = sum(c.minutes * per[every[c.key]] for c in ones)  # the fewest minutes a week, on average
    queues = {step: [(_tenure_order(c), c.key) for c in ones if every[c.key] == step] for step in SLOWER}
    for queue in queues.values():
        heapq.heapify(queue)
    by_key = {c.key: c for c in ones}

    def slow_down() -> bool:
        """Move the longest-tenured weekly member to every other week (none left: biweekly to monthly)."""
        nonlocal load
        for fastest, slower in SLOWER.items():
            if queues[fastest]:
                chosen = by_key[heapq.heappop(queues[fastest])[1]]
                moved.append(Moved(chosen.members[0].name, chosen.members[0].tenure_months, fastest, slower))
                every[chosen.key] = slower
                load += chosen.minutes * (per[slower] - per[fastest])
                if slower in queues:
                    heapq.heappush(queues[slower], (_tenure_order(chosen), chosen.key))
                return True
        return False

    while load > booker.capacity and slow_down():
        pass
    packed: frozenset[int] = frozenset()  # weeks too short for the slot times: their one-on-ones packed
    while True:
        for spread in (True, False):
            weeks, booked, failed = _attempt(booker, ones, every, team, quarter, packed, spread)
            if not failed or "biweekly" not in every.values():
                break
        if not failed:
            break
        tight = set().union(*(no_time_for(weeks, c.minutes) for c in failed)) - packed
        if tight:  # the time is there, cut up by the slot times: pack those weeks before moving anyone
            packed |= tight
        elif not slow_down():  # one at a time: nobody moves who need not
            break
    hours = coaching_hours(booker.capacity)
    left = [LeftOut(c, reason(c, every[c.key], weeks, booker.capacity)
                    if every[c.key] != "monthly" or not moved else
                    message("the one-on-ones alone need more than your %(hours)s coaching hours a week, even monthly",
                            hours=hours)) for c in failed]
    left += [LeftOut(c, message("no room: it is %(minutes)d minutes long, more than your %(hours)s coaching hours a week",
                                minutes=c.minutes, hours=hours) if c.minutes > booker.capacity else
                     message("no room: it is %(minutes)d minutes long, more than the working day (%(hours)s)",
                             minutes=c.minutes, hours=team.working_hours)) for c in never]
    booked.sort(key=lambda b: b.candidate.priority)
    return weeks, booked, left, moved
