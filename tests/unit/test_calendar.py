"""Unit tests of the calendar: RFC 5545 writing rules, the schedule's rules, the content-path check."""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, strategies as st

from playbook_gen.models import Member, Practice, Team
from playbook_gen.plan.calendar.events import quarter_bounds, quarter_mondays
from playbook_gen.plan.calendar.ics import escape_text, fold, vtimezone
from playbook_gen.plan.calendar.schedule import plan_calendar
from playbook_gen.safety import content_path


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=400))
def test_fold_keeps_every_line_within_75_octets_and_unfolds_back(text):
    raw = fold("DESCRIPTION:" + text)
    assert raw.endswith(b"\r\n")
    lines = raw[:-2].split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert all(line.startswith(b" ") for line in lines[1:])
    assert b"".join([lines[0], *(line[1:] for line in lines[1:])]).decode("utf-8") == "DESCRIPTION:" + text


def test_fold_never_splits_a_multibyte_character():
    raw = fold("SUMMARY:" + "é" * 100)  # 2 octets each: an odd limit would split one
    for line in raw.split(b"\r\n"):
        line.decode("utf-8")


def test_escape_text():
    assert escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"
    assert escape_text("1:1 with Zoë") == "1:1 with Zoë"  # colons need no escaping in TEXT


def test_vtimezone_lists_the_real_transitions():
    lines = vtimezone("Europe/Berlin", date(2027, 1, 1), date(2027, 3, 31))
    text = "\n".join(lines)
    assert "DTSTART:20270328T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nTZNAME:CEST" in text
    assert "DTSTART:20271031T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nTZNAME:CET" in text
    fixed = vtimezone("Asia/Kolkata", date(2027, 1, 1), date(2027, 3, 31))
    assert "TZOFFSETTO:+0530" in fixed and "DTSTART:19700101T000000" in fixed


def _practice(pid, cadence, *, people="The whole team.", tags=(), minutes=30):
    return Practice(id=pid, title=pid, principle="p", summary="s", minutes=minutes, cadence=cadence,
                    people=people, difficulty="easy", steps=["x"], tags=list(tags))


def _team(members=3, quarter="2027-Q1"):
    return Team(id="t", name="T", manager={"name": "M"}, quarter=quarter, timezone="America/New_York",
                members=[Member(name=f"Member {i}", role="AE", notes="secret") for i in range(members)])


def test_quarter_weeks():
    assert quarter_bounds("2027-Q4") == (date(2027, 10, 1), date(2027, 12, 31))
    mondays = quarter_mondays(*quarter_bounds("2027-Q1"))
    assert mondays[0] == date(2027, 1, 4) and mondays[-1] == date(2027, 3, 29) and len(mondays) == 13


def test_schedule_follows_cadences_and_keeps_names_out_of_the_team_calendar():
    one_on_one = _practice("talk", "weekly", people="You and one rep.", tags=["one-on-one"])
    monthly = _practice("harvest", "monthly")
    plan = _practice("plan", "quarterly", tags=["planning"], minutes=120)
    serve = _practice("serve", "once")
    kwargs = dict(ranked=[one_on_one, monthly, plan, serve], start_here=[monthly, one_on_one], serve_week=serve)
    team_cal = plan_calendar(_team(), private=False, **kwargs)
    manager_cal = plan_calendar(_team(), private=True, member_pages={"member-0": "members/member-0.md"}, **kwargs)
    titles = [e.title for e in team_cal.events]
    assert titles.count("harvest") == 3 and titles.count("plan") == 1 and titles[0] == "serve"
    assert not any("Member" in t for t in titles) and all(e.member_name is None for e in team_cal.events)
    ones = [e for e in manager_cal.events if e.member_name]
    assert len(ones) == 3 * 13 and {e.title.split(": ")[0] for e in ones} == {f"1:1 with Member {i}" for i in range(3)}
    assert {e.start.weekday() for e in ones} == {0, 1, 2} and all(e.start.hour >= 9 for e in ones)
    assert {e.uid for e in team_cal.events} <= {e.uid for e in manager_cal.events}
    team_times = {e.uid: e.start for e in team_cal.events}
    assert all(team_times[e.uid] == e.start for e in manager_cal.events if e.uid in team_times)
    assert next(e for e in ones if e.member_name == "Member 0").member_page == "members/member-0.md"
    assert all(e.start.tzinfo == ZoneInfo("America/New_York") for e in ones)
    # never two events at once on a day with room
    by_day: dict = {}
    for e in manager_cal.events:
        if not e.all_day:
            for other in by_day.setdefault(e.start.date(), []):
                assert e.end <= other.start or e.start >= other.end
            by_day[e.start.date()].append(e)


def test_schedule_is_deterministic():
    p = [_practice("a", "weekly"), _practice("b", "biweekly"), _practice("c", "monthly")]
    one = plan_calendar(_team(5), ranked=p, start_here=p, serve_week=None, private=True)
    two = plan_calendar(_team(5), ranked=p, start_here=p, serve_week=None, private=True)
    assert one == two


def test_content_path_refuses_paths_leaving_the_content_folder(tmp_path: Path):
    root = tmp_path / "content"
    (root / "brand").mkdir(parents=True)
    (root / "brand" / "logo.png").write_bytes(b"png")
    (tmp_path / "outside.png").write_bytes(b"png")
    assert content_path(root, "brand/logo.png") == (root / "brand" / "logo.png").resolve()
    for bad, word in [("../outside.png", ".."), ("brand/../../outside.png", ".."), (str(tmp_path / "outside.png"), "relative"),
                      ("/etc/passwd", "relative"), ("C:\\logo.png", "relative"), ("~/logo.png", "relative"),
                      ("brand/missing.png", "not found"), ("", "relative")]:
        with pytest.raises(ValueError, match=word):
            content_path(root, bad)
    if hasattr(os, "symlink"):
        (root / "sneaky.png").symlink_to(tmp_path / "outside.png")
        (root / "linked").symlink_to(tmp_path)
        for bad in ("sneaky.png", "linked/outside.png"):
            with pytest.raises(ValueError, match="symbolic link"):
                content_path(root, bad)
