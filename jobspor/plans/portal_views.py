"""Min plan (Min side): the plan staff and citizen share. The citizen reads it, adds their own activities and
comments and marks their own activities done; what the jobcentre made is commented on, never changed. Thin views:
forms validate, plans.services write (the citizen as actor), plans.selectors read."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from jobspor.citizen_portal.access import citizen_view, log_own_read, portal_context
from jobspor.citizen_portal.ownership import own_or_404
from jobspor.core.forms import apply_service_errors

from . import selectors, services
from .forms import CitizenActivityForm, PlanCommentForm


def _page(request, *, forms=None, status=200):
    context = selectors.citizen_plan(citizen=request.citizen, today=timezone.localdate())
    case, plan = context["case"], context["plan"]
    forms = forms or {}
    context["activity_form"] = forms.get("activity") or CitizenActivityForm(plan=plan)
    context["plan_comment_form"] = forms.get("plan") or PlanCommentForm(target="plan")
    for g in context["sub_goals"]:
        g.comment_form = forms.get(g.pk) or PlanCommentForm(target=g.pk)
        g.has_errors = g.pk in forms
    log_own_read(request, case_ids=[case.pk] if case else None)
    return render(request, "plans/portal_plan.html", portal_context(request, nav="plan", **context), status=status)


@citizen_view
@require_safe
def plan(request):
    return _page(request)


def _anchor(sub_goal=None):
    return reverse("minside:plan") + (f"#delmaal-{sub_goal.pk}" if sub_goal else "")


def _own_plan(request):
    return selectors.citizen_current_plan(citizen=request.citizen)


@citizen_view
@require_POST
def activity_add(request):
    plan = _own_plan(request)
    if plan is None:
        messages.error(request, _("Du har endnu ingen plan. Din jobformidler lægger planen sammen med dig."))
        return redirect("minside:plan")
    form = CitizenActivityForm(request.POST, plan=plan)
    if form.is_valid():
        try:
            sub_goal = services.citizen_activity_add(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Din aktivitet er tilføjet planen."))
            return redirect(_anchor(sub_goal))
    return _page(request, forms={"activity": form}, status=400)


@citizen_view
@require_POST
def sub_goal_done(request, pk):
    sub_goal = own_or_404(request, selectors.citizen_sub_goal(citizen=request.citizen, pk=pk), what="delmål", pk=pk)
    done = request.POST.get("done", "1") != "0"
    try:
        services.citizen_sub_goal_done(actor=request.user, sub_goal=sub_goal, done=done)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_anchor(sub_goal))
    messages.success(request, _("Markeret som udført.") if done else _("Markeret som ikke udført."))
    return redirect(_anchor(sub_goal))


def _comment(request, plan, sub_goal=None):
    key = sub_goal.pk if sub_goal else "plan"
    form = PlanCommentForm(request.POST, target=key)
    if form.is_valid():
        try:
            services.plan_comment_add(actor=request.user, plan=plan, sub_goal=sub_goal, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Din kommentar er gemt."))
            return redirect(_anchor(sub_goal))
    return _page(request, forms={key: form}, status=400)


@citizen_view
@require_POST
def plan_comment(request):
    plan = _own_plan(request)
    if plan is None:
        messages.error(request, _("Du har endnu ingen plan. Din jobformidler lægger planen sammen med dig."))
        return redirect("minside:plan")
    return _comment(request, plan)


@citizen_view
@require_POST
def sub_goal_comment(request, pk):
    sub_goal = own_or_404(request, selectors.citizen_sub_goal(citizen=request.citizen, pk=pk), what="delmål", pk=pk)
    return _comment(request, sub_goal.plan, sub_goal)
