"""Escaping and link style: what a page template prints, without building anything.

Fast, no MkDocs: every value is literal Markdown text unless it is trusted Markup, Markdown
links are relative to the page, and raw-HTML hrefs follow how the chosen engine reads them.
The whole hostile page, built and shown in a browser, is in tests/e2e/test_security.py.
"""
from __future__ import annotations

import re

import pytest
from markupsafe import Markup

from playbook_gen.errors import UnsafeNameError
from playbook_gen.render import environment, md_text


def test_md_text_turns_markdown_and_html_syntax_into_character_references():
    text = md_text("**bold** <script>x</script> [a](b) `c` # d | e {: f}")
    left = re.sub(r"&#\d+;|&lt;|&gt;", "", text)  # what is not a character reference
    assert left == "bold scriptxscript ab c  d  e  f"
    assert text.startswith("&#42;&#42;bold&#42;&#42; &lt;script&gt;")


def test_md_text_is_one_line_of_text_and_knows_none_bools_and_markup():
    assert md_text("two\n\n# lines\n  here") == "two &#35; lines here"  # no line structure survives
    assert md_text(None) == "" and md_text(True) == "yes" and md_text(False) == "no"
    assert md_text(Markup("*trusted*")) == "*trusted*"
    assert md_text(42) == "42"


def test_every_printed_value_is_escaped_whichever_template_prints_it():
    page = environment().from_string("# {{ title }}\n\n{{ link(name, 'practices/ask.md') }}\n")
    out = page.render(here="teams/emea/index.md", title="<img src=x onerror=alert(1)>", name="Ask *first*")
    assert "<img" not in out
    assert out.endswith("[Ask &#42;first&#42;](../../practices/ask.md)\n")


def test_link_refuses_a_target_that_is_not_a_slug_path():
    page = environment().from_string("{{ link('x', target) }}")
    with pytest.raises(UnsafeNameError):
        page.render(here="index.md", target="../../etc/passwd.md")


@pytest.mark.parametrize(("engine", "offline", "expected"), [
    ("mkdocs", False, "../../practice-deck.pdf"),  # MkDocs reads raw HTML from the page's URL, practices/ask/
    ("zensical", False, "../practice-deck.pdf"),  # Zensical reads it from the source file and re-bases it
    ("mkdocs", True, "../practice-deck.pdf"),  # offline: no directory URLs, the two folders are one
])
def test_file_href_follows_the_engines_link_style(engine, offline, expected):
    env = environment(engine=engine)
    env.globals["offline"] = offline
    out = env.from_string("<a href=\"{{ file_href('practice-deck.pdf') }}\">").render(here="practices/ask.md")
    assert out == f"<a href=\"{expected}\">"


def test_a_source_shows_its_full_date_when_the_article_gives_one():
    import pydantic

    from playbook_gen.models import Source
    from playbook_gen.render.escaping import source_line
    from playbook_gen.render.pages import environment

    env = environment()
    line = env.from_string("{{ source_line(source) }}")
    dated = Source(author="David Brock", title="What If", year=2013, date="2013-01-09")
    assert line.render(source=dated) == "*What If*, David Brock, 9 January 2013"
    assert line.render(source=Source(description="An unsigned article", year=2013)) == "An unsigned article, 2013"
    # a German edition: the date in German; the title and author as published, marked as the content's language
    env.globals["language"] = "de"
    assert line.render(source=dated) == '*<span lang="en">What If</span>*, <span lang="en">David Brock</span>, 9&#46; Januar 2013'
    assert source_line is env.globals["source_line"]
    with pytest.raises(pydantic.ValidationError, match="is not in 'year' 2012"):
        Source(title="x", year=2012, date="2013-01-09")


def test_fill_puts_a_link_into_a_translated_sentence_and_escapes_the_rest():
    from playbook_gen.render.escaping import fill, strong

    link = Markup("[coaching calendar](calendar.md)")
    assert fill("The %(calendar)s: in %(zone)s time.", calendar=link, zone="Europe/Berlin") == \
        "The [coaching calendar](calendar.md)&#58; in Europe&#47;Berlin time&#46;"
    hostile = fill("%(name)s and %(mark)s", name="[x](javascript:alert(1)) <b>", mark=strong("Start *here*"))
    assert hostile == "&#91;x&#93;&#40;javascript&#58;alert&#40;1&#41;&#41; &lt;b&gt; and **Start &#42;here&#42;**"
    assert fill("%(a)s %(b)s", a=Markup("[a](a.md)"), b=Markup("[b](b.md)")) == "[a](a.md) [b](b.md)"
