"""What the calendar page prints, decided here (the template only lays it out): the rhythm, what is
listed and not booked, what was left out and why (manager edition), and every week's rows."""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from ...i18n.message import Day, Message, Number, dated, emph, message, nmessage
from ...models import Team
from ..cards import card_url
from .events import CalendarEvent, EventGroup, day_of
from .view import CoachingCalendar

SERVE_WEEK_PAGE = "serve-week.md"
CONDENSED_ROWS = 12  # a big team's lists: this many lines at most (every event is still in calendar.ics)
# how to import calendar.ics, and what a subscription does (the page links "subscribe to it" before it);
# the menu paths are printed in italics (the `reason` filter)
_OUTLOOK_IMPORT, _GOOGLE_IMPORT, _APPLE_IMPORT = (message("Add calendar → Upload from file"),
                                                  message("Settings → Import & export"), message("File → Import"))
_OUTLOOK_FEED, _GOOGLE_FEED, _APPLE_FEED = (message("Add calendar → Subscribe from web"),
                                            message("Other calendars → From URL"),
                                            message("File → New Calendar Subscription"))
IMPORTING = message(
    "Import it in Outlook (%(outlook)s), Google Calendar (%(google)s) or Apple Calendar (%(apple)s). Importing a newer "
    "version updates these events instead of duplicating them.",
    outlook=emph(_OUTLOOK_IMPORT), google=emph(_GOOGLE_IMPORT), apple=emph(_APPLE_IMPORT))
SUBSCRIBE = message(
    "(Outlook: %(outlook)s; Google Calendar: %(google)s; Apple Calendar: %(apple)s): your calendar app then fetches it "
    "again on its own and picks up every rebuild.",
    outlook=emph(_OUTLOOK_FEED), google=emph(_GOOGLE_FEED), apple=emph(_APPLE_FEED))


def hours(minutes: int) -> Message:
    """90 -> '1.5 hours', 60 -> '1 hour'."""
    value = round(minutes / 60, 2)
    return nmessage("%(hours)s hour", "%(hours)s hours", 1 if value == 1 else 2, hours=Number(value))


def _row(event: CalendarEvent | EventGroup) -> dict[str, Any]:
    if isinstance(event, EventGroup):
        return {"day": message("%(first)s to %(last)s", first=Day(event.first_day, "EEE d"),
                               last=Day(event.last_day, "EEE d MMM")),
                "time": message("from %(time)s", time=event.earliest.strftime("%H:%M")),
                "title": each_member("1:1" if event.one_on_one else event.title, event.count),
                "link": card_url(event.practice.id) if event.practice else None, "member_page": None,
                "minutes": message("%(minutes)d each", minutes=event.minutes)}
    if event.all_day:
        return {"day": dated(day_of(event.start), "EEE d MMM"), "time": message("all week"),
                "title": event.title,
                "link": SERVE_WEEK_PAGE, "member_page": None, "minutes": ""}
    assert isinstance(event.start, datetime)
    link = card_url(event.practice.id) if event.practice is not None else None
    return {"day": dated(day_of(event.start), "EEE d MMM"), "time": f"{event.start:%H:%M}",
            "title": event.title, "link": link, "member_page": event.member_page, "minutes": str(event.minutes)}


def each_member(what: str, count: int) -> Message:
    """'1:1 with each member (12)', 'Silent ride-along with each member (3)': a big team's line for many events."""
    if what == "1:1":
        return message("1:1 with each member (%(num)d)", num=count)
    return message("%(practice)s with each member (%(num)d)", practice=what, num=count)


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
    return [{"title": message("%(title)s (%(num)d)", title=title, num=len(items)) if items[0].candidate.members
             else title,
             "why": _generic_why(items[0].candidate.tier, items[0].candidate.why),
             "reason": message("%(reason)s; and %(num)d more like it", reason=items[0].reason, num=len(items) - 1)
             if len(items) > 1 else items[0].reason,
             "link": card_url(items[0].candidate.practice.id) if items[0].candidate.practice else None}
            for title, items in groups.items()]


def _generic_why(tier: str, why: str) -> str:
    """A big team's page names no one: a member's focus or one-on-one is said without the name."""
    if tier == "focus":
        return message("a member's focus")
    return message("the one-on-ones") if tier == "one-on-one" else why


