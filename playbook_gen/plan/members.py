"""Member pages: each member's coaching plan (manager edition only) and the roster pages.

Member pages are kept out of the navigation (every page would otherwise carry a
link to every member: cost and size growing with the square of the team); the
roster pages list the members, ROSTER_PAGE_SIZE a page.
"""
from __future__ import annotations

from ..models import Member, Team
from .calendar.events import CalendarEvent
from .calendar.schedule import WEEKDAYS
from .editions import Page, public_view
from .ranking import Recommendation

MEMBERS_DIR = "members"
ROSTER_DIR = "people"
ROSTER_PAGE = f"{ROSTER_DIR}/index.md"
ROSTER_PAGE_SIZE = 200


def member_plan(team: Team, member: Member, by_id: dict[str, Recommendation],
                one_on_one: CalendarEvent | None) -> Page:
    """A member's coaching plan (manager edition only): every private field lives here.

    Its size does not depend on the team's: it links the team's pages, never the other members.
    """
    focus = []
    for pid in member.focus:
        rec = by_id[pid]
        team_reasons = [r for r in rec.reasons if r.kind in ("situation", "goal")]
        focus.append({"practice": rec.practice, "rank": rec.rank, "team_reasons": team_reasons})
    practice = one_on_one.practice if one_on_one else None
    return Page(f"{MEMBERS_DIR}/{member.slug}.md", "member.md.j2", member.name, {
        "member": member,
        "months_in_role": team.months_in_role(member),  # from start_date at the quarter's start, else tenure_months
        "team_name": team.name,
        "manager": team.manager.name,
        "focus": focus,
        "one_on_one": {
            "weekday": WEEKDAYS[one_on_one.start.weekday()], "time": one_on_one.start.strftime("%H:%M"),
            "minutes": one_on_one.minutes, "practice": practice, "timezone": team.timezone,
        } if one_on_one else None,
        "questions": list(practice.questions[:2]) if practice else [],
        "roster": ROSTER_PAGE,
    })


def _roster_path(number: int) -> str:
    return ROSTER_PAGE if number == 1 else f"{ROSTER_DIR}/page-{number}.md"


def roster_pages(team: Team, private: bool, member_paths: dict[str, str]) -> list[Page]:
    """The team's members, by name, ROSTER_PAGE_SIZE a page; in the manager edition each links their plan.

    The shareable edition's roster shows public fields only.
    """
    title = "Coaching plans" if private else "The team"
    people = sorted(team.members, key=lambda m: (m.name.casefold(), m.slug))
    chunks = [people[i:i + ROSTER_PAGE_SIZE] for i in range(0, len(people), ROSTER_PAGE_SIZE)] or [[]]
    index = [{"number": n, "path": _roster_path(n), "first": chunk[0].name if chunk else "",
              "last": chunk[-1].name if chunk else ""} for n, chunk in enumerate(chunks, start=1)]
    pages = []
    for n, chunk in enumerate(chunks, start=1):
        rows = [{**public_view(m), "page": member_paths.get(m.slug)} for m in chunk]
        pages.append(Page(_roster_path(n), "roster.md.j2", title if n == 1 else f"{title}, page {n} of {len(chunks)}", {
            "title": title, "team_name": team.name, "manager_edition": private, "members": rows,
            "member_count": len(people), "number": n, "pages": index,
            "first_index": (n - 1) * ROSTER_PAGE_SIZE + 1,
            "previous": _roster_path(n - 1) if n > 1 else None,
            "next": _roster_path(n + 1) if n < len(chunks) else None,
        }))
    return pages
