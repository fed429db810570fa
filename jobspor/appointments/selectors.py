"""Reads of the calendar. Pages that show citizens check access and log them (the appointment page like the
journal; the day and week lists as one list entry naming the citizens shown)."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action
from jobspor.cases.models import Case, CaseStaff
from jobspor.cases.permissions import can_change_case, case_scope_q, sees_full_case, visible_team_ids
from jobspor.organisation.models import Employee, Team
from jobspor.organisation.selectors import employee_for_user

from .choices import AppointmentStatus
from .models import Appointment
from .services import clashes

PURPOSE_CALENDAR = "Kalender og møder"
SLOT = dt.timedelta(minutes=30)
WORKDAY = (dt.time(8, 30), dt.time(15, 30))  # the first and last start of a suggested slot


def _tz():
    return timezone.get_current_timezone()


def day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=_tz())


def appointment_get(*, user, pk, path="", change=False) -> Appointment:
    """An appointment the user may see: one on a case needs full access to the case (a refusal is logged,
    as for the journal); a company meeting is for its participants and their team."""
    appointment = (Appointment.objects.select_related("case__citizen", "case__team", "company", "company_contact",
                                                      "mentor__employee", "mentor__volunteer")
                   .prefetch_related("staff").filter(pk=pk).first())
    if appointment is None:
        raise Http404
    employee = employee_for_user(user)
    case = appointment.case
    if case is not None:
        allowed = (employee is not None and Case.objects.filter(case_scope_q(employee), pk=case.pk).exists()
                   and sees_full_case(employee, case) and (not change or can_change_case(employee, case)))
        access_log_write(actor=user, action=Action.VIEW if allowed else Action.DENIED, purpose=PURPOSE_CALENDAR,
                         citizen_ids=[case.citizen_id], case_ids=[case.pk], path=path)
    else:
        staff_teams = {e.team_id for e in appointment.staff.all()}
        allowed = employee is not None and (employee in appointment.staff.all()
                                            or employee.team_id in staff_teams
                                            or bool(staff_teams & set(visible_team_ids(employee))))
    if not allowed:
        raise PermissionDenied
    return appointment


def case_appointments(*, case):
    """The case's appointments, coming first (soonest first), then earlier ones (newest first)."""
    rows = list(Appointment.objects.filter(case=case).prefetch_related("staff").order_by("start", "id"))
    now = timezone.now()
    coming = [a for a in rows if a.end >= now and a.status == AppointmentStatus.PLANNED]
    earlier = [a for a in reversed(rows) if a not in coming]
    return coming, earlier


def next_appointment(case, *, now=None):
    now = now or timezone.now()
    return (Appointment.objects.filter(case=case, status=AppointmentStatus.PLANNED, end__gte=now)
            .order_by("start", "id").first())


def next_free_slot(*, staff, case=None, after=None) -> dt.datetime:
    """The first half hour from tomorrow's working day on (weekdays, 8.30–16.00) when none of `staff` nor the
    citizen has a meeting: what the booking form proposes."""
    after = timezone.localtime(after or timezone.now())
    day = after.date() + dt.timedelta(days=1)
    for _attempt in range(10):
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        start = dt.datetime.combine(day, WORKDAY[0], tzinfo=_tz())
        last = dt.datetime.combine(day, WORKDAY[1], tzinfo=_tz())
        busy = Appointment.objects.filter(start__lt=last + SLOT, end__gt=start).exclude(
            status=AppointmentStatus.CANCELLED)
        who = Q(staff__in=[e.pk for e in staff])
        if case is not None:
            who |= Q(case__citizen_id=case.citizen_id, citizen_attends=True)
        taken = list(busy.filter(who).distinct().values_list("start", "end"))
        while start <= last:
            if not any(s < start + SLOT and e > start for s, e in taken):
                return start
            start += SLOT
        day += dt.timedelta(days=1)
    return dt.datetime.combine(day, WORKDAY[0], tzinfo=_tz())


# --- day and week -----------------------------------------------------------------------------------------

@dataclass
class Period:
    kind: str  # "dag" or "uge"
    first: dt.date
    days: list

    @property
    def previous(self) -> dt.date:
        return self.first - dt.timedelta(days=1 if self.kind == "dag" else 7)

    @property
    def next(self) -> dt.date:
        return self.first + dt.timedelta(days=1 if self.kind == "dag" else 7)


def period_of(kind: str, day: dt.date) -> Period:
    if kind == "dag":
        return Period("dag", day, [day])
    monday = day - dt.timedelta(days=day.weekday())
    return Period("uge", monday, [monday + dt.timedelta(days=i) for i in range(7)])


def teams_for(employee) -> list:
    """The teams whose calendar the employee may look at: their own, and a leader's whole department."""
    ids = set(visible_team_ids(employee))
    if employee is not None and employee.team_id:
        ids.add(employee.team_id)
    return list(Team.objects.filter(pk__in=ids).order_by("name"))