def _some(names: list[str], shown: int = 5) -> list[str]:
    return names if len(names) <= shown else [*names[:shown], message("and %(num)d more", num=len(names) - shown)]


def _capped(rows: list[dict[str, Any]], shown: int = CONDENSED_ROWS) -> list[dict[str, Any]]:
    """At most `shown` rows, the last saying how many more there are."""
    if len(rows) <= shown:
        return rows
    more: dict[str, Any] = dict.fromkeys(rows[0], "")
    more.update(title=message("… and %(num)d more", num=len(rows) - shown + 1), link=None)
    return [*rows[: shown - 1], more]


def _grouped(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A big team's rows per practice ("1:1 with each member (300)"), not per person."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        key = "1:1" if row.get("base") == "1:1" else row["link"] or row["title"]
        groups.setdefault(key, []).append(row)
    out = []
    for key, items in groups.items():
        first = dict(items[0])
        if first.get("per_member") or first.get("who") or len(items) > 1:  # with someone: no name, a count
            base = "1:1" if key == "1:1" else first.get("base", first["title"])
            count = len(items) if "who" not in first else sum(len(i["who"].split(", ")) for i in items if i["who"])
            first["title"] = each_member(base, count) if count else base
            first["who"] = ""
            if len(items) > 1 and "when" in first:
                first["when"] = message("on each person's page")
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
            notes.append(message("Holidays or skip days only: nothing is booked, and the weekly practices do not "
                                 "count it."))
        elif private and not rows:
            notes.append(message("Nothing booked: room for what comes up."))
        if not private and week.working_days:
            if week.one_on_ones:
                notes.append(message("One-on-ones: %(num)d this week, each in your own calendar invitation from "
                                     "%(manager)s.", num=week.one_on_ones, manager=team.manager.name))
            if not any(e.team for e in week.rows if isinstance(e, CalendarEvent)):
                later = week.next_team
                notes.append(message("No team session this week; the next is %(title)s, %(day)s.", title=later.title,
                                     day=Day(day_of(later.start), "EEEE d MMMM")) if later is not None else
                             message("No team session this week, nor later this quarter."))
        shown = max(week.monday, calendar.first_day)  # the quarter's first week may start before it
        title = (message("Week %(num)d: %(day)s", num=week.number, day=Day(shown, "d MMMM"))
                 if week.number is not None
                 else message("The week of %(day)s: no working days", day=Day(shown, "d MMMM")))
        weeks.append({"number": week.number, "title": title, "rows": rows,
                      "lines": notes, "booked": hours(week.booked_minutes) if private and week.working_days else None})
    moved = [nmessage("%(name)s (%(num)d month)", "%(name)s (%(num)d months)", m.tenure_months, name=m.member)
             if m.tenure_months is not None else m.member for m in calendar.moved if m.before == "weekly"]
    monthly = [m.member for m in calendar.moved if m.before == "biweekly"]
    if condensed:
        moved, monthly = _some(moved), _some(monthly)
    rhythm = [{"title": r.title, "base": "1:1" if r.one_on_one else r.practice.title if r.practice else r.title,
               "link": card_url(r.practice.id) if r.practice and not r.one_on_one else None, "when": r.when,
               "minutes": r.minutes,
               "why": _generic_why(r.tier, r.why) if condensed else r.why, "per_member": r.per_member} for r in calendar.rhythm]
    inside = [{"title": i.practice.title, "link": card_url(i.practice.id), "who": ", ".join(i.members)}
              for i in calendar.inside]
    left = _left_out(calendar, condensed) if private else []
    if condensed:  # a big team: a page that does not grow with it
        rhythm, inside, left = _capped(_grouped(rhythm)), _capped(_grouped(inside)), _capped(left)
    return {
        "importing": IMPORTING, "subscribe": SUBSCRIBE,
        "capacity": hours(calendar.capacity_minutes) if private else None, "working_hours": team.working_hours,
        "skip": [dated(d, "EEE d MMMM") for d in team.skip],
        "exceed": calendar.one_on_ones_exceed, "moved": moved, "moved_monthly": monthly,
        "rhythm": rhythm, "inside": inside,
        "as_needed": [{"title": p.title, "link": card_url(p.id), "summary": p.summary} for p in calendar.unscheduled],
        "left_out": left,
        "weeks": weeks,
    }
