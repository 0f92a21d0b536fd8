"""Hostile files: too big, alias bombs, deep nesting, object-constructing tags, paths out of the content folder.

Each is refused by `playbook check` with a clear `path:line:col: error:` line, in
bounded time and memory, and without running anything the file asks for.
"""
from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import HOSTILE, REPO, run_playbook

MEMORY_LIMIT = 2 * 1024 ** 3  # address space for the whole `playbook check` process
TIME_LIMIT = 90


def _billion_laughs() -> str:
    text = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    previous = "a"
    for name in "bcdefghij":  # 10**10 strings once expanded
        text += f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]\n"
        previous = name
    return text


def _team(extra: str) -> str:
    return f"id: {{id}}\nname: Team\nmanager: {{{{name: M}}}}\nquarter: 2027-Q1\n{extra}"


def _hostile_files(marker: Path, outside: Path) -> dict[str, str | bytes]:
    deep_block = "".join("  " * i + "a:\n" for i in range(300)) + "  " * 300 + "b: 1\n"
    return {
        "teams/huge.yml": b"# padding\n" * 110_000,
        "teams/bomb.yml": _billion_laughs(),
        "teams/deep-block.yml": deep_block,
        "teams/deep-flow.yml": "id: " + "[" * 5000 + "]" * 5000 + "\n",
        "teams/python-tag.yml": f"id: !!python/object/apply:os.system ['touch {marker}']\nname: x\n",
        "teams/python-name.yml": "id: !!python/name:os.system\n",
        "teams/python-new.yml": f"id: !!python/object/new:subprocess.Popen [['touch', '{marker}']]\n",
        "teams/custom-tag.yml": "id: !Ref other\n",
        "teams/binary.yml": "id: !!binary aGVsbG8=\n",
        "teams/merge-key.yml": "base: &b {id: x}\nteam:\n  <<: *b\n",
        "teams/logo-up.yml": _team("logo: ../outside.png\n").format(id="logo-up"),
        "teams/logo-absolute.yml": _team(f"logo: {outside}\n").format(id="logo-absolute"),
        "teams/logo-link.yml": _team("logo: linked/outside.png\n").format(id="logo-link"),
        "teams/logo-file-link.yml": _team("logo: sneaky.png\n").format(id="logo-file-link"),
    }


def _limit_memory() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.fixture(scope="module")
def hostile_check(tmp_path_factory):
    work = tmp_path_factory.mktemp("limits")
    content = work / "content"
    shutil.copytree(HOSTILE / "content", content)
    marker = work / "PWNED"
    outside = work / "outside.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n")
    (work / "elsewhere").mkdir()
    (work / "elsewhere" / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (content / "linked").symlink_to(work / "elsewhere", target_is_directory=True)
    (content / "sneaky.png").symlink_to(outside)
    for rel, data in _hostile_files(marker, outside).items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "playbook_gen", "check", "--content", str(content)],
                            cwd=work, env=env, capture_output=True, text=True, timeout=TIME_LIMIT,
                            preexec_fn=_limit_memory)
    return result, time.monotonic() - started, marker


def _lines_for(result, name: str) -> list[str]:
    return [line for line in result.stderr.splitlines() if f"teams/{name}.yml:" in line]


def test_hostile_files_are_refused_quickly_without_a_traceback(hostile_check):
    result, seconds, _ = hostile_check
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert seconds < TIME_LIMIT


@pytest.mark.parametrize("name, gist", [
    ("huge", "the limit is 1,000,000"),
    ("bomb", "alias bomb"),
    ("deep-block", "nested more than"),
    ("deep-flow", "nesting depth"),
    ("python-tag", "YAML tag '!!python/object/apply:os.system' is not allowed"),
    ("python-name", "YAML tag '!!python/name:os.system' is not allowed"),
    ("python-new", "is not allowed"),
    ("custom-tag", "YAML tag '!Ref' is not allowed"),
    ("binary", "YAML tag '!!binary' is not allowed"),
    ("logo-up", "leaves the content folder"),
    ("logo-absolute", "relative to the content folder"),
    ("logo-link", "outside the content folder"),
    ("logo-file-link", "outside the content folder"),
])
def test_each_hostile_file_gets_a_clear_error_at_its_place(hostile_check, name, gist):
    result, _, _ = hostile_check
    lines = _lines_for(result, name)
    assert lines, f"no error for {name}.yml:\n{result.stderr}"
    assert any(gist in line and ": error: " in line for line in lines), lines
    assert all(line.split(":")[1].isdigit() for line in lines), lines  # path:line:col


def test_object_constructing_tags_run_nothing(hostile_check):
    _, _, marker = hostile_check
    assert not marker.exists()


def test_build_refuses_a_site_url_that_could_break_out_of_an_attribute(tmp_path):
    result = run_playbook("build", "--content", str(HOSTILE / "content"), "--site-url",
                          'https://x.example/" onmouseover="alert(1)', cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "--site-url" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "library").exists()
