"""Case sparring pages: the team's meetings, a meeting's agenda with a decision per case."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobspor.core.forms import apply_service_errors
from jobspor.organisation.models import Employee
from jobspor.organisation.selectors import employee_for_user

from . import selectors, services
from .agenda import long_in_stage_days
from .forms import AddCaseForm, DecisionForm, MeetingForm


def _employee(request):
    employee = employee_for_user(request.user)
    if employee is None or not (employee.sees_team_cases or employee.is_manager):
        raise PermissionDenied
    return employee


def meeting_list(request):
    employee = _employee(request)
    teams = selectors.teams_for(employee)
    form = MeetingForm(request.POST or None, teams=teams, initial={"team": employee.team_id})
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_create(actor=request.user, team=form.cleaned_data["team"],
                                          held_on=form.cleaned_data["held_on"])
        messages.success(request, _("Sparringsmødet er oprettet med %(n)d sager på dagsordenen.")
                         % {"n": meeting.items.count()})
        return redirect("sparring:meeting", meeting.pk)
    return render(request, "sparring/meeting_list.html",
                  {"form": form, "meetings": selectors.meetings_for(employee), "nav": "sparring",
                   "long_days": long_in_stage_days()}, status=400 if form.errors else 200)


def _meeting_page(request, meeting, items, *, bound=None, add_form=None, status=200):
    forms = []
    owners = list(Employee.objects.filter(team=meeting.team, is_active=True).order_by("name"))
    for item in items:
        if bound is not None and bound.prefix == f"punkt-{item.pk}":
            forms.append((item, bound))
        else:
            forms.append((item, DecisionForm(prefix=f"punkt-{item.pk}", team=meeting.team, record=item, owners=owners,
                                             initial={"decision": item.decision})))
    return render(request, "sparring/meeting.html",
                  {"meeting": meeting, "rows": forms, "nav": "sparring",
                   "add_form": add_form or AddCaseForm(team=meeting.team),
                   "decided": sum(1 for i in items if i.decision)}, status=status)


def meeting_detail(request, pk):
    _employee(request)
    meeting, items = selectors.meeting_get(user=request.user, pk=pk, path=request.path)
    return _meeting_page(request, meeting, items)


@require_POST
def decision(request, pk, item_pk):
    employee = _employee(request)
    meeting, items = selectors.meeting_get(user=request.user, pk=pk, path=request.path)
    item = next((i for i in items if i.pk == item_pk), None)
    if item is None:
        raise Http404
    form = DecisionForm(request.POST, prefix=f"punkt-{item.pk}", team=meeting.team, record=item)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.decision_record(actor=request.user, item=item, employee=employee, decision=data["decision"],
                                     seen=form.seen, action_title=data["action_title"],
                                     action_due=data["action_due"], action_owner=data["action_owner"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Beslutningen om %(name)s er gemt og står i sagens historik.")
                             % {"name": item.case.citizen.name})
            return redirect(reverse("sparring:meeting", args=[meeting.pk]) + f"#punkt-{item.pk}")
    return _meeting_page(request, meeting, items, bound=form, status=400)


@require_POST
def case_add(request, pk):
    _employee(request)
    meeting, items = selectors.meeting_get(user=request.user, pk=pk, path=request.path)
    form = AddCaseForm(request.POST, team=meeting.team)
    if form.is_valid():
        try:
            item = services.item_add(actor=request.user, meeting=meeting, case=form.cleaned_data["case"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Sagen er sat på dagsordenen."))
            return redirect(reverse("sparring:meeting", args=[meeting.pk]) + f"#punkt-{item.pk}")
    return _meeting_page(request, meeting, items, add_form=form, status=400)
