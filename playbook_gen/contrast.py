"""WCAG AA text contrast for every palette a team may choose, and the stylesheet that gives it.

Material for MkDocs offers 21 primary and 16 accent colours in two schemes (default, slate),
but several of them put white text on a mid-tone header (green, teal, light-blue…), links in
the primary colour on a white page, or an accent too light to read as hover text: axe-core
reports `color-contrast` violations. This module reads Material's own palette CSS from the
installed package (material_palette.py), computes what each combination shows (WCAG 2 relative luminance and
contrast ratio, alpha composited over the background), and writes `templates/assets/palette.css`:
the fewest CSS-variable overrides — the same hue, lighter or darker — that bring every
pair to 4.5:1 for text. The stylesheet is committed (a reviewable file, identical for every
build and engine); tests/test_contrast.py regenerates it from the installed Material and
fails when it differs, so a Material upgrade that changes a colour is noticed.

Regenerate: `python -m playbook_gen.contrast > templates/assets/palette.css`.
"""
from __future__ import annotations

import colorsys
import re
import sys
from dataclasses import dataclass

from .errors import ColourError
from .material_palette import Rule, material_accents, material_rules, parse_rules, resolve
from .models import MATERIAL_COLORS

AA_TEXT = 4.5   # WCAG 2 AA, normal text (SC 1.4.3); held for all text, large text (3:1) included
SCHEMES = ("default", "slate")
HUE = 225.0     # Material's --md-hue, used by its hsla(var(--md-hue), …) colours


@dataclass(frozen=True)
class Color:
    """sRGB, channels 0–1, with alpha."""

    r: float
    g: float
    b: float
    a: float = 1.0

    @property
    def hex(self) -> str:
        channels = [round(c * 255) for c in (self.r, self.g, self.b)]
        text = "#" + "".join(f"{c:02x}" for c in channels)
        return text if self.a >= 1 else text + f"{round(self.a * 255):02x}"

    def over(self, background: Color) -> Color:
        """This colour painted over an opaque background (what the eye sees)."""
        a = self.a
        return Color(*(a * f + (1 - a) * b for f, b in zip((self.r, self.g, self.b),
                                                             (background.r, background.g, background.b), strict=True)))


WHITE = Color(1, 1, 1)
BLACK = Color(0, 0, 0)
_NUMBER = r"\s*(-?[\d.]+)(%|deg)?\s*"


def parse_color(text: str) -> Color:
    """A CSS colour as Material writes them: #rgb, #rrggbb(aa), hsl()/hsla() (hue may be var(--md-hue))."""
    text = text.strip().lower().replace("var(--md-hue)", f"{HUE}")
    if text.startswith("#"):
        digits = text[1:]
        if len(digits) in (3, 4):
            digits = "".join(c * 2 for c in digits)
        values = [int(digits[i:i + 2], 16) / 255 for i in range(0, len(digits), 2)]
        return Color(*values)
    match = re.fullmatch(r"hsla?\(([^)]*)\)", text)
    if match:
        parts = [p.strip() for p in match.group(1).split(",")]
        h = float(parts[0].removesuffix("deg")) / 360
        s, light = (float(p.removesuffix("%")) / 100 for p in parts[1:3])
        a = float(parts[3]) if len(parts) > 3 else 1.0
        r, g, b = colorsys.hls_to_rgb(h, light, s)
        return Color(r, g, b, a)
    raise ColourError(f"not a colour this module reads: {text!r}")


