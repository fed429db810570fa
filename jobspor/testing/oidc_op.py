"""A real OpenID Connect provider for the tests: pyop's Provider behind a small HTTP server in a thread, with an RSA
signing key made at test time. It plays the municipality's Entra ID / AD FS: discovery, the authorization endpoint
(it "logs in" whoever `login_as` named and redirects back with a code), the token endpoint (client_secret_post,
PKCE), userinfo and JWKS — all over real HTTP, so mozilla-django-oidc talks to it as to a real provider.

Knobs make it misbehave like a wrong or stale provider would: `audience` (the ID token's aud), `id_token_lifetime`
(negative: already expired), `issuer_override`; `groups` and `amr` go into the ID token, as Entra ID sends them
(`claims_override` replaces them, e.g. with Entra ID's group-overage claims). `end_session` advertises the logout
endpoint (RP-initiated logout), which checks id_token_hint and post_logout_redirect_uri and records each request.

    op = TestOP(redirect_uri="http://testserver/konto/sso/callback/")
    with override_settings(**op.settings()):
        op.login_as("anne", email="anne@kommune.dk", groups=["grp-jobformidlere"])
        ...
    op.stop()
"""

import json
import threading
from urllib.parse import parse_qs, urlencode
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from Cryptodome.PublicKey import RSA
from jwkest.jwk import RSAKey
from pyop.authz_state import AuthorizationState
from pyop.exceptions import BearerTokenError, InvalidAuthenticationRequest, OAuthError
from pyop.provider import Provider
from pyop.subject_identifier import HashBasedSubjectIdentifierFactory
from pyop.userinfo import Userinfo

CLIENT_ID = "jobspor-test"
CLIENT_SECRET = "hemmelig-klient-noegle"


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class _Provider(Provider):
    """pyop's provider, with the ID token's audience and issuer as the test says."""

    def __init__(self, op, signing_key, configuration, *args, **kwargs):
        # oic insists on an https issuer when it checks the configuration; the test serves plain HTTP on 127.0.0.1.
        issuer = configuration["issuer"]
        super().__init__(signing_key, {**configuration, "issuer": "https://op.test"}, *args, **kwargs)
        self.configuration_information["issuer"] = issuer
        self.op = op

    def _create_signed_id_token(self, client_id, sub, *args, **kwargs):
        token = super()._create_signed_id_token(client_id, sub, *args, **kwargs)
        if self.op.audience is None and self.op.issuer_override is None:
            return token
        from oic.oic.message import IdToken

        claims = IdToken().from_jwt(token, keyjar=None, verify=False).to_dict()
        claims["aud"] = self.op.audience or client_id
        claims["iss"] = self.op.issuer_override or claims["iss"]
        return IdToken(**claims).to_jwt([self.signing_key], "RS256")


