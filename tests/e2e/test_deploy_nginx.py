"""The publishing guide's deploy recipe, run: its rsync lines copy a real build, Debian's nginx serves
the copy on loopback with the guide's own configuration block, and a client checks what the guide
promises (team editions open, manager editions behind basic auth, the .ics as text/calendar, the
calendar page's webcal:// link leading to it)."""
from __future__ import annotations

import base64
import http.client
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from conftest import skip_or_fail
from helpers import CONTENT, REPO, run_playbook

GUIDE = REPO / "docs" / "publishing.md"
NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)
TEAM, OTHER = "emea-enterprise", "anz-commercial"
PASSWORDS = {TEAM: ("dana", "d-secret"), OTHER: ("ana", "a-secret"), "ld": ("lee", "l-secret")}


def _marked_block(marker: str, lang: str) -> list[str]:
    found = re.findall(rf"^<!-- {marker} -->\n```{lang}\n(.*?)^```", GUIDE.read_text("utf-8"), re.M | re.S)
    assert found, f"docs/publishing.md lost its <!-- {marker} --> block"
    return found


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, f"the guide's recipe no longer has {old!r}: update tests/e2e/test_deploy_nginx.py with it"
    return text.replace(old, new)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _need(tool: str) -> str:
    found = shutil.which(tool) or (NGINX if tool == "nginx" else None)
    if not found:
        skip_or_fail(f"{tool} is not installed (apt-get install {tool}): the deploy recipe is not run")
    return found


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    """Two teams built with the port's address as site_url, copied with the guide's rsync lines."""
    for tool in ("nginx", "rsync", "openssl"):
        _need(tool)
    work = tmp_path_factory.mktemp("deploy")
    port = _free_port()
    built = run_playbook("build", "--content", str(CONTENT), "--team", TEAM, "--team", OTHER,
                         "--site-url", f"http://127.0.0.1:{port}/", "--no-pdf", "--quiet", cwd=work)
    assert built.returncode == 0, built.stdout + built.stderr
    srv = work / "srv" / "playbook"
    srv.mkdir(parents=True)
    for block in _marked_block("deploy-test", "sh"):
        script = _replace(block, "web01.intranet.example:/srv/playbook", str(srv))
        done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=work, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, script + done.stderr
    return work, srv, port


def _links(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(root)): (p.stat().st_ino, p.stat().st_nlink) for p in root.rglob("*") if p.is_file()}


def _du(path: Path) -> int:
    return int(subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True).stdout.split()[0])


def test_the_guides_rsync_keeps_the_hard_links(deployed):
    work, srv, _ = deployed
    for name in ("site", "site-managers"):
        source, copy = _links(work / name), _links(srv / name)
        assert copy and not [rel for rel in copy if "/.playbook-" in "/" + rel], "the bookkeeping is not published"
        shared = {rel for rel, (_, count) in source.items() if count > 1}
        assert shared, f"the build shares no file in {name}/"
        for rel in shared:  # files that are one inode in the build are one inode in the copy
            twins = {other for other in shared if source[other][0] == source[rel][0]}
            assert len({copy[other][0] for other in twins}) == 1, rel
        assert _du(srv / name) <= _du(work / name) * 1.02 + 64, "the copy takes what the build takes"


