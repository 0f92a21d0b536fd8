"""RFC 5545 (iCalendar) writer for the coaching calendar.

Hand-written rather than the `icalendar` package because the rules we must
meet are few and exact, and we want them visible: CRLF after every line,
lines folded at 75 *octets* without splitting a UTF-8 sequence, TEXT values
escaped (backslash, semicolon, comma, newline), a VTIMEZONE built from the
IANA database so Outlook (which ignores bare TZIDs) places events correctly,
and byte-identical output for identical input. `icalendar` parses our output
back in the tests.
"""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from ...build_date import source_date
from ...i18n.strings import SOURCE_LANGUAGE, gettext
from .events import CalendarEvent
from .view import CoachingCalendar

PRODID = "-//playbook-gen//Coaching playbook calendar//EN"
MAX_OCTETS = 75


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n"))


def fold(line: str) -> bytes:
    """One content line, folded at 75 octets (§3.1), never inside a UTF-8 sequence, ending CRLF."""
    if line.isascii():  # one octet per character: cut at 75, then 74 after the leading space
        data = line.encode("ascii")
        parts = [data[:MAX_OCTETS]] + [b" " + data[i:i + MAX_OCTETS - 1]
                                       for i in range(MAX_OCTETS, len(data), MAX_OCTETS - 1)]
        return b"\r\n".join(parts) + b"\r\n"
    out: list[bytes] = []
    current = b""
    limit = MAX_OCTETS
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            out.append(current)
            current = b" "
            limit = MAX_OCTETS
        current += encoded
    out.append(current)
    return b"\r\n".join(out) + b"\r\n"


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(value: datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%S")


def _utcoffset(value: datetime) -> timedelta:
    """The UTC offset of an aware datetime (every one here has a ZoneInfo or UTC)."""
    offset = value.utcoffset()
    assert offset is not None, value
    return offset


def _offset(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    sign = "+" if seconds >= 0 else "-"
    seconds = abs(seconds)
    text = f"{sign}{seconds // 3600:02d}{seconds % 3600 // 60:02d}"
    return text + (f"{seconds % 60:02d}" if seconds % 60 else "")


def _transitions(zone: ZoneInfo, start: datetime, end: datetime) -> list[datetime]:
    """UTC instants in [start, end) where the zone's offset or name changes (to the minute)."""
    def state(t: datetime):
        local = t.astimezone(zone)
        return local.utcoffset(), local.tzname()

    found = []
    t = start
    while t < end:
        nxt = t + timedelta(days=1)
        if state(t) != state(nxt):
            lo, hi = t, nxt
            while hi - lo > timedelta(minutes=1):
                mid = lo + (hi - lo) / 2
                if state(mid) == state(lo):
                    lo = mid
                else:
                    hi = mid
            found.append(hi.replace(second=0, microsecond=0))
        t = nxt
    return found


def vtimezone(tzid: str, first: date, last: date) -> list[str]:
    """VTIMEZONE with every observance from a year before `first` to a year after `last`."""
    return list(_vtimezone(tzid, first.year, last.year))


@lru_cache(maxsize=64)
def _vtimezone(tzid: str, first_year: int, last_year: int) -> tuple[str, ...]:
    zone = ZoneInfo(tzid)
    start = datetime(first_year - 1, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 2, 1, 1, tzinfo=UTC)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzid}"]
    changes = _transitions(zone, start, end)
    if not changes:
        local = start.astimezone(zone)
        offset = _offset(_utcoffset(local))
        lines += ["BEGIN:STANDARD", "DTSTART:19700101T000000", f"TZOFFSETFROM:{offset}", f"TZOFFSETTO:{offset}",
                  f"TZNAME:{escape_text(local.tzname() or tzid)}", "END:STANDARD"]
    before = start.astimezone(zone)
    for change in changes:
        after = change.astimezone(zone)
        kind = "DAYLIGHT" if after.dst() else "STANDARD"
        wall = (change + _utcoffset(before)).replace(tzinfo=None)  # local time in the old offset
        lines += [f"BEGIN:{kind}", f"DTSTART:{_local(wall)}", f"TZOFFSETFROM:{_offset(_utcoffset(before))}",
                  f"TZOFFSETTO:{_offset(_utcoffset(after))}", f"TZNAME:{escape_text(after.tzname() or tzid)}",
                  f"END:{kind}"]
        before = after
    lines.append("END:VTIMEZONE")
    return tuple(lines)


def _event(event: CalendarEvent, tzid: str, stamp: str, url_base: str | None, language: str) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{stamp}"]
    if event.all_day:
        lines += [f"DTSTART;VALUE=DATE:{event.start:%Y%m%d}", f"DTEND;VALUE=DATE:{event.end:%Y%m%d}",
                  "TRANSP:TRANSPARENT"]
    else:
        start, end = event.start, event.end
        assert isinstance(start, datetime) and isinstance(end, datetime)  # not all day: both have a time
        if tzid == "UTC":
            lines += [f"DTSTART:{_utc(start)}", f"DTEND:{_utc(end)}"]
        else:
            lines += [f"DTSTART;TZID={tzid}:{_local(start)}", f"DTEND;TZID={tzid}:{_local(end)}"]
    lines.append(f"SUMMARY:{escape_text(event.title)}")
    description = event.description
    if event.practice is not None and url_base:
        url = f"{url_base.rstrip('/')}/practices/{event.practice.id}/"
        description += "\n\n" + gettext(language, "Practice card: %(url)s") % {"url": url}
        lines.append(f"URL:{url}")
    lines.append(f"DESCRIPTION:{escape_text(description)}")
    cadence = event.cadence or (event.practice.cadence if event.practice is not None else "")
    if cadence:  # a category a calendar app shows: the cadence in the edition's words ("wöchentlich")
        lines.append(f"CATEGORIES:{escape_text(gettext(language, cadence))}")
    lines.append("END:VEVENT")
    return lines


def default_stamp(calendar: CoachingCalendar) -> datetime:
    """DTSTAMP: `SOURCE_DATE_EPOCH` when set, else the quarter's first day (00:00 UTC): reproducible either way."""
    return source_date() or datetime.combine(calendar.first_day, time(0), tzinfo=UTC)


def subscribe_url(edition_url: str | None) -> str | None:
    """The `webcal://` address of an edition's calendar.ics, or None when the edition's address is
    unknown (no `site_url`; manager editions). A calendar app subscribed to it fetches it again on
    its own, so a rebuild reaches the calendar; an imported download never changes."""
    if not edition_url:
        return None
    scheme, sep, rest = edition_url.partition("://")
    if scheme not in ("http", "https") or not sep or not rest.strip("/"):
        return None
    url = "webcal://" + rest.rstrip("/") + "/calendar.ics"
    return url.translate(_MARKDOWN_URL)  # the link is written as Markdown: no bracket may end it


_MARKDOWN_URL = {ord("("): "%28", ord(")"): "%29", ord("["): "%5B", ord("]"): "%5D", ord(" "): "%20"}


def calendar_ics(calendar: CoachingCalendar, *, stamp: datetime, url_base: str | None = None,
                 language: str = SOURCE_LANGUAGE) -> bytes:
    """The whole calendar as RFC 5545 bytes. `stamp` becomes every DTSTAMP; `language` is the edition's (the
    events' texts are in it already: plan's messages, translated with the edition; here, the card link's label)."""
    dtstamp = _utc(stamp)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{escape_text(calendar.name)}", f"X-WR-TIMEZONE:{calendar.timezone}",
             # how often a subscribed calendar app fetches it again (RFC 7986; Outlook's name)
             "REFRESH-INTERVAL;VALUE=DURATION:P1D", "X-PUBLISHED-TTL:P1D"]
    if calendar.timezone != "UTC":
        lines += vtimezone(calendar.timezone, calendar.first_day, calendar.last_day)
    for event in calendar.events:
        lines += _event(event, calendar.timezone, dtstamp, url_base, language)
    lines.append("END:VCALENDAR")
    return b"".join(fold(line) for line in lines)
