"""Adopting the generator in another organisation: the installed wheel, `init`, `new-team`, `list`, the docs."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import skip_or_fail
from helpers import REPO


@pytest.fixture(scope="session")
def installed(tmp_path_factory) -> Path:
    """The wheel built from this checkout, installed in a fresh venv; returns the venv's `playbook` script."""
    work = tmp_path_factory.mktemp("wheel")
    wheels = work / "dist"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "-q", "-w", str(wheels)],
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = wheels.glob("playbook_gen-*.whl")
    venv = work / "venv"
    made = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True, timeout=300)
    if made.returncode != 0:
        skip_or_fail(f"cannot create a virtual environment: {made.stderr.strip()}")
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    pip = subprocess.run([str(bindir / "python"), "-m", "pip", "install", "-q", str(wheel)],
                         capture_output=True, text=True, timeout=900)
    assert pip.returncode == 0, pip.stdout + pip.stderr
    return bindir / "playbook"


def run_installed(playbook: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(playbook), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_installed_wheel_builds_the_bundled_demo_in_an_empty_folder(installed: Path, tmp_path: Path):
    result = run_installed(installed, "build", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    notices = [line for line in (result.stdout + result.stderr).splitlines() if "bundled demo" in line]
    assert len(notices) == 1 and "playbook init" in notices[0]
    assert (tmp_path / "site" / "library" / "index.html").is_file()
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site-managers" / "index.html").is_file()
    # it ran from the venv, not from this checkout
    where = subprocess.run([str(installed.parent / "python"), "-c", "import playbook_gen; print(playbook_gen.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path, env={"PATH": os.environ.get("PATH", "")})
    assert str(REPO) not in where.stdout and "site-packages" in where.stdout
