"""Two teams built by the real CLI from a small content tree: privacy, calendars, branding, the index.

The tree is built twice (the second time with one member removed and
SOURCE_DATE_EPOCH set) and everything below is asserted on those two builds.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import all_files, build_file_tree, readable_text, run_playbook

PRINCIPLE = """id: {id}
title: {title}
selling: Great sellers find out what the customer needs first.
management: Find out what the rep needs first.
why: Because reps are the manager's first customers.
tell_mode: [Tells the rep what to do]
serve_mode: [Asks the rep what would help]
sources:
  - author: Heather Baldwin
    title: "The Boss or the Customer: Who Comes First?"
    publication: Sales Management Digest
"""

PRACTICE = """id: {id}
title: "{title}"
principle: {principle}
summary: {summary}
minutes: {minutes}
cadence: {cadence}
people: {people}
difficulty: easy
steps: {steps}
questions: {questions}
tags: {tags}
"""

LONG_TITLE = "Wöchentliches Gespräch über Hindernisse — zuerst die Ziele der Person; dann, und nur dann, alles andere"

TEAM_A = """id: team-alpha
name: Alpha Squad
manager:
  name: Dana Alphamanager
quarter: 2027-Q1
timezone: Europe/Berlin
language: en
palette: {primary: teal, accent: amber}
logo: brand/alpha.svg
situations: [drought]
goals: [Bring one improvement idea from the front line every month]
members:
  - name: Zoë O'Neil-Alphason
    role: Account Executive
    tenure_months: 7
    goals: [AlphaGoal become the strategic accounts lead]
    strengths: [AlphaStrength patient discovery]
    focus: [weekly-talk, idea-harvest]
    notes: AlphaNote wants to move to Lisbon next spring.
  - name: Ada Alphadottir
    role: Sales Development Rep
    employee_id: AlphaEmp-4711
    start_date: 2026-07-15
    goals: [AlphaGoal book ten real meetings]
    focus: [weekly-talk]
    notes: AlphaNote quiet in team meetings.
  - name: Removed Alpharep
    role: Account Executive
    tenure_months: 30
    notes: AlphaNote leaving soon, keep this quiet.
"""

TEAM_B = """id: team-bravo
name: Bravo Crew
manager:
  name: Bo Bravomanager
quarter: 2027-Q2
timezone: America/Chicago
language: de
situations: [drought]
members:
  - name: Bea Bravista
    role: Account Executive
    tenure_months: 12
    goals: [BravoGoal close a six-figure deal]
    strengths: [BravoStrength negotiation]
    focus: [team-plan]
    notes: BravoNote thinking about a move to marketing.
