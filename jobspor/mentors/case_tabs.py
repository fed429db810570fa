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
