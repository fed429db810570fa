"""What a verified single sign-on login means in Jobspor: which employee logs in, with which roles and team — or
why not. Shared by OpenID Connect (oidc.py) and KOMBIT's SAML (jobspor/portal/saml/staff.py).

The identity provider decides who belongs to which groups; GroupMapping turns groups into roles and a team, and
the employee's roles and team are brought in line at every login (each change an event). Every refusal has a
reason code, a Danish message for the person and a row in the access log; nothing else is written."""

import hashlib
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import DatabaseError, models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from jobspor.audit.models import AccessLog
from jobspor.audit.services import event_record
from jobspor.core.errors import AuditUnavailable
from jobspor.core.roles import Role
from jobspor.organisation.models import Employee

from .models import GroupMapping, Source, StaffIdentity

logger = logging.getLogger(__name__)

# How the login was made, kept in the session: RequireSecondFactorMiddleware lets these through (the identity
# provider asked for the second factor), see docs/sso.md.
SESSION_METHOD = "staff_login_method"


class SsoVerb(models.TextChoices):
    LOGIN = "sso_login", gettext_lazy("Logget ind med single sign-on")
    ROLES_SYNCED = "sso_roles_synced", gettext_lazy("Roller og team opdateret fra single sign-on")
    STAFF_CREATED = "sso_staff_created", gettext_lazy("Medarbejder oprettet ved single sign-on")


# Reason code → (what the person is told, what the access log says). Messages are Danish msgids.
REASONS = {
    "not_configured": (gettext_noop("Login med kommunens login er ikke sat op."), "ikke sat op"),
    "idp_error": (gettext_noop("Login hos kommunens login blev ikke gennemført. Prøv igen."),
                  "identitetsudbyderen gennemførte ikke login"),
    "state": (gettext_noop("Login-svaret hører ikke til et login, der er startet i denne browser. Start et nyt "
                           "login."), "ukendt eller brugt state"),
    "provider": (gettext_noop("Kommunens login svarede ikke, som det skulle. Prøv igen om lidt, eller kontakt IT."),
                 "fejl i kaldet til identitetsudbyderen"),
    "expired": (gettext_noop("Svaret fra kommunens login er udløbet. Prøv at logge ind igen."),
                "token udløbet eller endnu ikke gyldigt"),
    "audience": (gettext_noop("Svaret fra kommunens login var ikke til Jobspor. Start et nyt login."),
                 "token til en anden modtager (audience)"),
    "issuer": (gettext_noop("Svaret kom ikke fra den identitetsudbyder, som Jobspor bruger."), "ukendt udsteder"),
    "signature": (gettext_noop("Underskriften på svaret fra kommunens login kunne ikke godkendes."),
                  "underskrift ikke godkendt"),
    "unsigned": (gettext_noop("Svaret var ikke underskrevet og kan ikke godkendes."), "assertion uden underskrift"),
    "nonce": (gettext_noop("Svaret fra kommunens login er allerede brugt eller hører til et andet login. Start et "
                           "nyt login."), "nonce passer ikke (genafspilning)"),
    "invalid": (gettext_noop("Svaret fra kommunens login kunne ikke læses. Prøv igen."), "svaret kunne ikke læses"),
    "no_identity": (gettext_noop("Svaret fra kommunens login manglede dit id eller din e-mail. Kontakt IT."),
                    "intet subject eller e-mail"),
    "no_group": (gettext_noop("Du er ikke i en gruppe, der giver adgang til Jobspor. Bed din leder om at få den "
                              "rette gruppe hos kommunens IT."), "ingen gruppe giver en rolle i Jobspor"),
    "group_overage": (gettext_noop("Kommunens login sendte ikke dine grupper, fordi du er medlem af for mange "
                                   "grupper, så Jobspor kan ikke se, hvilken adgang du skal have. Bed kommunens "
                                   "IT-administrator om at indstille Jobspors app-registrering i Entra ID til kun at "
                                   "sende grupper, der er tildelt applikationen (eller at bruge app-roller)."),
                      "for mange grupper: gruppekravet udeladt (Entra ID group overage)"),
    "no_mfa": (gettext_noop("Jobspor kræver, at du logger ind med to-faktor (MFA). Log ind igen med MFA."),
               "login uden to-faktor (amr/acr)"),
    "unknown_staff": (gettext_noop("Du er ikke oprettet som medarbejder i Jobspor. Kontakt jobcentrets "
                                   "administrator."), "ingen medarbejder med dette login eller denne e-mail"),
    "ambiguous": (gettext_noop("Din e-mail passer til flere medarbejdere i Jobspor. Kontakt jobcentrets "
                               "administrator."), "e-mail passer til flere medarbejdere"),
    "inactive": (gettext_noop("Din adgang til Jobspor er lukket. Kontakt jobcentrets administrator."),
                 "medarbejderen er ikke aktiv"),
    "unsolicited": (gettext_noop("Vi har ikke bedt om dette svar. Start et nyt login."),
                    "svar uden forespørgsel fra denne browser"),
    "replay": (gettext_noop("Svaret er allerede brugt. Start et nyt login."), "svaret var brugt før (genafspilning)"),
}
LOGIN_NAME = {Source.OIDC: "Kommunens login (OpenID Connect)", Source.KOMBIT: "KOMBIT-login (SAML)"}


