"""Writes to mentor assignments: keyword-only, the acting user first, one transaction, an audit event each.
A staff mentor is attached to the case as CaseStaff role "mentor" through the cases services, so the case's
access rules apply (a mentor sees the plan and its sub-goals, nothing else); ending the assignment takes that
access away again."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobspor.audit.services import event_record
from jobspor.audit.verbs import Verb
from jobspor.cases.models import CaseStaff
from jobspor.cases.services import case_staff_add, case_staff_remove
from jobspor.core.roles import CaseRole, Role

from .catalogue import BY_KEY
from .choices import Decision
from .models import MentorAssignment, MentorFollowUp, Volunteer

MAX_HOURS = Decimal("37")


def _record(actor, verb, assignment, before=None, after=None):
    case = assignment.case
    event_record(actor=actor, verb=verb, target=assignment, before=before, after=after,
                 citizen_id=case.citizen_id, case_id=case.pk)


def _snapshot(a):
    return {"mentor": a.mentor_name, "areas": list(a.areas), "tasks": a.tasks,
            "hours_per_week": str(a.hours_per_week), "starts": a.starts, "ends": a.ends}


def _validate(case, *, areas, tasks, hours_per_week, starts, ends):
    errors = {}
    if not areas:
        errors["areas"] = _("Vælg mindst ét opgaveområde fra mentorkataloget.")
    elif any(key not in BY_KEY for key in areas):
        errors["areas"] = _("Ukendt opgaveområde.")
    if not (tasks or "").strip():
        errors["tasks"] = _("Skriv mentorens konkrete opgaver.")
    if hours_per_week is None or hours_per_week <= 0:
        errors["hours_per_week"] = _("Angiv timer om ugen (mere end 0).")
    elif hours_per_week > MAX_HOURS:
        errors["hours_per_week"] = _("Højst %(hours)s timer om ugen.") % {"hours": MAX_HOURS}
    if starts is None:
        errors["starts"] = _("Angiv, hvornår mentorforløbet starter.")
    elif starts < case.opened:
        errors["starts"] = _("Mentorforløbet kan ikke starte før sagen blev oprettet (%(date)s).") % {
            "date": case.opened.strftime("%d.%m.%Y")}
    elif ends is not None and ends < starts:
        errors["ends"] = _("Slutdatoen kan ikke ligge før startdatoen.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def volunteer_create(*, actor, name: str, phone: str = "", email: str = "", organisation: str = "") -> Volunteer:
    if not (name or "").strip():
        raise ValidationError({"volunteer_name": _("Skriv den frivillige mentors navn.")})
    volunteer = Volunteer(name=name.strip(), phone=(phone or "").strip(), email=(email or "").strip(),
                          organisation=(organisation or "").strip())
    volunteer.stamp(actor)
    volunteer.full_clean()
    volunteer.save()
    return volunteer


@transaction.atomic
def mentor_assign(*, actor, case, areas: list, tasks: str, hours_per_week, starts: dt.date, ends=None,
                  employee=None, volunteer=None) -> MentorAssignment:
    """Give the case a mentor: a staff member with the mentor role (attached to the case as its mentor)
    or a volunteer. Exactly one of `employee` and `volunteer`."""
    if (employee is None) == (volunteer is None):
        raise ValidationError({"kind": _("Vælg enten en mentor fra jobcentret eller en frivillig mentor.")})
    _validate(case, areas=areas, tasks=tasks, hours_per_week=hours_per_week, starts=starts, ends=ends)
    if employee is not None:
        if not employee.is_active or not employee.has_role(Role.MENTOR):
            raise ValidationError({"employee": _("%(name)s har ikke rollen mentor.") % {"name": employee.name}})
        link = CaseStaff.objects.filter(case=case, employee=employee).first()
        if link is None:
            case_staff_add(actor=actor, case=case, employee=employee, role=CaseRole.MENTOR)
        elif link.role != CaseRole.MENTOR:
            raise ValidationError({"employee": _("%(name)s er allerede på sagen som %(role)s.") % {
                "name": employee.name, "role": link.get_role_display().lower()}})
    assignment = MentorAssignment(case=case, employee=employee, volunteer=volunteer, areas=list(areas),
                                  tasks=tasks.strip(), hours_per_week=hours_per_week, starts=starts, ends=ends)
    assignment.stamp(actor)
    assignment.full_clean(exclude=["case"])
    assignment.save()
    _record(actor, Verb.MENTOR_ASSIGNED, assignment, after=_snapshot(assignment))
    return assignment


@transaction.atomic
def mentor_assignment_update(*, actor, assignment: MentorAssignment, areas: list, tasks: str, hours_per_week,
                             starts: dt.date, ends=None) -> MentorAssignment:
    """Adjust the tasks, hours and period (the mentor itself is not changed: end and assign anew)."""
    assignment = MentorAssignment.objects.select_related("case", "employee", "volunteer") \
        .select_for_update(of=("self",)).get(pk=assignment.pk)
    _validate(assignment.case, areas=areas, tasks=tasks, hours_per_week=hours_per_week, starts=starts, ends=ends)
    first = assignment.follow_ups.order_by("held_on").values_list("held_on", flat=True).first()
    if first and first < starts:
        raise ValidationError({"starts": _("Der er opfølgninger før denne dato (%(date)s).") % {
            "date": first.strftime("%d.%m.%Y")}})
    before = _snapshot(assignment)
    assignment.areas, assignment.tasks = list(areas), tasks.strip()
    assignment.hours_per_week, assignment.starts, assignment.ends = hours_per_week, starts, ends
    assignment.stamp(actor)
    assignment.full_clean(exclude=["case"])
    assignment.save()
    after = _snapshot(assignment)
    changed = [k for k in after if before[k] != after[k]]
    if changed:
        _record(actor, Verb.MENTOR_CHANGED, assignment, before={k: before[k] for k in changed},
                after={k: after[k] for k in changed})
    return assignment


def _release_staff_mentor(actor, assignment, on: dt.date):
    """Ending a staff mentor's last running assignment on the case removes the mentor from the case."""
    if not assignment.employee_id:
        return
    still = MentorAssignment.objects.filter(case_id=assignment.case_id, employee_id=assignment.employee_id) \
        .exclude(pk=assignment.pk).exclude(ends__lt=on)
    link = CaseStaff.objects.select_related("employee").filter(
        case_id=assignment.case_id, employee_id=assignment.employee_id, role=CaseRole.MENTOR, is_primary=False).first()
    if link and not still.exists():
        case_staff_remove(actor=actor, case=assignment.case, link=link)


