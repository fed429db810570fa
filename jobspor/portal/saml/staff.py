"""Staff login through KOMBIT's Context Handler (the municipalities' shared access control, "fælleskommunal
adgangsstyring"), on the same SAML adapter as MitID: a second SP entity (JOBSPOR_KOMBIT_*) with its own metadata
and endpoints under /saml/medarbejder/.

The municipality's user administration (e.g. in KOMBIT's administration module or the local AD via FK
Organisation) gives the employee Jobspor's user system roles; the Context Handler sends them as privileges in
`dk:gov:saml:attribute:Privileges_intermediate` — base64 of a basic privilege profile (bpp) XML, one
PrivilegeGroup per scope (the municipality's CVR) with Privilege elements and Constraint elements (data
constraints, e.g. an organisation unit). Each privilege is looked up in GroupMapping (source "kombit") → a role;
a constraint whose value is a team's id names the team. See docs/sso.md."""

import base64
import os

from defusedxml import ElementTree
from django.conf import settings
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse

from jobspor.organisation.models import Team
from jobspor.sso import services as sso
from jobspor.sso.models import Source

from .config import STAFF, base_url, sp_settings
from .services import Refused, attributes, first
from .views import PENDING, AssertionConsumer, Login, Metadata, forget_attributes

PRIVILEGES = "dk:gov:saml:attribute:Privileges_intermediate"
CVR = "dk:gov:saml:attribute:CvrNumberIdentifier"
ASSURANCE = "dk:gov:saml:attribute:AssuranceLevel"
EMAILS = ("urn:oid:0.9.2342.19200300.100.1.3", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
          "email")
NAMES = ("urn:oid:2.5.4.3", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "name")
CVR_SCOPE = "urn:dk:gov:saml:cvrNumberIdentifier:"
CONFIG_LOADER = "jobspor.portal.saml.staff.staff_sp_config"
# The MitID checks' reason codes that staff logins name differently.
PORTAL_REASON = {"idp_status": "idp_error", "loa": "invalid"}


def key_and_cert() -> tuple[str, str]:
    return (settings.JOBSPOR_KOMBIT_KEY_FILE or settings.JOBSPOR_SAML_KEY_FILE,
            settings.JOBSPOR_KOMBIT_CERT_FILE or settings.JOBSPOR_SAML_CERT_FILE)


def metadata_files() -> list[str]:
    return [p.strip() for p in (settings.JOBSPOR_KOMBIT_IDP_METADATA or "").split(",") if p.strip()]


def kombit_configured() -> bool:
    key, cert = key_and_cert()
    files = metadata_files()
    if not (settings.JOBSPOR_KOMBIT_ENTITY_ID and files and key and cert):
        return False
    return all(os.path.isfile(p) for p in [key, cert, *files])


def staff_sp_settings(request) -> dict:
    """NemLog-in's SP settings with KOMBIT's entity, metadata, keys and endpoints instead."""
    conf = sp_settings(request)
    key, cert = key_and_cert()
    base = base_url(request)
    conf.update({"entityid": settings.JOBSPOR_KOMBIT_ENTITY_ID, "metadata": {"local": metadata_files()},
                 "key_file": key, "cert_file": cert, "encryption_keypairs": [{"key_file": key, "cert_file": cert}]})
    sp = conf["service"]["sp"]
    sp["name"] = "Jobspor (medarbejdere)"
    sp["endpoints"] = {"assertion_consumer_service": [(base + reverse("saml:staff_acs"),
                                                       "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST")]}
    sp.pop("requested_authn_context", None)  # the Context Handler sets its own level of assurance
    return conf


def staff_sp_config(request=None):
    from saml2.config import SPConfig

    config = SPConfig()
    config.load(staff_sp_settings(request))
    config.setattr("idp", "want_authn_requests_signed", True)
    return config


