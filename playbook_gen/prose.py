"""Trusted prose: the only place Markdown written by the playbook owner becomes HTML.

Plain-text fields (names, goals, notes, everything from team files) never come
here: render/escaping.py's `md_text` turns them into literal Markdown text. A handful of
long-form content fields (marked `Prose` in models/) may use Markdown; this
module renders them itself with Python-Markdown and then sanitises the HTML
with nh3 (the Ammonia sanitiser), so what reaches the page is decided by an
allowlist, not by whatever a Markdown extension happens to accept:

- raw HTML is shown as text, never interpreted;
- no attribute lists (`{: onclick=… }`), no classes, ids or styles from the text;
- links survive only with http, https or mailto, or as relative links; others
  become plain text, and `playbook check` warns about them (`unsafe_links`);
- images are not loaded (an intranet page must not load anything from outside):
  they are replaced by their alt text, with a warning.

The result is a single line of HTML whose text holds no Markdown syntax, so
MkDocs passes it through unchanged wherever a template places it.
"""
from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit
from xml.etree import ElementTree as etree

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# Markdown extensions for prose: structure only. No attr_list, no md_in_html,
# nothing that reads attributes or raw HTML from the text.
EXTENSIONS = ["tables", "sane_lists", "admonition"]
ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "table", "thead", "tbody", "tr", "th", "td", "h2", "h3", "h4", "h5", "h6", "div",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
ALLOWED_CLASSES = {"div": {"admonition", "note", "tip", "warning", "danger", "info", "example", "quote",
                           "abstract", "success", "question", "failure", "bug"},
                   "p": {"admonition-title"}}
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
# Characters in text that Python-Markdown would read as syntax if the HTML were
# placed inline; `&`, `#` and `;` stay so entities keep working.
_INERT = re.compile(r"[\\`*_{}\[\]()!|:~^=+\-.?/$'\"]")
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")


@dataclass(frozen=True)
class DroppedLink:
    url: str
    reason: str


def _scheme(url: str) -> str:
    """The scheme a browser would see, after it ignores whitespace and control characters."""
    cleaned = _CONTROL.sub("", html.unescape(url)).lower()
    match = _SCHEME.match(cleaned)
    return match.group(1) if match else ""


def link_problem(url: str) -> str | None:
    """Why a link target may not appear in the built site, or None when it may."""
    scheme = _scheme(url)
    if scheme and scheme not in SAFE_SCHEMES:
        return f"link to '{url}' uses '{scheme}:'; only http, https, mailto and relative links are kept"
    return None


def _page_url(path: str, directory_urls: bool = True) -> str:
    """The URL (from the site's root) a docs-relative .md page is served at."""
    stem = path[: -len(".md")]
    if not directory_urls:  # offline editions: `x.md` → `x.html`, `a/index.md` → `a/index.html`
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@dataclass(frozen=True)
class LinkStyle:
    """How the built site will read a relative link in a page's raw HTML."""

    # the engine reads it relative to the page's source file and re-bases it to the page's URL
    # itself (Zensical: `../x/` written in `a/b.md` comes out as `../../x/` on the page served at
    # `a/b/`); MkDocs leaves raw HTML alone, read relative to the page's URL. `Engine.source_relative_links`
    engine_source_relative: bool = False
    directory_urls: bool = True  # False for offline editions (MkDocs' use_directory_urls)

    @property
    def source_relative(self) -> bool:
        """Relative to the page's source folder; else to its URL. Without directory URLs the
        two are the same folder, whichever engine."""
        return self.engine_source_relative or not self.directory_urls


DEFAULT_STYLE = LinkStyle()


def _relative_link(href: str, here: str | None, style: LinkStyle = DEFAULT_STYLE) -> str:
    """A relative link in prose, written for the site that will show the page.

    Prose means links the MkDocs way: a `.md` link is relative to the page's source
    file and points at that page; any other relative link is relative to the page's
    URL with directory URLs (`../../situations/` from `principles/x.md`). The href
    emitted leads to the same place in the built site: MkDocs and ProperDocs leave
    raw HTML alone and read it relative to the page's URL; Zensical reads it relative
    to the page's source folder; an offline edition has file URLs (`x.html`).
    """
    parts = urlsplit(href)
    if here is None or parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return href
    if parts.path.endswith(".md"):
        target = _page_url(posixpath.normpath(posixpath.join(posixpath.dirname(here), parts.path)),
                           style.directory_urls)
    else:
        target = posixpath.normpath(posixpath.join(_page_url(here), parts.path))
        target += "/" if parts.path.endswith("/") and target != "." else ""
        if target == ".":
            target = ""
        if not style.directory_urls and (target.endswith("/") or not target):
            target += "index.html"  # opened from disk, a folder shows a file listing
    if target.startswith("../"):  # outside the site: nothing to point at, leave it as written
        return href
    suffix = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    return href_to(target, here, style) + suffix


