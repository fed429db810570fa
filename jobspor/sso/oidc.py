"""Staff login with OpenID Connect (authorization code flow) on mozilla-django-oidc, against the municipality's
identity provider (Entra ID, AD FS, Keycloak, ...).

mozilla-django-oidc does the protocol: the authorization redirect with state and nonce, the code exchanged for
tokens at the token endpoint, the ID token's signature checked with the provider's JWKS, the userinfo call. On
top of it, ours: every claim of the ID token checked (issuer, audience, expiry, nonce — the library checks only
the signature and nonce), the groups claim mapped to roles and a team (services.py), an optional demand for MFA in
`amr`/`acr`, and every refusal shown in Danish and logged. Settings: JOBSPOR_OIDC_* (config/settings/base.py,
docs/sso.md); without a client id nothing here is active and the login page shows no button."""

import logging
from urllib.parse import urlencode, urlsplit

import jwt
import requests
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.decorators import method_decorator
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .models import Source
from .services import Refused, log_refusal, record_login, staff_for_login

logger = logging.getLogger(__name__)

BACKEND = "jobspor.sso.oidc.StaffOIDCBackend"
REFUSAL = "_jobspor_sso_refusal"
# JOBSPOR_OIDC_* setting → the discovery document's field → mozilla-django-oidc's setting.
ENDPOINTS = [
    ("JOBSPOR_OIDC_AUTHORIZATION_ENDPOINT", "authorization_endpoint", "OIDC_OP_AUTHORIZATION_ENDPOINT"),
    ("JOBSPOR_OIDC_TOKEN_ENDPOINT", "token_endpoint", "OIDC_OP_TOKEN_ENDPOINT"),
    ("JOBSPOR_OIDC_USERINFO_ENDPOINT", "userinfo_endpoint", "OIDC_OP_USER_ENDPOINT"),
    ("JOBSPOR_OIDC_JWKS_URI", "jwks_uri", "OIDC_OP_JWKS_ENDPOINT"),
    ("JOBSPOR_OIDC_ISSUER", "issuer", "JOBSPOR_ISSUER"),
    ("JOBSPOR_OIDC_END_SESSION_ENDPOINT", "end_session_endpoint", "JOBSPOR_END_SESSION"),
]
# Where mozilla-django-oidc keeps the ID token (OIDC_STORE_ID_TOKEN): the id_token_hint of the provider's logout.
ID_TOKEN = "oidc_id_token"
_discovered: dict[str, dict] = {}


def oidc_configured() -> bool:
    """A client id, and either a discovery URL or the authorization, token and JWKS endpoints."""
    s = settings
    if not getattr(s, "JOBSPOR_OIDC_CLIENT_ID", ""):
        return False
    if getattr(s, "JOBSPOR_OIDC_DISCOVERY_URL", ""):
        return True
    return all(getattr(s, name, "") for name in ("JOBSPOR_OIDC_AUTHORIZATION_ENDPOINT",
                                                  "JOBSPOR_OIDC_TOKEN_ENDPOINT", "JOBSPOR_OIDC_JWKS_URI"))


def discovery(url: str) -> dict:
    """The provider's /.well-known/openid-configuration, fetched once per process."""
    if url not in _discovered:
        response = requests.get(url, timeout=settings.JOBSPOR_OIDC_TIMEOUT_SECONDS)
        response.raise_for_status()
        _discovered[url] = response.json()
    return _discovered[url]