@dataclass
class Row:
    appointment: Appointment
    shows_citizen: bool  # the reader may see the case: the citizen's name is shown
    may_open: bool = True  # the reader sees the whole case (not only as its mentor): the meeting is a link
    citizen_name: str = ""
    company_name: str = ""
    staff_names: list = field(default_factory=list)  # who takes part, by name


def calendar_rows(*, user, period: Period, who: str = "mig", team_id=None, path="") -> tuple[list, list, object]:
    """(days with their rows, the employees whose calendar it is, the team) — one list entry in the access log
    for the citizens named. A colleague's meeting on a case the reader may not see shows without the citizen.

    A team's week can hold a thousand meetings: the names shown (citizen, company, staff) are read as columns and
    one list of (meeting, name) pairs, not as a case, a citizen, a company and staff objects per meeting."""
    employee = employee_for_user(user)
    if employee is None:
        raise PermissionDenied
    team = None
    if who == "team":
        teams = {t.pk: t for t in teams_for(employee)}
        team = teams.get(team_id) or teams.get(employee.team_id)
        people = list(Employee.objects.filter(team=team, is_active=True).order_by("name")) if team else [employee]
    else:
        people = [employee]
    start = day_start(period.days[0])
    end = day_start(period.days[-1] + dt.timedelta(days=1))
    appointments = list(
        Appointment.objects.filter(pk__in=Appointment.staff.through.objects.filter(employee__in=people)
                                   .values("appointment_id"), start__lt=end, end__gt=start)
        .annotate(citizen_name=F("case__citizen__name"), citizen_pk=F("case__citizen_id"),
                  case_team_id=F("case__team_id"), company_name=F("company__name"))
        .order_by("start", "id"))
    names = {}
    for appointment_id, name in (Appointment.staff.through.objects
                                 .filter(appointment_id__in=[a.pk for a in appointments])
                                 .order_by("employee__name", "employee_id")
                                 .values_list("appointment_id", "employee__name")):
        names.setdefault(appointment_id, []).append(name)
    case_ids = {a.case_id for a in appointments if a.case_id}
    visible = set(Case.objects.filter(case_scope_q(employee), pk__in=case_ids).values_list("pk", flat=True)) \
        if case_ids else set()
    team_ids = set(visible_team_ids(employee))
    attached = set(CaseStaff.objects.filter(case_id__in=visible, employee=employee).exclude(role="mentor")
                   .values_list("case_id", flat=True)) if visible else set()
    full = {a.case_id for a in appointments if a.case_id in visible
            and (a.case_team_id in team_ids or a.case_id in attached)}
    shown = {a.case_id: a.citizen_pk for a in appointments if a.case_id in visible}
    access_log_write(actor=user, action=Action.LIST, purpose=PURPOSE_CALENDAR, citizen_ids=list(shown.values()),
                     case_ids=list(shown), path=path)
    by_day = {day: [] for day in period.days}
    for a in appointments:
        rows = by_day.get(timezone.localtime(a.start).date())
        if rows is not None:
            rows.append(Row(a, a.case_id is None or a.case_id in visible, a.case_id is None or a.case_id in full,
                            citizen_name=a.citizen_name or "", company_name=a.company_name or "",
                            staff_names=names.get(a.pk, [])))
    return list(by_day.items()), people, team


def booking_clashes(*, start, end, staff, case=None, exclude=None):
    return clashes(start=start, end=end, staff=staff, case=case, exclude=exclude)


# --- the citizen's own (Min side) ---------------------------------------------------------------------------

def citizen_coming(citizen, *, now=None):
    """The citizen's coming appointments they take part in, on any of their cases (read-only on Min side)."""
    now = now or timezone.now()
    return list(Appointment.objects.filter(case__citizen=citizen, citizen_attends=True, end__gte=now)
                .exclude(status=AppointmentStatus.CANCELLED)
                .prefetch_related("staff").select_related("case").order_by("start", "id"))


def citizen_appointment(citizen, pk) -> Appointment:
    """One of the citizen's own appointments; another citizen's answers 404."""
    appointment = (Appointment.objects.filter(pk=pk, case__citizen=citizen, citizen_attends=True)
                   .prefetch_related("staff").select_related("case").first())
    if appointment is None:
        raise Http404
    return appointment


def case_for_booking(*, user, pk, path="") -> Case:
    """A case the user may book on (full access and may change it, like the journal); refusals are logged."""
    case = Case.objects.select_related("citizen", "team").filter(pk=pk).first()
    if case is None:
        raise Http404
    employee = employee_for_user(user)
    allowed = (employee is not None and Case.objects.filter(case_scope_q(employee), pk=pk).exists()
               and sees_full_case(employee, case) and can_change_case(employee, case))
    access_log_write(actor=user, action=Action.VIEW if allowed else Action.DENIED, purpose=PURPOSE_CALENDAR,
                     citizen_ids=[case.citizen_id], case_ids=[case.pk], path=path)
    if not allowed:
        raise PermissionDenied
    return case
