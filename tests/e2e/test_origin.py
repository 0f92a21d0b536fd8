"""Where the running copy came from: real pip installs (index, wheel file, folder, git URL) read back
through PEP 610's direct_url.json, and what `playbook init` writes into the CI files from it."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from conftest import skip_or_fail
from helpers import REPO, run_playbook

from playbook_gen import __version__
from playbook_gen.origin import origin_of

REMOTE = "https://git.example.org/sales/playbook-gen.git"


def _pip(*args: str, cwd: Path | None = None) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PIP_REQUIRE_VIRTUALENV",)}
    done = subprocess.run([sys.executable, "-m", "pip", *args, "-q", "--no-deps", "--disable-pip-version-check"],
                          capture_output=True, text=True, timeout=600, cwd=cwd, env=env)
    assert done.returncode == 0, done.stdout + done.stderr


def _installed(target: Path):
    """The distribution pip just installed into `target`, and where its package landed."""
    (dist,) = [d for d in metadata.distributions(path=[str(target)]) if d.metadata["Name"] == "playbook-gen"]
    return origin_of(dist, target / "playbook_gen")


def _git(*args: str, cwd: Path) -> str:
    if shutil.which("git") is None:
        skip_or_fail("git is not installed (apt-get install git)")
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture(scope="session")
def clone(tmp_path_factory) -> Path:
    """A committed copy of this checkout's working tree (what a user's clone is)."""
    work = tmp_path_factory.mktemp("clone") / "playbook-gen"
    shutil.copytree(REPO, work, ignore=shutil.ignore_patterns(".git", ".venv*", ".cache", "site", "site-managers",
                                                              "__pycache__", "*.egg-info", "dist", "build"))
    _git("init", "-q", cwd=work)
    _git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A", cwd=work)
    _git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "snapshot", cwd=work)
    return work


@pytest.fixture(scope="session")
def wheel(clone: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _pip("wheel", str(clone), "-w", str(out))
    (built,) = out.glob("playbook_gen-*.whl")
    return built


def test_an_index_install_is_pinned_to_its_version(wheel: Path, tmp_path: Path):
    # a folder of wheels given as the only index: pip installs it exactly like one from PyPI (no direct_url.json)
    _pip("install", "--no-index", "--find-links", str(wheel.parent), "--target", str(tmp_path), f"playbook-gen=={__version__}")
    found = _installed(tmp_path)
    assert (found.kind, found.requirement, found.reachable) == ("index", f"playbook-gen=={__version__}", True)
    assert found.with_extra("pdf") == "playbook-gen[pdf]"


def test_a_wheel_file_is_named_by_its_path_and_flagged_unreachable(wheel: Path, tmp_path: Path):
    _pip("install", "--target", str(tmp_path / "t"), str(wheel))
    found = _installed(tmp_path / "t")
    assert found.kind == "archive" and found.requirement == str(wheel) and not found.reachable
    assert "CI cannot reach it" in found.note
    assert found.with_extra("pdf") == f"playbook-gen[pdf] @ {wheel.as_uri()}"


def test_a_git_url_install_is_pinned_to_its_commit(clone: Path, tmp_path: Path):
    commit = _git("rev-parse", "HEAD", cwd=clone)
    _pip("install", "--target", str(tmp_path), f"git+{clone.as_uri()}")
    found = _installed(tmp_path)
    assert found.kind == "vcs" and found.requirement == f"git+{clone.as_uri()}@{commit}"
    assert found.with_extra("zensical") == f"playbook-gen[zensical] @ git+{clone.as_uri()}@{commit}"


def test_a_folder_install_uses_its_git_remote_when_ci_can_reach_it(clone: Path, tmp_path: Path):
    _pip("install", "--target", str(tmp_path / "local"), str(clone))
    local = _installed(tmp_path / "local")
    assert local.kind == "directory" and local.requirement == str(clone) and not local.reachable
    assert local.with_extra("pdf") == f"{clone}[pdf]"

    _git("remote", "add", "origin", REMOTE, cwd=clone)
    try:
        found = _installed(tmp_path / "local")
        commit = _git("rev-parse", "HEAD", cwd=clone)
        assert found.requirement == f"git+{REMOTE}@{commit}" and found.reachable
    finally:
        _git("remote", "remove", "origin", cwd=clone)


def test_init_writes_the_requirement_and_how_to_change_it(clone: Path, tmp_path: Path):
    """`playbook init` run from a checkout with a reachable remote: the CI installs that commit."""
    _git("remote", "add", "origin", REMOTE, cwd=clone)
    try:
        commit = _git("rev-parse", "HEAD", cwd=clone)
        env = {"PYTHONPATH": str(clone)}
        result = run_playbook("init", "ours", cwd=tmp_path, env=env)
    finally:
        _git("remote", "remove", "origin", cwd=clone)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    wanted = f"git+{REMOTE}@{commit}"
    workflow = tmp_path / "ours" / ".github" / "workflows" / "playbook.yml"
    gitlab = tmp_path / "ours" / ".gitlab-ci.yml"
    assert yaml.safe_load(workflow.read_text())["env"]["PLAYBOOK_GEN"] == wanted
    assert yaml.safe_load(gitlab.read_text())["variables"]["PLAYBOOK_GEN"] == wanted
    for path in (workflow, gitlab):
        text = path.read_text()
        assert "the git commit of the checkout `playbook init` ran from" in text and "To change it" in text
    assert f"pip install {wanted}" in (tmp_path / "ours" / "README.md").read_text()

    # without a remote CI could reach: the local folder is written, with a comment and a warning
    again = run_playbook("init", "local", cwd=tmp_path, env={"PYTHONPATH": str(clone)})
    assert again.returncode == 0, again.stderr
    assert "warning:" in again.stderr and "PLAYBOOK_GEN" in again.stderr and str(clone) in again.stderr
    text = (tmp_path / "local" / ".gitlab-ci.yml").read_text()
    assert f'PLAYBOOK_GEN: {json.dumps(str(clone))}' in text and "CI cannot reach it, replace it" in text


# --- the README's quick start -------------------------------------------------------------------

def _readme_quick_start() -> list[str]:
    text = (REPO / "README.md").read_text("utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"^```sh\n(.*?)^```", section, re.M | re.S)
    return [line for line in block.splitlines() if line.strip()]


def test_the_quick_start_needs_only_python3_and_ci_runs_its_test_command():
    build, tests = _readme_quick_start()
    for line in (build, tests):  # no bare pip/python: PEP 668 systems refuse the one, lack the other
        assert line.startswith("python3 -m venv .venv && .venv/bin/pip install "), line
    assert build.endswith(".venv/bin/playbook build") and tests.endswith(".venv/bin/python -m pytest")
    ci = [line for line in (REPO / ".ci" / "run").read_text("utf-8").splitlines() if line and not line.startswith("#")]
    assert ci[-1] == tests, ".ci/run ends with exactly the README's test command"
