"""Mit CV (Min side): the citizen adds tasks they can do (with the same suggestions staff get), job wishes and
the hours per week they can work. Staff see these lines marked as the citizen's on the case's CV tab.
Thin views: forms validate, cv.services write (the citizen as actor), the read is logged as the citizen's own."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST, require_safe

from jobspor.citizen_portal.access import citizen_view, log_own_read, portal_context
from jobspor.core.forms import apply_service_errors

from . import services
from .choices import ItemKind
from .forms import CitizenHoursForm, CitizenItemForm
from .models import CvItem
from .selectors import CvView, _cv_query
from .vocabulary import suggestions

SECTIONS = [
    (ItemKind.TASK, gettext_lazy("Opgaver, jeg kan løse")),
    (ItemKind.JOB_WISH, gettext_lazy("Mine jobønsker")),
]


def _page(request, *, forms=None, status=200):
    cvv = CvView(_cv_query().filter(citizen=request.citizen).first())
    forms = forms or {}
    sections = [{"kind": kind, "title": title, "items": cvv.by_kind[kind], "suggest": kind == ItemKind.TASK,
                 "form": forms.get(kind) or CitizenItemForm(kind=kind)} for kind, title in SECTIONS]
    hours_form = forms.get("hours") or CitizenHoursForm(initial={"hours_wanted": cvv.hours_wanted})
    log_own_read(request)
    return render(request, "cv/portal_cv.html", portal_context(
        request, nav="cv", cvv=cvv, sections=sections, hours_form=hours_form), status=status)


@citizen_view
@require_safe
def cv(request):
    return _page(request)


@citizen_view
@require_POST
def item_add(request):
    kind = request.POST.get("kind", "")
    if kind not in services.CITIZEN_ITEM_KINDS:
        return HttpResponseBadRequest(_("Ukendt slags punkt."))
    form = CitizenItemForm(request.POST, kind=kind)
    if form.is_valid():
        try:
            services.citizen_cv_item_add(actor=request.user, citizen=request.citizen, kind=kind,
                                         text=form.cleaned_data["text"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("'%(text)s' står nu på dit CV.") % {"text": form.cleaned_data["text"]})
            return redirect(reverse("minside:cv") + f"#cv-{kind}")
    return _page(request, forms={kind: form}, status=400)


@citizen_view
@require_POST
def hours_save(request):
    form = CitizenHoursForm(request.POST)
    if form.is_valid():
        try:
            services.citizen_hours_set(actor=request.user, citizen=request.citizen, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Dine timer er gemt."))
            return redirect(reverse("minside:cv") + "#cv-hours")
    return _page(request, forms={"hours": form}, status=400)


@citizen_view
@require_GET
def suggest(request):
    """htmx: the same normalised phrases staff are offered (other CVs' tasks; no personal data), minus what is
    already on the citizen's CV."""
    text = request.GET.get(f"{ItemKind.TASK}-text", "")
    have = CvItem.objects.filter(cv__citizen=request.citizen, kind=ItemKind.TASK).values_list("key", flat=True)
    phrases = suggestions(kind=ItemKind.TASK, text=text, exclude_keys=set(have))
    return render(request, "cv/_portal_suggestions.html", {"phrases": phrases, "kind": ItemKind.TASK})
