"""playbook.yml's model: the playbook's title and settings, its metrics, import and translation settings."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .common import (
    METRIC_PATTERN,
    SITE_URL_PATTERN,
    Language,
    Model,
    ProseText,
    Text,
)
from .content import Practice, Principle, Scorecard, Situation
from .team import Team


class Metric(Model):
    """A number teams may give under 'metrics', and what it means."""

    label: Text = Field(description="What it measures, like 'Regretted leavers (12 months)'.")
    unit: Text = Field(description="Its unit, like 'people', 'ideas', 'hours', 'months' or '%'.")
    unit_one: Text | None = Field(default=None, description=(
        "The unit for exactly one, like 'person' or 'idea' (default: the unit without its s). Give it when the "
        "playbook is translated: a translation cannot derive its singular from English's rule."))
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