def resolved() -> dict:
    """mozilla-django-oidc's OIDC_* settings made from ours (explicit endpoints win over discovery)."""
    s = settings
    found = discovery(s.JOBSPOR_OIDC_DISCOVERY_URL) if s.JOBSPOR_OIDC_DISCOVERY_URL else {}
    values = {target: getattr(s, ours, "") or found.get(field, "") for ours, field, target in ENDPOINTS}
    values.update({
        "OIDC_RP_CLIENT_ID": s.JOBSPOR_OIDC_CLIENT_ID,
        "OIDC_RP_CLIENT_SECRET": s.JOBSPOR_OIDC_CLIENT_SECRET,
        "OIDC_RP_SIGN_ALGO": s.JOBSPOR_OIDC_SIGN_ALGO,
        "OIDC_RP_SCOPES": s.JOBSPOR_OIDC_SCOPES,
        "OIDC_TIMEOUT": s.JOBSPOR_OIDC_TIMEOUT_SECONDS,
        "OIDC_USE_PKCE": True,
        "OIDC_AUTHENTICATION_CALLBACK_URL": "sso:oidc_callback",
        "OIDC_CREATE_USER": False,
        "OIDC_STORE_ID_TOKEN": True,  # for RP-initiated logout (provider_logout_url)
        "LOGIN_REDIRECT_URL": "home",
    })
    return values


def setting(attr, *default):
    """mozilla-django-oidc's settings lookup, answered from JOBSPOR_OIDC_* first."""
    if oidc_configured():
        values = resolved()
        if attr in values:
            return values[attr] or (default[0] if default else values[attr])
    return import_from_settings(attr, *default)


