"""The validated playbook every later stage reads: the type `validate` produces.

Its own module so plan, api, serve and scaffold can name it without importing
the validator.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Problem
from .models import Playbook, Practice, Principle, Scorecard, Situation, Team

if TYPE_CHECKING:
    from .i18n.catalog import Catalogue


@dataclass
class Content:
    """The validated playbook: every entity keyed by id, in a stable order."""

    root: Path
    playbook: Playbook
    principles: dict[str, Principle] = field(default_factory=dict)
    practices: dict[str, Practice] = field(default_factory=dict)
    situations: dict[str, Situation] = field(default_factory=dict)
    scorecards: dict[str, Scorecard] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    files: dict[tuple[str, str], Path] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    catalogues: dict[str, Catalogue] = field(default_factory=dict)  # content/translations/<language>.po, read

    @property
    def languages(self) -> list[str]:
        """Languages of the library editions: the source language first, then playbook.yml's `languages`."""
        source = self.playbook.language
        return [source, *(lang for lang in dict.fromkeys(self.playbook.languages) if lang != source)]

    def situations_for(self, practice_id: str) -> list[Situation]:
        """Situations a practice answers — computed from the situations' own lists."""
        return [s for s in self.situations.values() if practice_id in s.practices]

    def practices_for(self, principle_id: str) -> list[Practice]:
        return [p for p in self.practices.values() if p.principle == principle_id]

    def practices_scored_by(self, scorecard_id: str) -> list[Practice]:
        """Practices that use a scorecard — computed from the practices' own `scorecards` lists."""
        return [p for p in self.practices.values() if scorecard_id in p.scorecards]
