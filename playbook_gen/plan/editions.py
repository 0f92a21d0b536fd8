"""What an edition is: its kind, its pages, and the public view of a member.

This is where the privacy rule lives. Shareable editions receive *views* of
members holding only the fields the model marks public; templates for those
editions never see a `Member` object, so they cannot leak a private field by
accident.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..models import Member, Team
from .calendar.view import CoachingCalendar

EditionKind = Literal["library", "team", "manager"]


@dataclass(frozen=True)
class Page:
    """One Markdown page of an edition: where it goes and what fills it."""

    path: str  # relative to the docs folder, always built from slugs
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


class _Named:
    """Naming shared by an edition and its spec (both have `kind` and `id`)."""

    kind: EditionKind
    id: str

    @property
    def private(self) -> bool:
        return self.kind == "manager"

    @property
    def key(self) -> str:
        """Unique name across both output roots, e.g. 'team/emea-enterprise'."""
        return f"{self.kind}/{self.id}"


@dataclass
class Edition(_Named):
    kind: EditionKind
    id: str  # "library" or the team id
    site_name: str
    team: Team | None = None
    pages: list[Page] = field(default_factory=list)
    nav: list[Any] = field(default_factory=list)
    calendar: CoachingCalendar | None = None  # written as calendar.ics at the edition's root
    assets: dict[str, Path] = field(default_factory=dict)  # docs-relative path -> file to copy
    logo: str | None = None  # docs-relative path of the team's logo
    not_in_nav: list[str] = field(default_factory=list)  # MkDocs `not_in_nav` patterns: built, linked, not in the nav
    language: str = "en"  # of its pages, Material's labels and its search index (plan_edition sets it)
    source_language: str = "en"  # the content's (playbook.yml `language`): untranslated text is in it
    alternates: list[tuple[str, str]] = field(default_factory=list)  # (language, folder) of each library edition


def public_view(member: Member) -> dict[str, Any]:
    """What a shareable edition may know about a member."""
    return {name: getattr(member, name) for name in sorted(Member.public_fields())}


@dataclass(frozen=True)
class EditionSpec(_Named):
    """Which edition, before planning it: enough to name it, hash its inputs and shard it."""

    kind: EditionKind
    id: str
    team: Team | None = None
    language: str = "en"
