"""Forecast pages: thin — forms validate, services write, selectors read (and the look at the case is logged)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action
from jobspor.cases.permissions import can_change_case
from jobspor.core.forms import apply_service_errors
from jobspor.organisation.selectors import employee_for_user

from . import selectors, services
from .forms import ForecastForm, TeamForecastForm
from .models import Forecast
from .permissions import can_see_team_forecast


def tab_url(case):
    return f"/sag/{case.pk}/?fane=prognose"


def _case(request, pk):
    case = selectors.case_for_forecast(user=request.user, pk=pk, path=request.path)
    if not can_change_case(employee_for_user(request.user), case):
        raise PermissionDenied
    return case


def forecast_record(request, pk):
    """GET shows the form on its own page (also the fallback after an error); POST records a new forecast."""
    case = _case(request, pk)
    current = Forecast.objects.filter(case=case, is_current=True).first()
    initial = {"outcome": current.outcome, "expected_date": current.expected_date, "risk": current.risk} \
        if current else {}
    form = ForecastForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.forecast_record(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Prognosen er gemt."))
            return redirect(tab_url(case))
    return render(request, "forecast/forecast_form.html",
                  {"case": case, "form": form, "forecast": current, "nav": "cases"},
                  status=400 if form.errors else 200)


@require_POST
def action_done(request, pk):
    case = _case(request, pk)
    forecast = Forecast.objects.select_related("case").filter(case=case, is_current=True).first()
    if forecast is None:
        raise Http404
    try:
        services.forecast_action_done(actor=request.user, forecast=forecast)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Handlingen er markeret som udført."))
    return redirect(tab_url(case))


def _team_page(request, template, build):
    """The two team pages share their filters (team, benefit), their access rule and their refusal."""
    employee = employee_for_user(request.user)
    if not can_see_team_forecast(employee):
        raise PermissionDenied
    form = TeamForecastForm(request.GET, employee=employee)
    context = {"nav": "forecast", "form": form, "query": request.GET.urlencode()}
    if not form.is_valid():
        status = 400
        if form.refused():  # a team outside the viewer's access: a Danish message, no figures, logged
            status = 403
            access_log_write(actor=request.user, action=Action.DENIED, purpose=_("Prognoser for teamet"),
                             query=request.GET.urlencode(), path=request.get_full_path())
        return render(request, template, context, status=status)
    team, benefit = form.cleaned_data["team"], form.cleaned_data["benefit"] or None
    context |= build(employee=employee, today=timezone.localdate(), team=team, benefit=benefit)
    return render(request, template, context | {"team": team, "benefit_label": dict(form.fields["benefit"].choices)
                                                 .get(benefit or "")})


def team(request):
    """The forward look: expected exits per month, cases left, variation, against the baseline."""
    return _team_page(request, "forecast/team.html", selectors.team_forecast)


def team_accuracy(request):
    """The look back: how well the forecasts have hit."""
    return _team_page(request, "forecast/team_accuracy.html", selectors.team_accuracy)
