"""Where the running copy of playbook-gen came from, so what we tell people to install exists.

`playbook init` writes CI that installs the generator, and the build's hints say how
to add an extra (`pdf`, an engine). A fixed `playbook-gen==VERSION` is wrong for
everyone who did not install from a package index (a clone, a wheel, a git URL), so
both are derived from how this copy was installed: pip records that in the
distribution's `direct_url.json` (PEP 610; absent for an index install). Standard
library only: it is read before anything else is imported.
"""
from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

NAME = "playbook-gen"
PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Origin:
    """How this copy was installed. `kind`: index, archive (a wheel or sdist), vcs (a git URL),
    directory (`pip install DIR`) or checkout (run from a source tree, not installed)."""
    kind: str
    requirement: str        # what `pip install` needs to get this very copy again
    version: str
    path: Path | None = None  # the local folder or file, when it is one
    reachable: bool = True    # False: only this machine has it (a local wheel or folder)

    @property
    def note(self) -> str:
        """One line for the generated CI file: where the value came from."""
        return {
            "index": f"{NAME} {self.version} from your package index, as `playbook init` was installed",
            "vcs": "the git commit `playbook init` was installed from",
            "archive": ("the wheel `playbook init` was installed from" if self.reachable else
                        "a wheel file on the machine that ran `playbook init`: CI cannot reach it, replace it"),
            "directory": ("the git commit of the folder `playbook init` was installed from" if self.reachable else
                          "a folder on the machine that ran `playbook init`: CI cannot reach it, replace it"),
            "checkout": ("the git commit of the checkout `playbook init` ran from" if self.reachable else
                         "a folder on the machine that ran `playbook init`: CI cannot reach it, replace it"),
        }[self.kind]

    def with_extra(self, extra: str) -> str:
        """The requirement with an extra (`pdf`, `zensical`), as pip reads it."""
        if self.kind == "index":
            return f"{NAME}[{extra}]"
        if self.kind in ("directory", "checkout") and self.path is not None:
            return f"{_shown_path(self.path)}[{extra}]"
        url = self.requirement if "://" in self.requirement else Path(self.requirement).resolve().as_uri()
        return f"{NAME}[{extra}] @ {url}"


def _shown_path(path: Path) -> str:
    """`.` for the current folder (a clone: `pip install '.[pdf]'`), else the path."""
    try:
        here = Path.cwd().resolve()
    except OSError:
        return str(path)
    if path == here:
        return "."
    return str(path)


def _file_path(url: str) -> Path | None:
    parsed = urlparse(url)
    if parsed.scheme != "file":
        return None
    return Path(unquote(parsed.path))


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None


def _remote_commit(folder: Path) -> str | None:
    """`git+URL@COMMIT` for a git work tree whose `origin` remote is a URL CI can reach, else None."""
    if not (folder / ".git").exists():
        return None
    remote = _git(folder, "config", "--get", "remote.origin.url")
    commit = _git(folder, "rev-parse", "HEAD")
    if not remote or not commit:
        return None
    if remote.startswith("git@") and ":" in remote:  # scp-like syntax: git@host:org/repo.git
        host, _, rest = remote.partition(":")
        remote = f"ssh://{host}/{rest}"
    if urlparse(remote).scheme not in ("https", "http", "ssh"):
        return None  # a path or file:// remote: another folder on this machine
    return f"git+{remote}@{commit}"


def _from_folder(kind: str, folder: Path, version: str) -> Origin:
    found = _remote_commit(folder)
    if found:
        return Origin(kind, found, version, folder)
    return Origin(kind, str(folder), version, folder, reachable=False)


def origin_of(dist: metadata.Distribution | None, package_dir: Path = PACKAGE_DIR) -> Origin:
    """The origin of the `playbook_gen` package in `package_dir`, given the installed distribution
    `dist` of that name (None when there is none)."""
    package_dir = Path(package_dir).resolve()
    installed = None
    if dist is not None:
        try:
            installed = Path(str(dist.locate_file("playbook_gen"))).resolve()
        except (OSError, NotImplementedError):
            installed = None
    if dist is None or installed != package_dir:  # running from a source tree, not the installed copy
        version = _source_version(package_dir)
        return _from_folder("checkout", package_dir.parent, version)
    version = dist.version
    raw = dist.read_text("direct_url.json")
    if not raw:
        return Origin("index", f"{NAME}=={version}", version)
    try:
        direct = json.loads(raw)
        url = direct["url"]
    except (ValueError, KeyError, TypeError):
        return Origin("index", f"{NAME}=={version}", version)
    if "vcs_info" in direct:
        vcs = direct["vcs_info"]
        commit = vcs.get("commit_id") or vcs.get("requested_revision")
        pinned = f"{vcs.get('vcs', 'git')}+{url}" + (f"@{commit}" if commit else "")
        reachable = urlparse(url).scheme not in ("file", "")
        return Origin("vcs", pinned, version, _file_path(url), reachable=reachable)
    local = _file_path(url)
    if "dir_info" in direct:
        if local is None:
            return Origin("directory", url, version)
        return _from_folder("directory", local, version)
    if local is not None:  # archive_info: a wheel or sdist file on this machine
        return Origin("archive", str(local), version, local, reachable=False)
    return Origin("archive", url, version)


def _source_version(package_dir: Path) -> str:
    text = (package_dir / "__init__.py").read_text("utf-8")
    for line in text.splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    return "0"


@lru_cache(maxsize=1)
def origin() -> Origin:
    """How the running copy was installed (cached: it does not change while we run)."""
    try:
        dist = metadata.distribution(NAME)
    except metadata.PackageNotFoundError:
        dist = None
    return origin_of(dist)


def pip_command() -> str:
    """The pip that installs into the environment running us: `pip` in an activated (or no)
    virtual environment, else that environment's own pip (`.venv/bin/pip`), so the hint does not
    hit a system Python that refuses installs (PEP 668)."""
    if sys.prefix == sys.base_prefix or os.environ.get("VIRTUAL_ENV") == sys.prefix:
        return "pip"
    pip = Path(sys.prefix) / ("Scripts/pip.exe" if os.name == "nt" else "bin/pip")
    if not pip.exists():
        return f"{sys.executable} -m pip"
    try:
        return str(pip.relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(pip)


def install_hint(extra: str | None = None) -> str:
    """The command that adds `extra` to this copy, e.g. `.venv/bin/pip install '.[pdf]'` in a clone."""
    requirement = origin().with_extra(extra) if extra else origin().requirement
    return f"{pip_command()} install {shlex.quote(requirement)}"
