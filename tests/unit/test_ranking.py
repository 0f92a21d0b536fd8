"""Unit tests of the plan stage's ranking: what a team sees under "Start here" and "Recommendations", and why."""
from __future__ import annotations

from pathlib import Path

import pytest

from playbook_gen.content import Content
from playbook_gen.models import Detect, Member, Metric, Playbook, Practice, Principle, Situation, Source, Team
from playbook_gen.plan import rank_practices, start_here
from playbook_gen.plan.reasons import cost_text


def practice(pid: str, *, principle: str = "p-one", summary: str = "Do the thing.", cadence: str = "weekly",
             difficulty: str = "easy", minutes: int = 30, tags: tuple[str, ...] = (), people: str = "The whole team.",
             title: str | None = None) -> Practice:
    return Practice(id=pid, title=title or pid.replace("-", " ").title(), principle=principle, summary=summary,
                    minutes=minutes, cadence=cadence, people=people, difficulty=difficulty,
                    steps=["Do it."], tags=list(tags))


def principle(pid: str) -> Principle:
    return Principle(id=pid, title=pid.title(), selling="s", management="m", why="w", tell_mode=["t"],
                     serve_mode=["s"], sources=[Source(title="An article")])


def content(practices: list[Practice], situations: list[Situation]) -> Content:
    c = Content(root=Path("."), playbook=Playbook(title="T", intro="I", metrics={
        "rep_ideas": Metric(label="Ideas from reps", unit="ideas", bad="low", public=True),
        "leavers": Metric(label="Regretted leavers", unit="people", bad="high")}))
    c.principles = {p: principle(p) for p in ("p-one", "p-two", "p-three")}
    c.practices = {p.id: p for p in practices}
    c.situations = {s.id: s for s in situations}
    return c


def team(situations=(), goals=(), members=(), **metrics) -> Team:
    return Team(id="t", name="T", manager={"name": "M"}, quarter="2027-Q1", situations=list(situations),
                goals=list(goals), members=list(members), metrics=metrics)


def member(name: str, *focus: str) -> Member:
    return Member(name=name, role="AE", focus=list(focus))


PRACTICES = [
    practice("alpha", summary="Listen first."),
    practice("bravo", summary="Review the forecast."),
    practice("charlie", summary="Harvest improvement ideas monthly.", principle="p-two", cadence="monthly", minutes=45),
    practice("delta", summary="Coach before the call.", principle="p-two"),
    practice("echo", summary="Shadow a call.", principle="p-three", difficulty="hard"),
    practice("foxtrot", summary="Another card.", principle="p-three", minutes=10),
]
DROUGHT = Situation(id="drought", title="Idea drought", signs=["silence"], why="w", practices=["charlie", "bravo"],
                    detect=[Detect(metric="rep_ideas", at_most=2, says="{value} ideas from reps last quarter")])
LEAVING = Situation(id="leaving", title="Good reps are leaving", signs=["x"], why="w", practices=["echo", "alpha"],
                    detect=[Detect(metric="leavers", at_least=2, says="{value} regretted leavers")])


def ids(ranking) -> list[str]:
    return [r.practice.id for r in ranking]


def texts(rec) -> list[str]:
    return [r.text for r in rec.reasons]


def test_every_practice_is_ranked_once_with_consecutive_ranks():
    ranking = rank_practices(content(PRACTICES, [DROUGHT]), team(["drought"]))
    assert sorted(ids(ranking)) == sorted(p.id for p in PRACTICES)
    assert [r.rank for r in ranking] == list(range(1, len(PRACTICES) + 1))
    assert [r.score for r in ranking] == sorted((r.score for r in ranking), reverse=True)


def test_a_situations_first_answer_outranks_a_later_one_two_people_focus_on():
    members = [member("Ann", "bravo"), member("Bo", "bravo")]
    ranking = rank_practices(content(PRACTICES, [DROUGHT]), team(["drought"], members=members))
    assert ids(ranking)[:2] == ["charlie", "bravo"]


def test_situation_order_decides_between_its_practices_and_is_the_reason():
    ranking = rank_practices(content(PRACTICES, [DROUGHT]), team(["drought"]))
    assert ids(ranking)[:2] == ["charlie", "bravo"]
    assert texts(ranking[0])[0] == "it answers Idea drought (1st of 2 to try)"
    assert ("Idea drought", True) in ranking[0].reasons[0].parts  # the situation is emphasised


