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
from ..models import RESERVED_TEAM_PREFIX
from .cards import DECK_PAGE, card_url
from .editions import Edition, EditionKind, EditionSpec, Page, public_view
from .library import plan_library
from .ranking import Recommendation, rank_practices, start_here
from .scorecards import scorecard_url
from .team import plan_team

__all__ = [
    "DECK_PAGE", "Edition", "EditionKind", "EditionSpec", "Page", "Recommendation", "card_url", "edition_specs",
    "library_id",
    "plan_all", "plan_edition", "plan_library", "plan_team", "public_view", "rank_practices", "scorecard_url", "start_here",
]


def edition_specs(content: Content, team_ids: list[str] | None = None) -> list[EditionSpec]:
    """The editions `plan_all` plans, in its order, without planning them (cheap)."""
    specs = [EditionSpec("library", library_id(content, lang), language=lang)
             for lang in content.languages] if team_ids is None else []
    for team in content.teams.values():
        if team_ids is not None and team.id not in team_ids:
            continue
        specs.append(EditionSpec("team", team.id, team, language=team.language))
        specs.append(EditionSpec("manager", team.id, team, language=team.language))
    return specs


def library_id(content: Content, language: str) -> str:
    """`library` in the content's own language, `library-<language>` in each other one."""
    return "library" if language == content.playbook.language else f"{RESERVED_TEAM_PREFIX}{language}"


def plan_edition(content: Content, spec: EditionSpec) -> Edition:
    """One edition, planned from the source content, then in its language (i18n/translate.py)."""
    if spec.kind == "library":
        edition = plan_library(content)
        edition.id = spec.id
        if len(content.languages) > 1:  # linked to each other by Material's language selector
            edition.alternates = [(lang, library_id(content, lang)) for lang in content.languages]
    else:
        assert spec.team is not None
        edition = plan_team(content, spec.team, spec.kind)
    edition.language = spec.language
    edition.source_language = content.playbook.language
    if spec.language == content.playbook.language:
        return edition
    from ..i18n.translate import translation  # the i18n package reads plan's types: no cycle at import time
    return translation(content, spec.language).edition(edition)


def plan_all(content: Content, team_ids: list[str] | None = None) -> list[Edition]:
    """Every edition to build: the library, then each team's two editions.

    With `team_ids`, only those teams' editions: every other edition,
    the library included, is left as published.
    """
    return [plan_edition(content, spec) for spec in edition_specs(content, team_ids)]
