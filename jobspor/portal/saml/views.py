"""The SAML endpoints, on djangosaml2's views: login (a signed AuthnRequest to NemLog-in by the redirect binding),
the assertion consumer service, single logout both ways, and the SP's metadata.

Each view first checks `saml_configured()`: without settings they answer a Danish "not set up" page."""

import logging

from django.contrib import auth, messages
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from djangosaml2.cache import OutstandingQueriesCache
from djangosaml2.utils import get_location
from djangosaml2.views import (
    AssertionConsumerServiceView,
    LoginView,
    LogoutInitView,
    LogoutView,
    MetadataView,
    _get_subject_id,
    _set_subject_id,
)
from saml2.response import StatusError, UnsolicitedResponse
from saml2.sigver import MissingKey, SignatureError
from saml2.validate import ResponseLifetimeExceed, ToEarly

from jobspor.portal.identity import Kind, user_kind

from . import replay
from .config import CITIZEN, COMPANY, STAFF, idp_for, saml_configured
from .middleware import ensure_saml_session
from .services import Refused, attributes, log_refusal, login_citizen, login_company

logger = logging.getLogger(__name__)

CONFIG_LOADER = "jobspor.portal.saml.config.sp_config"
# In the SAML session (its own cookie, sent along with the IdP's cross-site POST): the logins in flight by request
# id, where to go after logout, and the Django session the SAML login started (for the IdP's logout request).
PENDING = "_jobspor_saml_pending"
LOGOUT_NEXT = "_jobspor_saml_logout_next"
DJANGO_SESSION = "_jobspor_saml_django_session"
IDENTITIES = "_saml2_identities"  # djangosaml2's IdentityCache
PORTAL_HOME = {CITIZEN: "minside:home", COMPANY: "virk:home", STAFF: "home"}
PORTAL_LOGIN = {CITIZEN: "minside:login", COMPANY: "virk:login", STAFF: "accounts:login"}
KIND_OF = {CITIZEN: Kind.CITIZEN, COMPANY: Kind.COMPANY, STAFF: Kind.STAFF}


def not_configured(request):
    return render(request, "saml/not_configured.html", status=404)


def safe_next(request, url, kind) -> str:
    """Only a path on this site; anything else (another host, a scheme, '//') goes to the portal's front page."""
    if url and url.startswith("/") and not url.startswith("//") and "\\" not in url and \
            url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=False):
        return url
    return reverse(PORTAL_HOME[kind])


class SPConfigOnce:
    """Load the SP's configuration (and the IdP's metadata) once per request."""

    config_loader_path = CONFIG_LOADER

    def get_sp_config(self, request):
        if not hasattr(self, "_sp_config"):
            self._sp_config = import_string(self.config_loader_path)(request)
        return self._sp_config

    def configured(self) -> bool:
        return saml_configured()


class Login(SPConfigOnce, LoginView):
    """`?next=/min-side/...` starts a citizen's MitID login, `?idp=erhverv&next=...` a company user's."""

    def kind_for(self, request) -> str:
        return COMPANY if request.GET.get("idp") == "erhverv" else CITIZEN

    def idp_of(self, config):
        return idp_for(config, self.kind)

    def get(self, request, *args, **kwargs):
        if not self.configured():
            return not_configured(request)
        self.kind = self.kind_for(request)
        next_url = safe_next(request, request.GET.get("next"), self.kind)
        idp = self.idp_of(self.get_sp_config(request))
        if idp is None:
            logger.error("JOBSPOR_SAML_IDP_METADATA holds no single IdP (or not the configured one)")
            return not_configured(request)
        params = request.GET.copy()
        for name in ("RelayState", "scoping", "idphint"):
            params.pop(name, None)
        params["idp"], params["next"] = idp, next_url
        request.GET = params
        before = set(OutstandingQueriesCache(request.saml_session).outstanding_queries())
        response = super().get(request, *args, **kwargs)
        new = set(OutstandingQueriesCache(request.saml_session).outstanding_queries()) - before
        if new:
            pending = dict(list(request.saml_session.get(PENDING, {}).items())[-9:])  # a few tabs at most
            for request_id in new:
                pending[request_id] = {"kind": self.kind, "idp": idp, "next": next_url}
            request.saml_session[PENDING] = pending
        return response

    def should_prevent_auth(self, request):
        # Already logged in on this portal: straight on. Logged in as someone else: a new login replaces it.
        return user_kind(request.user) == KIND_OF[self.kind]


