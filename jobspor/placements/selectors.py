"""Reads of placements. Placements are citizen data: only those with full access to the case (not a mentor)
see them, every read is scoped with the case rules and written to the access log before data is returned."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext as _

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action
from jobspor.cases.models import Case, CaseStaff
from jobspor.cases.permissions import case_scope_q, sees_full_case
from jobspor.cases.selectors import case_get
from jobspor.organisation.selectors import employee_for_user

from .choices import MASTERED_WEEKS, EndReason, PlacementStatus
from .models import FollowUp, Placement, Signature, TaskRating, WeekHours, WorkAgreement

PURPOSE_PLACEMENT = "Virksomhedsforløb"


def mastered_flag_q(today: dt.date) -> Q:
    """Tasks rated ≥ 8 by the company for 4 weeks, and no ordinary hours since (seed 004)."""
    return Q(status=PlacementStatus.ACTIVE, mastered_unconverted=True,
             mastered_since__lte=today - dt.timedelta(weeks=MASTERED_WEEKS))


def overdue_flag_q(today: dt.date) -> Q:
    return Q(status=PlacementStatus.ACTIVE, follow_up_due__lt=today)


def flags_of(placement: Placement, today: dt.date) -> list[str]:
    """The placement's flags in Danish (the same rules as the two Q objects above)."""
    flags = []
    if placement.status == PlacementStatus.ACTIVE and placement.mastered_unconverted and placement.mastered_since \
            and placement.mastered_since <= today - dt.timedelta(weeks=MASTERED_WEEKS):
        flags.append(_("Opgaver mestret (8+ fra virksomheden) i mindst 4 uger uden ordinære timer – aftal løntimer "
                       "eller skift virksomhed."))
    if placement.status == PlacementStatus.ACTIVE and placement.follow_up_due and placement.follow_up_due < today:
        flags.append(_("Opfølgning overskredet (skulle have været %(date)s).")
                     % {"date": f"{placement.follow_up_due:%d.%m.%Y}"})
    return flags


def _refuse(user, case, path):
    access_log_write(actor=user, action=Action.DENIED, purpose=PURPOSE_PLACEMENT, citizen_ids=[case.citizen_id],
                     case_ids=[case.pk], path=path)
    raise PermissionDenied


def case_for_placements(*, user, case_pk, path="") -> Case:
    """The case, if the user sees it in full (mentors do not see placements); the read is logged."""
    case = case_get(user=user, pk=case_pk, path=path, purpose=PURPOSE_PLACEMENT)
    if not sees_full_case(employee_for_user(user), case):
        _refuse(user, case, path)
    return case


def placement_get(*, user, case_pk, pk, path="") -> Placement:
    case = case_for_placements(user=user, case_pk=case_pk, path=path)
    placement = Placement.objects.select_related("company", "contact", "workplace", "opening").filter(
        pk=pk, case=case).first()
    if placement is None:
        raise Http404
    placement.case = case
    return placement


def case_placements(*, case, today: dt.date) -> list[Placement]:
    """The case's placements with company, contact and the latest agreement version (for the tab)."""
    agreements = WorkAgreement.objects.order_by("-version").prefetch_related("signatures")
    placements = list(Placement.objects.filter(case=case).select_related("company", "contact", "workplace")
                      .prefetch_related(Prefetch("agreements", queryset=agreements)))
    for p in placements:
        versions = list(p.agreements.all())
        p.current_agreement = versions[0] if versions else None
        p.flags = flags_of(p, today)
    return placements


def lifeline(*, case) -> dict | None:
    """After a job start (a placement ended with ordinary employment): the primary contact's direct lines."""
    if not Placement.objects.filter(case=case, status=PlacementStatus.ENDED,
                                    end_reason=EndReason.ORDINARY_EMPLOYMENT).exists():
        return None
    link = CaseStaff.objects.select_related("employee").filter(case=case, is_primary=True).first()
    if link is None:
        return None
    return {"name": link.employee.name, "phone": link.employee.phone, "email": link.employee.email}


