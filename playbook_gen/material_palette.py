"""Material for MkDocs' palette, read from the CSS of the installed package.

Material defines each of its colours as CSS variables under `[data-md-color-scheme=…]`,
`[data-md-color-primary=…]` and `[data-md-color-accent=…]` selectors. contrast.py measures
what those variables show, and branding.py colours the edition index with them: one reader
of Material's stylesheets for both.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path


def _stylesheets() -> tuple[Path, Path]:
    import material

    folder = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    return next(folder.glob("main.*.min.css")), next(folder.glob("palette.*.min.css"))


_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_ATTR = re.compile(r"\[data-md-color-(scheme|primary|accent)=([a-z-]+)\]")


@dataclass(frozen=True)
class Rule:
    """A rule that sets variables on <body> (or :root), matched by its data-md-color-* attributes."""

    wants: tuple[tuple[str, str], ...]      # attributes it requires
    refuses: tuple[tuple[str, str], ...]    # attributes in :not(...)
    declarations: tuple[tuple[str, str], ...]
    media: bool = False                     # inside @media screen (Material's slate links)

    @property
    def specificity(self) -> int:
        return len(self.wants) + len(self.refuses)

    def matches(self, attrs: dict[str, str]) -> bool:
        return (all(attrs.get(k) == v for k, v in self.wants)
                and not any(attrs.get(k) == v for k, v in self.refuses))


def parse_rules(css: str) -> list[Rule]:
    """The variable-setting rules of a stylesheet, in source order (selectors with descendants are skipped)."""
    rules = []
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    for match in _RULE.finditer(css):
        head, body = match.group(1), match.group(2)
        media = "@media" in head
        head = head.rsplit("{", 1)[-1] if "{" in head else re.sub(r"^.*@media[^{]*", "", head)
        declarations = tuple(
            (name.strip(), value.strip()) for name, _, value in
            (d.partition(":") for d in body.split(";")) if name.strip().startswith("--md-"))
        if not declarations:
            continue
        for selector in head.split(","):
            selector = selector.strip()
            if selector in (":root", "[data-md-color-scheme=default]"):
                wants: tuple = () if selector == ":root" else (("scheme", "default"),)
                rules.append(Rule(wants, (), declarations, media))
                continue
            refused = re.findall(r":not\((\[[^)]*\])\)", selector)
            positive = re.sub(r":not\(\[[^)]*\]\)", "", selector)
            if not positive or _ATTR.sub("", positive) != "" or any(_ATTR.sub("", r) for r in refused):
                continue  # targets elements (".md-button", " img…"), not the body's variables
            rules.append(Rule(tuple(_ATTR.findall(positive)),
                              tuple(a for r in refused for a in _ATTR.findall(r)), declarations, media))
    return rules


def resolve(rules: list[Rule], scheme: str, primary: str, accent: str) -> dict[str, str]:
    """The CSS variables <body data-md-color-…> ends up with on screen, var() references resolved."""
    attrs = {"scheme": scheme, "primary": primary, "accent": accent}
    ordered = sorted(((rule.specificity, i, rule) for i, rule in enumerate(rules) if rule.matches(attrs)),
                     key=lambda t: (t[0], t[1]))
    values: dict[str, str] = {}
    for _, _, rule in ordered:
        values.update(rule.declarations)

    def value(name: str, depth: int = 0) -> str:
        text = values[name]
        return re.sub(r"var\((--[a-z0-9-]+)\)", lambda m: value(m.group(1), depth + 1), text) if depth < 8 else text
    return {name: value(name) for name in values}


@functools.lru_cache(maxsize=1)
def material_rules() -> list[Rule]:
    main, palette = _stylesheets()
    return parse_rules(main.read_text("utf-8")) + parse_rules(palette.read_text("utf-8"))


def material_accents() -> set[str]:
    """The accent names Material has colours for (others fall back to its default accent)."""
    return {v for rule in material_rules() for k, v in rule.wants
            if k == "accent" and any(n == "--md-accent-fg-color" for n, _ in rule.declarations)}
