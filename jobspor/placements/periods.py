"""kpi.md v2: an hours record always lies inside its placement's period — the week (Monday to Sunday) overlaps
start..end (an ongoing placement has no end). One place for the rule, so forms, services, the import and other
apps ask the same question:

- `week_outside_period(start, end, week)`: the Danish reason a week cannot hold hours, or None;
- `stranded_weeks(placement, start, end)`: the weeks with hours that a new period would leave outside;
- `stranded_message(weeks)`: the Danish refusal naming them ("uge 50 (2026), uge 51 (2026)").
"""

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .weeks import week_label

WEEK = dt.timedelta(days=6)
NAMED_AT_MOST = 8  # a refusal names this many weeks, then "og N flere"


def week_in_period(week: dt.date, start: dt.date, end: dt.date | None) -> bool:
    """Whether the week starting on Monday `week` overlaps start..end."""
    return week + WEEK >= start and (end is None or week <= end)


def period_text(start: dt.date, end: dt.date | None) -> str:
    return f"{start:%d.%m.%Y}–{end:%d.%m.%Y}" if end else f"{start:%d.%m.%Y}–"


def week_outside_period(start: dt.date, end: dt.date | None, week: dt.date, *, sentence=True) -> str | None:
    """The reason, as a sentence for a form or (`sentence=False`) in the import's `line N:` style."""
    if week_in_period(week, start, end):
        return None
    text = _("%(week)s ligger uden for forløbets periode (%(period)s)") % {
        "week": week_label(week), "period": period_text(start, end)}
    return f"{text[:1].upper()}{text[1:]}." if sentence else text


def stranded_weeks(placement, start: dt.date, end: dt.date | None) -> list[dt.date]:
    """The Mondays of the placement's hours records that would lie outside start..end."""
    from .models import WeekHours

    weeks = WeekHours.objects.filter(placement=placement).order_by("week").values_list("week", flat=True)
    return [week for week in weeks if not week_in_period(week, start, end)]


def weeks_text(weeks: list[dt.date]) -> str:
    named = ", ".join(week_label(w) for w in weeks[:NAMED_AT_MOST])
    if len(weeks) > NAMED_AT_MOST:
        more = len(weeks) - NAMED_AT_MOST
        named += " " + ngettext("og %(n)d uge mere", "og %(n)d uger mere", more) % {"n": more}
    return named


def stranded_message(weeks: list[dt.date], start: dt.date, end: dt.date | None, *, importing=False) -> str:
    """The refusal naming the stranded weeks; `importing`: in the import's `line N:` style (it deletes none)."""
    values = {"weeks": weeks_text(weeks), "period": period_text(start, end)}
    if importing:
        return _("forløbet har timer i %(weeks)s, som ville ligge uden for den nye periode (%(period)s); en import "
                 "sletter ikke timer") % values
    return ngettext(
        "Forløbet har timer i %(weeks)s, som ville ligge uden for den nye periode (%(period)s). Ret datoen, "
        "eller bekræft at timerne i den uge skal slettes.",
        "Forløbet har timer i %(weeks)s, som ville ligge uden for den nye periode (%(period)s). Ret datoen, "
        "eller bekræft at timerne i de uger skal slettes.", len(weeks)) % values
