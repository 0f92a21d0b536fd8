"""Nothing lost, nothing leaked, whatever the options (issue 14), on real processes and real file systems.

- only folders the generator published are ever replaced or deleted;
- output roots that overlap each other, the content or a home/project folder are refused;
- the swap is atomic at every instant (a poller never sees an edition missing; a kill at the
  exchange, injected with strace, leaves the old or the new edition);
- SIGTERM/SIGHUP stop a build like Ctrl-C; disk full, read-only output and immutable folders are
  one line naming the real path, exit 1, nothing published changed.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import skip_or_fail
from helpers import CONTENT, REPO, run_playbook

TEAM = "emea-enterprise"


def require(condition: bool, reason: str) -> None:
    if not condition:
        skip_or_fail(reason)


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A project folder with the demo content and one team's editions built into site/."""
    work = tmp_path_factory.mktemp("safety")
    shutil.copytree(CONTENT, work / "content")
    built = run_playbook("build", "--team", TEAM, "--jobs", "1", "--no-pdf", cwd=work)
    assert built.returncode == 0, built.stderr
    return work


def _copy(project: Path, tmp_path: Path) -> Path:
    work = tmp_path / "p"
    shutil.copytree(project, work, symlinks=True)
    return work


def _leftovers(*roots: Path) -> list[str]:
    return [p.name for root in roots if root.is_dir() for p in root.iterdir()
            if p.name.startswith((".playbook-tmp-", ".playbook-old-", ".playbook-trash-"))]


def _assert_complete(edition: Path, key: str) -> None:
    assert (edition / "index.html").is_file(), f"{edition} is not a complete edition"
    assert json.loads((edition / ".playbook-edition").read_text("utf-8"))["edition"] == key


# --- only replace what it published -----------------------------------------------------------------

def test_every_published_edition_carries_its_marker(project: Path):
    _assert_complete(project / "site" / TEAM, f"team/{TEAM}")
    _assert_complete(project / "site-managers" / TEAM, f"manager/{TEAM}")


def test_a_foreign_folder_in_the_way_survives_and_is_named(tmp_path: Path):
    work = tmp_path
    shutil.copytree(CONTENT, work / "content")
    (work / "www" / TEAM).mkdir(parents=True)
    (work / "www" / TEAM / "notes.txt").write_text("mine\n")
    result = run_playbook("build", "--out", "www", "--team", TEAM, "--no-pdf", cwd=work)
    assert result.returncode == 1
    assert f"www/{TEAM}: error:" in result.stderr and "nothing was deleted" in result.stderr
    assert "Traceback" not in result.stderr
    assert (work / "www" / TEAM / "notes.txt").read_text() == "mine\n"
    assert sorted(p.name for p in (work / "www" / TEAM).iterdir()) == ["notes.txt"]
    assert not _leftovers(work / "www", work / "www-managers")


def test_a_foreign_folder_among_other_sites_is_left_alone_by_a_full_build(project: Path, tmp_path: Path):
    """A web root with other sites in it: they stay, byte for byte; a foreign folder named like an
    edition no longer wanted is not deleted either."""
    work = _copy(project, tmp_path)
    other = work / "site" / "intranet-news"
    other.mkdir()
    (other / "index.html").write_text("<p>news</p>")
    before = _tree(other)
    result = run_playbook("build", "--team", TEAM, "--no-pdf", cwd=work)
    assert result.returncode == 0, result.stderr
    assert _tree(other) == before


def test_an_edition_published_before_markers_is_still_ours(project: Path, tmp_path: Path):
    """Listed in the root's manifest, no marker: replaced at the next build, and marked from then on."""
    work = _copy(project, tmp_path)
    (work / "site" / TEAM / ".playbook-edition").unlink()
    result = run_playbook("build", "--team", TEAM, "--force", "--no-pdf", cwd=work)
    assert result.returncode == 0, result.stderr
    _assert_complete(work / "site" / TEAM, f"team/{TEAM}")


def test_a_team_named_like_the_content_folder_cannot_replace_it(tmp_path: Path):
    work = tmp_path / "proj"
    shutil.copytree(CONTENT, work / "content")
    team_file = work / "content" / "teams" / f"{TEAM}.yml"
    team_file.write_text(team_file.read_text("utf-8").replace(f"id: {TEAM}", "id: content"), "utf-8")
    before = _tree(work / "content")
    result = run_playbook("build", "--team", "content", "--out", ".", "--managers-out", "../m", cwd=work)
    assert result.returncode == 2, result.stdout + result.stderr
    assert _tree(work / "content") == before


