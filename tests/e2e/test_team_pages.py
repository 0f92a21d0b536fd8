"""Team and manager editions read as made for their team: start here, recommendations, serve week, calendar."""
from __future__ import annotations

import re
from pathlib import Path

import yaml
from helpers import CONTENT, readable_text

from playbook_gen.i18n.strings import gettext as _t, ngettext as _n

OTHER_PRACTICES = ('The other %(num)d practice is in the %(grid)s, where these are marked and "%(filter)s" narrows '
                   'the grid to them.', 'The other %(num)d practices are in the %(grid)s, where these are marked and '
                   '"%(filter)s" narrows the grid to them.')  # templates/pages/recommendations.md.j2


def _teams() -> list[dict]:
    return [yaml.safe_load(p.read_text("utf-8")) for p in sorted((CONTENT / "teams").glob("*.yml"))]


def _section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    end = html.find("<h2", start)
    return html[start:end if end > 0 else None]


def _metrics() -> dict[str, dict]:
    return yaml.safe_load((CONTENT / "playbook.yml").read_text("utf-8"))["metrics"]


def _situations() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text("utf-8")) for p in (CONTENT / "situations").glob("*.yml")}


def _content_de() -> dict[tuple[str, str], str]:
    """(msgctxt, msgid) -> msgstr of the demo's German catalogue."""
    from babel.messages.pofile import read_po

    with (CONTENT / "translations" / "de.po").open("rb") as f:
        return {(m.context, m.id): m.string for m in read_po(f) if m.id and m.string}


def _in(team: dict, context: str, text: str) -> str:
    """A content text as the team's edition shows it: the source, or its German translation."""
    return _content_de()[(context, text)] if team.get("language") == "de" else text


def _evidence(team: dict) -> list[tuple[str, str, bool]]:
    """(situation id, evidence line, public?) for every detect rule the team's numbers meet, in its language."""
    from playbook_gen.i18n.formats import quantity_text
    metrics, found = _metrics(), []
    for sid, situation in sorted(_situations().items()):
        for rule in situation.get("detect", []):
            value = team.get("metrics", {}).get(rule["metric"])
            if value is None:
                continue
            met = value >= rule["at_least"] if "at_least" in rule else value <= rule["at_most"]
            if met:
                line = _in(team, f"situation:{sid}:detect.says", rule["says"])
                number = quantity_text(value, team.get("language", "en"))
                found.append((sid, line.replace("{value}", number), metrics[rule["metric"]]["public"]))
    return found


# what a reason says, in each demo team's language (the German from playbook_gen/locale/de.po)
REASON_WORDS = {
    "en": {"answers": "it answers <em>", "costs": r"it takes \d+ min", "named": r"<em>[^<]+</em> focus(es)? on it",
           "counted": r"\d+ (person on the team focuses|people on the team focus) on it"},
    "de": {"answers": "sie passt zur Situation <em>", "costs": r"sie braucht \d+ Min",
           "named": r"<em>[^<]+</em> (hat hier den|haben hier ihren) Schwerpunkt",
           "counted": r"\d+ (Person im Team hat hier den|Personen im Team haben hier ihren) Schwerpunkt"},
}


def test_team_home_starts_with_at_most_three_practices_and_reasons_a_person_would_give(demo_build: Path):
    for team in _teams():
        names = [m["name"] for m in team["members"]]
        words = REASON_WORDS[team.get("language", "en")]
        for root in ("site", "site-managers"):
            home = readable_text(demo_build / root / team["id"] / "index.html")
            start = _section(home, "start-here")
            picked = re.findall(r'href="practices/([a-z0-9-]+)/"', start)
            assert 1 <= len(picked) <= 3, (root, team["id"], picked)
            assert start.count(words["answers"]) >= len(picked), "each answers a situation, named"
            assert len(re.findall(words["costs"], start)) == len(picked), "each says what it costs"
            assert "mentions" not in start and "chose it together" not in start and "because" not in start
            if root == "site-managers":  # who focuses on it: by name, for the manager
                assert re.search(words["named"], start) and any(n in start for n in names)
            else:  # a count for the team
                assert re.search(words["counted"], start)
                assert not any(n in start for n in names)
            assert 'href="recommendations/"' in home


