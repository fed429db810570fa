"""Test praksis (a team's self-assessment of its JobFirst practice, seed 004) and caseload against the
municipality's norm. Counts and the team's own answers only: no citizen data, so no access-log entries."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jobspor.core.errors import AccessRefused
from jobspor.core.forms import apply_service_errors
from jobspor.kpi.permissions import unit_name
from jobspor.organisation.models import Team
from jobspor.organisation.selectors import employee_for_user

from . import charts, cycles, selectors, services
from .forms import AnswerForm, NormForm
from .models import Answer, Question
from .permissions import can_answer, can_see_team, can_set_norm, is_member, leader_team_ids, team_refusal, teams_for


def _employee(request):
    employee = employee_for_user(request.user)
    if employee is None:
        raise PermissionDenied
    return employee


def _nav(employee) -> str:
    """Leaders reach these pages through Ledelsesinfo, team members through their own menu item."""
    return "kpi" if employee.is_manager else "fidelity"


def _team(request, pk):
    employee = _employee(request)
    team = get_object_or_404(Team.objects.select_related("department"), pk=pk)
    if not can_see_team(employee, team):
        raise AccessRefused(team_refusal(employee, team), logged=False)
    return employee, team


def _cycle_bounds(team, start: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The cycle named in the URL: a cycle start under today's cycle length, or the start of a stored cycle."""
    try:
        day = dt.date.fromisoformat(start)
    except ValueError:
        raise Http404 from None
    stored = selectors.cycle_of(team, day)
    if stored is not None:
        return stored.start, stored.end
    if not cycles.is_cycle_start(day):
        raise Http404
    return cycles.bounds_for(day)


def overview(request):
    """Leaders: the teams of their unit with this cycle's score. Team members go to their own team."""
    employee = _employee(request)
    if not employee.is_manager:
        if employee.team_id and is_member(employee, employee.team):
            return redirect("fidelity:team", team=employee.team_id)
        raise AccessRefused(_("Test praksis besvares af et team. Du er ikke med i et team."), logged=False)
    today = timezone.localdate()
    start, end = cycles.bounds_for(today)
    teams = list(teams_for(employee))
    rows = [{"team": t, "score": s} for t, s in zip(teams, _current_scores(teams, start), strict=True)]
    return render(request, "fidelity/overview.html", {
        "rows": rows, "start": start, "end": end, "cycle_label": cycles.label(start, end), "nav": "kpi",
        "unit": unit_name(employee)})


def _current_scores(teams, start):
    from .scoring import score

    pairs = selectors.question_pairs()
    given = {t.pk: {} for t in teams}
    for team_id, question_id, value in Answer.objects.filter(cycle__start=start, cycle__team__in=teams).values_list(
            "cycle__team_id", "question_id", "value"):
        given[team_id][question_id] = value
    return [score(pairs, given[t.pk]) for t in teams]


def team(request, team):
    employee, team = _team(request, team)
    today = timezone.localdate()
    rows = selectors.fidelity_beside_results(team, today)
    current = rows[-1]
    return render(request, "fidelity/team.html", {
        "team": team, "rows": rows, "current": current, "chart": charts.lines_chart(rows),
        "nav": _nav(employee), "is_leader": employee.is_manager,
        "result_labels": [str(label) for key, label, _c, _d in charts.SERIES if key != "fidelity"]})


def checklist(request, team, start):
    employee, team = _team(request, team)
    today = timezone.localdate()
    start, end = _cycle_bounds(team, start, today)
    data = selectors.checklist(team, start, end)
    may_answer = can_answer(employee, team) and start <= today
    return render(request, "fidelity/checklist.html", {
        **data, "team": team, "start": start, "end": end, "label": cycles.label(start, end), "nav": _nav(employee),
        "may_answer": may_answer, "not_started": start > today, "current_start": cycles.bounds_for(today)[0]})


def answer(request, team, start, question):
    employee, team = _team(request, team)
    today = timezone.localdate()
    start, end = _cycle_bounds(team, start, today)
    question = get_object_or_404(Question, pk=question)
    if not can_answer(employee, team):
        raise AccessRefused(team_refusal(employee, team), logged=False)
    cycle = selectors.cycle_of(team, start)
    existing = Answer.objects.filter(cycle=cycle, question=question).first() if cycle else None
    form = AnswerForm(request.POST or None, team=team, employee=employee, question=question, record=existing,
                      initial=AnswerForm.initial_for(existing))
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_save(actor=request.user, employee=employee, team=team, start=start, question=question,
                                 seen=form.seen, today=today, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            total = selectors.checklist(team, start, end)["score"]["total"]
            messages.success(request, _("Svaret på spørgsmål %(code)s er gemt. Teamets troskab i perioden: "
                                        "%(score)s (%(n)s af %(all)s spørgsmål besvaret).") % {
                "code": question.code, "score": f"{total.percent:.0f} %".replace(".", ","), "n": total.answered,
                "all": total.questions})
            return redirect(reverse("fidelity:checklist", args=[team.pk, start.isoformat()]) + f"#q{question.pk}")
    return render(request, "fidelity/answer.html", {
        "team": team, "start": start, "end": end, "label": cycles.label(start, end), "question": question,
        "answer": existing, "form": form, "nav": _nav(employee)}, status=400 if form.errors else 200)


# --- caseload (point 6) -------------------------------------------------------------------------------------

def caseload(request):
    employee = _employee(request)
    if not employee.is_manager:
        raise AccessRefused(_("Sagsstammer pr. medarbejder er ledelsesinformation: kun for ledere."), logged=False)
    team_ids = leader_team_ids(employee)
    rows = selectors.caseloads(team_ids)
    norm = selectors.norm_current()
    norm_cases = norm.cases if norm else None
    return render(request, "fidelity/caseload.html", {
        "rows": rows, "norm": norm, "norm_cases": norm_cases, "chart": charts.caseload_bars(rows, norm_cases),
        "ips": selectors.IPS_REFERENCE, "unit": unit_name(employee), "today": timezone.localdate(),
        "can_set_norm": can_set_norm(employee), "nav": "kpi",
        "over": sum(1 for r in rows if norm_cases is not None and r["cases"] > norm_cases)})


def norm(request):
    employee = _employee(request)
    if not can_set_norm(employee):
        raise AccessRefused(_("Normen for sagsstammen sættes af jobcentrets ledelse (en leder for hele jobcentret) "
                              "eller en administrator."), logged=False)
    current = selectors.norm_current()
    form = NormForm(request.POST or None, initial={"cases": current.cases if current else None})
    if request.method == "POST" and form.is_valid():
        try:
            services.norm_set(actor=request.user, employee=employee, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            cases = form.cleaned_data["cases"]
            messages.success(request, _("Normen er sat til %(n)s sager pr. primær kontaktperson.") % {"n": cases}
                             if cases else _("Der er nu ingen norm for sagsstammen."))
            return redirect("fidelity:caseload" if employee.is_manager else "fidelity:norm")
    return render(request, "fidelity/norm.html", {
        "form": form, "current": current, "history": selectors.norm_history(), "nav": "kpi",
        "is_leader": employee.is_manager}, status=400 if form.errors else 200)