"""

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


def content_tree(root: Path, *, drop_member: bool = False) -> Path:
    practices = {
        "serve-week": dict(title="The serve week", principle="serve-first", cadence="once", minutes=120,
                           summary="For one week, ask everyone how you can best serve them.",
                           people="You, each rep in turn, and a few customers.",
                           steps='["Block time and tell the team.", "Ask the question in every one-on-one.", '
                                 '"Write every answer down.", "Sort the answers on Friday.", "Report back on three."]',
                           questions='["How can I best serve you?", "What gets in your way?"]', tags="[service]"),
        "weekly-talk": dict(title=LONG_TITLE, principle="serve-first", cadence="weekly", minutes=30,
                            summary="Start each weekly 1:1 with their goals; end, with commas, semicolons; and a \\ backslash.",
                            people="You and one rep, same time each week.", steps='["Ask first."]',
                            questions='["What is in your way?"]', tags="[one-on-one]"),
        "idea-harvest": dict(title="Monthly idea harvest", principle="front-line", cadence="monthly", minutes=45,
                             summary="Collect improvement ideas from every rep each month and act on one.",
                             people="The whole team.", steps='["Collect ideas."]', questions="[]", tags="[ideas]"),
        "team-plan": dict(title="Quarterly team plan", principle="front-line", cadence="quarterly", minutes=120,
                          summary="Plan the quarter together.", people="The whole team.", steps='["Plan."]',
                          questions="[]", tags="[planning]"),
    }
    team_a = TEAM_A
    if drop_member:
        team_a = team_a[: team_a.index("  - name: Removed Alpharep")]
    files: dict[str, str | bytes] = {
        "content/playbook.yml": "title: Small playbook\nintro: A small playbook for tests.\n",
        "content/principles/serve-first.yml": PRINCIPLE.format(id="serve-first", title="Serve the rep first"),
        "content/principles/front-line.yml": PRINCIPLE.format(id="front-line", title="Knowledge at the front line"),
        "content/situations/drought.yml": "id: drought\ntitle: Idea drought\nsigns: [Silence]\nwhy: Nobody asks.\n"
                                          "practices: [idea-harvest, weekly-talk]\n",
        "content/teams/a.yml": team_a,
        "content/teams/b.yml": TEAM_B,
        "content/brand/alpha.svg": SVG,
    }
    for pid, fields in practices.items():
        files[f"content/practices/{pid}.yml"] = PRACTICE.format(id=pid, **fields)
    return build_file_tree(root, files)


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, Path]:
    """(first build, second build with a member removed and SOURCE_DATE_EPOCH=1800000000)."""
    first = content_tree(tmp_path_factory.mktemp("two-teams-1"))
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("SOURCE_DATE_EPOCH", raising=False)
        result = run_playbook("build", "--content", "content", "--online", cwd=first)  # served: folder URLs
    assert result.returncode == 0, result.stdout + result.stderr
    second = content_tree(tmp_path_factory.mktemp("two-teams-2"), drop_member=True)
    result = run_playbook("build", "--content", "content", "--online", cwd=second, env={"SOURCE_DATE_EPOCH": "1800000000"})
    assert result.returncode == 0, result.stdout + result.stderr
    return first, second


ALPHA_PRIVATE = ["AlphaGoal", "AlphaStrength", "AlphaNote", "Lisbon", "AlphaEmp-4711", "2026-07-15"]
ALPHA_NAMES = ["Zoë O'Neil-Alphason", "Ada Alphadottir", "Removed Alpharep", "Alphason", "Alphadottir", "Alpharep",
               "Dana Alphamanager", "Alpha Squad"]
BRAVO_PRIVATE = ["BravoGoal", "BravoStrength", "BravoNote"]


def _leaks(root: Path, needles: list[str]) -> list[tuple[str, str]]:
    found = []
    for path in all_files(root):
        text = readable_text(path) if path.suffix != ".ics" else path.read_bytes().decode("utf-8").replace("\r\n ", "")
        found += [(str(path.relative_to(root.parent)), n) for n in needles if n in text]
    return found


def test_no_private_field_in_any_shareable_file(builds):
    for work in builds:
        assert _leaks(work / "site", ALPHA_PRIVATE + BRAVO_PRIVATE + ["months in the role"]) == []
        everything = "\n".join(readable_text(p) for p in all_files(work / "site-managers"))
        assert all(n in everything for n in ["AlphaGoal", "AlphaStrength", "AlphaNote", "BravoGoal", "BravoNote"])


def test_one_team_never_contains_the_other(builds):
    for work in builds:
        for root in ("site", "site-managers"):
            assert _leaks(work / root / "team-bravo", ALPHA_NAMES + ALPHA_PRIVATE) == []
            assert _leaks(work / root / "team-alpha", ["Bravista", "Bravomanager", "Bravo Crew"] + BRAVO_PRIVATE) == []
        assert _leaks(work / "site" / "library", ALPHA_NAMES + ["Bravista", "Bravomanager"]) == []


def test_a_removed_member_disappears_everywhere(builds):
    first, second = builds
    assert _leaks(first / "site" / "team-alpha", ["Removed Alpharep"]), "the first build shows the member"
    assert _leaks(second, ["Removed Alpharep", "removed-alpharep"]) == []
    assert not (second / "site-managers" / "team-alpha" / "members" / "removed-alpharep").exists()


def test_member_coaching_plan_starts_with_the_next_one_on_one_then_goals_focus_and_agenda(builds):
    plan = readable_text(builds[0] / "site-managers" / "team-alpha" / "members" / "zoe-o-neil-alphason" / "index.html")
    for expected in ("Account Executive", "7 months in the role", "AlphaGoal become the strategic accounts lead",
                     "AlphaStrength patient discovery", "AlphaNote wants to move to Lisbon"):
        assert expected in plan
    assert "chose it together" not in plan and "months on the team" not in plan
    order = [plan.index(f'id="{h}"') for h in ("before-your-next-11", "their-goals", "focus-practices", "one-on-one-agenda")]
    assert order == sorted(order)
    before = plan[order[0]:order[1]]
    assert re.search(r"Every (Monday|Tuesday|Wednesday|Thursday|Friday) at \d\d:\d\d \(Europe/Berlin\), 30 minutes", before)
    assert "AlphaNote wants to move to Lisbon" in before
    agenda = plan[order[3]:]
    assert "AlphaGoal become" in agenda and "How can I best serve you this week?" in agenda


def test_months_in_the_role_come_from_the_start_date_at_the_quarter_start(builds):
    """Ada started on 2026-07-15: at the start of 2027-Q1 that is 5 whole months, in either build (the second is
    dated 2027-01-15 by SOURCE_DATE_EPOCH: the count does not move with the build date). Neither her start date
    nor her employee_id appears anywhere, not even in the manager edition: only the months she has."""
    for work in builds:
        plan = readable_text(work / "site-managers" / "team-alpha" / "members" / "ada-alphadottir" / "index.html")
        assert "Sales Development Rep · 5 months in the role" in plan
        assert _leaks(work / "site-managers", ["AlphaEmp-4711", "2026-07-15"]) == []


def test_branding_comes_from_team_data(builds):
    alpha = builds[0] / "site" / "team-alpha"
    assert (alpha / "assets" / "brand" / "logo.svg").read_bytes() == SVG
    home = (alpha / "index.html").read_text("utf-8")
    assert 'src="assets/brand/logo.svg"' in home and 'data-md-color-primary="teal"' in home
    assert 'data-md-color-accent="amber"' in home and "<title>Small playbook · Alpha Squad</title>" in home
    bravo = (builds[0] / "site" / "team-bravo" / "index.html").read_text("utf-8")
    assert '<html lang="de"' in bravo and "Suche" in bravo  # Material's German interface strings


def test_serve_week_is_ready_to_run_for_the_manager(builds):
    page = readable_text(builds[0] / "site" / "team-alpha" / "serve-week" / "index.html")
    assert "Dana Alphamanager" in page and "How can I best serve you?" in page
    assert "Monday 4 January" in page and "Friday 8 January" in page
    assert "Write every answer down." in page and "Sort the answers on Friday." in page
    assert "Zoë O'Neil-Alphason" in page  # names are public: whom to ask on which day


def test_index_lists_every_edition_with_its_details(builds):
    index = readable_text(builds[1] / "site" / "index.html")
    for expected in ('href="team-alpha/index.html"', "Alpha Squad", "Dana Alphamanager", "2027-Q1",
                     'href="team-bravo/index.html"', "Bravo Crew", "Bo Bravomanager", "2027-Q2",
                     '<time datetime="2027-01-15T08:00:00Z">2027-01-15 08:00 UTC</time>',
                     'href="team-alpha/calendar.ics"'):
        assert expected in index
    row = index[index.index("Alpha Squad"):index.index("</tr>", index.index("Alpha Squad"))]
    assert re.search(r"<td>2</td>", row)  # member count after the removal
    managers = readable_text(builds[1] / "site-managers" / "index.html")
    assert 'href="team-alpha/index.html"' in managers and 'href="library/' not in managers


# --- calendar.ics ---------------------------------------------------------------------------

def _ics(work: Path, root: str, team: str) -> bytes:
    return (work / root / team / "calendar.ics").read_bytes()


def _unfold(raw: bytes) -> list[str]:
    return raw.decode("utf-8").replace("\r\n ", "").split("\r\n")[:-1]


@pytest.mark.parametrize("root, team", [("site", "team-alpha"), ("site-managers", "team-alpha"),
                                        ("site", "team-bravo"), ("site-managers", "team-bravo")])
def test_calendar_is_rfc5545_on_the_bytes(builds, root, team):
    raw = _ics(builds[0], root, team)
    assert raw.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:") and raw.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"") and b"\r" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)
    for line in lines:
        line.decode("utf-8")  # no UTF-8 sequence split by a fold
    unfolded = _unfold(raw)
    blocks = re.findall(r"BEGIN:VEVENT\n(.*?)\nEND:VEVENT", "\n".join(unfolded), re.S)
    assert len(blocks) == unfolded.count("BEGIN:VEVENT") == unfolded.count("END:VEVENT") > 0
    for block in blocks:
        keys = [line.split(":")[0].split(";")[0] for line in block.split("\n")]
        for key in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert keys.count(key) == 1, (key, block)
    uids = [line for line in unfolded if line.startswith("UID:")]
    assert len(set(uids)) == len(uids)
    assert any(line.startswith(b" ") for line in lines), "long lines are folded"
    tz = {"team-alpha": "Europe/Berlin", "team-bravo": "America/Chicago"}[team]
    assert f"TZID:{tz}" in unfolded and "BEGIN:VTIMEZONE" in unfolded
    assert any(line.startswith(f"DTSTART;TZID={tz}:") for line in unfolded)


def test_calendar_escapes_text_values(builds):
    unfolded = _unfold(_ics(builds[0], "site-managers", "team-alpha"))
    description = next(line for line in unfolded if line.startswith("DESCRIPTION:") and "Start each weekly" in line)
    assert "goals\\; end\\, with commas\\, semicolons\\; and a \\\\ backslash." in description
    assert "Person\\; dann\\, und nur dann\\, alles andere" in description  # "run as" the long-titled card
    assert any(line.startswith("SUMMARY:1:1 with Zoë O'Neil-Alphason") for line in unfolded)


def test_calendar_parses_back_with_the_expected_events(builds):
    icalendar = pytest.importorskip("icalendar")
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    team = icalendar.Calendar.from_ical(_ics(builds[0], "site", "team-alpha"))
    manager = icalendar.Calendar.from_ical(_ics(builds[0], "site-managers", "team-alpha"))
    assert str(team["PRODID"]) and str(team["VERSION"]) == "2.0"

    def events(cal):
        return [(str(e["SUMMARY"]), e.decoded("DTSTART"), str(e["UID"])) for e in cal.walk("VEVENT")]

    team_events, manager_events = events(team), events(manager)
    assert ("The serve week", date(2027, 1, 4), "2027-q1-serve-week-01@team-alpha.playbook-gen") in team_events
    harvest = sorted(start for summary, start, _ in team_events if summary == "Monthly idea harvest")
    assert [d.month for d in harvest] == [1, 2, 3] and all(d.tzinfo is not None for d in harvest)
    assert harvest[0].utcoffset() == ZoneInfo("Europe/Berlin").utcoffset(datetime(2027, 1, 12))
    assert len([s for s, _, _ in team_events if s == "Quarterly team plan"]) <= 1  # a start-here card, if it fits
    assert not any("1:1" in s or "Alpha" in s for s, _, _ in team_events), "the team calendar names nobody"
    assert set(team_events) <= set(manager_events), "the manager calendar is the team calendar plus 1:1s"
    ones = [e for e in manager_events if e[0].startswith("1:1 with ")]
    zoe = sorted(start for summary, start, _ in ones if "Zoë" in summary)
    # every working week of the quarter, from Friday 1 January (no skip days here), then every Tuesday
    assert len(zoe) == 14 and zoe[0].date() == date(2027, 1, 1) and {d.weekday() for d in zoe[1:]} == {1}
    assert {s.split(":")[0] for s, _, _ in ones} == {"1"} and len({s for s, _, _ in ones}) == 3
    after_dst = [s for s in zoe if s.date() > date(2027, 3, 28)]
    assert after_dst and after_dst[0].hour == zoe[0].hour  # same wall-clock time across the DST change
    for event in manager.walk("VEVENT"):
        assert "AlphaNote" not in str(event.get("DESCRIPTION", "")) and "AlphaGoal" not in str(event.get("DESCRIPTION", ""))


def test_calendar_uids_are_stable_across_builds_and_dtstamp_is_reproducible(builds):
    first, second = builds
    for team in ("team-alpha", "team-bravo"):
        a, b = _unfold(_ics(first, "site", team)), _unfold(_ics(second, "site", team))
        assert [x for x in a if not x.startswith("DTSTAMP:")] == [x for x in b if not x.startswith("DTSTAMP:")]
        assert {x for x in b if x.startswith("DTSTAMP:")} == {"DTSTAMP:20270115T080000Z"}  # SOURCE_DATE_EPOCH
    quarter_start = {"team-alpha": "20270101", "team-bravo": "20270401"}
    for team, day in quarter_start.items():
        assert {x for x in _unfold(_ics(first, "site", team)) if x.startswith("DTSTAMP:")} == {f"DTSTAMP:{day}T000000Z"}
    uids_first = {x for x in _unfold(_ics(first, "site-managers", "team-alpha")) if x.startswith("UID:")}
    uids_second = {x for x in _unfold(_ics(second, "site-managers", "team-alpha")) if x.startswith("UID:")}
    assert uids_second < uids_first and not any("removed-alpharep" in u for u in uids_second)


def test_a_logo_outside_the_content_folder_or_an_unknown_language_is_a_content_error(tmp_path: Path):
    work = content_tree(tmp_path)
    (tmp_path / "secret.png").write_bytes(b"png")
    team = work / "content" / "teams" / "a.yml"
    text = team.read_text("utf-8")
    for logo, message in [("../secret.png", "leaves the content folder"), ("/etc/passwd", "relative to the content folder"),
                          ("brand/missing.svg", "was not found")]:
        team.write_text(text.replace("logo: brand/alpha.svg", f"logo: {logo}").replace("language: en", "language: xx"), "utf-8")
        result = run_playbook("check", "--content", "content", cwd=work)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert re.search(rf"content/teams/a\.yml:9:7: error: logo .*{message}", result.stderr), result.stderr
        assert re.search(r"content/teams/a\.yml:7:11: error: Material has no interface language 'xx'", result.stderr)