@pytest.fixture(scope="module")
def nginx(deployed):
    """Debian's nginx on loopback, its server configured by the guide's block (paths moved to tmp)."""
    work, srv, port = deployed
    (block,) = _marked_block("nginx-test", "nginx")
    auth = work / "auth"
    auth.mkdir()
    for name, (user, password) in PASSWORDS.items():
        hashed = subprocess.run([_need("openssl"), "passwd", "-apr1", "-stdin"], input=password,
                                capture_output=True, text=True, check=True).stdout.strip()
        (auth / f"{name}.htpasswd").write_text(f"{user}:{hashed}\n")
    server = _replace(block, "listen 443 ssl;", f"listen 127.0.0.1:{port};")
    server = _replace(server, "/srv/playbook/", f"{srv}/")
    server = _replace(server, "/etc/nginx/playbook/", f"{auth}/")
    run = work / "nginx"
    run.mkdir()
    temps = "\n".join(f"    {kind}_temp_path {run}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    config = run / "nginx.conf"
    config.write_text(f"""{'user root;' if os.geteuid() == 0 else ''}
worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;   # as Debian's nginx.conf does before conf.d/*.conf
    default_type application/octet-stream;
    access_log off;
{temps}
{server}
}}
""")
    process = subprocess.Popen([NGINX, "-p", str(run), "-e", str(run / "error.log"), "-c", str(config),
                                "-g", "daemon off;"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                log = (run / "error.log").read_text() if (run / "error.log").exists() else ""
                pytest.fail(f"nginx did not start with the guide's config:\n{config.read_text()}\n"
                            f"{process.stdout.read().decode()}\n{log}")
            time.sleep(0.1)
    yield port
    process.terminate()
    process.wait(timeout=20)


def _get(port: int, path: str, who: str | None = None, *, gzip: bool = False) -> tuple[int, dict[str, str], bytes]:
    headers = {"Host": "playbook.intranet.example"}
    if gzip:
        headers["Accept-Encoding"] = "gzip"
    if who:
        user, password = PASSWORDS[who]
        headers["Authorization"] = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def test_team_editions_are_open_to_everyone(nginx):
    for path in (f"/{TEAM}/", f"/{TEAM}/practices/", f"/{OTHER}/", "/"):
        status, headers, body = _get(nginx, path)
        assert status == 200 and headers["content-type"].startswith("text/html"), (path, status)
    status, _, _ = _get(nginx, "/.playbook-manifest.json")
    assert status == 403, "the build's bookkeeping is refused"


def test_the_search_index_is_served_compressed(nginx):
    """The guide's gzip lines: the index a browser downloads before search answers, about a quarter of its size."""
    plain = _get(nginx, f"/{TEAM}/search/search_index.json")
    packed = _get(nginx, f"/{TEAM}/search/search_index.json", gzip=True)
    assert plain[0] == packed[0] == 200 and packed[1].get("content-encoding") == "gzip"
    assert len(packed[2]) * 3 < len(plain[2]), (len(packed[2]), len(plain[2]))  # measured: 232 → 63 kB


def test_manager_editions_need_their_own_managers_password(nginx):
    page = f"/managers/{TEAM}/"
    status, headers, _ = _get(nginx, page)
    assert status == 401 and "basic" in headers.get("www-authenticate", "").lower()
    status, headers, body = _get(nginx, page, TEAM)
    assert status == 200 and b"Dana Whitfield" in body and headers["content-type"].startswith("text/html")
    status, _, body = _get(nginx, f"/managers/{TEAM}/practices/", TEAM)
    assert status == 200, "pages below the edition's home are served too"
    assert _get(nginx, page, OTHER)[0] == 401, "another team's manager is refused"
    assert _get(nginx, page, "ld")[0] == 401, "L&D does not read coaching notes"
    assert _get(nginx, f"/managers/{TEAM}", TEAM)[0] == 301
    assert _get(nginx, f"/managers/{TEAM}/.playbook-edition", TEAM)[0] == 403
    # a team whose password file is missing stays shut, as the guide says
    assert [_get(nginx, "/managers/no-such-team/", who)[0] for who in (None, TEAM)] == [401, 403]


def test_the_managers_index_is_for_ld(nginx):
    assert _get(nginx, "/managers/")[0] == 401
    assert _get(nginx, "/managers/", TEAM)[0] == 401
    status, headers, body = _get(nginx, "/managers/", "ld")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert f'href="{TEAM}/'.encode() in body and f'href="{OTHER}/'.encode() in body


def test_calendars_are_text_calendar_and_the_subscribe_link_leads_to_one(nginx):
    status, headers, body = _get(nginx, f"/{TEAM}/calendar.ics")
    assert status == 200 and headers["content-type"].startswith("text/calendar"), headers.get("content-type")
    assert body.startswith(b"BEGIN:VCALENDAR") and b"REFRESH-INTERVAL" in body
    status, headers, _ = _get(nginx, f"/managers/{TEAM}/calendar.ics", TEAM)
    assert status == 200 and headers["content-type"].startswith("text/calendar")

    # the calendar page offers webcal:// to the very file (a calendar app fetches it over HTTP)
    _, _, page = _get(nginx, f"/{TEAM}/calendar/")
    (feed,) = re.findall(rb'href="(webcal://[^"]+)"', page)
    assert feed == f"webcal://127.0.0.1:{nginx}/{TEAM}/calendar.ics".encode()
    assert b'href="../calendar.ics"' in page, "the download link stays"
    status, headers, _ = _get(nginx, feed.decode().removeprefix(f"webcal://127.0.0.1:{nginx}"))
    assert status == 200 and headers["content-type"].startswith("text/calendar")
    # the manager edition's address is not known to the build (private editions get no site_url)
    _, _, manager_page = _get(nginx, f"/managers/{TEAM}/calendar/", TEAM)
    assert b"webcal://" not in manager_page and b'href="../calendar.ics"' in manager_page
