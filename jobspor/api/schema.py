"""The OpenAPI description: every operation documents the errors it can answer (one shape, Danish text), the
scope it needs (OAuth 2.0 client credentials) and its pagination."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse

from .errors import ERROR_RESPONSES, ErrorSerializer
from .permissions import required_scope
from .scopes import Scope

READ_ERRORS = (400, 401, 403, 404, 503)
WRITE_ERRORS = (400, 401, 403, 404, 409, 415, 422, 503)


class ApiAutoSchema(AutoSchema):
    def get_description(self):
        # Only what the endpoint says of itself (extend_schema's description), not the base class's docstring.
        return ""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = WRITE_ERRORS if self.method in ("POST", "PUT", "PATCH") else READ_ERRORS
        for code in codes:
            if str(code) not in responses:
                responses[str(code)] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=ERROR_RESPONSES[code]), str(code))
        return responses


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "jobspor.api.authentication.BearerTokenAuthentication"
    name = "jobspor"

    def get_security_definition(self, auto_schema):
        return {
            "type": "oauth2",
            "description": "Et adgangstoken fra /api/v1/token/ (OAuth 2.0 client credentials), sendt som "
                           "»Authorization: Bearer <token>«.",
            "flows": {"clientCredentials": {"tokenUrl": "/api/v1/token/",
                                            "scopes": {str(s.value): str(s.label) for s in Scope}}},
        }

    def get_security_requirement(self, auto_schema):
        scope = required_scope(auto_schema.view, auto_schema.method)
        return {self.name: [str(scope)] if scope else []}


def bounded_ids(result, generator, request, public):
    """Ids in paths are positive database keys: say so, so clients (and Schemathesis) stay within them."""
    for item in result.get("paths", {}).values():
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "path" and parameter["schema"].get("type") == "integer":
                    parameter["schema"].update({"minimum": 1, "maximum": 2**62})
    return result
