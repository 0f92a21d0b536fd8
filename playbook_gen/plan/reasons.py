"""Why a practice is recommended, in the words a coach would use: the situation it answers (with the team's
numbers when they show it), who focuses on it, a goal it shares a substantive word with (shown in context
on both sides: goals.py finds it), and what it costs a week.

ranking.py decides; this module words. Every part is plain text (escaped when printed, emphasised parts
in italics by render/escaping.py's `reason` filter).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..i18n.message import Emph, Message, Ordinal, Parts, emph, message, names, nmessage
from ..i18n.strings import N_
from ..models import Practice
from .cards import who_takes_part

if TYPE_CHECKING:
    from .ranking import Recommendation

@dataclass(frozen=True)
class Line:
    """A sentence of a plan (an agenda item): its emphasised values (a situation, a name) print in italics."""

    sentence: Message

    @property
    def parts(self) -> Parts:
        return self.sentence.parts

    @property
    def text(self) -> str:
        return str(self.sentence)


@dataclass(frozen=True)
class Reason(Line):
    """One reason a card is recommended, printed like a line; `kind` says which."""

    kind: Literal["situation", "focus", "goal", "principle", "cost"]


# --- cost ----------------------------------------------------------------------

_PER_WEEK = {"weekly": 1.0, "biweekly": 0.5, "monthly": 12 / 52, "quarterly": 1 / 13}
# what a card costs, by cadence: for the whole card, and for each person where it is one-to-one
_COST = {"weekly": N_("%(minutes)d min a week"), "biweekly": N_("%(minutes)d min every other week"),
         "monthly": N_("%(minutes)d min a month"), "quarterly": N_("%(minutes)d min once a quarter"),
         "once": N_("%(minutes)d min once"), "as-needed": N_("%(minutes)d min each time it is needed")}
_COST_EACH = {"weekly": N_("%(minutes)d min a week with each person"),
              "biweekly": N_("%(minutes)d min every other week with each person"),
              "monthly": N_("%(minutes)d min a month with each person"),
              "quarterly": N_("%(minutes)d min once a quarter with each person"),
              "once": N_("%(minutes)d min with each person, once"),
              "as-needed": N_("%(minutes)d min with each person, each time it is needed")}


def cost_text(practice: Practice) -> Message:
    """What a practice costs the manager: '45 min a month (about 10 min a week)', per person where it is one-to-one."""
    one_to_one = who_takes_part(practice.people) == ["one-rep"]
    minutes, cadence = practice.minutes, practice.cadence
    when = Message((_COST_EACH if one_to_one else _COST)[cadence], {"minutes": minutes})
    per_week = _PER_WEEK.get(cadence)
    if per_week is None or per_week >= 1:
        return when
    weekly = max(5, round(minutes * per_week / 5) * 5)
    if one_to_one:
        return message("%(cost)s (about %(weekly)d min a week each)", cost=when, weekly=weekly)
    return message("%(cost)s (about %(weekly)d min a week)", cost=when, weekly=weekly)


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
        reasons.append(Reason(said, "situation"))
    if rec.focus_count:
        if private and rec.focus_names:
            people = emph(names(list(rec.focus_names)))  # one emphasis for the list: "*Ann, Bo and Cy*"
            reasons.append(Reason(nmessage("%(people)s focuses on it", "%(people)s focus on it",
                                           len(rec.focus_names), people=people), "focus"))
        else:
            reasons.append(Reason(nmessage("%(num)d person on the team focuses on it",
                                           "%(num)d people on the team focus on it", rec.focus_count), "focus"))
    for match in rec.goals:
        reasons.append(Reason(message("the team goal “%(goal)s” and the card both speak of %(word)s: “%(card)s”",
                                      goal=_segments(match.goal_context), word=Emph(match.word),
                                      card=_segments(match.card_context)), "goal"))
    if rec.sibling_of is not None:
        reasons.append(Reason(message(
            "it puts %(principle)s into practice, the principle behind practices the team's situations call for",
            principle=Emph(rec.sibling_of.title)), "principle"))
    reasons.append(Reason(message("it takes %(cost)s", cost=cost_text(rec.practice)), "cost"))
    return tuple(reasons)


def _segments(parts: Parts) -> Message:
    """Quoted words of a goal or a card, as written (a goal is team data; a card's words stay the source's)."""
    return Message("".join(f"%(p{i})s" for i in range(len(parts))),
                   {f"p{i}": Emph(text) if emphasised else text for i, (text, emphasised) in enumerate(parts)})