def test_evidence_lines_in_the_manager_edition_and_only_public_ones_in_the_team_edition(demo_build: Path):
    private_seen = 0
    for team in _teams():
        titles = {sid: _in(team, f"situation:{sid}:title", s["title"]) for sid, s in _situations().items()}
        language = team.get("language", "en")
        evidence = _evidence(team)
        assert evidence, f"the demo team {team['id']} has numbers that tell a story"
        manager = _section(readable_text(demo_build / "site-managers" / team["id"] / "index.html"), "situations-we-face")
        shared = _section(readable_text(demo_build / "site" / team["id"] / "index.html"), "situations-we-face")
        for sid, line, public in evidence:
            assert line in manager and titles[sid] in manager, (team["id"], line)
            if public:
                assert line in shared, (team["id"], line)
            else:
                private_seen += 1
                # nowhere in the shareable edition: not on a page, not in the search index
                for path in (demo_build / "site" / team["id"]).rglob("*"):
                    if path.suffix in (".html", ".json", ".ics", ".xml", ".js"):
                        assert line not in readable_text(path), (path, line)
            if sid not in team["situations"]:  # added from the numbers, and says so
                read = re.escape(_t(language, "read from our numbers"))
                assert re.search(re.escape(titles[sid]) + r"</a>\s*— " + read, manager), (team["id"], sid)
        for name in team.get("metrics", {}):  # "Our numbers": every one for the manager, public ones for the team
            label = _in(team, f"playbook:playbook:metrics.{name}.label", _metrics()[name]["label"])
            assert label in manager
            assert (label in shared) == _metrics()[name]["public"], (team["id"], name)
    assert private_seen, "the demo shows at least one private number kept out of the team edition"


def test_recommendations_page_shows_the_top_ten_with_reasons_and_links_the_rest(demo_build: Path):
    practice_ids = sorted(p.stem for p in (CONTENT / "practices").glob("*.yml"))
    for team in _teams():
        names = [m["name"] for m in team["members"]]
        for root in ("site", "site-managers"):
            page = readable_text(demo_build / root / team["id"] / "recommendations" / "index.html")
            ranked = re.findall(r'<li>\s*<p><a href="\.\./practices/([a-z0-9-]+)/"', page)
            assert 10 <= len(ranked) <= 12 and set(ranked) <= set(practice_ids), ranked
            language, rest = team.get("language", "en"), len(practice_ids) - len(ranked)
            assert page.count(f"— <strong>{_t(language, 'Start here')}</strong>") <= 3
            other = _n(language, *OTHER_PRACTICES, rest) % {"num": rest, "grid": "\0", "filter": "\0"}
            assert other.split("\0")[0] in page  # "The other 39 practices are in the", in the edition's language
            assert 'href="../practices/"' in page
            for situation in team["situations"] if team.get("language", "en") == "en" else ():
                title = yaml.safe_load((CONTENT / "situations" / f"{situation}.yml").read_text("utf-8"))["title"]
                assert f"it answers <em>{title}</em>" in page
            assert (any(n in page for n in names)) == (root == "site-managers"), root


def test_card_grid_marks_the_teams_cards_and_filters_them(demo_build: Path):
    for team in _teams():
        for root in ("site", "site-managers"):
            edition = demo_build / root / team["id"]
            grid = readable_text(edition / "practices" / "index.html")
            cards = {re.search(r'id="card-([a-z0-9-]+)"', div).group(1): re.search(r'data-for="([^"]*)"', div).group(1).split()
                     for div in re.findall(r'<div class="card pb-card"[^>]*>', grid)}
            start = {pid for pid, marks in cards.items() if "start-here" in marks}
            home = _section(readable_text(edition / "index.html"), "start-here")
            assert start == set(re.findall(r'href="practices/([a-z0-9-]+)/"', home))
            recommended = [pid for pid, marks in cards.items() if "recommended" in marks]
            assert len(recommended) == len(re.findall(r'<li>\s*<p><a href="\.\./practices/',
                                                      readable_text(edition / "recommendations" / "index.html")))
            lang = team.get("language", "en")  # the generator's words in the edition's language (locale/<lang>.po)
            assert f'<option value="recommended">{_t(lang, "Recommended for us")}' in grid
            assert grid.count(f'class="pb-mark pb-mark--start-here">{_t(lang, "Start here")}</strong>') == len(start)
    library = readable_text(demo_build / "site" / "library" / "practices" / "index.html")
    assert "data-for=" not in library and "Recommended for us" not in library


