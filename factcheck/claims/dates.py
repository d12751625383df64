"""Dates as the pages print them, made in Python: the same text as Django's date filter for the app's one
language (English), at a tenth of its cost, for lists that print dozens of them."""

from datetime import date

WEEKDAYS = "Mon Tue Wed Thu Fri Sat Sun".split()
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def day_label(day: date, *, weekday: bool = False, year: bool = False) -> str:
    """ "7 Dec", "Mon 7 Dec" or "7 Dec 2026": the date filter's "j M", "D j M" and "j M Y" of a date (a
    datetime is not moved to the local time zone first, as the filter would)."""
    label = f"{day.day} {MONTHS[day.month - 1]}"
    label = f"{WEEKDAYS[day.weekday()]} {label}" if weekday else label
    return f"{label} {day.year:04d}" if year else label
