"""Reads of case data. Every function takes the user, scopes rows to what the user may see and writes
the access log before returning citizen data (no log, no data)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404

from jobspor.assessments.models import Assessment
from jobspor.audit.models import Event
from jobspor.audit.presentation import event_lines, event_rows, event_sentence
from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action
from jobspor.organisation.models import Team
from jobspor.organisation.selectors import employee_for_user

from .filters import CaseFilter
from .models import Case, CaseStaff
from .permissions import case_scope_q

PURPOSE_CASEWORK = "Sagsbehandling"


def cases_visible(*, user):
    employee = employee_for_user(user)
    return Case.objects.filter(case_scope_q(employee))


def case_list_page(*, user, params, path=""):
    """The case list: filtered, sorted, paginated; every citizen shown is logged."""
    employee = employee_for_user(user)
    params = params.copy()
    params.setdefault("scope", "mine")
    queryset = (
        Case.objects.filter(case_scope_q(employee))
        .select_related("citizen", "citizen__postal_code", "team")
        .prefetch_related(Prefetch("staff", queryset=CaseStaff.objects.filter(is_primary=True)
                                   .select_related("employee"), to_attr="primary_links"))
    )
    case_filter = CaseFilter(params, queryset=queryset, employee=employee)
    if not case_filter.is_valid():
        return case_filter, None
    paginator = Paginator(case_filter.qs.distinct() if params.get("primary_contact") else case_filter.qs,
                          settings.JOBSPOR_PAGE_SIZE)
    page = paginator.get_page(params.get("side"))
    cases = list(page.object_list)
    page.object_list = cases
    query = (params.get("q") or "").strip()
    access_log_write(
        actor=user, action=Action.SEARCH if query else Action.LIST, purpose=PURPOSE_CASEWORK,
        citizen_ids=[c.citizen_id for c in cases], case_ids=[c.pk for c in cases],
        query=_criteria(params), path=path,
    )
    return case_filter, page


def _criteria(params) -> str:
    keys = ["q", "scope", "target_group", "benefit", "primary_contact", "status", "order"]
    return " ".join(f"{k}={params.get(k)}" for k in keys if params.get(k))


def case_get(*, user, pk, path="", purpose=PURPOSE_CASEWORK, action=Action.VIEW) -> Case:
    """One case the user may see. A refused attempt is logged and raises PermissionDenied."""
    case = Case.objects.select_related("citizen", "citizen__postal_code", "team__department").filter(pk=pk).first()
    if case is None:
        raise Http404
    employee = employee_for_user(user)
    if not Case.objects.filter(case_scope_q(employee), pk=pk).exists():
        access_log_write(actor=user, action=Action.DENIED, purpose=purpose, citizen_ids=[case.citizen_id],
                         case_ids=[case.pk], path=path)
        raise PermissionDenied
    access_log_write(actor=user, action=action, purpose=purpose, citizen_ids=[case.citizen_id],
                     case_ids=[case.pk], path=path)
    return case


def case_staff(*, case):
    return list(CaseStaff.objects.filter(case=case).select_related("employee__team"))


def case_assessments(*, case):
    return list(Assessment.objects.filter(case=case).select_related("assessed_by__employee")
                .order_by("-assessed_at", "-id"))


def case_history(*, case, limit=200):
    """Change history of the case and its citizen, in Danish (events never hold a CPR number)."""

    events = list(Event.objects.filter(Q(case_id=case.pk) | Q(citizen_id=case.citizen_id, case_id__isnull=True))
                  .order_by("-at", "-id")[:limit])
    teams = dict(Team.objects.values_list("pk", "name"))
    for event in events:
        event.rows = event_rows(event, teams)
        event.sentence, event.lines = event_sentence(event), event_lines(event, teams)
    return events


def citizen_cpr_reveal(*, user, case_pk, path="") -> str:
    case = case_get(user=user, pk=case_pk, path=path, purpose="Visning af fuldt CPR-nummer",
                    action=Action.CPR_REVEAL)
    return case.citizen.cpr
