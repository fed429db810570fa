from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobspor.cases import selectors as case_selectors
from jobspor.cases.permissions import can_change_case
from jobspor.core.forms import apply_service_errors
from jobspor.organisation.selectors import employee_for_user

from .forms import AssessmentForm
from .services import assessment_complete, suggestion_for_case


def _case(request, pk):
    case = case_selectors.case_get(user=request.user, pk=pk, path=request.path, purpose="Vurdering")
    if not can_change_case(employee_for_user(request.user), case):
        raise PermissionDenied
    return case


def assessment_new(request, pk):
    case = _case(request, pk)
    form = AssessmentForm(request.POST or None, initial={"fsm_group": case.fsm_group})
    suggestion = None
    if request.method == "POST":
        answers = form.partial_answers()
        if answers is not None:
            suggestion = suggestion_for_case(case=case, answers=answers)
        if form.is_valid():
            try:
                assessment_complete(
                    actor=request.user, case=case, answers=form.answers(),
                    chosen_group=form.cleaned_data["chosen_group"],
                    override_reason=form.cleaned_data["override_reason"],
                    fsm_group=form.cleaned_data["fsm_group"], note=form.cleaned_data["note"])
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Vurderingen er gemt, og sagens hovedmålgruppe er opdateret."))
                return redirect(f"/sag/{case.pk}/?fane=vurderinger")
    return render(request, "assessments/assessment_form.html",
                  {"case": case, "form": form, "suggestion": suggestion}, status=400 if form.errors else 200)


@require_POST
def assessment_suggestion(request, pk):
    """htmx: the suggestion for the answers so far, shown while the caseworker fills in the form."""
    case = _case(request, pk)
    answers = AssessmentForm(request.POST).partial_answers()
    suggestion = suggestion_for_case(case=case, answers=answers) if answers is not None else None
    return render(request, "assessments/_suggestion.html", {"suggestion": suggestion})
