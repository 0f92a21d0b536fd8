"""Typed models of the content pack and team data.

These models are the single source of truth for field names, types and
vocabularies: the validator reports against them and `schemas/` is generated
from them. Every model forbids unknown fields so a typo is an error, not a
silently ignored line.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal, get_args
from zoneinfo import ZoneInfo, available_timezones

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, JsonValue, model_validator

from .slug import SLUG_MAX_LENGTH, SLUG_PATTERN, is_slug

# A base URL reaches HTML attributes, the sitemap and calendar.ics: http(s) only, and
# nothing that could end an attribute or a line (spaces, quotes, angle brackets).
SITE_URL_PATTERN = r"^https?://[^\s\"'<>`\\{}|^]+$"
# Names a build writes at the top of an output folder, beside the team editions (a name's part
# before its first dot: `index` for index.html, since servers answer /index with index.html).
# tests/test_team_files.py builds the demo and checks that this covers everything it wrote.
RESERVED_TEAM_IDS: dict[str, str] = {
    "library": "the org-wide library edition is published as library/",
    "index": "index.html, the list of editions, is written there",
    "readme": "README.txt of the manager editions' folder is written there",
    "favicon": "the index page's favicon is written there",
    "logo": "the index page's logo is written there",
}

CADENCES = ("once", "weekly", "biweekly", "monthly", "quarterly", "as-needed")
DIFFICULTIES = ("easy", "medium", "hard")
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday")
ONE_ON_ONE_EVERY = ("weekly", "biweekly", "monthly", "none")
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
WORKING_HOURS_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-4]):[0-5][0-9]$"
DEFAULT_WORKING_HOURS = "09:00-17:30"
DEFAULT_COACHING_HOURS = 6
WEEKS_PATTERN = r"^[0-9]{1,2}(-[0-9]{1,2})?$"  # a situation's sequence: week '1' or weeks '3-4'
MATERIAL_COLORS = (
    "red", "pink", "purple", "deep-purple", "indigo", "blue", "light-blue", "cyan", "teal",
    "green", "light-green", "lime", "yellow", "amber", "orange", "deep-orange", "brown",
    "grey", "blue-grey", "black", "white",
)


def _check_slug(value: str) -> str:
    if not is_slug(value):
        raise ValueError(
            f"'{value}' is not a valid id: use lower-case letters, digits and single hyphens (like 'weekly-one-on-one')"
        )
    return value


def _check_timezone(value: str) -> str:
    if value not in _timezones():
        import difflib

        close = difflib.get_close_matches(value, sorted(_timezones()), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise ValueError(f"'{value}' is not an IANA time zone name (like 'Europe/Berlin' or 'UTC'){hint}")
    ZoneInfo(value)
    return value


_TZ_CACHE: set[str] = set()


def _timezones() -> set[str]:
    if not _TZ_CACHE:
        _TZ_CACHE.update(available_timezones() | {"UTC"})
    return _TZ_CACHE


def _check_date(value: object) -> object:
    """A calendar date written YYYY-MM-DD (the text our loader gives; a date object passes)."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value) if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) else _no_date(value)
        except ValueError:
            _no_date(value)
    return value


def _no_date(value: str) -> date:
    raise ValueError(f"'{value}' is not a date: write it as YYYY-MM-DD, like 2024-03-18")


IsoDate = Annotated[date, BeforeValidator(_check_date)]

Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=SLUG_MAX_LENGTH), AfterValidator(_check_slug)]
Text = Annotated[str, Field(min_length=1, max_length=5000)]


class Prose(str):
    """Long-form text by the playbook owner: the only kind of value that may be rendered as Markdown.

    render/escaping.py's `markdown` filter refuses anything else, so a name, goal or note
    (plain `Text`) can never become markup, whichever template prints it.
    """


ProseText = Annotated[str, Field(min_length=1, max_length=5000, json_schema_extra={"markdown": True}),
                      AfterValidator(Prose)]
TextList = list[Text]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


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


METRIC_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"
MetricName = Annotated[str, Field(pattern=METRIC_PATTERN, description="A metric's name, declared in playbook.yml.")]
Number = Annotated[float, Field(allow_inf_nan=False, ge=-1e12, le=1e12)]


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


class Manager(Model):
    """The team's manager."""

    name: Text = Field(description="The manager's name, shown in every edition of the team.")
    email: Text | None = Field(default=None, description="The manager's e-mail address.")
    coaching_hours_per_week: Annotated[float, Field(ge=0.5, le=40)] = Field(
        default=DEFAULT_COACHING_HOURS, description=(
            "Hours a week the plan may book for coaching, one-on-ones included (default 6). "
            "Manager edition only."))


