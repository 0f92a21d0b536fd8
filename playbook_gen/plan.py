"""Stage 3 — plan: decide what each edition contains and who may see what.

This is where the privacy rule lives. Shareable editions receive *views* of
members holding only the fields the model marks public; templates for those
editions never see a `Member` object, so they cannot leak a private field by
accident.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import zip_longest
from pathlib import Path
from typing import Any, Literal

from .branding import edition_title
from .content import Content
from .models import Member, Practice, Principle, Situation, Team
from .safety import content_path
from .schedule import WEEKDAYS, CalendarEvent, CoachingCalendar, member_weekday, plan_calendar, serve_week_days

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


# --- practice cards: what the card grid, the card pages and the deck show -------------

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
            times.append(FacetOption(str(limit), f"{limit} minutes or less", n))
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


def _library_pages(content: Content) -> tuple[list[Page], list[Any]]:
    """The org-wide playbook pages every edition carries (no team data).

    Planned once per loaded content (every edition carries the same library);
    each caller gets its own lists to extend.
    """
    cached = content.__dict__.get("_library_pages")
    if cached is None:
        cached = content.__dict__["_library_pages"] = _plan_library_pages(content)
    pages, nav = cached
    return list(pages), list(nav)


def _plan_library_pages(content: Content) -> tuple[list[Page], list[Any]]:
    principles = list(content.principles.values())
    practices = list(content.practices.values())
    situations = list(content.situations.values())
    cards = practice_cards(content)
    pages = [
        Page("principles/index.md", "principles-index.md.j2", "Principles", {"principles": principles}),
        Page("practices/index.md", "practices-index.md.j2", "Practice cards", {
            "cards": cards, "facets": card_facets(content, cards), "deck": DECK_PAGE,
        }),
        Page(DECK_PAGE, "deck.md.j2", "Print the deck", {"cards": cards, "title": content.playbook.title}),
        Page("situations/index.md", "situations-index.md.j2", "Situations", {"situations": situations}),
    ]
    for principle in principles:
        pages.append(Page(f"principles/{principle.id}.md", "principle.md.j2", principle.title, {
            "principle": principle,
            "practices": content.practices_for(principle.id),
            "tell_serve": list(zip_longest(principle.tell_mode, principle.serve_mode, fillvalue="")),
        }))
    for card in cards:
        practice = card.practice
        pages.append(Page(card_url(practice.id), "practice.md.j2", practice.title, {
            "card": card,
            "practice": practice,
            "principle": card.principle,
            "situations": card.situations,
            "people_labels": [PEOPLE_FACETS[slug] for slug in card.people],
        }))
    for situation in situations:
        pages.append(Page(f"situations/{situation.id}.md", "situation.md.j2", situation.title, {
            "situation": situation,
            "practices": [content.practices[p] for p in situation.practices],
        }))
    nav = [
        {"Principles": ["principles/index.md"] + [f"principles/{p.id}.md" for p in principles]},
        {"Practice cards": ["practices/index.md", DECK_PAGE] + [card_url(p.id) for p in practices]},
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


def serve_week_practice(content: Content) -> Practice | None:
    """The "How can I best serve you?" week: the `serve-week` card, else a once-off card asking that question."""
    if "serve-week" in content.practices:
        return content.practices["serve-week"]
    return next((p for p in content.practices.values()
                 if p.cadence == "once" and any("best serve you" in q.lower() for q in p.questions)), None)


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
        asked = [name for j, name in enumerate(people) if member_weekday(j) == i]
        plan_days.append({
            "date": day, "weekday": WEEKDAYS[day.weekday()],
            "ask": asked if named else [], "ask_count": len(asked),
            "tasks": tasks,
        })
    follow_up = steps[-1] if len(steps) > 3 else None
    principle = content.principles[practice.principle]
    quarterly = next((r for r in calendar.rhythm if r.practice.cadence == "quarterly"), None)
    return Page("serve-week.md", "serve-week.md.j2", "How can I best serve you?", {
        "team": {"name": team.name, "manager": team.manager.name, "quarter": team.quarter},
        "practice": practice,
        "principle": principle,
        "question": next((q for q in practice.questions if "serve" in q.lower()), practice.questions[0] if practice.questions else practice.title),
        "days": plan_days,
        "daily": daily,
        "follow_up": follow_up,
        "quarterly": quarterly.practice if quarterly else None,
        "siblings": [p for p in content.practices_for(principle.id) if p.id != practice.id],
    })


def _member_plan(team: Team, member: Member, by_id: dict[str, Recommendation],
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


# --- big teams: what a page lists, so that no page grows with the team ----------
#
# Member pages are kept out of the navigation (every page would otherwise carry a
# link to every member: cost and size growing with the square of the team); the
# roster pages list the members, ROSTER_PAGE_SIZE a page. The team home lists the
# team up to HOME_LIST_MAX members and summarises it beyond; the calendar page and
# the serve week name members up to CALENDAR_DETAIL_MAX and count them beyond.

MEMBERS_DIR = "members"
ROSTER_DIR = "people"
ROSTER_PAGE = f"{ROSTER_DIR}/index.md"
ROSTER_PAGE_SIZE = 200
HOME_LIST_MAX = 50
CALENDAR_DETAIL_MAX = 12


def _roster_path(number: int) -> str:
    return ROSTER_PAGE if number == 1 else f"{ROSTER_DIR}/page-{number}.md"


def _roster_pages(team: Team, private: bool, member_paths: dict[str, str]) -> list[Page]:
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
    pages, nav = _library_pages(content)
    members_public = [public_view(m) for m in team.members]
    ranking = rank_practices(content, team)
    first = start_here(ranking)
    team_public = {
        "id": team.id, "name": team.name, "manager": team.manager.name, "quarter": team.quarter,
        "goals": list(team.goals), "timezone": team.timezone, "member_count": len(team.members),
    }
    member_paths = {m.slug: f"{MEMBERS_DIR}/{m.slug}.md" for m in team.members} if private else {}
    serve_week = serve_week_practice(content)
    calendar = plan_calendar(
        team, ranked=[r.practice for r in ranking], start_here=[r.practice for r in first], serve_week=serve_week,
        private=private, member_pages=member_paths,
        name=f"{team.name} coaching calendar {team.quarter}" + (" (manager)" if private else ""))
    listed = len(team.members) <= HOME_LIST_MAX
    roster = _roster_pages(team, private, member_paths) if private or not listed else []
    home = Page("index.md", "team-home.md.j2", team.name, {
        "team": team_public,
        "situations": [content.situations[s] for s in team.situations],
        "recommended": recommended_practices(content, team),
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
        "team": team_public, "ranking": ranking, "start_here": [r.practice.id for r in first],
    }))
    team_nav: list[Any] = ["index.md", "recommendations.md"]
    if serve_week is not None:
        pages.append(_serve_week_page(content, team, serve_week, calendar))
        team_nav.append("serve-week.md")
    condensed = private and len(team.members) > CALENDAR_DETAIL_MAX
    pages.append(Page("calendar.md", "calendar.md.j2", "Coaching calendar", {
        "team": team_public, "calendar": calendar, "manager_edition": private,
        "weeks": calendar.weeks(group_members=condensed), "condensed": condensed,
        "roster": ROSTER_PAGE if roster else None,
    }))
    team_nav.append("calendar.md")
    not_in_nav: list[str] = []
    if roster:
        pages.extend(roster)
        team_nav.append(roster[0].path)  # the first roster page; it links the others
        if len(roster) > 1:
            not_in_nav.append(f"/{ROSTER_DIR}/page-*.md")
    if private:
        by_id = {r.practice.id: r for r in ranking}
        one_on_ones: dict[str, CalendarEvent] = {}
        for event in calendar.events:  # each member's first one-on-one, in one pass
            if event.member_name is not None and event.title.startswith("1:1"):
                one_on_ones.setdefault(event.member_name, event)
        pages.extend(_member_plan(team, m, by_id, one_on_ones.get(m.name)) for m in team.members)
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


@dataclass(frozen=True)
class EditionSpec(_Named):
    """Which edition, before planning it: enough to name it, hash its inputs and shard it."""

    kind: EditionKind
    id: str
    team: Team | None = None


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