REFUSAL_OF_ERROR = [
    ((ResponseLifetimeExceed, ToEarly), "expired"),
    ((UnsolicitedResponse,), "unsolicited"),
    ((MissingKey,), "signature"),
    ((StatusError,), "idp_status"),
]


def refusal_for(exception) -> Refused:
    """What pysaml2's refusal of a response means, as one of our reasons."""
    text = str(exception)
    for classes, reason in REFUSAL_OF_ERROR:
        if isinstance(exception, classes):
            return Refused(reason)
    if isinstance(exception, SignatureError):
        return Refused("unsigned" if "missing" in text.lower() else "signature")
    if "AudienceRestrictions" in text:
        return Refused("audience")
    if "Came from" in text:
        return Refused("unsolicited")
    logger.info("SAML response refused: %r", exception)
    return Refused("invalid", type(exception).__name__)


class AssertionConsumer(SPConfigOnce, AssertionConsumerServiceView):
    """NemLog-in posts its signed answer here. pysaml2 checks signatures, audience, validity window, InResponseTo;
    we add: the assertion signed, the issuer the IdP we asked, each id used once, LoA and the person's identity."""

    def post(self, request, *args, **kwargs):
        if not self.configured():
            return not_configured(request)
        self.refusal = None
        peek = replay.peek(request.POST.get("SAMLResponse", ""))
        self.pending = request.saml_session.get(PENDING, {}).get(peek.in_response_to)
        if not peek.ids:
            return self.refuse(request, Refused("invalid", "intet SAML-svar"), status=400)
        if replay.seen_before(peek.ids):
            return self.refuse(request, Refused("replay"))
        return super().post(request, *args, **kwargs)

    @property
    def kind(self):
        return (self.pending or {}).get("kind", CITIZEN)

    def refuse(self, request, refused: Refused, status=403):
        log_refusal(request, refused, kind=self.kind)
        return render(request, "saml/refused.html", {
            "message": refused.message, "kind": self.kind, "login_url": reverse(PORTAL_LOGIN[self.kind])},
            status=status)

    def custom_validation(self, response):
        forget_attributes(self.request.saml_session)  # whatever follows, login or refusal
        try:
            self.check(response)
        except Refused as refused:
            self.refusal = refused
            raise

    def check(self, response):
        pending = self.request.saml_session.get(PENDING, {}).get(response.in_response_to)
        if pending is None:
            raise Refused("unsolicited")
        self.pending = pending
        assertion = response.assertion
        issuers = {response.issuer(), getattr(assertion.issuer, "text", None)}
        if issuers - {None} != {pending["idp"]} or assertion.issuer is None:
            raise Refused("issuer")
        if not assertion.signature:  # pysaml2 checks this too (want_assertions_signed); never rely on one check
            raise Refused("unsigned")
        try:
            replay.mark_used([response.response.id, assertion.id], expires_at=replay.not_on_or_after(assertion))
        except replay.Replayed:
            raise Refused("replay")
        self.saml_response = response

    def handle_acs_failure(self, request, exception=None, status=403, **kwargs):
        return self.refuse(request, self.refusal or refusal_for(exception))

    def authenticate_user(self, request, session_info, attribute_mapping, create_unknown_user, assertion_info):
        attrs = attributes(self.saml_response.assertion)
        try:
            user = (login_company if self.kind == COMPANY else login_citizen)(request, attrs)
        except Refused as refused:
            self.refusal = refused
            raise PermissionDenied(refused.reason)
        _set_subject_id(request.saml_session, session_info["name_id"])
        request.saml_session[DJANGO_SESSION] = request.session.session_key
        pending = request.saml_session.get(PENDING, {})
        pending.pop(self.saml_response.in_response_to, None)
        request.saml_session[PENDING] = pending
        return user

    def custom_redirect(self, user, relay_state, session_info):
        return self.pending["next"]  # from our own session, never the RelayState the browser sent