def quarter_bounds(quarter: str) -> tuple[date, date]:
    """First and last day of a quarter written 'YYYY-QN'."""
    year, q = int(quarter[:4]), int(quarter[-1])
    first = date(year, 3 * q - 2, 1)
    after = date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)
    return first, date.fromordinal(after.toordinal() - 1)


def minutes_of(clock: str) -> int:
    """'14:30' -> 870 (minutes after midnight)."""
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _check_working_hours(value: str) -> str:
    start, end = value.split("-")
    if minutes_of(end) > 24 * 60:
        raise ValueError(f"'{value}' ends after midnight; write the end as 24:00 at the latest")
    if minutes_of(end) - minutes_of(start) < 60:
        raise ValueError(f"'{value}' must start before it ends, with at least an hour between (like '09:00-17:30')")
    return value


Clock = Annotated[str, Field(pattern=TIME_PATTERN, examples=["14:00", "09:30"])]
SlotMinutes = Annotated[int, Field(ge=5, le=240)]
Weekday = Literal[WEEKDAY_NAMES]  # type: ignore[valid-type]
Every = Literal[ONE_ON_ONE_EVERY]  # type: ignore[valid-type]


class TeamOneOnOnes(Model):
    """When the team's one-on-ones happen: the day, the first start time, their length and how often.

    Members without a slot of their own follow one another from `time` on `day`.
    """

    day: Weekday = Field(default="tuesday", description="Weekday of the one-on-ones (monday to friday).")
    time: Clock = Field(default="14:00", description="Start of the first one-on-one, HH:MM, like 14:00.")
    minutes: SlotMinutes = Field(default=30, description="Length of each one-on-one, in minutes.")
    every: Every = Field(default="weekly", description="How often: weekly, biweekly, monthly or none.")


class OneOnOne(Model):
    """A member's own one-on-one slot; any field left out comes from the team's `one_on_ones`."""

    day: Weekday | None = Field(default=None, description="Weekday (monday to friday).")
    time: Clock | None = Field(default=None, description="Start time, HH:MM, like 09:30.")
    minutes: SlotMinutes | None = Field(default=None, description="Length in minutes.")
    every: Every | None = Field(default=None, description="How often: weekly, biweekly, monthly or none (no one-on-one).")


class Thread(Model):
    """An open item between the manager and the member."""

    text: Text = Field(description="What is open, in a line.")
    since: date = Field(description="Since when it is open, YYYY-MM-DD.")
    mine: bool = Field(default=False, description="true when the manager owes it (a promise of the manager's).")


class Member(Model):
    """A team member. Only fields marked public may appear in shareable output."""

    name: Text = Field(json_schema_extra={"public": True}, description="The person's name.")
    id: Slug | None = Field(default=None, description="Page id; derived from the name when absent. Two members may not share one.")
    role: Text = Field(json_schema_extra={"public": True}, description="Job title, like 'Account Executive'.")
    tenure_months: Annotated[int, Field(ge=0, le=1200)] | None = Field(default=None, description=(
        "Months in the role (or give start_date, from which they are counted)."))
    goals: TextList = Field(default_factory=list, description="The person's own goals, in their words.")
    strengths: TextList = Field(default_factory=list, description="What they are good at.")
    focus: list[Slug] = Field(default_factory=list, description="Practice ids this member focuses on.")
    notes: Annotated[str, Field(max_length=5000)] | None = Field(default=None, description="The manager's notes.")
    one_on_one: OneOnOne | None = Field(default=None, description=(
        "This member's one-on-one slot {day, time, minutes, every}; overrides the team's `one_on_ones`."))
    threads: list[Thread] = Field(default_factory=list, description=(
        "Open items between the two of you: {text, since, mine}; mine: true when you owe it."))
    employee_id: Annotated[str, Field(min_length=1, max_length=100)] | None = Field(default=None, description=(
        "The HR system's id of the person: how `playbook import roster` recognises them (never by name)."))
    start_date: IsoDate | None = Field(default=None, description=(
        "When they started in the role, YYYY-MM-DD: the months in the role are counted from it at the "
        "start of the team's quarter (instead of tenure_months)."))

    @model_validator(mode="after")
    def _one_tenure(self) -> Member:
        if self.start_date is not None and self.tenure_months is not None:
            raise ValueError("give 'start_date' or 'tenure_months', not both: with a start date the months in the "
                             "role are counted from it; delete 'tenure_months'")
        return self

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
    """Material for MkDocs colours of the team's editions."""

    primary: Literal[MATERIAL_COLORS] | None = Field(default=None, description="Header colour.")  # type: ignore[valid-type]
    accent: Literal[MATERIAL_COLORS] | None = Field(default=None, description="Link and highlight colour.")  # type: ignore[valid-type]