# --- roots that cannot overlap --------------------------------------------------------------------

@pytest.mark.parametrize("args, says", [
    (["--out", "o1", "--managers-out", "o1"], "is the same folder as --out"),
    (["--out", "o1", "--managers-out", "o1/private"], "is inside --out"),
    (["--out", "o1/shared", "--managers-out", "o1"], "contains --out"),
    (["--out", "content"], "content folder"),
    (["--out", "content/site"], "content folder"),
    (["--out", "."], "holds content/"),
    (["--out", "/"], "root of the file system"),
    (["--out", "/", "--managers-out", "m"], "root of the file system"),
    (["--out", "site", "--managers-out", "/"], "root of the file system"),
    (["--out", "~"], "home folder"),
])
def test_overlapping_output_roots_are_refused_before_any_work(tmp_path: Path, args: list[str], says: str):
    work = tmp_path / "proj"
    shutil.copytree(CONTENT, work / "content")
    home = tmp_path / "home"
    home.mkdir()
    if "~" in args:
        args = [str(home) if a == "~" else a for a in args]
    before = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    result = run_playbook("build", *args, cwd=work, env={"HOME": str(home)})
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("playbook: ") and says in lines[0], result.stderr
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == before  # nothing written


def test_content_folder_inside_the_output_is_refused(tmp_path: Path):
    shutil.copytree(CONTENT, tmp_path / "site" / "content")
    result = run_playbook("build", "--content", "site/content", "--out", "site", cwd=tmp_path)
    assert result.returncode == 2 and "contains the content folder" in result.stderr


# --- atomic at every instant ------------------------------------------------------------------------

_POLLER = r"""
import json, os, sys, time
target, stop, out = sys.argv[1:4]
reads = []
while not os.path.exists(stop):
    t0 = time.monotonic()
    try:
        with open(target, "rb") as f:
            ok = f.read(7) == b"<html>v"
    except OSError:
        ok = False
    reads.append((t0, time.monotonic(), ok))
json.dump(reads, open(out, "w"))
"""


def _edition(folder: Path, version: int) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(f"<html>v{version}</html>")
    (folder / "assets").mkdir()
    (folder / "assets" / "app.js").write_text("x" * 1000)
    return folder


def test_a_poller_never_sees_a_published_edition_missing_across_swaps(tmp_path: Path):
    """A reader process opens index.html back to back while editions are swapped in; the test counts
    only swaps a read actually overlapped, and needs at least 20 of them."""
    from playbook_gen.publish import SwapStats, swap_into_place

    root = tmp_path / "site"
    _edition(root / "ed", 0)
    stop, out = tmp_path / "stop", tmp_path / "reads.json"
    poller = subprocess.Popen([sys.executable, "-c", _POLLER, str(root / "ed" / "index.html"), str(stop), str(out)])
    swaps: list[tuple[float, float]] = []
    stats = SwapStats()
    try:
        time.sleep(0.3)  # the poller is reading
        for version in range(1, 301):
            built = _edition(tmp_path / f"stage-{version}" / "site", version)
            t0 = time.monotonic()
            swap_into_place(built, root, "ed", stats)
            swaps.append((t0, time.monotonic()))
            shutil.rmtree(built.parent)  # the old edition, exchanged into the stage
            time.sleep(0.002)
    finally:
        stop.touch()
        poller.wait(timeout=30)
    reads = json.loads(out.read_text())
    assert set(stats.methods) == {"exchange"}, "this file system refused the exchange: the test proves nothing here"
    assert all(ok for _, _, ok in reads), f"{sum(not ok for *_, ok in reads)} of {len(reads)} reads found no edition"
    overlapped = [s for s in swaps if any(r0 <= s[1] and r1 >= s[0] for r0, r1, _ in reads)]
    assert len(overlapped) >= 20, f"only {len(overlapped)} of {len(swaps)} swaps overlapped a read"
    assert (root / "ed" / "index.html").read_text() == "<html>v300</html>"


def _strace() -> str:
    path = shutil.which("strace")
    require(path is not None, "strace is not installed (apt-get install strace): fault injection tests need it")
    probe = subprocess.run([path, "-qq", "-f", "-o", "/dev/null", "true"], capture_output=True)
    require(probe.returncode == 0, f"strace cannot trace here: {probe.stderr.decode(errors='replace')[:200]}")
    return path


