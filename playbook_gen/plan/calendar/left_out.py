"""Why a candidate was left out, in the manager's terms: the week (or month) that has no room left."""
from __future__ import annotations

from datetime import date

from ...i18n.message import Day, Message, Number, message
from ...i18n.strings import N_
from .candidates import Candidate
from .weeks import Week, months_of

_EVERY = {"weekly": N_("every week"), "biweekly": N_("every other week"), "monthly": N_("once a month"),
          "quarterly": N_("once this quarter"), "once": N_("once this quarter")}


def every(cadence: str) -> Message:
    """How often a cadence books: 'every week', 'once a month'."""
    return Message(_EVERY[cadence])


def coaching_hours(capacity: int) -> Number:
    """The manager's coaching hours a week (`capacity` in minutes): 'your %(hours)s coaching hours a week'."""
    return Number(capacity / 60)


def reason(candidate: Candidate, cadence: str, weeks: list[Week], capacity: int) -> Message:
    """Why a candidate did not fit, in the manager's terms: the week (or month) that has no room left."""
    need = candidate.minutes * (1 if candidate.rotate else max(1, len(candidate.members)))
    hours = coaching_hours(capacity)
    head = message("no room: it needs %(minutes)d minutes %(every)s", minutes=need, every=every(cadence))
    if not weeks:
        return message("%(head)s, and the quarter has no working day", head=head)

    def week_name(week: Week) -> Message:
        return message("the week of %(day)s", day=Day(week.monday, "d MMMM"))

    if cadence == "weekly":
        short = [w for w in weeks if w.free_minutes < need]
        if short:
            return message("%(head)s, and %(week)s has only %(free)d minutes of your %(hours)s coaching hours a "
                           "week left", head=head,
                           week=week_name(short[0]), free=short[0].free_minutes, hours=hours)
    elif cadence == "biweekly":
        full = [next((w for w in weeks[p::2] if w.free_minutes < need), None) for p in (0, 1)]
        found = sorted((w for w in full if w is not None), key=lambda w: w.index)
        if len(found) == 2:
            first, second = found
            return message("%(head)s, and either way round a week is full: %(first)s has %(first_free)d minutes of "
                           "your %(hours)s coaching hours a week left, %(second)s %(second_free)d", head=head, first=week_name(first),
                           first_free=first.free_minutes, hours=hours, second=week_name(second),
                           second_free=second.free_minutes)
    elif cadence == "monthly":
        for month in months_of(weeks):
            inside = [w for w in weeks if any((d.date.year, d.date.month) == month for d in w.days)]
            if all(w.free_minutes < need for w in inside):
                most = max(w.free_minutes for w in inside)
                return message("%(head)s, and no week in %(month)s has that much of your %(hours)s coaching hours a "
                               "week left (the most: %(most)d minutes)", head=head, month=Day(date(month[0], month[1], 1), "MMMM"),
                               hours=hours, most=most)
    elif all(w.free_minutes < need for w in weeks):
        most = max(w.free_minutes for w in weeks)
        return message("%(head)s, and no week of the quarter has that much of your %(hours)s coaching hours a "
                       "week left (the most: %(most)d minutes)", head=head, hours=hours, most=most)
    return message("%(head)s, and the working days that have hours left have no free %(minutes)d minutes in a row",
                   head=head, minutes=candidate.minutes)