def test_a_situation_read_from_the_numbers_ranks_its_practices_with_the_evidence():
    c = content(PRACTICES, [DROUGHT])
    ranking = rank_practices(c, team(rep_ideas=1))
    assert ids(ranking)[:2] == ["charlie", "bravo"]
    assert texts(ranking[0])[0] == ("it answers Idea drought (1st of 2 to try), read from the team's numbers: "
                                    "1 ideas from reps last quarter")
    named = rank_practices(c, team(["drought"], rep_ideas=1))
    assert texts(named[0])[0].endswith("; the team's numbers agree: 1 ideas from reps last quarter")
    assert ids(rank_practices(c, team(rep_ideas=3)))[0] != "charlie", "above the threshold: no situation"


def test_private_numbers_reach_the_manager_edition_only():
    c = content(PRACTICES, [LEAVING])
    manager = rank_practices(c, team(leavers=3), private=True)
    shared = rank_practices(c, team(leavers=3), private=False)
    assert ids(manager)[0] == "echo" and "3 regretted leavers" in texts(manager[0])[0]
    assert not any("regretted" in t for rec in shared for t in texts(rec))
    assert not any(rec.situations for rec in shared)


def test_focus_names_people_in_the_manager_edition_and_counts_them_in_the_team_edition():
    c = content(PRACTICES, [DROUGHT])
    members = [member("Ann", "echo"), member("Bo", "echo", "echo"), member("Cy", "echo"), member("Di", "echo", "alpha")]
    manager = rank_practices(c, team(["drought"], members=members), private=True)
    shared = rank_practices(c, team(["drought"], members=members), private=False)
    assert ids(manager) == ids(shared)
    echo = next(r for r in manager if r.practice.id == "echo")
    assert "Ann, Bo, Cy and Di focus on it" in texts(echo) and echo.focus_count == 4
    alpha = next(r for r in manager if r.practice.id == "alpha")
    assert "Di focuses on it" in texts(alpha)
    echo = next(r for r in shared if r.practice.id == "echo")
    assert "4 people on the team focus on it" in texts(echo) and echo.focus_names == ()
    alpha = next(r for r in shared if r.practice.id == "alpha")
    assert "1 person on the team focuses on it" in texts(alpha)
    assert not any(name in t for rec in shared for t in texts(rec) for name in ("Ann", "Bo", "Cy", "Di"))


def test_goal_reason_shows_the_shared_word_in_context_on_both_sides():
    many = PRACTICES + [practice(f"filler-{i}", summary="Call the customer first.") for i in range(12)]
    ranking = rank_practices(content(many, []), team(goals=["Bring one rep-sourced improvement to the process every month"]))
    top = ranking[0]
    assert top.practice.id == "charlie"
    goal = next(r for r in top.reasons if r.kind == "goal")
    assert goal.text == ("the team goal “Bring one rep-sourced improvement to the process every…” and the card both speak "
                         "of improvement: “Harvest improvement ideas monthly.”")
    assert ("improvement", True) in goal.parts
    # short words, and words many cards use, are no evidence of fit
    for words in ("Call the rep first", "More calls", "Delight every customer"):
        assert all(r.kind != "goal" for rec in rank_practices(content(many, []), team(goals=[words]))
                   for r in rec.reasons), words


def test_no_reason_reads_like_a_keyword_match_or_invents_a_conversation():
    c = content(PRACTICES, [DROUGHT])
    members = [member("Ann", "charlie")]
    for private in (True, False):
        for rec in rank_practices(c, team(["drought"], goals=["Harvest more improvement ideas"], members=members),
                                  private=private):
            for text in texts(rec):
                assert " mentions " not in text and "chose it together" not in text, text


def test_member_goals_never_feed_the_ranking():
    c = content(PRACTICES, [])
    private = Member(name="Ann", role="AE", goals=["Harvest improvement ideas"], notes="forecast")
    assert ids(rank_practices(c, team(members=[private]))) == ids(rank_practices(c, team()))


def test_sibling_practices_of_a_called_for_principle_get_a_small_lift():
    ranking = rank_practices(content(PRACTICES, [DROUGHT]), team(["drought"]))
    delta = next(r for r in ranking if r.practice.id == "delta")
    assert [r.kind for r in delta.reasons] == ["principle", "cost"] and delta.score == 1


