"""The Mentor tab of the case page: staff with full access only (a mentor never sees it, nor ?fane=mentor)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.cases.tabs import CaseTab, register

from . import selectors
from .catalogue import SOURCE
from .permissions import can_manage_mentors, sees_mentor_assignments


def _mentor_context(request, case, employee):
    return {"assignments": selectors.case_assignments(case=case), "today": timezone.localdate(),
            "can_manage_mentors": can_manage_mentors(employee, case), "catalogue_source": SOURCE}


register(CaseTab(key="mentor", label=_("Mentor"), template="mentors/_tab_mentor.html", order=40,
                 context=_mentor_context, visible=sees_mentor_assignments))


def _is_the_cases_mentor(employee, case) -> bool:
    """The mentor's own view of the assignment: only for someone on the case as its mentor."""
    from jobspor.plans.permissions import is_mentor_on

    return not sees_mentor_assignments(employee, case) and is_mentor_on(employee, case)


def _own_assignment_context(request, case, employee):
    return {"own_assignments": selectors.own_assignments(case=case, employee=employee),
            "today": timezone.localdate()}


register(CaseTab(key="mentoropgave", label=_("Min mentoropgave"), template="mentors/_tab_own_assignment.html",
                 order=41, context=_own_assignment_context, visible=_is_the_cases_mentor))
