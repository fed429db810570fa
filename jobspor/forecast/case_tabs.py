"""The Prognose tab of the case page: full access only (a mentor on the case does not see it)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.cases.permissions import can_change_case, sees_full_case
from jobspor.cases.tabs import CaseTab, register

from . import selectors
from .forms import ForecastForm


def _forecast_context(request, case, employee):
    context = selectors.forecast_tab(case=case)
    context["today"] = timezone.localdate()
    context["can_record_forecast"] = can_change_case(employee, case)
    current = context["forecast"]
    initial = {"outcome": current.outcome, "expected_date": current.expected_date, "risk": current.risk} \
        if current else {}
    context["forecast_form"] = ForecastForm(initial=initial)
    return context


register(CaseTab(key="prognose", label=_("Prognose"), template="forecast/_tab_forecast.html", order=70,
                 context=_forecast_context, visible=sees_full_case))
