"""Build time of the demo content with each engine: `python benchmarks/engines.py [--runs N] [--content DIR]`.

Runs `playbook build --force --engine E` as a user would (fresh output folder
per run, real CLI in a child process) and prints one row per engine: median and
best wall time for all editions, and per edition. Engines that are not
installed are listed as such.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from playbook_gen.engines import ENGINES, get  # noqa: E402  (the registry, from this checkout)


def one_build(engine: str, content: Path) -> tuple[float, int]:
    with tempfile.TemporaryDirectory(prefix=f"bench-{engine}-") as work:
        env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "playbook_gen", "build", "--force", "--content", str(content),
                                 "--engine", engine], cwd=work, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if result.returncode != 0:
            raise SystemExit(f"{engine}: build failed\n{result.stderr}")
        editions = sum(len(json.loads((Path(work) / root / ".playbook-manifest.json").read_text())["editions"])
                       for root in ("site", "site-managers"))
        return seconds, editions


def version(engine: str) -> str:
    from importlib.metadata import version as dist_version
    return dist_version(get(engine).packages[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--content", type=Path, default=REPO / "content")
    args = parser.parse_args()
    print(f"demo content: {args.content}  runs per engine: {args.runs}  cpus: {os.cpu_count()}")
    print(f"{'engine':<22} {'editions':>8} {'median s':>9} {'best s':>8} {'s/edition':>10}")
    for engine in ENGINES:
        if importlib.util.find_spec(get(engine).module) is None:
            print(f"{engine:<22} not installed (pip install '.[{get(engine).extra}]')")
            continue
        one_build(engine, args.content)  # warm-up: imports and file caches
        runs = [one_build(engine, args.content) for _ in range(args.runs)]
        times, editions = [t for t, _ in runs], runs[0][1]
        median = statistics.median(times)
        print(f"{engine + ' ' + version(engine):<22} {editions:>8} {median:>9.2f} {min(times):>8.2f} "
              f"{median / editions:>10.2f}")


if __name__ == "__main__":
    main()
