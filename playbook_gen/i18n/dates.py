"""Dates that plan wrote in English words, re-worded in the edition's language.

Planning is language-independent, so the calendar page's rows ("Tue 5 Jan", "Week 3: 18 January",
"every week, Tuesday 10:00") reach a translated edition in English. `reword` finds English month and
weekday names (with their day number) in the strings of a page's context and writes them with the
language's CLDR names and order from Babel: "Di. 5. Jan.", "4. Januar", "Dienstag". Everything else in
the string is left as it was.
"""
from __future__ import annotations

import functools
import re
from datetime import date
from typing import Any

from babel.dates import format_date, get_day_names, get_month_names

from .formats import locale
from .strings import gettext

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH = {**{m: i + 1 for i, m in enumerate(_MONTHS)}, **{m[:3]: i + 1 for i, m in enumerate(_MONTHS)}}
_DAY = {**{d: i for i, d in enumerate(_DAYS)}, **{d[:3]: i for i, d in enumerate(_DAYS)}}
_WEEK = re.compile(r"\bWeek (\d+)\b")
_WEEKS = re.compile(r"\bWeeks (\d+)[–-](\d+)\b")
PATTERNS = {(True, True): "d MMMM y", (False, True): "d MMM y", (True, False): "d MMMM", (False, False): "d MMM"}
_WORDS = re.compile(
    r"\b(?:(?P<day>\d{1,2}) (?P<month>" + "|".join(sorted(_MONTH, key=len, reverse=True)) + r")\b(?: (?P<year>\d{4}))?"
    r"|(?P<month_only>" + "|".join(_MONTHS) + r")(?: (?P<month_year>\d{4}))?"
    r"|(?P<weekday>" + "|".join(sorted(_DAY, key=len, reverse=True)) + r"))\b")


@functools.lru_cache(maxsize=4096)
def reword_text(text: str, language: str) -> str:
    where = locale(language)

    def replace(found: re.Match[str]) -> str:
        if found.group("day"):
            month = found.group("month")
            wide = len(month) > 3
            year = int(found.group("year") or 2000)
            pattern = PATTERNS[(wide, bool(found.group("year")))]  # marked in strings.VOCABULARY
            pattern = gettext(language, pattern)
            return format_date(date(year, _MONTH[month], int(found.group("day"))), pattern, locale=where)
        if found.group("month_only"):
            name = get_month_names("wide", locale=where)[_MONTH[found.group("month_only")]]
            return f"{name} {found.group('month_year')}" if found.group("month_year") else name
        weekday = found.group("weekday")
        return get_day_names("wide" if len(weekday) > 3 else "abbreviated", locale=where)[_DAY[weekday]]

    text = _WEEKS.sub(lambda m: gettext(language, "Weeks %(first)d–%(last)d") % {
        "first": int(m.group(1)), "last": int(m.group(2))}, text)
    text = _WEEK.sub(lambda m: gettext(language, "Week %(num)d") % {"num": int(m.group(1))}, text)
    return _WORDS.sub(replace, text)


def reword(value: Any, language: str) -> Any:
    """`value` (a page's context: dicts, lists, strings) with every English date word in `language`."""
    if type(value) is str:
        return reword_text(value, language)
    if isinstance(value, dict):
        return {k: reword(v, language) for k, v in value.items()}
    if isinstance(value, list):
        return [reword(v, language) for v in value]
    return value
