"""Dashboards (ledelsesinformation): KPIs, the production chain, charts with the table behind each, drill-down
to the cases behind a number, and export of every table to Excel and CSV."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action
from jobspor.core.errors import AccessRefused
from jobspor.core.forms import apply_service_errors
from jobspor.organisation.selectors import employee_for_user

from . import measures, selectors, services
from .forms import DashboardForm, GoalForm
from .models import Goal
from .permissions import can_change_goal, goal_refusal
from .tables import to_csv, to_xlsx

CONTENT_TYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "csv": "text/csv; charset=utf-8"}


def _viewer(request):
    """Staff with a team role (and leaders) see the dashboards; mentors and administrators do not."""
    employee = employee_for_user(request.user)
    if employee is None or not employee.sees_team_cases:
        raise PermissionDenied
    return employee


def _refused(request, form) -> bool:
    """A unit the viewer may not see: log the attempt (the page shows the form's Danish message, no number)."""
    if form.is_valid() or not form.refused():
        return False
    access_log_write(actor=request.user, action=Action.DENIED, purpose=selectors.PURPOSE,
                     query=request.GET.urlencode(), path=request.get_full_path())
    return True


def _invalid(request, form, template="kpi/dashboard.html", **context):
    status = 403 if _refused(request, form) else 400
    return render(request, template, {"form": form, "nav": "kpi", **context}, status=status)


def dashboard(request):
    employee = _viewer(request)
    form = DashboardForm(request.GET, employee=employee)
    context = {"form": form, "nav": "kpi", "is_leader": employee.is_manager}
    if request.GET and not form.is_valid():
        return _invalid(request, form, is_leader=employee.is_manager)
    if form.is_valid():
        data = selectors.dashboard(form, extra={"goal_rows": lambda: _goals_for(form)})
        context.update(data)
        context["level"] = form.level()
        context["tables"] = {t.key: t for t in data["tables"]}
        context["max_stage"] = max([s.count for s in data["stages"]] + [1])
        context["kpi_bars"] = _kpi_bars(data["result"], data["query"])
        context["scope_lines"] = form.describe()
        context["hours_chart"] = _column_chart(context["tables"]["hours"])
        context["team_bars"] = _team_bars(context["tables"]["teams"])
    return render(request, "kpi/dashboard.html", context)


def _goals_for(form):
    """The goals of the unit on the dashboard, with their milestones checked, one after the other: this runs beside
    the dashboard's other reads already (selectors.dashboard's `extra`), each with a connection of its own."""
    level, _name = form.level()
    data = form.cleaned_data
    goals = Goal.objects.filter(level=level).select_related("department", "team", "employee").prefetch_related(
        "milestones")
    unit = {"department": "department", "team": "team", "employee": "employee"}.get(level)
    if unit:
        goals = goals.filter(**{unit: data[unit]})
    today = timezone.localdate()
    return [(goal, services.goal_checks(goal, today)) for goal in goals]


def _kpi_bars(result, query):
    bars = []
    for key in selectors.engine.SHARE_KEYS:
        share = result[key]["share"]
        reference = selectors.reference_for(key, query)
        bars.append({"label": selectors.measure_label(key), "pct": round(100 * share, 1) if share is not None else None,
                     "ref": round(100 * reference[0]) if reference else None,
                     "under": reference is not None and share is not None and share < reference[0]})
    return bars


def _team_bars(table):
    """Share with ordinary hours per team (column 2) against 24 %."""
    return [{"label": row[0], "pct": row[2], "under": row[2] is not None and row[2] < 24} for row in table.rows]


def _column_chart(table, height=160, bar=18, gap=6):
    """Inline-SVG columns of ordinary hours (column 2) with the number of citizens (column 1) as labels."""
    values = [row[2] for row in table.rows]
    top = max(values + [1])
    columns = []
    for i, row in enumerate(table.rows):
        h = round(height * row[2] / top)
        columns.append({"x": 40 + i * (bar + gap), "y": 10 + height - h, "h": h, "w": bar, "label": row[0],
                        "hours": row[2], "cases": row[1]})
    return {"columns": columns, "width": 60 + len(columns) * (bar + gap), "height": height + 70,
            "base": 10 + height, "top": top}


def drill(request):
    employee = _viewer(request)
    measure = request.GET.get("measure", "")
    if not selectors.valid_measure(measure):
        raise Http404
    form = DashboardForm(request.GET, employee=employee)
    context = {"form": form, "nav": "kpi", "measure": measure, "label": selectors.measure_label(measure)}
    if not form.is_valid():
        return _invalid(request, form, "kpi/drill.html", measure=measure, label=context["label"])
    if form.is_valid():
        page, total = selectors.drill_page(form, user=request.user, employee=employee, measure=measure,
                                           page_number=request.GET.get("side"), path=request.get_full_path())
        context.update({"page": page, "total": total, "hidden": total - page.paginator.count,
                        "params": form.params(), "level": form.level(), "scope_lines": form.describe()})
    return render(request, "kpi/drill.html", context)


def export(request):
    employee = _viewer(request)
    fmt, key = request.GET.get("format", "xlsx"), request.GET.get("table", "")
    if fmt not in CONTENT_TYPES:
        raise Http404
    form = DashboardForm(request.GET, employee=employee)
    if not form.is_valid():
        return _invalid(request, form)
    if key == "cases":
        measure = request.GET.get("measure", "")
        if not selectors.valid_measure(measure):
            raise Http404
        table = selectors.drill_table(form, user=request.user, employee=employee, measure=measure,
                                      path=request.get_full_path())
    else:
        table = selectors.dashboard_table(form, key)
        if table is None:
            raise Http404
    heading = [*form.describe(), _("Udtrukket %(when)s af %(who)s") % {
        "when": date_format(timezone.localtime(), "j. F Y H:i"), "who": employee.name}]
    if key == "cases":
        heading.insert(0, _("Nøgletal: %(label)s") % {"label": selectors.measure_label(measure)})
    body = to_xlsx(table, heading) if fmt == "xlsx" else to_csv(table, heading)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    name = f"jobspor-{table.key}-{form.cleaned_data['start']:%Y%m%d}-{form.cleaned_data['end']:%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response




# --- goals and milestones (leaders) ----------------------------------------------------------------------

def _leader(request):
    employee = _viewer(request)
    if not employee.is_manager:
        raise PermissionDenied
    return employee


def goals(request):
    employee = _viewer(request)
    today = timezone.localdate()
    goals = list(Goal.objects.select_related("department", "team", "employee__team").prefetch_related("milestones"))
    for goal in goals:
        goal.editable = can_change_goal(employee, goal)
    rows = services.goals_checked(goals, today)
    form = None
    if employee.is_manager:
        form = GoalForm(request.POST or None, initial={"start": today, "level": "team", "team": employee.team_id},
                        leader=employee)
        if request.method == "POST" and form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "milestones"}
            try:
                services.goal_save(actor=request.user, set_by=employee, milestones=form.cleaned_data["milestones"],
                                   editor=employee, **data)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Målet er gemt."))
                return redirect("kpi:goals")
    elif request.method == "POST":
        raise PermissionDenied
    return render(request, "kpi/goals.html", {"rows": rows, "form": form, "nav": "kpi", "today": today})