def href_to(target: str, here: str, style: LinkStyle = DEFAULT_STYLE) -> str:
    """A raw-HTML href from the page whose source is `here` to `target`, a URL path from the
    site's root (`situations/x/`, `practice-deck.pdf`), as the built site will read it."""
    base = posixpath.dirname(here) if style.source_relative else _page_url(here)
    rel = posixpath.relpath(target or ".", base or ".")
    if rel == ".":
        return "./"
    return rel + "/" if target.endswith("/") or not target else rel


class _LinkPolicy(Treeprocessor):
    def __init__(self, md: markdown.Markdown, here: str | None, style: LinkStyle, dropped: list[DroppedLink]) -> None:
        super().__init__(md)
        self.here = here
        self.style = style
        self.dropped = dropped

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for i, el in enumerate(list(parent)):
                if el.tag == "img":
                    src = el.get("src", "")
                    self.dropped.append(DroppedLink(src, f"image '{src}' is not shown: prose may not load "
                                                         "images; its alt text is shown instead"))
                    span = etree.Element("span")
                    span.text = el.get("alt", "")
                    span.tail = el.tail
                    parent.remove(el)
                    parent.insert(i, span)
                elif el.tag == "a":
                    href = el.get("href", "")
                    problem = link_problem(href)
                    if problem:
                        self.dropped.append(DroppedLink(href, problem))
                        el.tag = "span"
                        el.attrib.clear()
                    else:
                        el.set("href", _relative_link(href, self.here, self.style))


def _escape_raw_html(text: str) -> str:
    """Raw HTML in prose is shown as text; `>` at a line start stays a block quote."""
    text = html.escape(text, quote=False)
    return re.sub(r"^([ \t]*)((?:&gt;[ \t]*)+)", lambda m: m.group(1) + m.group(2).replace("&gt;", ">"), text, flags=re.M)


def render(text: str, here: str | None = None, style: LinkStyle = DEFAULT_STYLE) -> tuple[str, list[DroppedLink]]:
    """Trusted Markdown → sanitised HTML (multi-line), and the links that were dropped.

    `here` is the page's docs-relative source path; relative links are written in
    `style` (see `_relative_link`)."""
    dropped: list[DroppedLink] = []
    md = markdown.Markdown(extensions=EXTENSIONS)
    md.treeprocessors.register(_LinkPolicy(md, here, style, dropped), "playbook_link_policy", 0)
    body = md.convert(_escape_raw_html(str(text)))
    clean = nh3.clean(
        body, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, allowed_classes=ALLOWED_CLASSES,
        url_schemes=set(SAFE_SCHEMES), link_rel=None, strip_comments=True,
    )
    return clean, dropped


def unsafe_links(text: str) -> list[DroppedLink]:
    """What `render` would drop from this prose: for `playbook check` warnings."""
    if "[" not in text:  # every link and image needs one (raw `<…>` autolinks are escaped as text)
        return []
    return render(text)[1]


def _inert(html_text: str) -> str:
    """One line, with every Markdown-significant character in text turned into a reference."""
    out = []
    in_pre = 0
    for token in _TAG_OR_TEXT.split(html_text):
        if token.startswith("<"):
            lowered = token.lower()
            if lowered.startswith("<pre"):
                in_pre += 1
            elif lowered.startswith("</pre"):
                in_pre -= 1
            out.append(" ".join(token.split()))
        else:
            token = _INERT.sub(lambda m: f"&#{ord(m.group())};", token)
            out.append(token.replace("\n", "&#10;") if in_pre else " ".join(token.split("\n")))
    return "".join(out)


@lru_cache(maxsize=4096)
def to_page(text: str, here: str | None = None, style: LinkStyle = DEFAULT_STYLE) -> Markup:
    """Trusted Markdown as a raw-HTML block for a Markdown page (cached: every team edition
    shows the same practices' prose on the same pages)."""
    body, _ = render(text, here, style)
    # No `markdown="0"`: the attribute would reach the HTML (invalid there), and it is not needed,
    # since a single line whose text holds no Markdown syntax comes out of Markdown unchanged.
    return Markup(f'<div class="playbook-prose">{_inert(body)}</div>')