# Library editions in other languages are published as library-<language>/ (library-de/, …).
RESERVED_TEAM_PREFIX = "library-"
LANGUAGE_PATTERN = r"^[a-z]{2}(-[A-Za-z]{2,4})?$"
Language = Annotated[str, Field(pattern=LANGUAGE_PATTERN)]


def _check_team_id(value: str) -> str:
    if value in RESERVED_TEAM_IDS:
        raise ValueError(f"team id '{value}' is reserved: {RESERVED_TEAM_IDS[value]} at the top of the output "
                         "folder; choose another")
    if value.startswith(RESERVED_TEAM_PREFIX):
        raise ValueError(f"team id '{value}' is reserved: library editions in other languages are published as "
                         f"{RESERVED_TEAM_PREFIX}<language>/ at the top of the output folder; choose another")
    return value


class Team(Model):
    """A team: its edition's data. The file name does not matter, the id does."""

    id: Annotated[Slug, AfterValidator(_check_team_id)] = Field(
        description="The edition's folder name: lower-case letters, digits and hyphens.",
        json_schema_extra={"not": {"anyOf": [{"enum": list[JsonValue](sorted(RESERVED_TEAM_IDS))},
                                             {"pattern": f"^{RESERVED_TEAM_PREFIX}"}]}},
    )
    name: Text = Field(description="The team's name, shown as the edition's title.")
    manager: Manager
    quarter: Annotated[str, Field(pattern=r"^[0-9]{4}-Q[1-4]$", description="Calendar quarter, YYYY-QN, like 2027-Q1.")]
    timezone: Annotated[str, AfterValidator(_check_timezone)] = Field(
        default="UTC", description="IANA time zone name for the coaching calendar.",
        examples=["Europe/Berlin", "Europe/London", "America/New_York", "UTC"],
    )
    language: Language = Field(
        default="en", description=(
            "Language of the edition, like 'en' or 'de': Material's labels, search stemming, dates, and the content "
            "from content/translations/<language>.po when it differs from playbook.yml's language."))
    palette: Palette | None = None
    logo: Text | None = Field(default=None, description="Image path relative to the content folder.")
    situations: list[Slug] = Field(default_factory=list, description="Ids of the situations the team is in.")
    goals: TextList = Field(default_factory=list, description="The team's goals for the quarter.")
    working_hours: Annotated[str, Field(pattern=WORKING_HOURS_PATTERN), AfterValidator(_check_working_hours)] = Field(
        default=DEFAULT_WORKING_HOURS, description="When coaching may be booked, HH:MM-HH:MM, weekdays only (default 09:00-17:30).")
    skip: list[date] = Field(default_factory=list, description=(
        "Days nothing is booked on (holidays, offsites), YYYY-MM-DD."))
    one_on_ones: TeamOneOnOnes = Field(default_factory=TeamOneOnOnes, description=(
        "The team's one-on-one slot {day, time, minutes, every}; a member's `one_on_one` overrides it."))
    members: list[Member] = Field(default_factory=list, description="The people on the team.")
    metrics: dict[str, Number] = Field(default_factory=dict, description=(
        "The team's numbers, by metric name (declared in playbook.yml), like 'regretted_leavers_12m: 2'. "
        "Situations read them; only metrics declared public appear in the team edition."))

    @model_validator(mode="after")
    def _months_from_start_dates(self) -> Team:
        """A member's `start_date` becomes their `tenure_months`: the whole months in the role at the start of
        the team's quarter (so the number moves only when the quarter does, not with the build date). Every
        reader of tenure_months (plans, agenda, calendar) then sees the one number. Validated members are
        new objects, so setting the field here changes nothing anyone else holds."""
        at = self.quarter_start()
        for member in self.members:
            if member.start_date is not None:
                start = member.start_date
                months = (at.year - start.year) * 12 + at.month - start.month - (at.day < start.day)
                object.__setattr__(member, "tenure_months", max(months, 0))  # frozen: set once, while validating
        return self

    def quarter_start(self) -> date:
        year, q = self.quarter.split("-Q")
        return date(int(year), 3 * int(q) - 2, 1)

    def months_in_role(self, member: Member) -> int | None:
        """Whole months in the role at the start of the team's quarter: counted from `start_date` when the
        file gives one, else the `tenure_months` written by hand."""
        return member.tenure_months


class Metric(Model):
    """A number teams may give under 'metrics', and what it means."""

    label: Text = Field(description="What it measures, like 'Regretted leavers (12 months)'.")
    unit: Text = Field(description="Its unit, like 'people', 'ideas', 'hours', 'months' or '%'.")
    bad: Literal["high", "low"] = Field(description="Which way is the warning sign: 'high' or 'low'.")
    public: bool = Field(default=False, description=(
        "Whether the team edition may show it; otherwise it appears only in the manager edition."))