def _traced_build(work: Path, inject: list[str]) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    command = [_strace(), "-qq", "-f", "-o", "/dev/null"]
    for spec in inject:
        command += ["-e", f"inject={spec}"]
    command += [sys.executable, "-m", "playbook_gen", "build", "--team", TEAM, "--force", "--jobs", "1", "--no-pdf"]
    return subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("inject, expect", [
    (["renameat2:signal=KILL:when=1"], "old"),  # killed at the exchange itself
    (["renameat2:signal=KILL:when=2"], "mixed"),  # team swapped, killed at the manager edition's exchange
    (["rename:signal=KILL:when=1"], "new"),  # killed right after the exchange (the manifest write)
    (["renameat2:error=EINVAL", "rename:signal=KILL:when=2"], "repair"),  # fallback: killed between its renames
])
def test_a_kill_at_the_swap_leaves_the_old_or_the_new_edition(project: Path, tmp_path: Path, inject, expect):
    work = _copy(project, tmp_path)
    site, managers = work / "site" / TEAM, work / "site-managers" / TEAM
    old_build = json.loads((site / ".playbook-edition").read_text())["build"]
    (work / "content" / "playbook.yml").write_text(
        (work / "content" / "playbook.yml").read_text("utf-8") + "\n# changed\n", "utf-8")
    killed = _traced_build(work, inject)
    assert killed.returncode != 0, killed.stderr
    if expect == "repair":  # the two-rename fallback may leave the published path missing for a moment…
        assert (work / "site" / f".playbook-old-{TEAM}").is_dir() or (site / "index.html").is_file()
    else:  # …the exchange never does
        _assert_complete(site, f"team/{TEAM}")
        _assert_complete(managers, f"manager/{TEAM}")
        new_build = json.loads((site / ".playbook-edition").read_text())["build"]
        assert (new_build == old_build) == (expect == "old"), expect
    again = run_playbook("build", "--team", TEAM, "--no-pdf", cwd=work)  # …and the next run repairs it
    assert again.returncode == 0, again.stderr
    _assert_complete(site, f"team/{TEAM}")
    _assert_complete(managers, f"manager/{TEAM}")
    assert not _leftovers(work / "site", work / "site-managers")


def test_the_fallback_swap_is_used_when_the_exchange_is_refused(project: Path, tmp_path: Path):
    work = _copy(project, tmp_path)
    result = _traced_build(work, ["renameat2:error=EINVAL"])
    assert result.returncode == 0, result.stderr
    _assert_complete(work / "site" / TEAM, f"team/{TEAM}")
    assert not _leftovers(work / "site", work / "site-managers")


