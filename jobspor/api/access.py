"""The UI's access rules, applied to a system: it sees the cases its staff record (team and roles) would see, and
every read of citizen data is logged with the system as actor and the purpose it stated."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action
from jobspor.cases.models import CaseStaff
from jobspor.cases.permissions import sees_full_case, visible_team_ids
from jobspor.cases.selectors import case_get
from jobspor.organisation.selectors import employee_for_user


def case_read(request, *, pk, purpose, full=False):
    """The case (checked and logged as in the UI: case_get). `full`: refused, and logged, for someone who sees
    the case only as its mentor (CV, placements and hours are not for a mentor)."""
    case = case_get(user=request.user, pk=pk, path=request.get_full_path(), purpose=purpose)
    if full and not sees_full_case(employee_for_user(request.user), case):
        access_log_write(actor=request.user, action=Action.DENIED, purpose=purpose, citizen_ids=[case.citizen_id],
                         case_ids=[case.pk], path=request.get_full_path())
        raise PermissionDenied
    return case


def full_case_q(user, prefix="case__") -> Q:
    """Rows of cases the user sees in full (placements.selectors: mentors do not see placements)."""
    employee = employee_for_user(user)
    if employee is None:
        return Q(pk__in=[])
    attached = CaseStaff.objects.filter(employee_id=employee.pk).exclude(role="mentor").values("case_id")
    return Q(**{f"{prefix}team_id__in": visible_team_ids(employee)}) | Q(**{f"{prefix}pk__in": attached})


def log_list(request, *, purpose, rows, query=""):
    """A list read: every citizen shown, one row each (as the UI's case list)."""
    access_log_write(actor=request.user, action=Action.LIST, purpose=purpose,
                     citizen_ids=[r.case.citizen_id if hasattr(r, "case") else r.citizen_id for r in rows],
                     case_ids=[r.case_id if hasattr(r, "case") else r.pk for r in rows], query=query,
                     path=request.get_full_path())
