"""Content text knows it is content text: what a translated edition translates, and nothing else.

Plan copies content text out of its models into pages and sentences (a card's steps onto a prep page,
a title into an event, a situation's name into a reason); a translated edition must translate those
copies and never team data, even team data that reads the same as a content value (a team named like a
card). So once the content is loaded, every translatable value (i18n/fields.py) is made a `ContentText`,
a `str` that says where it came from; team data stays plain `str`. (Object identity would not do: Python
shares one object between equal short strings.) `Prose` values are content text already.
"""
from __future__ import annotations

from typing import TypeVar, cast

from pydantic import BaseModel

from ..content import Content
from ..models import ContentText
from .fields import values
from .translate import model_data, rebuilt, set_path

M = TypeVar("M", bound=BaseModel)


def marked(item: M) -> M:
    data = model_data(item)
    for _, keypath, text in values(item):
        if type(text) is str:
            set_path(data, keypath, ContentText(text))
    return cast(M, rebuilt(item, data))


def mark_content_text(content: Content) -> None:
    """Every translatable value of `content` as ContentText, in place (load_content's last step)."""
    content.playbook = marked(content.playbook)
    content.principles = {k: marked(v) for k, v in content.principles.items()}
    content.practices = {k: marked(v) for k, v in content.practices.items()}
    content.situations = {k: marked(v) for k, v in content.situations.items()}
    content.scorecards = {k: marked(v) for k, v in content.scorecards.items()}
