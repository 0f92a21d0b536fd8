"""Why a practice is recommended, in the words a coach would use: the situation it answers (with the team's
numbers when they show it), who focuses on it, a goal it shares a substantive word with (shown in context
on both sides), and what it costs a week.

ranking.py decides; this module words. Every part is plain text (escaped when printed, emphasised parts
in italics by render/escaping.py's `reason` filter).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from ..i18n.message import Emph, Message, Ordinal, Parts, message, names, nmessage
from ..models import Practice
from .cards import who_takes_part

if TYPE_CHECKING:
    from .ranking import Recommendation

@dataclass(frozen=True)
class Reason:
    """One reason: a sentence whose emphasised values (a situation, a name) print in italics."""

    kind: Literal["situation", "focus", "goal", "principle", "cost"]
    sentence: Message

    @property
    def parts(self) -> Parts:
        return self.sentence.parts

    @property
    def text(self) -> str:
        return str(self.sentence)


@dataclass(frozen=True)
class Line:
    """A sentence of a plan (an agenda item), printed like a reason."""

    sentence: Message

    @property
    def parts(self) -> Parts:
        return self.sentence.parts

    @property
    def text(self) -> str:
        return str(self.sentence)


# --- cost ----------------------------------------------------------------------

_PER_WEEK = {"weekly": 1.0, "biweekly": 0.5, "monthly": 12 / 52, "quarterly": 1 / 13}


def cost_text(practice: Practice) -> Message:
    """What a practice costs the manager: '45 min a month (about 10 min a week)', per person where it is one-to-one."""
    one_to_one = who_takes_part(practice.people) == ["one-rep"]
    minutes, cadence = practice.minutes, practice.cadence
    if one_to_one:
        when = {"weekly": message("%(minutes)d min a week with each person", minutes=minutes),
                "biweekly": message("%(minutes)d min every other week with each person", minutes=minutes),
                "monthly": message("%(minutes)d min a month with each person", minutes=minutes),
                "quarterly": message("%(minutes)d min once a quarter with each person", minutes=minutes),
                "once": message("%(minutes)d min with each person, once", minutes=minutes),
                "as-needed": message("%(minutes)d min with each person, each time it is needed", minutes=minutes),
                }[cadence]
    else:
        when = {"weekly": message("%(minutes)d min a week", minutes=minutes),
                "biweekly": message("%(minutes)d min every other week", minutes=minutes),
                "monthly": message("%(minutes)d min a month", minutes=minutes),
                "quarterly": message("%(minutes)d min once a quarter", minutes=minutes),
                "once": message("%(minutes)d min once", minutes=minutes),
                "as-needed": message("%(minutes)d min each time it is needed", minutes=minutes),
                }[cadence]
    per_week = _PER_WEEK.get(cadence)
    if per_week is None or per_week >= 1:
        return when
    weekly = max(5, round(minutes * per_week / 5) * 5)
    if one_to_one:
        return message("%(cost)s (about %(weekly)d min a week each)", cost=when, weekly=weekly)
    return message("%(cost)s (about %(weekly)d min a week)", cost=when, weekly=weekly)


# --- goal words ------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being below between both
but by can could did do does doing down during each every few for from further get gets getting got had has have
having he her here hers him his how i if in into is it its just least less let like make makes many may me more
most much must my no nor not now of off on once one only or other our ours out over own per same she should so
some such than that the their theirs them then there these they this those through to too under until up us very
was we were what when where which while who whom why will with without would you your yours
bring brings build get gets give keep make makes need run runs running take use want first better every
year years quarter month months week weeks day days hour hours time sale sales sell selling process cost cut percent
team teams rep reps manager managers people person member members work working help helps
everyone everybody someone something anything always never
""".split())
MIN_TERM_LENGTH = 5  # shorter shared words ("call", "deal", "plan") say nothing about fit


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
        if len(word) < MIN_TERM_LENGTH or word in _STOPWORDS or word.isdigit():
            continue
        found.setdefault(_stem(word), word)
    return found


@dataclass(frozen=True)
class GoalMatch:
    """A team goal and a card sharing a substantive word, with where it stands in each text."""

    goal: str
    stem: str
    word: str  # as the goal writes it
    goal_context: Parts
    card_context: Parts


