from pathlib import Path

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

FAVICON = Path(__file__).parent / "static" / "jobspor" / "favicon.ico"


# Where each role's work is (issue 13: each role starts where its work is). Someone with several roles starts
# at the first that matches, in this order.
START_PAGES = [
    ("leder", "kpi:dashboard"),
    ("jobformidler", "followup:my_tasks"),
    ("virksomhedskonsulent", "companies:mine"),
    ("mentor", "mentors:mine"),
]


def home(request):
    """The start page after login: Ledelsesinfo for a leader, Mine opgaver for a jobformidler, Mine virksomheder for a
    virksomhedskonsulent, the mentor's own assignments for a mentor; otherwise my cases."""
    from jobspor.organisation.selectors import employee_for_user

    employee = employee_for_user(request.user)
    for role, url_name in START_PAGES:
        if employee is not None and employee.has_role(role):
            return redirect(url_name)
    return redirect(reverse("cases:list") + "?scope=mine")


@login_not_required
def permission_denied(request, exception=None):
    from .errors import AccessRefused

    refused = isinstance(exception, AccessRefused)
    return render(request, "403.html", {"reason": exception.reason if refused else None,
                                        "logged": exception.logged if refused else True}, status=403)


@login_not_required
def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@login_not_required
def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


@login_not_required
def server_error(request):
    return render(request, "500.html", status=500)


@login_not_required
@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers and bookmarks ask for /favicon.ico whatever the page's <link rel="icon"> says."""
    return HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")
