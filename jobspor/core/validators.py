"""Plausible values: what both databases can hold, and dates that can be true.

Numbers: no form passes a number that a column cannot hold. PostgreSQL's `integer` is 32 bits (SQLite takes 64),
so every integer and decimal form field is kept within the 32-bit range unless it has a narrower range of its own;
both databases then refuse the same input.

Dates (see docs/adr/0003-plausible-dates.md):
- nothing before EARLIEST (1900-01-01): births, work history, "on public support since";
- the jobcentre's own records (case opened, contacts, follow-ups, placements, weeks of hours, plans) not before
  EARLIEST_RECORD (1990-01-01), older than any case system the data can come from;
- nothing after LATEST (2100-12-31), however far ahead a plan or a deadline is put;
- facts — what has already happened: a case opened, public support since, a contact or follow-up held, a week of
  hours — not after today. Planned dates (appointments, deadlines, planned actions, a placement's end) may be."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

INT_MIN, INT_MAX = -(2**31), 2**31 - 1  # PostgreSQL `integer`, the narrowest column both databases share

EARLIEST = dt.date(1900, 1, 1)
EARLIEST_RECORD = dt.date(1990, 1, 1)
LATEST = dt.date(2100, 12, 31)


def _shown(day: dt.date) -> str:
    return date_format(day, "j. F Y")


def _problem(value, earliest: dt.date, fact: bool) -> tuple[str, str] | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if value < earliest:
        return "too_early", _("Datoen kan ikke ligge før %(date)s.") % {"date": _shown(earliest)}
    if fact and value > timezone.localdate():
        return "future", _("Datoen ligger efter i dag – det, der er sket, kan ikke have en dato i fremtiden.")
    if value > LATEST:
        return "too_late", _("Datoen kan ikke ligge efter %(date)s.") % {"date": _shown(LATEST)}
    return None


def date_problem(value, *, earliest: dt.date = EARLIEST_RECORD, fact: bool = False) -> str | None:
    """Why `value` cannot be such a date (a Danish sentence), or None. `fact`: it has happened, so not after today."""
    found = _problem(value, earliest, fact)
    return found[1] if found else None


def date_errors(*, earliest: dt.date = EARLIEST_RECORD, fact: bool = False, **dates) -> dict[str, str]:
    """{field: message} for the dates given by keyword that are not plausible."""
    problems = {}
    for name, value in dates.items():
        problem = date_problem(value, earliest=earliest, fact=fact)
        if problem:
            problems[name] = problem
    return problems


def check_dates(*, earliest: dt.date = EARLIEST_RECORD, fact: bool = False, **dates) -> None:
    """Raise a ValidationError keyed by field for the dates given by keyword that are not plausible."""
    problems = date_errors(earliest=earliest, fact=fact, **dates)
    if problems:
        raise ValidationError(problems)


class DateBounds:
    """A form field validator: the date lies within the bounds (and, for a fact, not after today)."""

    def __init__(self, *, earliest: dt.date = EARLIEST_RECORD, fact: bool = False):
        self.earliest, self.fact = earliest, fact

    def __call__(self, value):
        found = _problem(value, self.earliest, self.fact)
        if found:
            raise ValidationError(found[1], code=found[0])

    def __eq__(self, other):
        return isinstance(other, DateBounds) and (self.earliest, self.fact) == (other.earliest, other.fact)


fact_date = DateBounds(fact=True)  # a date of the jobcentre's records that has happened
record_date = DateBounds()  # a date of the jobcentre's records, planned or not
life_date = DateBounds(earliest=EARLIEST)  # a date of the citizen's life (work history)
support_date = DateBounds(earliest=EARLIEST, fact=True)  # on public support since
