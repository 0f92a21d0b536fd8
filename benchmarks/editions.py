"""Benchmark: regenerate every edition of a synthetic organisation.

    python benchmarks/editions.py --teams 30 [--jobs N] [--uncached]

Generates N teams of 4–8 members on top of the bundled content pack (fixed
seed), then measures on this machine, each as a whole-process wall time:

1. naive    — the same editions rendered first (not timed), then one
              `mkdocs build --strict` process per edition, one after another
              (the shell loop L&D teams run today);
2. cold     — `playbook build` into an empty output folder;
3. no-op    — the same build again, nothing changed;
4. one-team — after changing one team file (must rebuild only its 2 editions);

plus the generator's own share (load → validate → plan → render → hash) of
the cold build, and the output size with and without hard links.
Our builds start with an empty deck-PDF cache (PLAYBOOK_CACHE_DIR in the work
folder), as on a new machine. `--uncached` adds a cold build with the per-worker sharing turned off
(PLAYBOOK_NO_CACHE=1) to show what it buys. Last line: ratio_vs_naive=X.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

FIRST = ["Alex", "Sam", "Priya", "Jonas", "Mei", "Carlos", "Aisha", "Tom", "Ines", "Kofi", "Lena", "Ravi",
         "Sofia", "Mateo", "Hana", "Oskar", "Nadia", "Liam", "Yara", "Ben"]
LAST = ["Moreno", "Okafor", "Schmidt", "Tanaka", "Dubois", "Silva", "Kowalski", "Nguyen", "Haddad", "Berg",
        "Ivanova", "Murphy", "Rossi", "Khan", "Lindqvist", "Costa"]
ROLES = ["Account Executive", "Sales Development Representative", "Solutions Consultant",
         "Customer Success Manager", "Enterprise Account Executive"]
REGIONS = ["North", "South", "East", "West", "Central", "Nordics", "Iberia", "Benelux", "APAC", "LATAM"]


def make_org(target: Path, teams: int, seed: int = 6) -> Path:
    """The bundled content pack with its teams replaced by `teams` synthetic ones."""
    from playbook_gen.paths import bundled_content
    content = target / "content"
    shutil.copytree(bundled_content(), content)
    shutil.rmtree(content / "teams")
    (content / "teams").mkdir()
    situations = sorted(yaml.safe_load(p.read_text("utf-8"))["id"] for p in (content / "situations").glob("*.yml"))
    practices = sorted(yaml.safe_load(p.read_text("utf-8"))["id"] for p in (content / "practices").glob("*.yml"))
    rng = random.Random(seed)
    for i in range(teams):
        members = []
        for j in range(rng.randint(4, 8)):
            members.append({
                "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}-{j}",
                "role": rng.choice(ROLES),
                "tenure_months": rng.randint(1, 80),
                "goals": [f"Grow the pipeline in segment {rng.randint(1, 9)} without the manager on every call"],
                "strengths": ["Research before calls"],
                "focus": rng.sample(practices, 2),
                "notes": f"Synthetic member {j} of team {i}.",
            })
        team = {
            "id": f"team-{i:04d}",
            "name": f"{rng.choice(REGIONS)} Sales {i}",
            "manager": {"name": f"{rng.choice(FIRST)} {rng.choice(LAST)}"},
            "quarter": "2027-Q1",
            "situations": rng.sample(situations, min(3, len(situations))),
            "goals": [f"Expansion revenue in the top {rng.randint(10, 40)} accounts"],
            "members": members,
        }
        (content / "teams" / f"team-{i:04d}.yml").write_text(yaml.safe_dump(team, sort_keys=False), "utf-8")
    return content


def env(**extra: str) -> dict:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(REPO) + os.pathsep + e.get("PYTHONPATH", "")
    e.setdefault("SOURCE_DATE_EPOCH", "1790000000")
    e.setdefault("NO_MKDOCS_2_WARNING", "1")
    e.update(extra)
    return e


RUNNER = r"""
import json, sys, time
from pathlib import Path
from playbook_gen.api import BuildOptions, build
args = json.loads(sys.argv[1])
report = build(BuildOptions(content=Path(args["content"]), out=Path(args["out"]), jobs=args["jobs"]))
print(json.dumps({"built": report.built, "skipped": report.skipped, "timings": report.timings,
                  "generator_cpu": report.generator_cpu,
                  "size": report.size_bytes, "size_without_links": report.size_bytes_without_links}))
