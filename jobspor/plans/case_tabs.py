"""The Plan tab of the case page. Everyone who sees the case sees it — mentors on the case too."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.cases.tabs import CaseTab, register

from . import selectors


def _plan_context(request, case, employee):
    return selectors.plan_tab(user=request.user, case=case, today=timezone.localdate())


register(CaseTab(key="plan", label=_("Plan"), template="plans/_tab_plan.html", order=20, context=_plan_context))
