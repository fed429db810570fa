"""djangosaml2's SAML session (its own cookie) for the /saml/ URLs only: other pages neither load nor save it."""

from importlib import import_module

from django.conf import settings
from djangosaml2.middleware import SamlSessionMiddleware as Base


class SamlSessionMiddleware(Base):
    prefix = "/saml/"

    def process_request(self, request):
        if request.path_info.startswith(self.prefix):
            super().process_request(request)

    def process_response(self, request, response):
        if not hasattr(request, "saml_session"):
            return response
        return super().process_response(request, response)


def ensure_saml_session(request):
    """The SAML session for a view outside /saml/ that needs it (the portals' logout); saved by the middleware."""
    if not hasattr(request, "saml_session"):
        store = import_module(settings.SESSION_ENGINE).SessionStore
        request.saml_session = store(request.COOKIES.get(SamlSessionMiddleware.cookie_name))
    return request.saml_session
