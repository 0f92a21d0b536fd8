"""Benchmark: what one team's editions cost as the team grows.

    python benchmarks/team_size.py [--members 20 200 2000] [--jobs N] [--keep DIR]

For each size, the bundled content pack with its teams replaced by one
synthetic team of that many members (fixed seed), built with
`playbook build --team big --force` in a fresh process. Reports, per size: wall
time, peak memory (the largest process of the build, from
`getrusage(RUSAGE_CHILDREN)` of a fresh child per run), the largest HTML page
of the manager edition, a member page's size and the pages of the manager
edition. The targets (issue 14): 2,000 members in at most 12× the time of 200,
no page over 150 KB, a member page's size independent of the team's size.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from editions import FIRST, LAST, ROLES  # noqa: E402  (the same made-up people as the 30-team benchmark)

TEAM_ID = "big"


def team_data(members: int, practices: list[str], situations: list[str], seed: int = 14) -> dict:
    """One synthetic team of `members` people, each with goals, strengths, focus and notes."""
    rng = random.Random(seed)
    people = [{
        "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {j}",
        "role": rng.choice(ROLES),
        "tenure_months": rng.randint(1, 80),
        "goals": [f"Grow the pipeline in segment {rng.randint(1, 9)} without the manager on every call"],
        "strengths": ["Research before calls"],
        "focus": rng.sample(practices, 2),
        "notes": f"Synthetic member {j}.",
    } for j in range(members)]
    return {
        "id": TEAM_ID, "name": "Big Sales", "manager": {"name": "Dana Whitfield"}, "quarter": "2027-Q1",
        "timezone": "Europe/London", "situations": situations[:3],
        "goals": ["Expansion revenue in the top 20 accounts"], "members": people,
    }


def make_content(target: Path, members: int) -> Path:
    """The bundled content pack with its teams replaced by one team of `members` people."""
    from playbook_gen.paths import bundled_content
    content = target / "content"
    shutil.copytree(bundled_content(), content)
    shutil.rmtree(content / "teams")
    (content / "teams").mkdir()
    ids = {kind: sorted(yaml.safe_load(p.read_text("utf-8"))["id"] for p in (content / kind).glob("*.yml"))
           for kind in ("practices", "situations")}
    data = team_data(members, ids["practices"], ids["situations"])
    (content / "teams" / f"{TEAM_ID}.yml").write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    return content


# A fresh child per run, so RUSAGE_CHILDREN's ru_maxrss is this build's largest process only.
RUNNER = r"""
import json, resource, subprocess, sys, time
started = time.perf_counter()
result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": result.returncode, "wall": wall, "maxrss_kb": usage.ru_maxrss,
                  "cpu": usage.ru_utime + usage.ru_stime, "stderr": result.stderr[-4000:]}))
"""


def run_build(content: Path, work: Path, jobs: int | None) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("SOURCE_DATE_EPOCH", "1790000000")
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    env["PLAYBOOK_CACHE_DIR"] = str(work / "cache")
    command = [sys.executable, "-m", "playbook_gen", "build", "--quiet", "--content", str(content),
               "--out", str(work / "site"), "--team", TEAM_ID, "--force", "--no-pdf", "--online"]  # served layout: page/index.html
    if jobs:
        command += ["--jobs", str(jobs)]
    result = subprocess.run([sys.executable, "-c", RUNNER, *command], env=env, cwd=work,
                            capture_output=True, text=True)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    if report["rc"] != 0:
        sys.exit(f"build of {content} failed (exit {report['rc']}):\n{report['stderr']}")
    return report


def measure(members: int, work: Path, jobs: int | None) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    content = make_content(work, members)
    report = run_build(content, work, jobs)
    edition = work / "site-managers" / TEAM_ID
    pages = sorted(edition.rglob("*.html"), key=lambda p: p.stat().st_size)
    member_pages = sorted((edition / "members").glob("*/index.html"))
    return {
        "members": members,
        "wall": report["wall"],
        "cpu": report["cpu"],
        "peak_mb": report["maxrss_kb"] / 1024,
        "pages": len(pages),
        "largest": pages[-1].stat().st_size,
        "largest_page": pages[-1].parent.relative_to(edition).as_posix() or ".",
        "member_page": member_pages[0].stat().st_size if member_pages else 0,
        "edition_mb": sum(p.stat().st_size for p in edition.rglob("*") if p.is_file()) / 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, nargs="+", default=[20, 200, 2000])
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: the number of CPUs)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()

    load = os.getloadavg()[0]
    work = args.keep or Path(tempfile.mkdtemp(prefix="playbook-team-size-"))
    rows = []
    try:
        for members in args.members:
            started = time.perf_counter()
            rows.append(measure(members, work / f"m{members}", args.jobs))
            print(f"  {members} members: {time.perf_counter() - started:.1f}s", file=sys.stderr)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)

    print(f"\nOne team's editions (team + manager), {os.cpu_count()} CPUs, jobs={args.jobs or os.cpu_count()}, "
          f"load average before {load:.1f}, after {os.getloadavg()[0]:.1f}")
    print(f"{'members':>8} {'wall s':>8} {'CPU s':>8} {'peak MB':>8} {'pages':>6} {'largest KB':>11} "
          f"{'member KB':>10} {'edition MB':>11}  largest page")
    print("-" * 100)
    for r in rows:
        print(f"{r['members']:>8} {r['wall']:>8.1f} {r['cpu']:>8.1f} {r['peak_mb']:>8.0f} {r['pages']:>6} "
              f"{r['largest'] / 1024:>11.1f} {r['member_page'] / 1024:>10.1f} {r['edition_mb']:>11.1f}  "
              f"{r['largest_page']}")
    by_size = {r["members"]: r for r in rows}
    if 200 in by_size and 2000 in by_size:
        ratio = by_size[2000]["wall"] / by_size[200]["wall"]
        print(f"\n2,000 vs 200 members: ×{ratio:.1f} wall time (target ≤ ×12)")
    largest = max(r["largest"] for r in rows)
    print(f"largest HTML page: {largest / 1024:.1f} KB (target ≤ 150 KB)")


if __name__ == "__main__":
    main()
