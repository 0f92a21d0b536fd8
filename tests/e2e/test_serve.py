"""`playbook serve` as a real process: live rebuild on a YAML edit; a YAML mistake is reported, the last good page kept."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from conftest import require_engine
from helpers import REPO


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(condition, timeout: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}; serve output:\n{log.read_text('utf-8')[-3000:]}")


def _builds(text: str) -> int:
    """Builds MkDocs has finished: serve prints one 'preview built/rebuilt in N s' line each."""
    return len(re.findall(r"^\[[0-9:]+\] preview (?:re)?built in ", text, flags=re.M))


def _settled_builds(log: Path, quiet: float = 3.0, timeout: float = 60) -> int:
    """How many builds MkDocs has run, once no build finished and no re-render happened for `quiet` seconds."""
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        text = log.read_text("utf-8")
        now = (_builds(text), text.count("edition re-rendered"))
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return now[0]
        time.sleep(0.3)
    raise AssertionError(f"MkDocs never stopped rebuilding (a loop?):\n{log.read_text('utf-8')[-3000:]}")


def _start_serve(content: Path, tmp_path: Path, *args: str) -> tuple[subprocess.Popen, int, Path]:
    port = _free_port()
    log = tmp_path / "serve.log"
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "playbook_gen", "serve", "--content", str(content), "--port", str(port), *args],
            cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
    return process, port, log


def _stop(process: subprocess.Popen, how: int = signal.SIGINT) -> int:
    process.send_signal(how)
    try:
        return process.wait(timeout=30)
    except subprocess.TimeoutExpired as exc:
        process.kill()
        process.wait()
        raise AssertionError("serve did not stop within 30 s") from exc


def test_serve_rebuilds_on_change_and_keeps_the_last_good_version(content_copy: Path, tmp_path: Path):
    practice_file = sorted((content_copy / "practices").glob("*.yml"))[0]
    practice = yaml.safe_load(practice_file.read_text("utf-8"))
    process, port, log = _start_serve(content_copy, tmp_path)
    page = f"http://127.0.0.1:{port}/practices/{practice['id']}/"
    try:
        _wait_for(lambda: practice["title"] in _fetch(page), 120, "the first build", log)
        _wait_for(lambda: _builds(log.read_text("utf-8")) >= 1, 30, "the 'preview built' line", log)
        started = log.read_text("utf-8")
        # a short summary a person can act on, not MkDocs' INFO lines about temporary folders
        assert f"on http://127.0.0.1:{port}/ (Ctrl-C to stop)" in started
        assert f"Watching {content_copy.relative_to(tmp_path)}/," in started, started
        assert "site/ and site-managers/ are not updated" in started
        assert "INFO" not in started and "playbook-serve-" not in started and "site-packages" not in started, started

        text = practice_file.read_text("utf-8")
        renamed = practice["title"] + " (edited live)"
        practice_file.write_text(text.replace(f"title: {practice['title']}", f"title: {renamed}", 1), "utf-8")
        _wait_for(lambda: renamed in _fetch(page), 90, "the edited title", log)

        builds = _settled_builds(log)
        practice_file.write_text(text.replace("minutes:", "minutes: [", 1), "utf-8")  # broken YAML
        _wait_for(lambda: f"{practice_file.name}:" in log.read_text("utf-8") and "error" in log.read_text("utf-8"),
                  60, "the YAML error in the terminal", log)
        time.sleep(2)
        assert renamed in _fetch(page), "the last good version is still served"
        assert _builds(log.read_text("utf-8")) == builds, \
            "a broken file writes nothing, so nothing is rebuilt (and nothing loops)"
    finally:
        code = _stop(process)
    output = log.read_text("utf-8")
    assert "Traceback" not in output
    assert code == 130, output[-2000:]  # Ctrl-C, even though MkDocs' server catches it itself


@pytest.mark.parametrize("engine", ["zensical", "properdocs"])
def test_serve_with_another_engine_reloads_and_stops_cleanly(engine: str, content_copy: Path, tmp_path: Path):
    """`--engine` previews with that engine's own server: a team page, a live edit, a clean stop on SIGTERM."""
    require_engine(engine)
    practice_file = sorted((content_copy / "practices").glob("*.yml"))[1]
    practice = yaml.safe_load(practice_file.read_text("utf-8"))
    team = sorted(p.stem for p in (content_copy / "teams").glob("*.yml"))[0]
    before = set(Path(tempfile.gettempdir()).glob("playbook-serve-*"))
    process, port, log = _start_serve(content_copy, tmp_path, "--engine", engine, "--team", team)
    page = f"http://127.0.0.1:{port}/practices/{practice['id']}/"
    try:
        _wait_for(lambda: practice["title"] in _fetch(page), 120, f"the first {engine} build", log)
        assert "playbook-prose" in _fetch(page)
        text = practice_file.read_text("utf-8")
        renamed = practice["title"] + " (edited live)"
        practice_file.write_text(text.replace(f"title: {practice['title']}", f"title: {renamed}", 1), "utf-8")
        _wait_for(lambda: renamed in _fetch(page), 90, f"the edited title under {engine}", log)
    finally:
        code = _stop(process, signal.SIGTERM)
    output = log.read_text("utf-8")
    assert "Traceback" not in output and code == 143, output[-2000:]  # 128 + SIGTERM, as `build`
    assert output.strip().splitlines()[-1] == "interrupted; published editions are unchanged.", output[-2000:]
    assert _fetch(page) == "", "the engine's server stopped with playbook"
    assert set(Path(tempfile.gettempdir()).glob("playbook-serve-*")) <= before, "scratch folder removed"


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_port_in_use_is_one_line_and_exit_2(engine: str, tmp_path: Path):
    if engine != "mkdocs":
        require_engine(engine)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "playbook_gen", "serve", "--port", str(port), "--engine", engine],
                                cwd=tmp_path, capture_output=True, text=True, timeout=120,
                                env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert result.returncode == 2, result.stderr
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "choose another --port" in result.stderr
    assert "Traceback" not in result.stderr
