"""Who a practice card is run with, read from its `people` line: the scheduler books it accordingly.

- `one-to-one`: the manager and one rep ("You and one rep", "You and each rep"): booked with a member;
- `in-one-on-one`: a one-to-one practice that is a way to run the one-on-one itself, or is done as
  part of it ("at the end of a one-on-one", a weekly card tagged `one-on-one`): never booked on its
  own, it happens inside the member's one-on-ones;
- `manager`: the manager's own work ("You alone", "You; ...", a circle of peer managers): one event;
- `team`: everything else (the team, two reps, the whole team): one event the team takes part in.
"""
from __future__ import annotations

from typing import Literal

from ...models import Practice

Kind = Literal["one-to-one", "in-one-on-one", "manager", "team"]

_ONE_TO_ONE = ("you and one rep", "you and each rep", "you and the new rep", "you and a rep", "you and any rep",
               "you and the rep")
_MANAGER = ("three to five sales managers",)


def kind_of(practice: Practice) -> Kind:
    people = practice.people.strip().lower()
    if people.startswith(_ONE_TO_ONE):
        inside = ("one-on-one" in people or "as part of" in people
                  or ("one-on-one" in practice.tags and practice.cadence == "weekly"))
        return "in-one-on-one" if inside else "one-to-one"
    if people.startswith(_MANAGER) or (people.startswith("you") and not people.startswith(("you and", "your "))):
        return "manager"
    return "team"


def team_takes_part(practice: Practice) -> bool:
    """Shown on the team edition's calendar: a practice the team (not only the manager) attends."""
    return kind_of(practice) == "team"