def context(text: str, stem: str, around: int = 4) -> Parts:
    """The words around the first word of `text` with this stem, that word emphasised: ('… collect ', 'improvement', ' ideas …')."""
    words = text.split()
    for i, word in enumerate(words):
        core = _WORD.findall(word.lower())
        if core and _stem(core[0]) == stem and len(core[0]) >= MIN_TERM_LENGTH:
            start, end = max(0, i - around), min(len(words), i + around + 1)
            before = ("…" if start else "") + " ".join(words[start:i])
            after = " ".join(words[i + 1:end]) + ("…" if end < len(words) else "")
            return ((before + " " if before else "", False), (word.strip(".,;:!?()\"“”"), True),
                    (" " + after if after else "", False))
    return ((text, False),)


def goal_matches(practices: list[Practice], goals: list[str]) -> dict[str, list[GoalMatch]]:
    """Per practice, the team goals sharing a substantive word with its title or summary (one match per goal).

    Substantive: at least MIN_TERM_LENGTH letters, no stopword, and used by few cards (a word most cards
    use, like 'customer' or 'pipeline', is no evidence of fit).
    """
    found: dict[str, list[GoalMatch]] = {p.id: [] for p in practices}
    if not goals:
        return found
    card_text = {p.id: f"{p.title}. {p.summary}" for p in practices}
    everywhere = Counter(t for p in practices for t in set(_terms(" ".join(
        [p.title, p.summary, p.people, *p.steps, *p.questions]))))
    common = {t for t, n in everywhere.items() if n > max(2, len(practices) // 6)}
    for goal in goals:
        goal_terms = _terms(goal)
        for practice in practices:
            shared = sorted((set(goal_terms) & set(_terms(card_text[practice.id]))) - common)
            if shared:
                stem = shared[0]
                found[practice.id].append(GoalMatch(goal, stem, goal_terms[stem], context(goal, stem), context(practice.summary, stem)
                                                    if stem in _terms(practice.summary) else context(practice.title, stem)))
    return found


# --- the reasons -----------------------------------------------------------------

def reasons_for(rec: Recommendation, private: bool) -> tuple[Reason, ...]:
    """A recommendation's reasons for one edition: names who focuses on it only when `private`."""
    reasons = []
    for fit in rec.situations:
        found = fit.found
        situation = Emph(found.situation.title)
        if fit.total > 1:
            said = message("it answers %(situation)s (%(position)s of %(total)d to try)", situation=situation,
                           position=Ordinal(fit.position + 1), total=fit.total)
        else:
            said = message("it answers %(situation)s", situation=situation)
        if found.evidence:
            numbers = Message("; ".join(f"%(e{i})s" for i in range(len(found.evidence))),
                              {f"e{i}": e.text for i, e in enumerate(found.evidence)})
            said = (message("%(reason)s; the team's numbers agree: %(numbers)s", reason=said, numbers=numbers)
                    if found.named else
                    message("%(reason)s, read from the team's numbers: %(numbers)s", reason=said, numbers=numbers))
        reasons.append(Reason("situation", said))
    if rec.focus_count:
        if private and rec.focus_names:
            people = names([Emph(name) for name in rec.focus_names])
            reasons.append(Reason("focus", nmessage("%(people)s focuses on it", "%(people)s focus on it",
                                                    len(rec.focus_names), people=people)))
        else:
            reasons.append(Reason("focus", nmessage("%(num)d person on the team focuses on it",
                                                    "%(num)d people on the team focus on it", rec.focus_count)))
    for match in rec.goals:
        reasons.append(Reason("goal", message("the team goal “%(goal)s” and the card both speak of %(word)s: “%(card)s”",
                                              goal=_segments(match.goal_context), word=Emph(match.word),
                                              card=_segments(match.card_context))))
    if rec.sibling_of is not None:
        reasons.append(Reason("principle", message(
            "it puts %(principle)s into practice, the principle behind practices the team's situations call for",
            principle=Emph(rec.sibling_of.title))))
    reasons.append(Reason("cost", message("it takes %(cost)s", cost=cost_text(rec.practice))))
    return tuple(reasons)


def _segments(parts: Parts) -> Message:
    """Quoted words of a goal or a card, as written (a goal is team data; a card's words stay the source's)."""
    return Message("".join(f"%(p{i})s" for i in range(len(parts))),
                   {f"p{i}": Emph(text) if emphasised else text for i, (text, emphasised) in enumerate(parts)})
