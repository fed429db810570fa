"""Writes to the calendar: book, move, cancel, mark held or missed, and renew an employee's feed. Keyword
`actor=`, one transaction, validated, access checked like other case writes, and an audit event in that same
transaction. Overlapping bookings are allowed on purpose (a jobformidler double-books a walk and talk knowing
it); `clashes()` lists them so the form can warn first."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from jobspor.audit.services import actor_label, event_record
from jobspor.cases.models import Case
from jobspor.cases.permissions import can_change_case, case_scope_q
from jobspor.core.models import new_external_id
from jobspor.core.versioning import Seen, lock_for_edit
from jobspor.organisation.selectors import employee_for_user

from .choices import AppointmentStatus, AppointmentVerb, PlaceKind
from .models import Appointment, CalendarFeed, new_feed_token

# A change of these is a change of the invitation: SEQUENCE goes up and a new .ics is due.
INVITATION_FIELDS = ("start", "end", "place_kind", "place_text", "video_link", "title")
EDIT_FIELDS = (*INVITATION_FIELDS, "citizen_attends", "company_contact", "mentor")
MAX_LENGTH = dt.timedelta(hours=12)


@dataclass(frozen=True)
class Clash:
    who: str  # "Anne Holm" or "Borgeren"
    appointment: Appointment


def _record(actor, verb, appointment, before=None, after=None):
    case = appointment.case
    event_record(actor=actor, verb=verb, target=appointment, before=before, after=after,
                 citizen_id=case.citizen_id if case else None, case_id=case.pk if case else None)


def _snapshot(appointment) -> dict:
    return {"title": appointment.title, "start": appointment.start, "end": appointment.end,
            "place_kind": appointment.place_kind, "place_text": appointment.place_text,
            "video_link": appointment.video_link, "citizen_attends": appointment.citizen_attends,
            "company_contact": str(appointment.company_contact or ""),
            "mentor": str(appointment.mentor_id or ""), "status": appointment.status}


def check_may_change(actor, case) -> None:
    """Staff who may change the case may book on it (not a mentor, not someone outside the case's scope).
    Commands and imports (no actor) are trusted."""
    if actor is None or not getattr(actor, "pk", None) or case is None:
        return
    employee = employee_for_user(actor)
    if employee is None or not Case.objects.filter(case_scope_q(employee), pk=case.pk).exists() \
            or not can_change_case(employee, case):
        raise PermissionDenied


def _validate(*, case, start, end, place_kind, video_link, staff, title, company=None):
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Skriv mødets formål.")
    if start is not None and end is not None:
        if end <= start:
            errors["end"] = _("Mødet skal slutte efter det starter.")
        elif end - start > MAX_LENGTH:
            errors["end"] = _("Et møde kan højst vare 12 timer.")
    if place_kind not in PlaceKind.values:
        errors["place_kind"] = _("Ukendt mødested.")
    if place_kind == PlaceKind.VIDEO and not video_link:
        errors["video_link"] = _("Angiv linket til videomødet.")
    if not staff:
        errors["staff"] = _("Vælg mindst én medarbejder.")
    if case is None and company is None:
        errors["__all__"] = _("Et møde hører til en sag eller en virksomhed.")
    if case is not None and case.closed is not None:
        errors["__all__"] = _("Sagen er afsluttet; der kan ikke bookes nye møder.")
    if errors:
        raise ValidationError(errors)


def clashes(*, start, end, staff=(), case=None, exclude=None) -> list[Clash]:
    """Planned or held appointments overlapping [start, end) for each staff participant and for the case's
    citizen (on any of their cases). Warned about, never refused."""
    if start is None or end is None or end <= start:
        return []
    overlapping = (Appointment.objects.filter(start__lt=end, end__gt=start)
                   .exclude(status__in=[AppointmentStatus.CANCELLED])
                   .select_related("case__citizen").prefetch_related("staff").order_by("start", "id"))
    if exclude is not None and exclude.pk:
        overlapping = overlapping.exclude(pk=exclude.pk)
    staff_ids = {e.pk for e in staff}
    who_q = Q(staff__in=staff_ids) if staff_ids else Q(pk__in=[])
    if case is not None:
        who_q |= Q(case__citizen_id=case.citizen_id, citizen_attends=True)
    found = []
    for other in overlapping.filter(who_q).distinct():
        for employee in other.staff.all():
            if employee.pk in staff_ids:
                found.append(Clash(employee.name, other))
        if case is not None and other.case_id and other.case.citizen_id == case.citizen_id and other.citizen_attends:
            found.append(Clash(_("Borgeren"), other))
    return found


@transaction.atomic
def appointment_book(*, actor, title: str, start: dt.datetime, end: dt.datetime, staff, case=None, company=None,
                     place_kind: str = PlaceKind.JOBCENTRE, place_text: str = "", video_link: str = "",
                     citizen_attends: bool = True, company_contact=None, mentor=None,
                     external_id: str | None = None) -> Appointment:
    check_may_change(actor, case)
    staff = list(staff)
    _validate(case=case, start=start, end=end, place_kind=place_kind, video_link=video_link, staff=staff,
              title=title, company=company)
    appointment = Appointment(
        external_id=external_id or new_external_id("M"), case=case, company=company or (
            company_contact.company if company_contact else None),
        title=title.strip(), start=start, end=end, place_kind=place_kind, place_text=(place_text or "").strip(),
        video_link=video_link or "", citizen_attends=bool(citizen_attends and case is not None),
        company_contact=company_contact, mentor=mentor)
    appointment.stamp(actor)
    appointment.save()
    appointment.staff.set(staff)
    _record(actor, AppointmentVerb.BOOKED, appointment,
            after=_snapshot(appointment) | {"staff": ", ".join(sorted(e.name for e in staff))})
    return appointment


def _locked(appointment, seen):
    return lock_for_edit(Appointment.objects.select_related("case", "company_contact"), pk=appointment.pk,
                         seen=seen)


@transaction.atomic
def appointment_move(*, actor, appointment: Appointment, seen: Seen | None = None, staff=None,
                     **fields) -> Appointment:
    """Change the time, place, purpose or participants of a planned appointment."""
    for key in fields:
        if key not in EDIT_FIELDS:
            raise ValueError(f"appointment_move cannot set {key}")
    current = _locked(appointment, seen)
    check_may_change(actor, current.case)
    if not current.is_planned:
        raise ValidationError(_("Kun et planlagt møde kan ændres."))
    before = _snapshot(current)
    wanted_staff = list(staff) if staff is not None else list(current.staff.all())
    for key, value in fields.items():
        setattr(current, key, value.strip() if isinstance(value, str) else value)
    _validate(case=current.case, start=current.start, end=current.end, place_kind=current.place_kind,
              video_link=current.video_link, staff=wanted_staff, title=current.title, company=current.company)
    after = _snapshot(current)
    changed = [k for k in after if before[k] != after[k]]
    staff_changed = staff is not None and {e.pk for e in wanted_staff} != set(
        current.staff.values_list("pk", flat=True))
    if not changed and not staff_changed:
        return current
    if any(k in INVITATION_FIELDS for k in changed) or staff_changed:
        current.sequence += 1
    current.stamp(actor)
    current.save()
    if staff_changed:
        current.staff.set(wanted_staff)
    _record(actor, AppointmentVerb.MOVED, current, before={k: before[k] for k in changed},
            after={k: after[k] for k in changed} | (
                {"staff": ", ".join(sorted(e.name for e in wanted_staff))} if staff_changed else {}))
    return current


def _set_status(*, actor, appointment, status, verb, note="", seen=None, now=None) -> Appointment:
    current = _locked(appointment, seen)
    check_may_change(actor, current.case)
    if not current.is_planned:
        raise ValidationError(_("Mødet er allerede %(status)s.") % {"status": current.get_status_display().lower()})
    now = now or timezone.now()
    if status in (AppointmentStatus.HELD, AppointmentStatus.MISSED) and current.start > now:
        raise ValidationError(_("Et møde, der ikke er begyndt endnu, kan ikke være afholdt eller udeblevet."))
    before = {"status": current.status}
    current.status = status
    current.status_by = actor_label(actor)
    current.status_at = now
    current.status_note = (note or "").strip()[:300]
    if status == AppointmentStatus.CANCELLED:
        current.sequence += 1  # the cancellation is a new version of the invitation (METHOD:CANCEL)
    current.stamp(actor)
    current.save()
    _record(actor, verb, current, before=before, after={"status": status, "note": current.status_note})
    return current


@transaction.atomic
def appointment_cancel(*, actor, appointment, note: str = "", seen=None) -> Appointment:
    return _set_status(actor=actor, appointment=appointment, status=AppointmentStatus.CANCELLED,
                       verb=AppointmentVerb.CANCELLED, note=note, seen=seen)


@transaction.atomic
def appointment_mark_held(*, actor, appointment, note: str = "", seen=None, now=None) -> Appointment:
    return _set_status(actor=actor, appointment=appointment, status=AppointmentStatus.HELD,
                       verb=AppointmentVerb.HELD, note=note, seen=seen, now=now)


@transaction.atomic
def appointment_mark_missed(*, actor, appointment, note: str = "", seen=None, now=None) -> Appointment:
    """The citizen did not come (udeblevet): recorded on the appointment and visible in the calendar and history."""
    return _set_status(actor=actor, appointment=appointment, status=AppointmentStatus.MISSED,
                       verb=AppointmentVerb.MISSED, note=note, seen=seen, now=now)


# --- the private feed --------------------------------------------------------------------------------------

def feed_for(employee) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(employee=employee)
    return feed


@transaction.atomic
def feed_renew(*, actor, employee) -> CalendarFeed:
    """A new secret URL; the old one stops working at once (a lost phone, a shared link)."""
    feed = feed_for(employee)
    feed.token = new_feed_token()
    feed.stamp(actor)
    feed.save()
    event_record(actor=actor, verb=AppointmentVerb.FEED_RENEWED, target=feed)
    return feed
