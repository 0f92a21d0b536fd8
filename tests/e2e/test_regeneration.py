"""Regenerating many editions: incremental, atomic, locked, reproducible, shardable, hard-linked.

Every build here is a real `playbook build` process on a one- or two-team copy
of the demo content (kept small: each edition is a full Material site).
"""
from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from helpers import CONTENT, REPO, run_playbook

EPOCH = {"SOURCE_DATE_EPOCH": "1790000000", "NO_MKDOCS_2_WARNING": "1"}
TEAM_FILES = sorted((CONTENT / "teams").glob("*.yml"))
WORK_PREFIXES = (".playbook-tmp-", ".playbook-old-", ".playbook-trash-")


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root (both output folders), by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def outputs(work: Path) -> dict[str, bytes]:
    found = {}
    for name in ("site", "site-managers"):
        found.update({f"{name}/{k}": v for k, v in tree(work / name).items()})
    return found


def team_id(path: Path) -> str:
    return yaml.safe_load(path.read_text("utf-8"))["id"]


def make_content(target: Path, teams: list[Path]) -> Path:
    content = target / "content"
    shutil.copytree(CONTENT, content, ignore=shutil.ignore_patterns("teams"))
    (content / "teams").mkdir()
    for team in teams:
        shutil.copy(team, content / "teams" / team.name)
    playbook = content / "playbook.yml"  # one library edition: these tests count editions, not languages
    playbook.write_text(re.sub(r"^languages:.*\n", "", playbook.read_text("utf-8"), flags=re.M), "utf-8")
    return content


