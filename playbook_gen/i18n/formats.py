"""Dates, times and numbers in the edition's language, from CLDR through Babel.

Templates write `{{ day | date(_("d MMMM y")) }}`: the pattern is an LDML date pattern and a
generator string, so a language can reorder it ("d. MMMM y" in German) while Babel supplies
the month and day names. The English patterns print exactly what `strftime` printed before
(`5 January 2027`, `Tue`, `Jan`, `14:00`), whatever the build machine's locale is.
"""
from __future__ import annotations

import functools
from datetime import date, datetime, time

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time
from babel.numbers import format_decimal


@functools.lru_cache(maxsize=64)
def locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def date_text(value: date | datetime, pattern: str, language: str) -> str:
    """`value` in the LDML `pattern` ('d MMMM y', 'EEE', 'MMMM') with `language`'s names."""
    day = value.date() if isinstance(value, datetime) else value
    return format_date(day, pattern, locale=locale(language))


def time_text(value: time | datetime, pattern: str, language: str) -> str:
    """`value` as 'HH:mm' (or another LDML time pattern)."""
    return format_time(value.time() if isinstance(value, datetime) else value, pattern, locale=locale(language))


def number_text(value: int | float, language: str, pattern: str | None = None) -> str:
    """1,234 in English, 1.234 in German; `pattern` an LDML number pattern ('#,##0.##': at most two decimals)."""
    return format_decimal(value, format=pattern, locale=locale(language))


def quantity_text(value: float, language: str) -> str:
    """A count or measure as a person writes it: 2.0 -> '2', 0.85 -> '0.85', 12500 -> '12,500' ('12.500' in German)."""
    return number_text(int(value) if float(value).is_integer() else value, language, "#,##0.##")
