"""The case page's own tabs: overview, staff, assessments and history (see tabs.py)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.assessments.questionnaire import AREAS

from . import selectors
from .forms import StaffAddForm
from .permissions import sees_full_case
from .standing import citizen_standing
from .tabs import CaseTab, register


def _staff_context(request, case, employee):
    return {"staff_form": StaffAddForm(case=case)}


def _assessments_context(request, case, employee):
    return {"assessments": selectors.case_assessments(case=case), "areas": AREAS}


def _history_context(request, case, employee):
    return {"history": selectors.case_history(case=case)}


def _overview_context(request, case, employee):
    """Where the citizen stands, for those who see the whole case (a mentor sees who the citizen is)."""
    if not sees_full_case(employee, case):
        return {}
    return {"standing": citizen_standing(case, today=timezone.localdate())}


register(CaseTab(key="overblik", label=_("Overblik"), template="cases/_tab_overview.html", order=0,
                 context=_overview_context))
register(CaseTab(key="medarbejdere", label=_("Medarbejdere"), template="cases/_tab_staff.html", order=10,
                 context=_staff_context))
register(CaseTab(key="vurderinger", label=_("Vurderinger"), template="cases/_tab_assessments.html", order=80,
                 context=_assessments_context, visible=sees_full_case,
                 badge=lambda case: case.assessments.count()))
register(CaseTab(key="historik", label=_("Historik"), template="cases/_tab_history.html", order=90,
                 context=_history_context, visible=sees_full_case))
