"""The practice deck as a PDF: written by `playbook build` when WeasyPrint (the `pdf` extra) is installed."""
from __future__ import annotations

import os
import re
import zlib
from pathlib import Path

import yaml
from conftest import skip_or_fail
from helpers import CONTENT, REPO, run_playbook


def _pdf_pages(data: bytes) -> int:
    text = data
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            text += zlib.decompress(match.group(1))
        except zlib.error:
            pass
    return len(re.findall(rb"/Type\s*/Page\b", text))


def test_build_writes_the_deck_as_pdf(demo_build: Path):
    from playbook_gen.pdf import unavailable_reason
    if unavailable_reason():
        skip_or_fail(unavailable_reason())
    practices = len(list((CONTENT / "practices").glob("*.yml")))
    editions = [p for root in ("site", "site-managers") for p in (demo_build / root).iterdir() if p.is_dir()]
    assert editions
    for edition in editions:
        pdf = (edition / "practice-deck.pdf").read_bytes()
        assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
        assert _pdf_pages(pdf) >= practices // 2, "every card is in the deck"
        deck = (edition / "deck" / "index.html").read_text("utf-8")
        assert 'href="../practice-deck.pdf"' in deck, "the deck page links to its PDF"


def test_without_weasyprint_the_build_says_how_to_get_the_pdf(tmp_path: Path):
    stub = tmp_path / "stub" / "weasyprint"
    stub.mkdir(parents=True)
    (stub / "__init__.py").write_text("raise ImportError('WeasyPrint hidden by the test')\n")
    env = {"PYTHONPATH": os.pathsep.join([str(REPO), str(stub.parent)])}
    team = sorted(yaml.safe_load(p.read_text("utf-8"))["id"] for p in (CONTENT / "teams").glob("*.yml"))[0]
    result = run_playbook("build", "--team", team, "--content", str(CONTENT), cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    # run from this checkout (not installed): the hint installs the extra into it, with the pip that runs us
    assert "WeasyPrint is not installed" in output and f"install '{REPO}[pdf]'" in output
    assert not list((tmp_path / "site").rglob("*.pdf"))
    assert "practice-deck.pdf" not in next(
        p for p in (tmp_path / "site").rglob("*.html") if "deck" in (p.stem, p.parent.name)).read_text("utf-8")  # disk or served

    # from the clone itself, what a newcomer types there
    asked = run_playbook("build", "--pdf", "--team", team, "--content", str(CONTENT), "--out", str(tmp_path / "o"),
                         "--managers-out", str(tmp_path / "m"), cwd=REPO, env=env)
    assert asked.returncode == 2 and "install '.[pdf]'" in asked.stderr, asked.stderr
    assert "Traceback" not in asked.stderr