def test_ties_break_deterministically_easier_then_shorter_then_id():
    ranking = rank_practices(content(PRACTICES, []), team())
    assert ids(ranking) == ["foxtrot", "alpha", "bravo", "delta", "charlie", "echo"]
    shuffled = content(list(reversed(PRACTICES)), [])
    assert ids(rank_practices(shuffled, team())) == ids(ranking)


@pytest.mark.parametrize("card, expected", [
    (practice("w", cadence="weekly", minutes=30), "30 min a week"),
    (practice("b", cadence="biweekly", minutes=30), "30 min every other week (about 15 min a week)"),
    (practice("m", cadence="monthly", minutes=45), "45 min a month (about 10 min a week)"),
    (practice("q", cadence="quarterly", minutes=90), "90 min once a quarter (about 5 min a week)"),
    (practice("o", cadence="once", minutes=60), "60 min once"),
    (practice("n", cadence="as-needed", minutes=20), "20 min each time it is needed"),
    (practice("r", cadence="monthly", minutes=45, people="You and one rep."),
     "45 min a month with each person (about 10 min a week each)"),
    (practice("s", cadence="as-needed", minutes=40, people="You and one rep."), "40 min with each person, each time it is needed"),
])
def test_cost_per_week_is_minutes_times_cadence(card, expected):
    assert cost_text(card) == expected


def test_every_recommendation_says_what_it_costs():
    for rec in rank_practices(content(PRACTICES, [DROUGHT]), team(["drought"])):
        assert rec.reasons[-1].kind == "cost" and rec.reasons[-1].text.startswith(f"it takes {rec.practice.minutes} min")


@pytest.mark.parametrize("focus_people", [0, 1, 2, 4, 7])
def test_start_here_holds_at_most_three_from_the_team_data(focus_people):
    practices = [practice(f"p{i}") for i in range(8)]
    members = [member(f"M{i}", f"p{i}", f"p{i}") for i in range(focus_people)]
    c = content(practices, [])
    picked = start_here(c, team(members=members))
    assert len(picked) == min(3, focus_people)
    assert all(r.from_team_data for r in picked)
    assert [r.rank for r in picked] == sorted(r.rank for r in picked)


def test_start_here_answers_different_situations_first():
    cards = [practice("a1"), practice("a2"), practice("a3"), practice("b1", difficulty="hard")]
    a = Situation(id="a", title="A", signs=["x"], why="w", practices=["a1", "a2", "a3"])
    b = Situation(id="b", title="B", signs=["x"], why="w", practices=["b1"])
    members = [member(name, "a2", "a3") for name in ("Ann", "Bo", "Cy", "Di")] + [member("Ed", "a3")]
    c = content(cards, [a, b])
    ranking = rank_practices(c, team(["a", "b"], members=members))
    assert ids(ranking) == ["a2", "a3", "a1", "b1"]  # all three best answer A
    # the first answer to B comes in before the third-best answer to A
    assert ids(start_here(c, team(["a", "b"], members=members))) == ["a2", "a3", "b1"]


def test_start_here_is_the_ranking_the_caller_already_has():
    c = content(PRACTICES, [DROUGHT])
    ranking = rank_practices(c, team(["drought"]), private=False)
    assert start_here(c, team(["drought"]), private=False, ranking=ranking) == start_here(c, team(["drought"]), private=False)


def test_a_german_teams_goals_meet_the_cards_in_german():
    """Goals are written in the team's language: they are matched against the cards as its edition shows
    them, with German stopwords and stemming, and the reason quotes German on both sides."""
    from playbook_gen.i18n.catalog import Catalogue
    from playbook_gen.i18n.translate import translation

    many = PRACTICES + [practice(f"filler-{i}", summary="Call the customer first.") for i in range(12)]
    c = content(many, [])
    c.catalogues["de"] = Catalogue("de", Path("de.po"), {
        ("practice:charlie:summary", "Harvest improvement ideas monthly."): ("Jeden Monat Verbesserungsideen sammeln.", False)})
    german = team(goals=["Aus jedem Gespräch eine Verbesserungsidee mitnehmen"]).model_copy(update={"language": "de"})
    top = rank_practices(c, german)[0]
    assert top.practice.id == "charlie"
    goal = next(r for r in top.reasons if r.kind == "goal")
    assert ("Verbesserungsidee", True) in goal.parts
    assert "„Jeden Monat Verbesserungsideen sammeln.“" in str(translation(c, "de").value(goal.sentence))
    # the same goal in an English team's edition meets no English card
    assert all(r.kind != "goal" for rec in rank_practices(c, team(goals=german.goals)) for r in rec.reasons)