@transaction.atomic
def mentor_follow_up_add(*, actor, assignment: MentorAssignment, held_on: dt.date, notes: str,
                         decision: str) -> MentorFollowUp:
    """Follow up: continue, adjust or end. Ending sets the period's end to the follow-up's date."""
    assignment = MentorAssignment.objects.select_related("case", "employee", "volunteer") \
        .select_for_update(of=("self",)).get(pk=assignment.pk)
    today = timezone.localdate()
    errors = {}
    if held_on is None:
        errors["held_on"] = _("Angiv datoen for opfølgningen.")
    elif held_on > today:
        errors["held_on"] = _("En opfølgning kan ikke dateres i fremtiden.")
    elif held_on < assignment.starts:
        errors["held_on"] = _("En opfølgning kan ikke dateres før mentorforløbet startede (%(date)s).") % {
            "date": assignment.starts.strftime("%d.%m.%Y")}
    if not (notes or "").strip():
        errors["notes"] = _("Skriv, hvad opfølgningen viste.")
    if decision not in Decision.values:
        errors["decision"] = _("Vælg fortsæt, justér eller afslut.")
    if errors:
        raise ValidationError(errors)
    follow_up = MentorFollowUp(assignment=assignment, held_on=held_on, notes=notes.strip(), decision=decision)
    follow_up.stamp(actor)
    follow_up.save()
    before = None
    after = {"held_on": held_on, "decision": decision}
    if decision == Decision.END and (assignment.ends is None or assignment.ends > held_on):
        before = {"ends": assignment.ends}
        after["ends"] = held_on
        assignment.ends = held_on
        assignment.stamp(actor)
        assignment.save(update_fields=["ends", "updated_at", "updated_by"])
    _record(actor, Verb.MENTOR_FOLLOWED_UP, assignment, before=before, after=after)
    if decision == Decision.END:
        _release_staff_mentor(actor, assignment, held_on)
    return follow_up