def _goal_of_unit(request, pk):
    """A goal the leader may change: one of their own unit (kpi.permissions); others are refused with why."""
    employee = _leader(request)
    goal = get_object_or_404(Goal.objects.select_related("department", "team", "employee__team"), pk=pk)
    if not can_change_goal(employee, goal):
        raise AccessRefused(goal_refusal(employee, goal), logged=False)
    return employee, goal


def goal_edit(request, pk):
    employee, goal = _goal_of_unit(request, pk)
    form = GoalForm(request.POST or None, instance=goal, leader=employee)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "milestones"}
        try:
            services.goal_save(actor=request.user, goal=goal, milestones=form.cleaned_data["milestones"],
                               editor=employee, **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Målet er gemt."))
            return redirect("kpi:goals")
    return render(request, "kpi/goal_edit.html", {"form": form, "goal": goal, "nav": "kpi", "employee": employee})


@require_POST
def goal_delete(request, pk):
    employee, goal = _goal_of_unit(request, pk)
    services.goal_delete(actor=request.user, goal=goal, editor=employee)
    messages.success(request, _("Målet er slettet."))
    return redirect("kpi:goals")


# --- 'Flere skal med': planned visitations (criterion 1) and the screening list ----------------------------

def visitations(request):
    """Planned against actual visitations per team and quarter; leaders record the plan."""
    from .forms import PlannedVisitationForm

    employee = _viewer(request)
    today = timezone.localdate()
    form = None
    if employee.is_manager:
        year, quarter = measures.quarter_of(today)
        form = PlannedVisitationForm(request.POST or None, leader=employee, record=None,
                                     initial={"team": employee.team_id, "year": year, "quarter": quarter})
        if request.method == "POST" and form.is_valid():
            try:
                services.planned_visitation_save(actor=request.user, editor=employee, seen=form.seen,
                                                 **form.cleaned_data)
            except ValidationError as exc:
                _show_service_errors(form, exc)
            else:
                messages.success(request, _("De planlagte visitationer er gemt."))
                return redirect("kpi:visitations")
    elif request.method == "POST":
        raise PermissionDenied
    rows = selectors.visitation_rows(employee, today)
    return render(request, "kpi/visitations.html",
                  {"form": form, "rows": rows, "nav": "kpi", "unit": selectors.viewer_unit_label(employee)},
                  status=400 if form is not None and form.errors else 200)


def _show_service_errors(form, exc):
    from jobspor.core.versioning import StaleEdit

    if isinstance(exc, StaleEdit):
        form.show_stale(exc)
    else:
        apply_service_errors(form, exc)


def visitation_edit(request, pk):
    from .forms import PlannedVisitationForm
    from .models import PlannedVisitation

    employee = _leader(request)
    plan = get_object_or_404(PlannedVisitation.objects.select_related("team"), pk=pk)
    refusal = services.planned_visitation_refusal(employee, plan.team)
    if refusal:
        raise AccessRefused(refusal, logged=False)
    form = PlannedVisitationForm(request.POST or None, leader=employee, record=plan,
                                 initial={"team": plan.team_id, "year": plan.year, "quarter": plan.quarter,
                                          "planned": plan.planned})
    if request.method == "POST" and form.is_valid():
        try:
            services.planned_visitation_save(actor=request.user, editor=employee, record=plan, seen=form.seen,
                                             **form.cleaned_data)
        except ValidationError as exc:
            _show_service_errors(form, exc)
        else:
            messages.success(request, _("De planlagte visitationer er gemt."))
            return redirect("kpi:visitations")
    return render(request, "kpi/visitation_edit.html", {"form": form, "plan": plan, "nav": "kpi"},
                  status=400 if form.errors else 200)


def screening(request):
    """Open cases on public support for 5 years or more, not yet visited to 'Flere skal med' (seed 002): a list
    to work from, scoped to the viewer's cases and logged."""
    employee = _viewer(request)
    target_only = request.GET.get("maalgruppe") == "1"
    page, total = selectors.screening_page(user=request.user, employee=employee, target_only=target_only,
                                           page_number=request.GET.get("side"), path=request.get_full_path())
    return render(request, "kpi/screening.html", {"page": page, "total": total, "target_only": target_only,
                                                  "nav": "kpi", "years": measures.SCREENING_YEARS,
                                                  "unit": selectors.viewer_unit_label(employee)})
