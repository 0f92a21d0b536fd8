"""Typed models of the content pack and team data.

These models are the single source of truth for field names, types and
vocabularies: the validator reports against them and `schemas/` is generated
from them. Every model forbids unknown fields so a typo is an error, not a
silently ignored line.
"""
from __future__ import annotations

import re
from typing import Annotated, Literal, Optional
from zoneinfo import ZoneInfo, available_timezones

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
RESERVED_TEAM_IDS = {"library", "assets", "search", "index"}

CADENCES = ("once", "weekly", "biweekly", "monthly", "quarterly", "as-needed")
DIFFICULTIES = ("easy", "medium", "hard")
MATERIAL_COLORS = (
    "red", "pink", "purple", "deep-purple", "indigo", "blue", "light-blue", "cyan", "teal",
    "green", "light-green", "lime", "yellow", "amber", "orange", "deep-orange", "brown",
    "grey", "blue-grey", "black", "white",
)


def _check_slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(
            f"'{value}' is not a valid id: use lower-case letters, digits and single hyphens (like 'weekly-one-on-one')"
        )
    return value


def _check_timezone(value: str) -> str:
    if value not in _timezones():
        raise ValueError(f"'{value}' is not an IANA time zone name (like 'Europe/Berlin' or 'UTC')")
    ZoneInfo(value)
    return value


_TZ_CACHE: set[str] = set()


def _timezones() -> set[str]:
    if not _TZ_CACHE:
        _TZ_CACHE.update(available_timezones() | {"UTC"})
    return _TZ_CACHE


Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=64), AfterValidator(_check_slug)]
Text = Annotated[str, Field(min_length=1, max_length=5000)]
TextList = list[Text]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Source(Model):
    """A source article, cited with only what the article itself gives."""

    author: Optional[Text] = None
    title: Optional[Text] = None
    publication: Optional[Text] = None
    year: Optional[Annotated[int, Field(ge=1800, le=2100)]] = None
    description: Optional[Text] = Field(
        default=None, description="For an article with no title: describe it by its subject. Never invent a byline."
    )

    @model_validator(mode="after")
    def _title_or_description(self) -> "Source":
        if not (self.title or self.description):
            raise ValueError("a source needs a 'title' or, when the article has none, a 'description'")
        return self


class Principle(Model):
    """One consultative-selling principle and the management practice it becomes."""

    id: Slug
    title: Text
    selling: Text = Field(description="The consultative-selling principle (Markdown allowed).")
    management: Text = Field(description="The management practice it becomes (Markdown allowed).")
    why: Text = Field(description="Why it matters, with reference to its sources (Markdown allowed).")
    tell_mode: TextList = Field(min_length=1)
    serve_mode: TextList = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    tags: list[Slug] = Field(default_factory=list)


class SayInstead(Model):
    says: Text = Field(description="What the manager says.")
    hears: Text = Field(description="What the rep hears.")
    instead: Text = Field(description="What to say instead.")


class Practice(Model):
    """A practice card: what a manager does, step by step."""

    id: Slug
    title: Text
    principle: Slug
    summary: Text
    minutes: Annotated[int, Field(ge=1, le=1440)]
    cadence: Literal[CADENCES]  # type: ignore[valid-type]
    people: Text
    difficulty: Literal[DIFFICULTIES]  # type: ignore[valid-type]
    steps: TextList = Field(min_length=1)
    questions: TextList = Field(default_factory=list)
    say_instead: list[SayInstead] = Field(default_factory=list)
    signals: TextList = Field(default_factory=list)
    red_flags: TextList = Field(default_factory=list)
    tags: list[Slug] = Field(default_factory=list)


class Situation(Model):
    id: Slug
    title: Text
    signs: TextList = Field(min_length=1)
    why: Text
    practices: list[Slug] = Field(min_length=1, description="Practice ids, in the order to try them.")


class Manager(Model):
    name: Text
    email: Optional[Text] = None


class Member(Model):
    """A team member. Only fields marked public may appear in shareable output."""

    name: Text = Field(json_schema_extra={"public": True})
    id: Optional[Slug] = Field(default=None, description="Derived from the name when absent.")
    role: Text = Field(json_schema_extra={"public": True})
    tenure_months: Optional[Annotated[int, Field(ge=0, le=1200)]] = None
    goals: TextList = Field(default_factory=list)
    strengths: TextList = Field(default_factory=list)
    focus: list[Slug] = Field(default_factory=list, description="Practice ids this member focuses on.")
    notes: Optional[Annotated[str, Field(max_length=5000)]] = None

    @classmethod
    def public_fields(cls) -> set[str]:
        return {
            name for name, info in cls.model_fields.items()
            if isinstance(info.json_schema_extra, dict) and info.json_schema_extra.get("public")
        }

    @property
    def slug(self) -> str:
        return self.id or slugify(self.name)


class Palette(Model):
    primary: Optional[Literal[MATERIAL_COLORS]] = None  # type: ignore[valid-type]
    accent: Optional[Literal[MATERIAL_COLORS]] = None  # type: ignore[valid-type]


def _check_team_id(value: str) -> str:
    if value in RESERVED_TEAM_IDS:
        raise ValueError(f"team id '{value}' is reserved; choose another")
    return value


class Team(Model):
    id: Annotated[Slug, AfterValidator(_check_team_id)]
    name: Text
    manager: Manager
    quarter: Annotated[str, Field(pattern=r"^[0-9]{4}-Q[1-4]$", description="Calendar quarter, YYYY-QN.")]
    timezone: Annotated[str, AfterValidator(_check_timezone)] = "UTC"
    language: Annotated[str, Field(pattern=r"^[a-z]{2}(-[A-Za-z]{2,4})?$")] = "en"
    palette: Optional[Palette] = None
    logo: Optional[Text] = Field(default=None, description="Image path relative to the content folder.")
    situations: list[Slug] = Field(default_factory=list)
    goals: TextList = Field(default_factory=list)
    members: list[Member] = Field(default_factory=list)


class Playbook(Model):
    title: Text
    intro: Text = Field(description="Markdown shown on the library's home page.")
    version: Optional[Text] = None
    site_url: Optional[Annotated[str, Field(pattern=r"^https?://")]] = None
    offline: bool = False
    language: Annotated[str, Field(pattern=r"^[a-z]{2}(-[A-Za-z]{2,4})?$")] = "en"


KINDS: dict[str, type[Model]] = {
    "playbook": Playbook,
    "principle": Principle,
    "practice": Practice,
    "situation": Situation,
    "team": Team,
}


def slugify(text: str) -> str:
    """A page-safe id from free text ('Zoë O'Neil' -> 'zoe-o-neil')."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:64].strip("-") or "member"
