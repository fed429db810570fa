"""Reads for users and the command line: scoped to the cases the user may see, and access-logged before
any citizen is returned (if the log cannot be written, nothing is shown)."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action
from jobspor.cases.models import Case
from jobspor.cases.permissions import case_scope_q, sees_full_case
from jobspor.jobs.choices import JobStatus
from jobspor.organisation.selectors import employee_for_user

from . import engine, explain
from .models import OpeningPlaces, ShortlistEntry

NEAR_KM = 25  # "near the citizen" when the CV sets no commute limit


@dataclass
class CitizenOpenings:
    """What the Match tab and the Forløb tab show for a citizen — one reading, so that they agree."""

    km: int  # near: within the citizen's commute limit, else NEAR_KM
    near: list = field(default_factory=list)  # engine.JobMatch within km, best first
    far: list = field(default_factory=list)  # the other matches (farther away or unknown distance), best first
    companies: list = field(default_factory=list)  # engine.CompanyMatch without an open opening
    why_empty: list = field(default_factory=list)  # when nothing matches: why, and what would help
    why_none_near: list = field(default_factory=list)  # when nothing matches within km


class MatchUnavailable(Exception):
    """Matching makes no sense here (a closed case, a filled opening); the message says why, in Danish."""


def opening_unavailable_reason(job) -> str | None:
    if job.status != JobStatus.OPEN:
        return _("Jobåbningen er %(status)s, så der findes ikke kandidater til den.") % {
            "status": job.get_status_display().lower()}
    if not job.postal_code_id:
        return None
    return None


def case_unavailable_reason(case) -> str | None:
    if case.closed:
        return _("Sagen er afsluttet, så borgeren matches ikke med job.")
    return None


def job_candidates(*, user, job, top=20, path=""):
    """The ranked candidates for an opening among the active cases the user may see, logged as listed."""
    reason = opening_unavailable_reason(job)
    if reason:
        raise MatchUnavailable(reason)
    employee = employee_for_user(user)
    found = engine.candidates_for_job(job, scope_q=case_scope_q(employee), top=top)
    access_log_write(actor=user, action=Action.LIST, purpose=_("Kandidater til jobåbning %(id)s") % {
        "id": job.external_id}, citizen_ids=[c.citizen_id for c in found], case_ids=[c.case_id for c in found],
        path=path)
    return found


def candidate_cases(*, user, case_ids):
    """The visible cases among `case_ids`, with the citizen's name for showing (already logged)."""
    employee = employee_for_user(user)
    return {c.pk: c for c in Case.objects.filter(case_scope_q(employee), pk__in=case_ids).select_related("citizen")}


def citizen_matches(*, user, case, top=20, path=""):
    """Openings and companies for the citizen of a case; full access only (not a mentor), logged as viewed."""
    if not sees_full_case(employee_for_user(user), case):
        access_log_write(actor=user, action=Action.DENIED, purpose=_("Match"), citizen_ids=[case.citizen_id],
                         case_ids=[case.pk], path=path)
        raise PermissionDenied
    reason = case_unavailable_reason(case)
    access_log_write(actor=user, action=Action.VIEW, purpose=_("Match"), citizen_ids=[case.citizen_id],
                     case_ids=[case.pk], path=path)
    if reason:
        raise MatchUnavailable(reason)
    jobs = engine.jobs_for_citizen(case, top=top)
    companies = engine.companies_for_citizen(case, exclude_company_ids={m.job.company_id for m in jobs})
    return jobs, companies


def citizen_openings(*, user, case, top=20, path="", companies=True) -> CitizenOpenings:
    """The open openings for the citizen of a case, near (within the commute limit, else NEAR_KM) and farther
    away, with the reasons when there are none. Full access only; logged as viewed. The Match tab and the Forløb
    tab both read this, so they never disagree."""
    jobs, found_companies = citizen_matches(user=user, case=case, top=top, path=path) if companies else \
        (_jobs_only(user=user, case=case, top=top, path=path), [])
    facts = engine.citizen_facts(case)
    km = facts.max_commute_km if facts.max_commute_km is not None else NEAR_KM
    near = engine.jobs_for_citizen(case, top=top, within_km=km)
    near_ids = {m.job.pk for m in near}
    far = [m for m in jobs if m.job.pk not in near_ids]
    result = CitizenOpenings(km=km, near=near, far=far, companies=found_companies)
    if not near and not far:
        result.why_empty = explain.why_no_openings(case, facts, km=km)
    if not near:
        result.why_none_near = result.why_empty or explain.why_no_openings(case, facts, km=km, near_only=True,
                                                                           elsewhere=len(far))
    return result


def _jobs_only(*, user, case, top, path):
    if not sees_full_case(employee_for_user(user), case):
        access_log_write(actor=user, action=Action.DENIED, purpose=_("Match"), citizen_ids=[case.citizen_id],
                         case_ids=[case.pk], path=path)
        raise PermissionDenied
    access_log_write(actor=user, action=Action.VIEW, purpose=_("Åbne job i nærheden"),
                     citizen_ids=[case.citizen_id], case_ids=[case.pk], path=path)
    reason = case_unavailable_reason(case)
    if reason:
        raise MatchUnavailable(reason)
    return engine.jobs_for_citizen(case, top=top)


def shortlist(*, user, job, path=""):
    """The opening's shortlist: only entries whose case the user may see are returned (and logged)."""
    employee = employee_for_user(user)
    entries = list(ShortlistEntry.objects.filter(opening=job).filter(
        case__in=Case.objects.filter(case_scope_q(employee)).values("pk"))
        .select_related("case__citizen").order_by("-score", "id"))
    if entries:
        access_log_write(actor=user, action=Action.LIST, purpose=_("Shortliste til jobåbning %(id)s") % {
            "id": job.external_id}, citizen_ids=[e.case.citizen_id for e in entries],
            case_ids=[e.case_id for e in entries], path=path)
    return entries


def places_of(opening) -> int:
    return OpeningPlaces.objects.filter(opening=opening).values_list("places", flat=True).first() or 1

