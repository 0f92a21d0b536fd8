"""The coaching load the demo's manager calendars book: per team, hours a week (max, mean) and events.

    python benchmarks/calendar_load.py                 # plans the demo in-process (manager editions)
    python benchmarks/calendar_load.py --repo OTHER    # the same for another checkout (a "before")

Counts timed events only (the serve week is an all-day event and books no hours); a week is an
ISO week that holds at least one day of the quarter.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from datetime import datetime
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repo", type=Path, default=Path(__file__).resolve().parents[1])
    args = parser.parse_args()
    sys.path.insert(0, str(args.repo))
    from playbook_gen.plan.team import plan_team
    from playbook_gen.validate import load_content

    content = load_content(args.repo / "content")
    print(f"{'team':24} {'limit':>5} {'events':>6} {'timed':>6} {'h/week max':>10} {'h/week mean':>11} "
          f"{'busiest week':>12}")
    for team in content.teams.values():
        calendar = plan_team(content, team, "manager").calendar
        assert calendar is not None
        weeks: dict[tuple[int, int], int] = defaultdict(int)
        timed = [e for e in calendar.events if isinstance(e.start, datetime)]
        for event in timed:
            assert isinstance(event.start, datetime)
            weeks[event.start.isocalendar()[:2]] += event.minutes
        day = calendar.first_day
        while day <= calendar.last_day:  # weeks with nothing booked count as 0
            weeks.setdefault(day.isocalendar()[:2], 0)
            day = day.fromordinal(day.toordinal() + 1)
        hours = [m / 60 for m in weeks.values()]
        busiest = max(weeks, key=lambda w: weeks[w])
        limit = getattr(team.manager, "coaching_hours_per_week", None)  # None: a checkout before the field
        print(f"{team.id:24} {limit if limit is not None else '-':>5} {len(calendar.events):>6} {len(timed):>6} "
              f"{max(hours):>10.1f} "
              f"{sum(hours) / len(hours):>11.1f} {busiest[0]}-W{busiest[1]:02d}")


if __name__ == "__main__":
    main()