def as_list(value) -> list[str]:
    """A groups claim as a list: a JSON list, or one string (AD FS sends a single group as a string)."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [str(value)]


def groups_overage(claims, claim: str) -> bool:
    """Entra ID's "groups overage": a user in more groups than a token holds (200 in a JWT, 6 in the implicit flow)
    gets no groups claim but a pointer to Microsoft Graph instead — `_claim_names: {"groups": "src1"}` with
    `_claim_sources`, or `hasgroups: true` in the implicit flow. Read as "no groups", the login would fail for want
    of a mapped group (or, worse, map nothing silently); Jobspor does not call Graph, so this is told apart and
    refused with what to change."""
    if claims.get(claim):
        return False
    names = claims.get("_claim_names")
    if isinstance(names, dict) and claim in names:
        return True
    return claim == "groups" and claims.get("hasgroups") in (True, "true", "True")


def mfa_ok(claims) -> bool:
    accepted_amr = {v.strip() for v in settings.JOBSPOR_OIDC_MFA_AMR.split(",") if v.strip()}
    accepted_acr = {v.strip() for v in settings.JOBSPOR_OIDC_MFA_ACR.split(",") if v.strip()}
    return bool(set(as_list(claims.get("amr"))) & accepted_amr) or str(claims.get("acr", "")) in accepted_acr


class StaffOIDCBackend(OIDCAuthenticationBackend):
    """Answers only the callback view's call (it passes a nonce); a password login never reaches it."""

    get_settings = staticmethod(setting)

    def __init__(self, *args, **kwargs):
        # Django makes a backend for every request of a logged-in user (get_user): reading the provider's settings,
        # perhaps its discovery document over the network, waits until a login is actually being completed.
        from django.contrib.auth import get_user_model

        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if request is None or "nonce" not in kwargs or not oidc_configured():
            return None
        try:
            super().__init__()
            return super().authenticate(request, **kwargs)
        except Refused as refused:
            setattr(request, REFUSAL, refused)
        except requests.RequestException as exc:
            status = getattr(getattr(exc, "response", None), "status_code", None)
            setattr(request, REFUSAL, Refused("provider", f"HTTP {status}" if status else type(exc).__name__))
        except SuspiciousOperation as exc:
            setattr(request, REFUSAL, Refused("invalid", str(exc)[:80]))
        return None

    def verify_token(self, token, **kwargs):
        """The ID token: signature with the provider's key, then issuer, audience, expiry, issued-at and nonce."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError:
            raise Refused("invalid", "ikke et JWT")
        alg = header.get("alg")
        if alg != self.OIDC_RP_SIGN_ALGO:
            raise Refused("signature", f"algoritme {alg}")
        try:
            if alg.startswith(("RS", "ES", "PS")):
                key = self.OIDC_RP_IDP_SIGN_KEY or self.retrieve_matching_jwk(token)
            else:
                key = self.OIDC_RP_CLIENT_SECRET
        except SuspiciousOperation:
            raise Refused("signature", "ingen nøgle med dette kid")
        issuer = setting("JOBSPOR_ISSUER", "")
        try:
            payload = jwt.decode(
                token, key, algorithms=[alg], audience=self.OIDC_RP_CLIENT_ID, issuer=issuer or None,
                leeway=settings.JOBSPOR_OIDC_CLOCK_SKEW_SECONDS,
                options={"require": ["exp", "iat", "aud", "sub"], "verify_iss": bool(issuer)})
        except jwt.ExpiredSignatureError:
            raise Refused("expired", "exp overskredet")
        except (jwt.ImmatureSignatureError, jwt.InvalidIssuedAtError):
            raise Refused("expired", "endnu ikke gyldigt")
        except jwt.InvalidAudienceError:
            claimed = jwt.decode(token, options={"verify_signature": False}).get("aud")
            raise Refused("audience", f"aud {str(claimed)[:60]}")
        except jwt.InvalidIssuerError:
            raise Refused("issuer")
        except jwt.InvalidSignatureError:
            raise Refused("signature")
        except jwt.InvalidTokenError as exc:
            raise Refused("invalid", type(exc).__name__)
        audiences = as_list(payload.get("aud"))
        if len(audiences) > 1 and payload.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise Refused("audience", "azp")
        if "nonce" in kwargs and kwargs["nonce"] != payload.get("nonce"):
            raise Refused("nonce")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims, completed from the userinfo endpoint when the provider has one (Entra ID sends
        the groups in the ID token; Keycloak and AD FS may send them either way)."""
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            extra = super().get_userinfo(access_token, id_token, payload)
            if extra.get("sub") not in (None, payload.get("sub")):
                raise Refused("invalid", "userinfo for en anden bruger")
            for name, value in extra.items():
                claims.setdefault(name, value)
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if settings.JOBSPOR_OIDC_REQUIRE_MFA and not mfa_ok(claims):
            raise Refused("no_mfa", f"amr {as_list(claims.get('amr'))} acr {claims.get('acr', '')}"[:100])
        claim = settings.JOBSPOR_OIDC_GROUPS_CLAIM
        if groups_overage(claims, claim):
            names = claims.get("_claim_names")
            source = names[claim] if isinstance(names, dict) and claim in names else "hasgroups"
            raise Refused("group_overage", f"_claim_names {str(source)[:20]}" if source != "hasgroups" else source)
        email = claims.get("email") or claims.get("upn") or ""
        if not email and "@" in str(claims.get("preferred_username", "")):
            email = claims["preferred_username"]
        name = claims.get("name") or " ".join(p for p in (claims.get("given_name"), claims.get("family_name")) if p)
        user = staff_for_login(source=Source.OIDC, subject=str(payload.get("sub", "")), email=str(email),
                               name=str(name or ""), groups=as_list(claims.get(settings.JOBSPOR_OIDC_GROUPS_CLAIM)))
        self.request.jobspor_sso_detail = {k: claims[k] for k in ("amr", "acr") if k in claims}
        return user


def not_a_password_login(request, credentials) -> bool:
    """AXES_WHITELIST_CALLABLE: the OpenID Connect callback (its credentials are a nonce, no user name) is neither
    counted nor locked out by django-axes. Else a few refused SSO logins from a jobcentre's shared address would lock
    every colleague's single sign-on for half an hour; the provider guards its own passwords, and every refusal is
    in Jobspor's access log."""
    return bool(credentials) and "nonce" in credentials and not credentials.get("username")


def not_configured(request):
    return render(request, "sso/refused.html", {"message": Refused("not_configured").message}, status=404)