def build(work: Path, *args: str, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    return run_playbook("build", "--content", str(work / "content"), *args, cwd=work, env={**EPOCH, **(env or {})}, **kw)


def lines_with(result: subprocess.CompletedProcess, word: str) -> set[str]:
    return {line.split()[-1] for line in result.stdout.splitlines() if line.startswith("[") and f"] {word}" in line}


@pytest.fixture(scope="module")
def one_team(tmp_path_factory) -> Path:
    """One team's content built once (3 editions) with SOURCE_DATE_EPOCH, caches on, 2 workers."""
    work = tmp_path_factory.mktemp("one-team")
    make_content(work, TEAM_FILES[:1])
    result = build(work, "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert lines_with(result, "built") == {"library/library", f"team/{team_id(TEAM_FILES[0])}",
                                           f"manager/{team_id(TEAM_FILES[0])}"}
    assert "done: 3 built, 0 skipped, 0 failed" in result.stdout
    return work


def test_reproducible_and_caches_change_nothing(one_team: Path, tmp_path: Path):
    """Same input, another folder, one worker and no cross-edition sharing: byte-identical output."""
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copytree(one_team / "content", work / "content")
    result = build(work, "--jobs", "1", env={"PLAYBOOK_NO_CACHE": "1"})
    assert result.returncode == 0, result.stderr
    first, second = outputs(one_team), outputs(work)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    machine = [str(one_team), str(work), str(REPO), str(Path.home()), "/tmp/"]
    leaks = [(name, m) for name, data in first.items() for m in machine if m.encode() in data]
    assert leaks == []


def test_identical_files_are_hard_linked_and_editions_stay_whole(one_team: Path):
    site, managers = one_team / "site", one_team / "site-managers"
    tid = team_id(TEAM_FILES[0])
    shared = [p.relative_to(site / "library") for p in (site / "library" / "assets").rglob("*") if p.is_file()]
    assert shared
    linked = [rel for rel in shared if (site / tid / rel).stat().st_ino == (site / "library" / rel).stat().st_ino]
    assert len(linked) == len(shared), "theme assets should be one copy per output folder"
    for edition in (site / "library", site / tid, managers / tid):
        assert not [p for p in edition.rglob("*") if p.is_symlink()]
        assert (edition / "index.html").is_file() and (edition / "search" / "search_index.json").is_file()
    # the private root never shares a file (inode) with the shareable one
    inodes = {p.stat().st_ino for p in site.rglob("*") if p.is_file()}
    assert not [p for p in managers.rglob("*") if p.is_file() and p.stat().st_ino in inodes]


def test_incremental_rebuilds_only_what_changed_and_ends_where_a_cold_build_does(one_team: Path, tmp_path: Path):
    work = tmp_path / "inc"
    shutil.copytree(one_team, work, symlinks=True)
    first, second = TEAM_FILES[0], TEAM_FILES[1]
    a, b = team_id(first), team_id(second)

    shutil.copy(second, work / "content" / "teams" / second.name)  # a new team: only its editions
    added = build(work)
    assert added.returncode == 0, added.stderr
    assert lines_with(added, "built") == {f"team/{b}", f"manager/{b}"}
    assert lines_with(added, "skipped") == {"library/library", f"team/{a}", f"manager/{a}"}
    assert f'href="{b}/index.html"' in (work / "site" / "index.html").read_text("utf-8")

    team_file = work / "content" / "teams" / first.name  # a changed team file: only that team's two
    original = team_file.read_bytes()
    team_file.write_bytes(original.replace(b"\ngoals:\n", b"\ngoals:\n  - A goal added for this test\n", 1))
    changed = build(work)
    assert changed.returncode == 0, changed.stderr
    assert lines_with(changed, "built") == {f"team/{a}", f"manager/{a}"}
    assert "A goal added for this test" in (work / "site" / a / "index.html").read_text("utf-8")

    noop = build(work)
    assert noop.returncode == 0 and lines_with(noop, "built") == set()
    assert "0 built, 5 skipped" in noop.stdout

    team_file.write_bytes(original)  # back to the start, and team b deleted: its editions go
    (work / "content" / "teams" / second.name).unlink()
    back = build(work)
    assert back.returncode == 0, back.stderr
    assert lines_with(back, "built") == {f"team/{a}", f"manager/{a}"}
    assert f"removed team/{b}" in back.stdout and f"removed manager/{b}" in back.stdout
    assert outputs(work) == outputs(one_team), "incremental builds must end exactly where a cold build does"

    forced = build(work, "--force")
    assert forced.returncode == 0 and "3 built, 0 skipped" in forced.stdout


def test_shards_partition_the_editions_and_merge_into_the_unsharded_build(one_team: Path, tmp_path: Path):
    merged = tmp_path / "merged"
    merged.mkdir()
    seen: list[str] = []
    for k in (1, 2):
        work = tmp_path / f"shard{k}"
        work.mkdir()
        shutil.copytree(one_team / "content", work / "content")
        result = build(work, "--shard", f"{k}/2")
        assert result.returncode == 0, result.stderr
        seen += lines_with(result, "built")
        assert (work / "site" / f".playbook-manifest-shard-{k}-of-2.json").is_file()
        shutil.copytree(work / "site", merged / "site", dirs_exist_ok=True)
        shutil.copytree(work / "site-managers", merged / "site-managers", dirs_exist_ok=True)
    assert sorted(seen) == sorted(set(seen)) and len(seen) == 3  # each edition in exactly one shard
    index = run_playbook("index", "--out", "site", cwd=merged, env=EPOCH)
    assert index.returncode == 0, index.stderr
    assert outputs(merged) == outputs(one_team)


def test_select_shard_is_an_exact_deterministic_partition():
    from playbook_gen.api import parse_shard, select_shard
    from playbook_gen.errors import UsageError
    from playbook_gen.plan import Edition

    editions = [Edition("library", "library", "Library")]
    editions += [Edition(kind, f"team-{i:03d}", f"T{i}") for i in range(23) for kind in ("team", "manager")]
    for n in (1, 2, 3, 7, 50):
        parts = [select_shard(editions, (k, n)) for k in range(1, n + 1)]
        keys = [e.key for part in parts for e in part]
        assert sorted(keys) == sorted(e.key for e in editions)  # every edition once
        assert max(map(len, parts)) - min(map(len, parts)) <= 1  # balanced
        assert [e.key for e in select_shard(list(reversed(editions)), (1, n))] == \
            [e.key for e in reversed(parts[0])]  # the same whatever the input order
    for bad in ("0/2", "3/2", "x", "1/0", "1/2/3"):
        with pytest.raises(UsageError):
            parse_shard(bad)


def _popen_build(work: Path, *args: str) -> subprocess.Popen:
    env = dict(os.environ, **EPOCH)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.Popen([sys.executable, "-m", "playbook_gen", "build", "--content", str(work / "content"), *args],
                            cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def _wait_for_staging(work: Path, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if any(p.name.startswith(".playbook-tmp-") for root in ("site", "site-managers")
               if (work / root).is_dir() for p in (work / root).iterdir()):
            return
        time.sleep(0.02)
    pytest.fail("the build never started an edition")


def _published_editions_are_whole(work: Path, reference: dict[str, bytes], note: str) -> None:
    """Each edition path holds the complete edition, or — killed between two renames — its complete
    old copy waits beside it for the next run to restore."""
    for root in ("site", "site-managers"):
        editions = {name.split("/")[1] for name in reference if name.startswith(root + "/") and name.count("/") > 1}
        for edition in editions:
            folder = work / root / edition
            if not folder.exists():
                folder = work / root / f".playbook-old-{edition}"
                assert folder.is_dir(), f"{note}: {root}/{edition} is gone"
            expected = {k: v for k, v in reference.items() if k.startswith(f"{root}/{edition}/")}
            found = {f"{root}/{edition}/{k}": v for k, v in tree(folder).items()}
            assert found == expected, f"{note}: {root}/{edition} is not a complete edition"


def test_sigkill_at_random_points_and_a_concurrent_build(one_team: Path, tmp_path: Path):
    work = tmp_path / "kill"
    shutil.copytree(one_team, work, symlinks=True)
    reference = outputs(one_team)
    seed = int(os.environ.get("PLAYBOOK_KILL_SEED", time.time()))
    rng = random.Random(seed)

    first = _popen_build(work, "--force", "--jobs", "2")
    _wait_for_staging(work, first)
    second = run_playbook("build", "--content", str(work / "content"), cwd=work, env=EPOCH)
    assert second.returncode == 1, second.stdout + second.stderr
    assert "another playbook build" in second.stderr and "Traceback" not in second.stderr
    assert first.wait(timeout=300) == 0, first.stderr
    assert outputs(work) == reference

    interrupted = _popen_build(work, "--force", "--jobs", "2")  # Ctrl-C reaches the whole process group
    _wait_for_staging(work, interrupted)
    time.sleep(0.5)
    os.killpg(interrupted.pid, signal.SIGINT)
    _out, err = interrupted.communicate(timeout=120)
    assert interrupted.returncode == 130 and "interrupted" in err and "Traceback" not in err, err
    assert outputs(work) == reference
    assert not [p.name for root in ("site", "site-managers") for p in (work / root).iterdir()
                if p.name.startswith(WORK_PREFIXES)]

    for attempt in range(3):
        process = _popen_build(work, "--force", "--jobs", "2")
        _wait_for_staging(work, process)
        delay = rng.uniform(0, 4.0)
        time.sleep(delay)
        workers = _children(process.pid)
        process.send_signal(signal.SIGKILL)  # the build only: its workers must not outlive it
        process.wait()
        deadline = time.monotonic() + 10
        while _alive(workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(workers), "build workers outlived the killed build"
        _published_editions_are_whole(work, reference, f"seed {seed}, attempt {attempt}, killed after {delay:.2f}s")

    repaired = build(work)  # the next run repairs and is not blocked by the killed build's workers
    assert repaired.returncode == 0, repaired.stderr
    assert outputs(work) == reference
    for root in ("site", "site-managers"):
        assert not [p.name for p in (work / root).iterdir() if p.name.startswith(WORK_PREFIXES)]


def test_a_failed_build_keeps_the_published_editions(one_team: Path, tmp_path: Path):
    work = tmp_path / "fail"
    shutil.copytree(one_team, work, symlinks=True)
    (work / "templates" / "pages").mkdir(parents=True)
    (work / "templates" / "pages" / "situations-index.md.j2").write_text("# Situations\n\n[missing](nowhere.md)\n")
    result = build(work)
    assert result.returncode == 1
    assert "nowhere.md" in result.stderr and "Traceback" not in result.stderr
    assert outputs(work) == outputs(one_team)


def test_a_half_swap_is_repaired_at_the_start_of_the_next_run(one_team: Path, tmp_path: Path):
    work = tmp_path / "half"
    shutil.copytree(one_team, work, symlinks=True)
    tid = team_id(TEAM_FILES[0])
    os.rename(work / "site" / tid, work / "site" / f".playbook-old-{tid}")  # killed between the two renames
    (work / "site" / ".playbook-tmp-x-1-2" / "site").mkdir(parents=True)  # an unfinished staging folder
    (work / "site-managers" / ".playbook-trash-y").mkdir()  # a half-deleted folder
    result = build(work)
    assert result.returncode == 0, result.stderr
    assert "0 built, 3 skipped" in result.stdout
    assert outputs(work) == outputs(one_team)
