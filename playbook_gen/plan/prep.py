"""One-on-one prep (manager edition only): a page per week of the quarter and "This week".

For every one-on-one booked that week, a prep block: the open threads with the member, oldest first,
the manager's own promises marked; the member's focus practice for this one-on-one with its next
step and one question (the member's focus cards take turns, and each card's steps and questions
advance one a meeting); their goals. Printed, each block is a page of its own.

"This week" is the week the build runs in (`SOURCE_DATE_EPOCH` when set, like every date a build
prints), or the quarter's first or last week outside it; `this_week_key()` is part of a manager
edition's fingerprint, so a rebuild in a new week writes it again.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from ..build_date import source_date
from ..content import Content
from ..i18n.message import Day, Message, message, nmessage
from ..models import Member, Practice, Team
from .calendar.events import CalendarEvent, day_of
from .calendar.view import CoachingCalendar
from .editions import Page

WEEKS_DIR = "weeks"
WEEKS_INDEX = f"{WEEKS_DIR}/index.md"
THIS_WEEK = "this-week.md"


def build_day() -> date:
    """The day the build runs: `SOURCE_DATE_EPOCH` (UTC) when set, else today."""
    stamp = source_date()
    return stamp.date() if stamp is not None else date.today()


def this_week_key() -> str:
    year, week, _ = build_day().isocalendar()
    return f"{year}-W{week:02d}"


def week_path(number: int) -> str:
    return f"{WEEKS_DIR}/week-{number:02d}.md"


def _age(since: date, on: date) -> Message:
    days = (on - since).days
    if days < 14:
        return nmessage("%(num)d day", "%(num)d days", max(days, 0))
    if days < 120:
        return nmessage("%(num)d week", "%(num)d weeks", days // 7)
    return nmessage("%(num)d month", "%(num)d months", days // 30)


def _turn(member: Member, content: Content, n: int) -> dict[str, Any] | None:
    """The focus card for the member's n-th one-on-one (0-based), its next step and one question."""
    cards: list[Practice] = [content.practices[p] for p in member.focus if p in content.practices]
    if not cards:
        return None
    card = cards[n % len(cards)]
    lap = n // len(cards)
    return {"practice": card, "step": card.steps[lap % len(card.steps)], "step_number": lap % len(card.steps) + 1,
            "steps": len(card.steps), "question": card.questions[lap % len(card.questions)] if card.questions else None}


def _block(event: CalendarEvent, member: Member, content: Content, n: int, page: str | None) -> dict[str, Any]:
    start = event.start
    assert isinstance(start, datetime)
    on, clock = start.date(), f"{start:%H:%M}"
    threads = sorted((t for t in member.threads if t.since <= on), key=lambda t: (t.since, t.text))
    return {
        "member": member, "page": page,
        "when": message("%(day)s, %(time)s", day=Day(on, "EEEE d MMMM"), time=clock),
        "minutes": event.minutes, "anchor": f"{member.slug}-{on.isoformat()}",
        "threads": [{"text": t.text, "mine": t.mine, "since": t.since, "age": _age(t.since, on)}
                    for t in threads],
        "focus": _turn(member, content, n), "goals": list(member.goals),
        "run_as": event.practice,
    }


def _choose_this_week(mondays: list[date], today: date) -> tuple[int, Message | None]:
    """(index of this week among the working weeks' `mondays`, a note when the build ran outside them):
    before the first, the first; after the last (or in a week of holidays), the last one before."""
    monday = today - timedelta(days=today.weekday())
    if monday in mondays:
        return mondays.index(monday), None
    built = Day(today, "d MMMM y")
    if monday < mondays[0]:
        return 0, message("The quarter has not started yet (built %(day)s): this is its first working week.", day=built)
    if monday > mondays[-1]:
        return len(mondays) - 1, message("The quarter is over (built %(day)s): this is its last working week.", day=built)
    before = max(i for i, m in enumerate(mondays) if m < monday)
    return before, message("This week has no working days (built %(day)s): this is the working week before it.",
                           day=built)


def prep_pages(content: Content, team: Team, calendar: CoachingCalendar,
               member_paths: dict[str, str]) -> tuple[list[Page], list[str]]:
    """(the weekly prep pages and "This week", the nav entries to add) for the manager edition."""
    numbered = [(monday, n) for monday, n in calendar.numbered() if n is not None]  # working weeks only
    if not numbered:  # a quarter of skip days: nothing to prepare
        return [], []
    mondays = [monday for monday, _ in numbered]
    by_slug = {m.slug: m for m in team.members}
    per_week: dict[date, list[CalendarEvent]] = {m: [] for m in mondays}
    for event in calendar.events:
        if event.one_on_one and event.member_slug in by_slug:
            day = day_of(event.start)
            per_week.setdefault(day - timedelta(days=day.weekday()), []).append(event)
    seen: dict[str, int] = {}
    weeks: list[dict[str, Any]] = []
    for monday, number in numbered:
        blocks = []
        for event in sorted(per_week[monday], key=lambda e: (e.start, e.uid)):
            slug = event.member_slug or ""
            n = seen[slug] = seen.get(slug, -1) + 1
            blocks.append(_block(event, by_slug[slug], content, n, member_paths.get(slug)))
        shown = max(monday, calendar.first_day)
        weeks.append({"number": number, "first_day": shown, "path": week_path(number),
                      "blocks": blocks, "monday": monday})
    links = [{"number": w["number"], "path": w["path"]} for w in weeks]
    for i, week in enumerate(weeks):  # the neighbours a week page links (no cycles: contexts are walked)
        week["prev"] = links[i - 1] if i > 0 else None
        week["next"] = links[i + 1] if i + 1 < len(weeks) else None
    index, note = _choose_this_week(mondays, build_day())
    common = {"team": {"name": team.name, "manager": team.manager.name, "quarter": team.quarter,
                       "timezone": team.timezone}, "weeks": weeks}
    pages = [Page(week["path"], "prep-week.md.j2", message("Week %(number)d: one-on-one prep", number=week["number"]),
                  {**common, "week": week, "this_week": False, "note": None}) for week in weeks]
    pages.append(Page(THIS_WEEK, "prep-week.md.j2", message("This week"),
                      {**common, "week": weeks[index], "this_week": True, "note": note}))
    pages.append(Page(WEEKS_INDEX, "prep-index.md.j2", message("Week by week: one-on-one prep"), {**common, "current": index}))
    return pages, [THIS_WEEK, WEEKS_INDEX]
