"""Placing one candidate with its whole cadence, or not at all.

A candidate needs, in each week its cadence picks, one event per member it is with (one event for a
team or manager practice). `options()` lists every way its cadence can pick weeks: weekly, every
working week; biweekly, the even or the odd working weeks; monthly, one week in each month (on a day
of that month); quarterly and once, any one week. `place()` tries them in order of preference and
books the first that fits entirely: the week's coaching minutes must cover it, and each event needs
free time inside the working hours of a working day. Nothing of a candidate that does not fit stays
booked. In a `packed` week the preferred start times are ignored: each event takes the first free time
of its day (the one-on-ones of a week too short for their slot times, see schedule.py).
"""
from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, replace

from .weeks import Day, Week, months_of

Pick = tuple[Week, tuple[int, int] | None]  # a week, and the (year, month) its days must be in (monthly)


@dataclass(frozen=True)
class Need:
    """One event to place in a week."""

    minutes: int
    weekday: int  # the preferred day, 0 = Monday
    time: int | None  # the preferred start (minutes after midnight); None: the day's first free time
    member: int | None = None  # index of the member it is with


@dataclass(frozen=True)
class Placed:
    week: Week
    day: Day
    at: int
    need: Need


def options(cadence: str, weeks: list[Week], parity_first: int = 0) -> Iterator[list[Pick]]:
    """Every choice of weeks the cadence allows, the preferred first (see the module's docstring)."""
    if not weeks:
        return
    if cadence == "weekly":
        yield [(w, None) for w in weeks]
    elif cadence == "biweekly":
        for parity in (parity_first, 1 - parity_first):
            if weeks[parity::2]:
                yield [(w, None) for w in weeks[parity::2]]
    elif cadence == "monthly":
        per_month = []
        for month in months_of(weeks):
            inside = [w for w in weeks if any((d.date.year, d.date.month) == month for d in w.days)]
            inside.sort(key=lambda w: (-w.free_minutes, w.index))  # the emptiest week of the month first
            per_month.append([(w, month) for w in inside])
        for combination in itertools.product(*per_month):
            yield list(combination)
    else:  # quarterly, once: the emptiest week (the earliest of equals)
        for week in sorted(weeks, key=lambda w: (-w.free_minutes, w.index)):
            yield [(week, None)]


def _days(week: Week, month: tuple[int, int] | None) -> list[Day]:
    return [d for d in week.days if month is None or (d.date.year, d.date.month) == month]


def _preferred(days: list[Day], need: Need) -> tuple[Day, int] | None:
    """The preferred day first (then the nearest), the preferred time first (then the first free)."""
    ordered = sorted(days, key=lambda d: (abs(d.date.weekday() - need.weekday), d.date))
    for day in ordered:
        if need.time is not None and day.fits(need.time, need.minutes):
            return day, need.time
        at = day.first_fit(need.minutes, need.time) if need.time is not None else None
        if at is None:
            at = day.first_fit(need.minutes)
        if at is not None:
            return day, at
    return None


def _first_fit(days: list[Day], need: Need) -> tuple[Day, int] | None:
    """The earliest free start of the week: packs events of one length as tightly as they go."""
    for day in days:
        at = day.first_fit(need.minutes)
        if at is not None:
            return day, at
    return None


def _place_week(week: Week, days: list[Day], needs: list[Need], packed: bool = False) -> list[Placed] | None:
    if sum(n.minutes for n in needs) > week.free_minutes:
        return None
    if packed:
        needs = [replace(n, time=None) for n in needs]
    for chooser in (_preferred, _first_fit):
        placed: list[Placed] = []
        for need in needs:
            spot = chooser(days, need)
            if spot is None:
                break
            spot[0].book(spot[1], need.minutes)
            placed.append(Placed(week, spot[0], spot[1], need))
        if len(placed) == len(needs):
            week.free_minutes -= sum(n.minutes for n in needs)
            return placed
        for p in placed:
            p.day.unbook(p.at, p.need.minutes)
    return None


def unplace(placed: list[Placed]) -> None:
    for p in placed:
        p.day.unbook(p.at, p.need.minutes)
        p.week.free_minutes += p.need.minutes


def hopeless(cadence: str, weeks: list[Week], minutes: int) -> bool:
    """No option can fit: the coaching minutes left rule every one out (checked before trying any)."""
    if not weeks:
        return True
    if cadence == "weekly":
        return any(w.free_minutes < minutes for w in weeks)
    if cadence == "biweekly":
        return all(any(w.free_minutes < minutes for w in weeks[p::2]) or not weeks[p::2] for p in (0, 1))
    if cadence == "monthly":
        return any(all(w.free_minutes < minutes for w in weeks if any((d.date.year, d.date.month) == month
                                                                      for d in w.days)) for month in months_of(weeks))
    return all(w.free_minutes < minutes for w in weeks)


def place(cadence: str, weeks: list[Week], needs: list[Need], parity_first: int = 0,
          packed: frozenset[int] = frozenset()) -> list[Placed] | None:
    """Book `needs` in every week of the first option that fits whole; None (nothing booked) if none does.

    `packed`: the indices of the weeks where the needs' preferred start times are ignored."""
    if hopeless(cadence, weeks, sum(n.minutes for n in needs)):
        return None
    for picks in options(cadence, weeks, parity_first):
        booked: list[Placed] = []
        for week, month in picks:
            got = _place_week(week, _days(week, month), needs, week.index in packed)
            if got is None:
                unplace(booked)
                booked = []
                break
            booked.extend(got)
        else:
            return booked
    return None


def no_time_for(weeks: list[Week], minutes: int) -> set[int]:
    """The weeks whose coaching minutes would cover `minutes` but none of whose days has that long free."""
    return {w.index for w in weeks if w.free_minutes >= minutes and all(d.first_fit(minutes) is None for d in w.days)}
