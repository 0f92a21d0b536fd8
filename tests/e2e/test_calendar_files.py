"""The demo's calendar.ics files, read back with `icalendar` as a calendar app would: the manager's calendar
keeps the scheduler's rules (hours per ISO week, no overlaps, working hours on weekdays, no skip days, exact
cadences), the team's holds what the team takes part in and names nobody, and both pages say what they show."""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from helpers import CONTENT, readable_text
from schedule_checks import Ev, cadence_problem, calendar_problems, working_weeks

from playbook_gen.i18n.strings import gettext as _t
from playbook_gen.plan.calendar.candidates import member_slot
from playbook_gen.validate import load_content

TEAMS = load_content(CONTENT).teams
SERIES = re.compile(r"^(?P<base>.+)-\d{2}(?P<who>-[a-z0-9-]+)?@")


def _events(path: Path, language: str = "en") -> list[tuple[Ev, str, str]]:
    """(event, summary, cadence id) of each timed event; CATEGORIES holds the cadence in the edition's language."""
    from playbook_gen.models import CADENCES

    cadence_ids = {_t(language, c): c for c in CADENCES}
    icalendar = pytest.importorskip("icalendar")
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    out = []
    for event in calendar.walk("VEVENT"):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        if not isinstance(start, datetime):
            continue  # the serve week: all day, transparent, books no hours
        match = SERIES.match(str(event["UID"]))
        assert match, event["UID"]
        category = event.get("CATEGORIES").to_ical().decode() if event.get("CATEGORIES") else ""
        out.append((Ev(start, end, match.group("base") + (match.group("who") or "")), str(event["SUMMARY"]),
                    cadence_ids.get(category, category)))
    return out


@pytest.mark.parametrize("team_id", sorted(TEAMS))
def test_the_manager_calendar_file_keeps_the_rules(demo_build: Path, team_id: str):
    team = TEAMS[team_id]
    found = _events(demo_build / "site-managers" / team_id / "calendar.ics", team.language)
    assert len(found) >= 60, "a calendar that books (almost) nothing"
    assert calendar_problems(team, [ev for ev, _, _ in found]) == []
    weeks = working_weeks(team)
    series: dict[str, list[tuple[Ev, str]]] = defaultdict(list)
    for ev, _, cadence in found:
        series[ev.series].append((ev, cadence))
    for name, items in series.items():
        cadences = {cadence for _, cadence in items}
        assert len(cadences) == 1, (name, cadences)
        problem = cadence_problem(cadences.pop(), [ev.start.date() for ev, _ in items], weeks)
        assert problem is None, (name, problem)
    for member in team.members:  # one-on-ones: the slot's length, and none for `every: none`
        slot = member_slot(team, member)
        ones = [ev for ev, summary, _ in found if summary == _t(team.language, "1:1 with %(name)s") % {"name": member.name}]
        assert {ev.minutes for ev in ones} <= ({slot.minutes} if slot else set())


def test_the_dotted_line_consultant_meets_the_manager_monthly(demo_build: Path):
    found = _events(demo_build / "site-managers" / "emea-enterprise" / "calendar.ics")
    tomasz = [ev for ev, summary, _ in found if summary == "1:1 with Tomasz Nowak"]
    assert [ev.start.month for ev in tomasz] == [1, 2, 3]
    assert {(ev.start.strftime("%a %H:%M"), ev.minutes) for ev in tomasz} == {("Thu 09:30", 45)}