@method_decorator(login_not_required, name="dispatch")
class OIDCLogin(OIDCAuthenticationRequestView):
    """`/konto/sso/log-ind/?next=...`: off to the identity provider."""

    get_settings = staticmethod(setting)

    def __init__(self, *args, **kwargs):
        if oidc_configured():
            super().__init__(*args, **kwargs)

    def get(self, request):
        if not oidc_configured():
            return not_configured(request)
        try:
            return super().get(request)
        except requests.RequestException:  # the discovery document could not be fetched
            logger.exception("OIDC discovery failed")
            return refuse(request, Refused("provider", "discovery"), status=502)


def refuse(request, refused: Refused, status=403):
    log_refusal(request, refused, source=Source.OIDC, subject="sso:oidc_callback")
    return render(request, "sso/refused.html", {"message": refused.message}, status=status)


@method_decorator(login_not_required, name="dispatch")
class OIDCCallback(OIDCAuthenticationCallbackView):
    """The identity provider sends the browser back here with a code (or an error)."""

    get_settings = staticmethod(setting)

    def get(self, request):
        if not oidc_configured():
            return not_configured(request)
        try:
            return super().get(request)
        except SuspiciousOperation:  # a state this browser did not start
            return refuse(request, Refused("state", "state ukendt"))

    def login_failure(self):
        request = self.request
        refused = getattr(request, REFUSAL, None)
        if refused is None:
            error = request.GET.get("error")
            if error:
                refused = Refused("idp_error", f"{error}: {request.GET.get('error_description', '')}"[:100])
            elif "code" not in request.GET or "state" not in request.GET:
                refused = Refused("invalid", "hverken code eller state")
            else:
                refused = Refused("state", "ingen login i gang")
        return refuse(request, refused)

    def login_success(self):
        response = super().login_success()
        record_login(self.request, self.user, source=Source.OIDC,
                     detail=getattr(self.request, "jobspor_sso_detail", None))
        return response


def provider_logout_url(request) -> str | None:
    """Where "Log af" sends a browser whose session began with this provider's login: the provider's
    end_session_endpoint (OpenID Connect RP-initiated logout 1.0) with the ID token as id_token_hint and Jobspor's
    login page as post_logout_redirect_uri (register it at the provider). None — log out of Jobspor only — for a
    password or KOMBIT login, or when the provider advertises no end_session_endpoint. Read before logout() flushes
    the session."""
    from .services import SESSION_METHOD

    session = getattr(request, "session", None)
    if session is None or session.get(SESSION_METHOD) != Source.OIDC or not oidc_configured():
        return None
    id_token = session.get(ID_TOKEN)
    try:
        endpoint = setting("JOBSPOR_END_SESSION", "")
    except requests.RequestException:  # the discovery document could not be fetched: log out here at least
        logger.warning("OIDC logout: discovery failed, the provider's session is left")
        return None
    if not endpoint or not id_token:
        return None
    params = {"id_token_hint": id_token, "client_id": settings.JOBSPOR_OIDC_CLIENT_ID,
              "post_logout_redirect_uri": request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL))}
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(params)}"


def logout_origins() -> list[str]:
    """The provider's logout origin for the CSP's form-action: "Log af" posts to Jobspor, which redirects there, and
    browsers check that redirect against form-action. Without network: the configured endpoint, the one already
    discovered by this process, else the discovery URL's origin (Entra ID, AD FS and Keycloak serve both from one
    host)."""
    if not oidc_configured():
        return []
    s = settings
    url = getattr(s, "JOBSPOR_OIDC_END_SESSION_ENDPOINT", "")
    if not url and s.JOBSPOR_OIDC_DISCOVERY_URL:
        url = _discovered.get(s.JOBSPOR_OIDC_DISCOVERY_URL, {}).get("end_session_endpoint") or \
            s.JOBSPOR_OIDC_DISCOVERY_URL
    parts = urlsplit(url or "")
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme in ("http", "https") and parts.netloc else []


def login_url(next_url: str = "") -> str:
    url = reverse("sso:oidc_login")
    return f"{url}?next={next_url}" if next_url else url
