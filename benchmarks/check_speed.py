"""How long `playbook check` takes: the demo pack, and a synthetic pack N times bigger.

    python benchmarks/check_speed.py            # demo + 2,000 practices / 200 teams
    python benchmarks/check_speed.py 5000 500   # practices, teams

Target: the demo pack validates in well under a second in-process, so `playbook check`
is cheap enough to run on every commit (the pre-commit hook) and on every save.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from playbook_gen.validate import load_content  # noqa: E402


def _time(root: Path, runs: int = 3) -> tuple[float, object]:
    best, content = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        content = load_content(root)
        best = min(best, time.perf_counter() - started)
    return best, content


def main(practices: int = 2000, teams: int = 200) -> None:
    demo = REPO / "content"
    seconds, content = _time(demo)
    files = sum(1 for _ in demo.rglob("*.yml"))
    print(f"demo pack: {files} files in {seconds * 1000:.0f} ms (best of 3)")
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "content"
        shutil.copytree(demo, big)
        practice = next(iter(sorted((big / "practices").glob("*.yml"))))
        team = next(iter(sorted((big / "teams").glob("*.yml"))))
        practice_text, team_text = practice.read_text("utf-8"), team.read_text("utf-8")
        practice_id = practice_text.split("\nid: ", 1)[1].split("\n", 1)[0]
        team_id = team_text.split("\nid: ", 1)[1].split("\n", 1)[0]
        for i in range(practices):
            (big / "practices" / f"gen-{i}.yml").write_text(practice_text.replace(f"id: {practice_id}", f"id: gen-{i}"))
        for i in range(teams):
            (big / "teams" / f"gen-{i}.yml").write_text(team_text.replace(f"id: {team_id}", f"id: gen-team-{i}"))
        files = sum(1 for _ in big.rglob("*.yml"))
        seconds, _ = _time(big, runs=1)
        print(f"synthetic pack: {files} files in {seconds:.2f} s ({seconds / files * 1000:.2f} ms per file)")


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:3]))
