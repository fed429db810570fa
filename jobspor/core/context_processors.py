from django.conf import settings

from jobspor.organisation.selectors import employee_for_user


def employee(request):
    """The logged-in staff member (or None) for the page header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"current_employee": None}
    return {"current_employee": employee_for_user(user)}


def session_timeout(request):
    """Seconds a session lives without a request, for the idle warning (static/jobspor/session.js)."""
    return {"session_idle_seconds": settings.SESSION_COOKIE_AGE}