def placement_agreements(*, placement) -> list[WorkAgreement]:
    return list(WorkAgreement.objects.filter(placement=placement).order_by("-version")
                .prefetch_related(Prefetch("signatures", queryset=Signature.objects.order_by("signed_at", "id"))))


def placement_hours(*, placement) -> list[WeekHours]:
    return list(WeekHours.objects.filter(placement=placement).select_related("reported_by__company_user")
                .order_by("week"))


def placement_follow_ups(*, placement) -> list[FollowUp]:
    return list(FollowUp.objects.filter(placement=placement).order_by("-date", "-id")
                .prefetch_related(Prefetch("ratings", queryset=TaskRating.objects.order_by("id"))))


def agreement_version(*, placement, version) -> WorkAgreement:
    agreement = (WorkAgreement.objects.filter(placement=placement, version=version)
                 .prefetch_related(Prefetch("signatures", queryset=Signature.objects.order_by("signed_at", "id")))
                 .first())
    if agreement is None:
        raise Http404
    agreement.placement = placement
    return agreement


def flagged_placements(*, user, today: dt.date, path="", mine_only=True) -> list[Placement]:
    """Active placements with a flag on the cases the user works on (attached to; or, for a leader, their scope).
    Every citizen shown is logged."""
    employee = employee_for_user(user)
    if employee is None:
        return []
    cases = Case.objects.filter(case_scope_q(employee))
    if mine_only:
        cases = cases.filter(staff__employee=employee)
    queryset = (Placement.objects.filter(case__in=cases.values("pk"))
                .filter(mastered_flag_q(today) | overdue_flag_q(today))
                .select_related("case__citizen", "company", "contact").order_by("follow_up_due", "id"))
    placements = list(queryset[:500])
    access_log_write(actor=user, action=Action.LIST, purpose=PURPOSE_PLACEMENT,
                     citizen_ids=[p.case.citizen_id for p in placements], case_ids=[p.case_id for p in placements],
                     path=path)
    for p in placements:
        p.flags = flags_of(p, today)
    return placements


def reported_hours_queue(*, user, path="", mine_only=True, placement=None) -> list[WeekHours]:
    """Company-reported weeks awaiting the jobformidler (reported or queried) on the cases the user works on (or,
    for a leader, their scope), by citizen and week. Every citizen shown is logged."""
    from .choices import HoursStatus

    employee = employee_for_user(user)
    if employee is None:
        return []
    cases = Case.objects.filter(case_scope_q(employee))
    if mine_only:
        cases = cases.filter(staff__employee=employee)
    rows = (WeekHours.objects.filter(status__in=[HoursStatus.REPORTED, HoursStatus.QUERIED],
                                     placement__case__in=cases.values("pk"))
            .select_related("placement__case__citizen", "placement__company", "reported_by__company_user")
            .order_by("placement__case__citizen__name", "placement_id", "week"))
    if placement is not None:
        rows = rows.filter(placement=placement)
    rows = list(rows[:500])
    access_log_write(actor=user, action=Action.LIST, purpose=PURPOSE_PLACEMENT,
                     citizen_ids=[h.placement.case.citizen_id for h in rows],
                     case_ids=[h.placement.case_id for h in rows], path=path)
    return rows


def reported_waiting(*, employee, limit=200) -> list[WeekHours]:
    """Mine opgaver: company-reported weeks not yet confirmed on the employee's own cases (no logging: the page
    that lists them logs the citizens it shows)."""
    from .choices import HoursStatus

    if employee is None:
        return []
    mine = CaseStaff.objects.filter(employee_id=employee.pk).values("case_id")
    return list(WeekHours.objects.filter(status=HoursStatus.REPORTED, placement__case_id__in=mine)
                .select_related("placement__case__citizen", "placement__company").order_by("reported_at", "id")
                [:limit])