def forget_attributes(saml_session):
    """pysaml2 keeps the whole assertion, CPR number included, in its identity cache (in the SAML session) for
    logout; logout needs only the issuer and session index, so the attributes are not kept."""
    identities = saml_session.get(IDENTITIES, {})
    for per_issuer in identities.values():
        for entry in per_issuer.values():
            entry[1]["ava"] = {}
    saml_session[IDENTITIES] = identities


class LogoutInit(SPConfigOnce, LogoutInitView):
    """Log out of the portal and of NemLog-in (a signed LogoutRequest to the IdP). POST only (a form with CSRF)."""

    http_method_names = ["post"]

    def handle_no_permission(self):
        return redirect("minside:login")

    def post(self, request, *args, **kwargs):
        if not saml_configured():
            return not_configured(request)
        kind = COMPANY if user_kind(request.user) == Kind.COMPANY else CITIZEN
        request.saml_session[LOGOUT_NEXT] = reverse(PORTAL_LOGIN[kind])
        if _get_subject_id(request.saml_session) is None:  # not a MitID login (demo): only log out here
            auth.logout(request)
            return redirect(PORTAL_LOGIN[kind])
        return self.get(request, *args, **kwargs)

    def handle_unsupported_slo_exception(self, request, exception, *args, **kwargs):
        messages.warning(request, _("Du er logget af her. NemLog-in kunne ikke logge dig af de andre løsninger."))
        return redirect(request.saml_session.pop(LOGOUT_NEXT, reverse("minside:login")))


def end_django_session(request):
    """End the Django session the SAML login started, also when this request does not carry its cookie (the IdP's
    logout request may come by a cross-site POST)."""
    key = request.saml_session.get(DJANGO_SESSION)
    if key:
        store: SessionBase = request.session.__class__(key)
        store.delete(key)
    auth.logout(request)


class SingleLogout(SPConfigOnce, LogoutView):
    """NemLog-in's answer to our logout request, or its own logout request (the person logged out elsewhere)."""

    def do_logout_service(self, request, data, binding, *args, **kwargs):
        if not saml_configured():
            return not_configured(request)
        state, client = self.get_state_client(request)
        if "SAMLResponse" in data:
            try:
                response = client.parse_logout_request_response(data["SAMLResponse"], binding)
            except Exception:  # noqa: BLE001 - any failure: we are logged out here anyway
                logger.warning("Logout response from the IdP not accepted", exc_info=True)
                response = None
            state.sync()
            auth.logout(request)
            if response is not None and response.status_ok():
                messages.info(request, _("Du er logget af. Du er også logget af hos NemLog-in."))
            else:
                messages.warning(request, _("Du er logget af her. NemLog-in bekræftede ikke, at du er logget af "
                                            "de andre løsninger."))
            return redirect(request.saml_session.pop(LOGOUT_NEXT, reverse("minside:login")))
        if "SAMLRequest" in data:
            subject_id = _get_subject_id(request.saml_session)
            if subject_id is None:
                auth.logout(request)
                return render(request, "saml/not_logged_in.html", status=403)
            try:
                http_info = client.handle_logout_request(
                    data["SAMLRequest"], subject_id, binding, relay_state=data.get("RelayState", ""),
                    sigalg=data.get("SigAlg"), signature=data.get("Signature"))
            except Exception:  # noqa: BLE001 - unsigned, badly signed or unreadable: nobody is logged out
                logger.warning("Logout request from the IdP refused", exc_info=True)
                return render(request, "saml/not_logged_in.html", status=400)
            state.sync()
            end_django_session(request)
            request.saml_session.flush()
            if http_info.get("method", "GET") == "POST" and "data" in http_info:
                return HttpResponse(http_info["data"])
            return redirect(get_location(http_info))
        return render(request, "saml/not_logged_in.html", status=400)


class Metadata(SPConfigOnce, MetadataView):
    def get(self, request, *args, **kwargs):
        if not self.configured():
            return not_configured(request)
        return super().get(request, *args, **kwargs)



def single_logout(request):
    """For the portals' own "Log af" button: a MitID login logs out of NemLog-in too (SP-initiated single logout).
    None when the login was not a MitID login (demo) or SAML is not set up: the portal then only logs out here."""
    if not saml_configured() or request.session.get("portal_login_method") not in ("mitid", "mitid_erhverv"):
        return None
    ensure_saml_session(request)
    return LogoutInit.as_view()(request)