def test_every_team_edition_has_its_week_and_calendar(demo_build: Path):
    for team in _teams():
        for root in ("site", "site-managers"):
            edition = demo_build / root / team["id"]
            ics = (edition / "calendar.ics").read_bytes()
            assert ics.startswith(b"BEGIN:VCALENDAR\r\n") and f"TZID:{team.get('timezone', 'UTC')}".encode() in ics
            page = readable_text(edition / "calendar" / "index.html")
            assert 'href="../calendar.ics"' in page and team.get("timezone", "UTC") in page
            week = readable_text(edition / "serve-week" / "index.html")
            assert _t(team.get("language", "en"), "How can I best serve you?") in week and team["manager"]["name"] in week
            home = readable_text(edition / "index.html")
            assert 'href="serve-week/"' in home and 'href="calendar/"' in home
        names = [m["name"] for m in team["members"]]
        team_ics = (demo_build / "site" / team["id"] / "calendar.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
        manager_ics = (demo_build / "site-managers" / team["id"] / "calendar.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
        assert not any(name in team_ics for name in names)
        one_on_one = _t(team.get("language", "en"), "1:1 with %(name)s")
        assert all(f"SUMMARY:{one_on_one % {'name': name}}" in manager_ics for name in names)


def test_member_plans_start_with_the_next_one_on_one_threads_oldest_first(demo_build: Path):
    from playbook_gen.models import slugify
    agendas = set()
    for team in _teams():
        lang = team.get("language", "en")  # the DACH team's plans are German
        owe = _t(lang, "You owe this:")
        tenure = "|".join([re.escape(_n(lang, "%(num)d month in the role", "%(num)d months in the role", n))
                           .replace(re.escape("%(num)d"), r"\d+") for n in (1, 2)] + [re.escape(_t(lang, "new in the role"))])
        for member in team["members"]:
            slug = member.get("id") or slugify(member["name"])
            plan = readable_text(demo_build / "site-managers" / team["id"] / "members" / slug / "index.html")
            assert not (demo_build / "site" / team["id"] / "members").exists()
            sections = [plan.index(f'id="{h}"') for h in ("before-your-next-11", "their-goals", "focus-practices",
                                                          "one-on-one-agenda")]
            assert sections == sorted(sections)
            before = plan[sections[0]:sections[1]]
            threads = sorted(member.get("threads", []), key=lambda t: (str(t["since"]), t["text"]))
            shown = [before.index(t["text"]) for t in threads]
            assert shown == sorted(shown), (member["name"], "threads oldest first")
            for thread in threads:  # the manager's own promises are marked
                line = before[before.rindex("<li>", 0, before.index(thread["text"])):before.index(thread["text"])]
                assert (owe in line) == bool(thread.get("mine")), (member["name"], thread["text"])
            if member.get("notes"):
                assert member["notes"] in before
            every = (member.get("one_on_one") or {}).get("every")
            if every in ("biweekly", "monthly"):  # not "Every Thursday" for a monthly one-on-one
                sentence = {"biweekly": "Every other %(weekday)s at %(time)s (%(timezone)s), %(num)d minutes",
                            "monthly": "Once a month on a %(weekday)s at %(time)s (%(timezone)s), %(num)d minutes"}[every]
                assert _n(lang, sentence.replace("minutes", "minute"), sentence, 2).split("%(weekday)s")[0] in before, \
                    (member["name"], every)
            if member.get("tenure_months") is not None or member.get("start_date"):
                assert re.search(f"· ({tenure})", plan), (member["name"], tenure)
            assert "months on the team" not in plan and "chose it together" not in plan
            agenda = plan[sections[3]:]
            agendas.add(re.sub(r"<[^>]+>", "", agenda))
            for text in (t["text"] for t in member.get("threads", [])):
                for root in ("site",):
                    assert text not in readable_text(demo_build / root / team["id"] / "index.html")
    members = sum(len(t["members"]) for t in _teams())
    assert len(agendas) == members, "every member's agenda is their own"
