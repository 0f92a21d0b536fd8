"""The team file's model: the team, its manager's week, its members and their 1:1 slots and threads."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, JsonValue, model_validator

from .common import (
    DEFAULT_COACHING_HOURS,
    DEFAULT_WORKING_HOURS,
    MATERIAL_COLORS,
    RESERVED_TEAM_PREFIX,
    WORKING_HOURS_PATTERN,
    Clock,
    Every,
    IsoDate,
    Language,
    Model,
    Number,
    SlotMinutes,
    Slug,
    Text,
    TextList,
    Weekday,
    _check_timezone,
    _check_working_hours,
    slugify,
)

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


class Manager(Model):
    """The team's manager."""

    name: Text = Field(description="The manager's name, shown in every edition of the team.")
    email: Text | None = Field(default=None, description="The manager's e-mail address.")
    coaching_hours_per_week: Annotated[float, Field(ge=0.5, le=40)] = Field(
        default=DEFAULT_COACHING_HOURS, description=(
            "Hours a week the plan may book for coaching, one-on-ones included (default 6). "
            "Manager edition only."))



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
