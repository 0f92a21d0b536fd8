"""A team's two editions: the shareable team edition and the private manager edition.

Only the manager edition's plan reads private member fields (see members.py);
the team edition's pages get `public_view`s and aggregates.
"""
from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

from ..branding import edition_title
from ..content import Content
from ..i18n.message import message
from ..models import Practice, Team
from ..safety import content_path
from .calendar.candidates import serve_week_practice
from .calendar.events import CalendarEvent
from .calendar.page import calendar_context
from .calendar.schedule import WEEKDAYS, member_weekday, schedule_quarter, serve_week_days
from .calendar.view import CoachingCalendar, edition_calendar
from .editions import Edition, EditionKind, Page, public_view
from .evidence import team_numbers, team_situations
from .library import GRID_PAGE, LIBRARY_NOT_IN_NAV, grid_page, library_pages
from .members import MEMBERS_DIR, ROSTER_DIR, ROSTER_PAGE, member_plan, roster_pages
from .prep import WEEKS_DIR, prep_pages
from .ranking import TOP, rank_practices, recommended_practices, start_here

# --- big teams: what a page lists, so that no page grows with the team ----------
#
# The team home lists the team up to HOME_LIST_MAX members and summarises it
# beyond; the calendar page and the serve week name members up to
# CALENDAR_DETAIL_MAX and count them beyond. Member and roster pages: members.py.

HOME_LIST_MAX = 50
CALENDAR_DETAIL_MAX = 12


def _serve_week_page(content: Content, team: Team, practice: Practice, calendar: CoachingCalendar) -> Page:
    """A ready-to-run week built from the serve-week card, its principle and its sibling cards."""
    steps = list(practice.steps)
    days = serve_week_days(team)
    people = [public_view(m)["name"] for m in team.members]
    named = len(people) <= CALENDAR_DETAIL_MAX  # a big team: how many each day, not 2,000 names
    daily = steps[1:-2] if len(steps) > 3 else steps[1:]
    plan_days = []
    for i, day in enumerate(days):
        tasks = [steps[0]] if i == 0 else []
        if i == len(days) - 1 and len(steps) > 3:
            tasks.append(steps[-2])
        asked = [name for j, name in enumerate(people) if member_weekday(j, len(days)) == i]
        plan_days.append({
            "date": day, "weekday": WEEKDAYS[day.weekday()],
            "ask": asked if named else [], "ask_count": len(asked),
            "tasks": tasks,
        })
    follow_up = steps[-1] if len(steps) > 3 else None
    principle = content.principles[practice.principle]
    quarterly = next((r for r in calendar.rhythm if r.practice is not None and r.practice.cadence == "quarterly"), None)
    return Page("serve-week.md", "serve-week.md.j2", "How can I best serve you?", {
        "team": {"name": team.name, "manager": team.manager.name, "quarter": team.quarter},
        "practice": practice,
        "principle": principle,
        "question": next((q for q in practice.questions if "serve" in q.lower()), practice.questions[0] if practice.questions else practice.title),
        "days": plan_days,
        "week_number": next((n for monday, n in calendar.numbered() if days and monday == days[0] - timedelta(
            days=days[0].weekday())), 1),
        "daily": daily,
        "follow_up": follow_up,
        "quarterly": quarterly.practice if quarterly else None,
        "siblings": [p for p in content.practices_for(principle.id) if p.id != practice.id],
    })


def _team_summary(team: Team) -> list[dict[str, Any]]:
    """Roles and how many hold each, most first: a big team's home page instead of every name."""
    roles = Counter(m.role for m in team.members)
    return [{"role": role, "count": n} for role, n in sorted(roles.items(), key=lambda item: (-item[1], item[0]))]


