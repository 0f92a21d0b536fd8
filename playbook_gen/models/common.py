"""The building blocks every model uses: patterns and vocabularies, checked scalar types, `Prose`,
the `Model` base, and small helpers on them."""
from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal, get_args
from zoneinfo import ZoneInfo, available_timezones

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from ..slug import SLUG_MAX_LENGTH, SLUG_PATTERN, is_slug

# A base URL reaches HTML attributes, the sitemap and calendar.ics: http(s) only, and
# nothing that could end an attribute or a line (spaces, quotes, angle brackets).
SITE_URL_PATTERN = r"^https?://[^\s\"'<>`\\{}|^]+$"
# Names a build writes at the top of an output folder, beside the team editions (a name's part
# before its first dot: `index` for index.html, since servers answer /index with index.html).
# tests/test_team_files.py builds the demo and checks that this covers everything it wrote.
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


class ContentText(str):
    """A text value of the content pack (a title, a step, a summary) wherever plan copies it: what a
    translated edition translates (i18n/source.py marks the loaded content's values); team data is plain str."""


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


METRIC_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"
MetricName = Annotated[str, Field(pattern=METRIC_PATTERN, description="A metric's name, declared in playbook.yml.")]
Number = Annotated[float, Field(allow_inf_nan=False, ge=-1e12, le=1e12)]


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


RESERVED_TEAM_PREFIX = "library-"
LANGUAGE_PATTERN = r"^[a-z]{2}(-[A-Za-z]{2,4})?$"
Language = Annotated[str, Field(pattern=LANGUAGE_PATTERN)]


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
