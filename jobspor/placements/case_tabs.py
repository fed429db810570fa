"""The "Forløb" tab of the case page (see jobspor.cases.tabs): placements, lifeline and open openings nearby.
Mentors do not see it."""

from django.utils.translation import gettext_lazy as _

from jobspor.cases.permissions import sees_full_case
from jobspor.cases.tabs import CaseTab, register


def _context(request, case, employee):
    from .views import tab_context

    return tab_context(request, case, employee)


def _badge(case):
    from .models import Placement

    return Placement.objects.filter(case=case).count()


register(CaseTab(key="forloeb", label=_("Forløb"), template="placements/_tab_placements.html", order=30,
                 context=_context, visible=sees_full_case, badge=_badge))
