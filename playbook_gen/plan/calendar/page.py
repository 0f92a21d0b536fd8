"""What the calendar page prints, decided here (the template only lays it out): the rhythm, what is
listed and not booked, what was left out and why (manager edition), and every week's rows."""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from ...models import Team
from ..cards import card_url
from .events import CalendarEvent, EventGroup
from .view import CoachingCalendar

SERVE_WEEK_PAGE = "serve-week.md"
CONDENSED_ROWS = 12  # a big team's lists: this many lines at most (every event is still in calendar.ics)


def hours(minutes: int) -> str:
    """90 -> '1.5 hours', 60 -> '1 hour'."""
    value = f"{minutes / 60:.2f}".rstrip("0").rstrip(".")
    return f"{value} hour{'' if value == '1' else 's'}"


def _row(event: CalendarEvent | EventGroup) -> dict[str, Any]:
    if isinstance(event, EventGroup):
        what = "1:1 with each member" if event.one_on_one else f"{event.title} with each member"
        return {"day": f"{event.first_day:%a} {event.first_day.day} to {event.last_day:%a} {event.last_day.day} "
                       f"{event.last_day:%b}",
                "time": f"from {event.earliest:%H:%M}", "title": f"{what} ({event.count})",
                "link": card_url(event.practice.id) if event.practice else None, "member_page": None,
                "minutes": f"{event.minutes} each"}
    if event.all_day:
        return {"day": f"{event.start:%a} {event.start.day} {event.start:%b}", "time": "all week", "title": event.title,
                "link": SERVE_WEEK_PAGE, "member_page": None, "minutes": ""}
    assert isinstance(event.start, datetime)
    link = card_url(event.practice.id) if event.practice is not None else None
    return {"day": f"{event.start:%a} {event.start.day} {event.start:%b}", "time": f"{event.start:%H:%M}",
            "title": event.title, "link": link, "member_page": event.member_page, "minutes": str(event.minutes)}


def _left_out(calendar: CoachingCalendar, condensed: bool) -> list[dict[str, Any]]:
    """Each candidate left out; on a big team's page, one line per practice and reason with a count."""
    if not condensed:
        return [{"title": item.candidate.title, "why": item.candidate.why, "reason": item.reason,
                 "link": card_url(item.candidate.practice.id) if item.candidate.practice else None}
                for item in calendar.left_out]
    groups: dict[str, list[Any]] = defaultdict(list)
    for item in calendar.left_out:
        practice = item.candidate.practice
        groups["1:1" if item.candidate.slot is not None else practice.title if practice else item.candidate.key
               ].append(item)
    return [{"title": f"{title} ({len(items)})" if items[0].candidate.members else title,
             "why": _generic_why(items[0].candidate.tier, items[0].candidate.why),
             "reason": items[0].reason + (f"; and {len(items) - 1} more like it" if len(items) > 1 else ""),
             "link": card_url(items[0].candidate.practice.id) if items[0].candidate.practice else None}
            for title, items in groups.items()]


def _generic_why(tier: str, why: str) -> str:
    """A big team's page names no one: a member's focus or one-on-one is said without the name."""
    return {"focus": "a member's focus", "one-on-one": "the one-on-ones"}.get(tier, why)


def _some(names: list[str], shown: int = 5) -> list[str]:
    return names if len(names) <= shown else [*names[:shown], f"and {len(names) - shown} more"]


def _capped(rows: list[dict[str, Any]], shown: int = CONDENSED_ROWS) -> list[dict[str, Any]]:
    """At most `shown` rows, the last saying how many more there are."""
    if len(rows) <= shown:
        return rows
    more: dict[str, Any] = dict.fromkeys(rows[0], "")
    more.update(title=f"… and {len(rows) - shown + 1} more", link=None)
    return [*rows[: shown - 1], more]


def _grouped(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A big team's rows per practice ("1:1 with each member (300)"), not per person."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        key = "1:1" if row["title"].startswith("1:1 with ") else row["link"] or row["title"]
        groups.setdefault(key, []).append(row)
    out = []
    for key, items in groups.items():
        first = dict(items[0])
        if first.get("per_member") or first.get("who") or len(items) > 1:  # with someone: no name, a count
            base = "1:1" if key == "1:1" else first["title"].split(" with ")[0]
            count = len(items) if "who" not in first else sum(len(i["who"].split(", ")) for i in items if i["who"])
            first["title"] = f"{base} with each member ({count})" if count else base
            first["who"] = ""
            if len(items) > 1 and "when" in first:
                first["when"] = "on each person's page"
        out.append(first)
    return out


def calendar_context(calendar: CoachingCalendar, team: Team, *, condensed: bool) -> dict[str, Any]:
    """The calendar page's content for this edition."""
    private = calendar.private
    weeks = []
    for week in calendar.weeks(group_members=condensed):
        rows = [_row(e) for e in week.rows]
        notes = []
        if week.working_days == 0:
            notes.append("Holidays or skip days only: nothing is booked, and the weekly practices do not count it.")
        elif private and not rows:
            notes.append("Nothing booked: room for what comes up.")
        if not private and week.working_days:
            if week.one_on_ones:
                notes.append(f"One-on-ones: {week.one_on_ones} this week, each in your own calendar invitation "
                             f"from {team.manager.name}.")
            if not any(e.team for e in week.rows if isinstance(e, CalendarEvent)):
                later = week.next_team
                notes.append(f"No team session this week; the next is {later.title}, {later.start:%A} "
                             f"{later.start.day} {later.start:%B}." if later is not None else
                             "No team session this week, nor later this quarter.")
        shown = max(week.monday, calendar.first_day)  # the quarter's first week may start before it
        title = (f"Week {week.number}: {shown.day} {shown:%B}" if week.number is not None
                 else f"The week of {shown.day} {shown:%B}: no working days")
        weeks.append({"number": week.number, "title": title, "rows": rows,
                      "notes": notes, "booked": hours(week.booked_minutes) if private and week.working_days else None})
    moved = [f"{m.member} ({m.tenure_months} months)" if m.tenure_months is not None else m.member
             for m in calendar.moved if m.before == "weekly"]
    monthly = [m.member for m in calendar.moved if m.before == "biweekly"]
    if condensed:
        moved, monthly = _some(moved), _some(monthly)
    rhythm = [{"title": r.title, "link": card_url(r.practice.id) if r.practice and not r.title.startswith("1:1")
               else None, "when": r.when, "minutes": r.minutes,
               "why": _generic_why(r.tier, r.why) if condensed else r.why, "per_member": r.per_member} for r in calendar.rhythm]
    inside = [{"title": i.practice.title, "link": card_url(i.practice.id), "who": ", ".join(i.members)}
              for i in calendar.inside]
    left = _left_out(calendar, condensed) if private else []
    if condensed:  # a big team: a page that does not grow with it
        rhythm, inside, left = _capped(_grouped(rhythm)), _capped(_grouped(inside)), _capped(left)
    return {
        "capacity": hours(calendar.capacity_minutes) if private else None, "working_hours": team.working_hours,
        "skip": [f"{d:%a} {d.day} {d:%B}" for d in team.skip],
        "exceed": calendar.one_on_ones_exceed, "moved": moved, "moved_monthly": monthly,
        "rhythm": rhythm, "inside": inside,
        "as_needed": [{"title": p.title, "link": card_url(p.id), "summary": p.summary} for p in calendar.unscheduled],
        "left_out": left,
        "weeks": weeks,
    }