"""


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


CPU: dict[str, float] = {}
LOAD = [0.0]


def ours(content: Path, out: Path, jobs: int | None, **extra: str) -> tuple[float, dict]:
    """One `playbook build` as a whole process (the library API behind the CLI, to read its report)."""
    cpu = cpu_of_children()
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", RUNNER, json.dumps({"content": str(content), "out": str(out), "jobs": jobs})],
                            env=env(**extra), capture_output=True, text=True, cwd=out.parent)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"build failed:\n{result.stderr}")
    report = json.loads(result.stdout.strip().splitlines()[-1])
    report["cpu"] = cpu_of_children() - cpu
    return wall, report


def naive(content: Path, work: Path) -> tuple[float, int, int]:
    """Render every edition (not timed), then one `mkdocs build` process per edition, sequentially."""
    from playbook_gen.plan import plan_all
    from playbook_gen.render import environment, render_edition
    from playbook_gen.validate import load_content
    loaded = load_content(content)
    renv = environment()
    configs = []
    for edition in plan_all(loaded):
        src = work / "naive-src" / edition.kind / edition.id
        url = None
        configs.append((render_edition(edition, src, site_url=url, env=renv), work / "naive-site" / edition.kind / edition.id))
    cpu = cpu_of_children()
    started = time.perf_counter()
    for config, site in configs:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config), "-d", str(site)],
                       env=env(), check=True, cwd=work)
    wall = time.perf_counter() - started
    CPU["naive"] = cpu_of_children() - cpu
    size = sum(p.stat().st_size for p in (work / "naive-site").rglob("*") if p.is_file())
    return wall, len(configs), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teams", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: the number of CPUs)")
    parser.add_argument("--uncached", action="store_true", help="also time a cold build without per-worker sharing")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()

    LOAD[0] = os.getloadavg()[0]
    work = args.keep or Path(tempfile.mkdtemp(prefix="playbook-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        os.chdir(work)
        # the deck PDF cache starts empty, so "cold" lays the deck out as a first build on a new machine does
        os.environ["PLAYBOOK_CACHE_DIR"] = str(work / "cache")
        content = make_org(work, args.teams)
        out = work / "out" / "site"
        out.parent.mkdir()
        rows = []

        base, editions, naive_size = naive(content, work)
        rows.append(("naive: one mkdocs build per edition", base, CPU["naive"], f"{editions} editions, {naive_size / 1e6:.1f} MB"))

        if args.uncached:
            unc_out = work / "uncached" / "site"
            unc_out.parent.mkdir()
            unc, unc_report = ours(content, unc_out, args.jobs, PLAYBOOK_NO_CACHE="1")
            rows.append(("cold build, no sharing across editions", unc, unc_report["cpu"], f"×{base / unc:.2f} vs naive"))

        cold, report = ours(content, out, args.jobs)
        gen = sum(report["timings"].get(k, 0.0) for k in ("load", "plan", "render"))
        rows.append(("cold build (playbook build)", cold, report["cpu"], f"×{base / cold:.2f} vs naive; {len(report['built'])} built"))
        noop, again = ours(content, out, args.jobs)
        rows.append(("no-op rebuild", noop, again["cpu"], f"{len(again['built'])} built, {len(again['skipped'])} skipped"))

        team_file = sorted((content / "teams").glob("*.yml"))[len(list((content / "teams").glob("*.yml"))) // 2]
        team = yaml.safe_load(team_file.read_text("utf-8"))
        team["goals"].append("Changed for the one-team rebuild")
        team_file.write_text(yaml.safe_dump(team, sort_keys=False), "utf-8")
        one, changed = ours(content, out, args.jobs)
        expected = {f"team/{team['id']}", f"manager/{team['id']}"}
        ok = "OK" if set(changed["built"]) == expected else f"WRONG: {changed['built']}"
        rows.append(("one team file changed", one, changed["cpu"], f"built {', '.join(sorted(changed['built']))} ({ok})"))

        print(f"\n{args.teams} teams, {editions} editions, {os.cpu_count()} CPUs, jobs={args.jobs or os.cpu_count()}")
        print(f"load average before: {LOAD[0]:.1f}, after: {os.getloadavg()[0]:.1f} (wall times on a busy machine stretch)")
        print(f"{'measurement':<42} {'wall s':>8} {'CPU s':>8}  notes")
        print("-" * 110)
        for name, seconds, cpu, note in rows:
            print(f"{name:<42} {seconds:>8.2f} {cpu:>8.2f}  {note}")
        print(f"{'generator own stages (load→render)':<42} {gen:>8.2f} {'':>8}  {100 * gen / cold:.1f}% of the cold build "
              f"(load {report['timings'].get('load', 0):.2f}, plan+hash {report['timings'].get('plan', 0):.2f}, "
              f"render {report['timings'].get('render', 0):.2f})")
        print(f"{'generator own stages, CPU':<42} {'':>8} {report['generator_cpu']:>8.2f}  "
              f"{100 * report['generator_cpu'] / report['cpu']:.1f}% of the cold build's CPU time")
        print(f"CPU ratio naive / cold build: {CPU['naive'] / report['cpu']:.2f} (work avoided, whatever the load)")
        print(f"{'output size':<42} {'':>8} {'':>8}  {report['size'] / 1e6:.1f} MB with hard links, "
              f"{report['size_without_links'] / 1e6:.1f} MB without")
        print(f"ratio_vs_naive={base / cold:.2f}")
    finally:
        if not args.keep:
            os.chdir("/")
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
