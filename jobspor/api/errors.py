"""One shape for every error the API answers, in Danish like the UI:

    {"status": 403, "code": "scope_missing", "detail": "…", "errors": {"field": ["…"]}}

Errors raised by the services (Django's ValidationError with Danish messages at the field, StaleEdit, a refused
access) become the same shape as DRF's own."""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from jobspor.core.errors import AccessRefused, AuditUnavailable
from jobspor.core.middleware import database_busy
from jobspor.core.versioning import StaleEdit

logger = logging.getLogger("jobspor.api")


class ErrorSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="HTTP-statuskoden igen.")
    code = serializers.CharField(help_text="Fejlens kode (maskinlæsbar), fx invalid, scope_missing, "
                                           "purpose_missing, idempotency_conflict, not_found.")
    detail = serializers.CharField(help_text="Hvad der er galt, på dansk.")
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False,
                                   help_text="Fejl ved de enkelte felter: feltets navn → danske beskeder.")


class ApiError(exceptions.APIException):
    """An error with our own code and Danish text."""

    def __init__(self, detail, *, code, status_code):
        super().__init__(detail=detail, code=code)
        self.status_code = status_code


def error_body(status_code: int, code: str, detail: str, errors: dict | None = None) -> dict:
    body = {"status": status_code, "code": code, "detail": str(detail)}
    if errors:
        body["errors"] = errors
    return body


def _flatten(detail, prefix="") -> dict:
    """DRF's nested error details as {"field.sub": ["message", …]}."""
    result = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = str(key) if not prefix else prefix if key == "non_field_errors" else f"{prefix}.{key}"
            result.update(_flatten(value, name))
    elif isinstance(detail, list):
        if all(not isinstance(v, dict | list) for v in detail):
            result[prefix or "non_field_errors"] = [str(v) for v in detail]
        else:
            for i, value in enumerate(detail):
                result.update(_flatten(value, f"{prefix}.{i}" if prefix else str(i)))
    else:
        result[prefix or "non_field_errors"] = [str(detail)]
    return result


def _django_errors(exc: DjangoValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        return {("non_field_errors" if k == "__all__" else k): [str(m) for m in v]
                for k, v in exc.message_dict.items()}
    return {"non_field_errors": [str(m) for m in exc.messages]}


def exception_handler(exc, context):
    if isinstance(exc, StaleEdit):
        return Response(error_body(409, "stale", _("Ikke gemt: data er ændret i mellemtiden. Intet er overskrevet."),
                                   {"non_field_errors": [str(m) for m in exc.messages]}), status=409)
    if isinstance(exc, DjangoValidationError):
        return Response(error_body(400, "invalid", _("Ikke gemt: der er fejl i indholdet. Intet er ændret."),
                                   _django_errors(exc)), status=400)
    if isinstance(exc, AccessRefused):
        return Response(error_body(403, "access_refused", exc.reason), status=403)
    if isinstance(exc, DjangoPermissionDenied):
        return Response(error_body(403, "access_refused", _(
            "Systemet har ikke adgang til denne borgers sag efter de samme regler som jobcentrets medarbejdere. "
            "Forsøget er skrevet i adgangsloggen.")), status=403)
    if isinstance(exc, Http404):
        return Response(error_body(404, "not_found", _("Findes ikke.")), status=404)
    if isinstance(exc, AuditUnavailable):
        logger.error("API: access log unavailable: %s", exc)
        return Response(error_body(503, "audit_unavailable", _(
            "Adgangsloggen kan ikke skrives lige nu, så der udleveres ingen borgerdata. Prøv igen senere.")),
            status=503)
    if database_busy(exc):
        response = Response(error_body(503, "busy", _("Databasen er optaget. Intet er gemt. Prøv igen om lidt.")),
                            status=503)
        response["Retry-After"] = "5"
        return response
    from rest_framework.views import exception_handler as drf_exception_handler  # it imports the settings

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
    if isinstance(exc, exceptions.ValidationError):
        detail = _("Forespørgslen er ikke gyldig. Intet er ændret.")
        body = error_body(response.status_code, "invalid", detail, _flatten(exc.detail))
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        body = error_body(response.status_code, code if isinstance(code, str) else "error", detail)
    response.data = body
    return response


ERROR_RESPONSES = {
    400: "Forespørgslen er ikke gyldig (fx mangler formål, ugyldige felter). Intet er ændret.",
    401: "Intet eller et ugyldigt/udløbet adgangstoken.",
    403: "Systemet mangler rettigheden, eller har ikke adgang til borgerens sag.",
    404: "Findes ikke, eller siden findes ikke.",
    409: "Samme Idempotency-Key bruges allerede af en igangværende forespørgsel, eller data er ændret i "
           "mellemtiden.",
    415: "Kroppen skal være JSON (Content-Type: application/json).",
    422: "Samme Idempotency-Key er brugt før med en anden krop. Intet er ændret.",
    503: "Adgangsloggen eller databasen er ikke til rådighed. Intet er ændret, ingen data udleveret.",
}

__all__ = ["ApiError", "ErrorSerializer", "exception_handler", "error_body", "status", "ERROR_RESPONSES"]
