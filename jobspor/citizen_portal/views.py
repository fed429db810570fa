"""Min side: login, Mit forløb (the front page) and consent. Other pages live in the apps they belong to and are
mounted under Min side's URLs (citizen_portal/urls.py)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobspor.cases.models import CaseStaff
from jobspor.citizens.models import Citizen
from jobspor.portal.identity import Kind, user_kind
from jobspor.portal.login import demo_logins_enabled, portal_login

from .access import citizen_view, log_own_read, portal_context
from .forms import ConsentForm, DemoLoginForm
from .services import citizen_user_for, consent_current, consent_record, current_case
from .situation import situation


@login_not_required
def login_page(request):
    """Min side's front door: "Log ind med MitID" (NemLog-in), and in `make run` a demo login."""
    if user_kind(request.user) == Kind.CITIZEN:
        return redirect("minside:home")
    try:
        mitid_url = reverse("saml:login") + "?next=" + reverse("minside:home")
    except Exception:  # the SAML adapter is not configured on this installation
        mitid_url = None
    return render(request, "citizen_portal/login.html", {
        "mitid_url": mitid_url, "demo": demo_logins_enabled(), "next": request.GET.get("next", "")})


def demo_citizens(limit=8):
    """Demo citizens with an open case and a primary contact, for the demo login's pick list."""
    return (Citizen.objects.filter(cases__closed__isnull=True, cases__staff__is_primary=True)
            .distinct().order_by("pk")[:limit])


@login_not_required
def demo_login(request):
    """`make run` only: log in as a demo citizen without MitID. Production settings turn it off (404)."""
    if not demo_logins_enabled():
        raise Http404
    if request.method == "POST":
        form = DemoLoginForm(request.POST)
        if form.is_valid():
            citizen = get_object_or_404(Citizen, pk=form.cleaned_data["citizen"])
            logout(request)
            portal_login(request, citizen_user_for(citizen), method="demo")
            return redirect("minside:home")
    return render(request, "citizen_portal/demo_login.html", {"citizens": demo_citizens()})


@require_POST
@login_not_required
def logout_view(request):
    logout(request)
    messages.info(request, _("Du er logget af Min side."))
    return redirect("minside:login")


@citizen_view
def home(request):
    """Mit forløb: where I stand."""
    case = current_case(request.citizen)
    primary = None
    if case is not None:
        primary = (CaseStaff.objects.filter(case=case, is_primary=True).select_related("employee").first())
    where = situation(request.citizen, case)
    log_own_read(request, case_ids=[case.pk] if case else None)
    return render(request, "citizen_portal/home.html", portal_context(
        request, nav="home", case=case, primary=primary.employee if primary else None, **where))


@citizen_view
def consent(request):
    """What a company may see of me when a jobformidler proposes me as a candidate. Withdrawing is immediate."""
    current = consent_current(request.citizen)
    initial = {k: getattr(current, k) for k in ("share_name", "share_tasks", "share_hours")} if current else {}
    form = ConsentForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        consent_record(citizen=request.citizen, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Dit samtykke er gemt. Det gælder fra nu."))
        return redirect("minside:consent")
    history = request.citizen.candidate_consents.select_related("recorded_by")[:50]
    log_own_read(request)
    return render(request, "citizen_portal/consent.html", portal_context(
        request, nav="consent", form=form, current=current, history=history), status=400 if form.errors else 200)


