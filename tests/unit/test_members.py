"""Member plans: the agenda of the next 1:1 follows the card it is run as and is each member's own."""
from __future__ import annotations

from datetime import date

import pytest

from playbook_gen.models import Member, Practice, Thread
from playbook_gen.plan.members import agenda_for, tenure_text


def card(pid: str, *, people: str = "You and one rep.", steps=("Ask first.",), questions=("What is in your way?",)) -> Practice:
    return Practice(id=pid, title=pid.replace("-", " ").title(), principle="p", summary="s", minutes=30, cadence="weekly",
                    people=people, difficulty="easy", steps=list(steps), questions=list(questions))


PIPELINE = card("rep-led-pipeline-review", steps=["The rep picks the deals.", "Ask what help they want."])
SERVE = card("serve-check-in", questions=["How can I best serve you this week?"])


def texts(items) -> list[str]:
    return [i.text for i in items]


@pytest.mark.parametrize("months, expected", [(None, None), (0, "new in the role"), (1, "1 month in the role"),
                                              (8, "8 months in the role"), (52, "52 months in the role (over 4 years)")])
def test_tenure_is_months_in_the_role(months, expected):
    assert tenure_text(months) == expected


def test_agendas_differ_by_member_goals_focus_and_notes():
    focus = card("silent-ride-along", questions=["What did you notice first?"])
    ann = Member(name="Ann", role="AE", goals=["Close a six-figure deal"], focus=["silent-ride-along"], notes="Quiet lately.")
    bo = Member(name="Bo", role="AE", goals=["Move into enterprise"], tenure_months=3)
    a, b = texts(agenda_for(ann, PIPELINE, [focus], [])), texts(agenda_for(bo, PIPELINE, [], []))
    assert a != b
    assert "Their goal Close a six-figure deal: where are you, and what is in the way?" in a
    assert "Their focus, Silent Ride Along: what happened since last time, and what do they want to try next?" in a
    assert any("Your notes" in t for t in a) and not any("Your notes" in t for t in b)
    assert any(t.startswith("3 months in the role: ask what they still need to learn") for t in b)


def test_the_agenda_never_contradicts_the_card_it_is_run_as():
    member = Member(name="Ann", role="AE", goals=["Forecast honestly"], focus=["rep-led-pipeline-review"])
    agenda = texts(agenda_for(member, PIPELINE, [PIPELINE], []))
    assert not any("pipeline has its own meeting" in t for t in agenda)
    assert not any("Rep Led Pipeline Review" in t for t in agenda), "the meeting itself is not a separate item"
    # a card that already asks how you can serve them is not asked again
    with_serve = texts(agenda_for(member, SERVE, [], []))
    assert not any("How can I best serve you" in t for t in with_serve)
    assert any("How can I best serve you" in t for t in agenda)


def test_the_managers_promises_come_first_then_the_other_open_threads():
    threads = [Thread(text="Lead routing unanswered", since=date(2026, 10, 14)),
               Thread(text="Promised: intro to the partner team", since=date(2026, 11, 20), mine=True)]
    agenda = texts(agenda_for(Member(name="Ann", role="AE"), None, [], threads))
    assert agenda[:2] == ["Report back on what you owe: Promised: intro to the partner team (open since 2026-11-20).",
                          "Ask where it stands: Lead routing unanswered (open since 2026-10-14)."]
