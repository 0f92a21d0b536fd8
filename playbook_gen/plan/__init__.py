"""Stage 3 — plan: decide what each edition contains and who may see what.

The package, by what each module holds:

- `editions`: the types (`Edition`, `EditionSpec`, `Page`) and `public_view`, where the privacy rule lives;
- `evidence`: situations read from a team's numbers (`detect:` thresholds met by its `metrics:`);
- `ranking`: which practices a team should start with (`start_here`, the one function that decides it);
- `reasons`: why, in a coach's words (the situation, who focuses on it, a shared goal word in context, the cost);
- `cards`: practice cards, their grid's facets and `card_url`;
- `library`: the library edition and the pages every edition carries;
- `scorecards`: the scorecards' pages, printable sheets and CSV downloads (in every edition);
- `team`: a team's shareable edition and its private manager edition;
- `members`: member coaching plans and roster pages (manager edition, big teams);
- `calendar`: the calendar's types (`events`), when each practice happens (`schedule`) and the
  `calendar.ics` writer (`ics`).

This module names the editions to build and plans each.
"""
from __future__ import annotations

from ..content import Content
from .cards import DECK_PAGE, card_url
from .editions import Edition, EditionKind, EditionSpec, Page, public_view
from .library import plan_library
from .ranking import Recommendation, rank_practices, start_here
from .scorecards import scorecard_url
from .team import plan_team

__all__ = [
    "DECK_PAGE", "Edition", "EditionKind", "EditionSpec", "Page", "Recommendation", "card_url", "edition_specs",
    "plan_all", "plan_edition", "plan_library", "plan_team", "public_view", "rank_practices", "scorecard_url", "start_here",
]


def edition_specs(content: Content, team_ids: list[str] | None = None) -> list[EditionSpec]:
    """The editions `plan_all` plans, in its order, without planning them (cheap)."""
    specs = [EditionSpec("library", "library")] if team_ids is None else []
    for team in content.teams.values():
        if team_ids is not None and team.id not in team_ids:
            continue
        specs.append(EditionSpec("team", team.id, team))
        specs.append(EditionSpec("manager", team.id, team))
    return specs


def plan_edition(content: Content, spec: EditionSpec) -> Edition:
    if spec.kind == "library":
        return plan_library(content)
    assert spec.team is not None
    return plan_team(content, spec.team, spec.kind)


def plan_all(content: Content, team_ids: list[str] | None = None) -> list[Edition]:
    """Every edition to build: the library, then each team's two editions.

    With `team_ids`, only those teams' editions: every other edition,
    the library included, is left as published.
    """
    return [plan_edition(content, spec) for spec in edition_specs(content, team_ids)]
