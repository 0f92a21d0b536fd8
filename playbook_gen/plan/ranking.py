"""Which practices a team should start with, and why: the ranking and its word matching."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ..content import Content
from ..models import Practice, Team


def recommended_practices(content: Content, team: Team) -> list[Practice]:
    """Practices the team's situations call for, in the situations' own order."""
    seen: dict[str, Practice] = {}
    for situation_id in team.situations:
        for practice_id in content.situations[situation_id].practices:
            seen.setdefault(practice_id, content.practices[practice_id])
    return list(seen.values())


# --- Ranking -------------------------------------------------------------------
#
# Every practice is scored for a team from what the team file says in the open:
# its situations (in the order each situation says to try its practices), how
# many members focus on a practice (an aggregate: never who), and words its
# goals share with the practice card. Member goals are private, so they never
# feed a ranking shown in the shareable edition.

SITUATION_WEIGHT = 10       # a practice the team's situation calls for ...
SITUATION_ORDER_BONUS = 2   # ... plus this for each place it is ahead of the 4th
FOCUS_WEIGHT = 5            # per member focusing on it
GOAL_WEIGHT = 3             # per team goal it speaks to
PRINCIPLE_WEIGHT = 1        # shares a principle with a practice a situation calls for
START_HERE_MIN, START_HERE_MAX = 3, 5
_DIFFICULTY_ORDER = {"easy": 0, "medium": 1, "hard": 2}

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being below between both
but by can could did do does doing down during each every few for from further get gets getting got had has have
having he her here hers him his how i if in into is it its just least less let like make makes many may me more
most much must my no nor not now of off on once one only or other our ours out over own per same she should so
some such than that the their theirs them then there these they this those through to too under until up us very
was we were what when where which while who whom why will with without would you your yours
bring brings build get gets give keep make makes need run runs running take use want
year years quarter month months week weeks day days hour hours time sale sales sell selling process cost cut percent
""".split())


def _stem(word: str) -> str:
    for suffix in ("ings", "ing", "ers", "er", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= (3 if suffix == "s" else 4):
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=4096)
def _terms(text: str) -> dict[str, str]:
    """Significant words of a text: stem -> the first word written with that stem (cached: do not mutate)."""
    found: dict[str, str] = {}
    for word in _WORD.findall(text.lower()):
        if len(word) < 3 or word in _STOPWORDS or word.isdigit():
            continue
        found.setdefault(_stem(word), word)
    return found


def _practice_terms(practice: Practice, *, full: bool = False) -> set[str]:
    """Words of a card's title, summary and tags (`full`: of the whole card)."""
    parts = [practice.title, practice.summary, *(t.replace("-", " ") for t in practice.tags)]
    if full:
        parts += [practice.people, *practice.steps, *practice.questions]
    return set(_terms(" ".join(parts)))


@dataclass(frozen=True)
class Reason:
    """Why a practice ranks where it does, as text segments (emphasised or not)."""

    kind: Literal["situation", "focus", "goal", "principle"]
    parts: tuple[tuple[str, bool], ...]
    weight: int

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.parts)


@dataclass(frozen=True)
class Recommendation:
    practice: Practice
    rank: int
    score: int
    reasons: tuple[Reason, ...]
    focus_count: int = 0  # how many members focus on it: an aggregate, safe to show

    @property
    def from_team_data(self) -> bool:
        """True when the team's own situations, focus or goals call for it."""
        return any(r.kind != "principle" for r in self.reasons)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank_practices(content: Content, team: Team) -> list[Recommendation]:
    """Every practice of the playbook, ranked for `team`, best first, with its reasons.

    Deterministic: ties are broken by number of reasons, then easier, then
    shorter, then id.
    """
    practices = list(content.practices.values())
    reasons: dict[str, list[Reason]] = {p.id: [] for p in practices}

    for situation_id in team.situations:
        situation = content.situations[situation_id]
        total = len(situation.practices)
        for position, practice_id in enumerate(situation.practices):
            weight = SITUATION_WEIGHT + SITUATION_ORDER_BONUS * max(0, 3 - position)
            order = f" ({_ordinal(position + 1)} of {total} to try)" if total > 1 else ""
            reasons[practice_id].append(Reason(
                "situation", (("because the team faces ", False), (situation.title, True), (order, False)), weight))

    focus = Counter(pid for member in team.members for pid in dict.fromkeys(member.focus))
    for practice_id, count in sorted(focus.items()):
        people = "1 member focuses" if count == 1 else f"{count} members focus"
        reasons[practice_id].append(Reason("focus", ((f"because {people} on it", False),), FOCUS_WEIGHT * count))

    # Goal words: ignore words many cards use ("rep", "call", "first"): they say nothing about fit.
    terms = {p.id: _practice_terms(p) for p in practices}
    frequency = Counter(t for p in practices for t in _practice_terms(p, full=True))
    common = {t for t, n in frequency.items() if n > max(2, len(practices) // 6)}
    for goal in team.goals:
        goal_terms = _terms(goal)
        for practice in practices:
            shared = sorted((set(goal_terms) & terms[practice.id]) - common)
            if shared:
                words = ", ".join(f"“{goal_terms[t]}”" for t in shared)
                reasons[practice.id].append(Reason(
                    "goal", (("because the team goal ", False), (goal, True), (f" mentions {words}", False)),
                    GOAL_WEIGHT * len(shared)))

    called_for = {content.practices[pid].principle for pid, rs in reasons.items() if any(r.kind == "situation" for r in rs)}
    for practice in practices:
        if practice.principle in called_for and not any(r.kind == "situation" for r in reasons[practice.id]):
            principle = content.principles[practice.principle]
            reasons[practice.id].append(Reason(
                "principle", (("because it puts ", False), (principle.title, True),
                              (" into practice, like the practices the team's situations call for", False)),
                PRINCIPLE_WEIGHT))

    def rank_key(practice: Practice) -> tuple:
        rs = reasons[practice.id]
        return (-sum(r.weight for r in rs), -len(rs), _DIFFICULTY_ORDER[practice.difficulty], practice.minutes, practice.id)

    ranked = sorted(practices, key=rank_key)
    return [
        Recommendation(p, rank, sum(r.weight for r in reasons[p.id]), tuple(reasons[p.id]), focus.get(p.id, 0))
        for rank, p in enumerate(ranked, start=1)
    ]


def start_here(ranking: list[Recommendation]) -> list[Recommendation]:
    """The three to five practices that matter most now.

    The top five the team's own data calls for, cut where the score falls
    below half the best one's, never fewer than three (padded in rank order).
    """
    if not ranking:
        return []
    best = ranking[0].score
    chosen = [r for r in ranking[:START_HERE_MAX] if r.from_team_data and r.score * 2 >= best]
    for r in ranking:
        if len(chosen) >= START_HERE_MIN:
            break
        if r not in chosen:
            chosen.append(r)
    return sorted(chosen, key=lambda r: r.rank)
