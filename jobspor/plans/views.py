"""Plan pages: thin — forms validate, services write, selectors read (and the look at the case is logged)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobspor.core.forms import apply_service_errors
from jobspor.organisation.selectors import employee_for_user

from . import selectors, services
from .forms import PlanCommentForm, PlanForm, SubGoalForm, SubGoalNoteForm
from .models import Plan
from .permissions import can_edit_plan, can_follow_up


def plan_url(case):
    return f"/sag/{case.pk}/?fane=plan"


def _case(request, pk, *, allowed):
    case = selectors.case_for_plan(user=request.user, pk=pk, path=request.path)
    if not allowed(employee_for_user(request.user), case):
        raise PermissionDenied
    return case


def _render(request, template, context, form):
    return render(request, template, context, status=400 if form.errors else 200)


def plan_edit(request, pk):
    case = _case(request, pk, allowed=can_edit_plan)
    plan = Plan.objects.filter(case=case).first()
    initial = {"made": timezone.localdate()} if plan is None else {
        "goal": plan.goal, "goal_text": plan.goal_text, "made": plan.made}
    form = PlanForm(request.POST or None, case=case, initial=initial, record=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_save(actor=request.user, case=case, seen=form.seen, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Planen er gemt."))
            return redirect(plan_url(case))
    return _render(request, "plans/plan_form.html", {"case": case, "plan": plan, "form": form, "nav": "cases"},
                   form)


def _plan_or_redirect(request, case):
    plan = Plan.objects.filter(case=case).first()
    if plan is None:
        messages.info(request, _("Læg først planen: vælg målet."))
    return plan


def sub_goal_add(request, pk):
    case = _case(request, pk, allowed=can_edit_plan)
    plan = _plan_or_redirect(request, case)
    if plan is None:
        return redirect("plans:plan_edit", pk=case.pk)
    form = SubGoalForm(request.POST or None, plan=plan, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.sub_goal_add(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Delmålet er tilføjet planen."))
            return redirect(plan_url(case))
    return _render(request, "plans/sub_goal_form.html",
                   {"case": case, "plan": plan, "form": form, "sub_goal": None, "nav": "cases"}, form)


def _sub_goal(case, sub_goal_pk):
    sub_goal = selectors.sub_goal_on_case(case=case, sub_goal_pk=sub_goal_pk)
    if sub_goal is None:
        raise Http404
    return sub_goal


def sub_goal_edit(request, pk, sub_goal_pk):
    case = _case(request, pk, allowed=can_edit_plan)
    sub_goal = _sub_goal(case, sub_goal_pk)
    form = SubGoalForm(request.POST or None, plan=sub_goal.plan, case=case, record=sub_goal, initial={
        "text": sub_goal.text, "owner": sub_goal.owner_id, "due": sub_goal.due, "status": sub_goal.status})
    if request.method == "POST" and form.is_valid():
        try:
            services.sub_goal_update(actor=request.user, sub_goal=sub_goal, seen=form.seen, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Delmålet er gemt."))
            return redirect(plan_url(case))
    return _render(request, "plans/sub_goal_form.html",
                   {"case": case, "plan": sub_goal.plan, "form": form, "sub_goal": sub_goal, "nav": "cases"}, form)


def note_add(request, pk, sub_goal_pk):
    """A follow-up note on a sub-goal: staff who may change the case, and the case's mentors."""
    case = _case(request, pk, allowed=can_follow_up)
    sub_goal = _sub_goal(case, sub_goal_pk)
    form = SubGoalNoteForm(request.POST or None, plan=sub_goal.plan, initial={"written_on": timezone.localdate()},
                           record=sub_goal)
    if request.method == "POST" and form.is_valid():
        try:
            services.sub_goal_note_add(actor=request.user, sub_goal=sub_goal, author=employee_for_user(request.user),
                                       seen=form.seen, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Opfølgningen er gemt."))
            return redirect(f"{plan_url(case)}#delmaal-{sub_goal.pk}")
    return _render(request, "plans/note_form.html",
                   {"case": case, "sub_goal": sub_goal, "form": form, "nav": "cases"}, form)


@require_POST
def comment_add(request, pk):
    """A comment on the shared plan (or one sub-goal), e.g. an answer to the citizen's comment from Min side.
    Comments are only added, never changed or removed."""
    case = _case(request, pk, allowed=can_follow_up)
    plan = Plan.objects.filter(case=case).first()
    if plan is None:
        raise Http404
    sub_goal = None
    if request.POST.get("sub_goal"):
        try:
            sub_goal = _sub_goal(case, int(request.POST["sub_goal"]))
        except ValueError as exc:
            raise Http404 from exc
    form = PlanCommentForm(request.POST, target=sub_goal.pk if sub_goal else "plan")
    anchor = f"#delmaal-{sub_goal.pk}" if sub_goal else "#plan-goal"
    if form.is_valid():
        try:
            services.plan_comment_add(actor=request.user, plan=plan, sub_goal=sub_goal, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
    if form.errors:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    else:
        messages.success(request, _("Kommentaren er gemt."))
    return redirect(f"{plan_url(case)}{anchor}")
