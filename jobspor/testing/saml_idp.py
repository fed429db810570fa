"""A real SAML identity provider for the tests: pysaml2's IdP (saml2.server.Server) behind a small HTTP server in a
thread, with keys and certificates made at test time. It plays NemLog-in: it takes the SP's signed AuthnRequest by
the redirect binding, answers with a signed Response by the POST binding (an auto-submitting form, as NemLog-in
does), and takes part in single logout.

What it asserts about the person is `idp.attributes` (OIOSAML 3 names; `citizen()` and `company()` set them);
knobs make it misbehave: `sign_assertion`, `sign_response`, `encrypt_assertion`, `audience`, `valid_from` and
`valid_until` (offsets from now), `issuer`. A second SamlIdP (serve=False) with its own key answers as a rogue IdP.

    idp, settings = start_test_idp(workdir, sp_base_url=live_server.url)   # keys, metadata, HTTP server
    with override_settings(**settings):       # Jobspor's JOBSPOR_SAML_* point at the IdP
        ...                                   # a browser follows saml:login to the IdP and back
    idp.stop()

jobspor/portal/saml/tests/conftest.py has the pytest fixtures (`saml_world`, `saml_idp`) and flow helpers.
"""

import base64
import datetime as dt
import html
import re
import threading
import zlib
from pathlib import Path
from urllib.parse import parse_qs, urlparse
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, saml
from saml2.assertion import Policy
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.s_utils import factory
from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server
from saml2.sigver import get_xmlsec_binary
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

LOA = "https://data.gov.dk/concept/core/nsis/loa"
CPR = "https://data.gov.dk/model/core/eid/cprNumber"
CVR = "https://data.gov.dk/model/core/eid/professional/cvr"
PERSON_UUID = "https://data.gov.dk/model/core/eid/professional/uuid/persistent"
FULL_NAME = "https://data.gov.dk/model/core/eid/fullName"
PRIVILEGES = "https://data.gov.dk/model/core/eid/privilegesIntermediate"
SP_ENTITY_ID = "https://jobspor.test/saml/sp"


def make_key_pair(directory: Path, name: str, common_name: str) -> tuple[str, str]:
    """An RSA key and a self-signed certificate (PEM files) for one party."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30)).sign(key, hashes.SHA256()))
    key_path, cert_path = directory / f"{name}.key", directory / f"{name}.crt"
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                           serialization.NoEncryption()))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return str(key_path), str(cert_path)


def _time(offset: dt.timedelta) -> str:
    return (dt.datetime.now(dt.UTC) + offset).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Policy(Policy):
    """pysaml2's release policy, with the assertion's audience and validity window from the IdP's knobs."""

    def __init__(self, idp, **kwargs):
        super().__init__(**kwargs)
        self.idp = idp

    def not_on_or_after(self, sp_entity_id):
        return _time(self.idp.valid_until)

    def conditions(self, sp_entity_id):
        return factory(saml.Conditions, not_before=_time(self.idp.valid_from),
                       not_on_or_after=_time(self.idp.valid_until),
                       audience_restriction=[factory(saml.AudienceRestriction, audience=[
                           factory(saml.Audience, text=self.idp.audience or sp_entity_id)])])


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def form_fields(page: str) -> tuple[str, dict]:
    """The action and hidden fields of an auto-submitting SAML POST form."""
    action = html.unescape(re.search(r'<form[^>]*action="([^"]+)"', page).group(1))
    fields = {html.unescape(n): html.unescape(v)
              for n, v in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page)}
    return action, fields


