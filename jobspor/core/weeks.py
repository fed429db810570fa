"""Weeks as people read them: "uge 50 (2026)" — the ISO week number with its ISO year (week 1 of 2027 may begin
in December 2026). Files and URLs keep the ISO form YYYY-Www."""

import datetime as dt

from django.utils.translation import gettext as _


def week_label(day: dt.date) -> str:
    """The week that `day` lies in, as shown in the UI: uge 50 (2026)."""
    year, number, _weekday = day.isocalendar()
    return _("uge %(number)d (%(year)d)") % {"number": number, "year": year}
