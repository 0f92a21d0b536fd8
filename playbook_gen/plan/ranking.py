"""Which practices a team should start with, and why: the ranking, "Start here", and the facts behind each.

Every practice is scored for a team from what the team's edition may know: the situations it is in
(named in its file or read from its numbers, in the order each situation says to try its practices),
who focuses on a practice (names in the manager edition, a count in the team edition) and team goals
that share a substantive word with the card. Member goals and notes are private: they never feed it.
How the reasons read is reasons.py's business; this module decides.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..content import Content
from ..i18n.translate import translation
from ..models import Practice, Principle, Team
from .evidence import TeamSituation, team_situations
from .goals import GoalMatch, goal_matches
from .reasons import Reason, reasons_for

# A situation's practices in the order to try them: its first is the first answer.
SITUATION_WEIGHTS = (20, 14, 11)  # 1st, 2nd, 3rd to try ...
SITUATION_WEIGHT = 10             # ... and every later one
EXTRA_SITUATION_WEIGHT = 4        # per further situation it answers (its best place counts in full)
FOCUS_WEIGHT = 2                  # per member focusing on it (a situation's order to try comes first)
GOAL_WEIGHT = 3                   # per team goal sharing a substantive word with the card
PRINCIPLE_WEIGHT = 1              # shares a principle with a practice a situation calls for
START_HERE_MAX = 3
TOP = 10                          # what the recommendations page shows with reasons
_DIFFICULTY_ORDER = {"easy": 0, "medium": 1, "hard": 2}


def recommended_practices(content: Content, team: Team, *, private: bool = True) -> list[Practice]:
    """Practices the team's situations (named or read from its numbers) call for, in the situations' order."""
    seen: dict[str, Practice] = {}
    for found in team_situations(content, team, private=private):
        for practice_id in found.situation.practices:
            seen.setdefault(practice_id, content.practices[practice_id])
    return list(seen.values())


@dataclass(frozen=True)
class SituationFit:
    """A situation the team is in that a practice answers, and where it stands in that situation's list."""

    found: TeamSituation
    position: int  # 0-based, in the situation's order to try
    total: int


@dataclass(frozen=True)
class Recommendation:
    practice: Practice
    rank: int
    score: int
    reasons: tuple[Reason, ...]
    situations: tuple[SituationFit, ...] = ()
    focus_names: tuple[str, ...] = ()  # empty in the team edition: there only `focus_count` is known
    focus_count: int = 0                # how many members focus on it: an aggregate, safe to show
    goals: tuple[GoalMatch, ...] = ()
    sibling_of: Principle | None = None

    @property
    def from_team_data(self) -> bool:
        """True when the team's own situations, focus or goals call for it."""
        return bool(self.situations or self.focus_count or self.goals)


def _weight(position: int) -> int:
    return SITUATION_WEIGHTS[position] if position < len(SITUATION_WEIGHTS) else SITUATION_WEIGHT


def _as_shown(content: Content, practices: list[Practice], language: str) -> list[Practice]:
    """The cards as the team's edition shows them: in the team's language, the one its goals are written in."""
    if language == content.playbook.language:
        return practices
    shown = translation(content, language)
    return [shown.value(p) for p in practices]


def rank_practices(content: Content, team: Team, *, private: bool = True) -> list[Recommendation]:
    """Every practice of the playbook, ranked for `team`, best first, with its reasons.

    `private` is the manager edition: reasons name who focuses on a practice and situations may be read
    from numbers the team edition does not show. Deterministic: ties are broken by number of reasons,
    then easier, then shorter, then id.
    """
    practices = list(content.practices.values())
    fits: dict[str, list[SituationFit]] = {p.id: [] for p in practices}
    for found in team_situations(content, team, private=private):
        total = len(found.situation.practices)
        for position, practice_id in enumerate(found.situation.practices):
            fits[practice_id].append(SituationFit(found, position, total))
    focus: dict[str, list[str]] = {p.id: [] for p in practices}
    for member in team.members:
        for practice_id in dict.fromkeys(member.focus):
            focus[practice_id].append(member.name)
    goals = goal_matches(_as_shown(content, practices, team.language), team.goals, team.language)
    called_for = {content.practices[pid].principle for pid, fs in fits.items() if fs}

    def score(practice: Practice) -> int:
        pid = practice.id
        weights = sorted((_weight(f.position) for f in fits[pid]), reverse=True)
        situations = weights[0] + EXTRA_SITUATION_WEIGHT * (len(weights) - 1) if weights else 0
        total = situations + FOCUS_WEIGHT * len(focus[pid]) + GOAL_WEIGHT * len(goals[pid])
        return total or (PRINCIPLE_WEIGHT if practice.principle in called_for else 0)

    def count(practice: Practice) -> int:
        return len(fits[practice.id]) + bool(focus[practice.id]) + len(goals[practice.id])

    ranked = sorted(practices, key=lambda p: (-score(p), -count(p), _DIFFICULTY_ORDER[p.difficulty], p.minutes, p.id))
    result = []
    for rank, practice in enumerate(ranked, start=1):
        pid = practice.id
        sibling = (content.principles[practice.principle]
                   if score(practice) == PRINCIPLE_WEIGHT and not fits[pid] and practice.principle in called_for else None)
        rec = Recommendation(practice, rank, score(practice), (), tuple(fits[pid]),
                             tuple(focus[pid]) if private else (), len(focus[pid]), tuple(goals[pid]), sibling)
        result.append(_with_reasons(rec, private))
    return result


def _with_reasons(rec: Recommendation, private: bool) -> Recommendation:
    return Recommendation(rec.practice, rec.rank, rec.score, reasons_for(rec, private), rec.situations,
                          rec.focus_names, rec.focus_count, rec.goals, rec.sibling_of)


def pick_start_here(ranking: list[Recommendation]) -> list[Recommendation]:
    """At most three practices from the team's own data, best first, answering different situations.

    In rank order, a practice is taken when it answers a situation none of the chosen ones answers;
    if that leaves room, the best remaining practices the team's data calls for fill it.
    """
    candidates = [r for r in ranking if r.from_team_data]
    chosen: list[Recommendation] = []
    answered: set[str] = set()
    for rec in candidates:
        situations = {f.found.situation.id for f in rec.situations}
        if len(chosen) < START_HERE_MAX and situations - answered:
            chosen.append(rec)
            answered |= situations
    for rec in candidates:
        if len(chosen) >= START_HERE_MAX:
            break
        if rec not in chosen:
            chosen.append(rec)
    return sorted(chosen, key=lambda r: r.rank)


def start_here(content: Content, team: Team, *, private: bool = True,
               ranking: list[Recommendation] | None = None) -> list[Recommendation]:
    """The team's "Start here": at most three practices, with their reasons. The one function that decides it
    (the team home, the recommendations page, the card grid and the calendar all call it).

    `private`: for the manager edition (names, and situations read from private numbers).
    `ranking`: `rank_practices(content, team, private=private)` when the caller has it already.
    """
    return pick_start_here(ranking if ranking is not None else rank_practices(content, team, private=private))
