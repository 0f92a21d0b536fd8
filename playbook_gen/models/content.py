"""The content pack's models: principles with their sources, practice cards, situations, scorecards."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, JsonValue, model_validator

from .common import (
    CADENCES,
    DIFFICULTIES,
    WEEKS_PATTERN,
    IsoDate,
    MetricName,
    Model,
    Number,
    ProseText,
    Slug,
    Text,
    TextList,
)


class Source(Model):
    """A source article, cited with only what the article itself gives."""

    author: Text | None = Field(default=None, description="The author, only if the article names one.")
    title: Text | None = Field(default=None, description="The article's title, as published.")
    publication: Text | None = Field(default=None, description="Where it was published (magazine, blog, site).")
    year: Annotated[int, Field(ge=1800, le=2100)] | None = Field(default=None, description="Year of publication.")
    date: IsoDate | None = Field(default=None, description=(
        "Full date of publication, YYYY-MM-DD, where the article gives one; shown instead of the year."))
    description: Text | None = Field(
        default=None, description="For an article with no title: describe it by its subject. Never invent a byline."
    )

    @model_validator(mode="after")
    def _title_or_description(self) -> Source:
        if not (self.title or self.description):
            raise ValueError("a source needs a 'title' or, when the article has none, a 'description'")
        if self.date is not None and self.year is not None and self.date.year != self.year:
            raise ValueError(f"'date' {self.date.isoformat()} is not in 'year' {self.year}: give the one the article says")
        return self


class Principle(Model):
    """One consultative-selling principle and the management practice it becomes."""

    id: Slug = Field(description="Unique id: lower-case letters, digits and hyphens. Practices refer to it.")
    title: Text = Field(description="Short name of the principle, shown as the page title.")
    selling: ProseText = Field(description="The consultative-selling principle (Markdown allowed).")
    management: ProseText = Field(description="The management practice it becomes (Markdown allowed).")
    why: ProseText = Field(description="Why it matters, with reference to its sources (Markdown allowed).")
    tell_mode: TextList = Field(min_length=1, description="Concrete behaviours of a manager in tell mode.")
    serve_mode: TextList = Field(min_length=1, description="Concrete behaviours of a manager who serves the rep.")
    sources: list[Source] = Field(min_length=1, description="The articles this principle draws on.")
    tags: list[Slug] = Field(default_factory=list, description="Tags (ids) for filtering.")


class SayInstead(Model):
    """Say this, not that: what the manager says, what the rep hears, what to say instead."""

    says: Text = Field(description="What the manager says.")
    hears: Text = Field(description="What the rep hears.")
    instead: Text = Field(description="What to say instead.")


class Practice(Model):
    """A practice card: what a manager does, step by step."""

    id: Slug = Field(description="Unique id: lower-case letters, digits and hyphens. Situations and teams refer to it.")
    title: Text = Field(description="Name of the practice, shown on the card.")
    principle: Slug = Field(description="Id of the principle this practice puts to work.")
    summary: Text = Field(description="One or two sentences: what it is and when to use it.")
    minutes: Annotated[int, Field(ge=1, le=1440)] = Field(description="Time it takes, in minutes (a whole number).")
    cadence: Literal[CADENCES] = Field(description="How often to run it.")  # type: ignore[valid-type]
    people: Text = Field(description="Who takes part.")
    difficulty: Literal[DIFFICULTIES] = Field(description="How hard it is to run well.")  # type: ignore[valid-type]
    steps: TextList = Field(min_length=1, description="The steps, in order.")
    questions: TextList = Field(default_factory=list, description="Questions to ask.")
    say_instead: list[SayInstead] = Field(default_factory=list, description="Manager-speak and what to say instead.")
    signals: TextList = Field(default_factory=list, description="Signs that it works.")
    red_flags: TextList = Field(default_factory=list, description="Signs that it is going wrong.")
    tags: list[Slug] = Field(default_factory=list, description="Tags (ids) for filtering.")
    scorecards: list[Slug] = Field(default_factory=list, description=(
        "Ids of the scorecards (content/scorecards/) to use with this practice, like 'discovery-call'."))
    consent: TextList = Field(default_factory=list, description=(
        "For practices that record or count what people say: what to agree before you start (consent, "
        "data protection, the works council where there is one). Shown as a callout on the card."))


class SequenceStep(Model):
    """One stretch of a situation's week-by-week plan: which weeks, what to do, which cards help."""

    weeks: Annotated[str, Field(pattern=WEEKS_PATTERN)] = Field(
        description="The week, or first and last week, counted from the start: '1', '3-4'.", examples=["1", "3-4"])
    title: Text = Field(description="What these weeks are for, in a few words.")
    do: TextList = Field(min_length=1, description="What to do in these weeks.")
    practices: list[Slug] = Field(default_factory=list, description="Practice ids that help with it.")

    @property
    def span(self) -> tuple[int, int]:
        first, _, last = self.weeks.partition("-")
        return int(first), int(last or first)

    @model_validator(mode="after")
    def _first_week_before_last(self) -> SequenceStep:
        first, last = self.span
        if first < 1 or last < first:
            raise ValueError(f"weeks '{self.weeks}' must count up from week 1, like '3-4'")
        return self


