"""Each endpoint needs one scope for reading and one for writing; a system without it is refused with 403, the
refusal written to the access log (the system as actor) and to the log."""

import logging

from django.utils.translation import gettext as _
from rest_framework import exceptions, permissions

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action

from .models import IntegrationSystem
from .purpose import purpose_header

logger = logging.getLogger("jobspor.api")


class ScopeMissing(exceptions.PermissionDenied):
    default_code = "scope_missing"


class HasScope(permissions.BasePermission):
    """The view says `read_scope` and `write_scope` (or `scopes`: {method: scope})."""

    def has_permission(self, request, view):
        system = request.auth
        if not isinstance(system, IntegrationSystem):
            raise exceptions.NotAuthenticated(_("Log ind med et adgangstoken: »Authorization: Bearer <token>« "
                                                "(hent det på /api/v1/token/)."))
        scope = required_scope(view, request.method)
        if scope is None or system.has_scope(scope):
            return True
        logger.warning("API: system %s (%s) refused %s %s: scope %s missing", system.name, system.client_id,
                       request.method, request.path, scope)
        access_log_write(actor=request.user, action=Action.DENIED, purpose=purpose_header(request) or "-",
                         query=f"rettighed={scope}", path=request.get_full_path())
        raise ScopeMissing(_("Systemet »%(name)s« har ikke rettigheden %(scope)s, som kræves her. Bed kommunens "
                             "administrator om at give systemet den. Forsøget er logget.")
                           % {"name": system.name, "scope": scope})


def required_scope(view, method: str) -> str | None:
    scopes = getattr(view, "scopes", None)
    if scopes:
        return scopes.get(method.upper(), scopes.get("*"))
    if method.upper() in permissions.SAFE_METHODS:
        return getattr(view, "read_scope", None)
    return getattr(view, "write_scope", None)
