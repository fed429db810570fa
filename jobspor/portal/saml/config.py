"""The service provider's configuration, made from Django settings (JOBSPOR_SAML_*) for each request.

Nothing here is read at import: an installation without SAML settings runs as before, the SAML pages say that
MitID is not set up, and the portals' login pages hide the MitID button (`saml_configured()`)."""

import os

from django.conf import settings
from django.urls import reverse
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import SPConfig
from saml2.saml import NAMEID_FORMAT_PERSISTENT
from saml2.sigver import get_xmlsec_binary
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

# OIOSAML 3 attribute names (NemLog-in 3).
LOA = "https://data.gov.dk/concept/core/nsis/loa"
CPR = "https://data.gov.dk/model/core/eid/cprNumber"
CVR = "https://data.gov.dk/model/core/eid/professional/cvr"
PERSON_UUID = "https://data.gov.dk/model/core/eid/professional/uuid/persistent"
FULL_NAME = "https://data.gov.dk/model/core/eid/fullName"
FIRST_NAME = "https://data.gov.dk/model/core/eid/firstName"
LAST_NAME = "https://data.gov.dk/model/core/eid/lastName"
EMAIL = "https://data.gov.dk/model/core/eid/email"
PRIVILEGES = "https://data.gov.dk/model/core/eid/privilegesIntermediate"
# The NSIS levels of assurance a login may have; Min side and Virksomhedsindgang need at least Substantial.
LOA_ACCEPTED = {"Substantial", "High"}
LOA_CONTEXT_SUBSTANTIAL = "https://data.gov.dk/concept/core/nsis/loa/Substantial"

CITIZEN = "citizen"
COMPANY = "company"
STAFF = "staff"  # KOMBIT's Context Handler (jobspor/portal/saml/staff.py)


def idp_metadata_files() -> list[str]:
    value = getattr(settings, "JOBSPOR_SAML_IDP_METADATA", "") or ""
    return [p.strip() for p in value.split(",") if p.strip()]


def saml_configured() -> bool:
    """True when the SP has an entity id, a key and certificate and the IdP's metadata, all files present."""
    files = idp_metadata_files()
    key = getattr(settings, "JOBSPOR_SAML_KEY_FILE", "")
    cert = getattr(settings, "JOBSPOR_SAML_CERT_FILE", "")
    if not (getattr(settings, "JOBSPOR_SAML_ENTITY_ID", "") and files and key and cert):
        return False
    return all(os.path.isfile(p) for p in [key, cert, *files])


def base_url(request) -> str:
    """Where this installation is reached from outside (JOBSPOR_SAML_BASE_URL, else the request's own)."""
    configured = getattr(settings, "JOBSPOR_SAML_BASE_URL", "")
    if configured:
        return configured.rstrip("/")
    return request.build_absolute_uri("/").rstrip("/")


def idp_for(config: SPConfig, kind: str) -> str | None:
    """The IdP (entity id) a login of this kind goes to: the configured one, else the only IdP in the metadata."""
    wanted = settings.JOBSPOR_SAML_ERHVERV_IDP_ENTITY_ID if kind == COMPANY else ""
    wanted = wanted or settings.JOBSPOR_SAML_IDP_ENTITY_ID
    known = sorted(config.metadata.with_descriptor("idpsso").keys())
    if wanted:
        return wanted if wanted in known else None
    return known[0] if len(known) == 1 else None


def sp_settings(request) -> dict:
    """pysaml2's configuration of this SP."""
    base = base_url(request)
    key, cert = settings.JOBSPOR_SAML_KEY_FILE, settings.JOBSPOR_SAML_CERT_FILE
    return {
        "entityid": settings.JOBSPOR_SAML_ENTITY_ID,
        "xmlsec_binary": get_xmlsec_binary(["/usr/bin", "/usr/local/bin", "/opt/local/bin"]),
        "metadata": {"local": idp_metadata_files()},
        "key_file": key,
        "cert_file": cert,
        # NemLog-in encrypts assertions to the SP's certificate (the same key pair here).
        "encryption_keypairs": [{"key_file": key, "cert_file": cert}],
        # The clock skew allowed on NotBefore / NotOnOrAfter, in seconds.
        "accepted_time_diff": settings.JOBSPOR_SAML_CLOCK_SKEW_SECONDS,
        "allow_unknown_attributes": True,
        "service": {
            "sp": {
                "name": "Jobspor",
                "endpoints": {
                    "assertion_consumer_service": [(base + reverse("saml:acs"), BINDING_HTTP_POST)],
                    "single_logout_service": [
                        (base + reverse("saml:sls"), BINDING_HTTP_REDIRECT),
                        (base + reverse("saml:sls"), BINDING_HTTP_POST),
                    ],
                },
                "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                "authn_requests_signed": True,
                "logout_requests_signed": True,
                "logout_responses_signed": True,
                "want_assertions_signed": True,  # OIOSAML 3: the assertion itself, not only the response
                "want_response_signed": False,
                "allow_unsolicited": False,  # only answers to a request this browser made
                "signing_algorithm": SIG_RSA_SHA256,
                "digest_algorithm": DIGEST_SHA256,
                "requested_authn_context": {"authn_context_class_ref": [LOA_CONTEXT_SUBSTANTIAL],
                                            "comparison": "minimum"},
                "only_use_keys_in_metadata": True,
            },
        },
    }


def sp_config(request=None) -> SPConfig:
    """djangosaml2's config loader (SAML_CONFIG_LOADER)."""
    config = SPConfig()
    config.load(sp_settings(request))
    # pysaml2 checks the signature of incoming *requests* under this IdP-side name; at an SP the only incoming
    # requests are the IdP's LogoutRequests, and an unsigned one must not log anybody out.
    config.setattr("idp", "want_authn_requests_signed", True)
    return config