class Situation(Model):
    """A situation a manager recognises, and the practices that answer it."""

    id: Slug = Field(description="Unique id: lower-case letters, digits and hyphens. Teams refer to it.")
    title: Text = Field(description="Name of the situation.")
    signs: TextList = Field(min_length=1, description="How a manager recognises it.")
    why: ProseText = Field(description="Why it happens (Markdown allowed).")
    practices: list[Slug] = Field(min_length=1, description="Practice ids, in the order to try them.")
    detect: list[Detect] = Field(default_factory=list, description=(
        "How the situation shows in a team's numbers: a team whose metrics meet any of these is in it."))
    sequence: list[SequenceStep] = Field(default_factory=list, description=(
        "A week-by-week plan (like a first 30-60-90 days), shown as a timeline: stretches of weeks in order."))



class Detect(Model):
    """How a situation is recognised from one of a team's numbers: a threshold, never an expression."""

    metric: MetricName = Field(description="A metric declared under 'metrics' in playbook.yml.")
    at_least: Number | None = Field(default=None, description="The situation is met when the number is this or more.")
    at_most: Number | None = Field(default=None, description="The situation is met when the number is this or less.")
    says: Text = Field(description=(
        "The evidence line shown with the situation, like '{value} regretted leavers in 12 months'; "
        "{value} is replaced by the team's number, nothing else is."))

    @model_validator(mode="after")
    def _one_threshold(self) -> Detect:
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError("give exactly one of 'at_least' or 'at_most' (the number at which the situation is met)")
        if "{value}" not in self.says:
            raise ValueError("'says' must show the number: put {value} where it goes, like '{value} ideas from reps last quarter'")
        return self


class Criterion(Model):
    """One row of a scorecard: what weak, solid and strong look like, and what to listen for."""

    name: Text = Field(description="What is scored, in a few words, like 'Discovery depth'.")
    weak: Text = Field(description="What a weak call or deal looks like on this criterion.")
    solid: Text = Field(description="What a solid one looks like.")
    strong: Text = Field(description="What a strong one looks like.")
    evidence: Text = Field(description="What to listen or look for to score it: the evidence, not an impression.")


# A scorecard's page is scorecards/<id>.md, beside the section's index.md and the sheets/ folder.
RESERVED_SCORECARD_IDS = ("index", "sheets")


def _check_scorecard_id(value: str) -> str:
    if value in RESERVED_SCORECARD_IDS:
        raise ValueError(f"scorecard id '{value}' is reserved: the scorecards section has its own {value} page; "
                         "choose another")
    return value


class Scorecard(Model):
    """A shared rubric for reviewing a call or a deal: one page, printable, downloadable as CSV."""

    id: Annotated[Slug, AfterValidator(_check_scorecard_id)] = Field(
        description="Unique id: lower-case letters, digits and hyphens. Practices refer to it.",
        json_schema_extra={"not": {"enum": list[JsonValue](RESERVED_SCORECARD_IDS)}})
    title: Text = Field(description="Name of the scorecard, shown as the page title.")
    summary: Text = Field(description="One or two sentences: what it scores and when to use it.")
    how_to_use: TextList = Field(default_factory=list, description="Short instructions for whoever fills it in.")
    criteria: list[Criterion] = Field(min_length=1, max_length=12, description=(
        "What is scored, each with weak, solid and strong, and the evidence to listen for (at most 12: one sheet)."))
    principles: list[Slug] = Field(default_factory=list, description="Ids of the principles the scorecard puts to work.")
    credit: ProseText | None = Field(default=None, description=(
        "Where the criteria come from: the articles they draw on, or general sales practice (Markdown allowed)."))
