"""Bearer tokens issued by /api/v1/token/ (OAuth2 client credentials). The token's system acts through its own
user account; the account carries the system so the audit trail names it without another query."""

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from .services import token_system


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Angiv adgangstokenet som »Authorization: Bearer <token>«."))
        try:
            raw = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Adgangstokenet er ukendt eller udløbet."))
        system = token_system(raw)
        if system is None:
            raise exceptions.AuthenticationFailed(
                _("Adgangstokenet er ukendt eller udløbet. Hent et nyt på /api/v1/token/."))
        user = system.user
        user.__dict__["_jobspor_system"] = system
        return user, system

    def authenticate_header(self, request):
        return 'Bearer realm="jobspor"'
