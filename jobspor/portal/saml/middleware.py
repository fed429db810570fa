"""djangosaml2's SAML session (its own cookie) for the /saml/ URLs only: other pages neither load nor save it."""

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
