"""Unit tests of the plan stage's ranking: what a team sees under "Start here" and "Recommendations"."""
from __future__ import annotations

from pathlib import Path

import pytest

from playbook_gen.content import Content
from playbook_gen.models import Member, Playbook, Practice, Principle, Situation, Source, Team
from playbook_gen.plan import rank_practices, start_here


def practice(pid: str, *, principle: str = "p-one", summary: str = "Do the thing.", cadence: str = "weekly",
             difficulty: str = "easy", minutes: int = 30, tags: tuple[str, ...] = ()) -> Practice:
    return Practice(id=pid, title=pid.replace("-", " ").title(), principle=principle, summary=summary,
                    minutes=minutes, cadence=cadence, people="You and one rep.", difficulty=difficulty,
                    steps=["Do it."], tags=list(tags))


def principle(pid: str) -> Principle:
    return Principle(id=pid, title=pid.title(), selling="s", management="m", why="w", tell_mode=["t"],
                     serve_mode=["s"], sources=[Source(title="An article")])


def content(practices: list[Practice], situations: list[Situation]) -> Content:
    c = Content(root=Path("."), playbook=Playbook(title="T", intro="I"))
    c.principles = {p: principle(p) for p in ("p-one", "p-two", "p-three")}
    c.practices = {p.id: p for p in practices}
    c.situations = {s.id: s for s in situations}
    return c


def team(situations=(), goals=(), members=()) -> Team:
    return Team(id="t", name="T", manager={"name": "M"}, quarter="2027-Q1", situations=list(situations),
                goals=list(goals), members=list(members))


def member(name: str, *focus: str) -> Member:
    return Member(name=name, role="AE", focus=list(focus))


PRACTICES = [
    practice("alpha", summary="Listen first."),
    practice("bravo", summary="Review the forecast."),
    practice("charlie", summary="Harvest improvement ideas monthly.", principle="p-two"),
    practice("delta", summary="Coach before the call.", principle="p-two"),
    practice("echo", summary="Shadow a call.", principle="p-three", difficulty="hard"),
    practice("foxtrot", summary="Another card.", principle="p-three", minutes=10),
]
DROUGHT = Situation(id="drought", title="Idea drought", signs=["silence"], why="w", practices=["charlie", "bravo"])


def ids(ranking) -> list[str]:
    return [r.practice.id for r in ranking]


def test_every_practice_is_ranked_once_with_consecutive_ranks():
    ranking = rank_practices(content(PRACTICES, [DROUGHT]), team(["drought"]))
    assert sorted(ids(ranking)) == sorted(p.id for p in PRACTICES)
    assert [r.rank for r in ranking] == list(range(1, len(PRACTICES) + 1))
    assert [r.score for r in ranking] == sorted((r.score for r in ranking), reverse=True)


def test_situation_order_decides_between_its_practices_and_is_the_reason():
    ranking = rank_practices(content(PRACTICES, [DROUGHT]), team(["drought"]))
    assert ids(ranking)[:2] == ["charlie", "bravo"]
    assert ranking[0].reasons[0].text == "because the team faces Idea drought (1st of 3 to try)".replace("3", "2")
    assert ("Idea drought", True) in ranking[0].reasons[0].parts  # the situation is emphasised


def test_member_focus_counts_people_without_naming_them():
    c = content(PRACTICES, [DROUGHT])
    ranking = rank_practices(c, team(["drought"], members=[member("Ann", "echo"), member("Bo", "echo", "echo"),
                                                           member("Cy", "echo"), member("Di", "echo", "alpha")]))
    assert ids(ranking)[0] == "echo"  # 4 members x 5 beats the situation's first practice (10 + 6)
    echo = ranking[0]
    assert [r.text for r in echo.reasons] == ["because 4 members focus on it"] and echo.focus_count == 4
    alpha = next(r for r in ranking if r.practice.id == "alpha")
    assert alpha.reasons[0].text == "because 1 member focuses on it"
    assert not any(name in r.text for rec in ranking for r in rec.reasons for name in ("Ann", "Bo", "Cy", "Di"))


def test_team_goal_words_match_but_common_words_do_not():
    many = PRACTICES + [practice(f"filler-{i}", summary="Call the rep first.") for i in range(12)]
    ranking = rank_practices(content(many, []), team(goals=["Bring one improvement to the process every month"]))
    top = ranking[0]
    assert top.practice.id == "charlie"
    assert top.reasons[0].kind == "goal" and "“improvement”" in top.reasons[0].text
    ranking = rank_practices(content(many, []), team(goals=["Call the rep first"]))
    assert all(r.score == 0 for r in ranking), "words most cards use are no evidence of fit"


def test_member_goals_never_feed_the_ranking():
    c = content(PRACTICES, [])
    private = Member(name="Ann", role="AE", goals=["Harvest improvement ideas"], notes="forecast")
    assert ids(rank_practices(c, team(members=[private]))) == ids(rank_practices(c, team()))


def test_sibling_practices_of_a_called_for_principle_get_a_small_lift():
    ranking = rank_practices(content(PRACTICES, [DROUGHT]), team(["drought"]))
    delta = next(r for r in ranking if r.practice.id == "delta")
    assert [r.kind for r in delta.reasons] == ["principle"] and delta.score == 1


def test_ties_break_deterministically_easier_then_shorter_then_id():
    ranking = rank_practices(content(PRACTICES, []), team())
    assert ids(ranking) == ["foxtrot", "alpha", "bravo", "charlie", "delta", "echo"]
    shuffled = content(list(reversed(PRACTICES)), [])
    assert ids(rank_practices(shuffled, team())) == ids(ranking)


@pytest.mark.parametrize("focus_people, expected", [(0, 3), (1, 3), (2, 3), (4, 4), (5, 5), (7, 5)])
def test_start_here_holds_three_to_five(focus_people, expected):
    practices = [practice(f"p{i}") for i in range(8)]
    members = [member(f"M{i}", f"p{i}", f"p{i}") for i in range(focus_people)]
    picked = start_here(rank_practices(content(practices, []), team(members=members)))
    assert len(picked) == expected
    assert [r.rank for r in picked] == sorted(r.rank for r in picked)


def test_start_here_leaves_out_weak_matches():
    sit = Situation(id="s", title="S", signs=["x"], why="w", practices=["alpha", "bravo"])
    members = [member(f"M{i}", "alpha") for i in range(4)]
    picked = start_here(rank_practices(content(PRACTICES, [sit]), team(["s"], members=members)))
    assert ids(picked)[:2] == ["alpha", "bravo"] and len(picked) == 3
