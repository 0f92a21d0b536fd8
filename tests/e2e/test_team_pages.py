"""Team and manager editions read as made for their team: start here, recommendations, serve week, calendar."""
from __future__ import annotations

import re
from pathlib import Path

import yaml
from helpers import CONTENT, readable_text


def _teams() -> list[dict]:
    return [yaml.safe_load(p.read_text("utf-8")) for p in sorted((CONTENT / "teams").glob("*.yml"))]


def _section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    end = html.find("<h2", start)
    return html[start:end if end > 0 else None]


def test_team_home_starts_with_three_to_five_practices_and_their_reasons(demo_build: Path):
    for team in _teams():
        for root in ("site", "site-managers"):
            home = readable_text(demo_build / root / team["id"] / "index.html")
            start = _section(home, "start-here")
            picked = re.findall(r'href="practices/([a-z0-9-]+)/"', start)
            assert 3 <= len(picked) <= 5, (root, team["id"], picked)
            assert "because" in start
            assert 'href="recommendations/"' in home


def test_recommendations_rank_every_practice_with_reasons(demo_build: Path):
    practice_ids = sorted(p.stem for p in (CONTENT / "practices").glob("*.yml"))
    for team in _teams():
        page = readable_text(demo_build / "site" / team["id"] / "recommendations" / "index.html")
        ranked = re.findall(r'<li>\s*<p><a href="\.\./practices/([a-z0-9-]+)/"', page)
        assert sorted(ranked) == practice_ids
        for situation in team["situations"]:
            title = yaml.safe_load((CONTENT / "situations" / f"{situation}.yml").read_text("utf-8"))["title"]
            assert f"because the team faces <em>{title}</em>" in page
        assert re.search(r"because \d+ members? focus(es)? on it", page)
        for member in team["members"]:  # aggregates only: nobody's focus is attributed to them
            assert member["name"] not in page


def test_every_team_edition_has_its_week_and_calendar(demo_build: Path):
    for team in _teams():
        for root in ("site", "site-managers"):
            edition = demo_build / root / team["id"]
            ics = (edition / "calendar.ics").read_bytes()
            assert ics.startswith(b"BEGIN:VCALENDAR\r\n") and f"TZID:{team.get('timezone', 'UTC')}".encode() in ics
            page = readable_text(edition / "calendar" / "index.html")
            assert 'href="../calendar.ics"' in page and team.get("timezone", "UTC") in page
            week = readable_text(edition / "serve-week" / "index.html")
            assert "How can I best serve you?" in week and team["manager"]["name"] in week
            home = readable_text(edition / "index.html")
            assert 'href="serve-week/"' in home and 'href="calendar/"' in home
        names = [m["name"] for m in team["members"]]
        team_ics = (demo_build / "site" / team["id"] / "calendar.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
        manager_ics = (demo_build / "site-managers" / team["id"] / "calendar.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
        assert not any(name in team_ics for name in names)
        assert all(f"SUMMARY:1:1 with {name}" in manager_ics for name in names)
