"""Idle sessions: extending one before it expires, and keeping a form that was posted after it had.

A session expires after JOBSPOR_SESSION_IDLE_MINUTES without a request (settings.SESSION_COOKIE_AGE). The page
script static/jobspor/session.js warns before that and calls `extend`. If a form is posted all the same after
expiry, KeepExpiredPostMiddleware keeps what was typed in the new (anonymous) session, which login() carries over;
after logging in again `resume` shows it and lets the user send it again, through the view's own form and a fresh
CSRF token, so every check of the form (validation, versions, access) applies as to any other save.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.decorators import login_not_required
from django.contrib.sessions.models import Session
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

KEPT = "jobspor_kept_post"
KEPT_FOR = timedelta(hours=12)
MAX_KEPT_CHARS = 200_000  # a long journal note fits; a body meant to fill the session store does not
RESUMED_FIELD = "_jobspor_resumed"
NOT_KEPT = {"accounts:logout", "set_language"}  # nothing typed: logging out or switching language is not redone


@login_not_required
@require_POST
def extend(request):
    """Touch the session so the idle timer starts again (the warning's "Forlæng" button); 401 once it has gone."""
    if not request.user.is_authenticated:
        return JsonResponse({"expired": True}, status=401)
    request.session.modified = True
    return JsonResponse({"idle_seconds": settings.SESSION_COOKIE_AGE})


def _expired_session_user(request):
    """The user id of the session the browser still names, if it exists and has merely expired."""
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not key:
        return None
    row = Session.objects.filter(session_key=key).first()
    if row is None:
        return None
    try:
        return row.get_decoded().get(SESSION_KEY)
    except Exception:  # a session that cannot be decoded names no one
        return None


class KeepExpiredPostMiddleware:
    """Before LoginRequiredMiddleware turns a POST from an expired session into a redirect (losing the body),
    keep the body in the new session, tied to the user whose session expired, and send them to log in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST":
            return None
        if request.user.is_authenticated:
            if request.POST.get(RESUMED_FIELD) and request.session.get(KEPT, {}).get("path") == request.path:
                request.session.pop(KEPT, None)  # sent again: the view now answers as to any save
            return None
        if not getattr(view_func, "login_required", True):
            return None
        if request.resolver_match and request.resolver_match.view_name in NOT_KEPT:
            return None
        user_id = _expired_session_user(request)
        if user_id is None:
            return None  # no one was logged in here: an ordinary redirect to the login page
        data = [(k, v) for k, values in request.POST.lists() for v in values
                if k not in ("csrfmiddlewaretoken", RESUMED_FIELD)]
        if sum(len(k) + len(v) for k, v in data) > MAX_KEPT_CHARS:
            return None
        referer = request.headers.get("Referer", "")
        request.session[KEPT] = {
            "path": request.path,
            "data": data,
            "user": str(user_id),
            "at": timezone.now().isoformat(),
            "files": bool(request.FILES),
            "page": referer if url_has_allowed_host_and_scheme(referer, {request.get_host()}) else "",
        }
        messages.info(request, _("Du var blevet logget af, fordi du ikke havde brugt Jobspor et stykke tid. "
                                 "Det, du skrev, er ikke gemt endnu, men det er ikke tabt: log ind igen, "
                                 "så kan du gemme det."))
        login = f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': reverse('accounts:resume')})}"
        if getattr(request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = login
            return response
        return redirect(login)


def _kept_for(request):
    kept = request.session.get(KEPT)
    if not kept:
        return None
    at = timezone.datetime.fromisoformat(kept["at"])
    if kept["user"] != str(request.user.pk) or timezone.now() - at > KEPT_FOR:
        request.session.pop(KEPT, None)  # someone else's, or too old to be what the user remembers
        return None
    return kept


def resume(request):
    """After logging in again: what was typed before the session expired, to send again or throw away."""
    kept = _kept_for(request)
    if request.method == "POST" and request.POST.get("discard"):
        request.session.pop(KEPT, None)
        messages.info(request, _("Det, du skrev, er kasseret."))
        return redirect("home")
    if kept is None:
        messages.info(request, _("Der er ingen formular, der venter på at blive gemt."))
        return redirect("home")
    from jobspor.audit.presentation import label_of  # the Danish label the history gives the same field

    fields = [(label_of(name.split("-")[-1]), value) for name, value in kept["data"]
              if value and not name.startswith("_") and not name.endswith("version") and name != "csrfmiddlewaretoken"]
    return render(request, "accounts/resume.html", {"kept": kept, "fields": fields, "resumed_field": RESUMED_FIELD})