class TestOP:
    __test__ = False  # not a test class

    def __init__(self, *, redirect_uri="http://testserver/konto/sso/callback/"):
        self.httpd = make_server("127.0.0.1", 0, self.wsgi, server_class=WSGIServer, handler_class=_Quiet)
        self.base_url = f"http://127.0.0.1:{self.httpd.server_port}"
        self.signing_key = RSAKey(key=RSA.generate(2048), alg="RS256", kid="test-op-1")
        self.redirect_uri = redirect_uri
        self.post_logout_redirect_uri = redirect_uri.split("/konto/")[0] + "/konto/login/"
        self.users: dict[str, dict] = {}
        self.reset()
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    # -- what the next login says --------------------------------------------------------------------------------
    def reset(self):
        self.user_id = None
        self.groups_by_user: dict[str, list] = {}
        self.amr = ["pwd", "mfa"]
        self.audience = None
        self.issuer_override = None
        self.id_token_lifetime = 300
        self.token_requests = 0
        self.end_session = True  # advertise end_session_endpoint (RP-initiated logout)
        self.logouts: list[dict] = []  # the end-session requests received
        self.claims_override: dict | None = None  # replaces the extra claims (groups, amr) of the next ID token
        self.provider = self._provider()

    def login_as(self, user_id, *, email="", name="", groups=(), sub=None):
        """The person who 'logs in' at the provider on the next authorization request."""
        self.users[user_id] = {"sub": sub or f"sub-{user_id}", "email": email, "name": name,
                               "email_verified": True}
        self.groups_by_user[user_id] = list(groups)
        self.user_id = user_id
        return self

    def _provider(self) -> Provider:
        configuration = {
            "issuer": self.base_url,
            "authorization_endpoint": f"{self.base_url}/authorize",
            "token_endpoint": f"{self.base_url}/token",
            "userinfo_endpoint": f"{self.base_url}/userinfo",
            "jwks_uri": f"{self.base_url}/jwks",
            "scopes_supported": ["openid", "email", "profile"],
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
        }
        if self.end_session:
            configuration["end_session_endpoint"] = f"{self.base_url}/logout"
        clients = {CLIENT_ID: {"client_secret": CLIENT_SECRET, "redirect_uris": [self.redirect_uri],
                               "response_types": ["code"], "token_endpoint_auth_method": "client_secret_post",
                               "post_logout_redirect_uris": [self.post_logout_redirect_uri]}}
        state = AuthorizationState(HashBasedSubjectIdentifierFactory("salt"), {}, {}, {}, {})
        return _Provider(self, self.signing_key, configuration, state, clients, Userinfo(self.users),
                         id_token_lifetime=self.id_token_lifetime)

    def _extra_claims(self, user_id, client_id):
        if self.claims_override is not None:
            return dict(self.claims_override)
        return {"groups": self.groups_by_user.get(user_id, []), "amr": list(self.amr)}

    def settings(self, *, discovery=True) -> dict:
        """Django settings for a Jobspor that trusts this provider (for override_settings)."""
        values = {"JOBSPOR_OIDC_CLIENT_ID": CLIENT_ID, "JOBSPOR_OIDC_CLIENT_SECRET": CLIENT_SECRET,
                  "JOBSPOR_OIDC_DISCOVERY_URL": "", "JOBSPOR_OIDC_ISSUER": "",
                  "JOBSPOR_OIDC_AUTHORIZATION_ENDPOINT": "", "JOBSPOR_OIDC_TOKEN_ENDPOINT": "",
                  "JOBSPOR_OIDC_USERINFO_ENDPOINT": "", "JOBSPOR_OIDC_JWKS_URI": ""}
        if discovery:
            values["JOBSPOR_OIDC_DISCOVERY_URL"] = f"{self.base_url}/.well-known/openid-configuration"
        else:
            values.update({"JOBSPOR_OIDC_ISSUER": self.base_url,
                           "JOBSPOR_OIDC_AUTHORIZATION_ENDPOINT": f"{self.base_url}/authorize",
                           "JOBSPOR_OIDC_TOKEN_ENDPOINT": f"{self.base_url}/token",
                           "JOBSPOR_OIDC_USERINFO_ENDPOINT": f"{self.base_url}/userinfo",
                           "JOBSPOR_OIDC_JWKS_URI": f"{self.base_url}/jwks"})
        return values

    # -- HTTP ------------------------------------------------------------------------------------------------------
    def wsgi(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        query = environ.get("QUERY_STRING", "")
        body = ""
        if environ.get("REQUEST_METHOD") == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(length).decode()
        headers = {"Authorization": environ.get("HTTP_AUTHORIZATION", "")} if environ.get("HTTP_AUTHORIZATION") \
            else {}
        provider = self.provider
        provider.id_token_lifetime = self.id_token_lifetime

        def reply(status, payload, content_type="application/json", extra=()):
            data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
            start_response(status, [("Content-Type", content_type), *extra])
            return [data]

        try:
            if path == "/.well-known/openid-configuration":
                return reply("200 OK", provider.provider_configuration.to_dict())
            if path == "/jwks":
                return reply("200 OK", provider.jwks)
            if path == "/authorize":
                request = provider.parse_authentication_request(query)
                if self.user_id is None:
                    location = f"{request['redirect_uri']}?" + urlencode(
                        {"error": "access_denied", "state": request.get("state", "")})
                else:
                    response = provider.authorize(request, self.user_id)
                    location = response.request(request["redirect_uri"])
                return reply("302 Found", b"", "text/plain", [("Location", location)])
            if path == "/token":
                self.token_requests += 1
                response = provider.handle_token_request(body, headers, extra_id_token_claims=self._extra_claims)
                return reply("200 OK", response.to_dict())
            if path == "/logout":
                from oic.oic.message import EndSessionRequest

                request = EndSessionRequest().deserialize(query, "urlencoded")
                self.logouts.append(request.to_dict())
                try:
                    provider.logout_user(end_session_request=request)
                except Exception:  # noqa: BLE001 (no session of that subject here: logged out all the same)
                    pass
                location = provider.do_post_logout_redirect(request)  # checks id_token_hint and the redirect URI
                if location is None:
                    return reply("400 Bad Request", {"error": "invalid_request"})
                return reply("302 Found", b"", "text/plain", [("Location", location)])
            if path == "/userinfo":
                response = provider.handle_userinfo_request(body or query, headers)
                return reply("200 OK", response.to_dict())
        except (InvalidAuthenticationRequest, OAuthError, BearerTokenError) as exc:
            return reply("400 Bad Request", {"error": getattr(exc, "oauth_error", "invalid_request"),
                                             "error_description": str(exc)})
        return reply("404 Not Found", {"error": "not_found"})

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def follow_login(client, op, *, next_url=""):
    """A browser's whole login: Jobspor → the provider's authorization endpoint (real HTTP) → back to Jobspor's
    callback. Returns Jobspor's answer to the callback."""
    import requests
    from django.urls import reverse

    start = client.get(reverse("sso:oidc_login") + (f"?{urlencode({'next': next_url})}" if next_url else ""))
    assert start.status_code == 302, start.content[:300]
    at_op = requests.get(start["Location"], allow_redirects=False, timeout=30)
    assert at_op.status_code == 302, at_op.text
    back = at_op.headers["Location"]
    path, _, query = back.partition("?")
    assert path.startswith("http://testserver/")
    return client.get(path.removeprefix("http://testserver"), parse_qs(query) and
                      {k: v[0] for k, v in parse_qs(query).items()})


__all__ = ["CLIENT_ID", "TestOP", "follow_login"]