class SamlIdP:
    def __init__(self, workdir, *, entity_id=None, serve=True, base_url=None, host="127.0.0.1"):
        self.dir = Path(workdir)
        self.dir.mkdir(parents=True, exist_ok=True)
        tag = "idp" if entity_id is None else f"idp-{abs(hash(entity_id)) % 10000}"
        self.key_file, self.cert_file = make_key_pair(self.dir, f"{tag}-{id(self)}", "Test NemLog-in")
        self.httpd = None
        if serve:
            self.httpd = make_server("127.0.0.1", 0, self.wsgi, server_class=WSGIServer, handler_class=_QuietHandler)
            self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
            self.thread.start()
            # `host` names it as the browser should (the live server's host name keeps the IdP same-site with it).
            self.base_url = f"http://{host}:{self.httpd.server_port}"
        else:
            self.base_url = base_url or "http://127.0.0.1:9"  # not served: answers requests handed to it
        self.entity_id = entity_id or f"{self.base_url}/idp"
        self.metadata_file = str(self.dir / f"{tag}-{id(self)}-metadata.xml")
        self.sp_metadata_file = None
        self._server = None
        self.reset()
        Path(self.metadata_file).write_bytes(create_metadata_string(None, config=self._config(with_sp=False)))

    # -- what the next answer says -------------------------------------------------------------------------------
    def reset(self):
        self.attributes = {}
        self.sign_assertion = True
        self.sign_response = False
        self.encrypt_assertion = False  # NemLog-in encrypts to the SP's certificate from its metadata
        self.audience = None
        self.valid_from = dt.timedelta(seconds=-5)
        self.valid_until = dt.timedelta(minutes=5)
        self.issuer = None
        self.name_id = "urn:uuid:6f0f3a5e-0000-4000-8000-000000000001"
        self.requests = []  # the AuthnRequests received (parsed)
        self.logout_requests = []

    def citizen(self, cpr, loa="Substantial", name="Test Borger"):
        self.attributes = {CPR: [cpr], LOA: [loa], FULL_NAME: [name]}
        return self

    def company(self, cvr, uuid, privileges="", loa="Substantial", name="Test Medarbejder"):
        self.attributes = {CVR: [cvr], PERSON_UUID: [uuid], LOA: [loa], FULL_NAME: [name]}
        if privileges:
            self.attributes[PRIVILEGES] = [privileges]
        return self

    # -- configuration ---------------------------------------------------------------------------------------------
    def _config(self, *, with_sp=True) -> IdPConfig:
        conf = IdPConfig()
        conf.load({
            "entityid": self.entity_id,
            "xmlsec_binary": get_xmlsec_binary(["/usr/bin", "/usr/local/bin"]),
            "key_file": self.key_file,
            "cert_file": self.cert_file,
            "metadata": {"local": [self.sp_metadata_file]} if with_sp and self.sp_metadata_file else {},
            "accepted_time_diff": 60,
            "service": {"idp": {
                "name": "Test NemLog-in",
                "endpoints": {
                    "single_sign_on_service": [(f"{self.base_url}/sso/redirect", BINDING_HTTP_REDIRECT)],
                    "single_logout_service": [(f"{self.base_url}/slo/redirect", BINDING_HTTP_REDIRECT)],
                },
                "want_authn_requests_signed": True,
                "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                "signing_algorithm": SIG_RSA_SHA256,
                "digest_algorithm": DIGEST_SHA256,
            }},
        })
        return conf

    def load_sp_metadata(self, xml: bytes | str | None = None, *, path=None):
        """Trust the SP whose metadata this is (Jobspor's, as its metadata view serves it)."""
        if path is None:
            path = self.dir / f"sp-metadata-{id(self)}.xml"
            Path(path).write_bytes(xml if isinstance(xml, bytes) else xml.encode())
        self.sp_metadata_file = str(path)
        self._server = None

    @property
    def server(self) -> Server:
        if self._server is None:
            self._server = Server(config=self._config())
        return self._server

    def settings(self, sp_base_url="http://testserver", sp_key=None, sp_cert=None, sp_entity_id=SP_ENTITY_ID):
        """Django settings for an SP that trusts this IdP (for override_settings)."""
        return {
            "JOBSPOR_SAML_ENTITY_ID": sp_entity_id,
            "JOBSPOR_SAML_IDP_METADATA": self.metadata_file,
            "JOBSPOR_SAML_KEY_FILE": sp_key,
            "JOBSPOR_SAML_CERT_FILE": sp_cert,
            "JOBSPOR_SAML_BASE_URL": sp_base_url,
            "JOBSPOR_SAML_IDP_ENTITY_ID": "",
            "JOBSPOR_SAML_ERHVERV_IDP_ENTITY_ID": "",
        }

    # -- single sign-on --------------------------------------------------------------------------------------------
    def answer(self, url_or_query: str) -> tuple[str, dict]:
        """Answer an AuthnRequest that came by the redirect binding: (ACS URL, the POST form's fields)."""
        page = self.answer_page(url_or_query)
        return form_fields(page)

    def answer_page(self, url_or_query: str) -> str:
        query = parse_qs(urlparse(url_or_query).query if "?" in url_or_query else url_or_query)
        one = {k: v[0] for k, v in query.items()}
        request = self.server.parse_authn_request(one["SAMLRequest"], BINDING_HTTP_REDIRECT,
                                                  relay_state=one.get("RelayState"), sigalg=one.get("SigAlg"),
                                                  signature=one.get("Signature"))
        self.requests.append(request)
        message = request.message
        sp = message.issuer.text
        destination = message.assertion_consumer_service_url or \
            self.server.config.metadata.assertion_consumer_service(sp, BINDING_HTTP_POST)[0]["location"]
        response = self.server.create_authn_response(
            identity=self.attributes, in_response_to=message.id, destination=destination, sp_entity_id=sp,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=self.name_id),
            authn={"class_ref": "https://data.gov.dk/concept/core/nsis/loa/" + (self.attributes.get(LOA) or
                                                                                 ["Substantial"])[0],
                   "authn_auth": self.entity_id},
            issuer=self.issuer or self.entity_id, sign_assertion=self.sign_assertion,
            sign_response=self.sign_response, encrypt_assertion=self.encrypt_assertion,
            encrypt_assertion_self_contained=True, release_policy=_Policy(self, mds=self.server.metadata))
        http = self.server.apply_binding(BINDING_HTTP_POST, str(response), destination,
                                         relay_state=one.get("RelayState", ""), response=True)
        return http["data"]

    # -- single logout ---------------------------------------------------------------------------------------------
    def answer_logout(self, url_or_query: str) -> str:
        """Take the SP's LogoutRequest (redirect binding); return the URL of the LogoutResponse back to the SP."""
        query = parse_qs(urlparse(url_or_query).query if "?" in url_or_query else url_or_query)
        one = {k: v[0] for k, v in query.items()}
        request = self.server.parse_logout_request(one["SAMLRequest"], BINDING_HTTP_REDIRECT,
                                                   relay_state=one.get("RelayState"), sigalg=one.get("SigAlg"),
                                                   signature=one.get("Signature"))
        self.logout_requests.append(request)
        sp = request.message.issuer.text
        response = self.server.create_logout_response(request.message, [BINDING_HTTP_REDIRECT], sign=False)
        destination = self.server.config.metadata.single_logout_service(sp, BINDING_HTTP_REDIRECT, "spsso")[0][
            "location"]
        http = self.server.apply_binding(BINDING_HTTP_REDIRECT, str(response), destination,
                                         relay_state=one.get("RelayState", ""), response=True, sign=True,
                                         sigalg=SIG_RSA_SHA256)
        return dict(http["headers"])["Location"]

    def logout_request_url(self, sp_entity_id=SP_ENTITY_ID, *, name_id=None, sign=True) -> str:
        """The IdP starts a logout (the person logged out at another service): a LogoutRequest to the SP."""
        destination = self.server.config.metadata.single_logout_service(sp_entity_id, BINDING_HTTP_REDIRECT,
                                                                        "spsso")[0]["location"]
        _id, request = self.server.create_logout_request(
            destination, issuer_entity_id=sp_entity_id,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=name_id or self.name_id), sign=False)
        http = self.server.apply_binding(BINDING_HTTP_REDIRECT, str(request), destination, relay_state="slo",
                                         sign=sign, sigalg=SIG_RSA_SHA256)
        return dict(http["headers"])["Location"]

    # -- HTTP ------------------------------------------------------------------------------------------------------
    def wsgi(self, environ, start_response):
        path, query = environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", "")
        try:
            if path == "/sso/redirect":
                body = self.answer_page(query).encode()
                start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
                return [body]
            if path == "/slo/redirect":
                start_response("302 Found", [("Location", self.answer_logout(query))])
                return [b""]
        except Exception as exc:  # noqa: BLE001 - the test sees the IdP's refusal as a 400
            self.last_error = exc
            start_response("400 Bad Request", [("Content-Type", "text/plain")])
            return [f"IdP refused: {exc!r}".encode()]
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]

    def stop(self):
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()


