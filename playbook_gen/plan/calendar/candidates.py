"""What the quarter's calendar may book, in priority order, and what it only lists.

The candidates, highest priority first:
1. each member's one-on-ones (length, day and how often from the member's or the team's slot);
2. each member's focus practices, in the team file's order;
3. each of the team's situations' first practice (named, then read from the numbers);
4. the start-here cards, in rank order.
A practice that is run inside the one-on-one (kinds.py) is listed with the member's one-on-ones,
an `as-needed` practice is listed as such: neither is booked. A practice already a candidate is not
one again (a one-to-one practice is for the members who do not have it yet).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from ...content import Content
from ...i18n.message import Message, message
from ...models import WEEKDAY_NAMES, Member, Practice, Team
from ..evidence import team_situations
from ..ranking import Recommendation, rank_practices, start_here
from .kinds import Kind, kind_of

TIERS = ("one-on-one", "focus", "situation", "start-here")


@dataclass(frozen=True)
class Slot:
    """A member's one-on-one slot, resolved against the team's."""

    weekday: int  # 0 = Monday
    time: int | None  # minutes after midnight; None: after the previous one-on-one, from the team's time
    minutes: int
    every: str  # weekly, biweekly, monthly (never "none": those are not candidates)


@dataclass(frozen=True)
class Candidate:
    key: str  # unique, stable: part of every event's UID
    tier: str  # one of TIERS
    kind: Kind | str  # a practice kind, or "one-on-one"
    practice: Practice | None  # the card; for a one-on-one, the practice it is run as (if any)
    members: tuple[Member, ...]  # with whom (empty: the team, or the manager alone)
    minutes: int
    cadence: str
    why: str  # what put it on the list: a sentence (a Message; plain text in tests)
    slot: Slot | None = None
    priority: int = 0  # 0 is the highest; set by `candidates()`
    rotate: bool = False  # one member per occurrence, in turn ("rotate through the team")

    @property
    def title(self) -> str:
        if self.slot is not None:
            return message("1:1 with %(name)s", name=self.members[0].name)
        assert self.practice is not None
        if self.rotate:
            return message("%(practice)s with each member in turn", practice=self.practice.title)
        if len(self.members) == 1:
            return message("%(practice)s with %(name)s", practice=self.practice.title, name=self.members[0].name)
        return self.practice.title


@dataclass(frozen=True)
class Listed:
    """A practice the calendar lists and does not book: used when needed, or inside the one-on-ones."""

    practice: Practice
    why: str
    members: tuple[str, ...] = ()  # names (manager edition); empty: everyone


@dataclass(frozen=True)
class Candidates:
    booked: tuple[Candidate, ...]  # to book, highest priority first
    as_needed: tuple[Listed, ...]
    inside: tuple[Listed, ...]  # run inside the one-on-ones


def serve_week_practice(content: Content) -> Practice | None:
    """The "How can I best serve you?" week: the `serve-week` card, else a once-off card asking that question."""
    if "serve-week" in content.practices:
        return content.practices["serve-week"]
    return next((p for p in content.practices.values()
                 if p.cadence == "once" and any("best serve you" in q.lower() for q in p.questions)), None)


def start_here_practices(content: Content, team: Team, ranking: list[Recommendation]) -> list[Practice]:
    """The start-here cards, best first: the one call into the ranking, whatever it chooses them by.

    Always the manager's (private) choice: one schedule serves both editions, so the team's practices
    are at the same times in both."""
    return [r.practice for r in start_here(content, team, private=True, ranking=ranking)]


def _runs_the_one_on_one(practice: Practice | None) -> bool:
    return practice is not None and kind_of(practice) == "in-one-on-one" and practice.cadence == "weekly"


def one_on_one_practice(content: Content, member: Member, default: Practice | None) -> Practice | None:
    """The practice a member's one-on-one is run as: their own focus card that runs inside it, else
    `default` (the best-ranked weekly card that does)."""
    return next((content.practices[pid] for pid in member.focus
                 if _runs_the_one_on_one(content.practices.get(pid))), default)


def member_slot(team: Team, member: Member) -> Slot | None:
    """The member's one-on-one slot (theirs, filled in from the team's); None for `every: none`."""
    own, base = member.one_on_one, team.one_on_ones
    every = (own.every if own and own.every else None) or base.every
    if every == "none":
        return None
    day = (own.day if own and own.day else None) or base.day
    time = own.time if own and own.time else None
    hours, minutes = (int(x) for x in time.split(":")) if time else (0, 0)
    return Slot(WEEKDAY_NAMES.index(day), hours * 60 + minutes if time else None,
                (own.minutes if own and own.minutes else None) or base.minutes, every)


def candidates(content: Content, team: Team) -> Candidates:
    """Every candidate of the team's quarter, in priority order, and what is only listed."""
    out: list[Candidate] = []
    as_needed: dict[str, Listed] = {}
    inside: list[Listed] = []
    team_wide: set[str] = set()  # practices booked once for the team or the manager
    inside_for_all: set[str] = set()  # run inside everyone's one-on-ones
    with_member: dict[str, set[str]] = {}  # one-to-one practice -> member slugs it is booked with
    serve = serve_week_practice(content)
    ranking = rank_practices(content, team, private=True)
    default = next((r.practice for r in ranking if _runs_the_one_on_one(r.practice)), None)

    for member in team.members:
        slot = member_slot(team, member)
        if slot is None:
            continue
        out.append(Candidate(f"one-on-one-{member.slug}", "one-on-one", "one-on-one",
                             one_on_one_practice(content, member, default), (member,), slot.minutes, slot.every,
                             message("%(name)s's one-on-one", name=member.name), slot))

    def consider(practice: Practice, tier: str, why: Message, members: tuple[Member, ...]) -> None:
        if serve is not None and practice.id == serve.id:
            return  # the serve week is the calendar's first week, all of it
        if practice.cadence == "as-needed":
            as_needed.setdefault(practice.id, Listed(practice, why))
            return
        kind = kind_of(practice)
        if kind == "in-one-on-one":
            names = tuple(m.name for m in members) if tier == "focus" else ()
            if practice.id not in inside_for_all:
                inside.append(Listed(practice, why, names))
                if not names:
                    inside_for_all.add(practice.id)
            return
        if kind != "one-to-one":
            if practice.id not in team_wide:
                team_wide.add(practice.id)
                out.append(Candidate(practice.id, tier, kind, practice, (), practice.minutes, practice.cadence, why))
            return
        if "rotate" in practice.people.lower():  # one member each time, in turn: one candidate for the team
            turn = members + tuple(m for m in team.members if m not in members)
            if practice.id not in team_wide and turn:
                team_wide.add(practice.id)
                out.append(Candidate(practice.id, tier, kind, practice, turn, practice.minutes, practice.cadence, why,
                                     rotate=True))
            return
        done = with_member.setdefault(practice.id, set())
        for member in members:  # one candidate per member: each is booked whole, or left out
            if member.slug not in done:
                done.add(member.slug)
                out.append(Candidate(f"{practice.id}-{member.slug}", tier, kind, practice, (member,),
                                     practice.minutes, practice.cadence, why))

    everyone = tuple(team.members)
    for member in team.members:
        for pid in member.focus:
            practice = content.practices.get(pid)
            if practice is not None:
                consider(practice, "focus", message("%(name)s's focus", name=member.name), (member,))
    for found in team_situations(content, team):
        situation = found.situation
        consider(content.practices[situation.practices[0]], "situation",
                 message("the first practice for “%(situation)s”", situation=situation.title), everyone)
    for practice in start_here_practices(content, team, ranking):
        consider(practice, "start-here", message("a start-here card"), everyone)
    ranked = tuple(replace(c, priority=i) for i, c in enumerate(out))
    return Candidates(ranked, tuple(as_needed.values()), tuple(inside))
