"""The team's coaching calendar: when each practice happens (`schedule`) and its iCalendar file (`ics`)."""
