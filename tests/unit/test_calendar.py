"""Unit tests of the calendar: RFC 5545 writing rules, the quarter's weeks, the content-path check (the schedule: test_schedule.py)."""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from playbook_gen.plan.calendar.events import quarter_bounds, quarter_mondays
from playbook_gen.plan.calendar.ics import escape_text, fold, vtimezone
from playbook_gen.safety import content_path


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=400))
def test_fold_keeps_every_line_within_75_octets_and_unfolds_back(text):
    raw = fold("DESCRIPTION:" + text)
    assert raw.endswith(b"\r\n")
    lines = raw[:-2].split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert all(line.startswith(b" ") for line in lines[1:])
    assert b"".join([lines[0], *(line[1:] for line in lines[1:])]).decode("utf-8") == "DESCRIPTION:" + text


def test_fold_never_splits_a_multibyte_character():
    raw = fold("SUMMARY:" + "é" * 100)  # 2 octets each: an odd limit would split one
    for line in raw.split(b"\r\n"):
        line.decode("utf-8")


def test_escape_text():
    assert escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"
    assert escape_text("1:1 with Zoë") == "1:1 with Zoë"  # colons need no escaping in TEXT


def test_vtimezone_lists_the_real_transitions():
    lines = vtimezone("Europe/Berlin", date(2027, 1, 1), date(2027, 3, 31))
    text = "\n".join(lines)
    assert "DTSTART:20270328T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nTZNAME:CEST" in text
    assert "DTSTART:20271031T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nTZNAME:CET" in text
    fixed = vtimezone("Asia/Kolkata", date(2027, 1, 1), date(2027, 3, 31))
    assert "TZOFFSETTO:+0530" in fixed and "DTSTART:19700101T000000" in fixed


def test_quarter_weeks():
    assert quarter_bounds("2027-Q4") == (date(2027, 10, 1), date(2027, 12, 31))
    mondays = quarter_mondays(*quarter_bounds("2027-Q1"))  # 1 January 2027 is a Friday: its week counts
    assert mondays[0] == date(2026, 12, 28) and mondays[-1] == date(2027, 3, 29) and len(mondays) == 14
    assert quarter_mondays(*quarter_bounds("2028-Q2"))[0] == date(2028, 4, 3)  # 1-2 April 2028: a weekend


def test_content_path_refuses_paths_leaving_the_content_folder(tmp_path: Path):
    root = tmp_path / "content"
    (root / "brand").mkdir(parents=True)
    (root / "brand" / "logo.png").write_bytes(b"png")
    (tmp_path / "outside.png").write_bytes(b"png")
    assert content_path(root, "brand/logo.png") == (root / "brand" / "logo.png").resolve()
    for bad, word in [("../outside.png", ".."), ("brand/../../outside.png", ".."), (str(tmp_path / "outside.png"), "relative"),
                      ("/etc/passwd", "relative"), ("C:\\logo.png", "relative"), ("~/logo.png", "relative"),
                      ("brand/missing.png", "not found"), ("", "relative")]:
        with pytest.raises(ValueError, match=word):
            content_path(root, bad)
    if hasattr(os, "symlink"):
        (root / "sneaky.png").symlink_to(tmp_path / "outside.png")
        (root / "linked").symlink_to(tmp_path)
        for bad in ("sneaky.png", "linked/outside.png"):
            with pytest.raises(ValueError, match="symbolic link"):
                content_path(root, bad)
