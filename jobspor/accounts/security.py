"""Two rules for every login (issue 15.4a), as middleware:

- A maximum session lifetime (JOBSPOR_SESSION_MAX_HOURS, default 10 — a working day) besides the idle timeout:
  the moment of login is kept in the session and a session older than that is ended.
- JOBSPOR_REQUIRE_TOTP: every staff login must have passed a second factor (django-otp), the admin site included.
  A staff user without it is sent to set up two-step login; one who has it but came in another way (the admin's
  own login form) is logged out and sent to the login that asks for the code. Portal users log in with MitID,
  which is a second factor itself; staff logging in by single sign-on (jobspor/sso) rely on the identity
  provider's MFA."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import devices_for_user

LOGIN_AT = "jobspor_login_at"


def max_session_seconds() -> float:
    return float(getattr(settings, "JOBSPOR_SESSION_MAX_HOURS", 10)) * 3600


def remember_login_time(sender, request, user, **kwargs):
    """user_logged_in: the start of the session's lifetime."""
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT] = time.time()


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get(LOGIN_AT)
            if started is None:
                request.session[LOGIN_AT] = time.time()  # a session from before this rule: it starts now
            elif time.time() - started > max_session_seconds():
                logout(request)  # the login page (staff) or the portal's login follows from being anonymous
                messages.info(request, _("Du er logget ud, fordi du har været logget ind i mere end %(hours)s timer. "
                                         "Log ind igen.") % {"hours": f"{max_session_seconds() / 3600:g}"})
        return self.get_response(request)


class RequireSecondFactorMiddleware:
    EXEMPT = ("accounts:totp", "accounts:logout", "accounts:login", "set_language", "accounts:session_extend")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(settings, "JOBSPOR_REQUIRE_TOTP", False) and request.user.is_authenticated \
                and not request.user.is_verified() and self._is_staff(request.user) \
                and not self._single_sign_on(request) \
                and not any(request.path == reverse(name) for name in self.EXEMPT) \
                and not request.path.startswith(settings.STATIC_URL):
            if any(True for _d in devices_for_user(request.user, confirmed=True)):
                logout(request)
                messages.info(request, _("Log ind med din engangskode fra appen."))
                return redirect(f"{reverse('accounts:login')}?next={request.path}")
            messages.info(request, _("Jobcentret kræver totrinsbekræftelse. Slå det til, før du går videre."))
            return redirect("accounts:totp")
        return self.get_response(request)

    @staticmethod
    def _single_sign_on(request) -> bool:
        """A login through the municipality's identity provider or KOMBIT: the second factor is theirs to ask for
        (docs/sso.md; JOBSPOR_OIDC_REQUIRE_MFA makes Jobspor check the token says so)."""
        from jobspor.sso.services import SESSION_METHOD

        return request.session.get(SESSION_METHOD) in ("oidc", "kombit")

    @staticmethod
    def _is_staff(user) -> bool:
        from jobspor.portal.identity import Kind, user_kind

        return user_kind(user) == Kind.STAFF