def luminance(color: Color) -> float:
    """WCAG 2 relative luminance of an opaque colour."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b)


def ratio(foreground: Color, background: Color) -> float:
    """WCAG contrast ratio of text in `foreground` on an opaque `background` (1–21)."""
    fg = luminance(foreground.over(background))
    bg = luminance(background)
    light, dark = max(fg, bg), min(fg, bg)
    return (light + 0.05) / (dark + 0.05)


def _with_lightness(color: Color, lightness: float) -> Color:
    h, _, s = colorsys.rgb_to_hls(color.r, color.g, color.b)
    return Color(*colorsys.hls_to_rgb(h, min(max(lightness, 0.0), 1.0), s), color.a)


def _rounded(color: Color) -> Color:
    return parse_color(color.hex)


def readable_text(color: Color, backgrounds: list[Color], target: float = AA_TEXT) -> Color:
    """`color`, made lighter or darker (same hue and saturation) until it reaches `target` on
    every background: darker on light pages, lighter on dark ones. Unchanged when it already does."""
    if all(ratio(color, bg) >= target for bg in backgrounds):
        return color
    darker = luminance(backgrounds[0]) > 0.18
    _, lightness, _ = colorsys.rgb_to_hls(color.r, color.g, color.b)
    for step in range(1, 201):
        candidate = _rounded(_with_lightness(color, lightness + (-step if darker else step) * 0.005))
        if all(ratio(candidate, bg) >= target for bg in backgrounds):
            return candidate
    return BLACK if darker else WHITE


def readable_background(background: Color, text: Color, target: float = AA_TEXT) -> Color:
    """`background`, made darker under light text (lighter under dark text) until `text` reaches `target`."""
    if ratio(text, background) >= target:
        return background
    shown = text.over(background)
    darker = luminance(shown) > 0.18
    _, lightness, _ = colorsys.rgb_to_hls(background.r, background.g, background.b)
    for step in range(1, 201):
        candidate = _rounded(_with_lightness(background, lightness + (-step if darker else step) * 0.005))
        if ratio(text, candidate) >= target:
            return candidate
    return BLACK if darker else WHITE


# --- what must be readable --------------------------------------------------------------------

@dataclass(frozen=True)
class Pairing:
    """One text colour on one background, and the ratio it needs."""

    what: str
    text: str        # CSS variable of the text colour
    background: str  # CSS variable of the background
    needed: float = AA_TEXT


PAIRINGS = (
    Pairing("header text on the primary colour (also primary buttons)", "--md-primary-bg-color", "--md-primary-fg-color"),
    Pairing("repository box in the navigation drawer", "--md-primary-bg-color", "--md-primary-fg-color--dark"),
    Pairing("links (and buttons, see palette.css) on the page", "--md-typeset-a-color", "--md-default-bg-color"),
    Pairing("links on code and table backgrounds", "--md-typeset-a-color", "--md-code-bg-color"),
    Pairing("hover and focus text in the accent colour", "--md-accent-fg-color", "--md-default-bg-color"),
    Pairing("text on the accent colour (hovered buttons, back-to-top)", "--md-accent-bg-color", "--md-accent-fg-color"),
    Pairing("secondary text (card details, captions)", "--md-default-fg-color--light", "--md-default-bg-color"),
    Pairing("body text", "--md-default-fg-color", "--md-default-bg-color"),
)


@dataclass(frozen=True)
class Measured:
    pairing: Pairing
    text: Color
    background: Color
    ratio: float

    @property
    def passes(self) -> bool:
        return self.ratio >= self.pairing.needed


def measure(variables: dict[str, str]) -> list[Measured]:
    """Every pairing's contrast ratio with these resolved variables (the page is opaque)."""
    out = []
    page = parse_color(variables["--md-default-bg-color"])
    for pairing in PAIRINGS:
        text = parse_color(variables[pairing.text])
        background = parse_color(variables[pairing.background]).over(page)
        out.append(Measured(pairing, text, background, ratio(text, background)))
    return out


# --- the stylesheet --------------------------------------------------------------------------

HEADER = """\
/* Generated by playbook_gen/contrast.py from Material for MkDocs {version}'s palette: do not edit.
   For every primary and accent colour a team may choose, in both schemes, the overrides that bring
   text to WCAG AA contrast (4.5:1), keeping each colour's hue. Regenerate with
   `python -m playbook_gen.contrast > templates/assets/palette.css` (tests/test_contrast.py checks it). */

/* Outlined buttons take the link colour, which is readable on the page in both schemes
   (Material colours them with the primary, made for the header, not for the page). */
.md-typeset .md-button:not(:where(.md-button--primary)) {{ color: var(--md-typeset-a-color); }}
"""


def _declare(selector: str, declarations: dict[str, str]) -> str:
    body = ";".join(f"{k}:{v}" for k, v in declarations.items())
    return f"{selector}{{{body}}}\n"


def _primary_selector(name: str, scheme: str | None = None) -> str:
    if scheme is None:
        return f"[data-md-color-primary={name}]"
    if scheme == "slate":
        return f"[data-md-color-scheme=slate][data-md-color-primary={name}]"
    return f"[data-md-color-primary={name}]:not([data-md-color-scheme=slate])"


def _accent_selector(name: str, scheme: str) -> str:
    if scheme == "slate":
        return f"[data-md-color-scheme=slate][data-md-color-accent={name}]"
    return f"[data-md-color-accent={name}]:not([data-md-color-scheme=slate])"


def _text_on(background: Color, preferred: Color) -> Color:
    """The preferred text colour when it is readable on `background`, else white or black, whichever is."""
    for candidate in (preferred, WHITE, Color(0, 0, 0, 0xde / 255), BLACK):
        if ratio(candidate, background) >= AA_TEXT:
            return candidate
    return max((WHITE, BLACK), key=lambda c: ratio(c, background))


