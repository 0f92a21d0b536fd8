"""The deck PDF's HTML comes from the card page's own partial: same sections, same escaping."""
from __future__ import annotations

import html.parser

from helpers import CONTENT, HOSTILE

from playbook_gen.plan import plan_all
from playbook_gen.render import deck_source, environment
from playbook_gen.validate import load_content


class _Collect(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _library_deck(folder) -> str:
    edition = next(e for e in plan_all(load_content(folder), None) if e.id == "library")
    source = deck_source(edition, environment())
    assert source is not None
    return source


def test_every_card_in_the_pdf_has_the_card_pages_sections():
    content = load_content(CONTENT)
    parsed = _Collect()
    parsed.feed(_library_deck(CONTENT))
    text = " ".join(parsed.text)
    headings = [t for t, _ in parsed.tags if t == "h3"]
    assert sum(1 for t, _ in parsed.tags if t == "section") == len(content.practices)
    assert len(headings) >= 3 * len(content.practices), "steps, say-this and signals under every card"
    for practice in content.practices.values():
        assert practice.title in text and practice.steps[0] in text.replace("\n", " ")
    say_boxes = [a for t, a in parsed.tags if a.get("class") == "pb-say__do"]
    assert len(say_boxes) == sum(len(p.say_instead) for p in content.practices.values())


def test_hostile_card_values_stay_text_in_the_pdf():
    parsed = _Collect()
    parsed.feed(_library_deck(HOSTILE / "content"))
    layout = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "section", "div",
              "span", "ul", "ol", "li", "strong", "em"}
    assert {t for t, _ in parsed.tags} <= layout, "only the deck's own tags: no value became markup"
    assert not [a for _, a in parsed.tags if any(k.startswith("on") for k in a)], "no event handler attributes"
    text = "".join(parsed.text)
    for typed in ("<img src=x onerror=alert('people')>", "<script>alert('hears')</script>", "# not a heading",
                  "{{ 7*7 }}", "Summary [click](javascript:alert('summary')) {: onclick=alert('summary') }"):
        assert typed in text, f"{typed!r} is shown as the text typed"


def test_a_german_deck_pdf_says_its_own_words_in_german():
    editions = plan_all(load_content(CONTENT), None)
    edition = next(e for e in editions if e.id == "library-de")
    env = environment()
    env.globals["language"] = edition.language  # as render_edition sets it before the deck is laid out
    source = deck_source(edition, env)
    assert source is not None
    parsed = _Collect()
    parsed.feed(source)
    assert parsed.tags[0] == ("html", {"lang": "de"})
    text = " ".join(parsed.text)
    assert "— Kartendeck" in text and "49 Praxiskarten. Jede Karte: wann und wie lange" in text
    assert "Prinzip: " in text
    for english in ("practice deck", "practice cards.", "Principle: ", "Each card:"):
        assert english not in text, english
    assert 'lang="en"' in _library_deck(CONTENT)  # the English deck as before
