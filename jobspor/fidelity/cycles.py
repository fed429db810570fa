"""A team's self-assessment cycle: by default a calendar quarter (settings.JOBSPOR_FIDELITY_CYCLE_MONTHS: 1, 2,
3, 4, 6 or 12 months, counted from 1 January)."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ALLOWED_MONTHS = (1, 2, 3, 4, 6, 12)


def cycle_months() -> int:
    months = int(getattr(settings, "JOBSPOR_FIDELITY_CYCLE_MONTHS", 3))
    if months not in ALLOWED_MONTHS:
        raise ImproperlyConfigured(f"JOBSPOR_FIDELITY_CYCLE_MONTHS must be one of {ALLOWED_MONTHS}, not {months}.")
    return months


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def bounds_for(day: dt.date) -> tuple[dt.date, dt.date]:
    """The cycle holding `day`: (first day, last day)."""
    months = cycle_months()
    start = dt.date(day.year, (day.month - 1) // months * months + 1, 1)
    return start, _add_months(start, months) - dt.timedelta(days=1)


def recent(today: dt.date, count: int) -> list[tuple[dt.date, dt.date]]:
    """The `count` cycles up to and including today's, oldest first."""
    start, _end = bounds_for(today)
    found = []
    for _i in range(count):
        found.append(bounds_for(start))
        start = _add_months(start, -cycle_months())
    return found[::-1]


def is_cycle_start(day: dt.date) -> bool:
    return bounds_for(day)[0] == day


def label(start: dt.date, end: dt.date) -> str:
    """"2026 K3" for a quarter, otherwise the months, e.g. "jan.–jun. 2026"."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months == 3 and start.month in (1, 4, 7, 10):
        return f"{start.year} K{(start.month - 1) // 3 + 1}"
    if months == 12 and start.month == 1:
        return str(start.year)
    from django.utils.formats import date_format

    if months == 1:
        return date_format(start, "F Y")
    return f"{date_format(start, 'b')}–{date_format(end, 'b Y')}"
