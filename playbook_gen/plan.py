"""Stage 3 — plan: decide what each edition contains and who may see what.

This is where the privacy rule lives. Shareable editions receive *views* of
members holding only the fields the model marks public; templates for those
editions never see a `Member` object, so they cannot leak a private field by
accident.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any, Literal

from .models import Member, Practice, Team
from .validate import Content

EditionKind = Literal["library", "team", "manager"]


@dataclass(frozen=True)
class Page:
    """One Markdown page of an edition: where it goes and what fills it."""

    path: str  # relative to the docs folder, always built from slugs
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass
class Edition:
    kind: EditionKind
    id: str  # "library" or the team id
    site_name: str
    team: Team | None = None
    pages: list[Page] = field(default_factory=list)
    nav: list[Any] = field(default_factory=list)

    @property
    def private(self) -> bool:
        return self.kind == "manager"

    @property
    def key(self) -> str:
        """Unique name across both output roots, e.g. 'team/emea-enterprise'."""
        return f"{self.kind}/{self.id}"


def public_view(member: Member) -> dict[str, Any]:
    """What a shareable edition may know about a member."""
    return {name: getattr(member, name) for name in sorted(Member.public_fields())}


def recommended_practices(content: Content, team: Team) -> list[Practice]:
    """Practices the team's situations call for, in the situations' own order."""
    seen: dict[str, Practice] = {}
    for situation_id in team.situations:
        for practice_id in content.situations[situation_id].practices:
            seen.setdefault(practice_id, content.practices[practice_id])
    return list(seen.values())


def _library_pages(content: Content) -> tuple[list[Page], list[Any]]:
    """The org-wide playbook pages every edition carries (no team data)."""
    principles = list(content.principles.values())
    practices = list(content.practices.values())
    situations = list(content.situations.values())
    pages = [
        Page("principles/index.md", "principles-index.md.j2", "Principles", {"principles": principles}),
        Page("practices/index.md", "practices-index.md.j2", "Practice cards", {"practices": practices}),
        Page("situations/index.md", "situations-index.md.j2", "Situations", {"situations": situations}),
    ]
    for principle in principles:
        pages.append(Page(f"principles/{principle.id}.md", "principle.md.j2", principle.title, {
            "principle": principle,
            "practices": content.practices_for(principle.id),
            "tell_serve": list(zip_longest(principle.tell_mode, principle.serve_mode, fillvalue="")),
        }))
    for practice in practices:
        pages.append(Page(f"practices/{practice.id}.md", "practice.md.j2", practice.title, {
            "practice": practice,
            "principle": content.principles[practice.principle],
            "situations": content.situations_for(practice.id),
        }))
    for situation in situations:
        pages.append(Page(f"situations/{situation.id}.md", "situation.md.j2", situation.title, {
            "situation": situation,
            "practices": [content.practices[p] for p in situation.practices],
        }))
    nav = [
        {"Principles": ["principles/index.md"] + [f"principles/{p.id}.md" for p in principles]},
        {"Practice cards": ["practices/index.md"] + [f"practices/{p.id}.md" for p in practices]},
        {"Situations": ["situations/index.md"] + [f"situations/{s.id}.md" for s in situations]},
    ]
    return pages, nav


def plan_library(content: Content) -> Edition:
    pages, nav = _library_pages(content)
    home = Page("index.md", "library-home.md.j2", content.playbook.title, {
        "playbook": content.playbook,
        "principles": list(content.principles.values()),
        "situations": list(content.situations.values()),
        "practice_count": len(content.practices),
    })
    return Edition("library", "library", content.playbook.title, pages=[home, *pages], nav=["index.md", *nav])


def plan_team(content: Content, team: Team, kind: EditionKind) -> Edition:
    """A team edition (`kind="team"`) or its private manager edition (`kind="manager"`)."""
    pages, nav = _library_pages(content)
    members_public = [public_view(m) for m in team.members]
    home = Page("index.md", "team-home.md.j2", team.name, {
        "team": {
            "id": team.id, "name": team.name, "manager": team.manager.name, "quarter": team.quarter,
            "goals": list(team.goals), "timezone": team.timezone,
        },
        "situations": [content.situations[s] for s in team.situations],
        "recommended": recommended_practices(content, team),
        "members": members_public,
        "playbook": content.playbook,
        "manager_edition": kind == "manager",
        "member_pages": [f"members/{m.slug}.md" for m in team.members] if kind == "manager" else [],
    })
    team_nav: list[Any] = ["index.md"]
    if kind == "manager":
        member_pages = []
        for member in team.members:
            page = Page(f"members/{member.slug}.md", "member.md.j2", member.name, {
                "member": member,
                "team_name": team.name,
                "focus": [content.practices[p] for p in member.focus],
            })
            member_pages.append(page)
        pages.extend(member_pages)
        if member_pages:
            team_nav.append({"Coaching plans": [p.path for p in member_pages]})
    site_name = team.name if kind == "team" else f"{team.name} — manager edition"
    return Edition(kind, team.id, site_name, team=team, pages=[home, *pages], nav=[*team_nav, *nav])


def plan_all(content: Content, team_ids: list[str] | None = None) -> list[Edition]:
    """Every edition to build: the library, then each team's two editions.

    With `team_ids`, only those teams' editions: every other edition,
    the library included, is left as published.
    """
    editions = [plan_library(content)] if team_ids is None else []
    for team in content.teams.values():
        if team_ids is not None and team.id not in team_ids:
            continue
        editions.append(plan_team(content, team, "team"))
        editions.append(plan_team(content, team, "manager"))
    return editions
