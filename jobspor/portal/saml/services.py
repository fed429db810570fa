"""What a verified NemLog-in assertion means in Jobspor: which citizen or company user logs in, or why not.

Every refusal has a reason code, a Danish message for the person and a row in the access log (action "denied",
purpose naming the reason); nothing else is written."""

import logging

from django.db import DatabaseError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jobspor.audit.models import AccessLog
from jobspor.citizen_portal.services import citizen_for_cpr, citizen_user_for
from jobspor.companies.models import Company
from jobspor.company_portal.models import CompanyUser
from jobspor.company_portal.services import company_user_for
from jobspor.core.errors import AuditUnavailable
from jobspor.portal.login import portal_login

from . import config
from .privileges import privileges_for_cvr, rights_from

logger = logging.getLogger(__name__)

# Reason code → (what the person is told, what the access log says). Messages are Danish msgids.
REASONS = {
    "expired": (gettext_noop("Svaret fra MitID er udløbet. Prøv at logge ind igen."),
                "svaret var udløbet eller endnu ikke gyldigt"),
    "replay": (gettext_noop("Svaret fra MitID er allerede brugt. Start et nyt login."),
               "svaret var brugt før (genafspilning)"),
    "audience": (gettext_noop("Svaret fra MitID var ikke til denne løsning. Start et nyt login."),
                 "svaret var til en anden modtager (audience)"),
    "unsigned": (gettext_noop("Svaret fra MitID var ikke underskrevet og kan ikke godkendes."),
                 "assertion uden underskrift"),
    "signature": (gettext_noop("Underskriften på svaret fra MitID kunne ikke godkendes."),
                  "underskrift ikke godkendt (ukendt nøgle eller IdP)"),
    "issuer": (gettext_noop("Svaret kom ikke fra den NemLog-in, som denne løsning bruger."),
               "ukendt udsteder (IdP)"),
    "unsolicited": (gettext_noop("Vi har ikke bedt om dette svar fra MitID. Start et nyt login."),
                    "svar uden forespørgsel fra denne browser"),
    "loa": (gettext_noop("Dit login har ikke et højt nok sikringsniveau. Log ind med MitID på mindst betydeligt "
                         "sikringsniveau."), "sikringsniveau under betydeligt"),
    "idp_status": (gettext_noop("Login med MitID blev ikke gennemført. Prøv igen."),
                   "NemLog-in gennemførte ikke login"),
    "invalid": (gettext_noop("Svaret fra MitID kunne ikke læses. Prøv igen."), "svaret kunne ikke læses"),
    "no_cpr": (gettext_noop("Svaret fra MitID indeholdt ikke et CPR-nummer. Log ind med dit private MitID."),
               "intet CPR-nummer i svaret"),
    "no_citizen": (gettext_noop("Vi kan ikke finde dig som borger i jobcentret. Kontakt jobcentret, hvis du mener, "
                                "at du skal kunne logge ind på Min side."), "CPR-nummeret passer ikke til en borger"),
    "no_cvr": (gettext_noop("Virksomhedsindgangen kræver login med MitID Erhverv for en virksomhed."),
               "intet CVR-nummer i svaret"),
    "no_company": (gettext_noop("Virksomheden er ikke kendt af jobcentret. Kontakt jobcentret for at få adgang til "
                                "Virksomhedsindgangen."), "CVR-nummeret passer ikke til en virksomhed"),
    "no_person": (gettext_noop("Svaret fra MitID Erhverv manglede medarbejderens id. Prøv igen."),
                  "intet medarbejder-id (UUID) i svaret"),
    "inactive": (gettext_noop("Din adgang til Virksomhedsindgangen er lukket. Kontakt din virksomheds "
                              "administrator."), "virksomhedsbrugeren er lukket"),
}


class Refused(Exception):
    """A login that is refused; `detail` goes to the access log (never a CPR number)."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.detail = detail

    @property
    def message(self) -> str:
        return _(REASONS[self.reason][0])


def log_refusal(request, refused: Refused, *, kind: str) -> None:
    """The refusal in the access log: who tried is not known (no one is logged in), the purpose names the reason."""
    portal = "MitID Erhverv-login til Virksomhedsindgangen" if kind == config.COMPANY else "MitID-login til Min side"
    purpose = f"{portal} afvist: {REASONS[refused.reason][1]}"
    if refused.detail:
        purpose += f" ({refused.detail})"
    logger.warning("SAML login refused: %s %s", refused.reason, refused.detail)
    try:
        AccessLog.objects.create(actor="ikke logget ind (MitID)", action="denied", purpose=purpose[:200],
                                 path=request.path[:500], subject="saml:acs")
    except DatabaseError as exc:
        raise AuditUnavailable(str(exc)) from exc


def attributes(assertion) -> dict[str, list[str]]:
    """The assertion's attributes by their full OIOSAML name (pysaml2's own map would lower-case unknown names)."""
    found: dict[str, list[str]] = {}
    for statement in assertion.attribute_statement or []:
        for attribute in statement.attribute:
            values = [(v.text or "").strip() for v in attribute.attribute_value]
            found.setdefault(attribute.name, []).extend(values)
    return found


def first(attrs, name) -> str:
    values = attrs.get(name) or [""]
    return values[0]


def check_assurance(attrs) -> str:
    loa = first(attrs, config.LOA)
    if loa not in config.LOA_ACCEPTED:
        raise Refused("loa", f"niveau {loa or 'mangler'}")
    return loa


def login_citizen(request, attrs):
    """The citizen named by the CPR number logs in on Min side."""
    loa = check_assurance(attrs)
    cpr = first(attrs, config.CPR).replace("-", "").replace(" ", "")
    if not cpr:
        raise Refused("no_cpr")
    citizen = citizen_for_cpr(cpr)
    if citizen is None:
        raise Refused("no_citizen")
    user = citizen_user_for(citizen)
    portal_login(request, user, method="mitid", assurance=loa)
    return user


def person_name(attrs) -> str:
    name = first(attrs, config.FULL_NAME)
    if not name:
        name = " ".join(p for p in (first(attrs, config.FIRST_NAME), first(attrs, config.LAST_NAME)) if p)
    return name


def login_company(request, attrs):
    """The MitID Erhverv user logs in on Virksomhedsindgang for the company with the CVR in the assertion; their
    rights come from the privileges they hold for that CVR."""
    loa = check_assurance(attrs)
    cvr = first(attrs, config.CVR).replace(" ", "")
    if not cvr:
        raise Refused("no_cvr")
    company = Company.objects.filter(cvr=cvr).first()
    if company is None:
        raise Refused("no_company", f"CVR {cvr[:8]}")
    uuid = first(attrs, config.PERSON_UUID)
    if not uuid:
        raise Refused("no_person", f"CVR {cvr}")
    if CompanyUser.objects.filter(mitid_uuid=uuid, is_active=False).exists():
        raise Refused("inactive", f"CVR {cvr}")
    rights = rights_from(privileges_for_cvr(first(attrs, config.PRIVILEGES), cvr))
    link = company_user_for(company=company, name=person_name(attrs) or _("Medarbejder"),
                            email=first(attrs, config.EMAIL), mitid_uuid=uuid, **rights)
    portal_login(request, link.user, method="mitid_erhverv", assurance=loa)
    return link.user
