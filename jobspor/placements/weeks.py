"""ISO weeks: stored as their Monday, shown and exchanged as YYYY-Www."""

import datetime as dt
import re

from django.utils.translation import gettext as _

ISO_WEEK = re.compile(r"(\d{4})-W(\d{2})")


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def iso_week(monday: dt.date) -> str:
    year, number, _day = monday.isocalendar()
    return f"{year}-W{number:02d}"


def parse_iso_week(text: str) -> dt.date | None:
    """The Monday of "YYYY-Www", or None if it is not a week that exists."""
    match = ISO_WEEK.fullmatch(text or "")
    if not match:
        return None
    try:
        return dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        return None


def weeks_of_month(year: int, month: int) -> list[dt.date]:
    """The Mondays that fall in the month (4 or 5 weeks: each week belongs to the month of its Monday)."""
    day = dt.date(year, month, 1)
    first = day + dt.timedelta(days=(7 - day.weekday()) % 7)
    weeks = []
    while first.month == month:
        weeks.append(first)
        first += dt.timedelta(days=7)
    return weeks


def week_label(monday: dt.date) -> str:
    """A week as users read it: "uge 50 (2026)" (the ISO week and its year)."""
    year, number, _day = monday.isocalendar()
    return _("uge %(number)d (%(year)d)") % {"number": number, "year": year}