Columns = Annotated[Text | list[Text], Field(description=(
    "The export's header for this field, or a list of headers: the first one the export has is used."))]
DATE_FORMATS = ("YYYY-MM-DD", "DD.MM.YYYY", "DD/MM/YYYY", "MM/DD/YYYY", "DD-MM-YYYY")


class RosterColumns(Model):
    """Which column of an HR export holds what, for `playbook import roster` (defaults: common export headers)."""

    team: Columns | None = Field(default=None, description="The team: its slug is the team id, its text the team name.")
    name: Columns | None = Field(default=None, description="The person's full name (else first_name + last_name).")
    first_name: Columns | None = None
    last_name: Columns | None = None
    role: Columns | None = Field(default=None, description="Job title.")
    manager: Columns | None = Field(default=None, description="The person's manager: names each team's manager.")
    employee_id: Columns | None = Field(default=None, description="The HR system's id: how people are matched.")
    start_date: Columns | None = Field(default=None, description="When they started in the role.")
    timezone: Columns | None = Field(default=None, description="IANA time zone, for new teams' calendars.")
    date_format: Literal[DATE_FORMATS] | None = Field(  # type: ignore[valid-type]
        default=None, description="How the dates are written when not YYYY-MM-DD or DD.MM.YYYY (DD/MM/YYYY or "
                                  "MM/DD/YYYY cannot be told apart by reading them).")


class MetricsColumns(Model):
    """Columns of a metrics export, for `playbook import metrics` (long format: team, metric, value)."""

    team: Columns | None = Field(default=None, description="The team id (or its name).")
    metric: Columns | None = Field(default=None, description="Long format: the metric's name.")
    value: Columns | None = Field(default=None, description="Long format: the metric's value.")


class ImportSettings(Model):
    """How `playbook import` reads your HR and CRM exports."""

    roster: RosterColumns = Field(default_factory=RosterColumns)
    metrics: MetricsColumns = Field(default_factory=MetricsColumns)


class TranslationSettings(Model):
    """What `playbook check` requires of one language's catalogue."""

    min_complete: Annotated[int, Field(ge=0, le=100)] = Field(default=0, description=(
        "Percentage of entries that must be translated (not fuzzy); below it, check and build fail."))


class Playbook(Model):
    """playbook.yml: the playbook's title, introduction and defaults."""

    title: Text = Field(description="The playbook's title.")
    intro: ProseText = Field(description="Markdown shown on the library's home page.")
    version: Text | None = Field(default=None, description="Version of the content, like \"2027.1\" (quote it).")
    site_url: Annotated[str, Field(pattern=SITE_URL_PATTERN)] | None = Field(
        default=None, description="Base URL the editions are served under, like https://playbook.example.com/.")
    offline: Literal["auto"] | bool = Field(default="auto", description=(
        "Build editions that work opened straight from disk (file://): true, false, or auto "
        "(the default: offline when no site_url is set)."))
    language: Language = Field(
        default="en", description="Language the content is written in (the source of content/translations/*.po).")
    languages: list[Language] = Field(default_factory=list, description=(
        "Languages of the library editions to build besides the source language: library-<language>/ each, "
        "translated from content/translations/<language>.po."))
    translations: dict[Language, TranslationSettings] = Field(default_factory=dict, description=(
        "Per language: requirements on its catalogue, like {de: {min_complete: 100}}."))
    import_: ImportSettings = Field(default_factory=ImportSettings, alias="import", description=(
        "Column names of the exports `playbook import roster` and `playbook import metrics` read."))
    metrics: dict[Annotated[str, Field(pattern=METRIC_PATTERN)], Metric] = Field(default_factory=dict, description=(
        "The numbers teams may give (their 'metrics:') and situations read ('detect:'), by name: "
        "lower-case letters, digits and underscores."))


KINDS: dict[str, type[Model]] = {
    "playbook": Playbook,
    "principle": Principle,
    "practice": Practice,
    "situation": Situation,
    "scorecard": Scorecard,
    "team": Team,
}


def slugify(text: str) -> str:
    """A page-safe id from free text ('Zoë O'Neil' -> 'zoe-o-neil')."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:64].strip("-") or "member"


def prose_fields(model: type[BaseModel]) -> list[str]:
    """Names of a model's fields that hold trusted Markdown (`ProseText`)."""
    def is_prose(metadata: Any) -> bool:
        return any(getattr(m, "func", None) is Prose for m in metadata)

    # `ProseText | None` keeps its metadata on the Annotated member of the union
    return [name for name, info in model.model_fields.items()
            if is_prose(info.metadata) or any(is_prose(getattr(arg, "__metadata__", ()))
                                             for arg in get_args(info.annotation))]