def stylesheet(rules: list[Rule] | None = None, version: str | None = None) -> str:
    """The palette overrides for every primary × accent × scheme (see the module docstring)."""
    rules = material_rules() if rules is None else rules
    if version is None:
        from importlib.metadata import version as _version
        version = _version("mkdocs-material")
    accent_names = material_accents()
    out = [HEADER.format(version=version)]
    # The default scheme's variables, per scheme: text and backgrounds every palette shares.
    for scheme in SCHEMES:
        base = resolve(rules, scheme, "indigo", "indigo")
        page = parse_color(base["--md-default-bg-color"])
        fixed = {}
        for var in ("--md-default-fg-color", "--md-default-fg-color--light"):
            color = parse_color(base[var])
            better = readable_text(color, [page])
            if better != color:
                fixed[var] = Color(better.r, better.g, better.b).hex  # opaque: the alpha made it unreadable
        if fixed:
            out.append(f"\n/* Secondary text in the {scheme} scheme */\n")
            out.append(_declare(f"[data-md-color-scheme={scheme}]" if scheme == "slate"
                                else ":root,[data-md-color-scheme=default]", fixed))
    out.append("\n/* Primary colours: the header (scheme-independent), then links per scheme */\n")
    for name in MATERIAL_COLORS:
        plain = resolve(rules, "default", name, "indigo")
        header_text = parse_color(plain["--md-primary-bg-color"])
        header: dict[str, str] = {}
        background = parse_color(plain["--md-primary-fg-color"]).over(WHITE)
        better = readable_background(background, header_text)
        if better != background:
            header["--md-primary-fg-color"] = better.hex
        if header:
            out.append(_declare(_primary_selector(name), header))
        for scheme in SCHEMES:
            shown = resolve(rules, scheme, name, "indigo")
            page = parse_color(shown["--md-default-bg-color"])
            code = parse_color(shown["--md-code-bg-color"]).over(page)
            link = parse_color(shown["--md-typeset-a-color"]).over(page)
            declarations = {}
            better = readable_text(link, [page, code])
            if better != link or header:  # it may follow the darkened primary: pinned
                declarations["--md-typeset-a-color"] = better.hex
            dark = parse_color(shown["--md-primary-fg-color--dark"]).over(page)  # white's is transparent
            better = readable_background(dark, header_text)
            if better != dark:
                declarations["--md-primary-fg-color--dark"] = better.hex
            if declarations:
                out.append(_declare(_primary_selector(name, scheme), declarations))
    out.append("\n/* Accent colours, per scheme (names Material has no accent for use its primary shade) */\n")
    for name in MATERIAL_COLORS:
        for scheme in SCHEMES:
            shown = resolve(rules, scheme, "indigo", name)
            page = parse_color(shown["--md-default-bg-color"])
            if name in accent_names:
                accent = parse_color(shown["--md-accent-fg-color"]).over(page)
            else:
                accent = parse_color(resolve(rules, scheme, name, "indigo")["--md-primary-fg-color"]).over(page)
            better = readable_text(accent, [page])
            text = parse_color(shown["--md-accent-bg-color"])
            on_accent = _text_on(better, text)
            declarations = {}
            if better != parse_color(shown["--md-accent-fg-color"]):
                declarations["--md-accent-fg-color"] = better.hex
                declarations["--md-accent-fg-color--transparent"] = better.hex + "1a"
            if on_accent != text:
                declarations["--md-accent-bg-color"] = on_accent.hex
                declarations["--md-accent-bg-color--light"] = Color(on_accent.r, on_accent.g, on_accent.b, 0.7).hex
            if declarations:
                out.append(_declare(_accent_selector(name, scheme), declarations))
    return "".join(out)


PALETTE_CSS = "palette.css"  # in templates/assets/, added to every edition's extra_css


def combinations() -> list[tuple[str, str, str]]:
    """Every (scheme, primary, accent) a team may choose (models.Palette allows any Material colour as either)."""
    return [(scheme, primary, accent) for scheme in SCHEMES for primary in MATERIAL_COLORS for accent in MATERIAL_COLORS]


def shipped_css() -> str:
    """The palette.css the editions will ship: a user's templates/assets/palette.css replaces the bundled one."""
    from .paths import template_dirs

    for folder in template_dirs():
        path = folder / "assets" / PALETTE_CSS
        if path.is_file():
            return path.read_text("utf-8")
    return ""


def problems(primary: str | None, accent: str | None, scheme: str = "default",
             css: str | None = None) -> list[str]:
    """Why this palette does not reach WCAG AA with the stylesheet the editions ship (`css`, default
    `shipped_css()`): one reason per failing pairing; empty when every text is readable."""
    rules = material_rules() + parse_rules(shipped_css() if css is None else css)
    found = []
    for m in measure(resolve(rules, scheme, primary or "indigo", accent or "indigo")):
        if not m.passes:
            found.append(f"{m.pairing.what}: {m.text.hex} on {m.background.hex} is {m.ratio:.2f}:1, "
                         f"WCAG AA needs {m.pairing.needed:g}:1")
    return found


if __name__ == "__main__":
    sys.stdout.write(stylesheet())
