"""Virksomhedsindgang: login and Vores kontakt (the front page). Other pages live in the apps they belong to and
are mounted under the portal's URLs (company_portal/urls.py)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobspor.portal.identity import Kind, user_kind
from jobspor.portal.login import demo_logins_enabled, portal_login
from jobspor.portal.saml import saml_configured
from jobspor.portal.saml.views import single_logout

from .access import company_view, portal_context
from .models import CompanyUser


@login_not_required
def login_page(request):
    if user_kind(request.user) == Kind.COMPANY:
        return redirect("virk:home")
    mitid_url = (reverse("saml:login") + "?idp=erhverv&next=" + reverse("virk:home")) if saml_configured() else None
    return render(request, "company_portal/login.html", {"mitid_url": mitid_url, "demo": demo_logins_enabled()})


@login_not_required
def demo_login(request):
    """`make run` only: log in as a demo company user without MitID Erhverv (404 in production)."""
    if not demo_logins_enabled():
        raise Http404
    if request.method == "POST":
        link = get_object_or_404(CompanyUser, pk=request.POST.get("user") or 0, is_active=True,
                                 mitid_uuid="")
        logout(request)
        portal_login(request, link.user, method="demo")
        return redirect("virk:home")
    users = CompanyUser.objects.filter(is_active=True, mitid_uuid="").select_related("company")[:8]
    return render(request, "company_portal/demo_login.html", {"users": users})


@require_POST
@login_not_required
def logout_view(request):
    single = single_logout(request)  # a MitID login: log out of NemLog-in too
    if single is not None:
        return single
    logout(request)
    messages.info(request, _("Du er logget af Virksomhedsindgangen."))
    return redirect("virk:login")


@company_view
def home(request):
    """Vores kontakt: the company's one owner at the jobcentre."""
    from jobspor.messaging.promise import promise_hours

    return render(request, "company_portal/home.html", portal_context(
        request, nav="home", owner=request.company.owner, promise_hours=promise_hours(),
        messages_url=reverse("virk:message_new")))
