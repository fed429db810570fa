from django.core.exceptions import PermissionDenied

from jobspor.cases.models import Case
from jobspor.cases.permissions import case_scope_q
from jobspor.citizens.models import Citizen
from jobspor.organisation.selectors import employee_for_user

from .models import AccessLog
from .services import access_log_write
from .verbs import Action


def access_log_for_citizen(*, user, citizen_pk, path=""):
    """The access log of one citizen, for a leader (the basis for the citizen's right of access).

    Only leaders, and only for citizens with a case in the leader's scope; the look itself is logged."""
    employee = employee_for_user(user)
    citizen = Citizen.objects.filter(pk=citizen_pk).first()
    if citizen is None:
        from django.http import Http404

        raise Http404
    allowed = (employee is not None and employee.is_manager
               and Case.objects.filter(case_scope_q(employee), citizen=citizen).exists())
    if not allowed:
        access_log_write(actor=user, action=Action.DENIED, purpose="Indsigt i adgangslog",
                         citizen_ids=[citizen.pk], path=path)
        raise PermissionDenied
    access_log_write(actor=user, action=Action.ACCESS_LOG_VIEW, purpose="Indsigt i adgangslog",
                     citizen_ids=[citizen.pk], path=path)
    return citizen, AccessLog.objects.filter(citizen_id=citizen.pk).order_by("-at", "-id")
