from django.db import OperationalError
from django.shortcuts import render

from .errors import AuditUnavailable


def database_busy(exception) -> bool:
    """SQLite's "database is locked": another writer held the database longer than the busy timeout."""
    return isinstance(exception, OperationalError) and "locked" in str(exception).lower()


class AuditUnavailableMiddleware:
    """If the access log cannot be written, answer 503 with a Danish message and no citizen data. Likewise when
    the database stayed busy (SQLite "database is locked"): the transaction was rolled back, so nothing was saved,
    and the user is told so in Danish, never shown the raw error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, AuditUnavailable):
            return render(request, "503_audit.html", status=503)
        if database_busy(exception):
            response = render(request, "503_busy.html", status=503)
            response["Retry-After"] = "5"
            return response
        return None