def privilege_groups(value: str) -> list[tuple[str, str, dict]]:
    """(scope, privilege, constraints) for every privilege in a bpp list; empty if missing or unreadable."""
    if not value:
        return []
    try:
        root = ElementTree.fromstring(base64.b64decode(value, validate=False))
    except Exception:  # noqa: BLE001 - an unreadable list grants nothing
        return []
    found = []
    for group in root.iter():
        if group.tag.rsplit("}", 1)[-1] != "PrivilegeGroup":
            continue
        scope = (group.get("Scope") or "").strip()
        children = [(child.tag.rsplit("}", 1)[-1], child) for child in group]
        constraints = {(c.get("Name") or "").strip(): (c.text or "").strip()
                       for tag, c in children if tag == "Constraint"}
        for tag, child in children:
            if tag == "Privilege" and child.text and child.text.strip():
                found.append((scope, child.text.strip(), constraints))
    return found


def privileges_and_team(value: str) -> tuple[list[str], object]:
    """The privileges scoped to the municipality (JOBSPOR_KOMBIT_CVR, when set), and a team one of their
    constraints names (a constraint value equal to a team's id)."""
    cvr = settings.JOBSPOR_KOMBIT_CVR
    groups = [g for g in privilege_groups(value) if not cvr or g[0] == CVR_SCOPE + cvr]
    values = {v for _scope, _p, constraints in groups for v in constraints.values() if v}
    team = Team.objects.filter(external_id__in=list(values)[:100]).order_by("name").first() if values else None
    return sorted({p for _s, p, _c in groups}), team


def login_staff(request, attrs, name_id: str):
    privileges, team = privileges_and_team(first(attrs, PRIVILEGES))
    email = next((first(attrs, n) for n in EMAILS if first(attrs, n)), "")
    name = next((first(attrs, n) for n in NAMES if first(attrs, n)), "")
    user = sso.staff_for_login(source=Source.KOMBIT, subject=name_id, email=email, name=name, groups=privileges,
                               team_hint=team)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    sso.record_login(request, user, source=Source.KOMBIT,
                     detail={"assurance": first(attrs, ASSURANCE), "cvr": first(attrs, CVR)})
    return user


class StaffMixin:
    config_loader_path = CONFIG_LOADER

    def configured(self) -> bool:
        return kombit_configured()


class StaffLogin(StaffMixin, Login):
    """`/saml/medarbejder/log-ind/?next=...`: a signed AuthnRequest to the Context Handler."""

    def kind_for(self, request) -> str:
        return STAFF

    def idp_of(self, config):
        known = sorted(config.metadata.with_descriptor("idpsso").keys())
        return known[0] if len(known) == 1 else None


class StaffAssertionConsumer(StaffMixin, AssertionConsumer):
    """The Context Handler posts its signed answer here; the same checks as for MitID (signature, audience,
    validity, InResponseTo, issuer, each id once), then the privileges → roles and team."""

    @property
    def kind(self):
        return STAFF

    def check(self, response):
        pending = self.request.saml_session.get(PENDING, {}).get(response.in_response_to)
        if pending is None or pending.get("kind") != STAFF:  # an answer to a MitID login is not for this door
            raise Refused("unsolicited")
        super().check(response)

    def refuse(self, request, refused, status=403):
        staff_refused = refused if isinstance(refused, sso.Refused) else \
            sso.Refused(PORTAL_REASON.get(refused.reason, refused.reason), refused.detail)
        sso.log_refusal(request, staff_refused, source=Source.KOMBIT, subject="saml:staff_acs")
        return render(request, "sso/refused.html", {"message": staff_refused.message}, status=status)

    def authenticate_user(self, request, session_info, attribute_mapping, create_unknown_user, assertion_info):
        attrs = attributes(self.saml_response.assertion)
        try:
            user = login_staff(request, attrs, str(session_info.get("name_id") or ""))
        except sso.Refused as refused:
            self.refusal = refused
            raise PermissionDenied(refused.reason)
        pending = request.saml_session.get(PENDING, {})
        pending.pop(self.saml_response.in_response_to, None)
        request.saml_session[PENDING] = pending
        forget_attributes(request.saml_session)
        return user


class StaffMetadata(StaffMixin, Metadata):
    pass