# --- signals ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)])
def test_a_signal_mid_build_stops_cleanly(project: Path, tmp_path: Path, signum: int, code: int):
    work = _copy(project, tmp_path)
    before = _tree(work / "site" / TEAM)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    process = subprocess.Popen([sys.executable, "-m", "playbook_gen", "build", "--team", TEAM, "--force", "--no-pdf"],
                               cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not _leftovers(work / "site", work / "site-managers") and time.monotonic() < deadline:
        time.sleep(0.05)  # staging folders exist: the build is under way
    assert process.poll() is None, "the build ended before it could be interrupted"
    time.sleep(0.3)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code, stderr
    assert stderr.strip().splitlines()[-1] == "interrupted; published editions are unchanged.", stderr
    assert "Traceback" not in stderr
    assert not _leftovers(work / "site", work / "site-managers")
    assert _tree(work / "site" / TEAM) == before


# --- the operating system saying no -----------------------------------------------------------------

def _as_root() -> None:
    require(os.geteuid() == 0, "mounting a small file system needs root (CI runs as root)")


@pytest.fixture
def small_fs(tmp_path: Path):
    """A 40 MB tmpfs mounted for the test, unmounted however it ends."""
    _as_root()
    mount = tmp_path / "mnt"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", str(mount)], capture_output=True)
    require(done.returncode == 0, f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def _one_error_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1, result.stderr
    assert ".playbook-tmp-" not in errors[0] and not errors[0].split(":")[0].endswith(".tmp"), errors[0]
    return errors[0]


def test_disk_full_is_one_line_and_the_old_edition_survives(small_fs: Path):
    work = small_fs
    shutil.copytree(CONTENT, work / "content")
    first = run_playbook("build", "--team", TEAM, "--jobs", "1", "--no-pdf", cwd=work)
    assert first.returncode == 0, first.stderr
    before = _tree(work / "site" / TEAM)
    stat = os.statvfs(work)
    filler = stat.f_bavail * stat.f_frsize - 150_000
    with open(work / "filler", "wb") as f:  # leave about 150 KB free
        f.truncate(filler)
        os.posix_fallocate(f.fileno(), 0, filler)
    line = _one_error_line(run_playbook("build", "--team", TEAM, "--force", "--jobs", "1", "--no-pdf", cwd=work))
    assert line.startswith(f"site/{TEAM}: error: no space left on device") and "free some space" in line, line
    assert _tree(work / "site" / TEAM) == before
    assert not _leftovers(work / "site", work / "site-managers")


def test_a_read_only_output_is_one_line(small_fs: Path, tmp_path: Path):
    work = tmp_path / "proj"
    shutil.copytree(CONTENT, work / "content")
    subprocess.run(["mount", "-o", "remount,ro", str(small_fs)], check=True)
    line = _one_error_line(run_playbook("build", "--out", str(small_fs / "site"), "--team", TEAM, "--no-pdf",
                                        cwd=work))
    assert "read-only file system" in line and str(small_fs) in line, line


def test_an_immutable_edition_folder_is_one_line(project: Path, tmp_path: Path):
    work = _copy(project, tmp_path)
    edition = work / "site" / TEAM
    if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(edition)], capture_output=True).returncode:
        pytest.skip("chattr +i is not allowed on this file system (needs root and ext4/xfs/tmpfs)")
    try:
        before = _tree(edition)
        line = _one_error_line(run_playbook("build", "--team", TEAM, "--force", "--no-pdf", cwd=work))
        assert "not permitted" in line and "immutable" in line, line
        assert _tree(edition) == before
    finally:
        subprocess.run(["chattr", "-i", str(edition)])
    assert not _leftovers(work / "site", work / "site-managers")


def test_init_into_a_read_only_folder_is_one_line(small_fs: Path, tmp_path: Path):
    shutil.copytree(CONTENT, small_fs / "content")
    subprocess.run(["mount", "-o", "remount,ro", str(small_fs)], check=True)
    for args in (["init", str(small_fs / "pb")], ["schemas", "--out", str(small_fs / "schemas")],
                 ["new-team", "x-team", "--name", "X", "--manager", "M", "--content", str(small_fs / "content")]):
        result = run_playbook(*args, cwd=tmp_path)
        assert result.returncode == 1 and "Traceback" not in result.stderr, (args, result.stderr)
        assert "read-only file system" in result.stderr, (args, result.stderr)


# --- every identical file shared -------------------------------------------------------------------

def test_identical_files_across_editions_are_one_inode_and_the_summary_is_what_du_says(demo_build: Path):
    """Every group of byte-identical files in one output root is a single inode (the 1 MB source map
    of Material's bundle included), and the size the build reports equals `du`'s count of the files."""
    import hashlib

    for root in (demo_build / "site", demo_build / "site-managers"):
        groups: dict[tuple[int, str], set[int]] = {}
        for path in root.rglob("*"):
            if path.is_file() and not path.is_symlink() and path.parent != root:
                st = path.stat()
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                groups.setdefault((st.st_size, digest), set()).add(st.st_ino)
        split = {key: inodes for key, inodes in groups.items() if len(inodes) > 1}
        assert not split, f"{len(split)} groups of identical files in {root.name} are separate copies"
        maps = list(root.glob("*/assets/javascripts/bundle.*.min.js.map"))
        assert len(maps) >= 4 and len({p.stat().st_ino for p in maps}) == 1
    from playbook_gen.publish import disk_usage

    unique, _ = disk_usage([demo_build / "site", demo_build / "site-managers"])
    du = subprocess.run(["du", "-s", "-b", str(demo_build / "site"), str(demo_build / "site-managers")],
                        capture_output=True, text=True, check=True)
    folders = sum(p.stat().st_size for r in ("site", "site-managers") for p in [demo_build / r,
                  *(demo_build / r).rglob("*")] if p.is_dir())
    assert sum(int(line.split()[0]) for line in du.stdout.splitlines()) - folders == unique
