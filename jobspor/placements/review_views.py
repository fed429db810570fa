"""Staff: the queue of hours companies reported on Virksomhedsindgang, to confirm or query (with a note back to the
company). Linked from "Mine opgaver" and from the placement page. Confirm and query are events (reported_hours.py)."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jobspor.core.forms import Form

from . import selectors
from .models import WeekHours
from .reported_hours import hours_confirm, hours_query
from .views import _placement
from .weeks import iso_week


class ReviewForm(Form):
    action = forms.ChoiceField(choices=[("confirm", "confirm"), ("query", "query")])
    note = forms.CharField(label=gettext_lazy("Spørgsmål til virksomheden"), required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    seen = forms.CharField(required=False, widget=forms.HiddenInput)  # "i;o" as shown


def queue(request):
    everyone = request.GET.get("alle") == "1"
    rows = selectors.reported_hours_queue(user=request.user, path=request.path, mine_only=not everyone)
    return render(request, "placements/reported_hours.html", {"nav": "cases", "rows": rows, "everyone": everyone})


def _back(request):
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("placements:reported_hours")


@require_POST
def review(request, pk, placement_pk, hours_pk):
    """Confirm a reported week, or query it with a note (the case is checked, and a refusal logged, first)."""
    placement = _placement(request, pk, placement_pk, change=True)
    row = get_object_or_404(WeekHours, pk=hours_pk, placement=placement)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vælg at bekræfte eller spørge."))
        return _back(request)
    seen = None
    if form.cleaned_data["seen"]:
        try:
            a, b = form.cleaned_data["seen"].split(";")
            seen = (Decimal(a), Decimal(b))
        except (ValueError, ArithmeticError):
            seen = None
    try:
        if form.cleaned_data["action"] == "confirm":
            hours_confirm(actor=request.user, hours=row, seen=seen)
            messages.success(request, _("Timerne for %(week)s hos %(company)s er bekræftet.")
                             % {"week": iso_week(row.week), "company": placement.company.name})
        else:
            hours_query(actor=request.user, hours=row, note=form.cleaned_data["note"])
            messages.success(request, _("Spørgsmålet om %(week)s er sendt til %(company)s.")
                             % {"week": iso_week(row.week), "company": placement.company.name})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _back(request)
