"""How long `playbook import roster` takes on a big HR export: 2,000 rows (200 teams of 10) by default.

    python benchmarks/import_roster.py              # 2,000 rows, 200 teams
    python benchmarks/import_roster.py 5000 400     # rows, teams

Times, each the best of 3 runs in-process on a copy of the demo content without its teams:
the first import (200 new team files), a re-import of the same export (nothing changes, nothing
is written) and an import after 5% of the people changed title and 1% moved team (the files
spliced). The process start (`playbook` itself, ~0.5 s) is not included.
"""
from __future__ import annotations

import csv
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from playbook_gen.importer import import_roster  # noqa: E402

HEADER = ["Employee ID", "Worker", "Business Title", "Supervisory Organization", "Manager", "Hire Date", "Time Zone"]


def export(path: Path, rows: int, teams: int, changed: bool = False) -> None:
    per_team = rows // teams
    with open(path, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for t in range(teams):
            manager = f"Manager {t:04d} Lastname"
            out.writerow([f"M{t:04d}", manager, "Sales Manager", f"Sales Team {t:04d}", "Vera Okafor", "2019-01-07",
                          "Europe/Berlin"])
            for i in range(per_team - 1):
                n = t * per_team + i
                title = "Senior Account Executive" if changed and n % 20 == 0 else "Account Executive"
                team = (t + 1) % teams if changed and n % 100 == 7 else t
                boss = f"Manager {team:04d} Lastname"
                out.writerow([f"E{n:06d}", f"Person {n:06d} Example", title, f"Sales Team {team:04d}", boss,
                              f"20{15 + n % 10}-{1 + n % 12:02d}-{1 + n % 28:02d}", "Europe/Berlin"])


def best(action, runs: int = 3) -> tuple[float, object]:
    fastest, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        fastest = min(fastest, time.perf_counter() - started)
    return fastest, result


def main(rows: int = 2000, teams: int = 200) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        first, later = work / "people.csv", work / "people-later.csv"
        export(first, rows, teams)
        export(later, rows, teams, changed=True)
        content = work / "content"

        def fresh() -> None:
            shutil.rmtree(content, ignore_errors=True)
            shutil.copytree(REPO / "content", content, ignore=shutil.ignore_patterns("teams"))

        def first_import():
            fresh()
            started = time.perf_counter()
            report = import_roster(first, content=content)
            return time.perf_counter() - started, report

        times = [first_import() for _ in range(3)]
        seconds, report = min(times, key=lambda t: t[0])
        print(f"first import: {rows:,} rows, {report.counts.get('team created', 0)} new team files "
              f"in {seconds:.2f} s (best of 3)")
        seconds, report = best(lambda: import_roster(first, content=content))
        print(f"re-import, nothing changed: {seconds:.2f} s, {len(report.changes)} files written")

        def changed_import():
            fresh()
            import_roster(first, content=content)
            started = time.perf_counter()
            report = import_roster(later, content=content)
            return time.perf_counter() - started, report

        seconds, report = min((changed_import() for _ in range(3)), key=lambda t: t[0])
        counts = ", ".join(f"{n} {what}" for what, n in sorted(report.counts.items()))
        print(f"import after changes ({counts}): {len(report.changes)} files in {seconds:.2f} s (best of 3)")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
