from django.shortcuts import render

from .errors import AuditUnavailable


class AuditUnavailableMiddleware:
    """If the access log cannot be written, answer 503 with a Danish message and no citizen data."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, AuditUnavailable):
            return render(request, "503_audit.html", status=503)
        return None