def start_test_idp(workdir, *, sp_base_url="http://testserver", host="127.0.0.1"):
    """An IdP serving on 127.0.0.1 that trusts a Jobspor SP at `sp_base_url` (keys for both made now), and the Django
    settings that make Jobspor trust it."""
    from django.test import override_settings
    from saml2.metadata import entity_descriptor

    from jobspor.portal.saml.config import sp_config

    workdir = Path(workdir)
    sp_key, sp_cert = make_key_pair(workdir, "sp", "Jobspor test SP")
    idp = SamlIdP(workdir, host=host)
    settings = idp.settings(sp_base_url=sp_base_url, sp_key=sp_key, sp_cert=sp_cert)
    with override_settings(**settings):
        idp.load_sp_metadata(str(entity_descriptor(sp_config(None))))
    return idp, settings


def decode_redirect_message(url: str) -> str:
    """The XML of a SAMLRequest/SAMLResponse sent by the redirect binding (deflated, base64)."""
    query = parse_qs(urlparse(url).query)
    value = (query.get("SAMLRequest") or query["SAMLResponse"])[0]
    return zlib.decompress(base64.b64decode(value), -15).decode()


__all__ = ["SamlIdP", "decode_redirect_message", "form_fields", "make_key_pair", "start_test_idp"]