def plan_team(content: Content, team: Team, kind: EditionKind) -> Edition:
    """A team edition (`kind="team"`) or its private manager edition (`kind="manager"`).

    Only the manager edition's plan reads private member fields; the team
    edition's pages get `public_view`s and aggregates.
    """
    private = kind == "manager"
    pages, nav = library_pages(content)
    members_public = [public_view(m) for m in team.members]
    ranking = rank_practices(content, team, private=private)
    first = start_here(content, team, private=private, ranking=ranking)
    top = ranking[:TOP] + [r for r in first if r.rank > TOP]
    team_public = {
        "id": team.id, "name": team.name, "manager": team.manager.name, "quarter": team.quarter,
        "goals": list(team.goals), "timezone": team.timezone, "member_count": len(team.members),
    }
    member_paths = {m.slug: f"{MEMBERS_DIR}/{m.slug}.md" for m in team.members} if private else {}
    serve_week = serve_week_practice(content)
    schedule = schedule_quarter(team, content)
    calendar = edition_calendar(
        schedule, private=private, member_pages=member_paths,
        name=message("%(team)s coaching calendar %(quarter)s (manager)", team=team.name, quarter=team.quarter)
        if private else message("%(team)s coaching calendar %(quarter)s", team=team.name, quarter=team.quarter))
    listed = len(team.members) <= HOME_LIST_MAX
    roster = roster_pages(team, private, member_paths) if private or not listed else []
    home = Page("index.md", "team-home.md.j2", team.name, {
        "team": team_public,
        "situations": team_situations(content, team, private=private),
        "numbers": team_numbers(content, team, private=private),
        "recommended": recommended_practices(content, team, private=private),
        "start_here": first,
        "members": members_public if listed else [],
        "summary": [] if listed else _team_summary(team),
        "roster": ROSTER_PAGE if roster else None,
        "roster_pages": len(roster),
        "playbook": content.playbook,
        "manager_edition": private,
        "member_pages": [member_paths[m.slug] for m in team.members] if private and listed else [],
        "serve_week": serve_week is not None,
    })
    pages.append(Page("recommendations.md", "recommendations.md.j2", "Recommendations", {
        "team": team_public, "ranking": top, "start_here": [r.practice.id for r in first],
        "rest": len(ranking) - len(top), "total": len(ranking), "manager_edition": private,
    }))
    marks = {r.practice.id: ["recommended"] for r in top}
    for r in first:
        marks[r.practice.id].append("start-here")
    pages = [grid_page(content, marks) if page.path == GRID_PAGE else page for page in pages]
    team_nav: list[Any] = ["index.md", "recommendations.md"]
    if serve_week is not None:
        pages.append(_serve_week_page(content, team, serve_week, calendar))
        team_nav.append("serve-week.md")
    condensed = private and len(team.members) > CALENDAR_DETAIL_MAX
    pages.append(Page("calendar.md", "calendar.md.j2", "Coaching calendar", {
        "team": team_public, "calendar": calendar, "manager_edition": private,
        "page": calendar_context(calendar, team, condensed=condensed), "condensed": condensed,
        "roster": ROSTER_PAGE if roster else None,
    }))
    team_nav.append("calendar.md")
    not_in_nav: list[str] = list(LIBRARY_NOT_IN_NAV)
    if roster:
        pages.extend(roster)
        team_nav.append(roster[0].path)  # the first roster page; it links the others
        if len(roster) > 1:
            not_in_nav.append(f"/{ROSTER_DIR}/page-*.md")
    if private:
        by_id = {r.practice.id: r for r in ranking}
        one_on_ones: dict[str, CalendarEvent] = {}
        for event in calendar.events:  # each member's first one-on-one, in one pass
            if event.member_name is not None and event.one_on_one:
                one_on_ones.setdefault(event.member_name, event)
        prep, prep_nav = prep_pages(content, team, calendar, member_paths)
        pages.extend(prep)
        at = team_nav.index("calendar.md") + 1
        team_nav[at:at] = prep_nav
        not_in_nav.append(f"/{WEEKS_DIR}/week-*.md")
        pages.extend(member_plan(team, m, by_id, one_on_ones.get(m.name)) for m in team.members)
        if team.members:
            not_in_nav.append(f"/{MEMBERS_DIR}/")
    assets: dict[str, Path] = {}
    logo = None
    if team.logo:
        source = content_path(content.root, team.logo)
        logo = f"assets/brand/logo{source.suffix.lower()}"
        assets[logo] = source
    site_name = edition_title(content.playbook.title, team.name, private=kind == "manager")
    return Edition(kind, team.id, site_name, team=team, pages=[home, *pages], nav=[*team_nav, *nav],
                   calendar=calendar, assets=assets, logo=logo, not_in_nav=not_in_nav)
