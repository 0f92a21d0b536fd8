"""Practice cards: what the card grid, the card pages and the deck show, and where a card's page is."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..content import Content
from ..i18n.message import nmessage
from ..models import Practice, Principle, Scorecard, Situation

# "Who takes part", as a filter: the prose `people` field read for who is in the room.
# The first clause (before ';') names the participants; later clauses are advice.
PEOPLE_FACETS: dict[str, str] = {
    "alone": "Just you",
    "one-rep": "You and one rep",
    "team": "The whole team",
    "reps": "Reps without you",
    "managers": "Other managers",
    "outside": "Customers or other functions",
}
_PEOPLE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("alone", re.compile(r"^you(\s+alone\b|\s+first\b|,\s+before\b|\s*$)")),
    ("one-rep", re.compile(r"\b(one|a|each|any|the|the new) rep\b(?!['’])|\brep who\b")),
    ("team", re.compile(r"\b(the|whole) team\b")),
    ("managers", re.compile(r"(?<!success )\bmanagers?\b")),
    ("outside", re.compile(r"\bcustomers?\b|\bmarketing\b|customer success|solutions consultant|analyst"
                           r"|owners of|designed the change|facilitator|decision maker")),
]
# "Time I have": a card matches when it takes at most this many minutes.
TIME_LIMITS = (5, 15, 30, 60, 120)


def who_takes_part(people: str) -> list[str]:
    """Facet slugs for a card's `people` prose (several may apply), in PEOPLE_FACETS order."""
    clause = people.split(";")[0].strip().lower().rstrip(".")
    found = {slug for slug, rule in _PEOPLE_RULES if rule.search(clause)}
    if re.search(r"\breps?\b", clause) and (not re.search(r"\byou\b", clause) or "not you" in clause):
        found.add("reps")
    return [slug for slug in PEOPLE_FACETS if slug in found]


def related_practices(content: Content, practice: Practice, limit: int = 4) -> list[Practice]:
    """Cards to try next: same principle first, then shared situations, then shared tags."""
    situations = {s.id for s in content.situations_for(practice.id)}

    def score(other: Practice) -> tuple[int, int, int]:
        shared_situations = len(situations & {s.id for s in content.situations_for(other.id)})
        return (other.principle == practice.principle, shared_situations, len(set(practice.tags) & set(other.tags)))

    ranked = sorted((p for p in content.practices.values() if p.id != practice.id), key=score, reverse=True)
    return [p for p in ranked if any(score(p))][:limit]


@dataclass(frozen=True)
class Card:
    """One practice card with everything computed that the grid, its page and the deck show."""

    practice: Practice
    principle: Principle
    situations: list[Situation]
    people: list[str]  # PEOPLE_FACETS slugs
    related: list[Practice]
    scorecards: list[Scorecard] = field(default_factory=list)  # the practice's own `scorecards`, in its order

    @property
    def data(self) -> dict[str, Any]:
        """The card's filter keys for the grid: slugs and numbers only."""
        p = self.practice
        return {
            "situations": [s.id for s in self.situations],
            "principle": [p.principle],
            "tags": list(p.tags),
            "people": self.people,
            "minutes": p.minutes,
        }


@dataclass(frozen=True)
class FacetOption:
    value: str  # a slug or a number
    label: str
    count: int


@dataclass(frozen=True)
class Facet:
    """One filter of the card grid: the URL query key, its label and its choices."""

    name: str
    label: str
    any_label: str
    options: list[FacetOption]


def practice_cards(content: Content) -> list[Card]:
    return [
        Card(
            practice=practice,
            principle=content.principles[practice.principle],
            situations=content.situations_for(practice.id),
            people=who_takes_part(practice.people),
            related=related_practices(content, practice),
            scorecards=[content.scorecards[s] for s in practice.scorecards],
        )
        for practice in content.practices.values()
    ]


def card_facets(content: Content, cards: list[Card]) -> list[Facet]:
    """The grid's filters, each option with how many cards it keeps; empty options left out."""
    def count(key: str, value: str) -> int:
        return sum(value in card.data[key] for card in cards)

    situations = [FacetOption(s.id, s.title, count("situations", s.id)) for s in content.situations.values()]
    principles = [FacetOption(p.id, p.title, count("principle", p.id)) for p in content.principles.values()]
    tags = sorted({t for card in cards for t in card.practice.tags})
    people = [FacetOption(slug, label, count("people", slug)) for slug, label in PEOPLE_FACETS.items()]
    times: list[FacetOption] = []
    for limit in TIME_LIMITS:
        n = sum(card.practice.minutes <= limit for card in cards)
        if n and (not times or n > times[-1].count) and n < len(cards):
            times.append(FacetOption(str(limit), nmessage("%(num)d minute or less", "%(num)d minutes or less", limit), n))
    facets = [
        Facet("situation", "Situation", "Any situation", situations),
        Facet("principle", "Principle", "Any principle", principles),
        Facet("tag", "Tag", "Any tag", [FacetOption(t, t.replace("-", " "), count("tags", t)) for t in tags]),
        Facet("time", "Time you have", "Any length", times),
        Facet("people", "Who takes part", "Anyone", people),
    ]
    return [Facet(f.name, f.label, f.any_label, [o for o in f.options if o.count]) for f in facets]


DECK_PAGE = "deck.md"


def card_url(practice_id: str) -> str:
    """A practice card's page, docs-relative: the one place its address is spelled (templates: `card_url(id)`)."""
    return f"practices/{practice_id}.md"
