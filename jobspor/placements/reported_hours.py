"""Hours the company reports itself on Virksomhedsindgang, and the jobformidler's confirmation or query.

A company user with the right to report hours reports one week of a running placement of their own company
(internship and ordinary hours). The week is stored as a WeekHours row with status `reported` and the reporter;
the jobformidler confirms it (`confirmed`) or queries it with a note back to the company (`queried`); the company
answers a query by reporting the week again (back to `reported`). Each step is an event with its actor.

KPIs (spec/kpi.md v2): an hours record counts whatever its status. kpi.md defines an hours record as the hours of
one placement in one week with no confirmation state, the interchange contract carries none either, and hours a
jobformidler types are never confirmed by anyone: counting only confirmed company reports would make the same data
give two numbers (here and in an export read by another system). Unconfirmed reports are flagged instead — on the
placement page, in the confirmation queue and in "Mine opgaver" — and a query is settled by correcting the week.

A week not reported by its due day (`JOBSPOR_HOURS_DUE_DAYS` after its Monday; 7 = the Monday after) shows in the
placement's primary contact's "Mine opgaver" when the company has someone who may report hours (due_weeks)."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import HOURS_MAX, HoursStatus, PlacementStatus
from .models import Placement, WeekHours
from .services import _hours, _record, _refresh_flags, week_errors
from .verbs import PlacementVerb
from .weeks import iso_week, monday_of

UNSET = object()
LOOKBACK_WEEKS = 8  # missing weeks are looked for this far back (older gaps are the jobformidler's to settle)


def due_days() -> int:
    return int(getattr(settings, "JOBSPOR_HOURS_DUE_DAYS", 7))


def due_day(week: dt.date) -> dt.date:
    """The day by which the company should have reported the week starting on Monday `week`."""
    return week + dt.timedelta(days=due_days())


def reportable_weeks(placement: Placement, today: dt.date, *, count: int = LOOKBACK_WEEKS) -> list[dt.date]:
    """Mondays the company may report now, newest first: begun (not in the future) and inside the period."""
    weeks, week = [], monday_of(today)
    while len(weeks) < count:
        if placement.end is not None and week > placement.end:
            week -= dt.timedelta(weeks=1)
            continue
        if week + dt.timedelta(days=6) < placement.start:
            break
        weeks.append(week)
        week -= dt.timedelta(weeks=1)
    return weeks


def _company_link(actor):
    link = getattr(actor, "company_user", None) if getattr(actor, "pk", None) else None
    return link if link is not None and link.is_active else None


@transaction.atomic
def hours_report(*, actor, placement: Placement, week: dt.date, internship_hours, ordinary_hours,
                 expected=UNSET) -> WeekHours:
    """The company reports a week of hours. `actor` is the company user (their company must be the placement's
    and they must have the right to report hours). `expected`: the (internship, ordinary) the user was shown, or
    None for no row: a week changed by someone else since is refused. Errors are keyed by form field."""
    placement = Placement.objects.select_for_update(of=("self",)).select_related("case").get(pk=placement.pk)
    link = _company_link(actor)
    if link is None or link.company_id != placement.company_id:
        raise ValidationError(_("Forløbet hører ikke til din virksomhed."))
    if not link.can_report_hours:
        raise ValidationError(_("Du har ikke ret til at indberette timer for virksomheden. Spørg virksomhedens "
                                "administrator."))
    if placement.status != PlacementStatus.ACTIVE:
        raise ValidationError(_("Der kan kun indberettes timer for et forløb, der er i gang."))
    errors = {}
    problem = week_errors(placement, week) if isinstance(week, dt.date) else _("Vælg en uge.")
    if problem:
        raise ValidationError({"week": problem})
    internship = _hours(internship_hours, "internship_hours", errors)
    ordinary = _hours(ordinary_hours, "ordinary_hours", errors)
    if not errors and internship + ordinary > HOURS_MAX:
        errors["ordinary_hours"] = _("Højst %(max)d timer i alt i en uge.") % {"max": HOURS_MAX}
    if errors:
        raise ValidationError(errors)
    row = WeekHours.objects.select_for_update().filter(placement=placement, week=week).first()
    now = (row.internship_hours, row.ordinary_hours) if row is not None else None
    if expected is not UNSET and expected != now:
        raise ValidationError(_("Ikke gemt: timerne for ugen er ændret, efter du åbnede siden. Siden viser nu de "
                                "gemte timer – ret dem igen, hvis de ikke passer."), code="stale")
    before = None if row is None else {"internship_hours": row.internship_hours,
                                       "ordinary_hours": row.ordinary_hours, "status": row.status}
    row = row or WeekHours(placement=placement, week=week)
    row.internship_hours, row.ordinary_hours = internship, ordinary
    row.status, row.reported_by, row.reported_at = HoursStatus.REPORTED, actor, timezone.now()
    row.reviewed_by, row.reviewed_at = None, None
    row.stamp(actor)
    row.save()
    _record(actor, PlacementVerb.HOURS_REPORTED, placement, target=row, before=before,
            after={"week": iso_week(week), "internship_hours": internship, "ordinary_hours": ordinary,
                   "status": row.status})
    _refresh_flags(placement)
    return row


def _reviewable(hours: WeekHours) -> WeekHours:
    row = WeekHours.objects.select_for_update().select_related("placement__case").get(pk=hours.pk)
    if row.status not in (HoursStatus.REPORTED, HoursStatus.QUERIED):
        raise ValidationError(_("Timerne for %(week)s venter ikke på bekræftelse (de er %(status)s).")
                              % {"week": iso_week(row.week), "status": row.get_status_display().lower()})
    return row


@transaction.atomic
def hours_confirm(*, actor, hours: WeekHours, seen: tuple[Decimal, Decimal] | None = None) -> WeekHours:
    """The jobformidler confirms a week the company reported. `seen`: the hours shown when confirming; if the
    company has changed them since, nothing is confirmed."""
    row = _reviewable(hours)
    if seen is not None and (row.internship_hours, row.ordinary_hours) != tuple(seen):
        raise ValidationError(_("Ikke bekræftet: virksomheden har ændret timerne for ugen, efter du åbnede siden. "
                                "Se de nye timer, og bekræft igen."), code="stale")
    before = {"status": row.status}
    row.status, row.reviewed_by, row.reviewed_at = HoursStatus.CONFIRMED, actor, timezone.now()
    row.stamp(actor)
    row.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at", "updated_by"])
    _record(actor, PlacementVerb.HOURS_CONFIRMED, row.placement, target=row, before=before,
            after={"week": iso_week(row.week), "internship_hours": row.internship_hours,
                   "ordinary_hours": row.ordinary_hours, "status": row.status})
    return row


@transaction.atomic
def hours_query(*, actor, hours: WeekHours, note: str) -> WeekHours:
    """The jobformidler asks the company about a reported week; the note is shown to the company on Timer."""
    note = " ".join((note or "").split())
    if not note:
        raise ValidationError({"note": _("Skriv, hvad du vil spørge virksomheden om.")})
    if len(note) > 1000:
        raise ValidationError({"note": _("Højst 1000 tegn.")})
    row = _reviewable(hours)
    before = {"status": row.status, "query_note": row.query_note}
    row.status, row.query_note = HoursStatus.QUERIED, note
    row.reviewed_by, row.reviewed_at = actor, timezone.now()
    row.stamp(actor)
    row.save(update_fields=["status", "query_note", "reviewed_by", "reviewed_at", "updated_at", "updated_by"])
    _record(actor, PlacementVerb.HOURS_QUERIED, row.placement, target=row, before=before,
            after={"week": iso_week(row.week), "status": row.status, "query_note": note})
    return row
