"""Logging a portal user in. The SAML adapter (jobspor.portal.saml) and the demo login both end here."""

from django.conf import settings
from django.contrib.auth import login

from jobspor.audit.services import event_record

BACKEND = "django.contrib.auth.backends.ModelBackend"


def portal_login(request, user, *, method: str, assurance: str = "") -> None:
    """Start a session for a portal user. `method` is how they proved who they are ("mitid", "mitid_erhverv",
    "demo"); `assurance` the NSIS level of assurance of the login, kept in the session for the pages that need it.
    """
    login(request, user, backend=BACKEND)
    request.session["portal_login_method"] = method
    request.session["portal_assurance"] = assurance
    event_record(actor=user, verb="portal_login", target=user, after={"method": method, "assurance": assurance})


def demo_logins_enabled() -> bool:
    """Demo logins (pick a demo citizen or company user without MitID) exist for `make run` only; production
    settings turn them off whatever the environment says."""
    return bool(getattr(settings, "JOBSPOR_DEMO_LOGINS", False))