@pytest.mark.parametrize("team_id", sorted(TEAMS))
def test_the_team_calendar_is_the_team_part_of_the_managers_and_names_nobody(demo_build: Path, team_id: str):
    team = TEAMS[team_id]
    team_ics = (demo_build / "site" / team_id / "calendar.ics").read_text("utf-8").replace("\r\n ", "")
    manager_ics = (demo_build / "site-managers" / team_id / "calendar.ics").read_text("utf-8").replace("\r\n ", "")
    assert not [m.name for m in team.members if m.name in team_ics]
    team_uids = set(re.findall(r"^UID:(.+)$", team_ics, re.M))
    assert team_uids and team_uids < set(re.findall(r"^UID:(.+)$", manager_ics, re.M))
    page = readable_text(demo_build / "site" / team_id / "calendar" / "index.html")
    assert "Nothing scheduled" not in page and "Nothing booked" not in page
    assert not [m.name for m in team.members if m.name in page]
    weeks = re.split(r"<h3 id=\"week-", page)[1:]
    no_session = _t(team.language, "No team session this week, nor later this quarter.").split(",")[0]  # both say it
    assert weeks and all("<td>" in w or no_session in w or "No working days" in w for w in weeks)
    assert "<td>" in page  # the team's practices are on it


def test_the_manager_calendar_page_says_what_is_listed_and_left_out(demo_build: Path):
    page = readable_text(demo_build / "site-managers" / "emea-enterprise" / "calendar" / "index.html")
    assert "within 6 hours of coaching a week" in page and "never on Fri 1 January" in page
    assert "When you need them, never booked" in page and "Hands-off deal coaching" in page
    assert "Inside the one-on-ones" in page
    dach = readable_text(demo_build / "site-managers" / "dach-new-business" / "calendar" / "index.html")
    silent = _t("de", "%(practice)s with %(name)s") % {"practice": "Stille Mitfahrt", "name": "Sophie Wagner"}
    no_room = _t("de", "no room: it needs %(minutes)d minutes %(every)s").split(":")[0]
    assert _t("de", "Left out, and why") in dach and silent in dach and f"{no_room}: " in dach


def test_the_manager_edition_has_this_week_and_a_prep_page_per_week(demo_build: Path):
    edition = demo_build / "site-managers" / "emea-enterprise"
    this_week = readable_text(edition / "this-week" / "index.html")
    today = date.today()
    monday = today - timedelta(days=today.weekday())
    if monday < date(2027, 1, 4):  # built before the quarter: its first working week
        assert "This week: week 1, 4 January" in this_week and "has not started yet" in this_week
        assert this_week.count('class="pb-prep"') == 5  # four weekly one-on-ones and Tomasz's monthly one
    elif monday <= date(2027, 3, 29):
        assert f"{max(monday, date(2027, 1, 1)).day} {monday:%B}" in this_week
    else:
        assert "The quarter is over" in this_week
    week2 = readable_text(edition / "weeks" / "week-02" / "index.html")  # week 1: 4 January (1 January is off)
    priya = week2[week2.index('<section class="pb-prep" id="priya-raman-2027-01-12">'):]
    priya = priya[: priya.index("</section>")]
    # open threads oldest first, the manager's own promise marked
    assert priya.index("Multi-year renewal pricing ideas") < priya.index("take her pricing proposal")
    assert "take her pricing proposal to the deal desk — <strong>you owe this</strong>" in priya
    assert "Next step (1 of" in priya and "Ask:" in priya and "Have a say in how we price multi-year renewals" in priya
    index = readable_text(edition / "weeks" / "index.html")
    assert all(f'href="week-{n:02d}/"' in index for n in range(1, 14)) and "week-14" not in index
    css = (edition / "assets" / "playbook" / "playbook.css").read_text("utf-8")
    assert re.search(r"@media print \{[^@]*\.pb-prep \{[^}]*break-after: page", css)  # one printed page each


@pytest.mark.parametrize("team_id", sorted(TEAMS))
def test_threads_reach_the_manager_edition_only(demo_build: Path, team_id: str):
    threads = [t.text for m in TEAMS[team_id].members for t in m.threads]
    assert threads
    shared = "\n".join(readable_text(p) for p in (demo_build / "site" / team_id).rglob("*")
                       if p.is_file() and p.suffix in (".html", ".ics", ".json", ".xml", ".js"))
    assert [t for t in threads if t in shared] == [] and not (demo_build / "site" / team_id / "this-week").exists()
    manager = "\n".join(readable_text(p) for p in (demo_build / "site-managers" / team_id / "weeks").rglob("*.html"))
    assert [t for t in threads if t not in manager] == []
