"""Every palette a team may choose reaches WCAG AA text contrast: computed ratios over all pairs.

The colours are Material's own (read from the installed package's CSS); the overrides are the
committed templates/assets/palette.css, regenerated here and compared. The browser confirms
the same on the demo's editions (tests/browser/test_accessibility.py runs axe-core there).
"""
from __future__ import annotations

import colorsys

import pytest
from helpers import REPO

from playbook_gen import contrast
from playbook_gen.models import MATERIAL_COLORS

PALETTE_CSS = REPO / "templates" / "assets" / "palette.css"


def test_ratios_are_wcag_ones():
    white, black = contrast.WHITE, contrast.BLACK
    assert contrast.ratio(black, white) == pytest.approx(21)
    assert contrast.ratio(white, white) == pytest.approx(1)
    # WCAG's own reference points: #767676 is the lightest grey that passes AA on white; #777777 fails
    assert contrast.ratio(contrast.parse_color("#767676"), white) == pytest.approx(4.54, abs=0.01)
    assert contrast.ratio(contrast.parse_color("#777777"), white) < 4.5
    # Material's body text, 87% black, is composited over the page before measuring
    assert contrast.ratio(contrast.parse_color("#000000de"), white) == pytest.approx(16.1, abs=0.1)
    assert contrast.parse_color("hsla(var(--md-hue), 15%, 14%, 1)").hex == "#1e2129"


def test_the_committed_stylesheet_is_what_the_installed_material_gives():
    assert PALETTE_CSS.read_text("utf-8") == contrast.stylesheet(), (
        "templates/assets/palette.css is out of date for this Material: "
        "python -m playbook_gen.contrast > templates/assets/palette.css")


def test_every_primary_accent_pair_in_both_schemes_reaches_aa():
    css = PALETTE_CSS.read_text("utf-8")
    combos = contrast.combinations()
    assert len(combos) == 2 * len(MATERIAL_COLORS) ** 2 == 882
    failing = {combo: contrast.problems(combo[1], combo[2], combo[0], css=css) for combo in combos}
    failing = {combo: reasons for combo, reasons in failing.items() if reasons}
    assert failing == {}, "\n".join(f"{c}: {r}" for c, r in list(failing.items())[:20])
    ratios = [m.ratio for scheme, primary, accent in combos
              for m in contrast.measure(contrast.resolve(contrast.material_rules() + contrast.parse_rules(css),
                                                         scheme, primary, accent))]
    assert min(ratios) >= contrast.AA_TEXT


def test_plain_material_fails_where_the_stylesheet_is_needed():
    """Without palette.css the demo's ANZ palette fails exactly as axe-core reported it."""
    reasons = contrast.problems("green", "light-blue", "default", css="")
    assert any(r.startswith("header text") and "#ffffff on #4cae4f is 2.81:1" in r for r in reasons), reasons
    assert any(r.startswith("links (and buttons") and "#4cae4f on #ffffff" in r for r in reasons), reasons
    broken = [c for c in contrast.combinations() if contrast.problems(c[1], c[2], c[0], css="")]
    assert len(broken) > 800  # even Material's default indigo/indigo: the accent is 4.2:1 on white


def _hue(hex_color: str) -> float:
    c = contrast.parse_color(hex_color)
    return colorsys.rgb_to_hls(c.r, c.g, c.b)[0] * 360


def test_overrides_keep_each_colours_hue():
    """Lighter or darker, never another colour: the team still sees its green header."""
    plain = contrast.material_rules()
    fixed = plain + contrast.parse_rules(PALETTE_CSS.read_text("utf-8"))
    for name in MATERIAL_COLORS:
        before = contrast.resolve(plain, "default", name, "indigo")["--md-primary-fg-color"]
        after = contrast.resolve(fixed, "default", name, "indigo")["--md-primary-fg-color"]
        if before != after:
            delta = abs(_hue(before) - _hue(after)) % 360
            assert min(delta, 360 - delta) < 4, (name, before, after)
    green = contrast.resolve(fixed, "default", "green", "light-blue")
    assert green["--md-primary-fg-color"] != "#4cae4f" and _hue(green["--md-primary-fg-color"]) == pytest.approx(122, abs=4)
