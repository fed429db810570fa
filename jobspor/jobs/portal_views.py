"""Virksomhedsindgang → Opslag: the company's own openings, and posting a new one (mounted in
company_portal/urls.py). Objects are looked up through request.company: another CVR's opening is a 404, logged."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jobspor.company_portal.access import company_view, portal_context
from jobspor.company_portal.refusals import messages_of, own_or_404, refusal_log
from jobspor.core.forms import apply_service_errors

from . import portal_services
from .forms import PortalJobForm
from .models import JobOpening

NAV = "openings"


def _openings(company):
    return (JobOpening.objects.filter(company=company).select_related("portal_posting", "postal_code")
            .annotate(sent=Count("shortlist", filter=Q(shortlist__sent_on__isnull=False)))
            .order_by("-posted", "-id"))


@company_view
def openings(request):
    return render(request, "jobs/portal/openings.html", portal_context(
        request, nav=NAV, openings=list(_openings(request.company)[:200])))


@company_view
def opening_new(request):
    form = PortalJobForm(request.POST or None, company=request.company)
    if request.method == "POST":
        if form.is_valid():
            try:
                job = portal_services.opening_post(company_user=request.company_user, **form.cleaned_data)
            except ValidationError as exc:
                apply_service_errors(form, exc)
                refusal_log(request, _("Opslag afvist: %(reasons)s") % {"reasons": messages_of(exc)})
            else:
                messages.success(request, _("Opslaget »%(title)s« er sendt til jobcentret. I hører fra os inden for "
                                            "en arbejdsdag.") % {"title": job.title})
                return redirect("virk:opening", pk=job.pk)
        else:
            refusal_log(request, _("Opslag afvist: %(reasons)s") % {
                "reasons": " ".join(str(e) for errors in form.errors.values() for e in errors)})
    return render(request, "jobs/portal/opening_form.html", portal_context(request, nav=NAV, form=form),
                  status=400 if form.errors else 200)


@company_view
def opening_detail(request, pk):
    job = own_or_404(request, _openings(request.company).select_related("consultant", "workplace"), pk=pk,
                     reason=_("Opslag %(pk)s findes ikke hos virksomheden.") % {"pk": pk})
    return render(request, "jobs/portal/opening_detail.html", portal_context(request, nav=NAV, job=job))
