"""Member pages: each member's coaching plan (manager edition only) and the roster pages.

Member pages are kept out of the navigation (every page would otherwise carry a
link to every member: cost and size growing with the square of the team); the
roster pages list the members, ROSTER_PAGE_SIZE a page.
"""
from __future__ import annotations

from ..i18n.message import Day, Emph, Message, emph, message, nmessage
from ..models import Member, Practice, Team, Thread
from .calendar.events import CalendarEvent, day_of
from .cards import who_takes_part
from .editions import Page, public_view
from .ranking import Recommendation
from .reasons import Line, cost_text

MEMBERS_DIR = "members"
ROSTER_DIR = "people"
ROSTER_PAGE = f"{ROSTER_DIR}/index.md"
ROSTER_PAGE_SIZE = 200
ISO_DAY = "y-MM-dd"  # a thread's date as the team file writes it (2026-11-10); German writes 10.11.2026


def tenure_text(months: int | None) -> Message | None:
    """`tenure_months` as the header says it: the field is the months in the role (models/)."""
    if months is None:
        return None
    if months == 0:
        return message("new in the role")
    text = nmessage("%(num)d month in the role", "%(num)d months in the role", months)
    if months >= 24:
        return message("%(tenure)s (over %(years)d years)", tenure=text, years=months // 12)
    return text


def _when(event: CalendarEvent, timezone: str) -> Message:
    """When the member's one-on-ones are, as booked: 'Every Tuesday at 14:00 (Europe/London), 30 minutes'."""
    values = {"weekday": Day(day_of(event.start), "EEEE"), "time": event.start.strftime("%H:%M"), "timezone": timezone}
    if event.cadence == "biweekly":
        return nmessage("Every other %(weekday)s at %(time)s (%(timezone)s), %(num)d minute",
                        "Every other %(weekday)s at %(time)s (%(timezone)s), %(num)d minutes", event.minutes, **values)
    if event.cadence == "monthly":
        return nmessage("Once a month on a %(weekday)s at %(time)s (%(timezone)s), %(num)d minute",
                        "Once a month on a %(weekday)s at %(time)s (%(timezone)s), %(num)d minutes", event.minutes, **values)
    return nmessage("Every %(weekday)s at %(time)s (%(timezone)s), %(num)d minute",
                    "Every %(weekday)s at %(time)s (%(timezone)s), %(num)d minutes", event.minutes, **values)


def _serves_already(practice: Practice | None) -> bool:
    """Does the card the 1:1 is run as already ask how you can serve them?"""
    return practice is not None and any("serve you" in t.lower() for t in (*practice.steps, *practice.questions))


def agenda_for(member: Member, run_as: Practice | None, focus: list[Practice], threads: list[Thread],
               months: int | None = None) -> list[Line]:
    """What to bring to this member's next 1:1, after the steps of the card it is run as (never against them).

    Built from what is theirs: the manager's open promises first, the other open threads, their goals,
    their focus practices (not the one the meeting is run as), the manager's notes and their time in the role.
    """
    items: list[Line] = []
    for thread in threads:
        if thread.mine:
            items.append(Line(message("Report back on what you owe: %(thread)s (open since %(since)s).",
                                      thread=Emph(thread.text), since=Day(thread.since, ISO_DAY))))
    for thread in threads:
        if not thread.mine:
            items.append(Line(message("Ask where it stands: %(thread)s (open since %(since)s).",
                                      thread=Emph(thread.text), since=Day(thread.since, ISO_DAY))))
    for goal in member.goals:
        items.append(Line(message("Their goal %(goal)s: where are you, and what is in the way?", goal=Emph(goal))))
    for practice in focus:
        if run_as is not None and practice.id == run_as.id:
            continue
        items.append(Line(message("Their focus, %(practice)s: what happened since last time, and what do they want "
                                  "to try next?", practice=Emph(practice.title))))
    if member.notes:
        items.append(Line(message("Your notes (above): decide before the meeting what you will do about them, and say so.")))
    months = member.tenure_months if months is None else months
    if months is not None and months < 6:
        items.append(Line(message("%(tenure)s: ask what they still need to learn, and from whom on the team.",
                                  tenure=tenure_text(months))))
    elif months is not None and months >= 36:
        items.append(Line(message("%(tenure)s: ask what they would change about how the team works.",
                                  tenure=tenure_text(months))))
    if not _serves_already(run_as):
        serve = message("How can I best serve you this week?")  # its own line: Babel misses a message in a message
        items.append(Line(message("Close with “%(question)s” Write the answer down, name the one thing you will do, "
                                  "and by when.", question=emph(serve))))
    return items


def member_plan(team: Team, member: Member, by_id: dict[str, Recommendation],
                one_on_one: CalendarEvent | None) -> Page:
    """A member's coaching plan (manager edition only): every private field lives here.

    Its size does not depend on the team's: it links the team's pages, never the other members.
    """
    focus = []
    for pid in member.focus:
        rec = by_id[pid]
        situations = [r for r in rec.reasons if r.kind == "situation"]
        practice = rec.practice
        team_line = Line(message("for the team, %(reason)s (number %(rank)d of the team's recommendations)",
                                 reason=situations[0].sentence, rank=rec.rank)) if situations else None
        focus.append({"practice": practice, "rank": rec.rank, "team_reasons": situations, "team_line": team_line,
                      "cost": cost_text(practice),
                      "next_step": practice.steps[0], "question": practice.questions[0] if practice.questions else None})
    run_as = one_on_one.practice if one_on_one else None
    # the card's steps are the agenda only when the card is a conversation with the rep
    conversation = run_as is not None and "one-rep" in who_takes_part(run_as.people)
    threads = sorted(member.threads, key=lambda t: (t.since, t.text))
    months = team.months_in_role(member)
    return Page(f"{MEMBERS_DIR}/{member.slug}.md", "member.md.j2", member.name, {
        "member": member,
        "tenure": tenure_text(months),  # from start_date at the quarter's start, else tenure_months
        "team_name": team.name,
        "manager": team.manager.name,
        "focus": focus,
        "threads": threads,
        "one_on_one": {
            "when": _when(one_on_one, team.timezone), "time": one_on_one.start.strftime("%H:%M"),
            "minutes": one_on_one.minutes, "practice": run_as, "timezone": team.timezone,
            "every": one_on_one.cadence,  # weekly, biweekly or monthly, as booked (the slot's, or slowed down)
        } if one_on_one else None,
        "steps": list(run_as.steps) if run_as and conversation else [],
        "agenda": agenda_for(member, run_as, [by_id[pid].practice for pid in member.focus], threads, months),
        "roster": ROSTER_PAGE,
    })


def _roster_path(number: int) -> str:
    return ROSTER_PAGE if number == 1 else f"{ROSTER_DIR}/page-{number}.md"


def roster_pages(team: Team, private: bool, member_paths: dict[str, str]) -> list[Page]:
    """The team's members, by name, ROSTER_PAGE_SIZE a page; in the manager edition each links their plan.

    The shareable edition's roster shows public fields only.
    """
    title = message("Coaching plans") if private else message("The team")
    people = sorted(team.members, key=lambda m: (m.name.casefold(), m.slug))
    chunks = [people[i:i + ROSTER_PAGE_SIZE] for i in range(0, len(people), ROSTER_PAGE_SIZE)] or [[]]
    index = [{"number": n, "path": _roster_path(n), "first": chunk[0].name if chunk else "",
              "last": chunk[-1].name if chunk else ""} for n, chunk in enumerate(chunks, start=1)]
    pages = []
    for n, chunk in enumerate(chunks, start=1):
        rows = [{**public_view(m), "page": member_paths.get(m.slug)} for m in chunk]
        page_title = title if n == 1 else message("%(title)s, page %(number)d of %(pages)d", title=title, number=n,
                                                  pages=len(chunks))
        pages.append(Page(_roster_path(n), "roster.md.j2", page_title, {
            "title": title, "team_name": team.name, "manager_edition": private, "members": rows,
            "member_count": len(people), "number": n, "pages": index,
            "first_index": (n - 1) * ROSTER_PAGE_SIZE + 1,
            "previous": _roster_path(n - 1) if n > 1 else None,
            "next": _roster_path(n + 1) if n < len(chunks) else None,
        }))
    return pages
