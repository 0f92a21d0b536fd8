"""One-on-one prep (plan/prep.py): which week "This week" shows and the note that says why, and a thread's age,
in English and worded again in German (the DACH manager edition)."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from playbook_gen.plan.prep import _age, _choose_this_week

MONDAYS = [date(2027, 1, 4) + timedelta(weeks=i) for i in range(13)]
MONDAYS.remove(date(2027, 2, 15))  # a week of holidays


def german(message) -> str:
    return str(message.translated("de", lambda value: value, lambda text: None))


@pytest.mark.parametrize("today, index, english, deutsch", [
    (date(2027, 1, 6), 0, None, None),
    (date(2026, 12, 4), 0, "The quarter has not started yet (built 4 December 2026): this is its first working week.",
     "Das Quartal hat noch nicht begonnen (erstellt am 4. Dezember 2026): Dies ist seine erste Arbeitswoche."),
    (date(2027, 4, 9), 11, "The quarter is over (built 9 April 2027): this is its last working week.",
     "Das Quartal ist vorbei (erstellt am 9. April 2027): Dies ist seine letzte Arbeitswoche."),
    (date(2027, 2, 17), 5, "This week has no working days (built 17 February 2027): this is the working week before it.",
     "Diese Woche hat keine Arbeitstage (erstellt am 17. Februar 2027): Dies ist die Arbeitswoche davor."),
])
def test_this_week_and_its_note_in_english_and_german(today, index, english, deutsch):
    chosen, note = _choose_this_week(MONDAYS, today)
    assert chosen == index
    assert note == english
    if deutsch is not None:
        assert german(note) == deutsch


@pytest.mark.parametrize("days, english, deutsch", [
    (1, "1 day", "1 Tag"), (5, "5 days", "5 Tage"), (-2, "0 days", "0 Tage"), (20, "2 weeks", "2 Wochen"),
    (7 * 17, "17 weeks", "17 Wochen"), (130, "4 months", "4 Monate"),
])
def test_a_threads_age_counts_in_either_language(days, english, deutsch):
    on = date(2027, 1, 18)
    age = _age(on - timedelta(days=days), on)
    assert age == english and german(age) == deutsch