class Refused(Exception):
    """A staff login that is refused; `detail` goes to the access log."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(reason)
        self.reason = reason if reason in REASONS else "invalid"
        self.detail = detail

    @property
    def message(self) -> str:
        return _(REASONS[self.reason][0])


def log_refusal(request, refused: Refused, *, source: str, subject: str) -> None:
    """The refusal in the access log (action "denied"): nobody is logged in, the purpose names the reason."""
    purpose = f"{LOGIN_NAME[source]} afvist: {REASONS[refused.reason][1]}"
    if refused.detail:
        purpose += f" ({refused.detail})"
    logger.warning("Staff SSO login refused: %s %s", refused.reason, refused.detail)
    try:
        AccessLog.objects.create(actor=f"ikke logget ind ({LOGIN_NAME[source]})", action="denied",
                                 purpose=purpose[:200], path=request.path[:500], subject=subject)
    except DatabaseError as exc:
        raise AuditUnavailable(str(exc)) from exc


ROLE_ORDER = {value: index for index, value in enumerate(Role.values)}


def mapped(source: str, groups) -> tuple[list[str], object]:
    """The roles (in Jobspor's order) and the team that these groups give. Several teams: the mapping row made
    first wins (documented in docs/sso.md)."""
    rows = list(GroupMapping.objects.filter(source=source, group__in=[str(g) for g in groups][:500])
                .select_related("team").order_by("id"))
    roles = sorted({row.role for row in rows}, key=lambda r: ROLE_ORDER.get(r, 99))
    team = next((row.team for row in rows if row.team_id), None)
    return roles, team


def create_staff_allowed() -> bool:
    return bool(getattr(settings, "JOBSPOR_SSO_CREATE_STAFF", True))


def find_employee(source: str, subject: str, email: str) -> Employee | None:
    link = StaffIdentity.objects.select_related("employee").filter(source=source, subject=subject).first()
    if link is not None:
        return link.employee
    if email:
        found = list(Employee.objects.filter(email__iexact=email)[:2])
        if len(found) > 1:
            raise Refused("ambiguous")
        if found:
            return found[0]
    return None


def username_for(source: str, subject: str, email: str) -> str:
    User = get_user_model()
    wanted = (email or "").lower()[:150]
    if wanted and not User.objects.filter(username=wanted).exists():
        return wanted
    return f"sso-{source}-{hashlib.sha256(subject.encode()).hexdigest()[:16]}"


def staff_for_login(*, source: str, subject: str, email: str = "", name: str = "", groups=(), team_hint=None):
    """The user of the employee this identity belongs to, their roles and team brought in line with the groups.
    Raises Refused (nothing written) when the login may not go on. `team_hint` (KOMBIT: a team named by a
    privilege's constraint) wins over a mapping row's team."""
    subject = (subject or "").strip()[:300]
    email = (email or "").strip()[:254]
    if not subject:
        raise Refused("no_identity", "intet subject")
    roles, team = mapped(source, groups)
    if not roles:
        raise Refused("no_group", f"{len(list(groups))} grupper i svaret")
    team = team_hint or team
    with transaction.atomic():
        employee = find_employee(source, subject, email)
        created = False
        if employee is None:
            if not create_staff_allowed():
                raise Refused("unknown_staff")
            employee = Employee.objects.create(
                external_id=f"sso-{hashlib.sha256(f'{source}:{subject}'.encode()).hexdigest()[:24]}",
                name=(name or email or subject)[:200], email=email, roles=roles, team=team)
            created = True
        if not employee.is_active:
            raise Refused("inactive")
        user = employee.user
        if user is None:
            User = get_user_model()
            user = User.objects.create_user(username_for(source, subject, email), email=email)
            user.set_unusable_password()  # logs in through the identity provider only
            user.save(update_fields=["password"])
            employee.user = user
            employee.save(update_fields=["user", "updated_at"])
        elif not user.is_active:
            raise Refused("inactive")
        if created:
            event_record(actor=user, verb=SsoVerb.STAFF_CREATED, target=employee,
                         after={"roles": roles, "team": team.name if team else None, "login": source})
        before = {"roles": list(employee.roles), "team": employee.team.name if employee.team_id else None}
        changed = []
        if list(employee.roles) != roles:
            employee.roles = roles
            changed.append("roles")
        if team is not None and employee.team_id != team.pk:
            employee.team = team
            changed.append("team")
        if changed:
            employee.save(update_fields=[*changed, "updated_at"])
            if not created:
                event_record(actor=user, verb=SsoVerb.ROLES_SYNCED, target=employee, before=before,
                             after={"roles": roles, "team": employee.team.name if employee.team_id else None})
        StaffIdentity.objects.update_or_create(source=source, subject=subject, defaults={"employee": employee})
    user.__dict__.pop("_jobspor_kind", None)
    return user


def record_login(request, user, *, source: str, detail: dict | None = None) -> None:
    """After django.contrib.auth.login: the session remembers how, and the login is an event."""
    request.session[SESSION_METHOD] = source
    employee = user.employee
    event_record(actor=user, verb=SsoVerb.LOGIN, target=user,
                 after={"method": source, "roles": list(employee.roles),
                        "team": employee.team.name if employee.team_id else None, **(detail or {})})
