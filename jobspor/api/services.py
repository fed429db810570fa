"""Integrating systems: created by an administrator (Django admin or `jobspor api_system`), given a secret shown
once, exchanging it for short-lived bearer tokens (OAuth2 client credentials).

The secret and the tokens are long random strings, so a plain SHA-256 is enough to keep them unreadable in the
database (a slow password hash protects guessable passwords; these are not guessable), and it keeps each API call
cheap."""

import datetime as dt
import hashlib
import hmac
import math
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobspor.audit.services import event_record
from jobspor.core.roles import Role
from jobspor.organisation.models import Employee

from .models import ApiToken, IntegrationSystem, TokenFailure
from .scopes import Scope
from .verbs import ApiVerb

# The user account of a system: its name starts here, so the audit trail can name the system (audit.services).
USER_PREFIX = "api:"


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def scopes_clean(scopes) -> list[str]:
    unknown = [s for s in scopes if s not in Scope.values]
    if unknown:
        raise ValidationError({"scopes": _("Ukendt rettighed: %(scopes)s.") % {"scopes": ", ".join(unknown)}})
    return sorted(set(scopes))


@transaction.atomic
def system_create(*, actor, name: str, scopes, team=None, roles=(Role.JOB_BROKER,),
                  token_minutes: int = 15) -> tuple[IntegrationSystem, str]:
    """A new system with its own user account and staff record (the team and roles decide which cases it sees,
    as for a person). Returns the system and its secret, which is shown this once and never stored."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Giv systemet et navn.")})
    if IntegrationSystem.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("Der findes allerede et system med navnet %(name)s.") % {"name": name}})
    scopes = scopes_clean(scopes)
    client_id = secrets.token_hex(8)
    user = get_user_model().objects.create(username=f"{USER_PREFIX}{client_id}", first_name=name[:150])
    user.set_unusable_password()  # a system never logs in to the UI
    user.save(update_fields=["password"])
    employee = Employee(external_id=f"{USER_PREFIX}{client_id}", user=user, name=name, team=team,
                        roles=[str(r) for r in roles])
    employee.full_clean()
    employee.save()
    secret = secrets.token_urlsafe(32)
    system = IntegrationSystem.objects.create(name=name, client_id=client_id, secret_hash=_digest(secret),
                                              scopes=scopes, user=user, token_minutes=token_minutes)
    event_record(actor=actor, verb=ApiVerb.SYSTEM_CREATED, target=system,
                 after={"name": name, "scopes": scopes, "team": team.name if team else None,
                        "roles": [str(r) for r in roles]})
    return system, secret


@transaction.atomic
def secret_renew(*, actor, system: IntegrationSystem) -> str:
    """A new secret (the old one stops working, and so do the tokens issued with it)."""
    secret = secrets.token_urlsafe(32)
    system.secret_hash = _digest(secret)
    system.save(update_fields=["secret_hash"])
    ApiToken.objects.filter(system=system).delete()
    event_record(actor=actor, verb=ApiVerb.SECRET_RENEWED, target=system)
    return secret


def token_issue(*, client_id: str, client_secret: str) -> tuple[str, ApiToken] | None:
    """A bearer token for a system whose id and secret match, or None (the caller answers 401)."""
    system = IntegrationSystem.objects.filter(client_id=client_id, is_active=True).first()
    if system is None or not hmac.compare_digest(system.secret_hash, _digest(client_secret)):
        return None
    now = timezone.now()
    ApiToken.objects.filter(system=system, expires_at__lt=now).delete()  # expired ones are of no use
    raw = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(system=system, token_hash=_digest(raw), issued_at=now,
                                    expires_at=now + dt.timedelta(minutes=system.token_minutes))
    return raw, token


def token_system(raw: str) -> IntegrationSystem | None:
    """The active system a bearer token belongs to, if the token is known and not expired."""
    token = (ApiToken.objects.select_related("system__user").filter(token_hash=_digest(raw),
                                                                      expires_at__gt=timezone.now()).first())
    if token is None or not token.system.is_active or not token.system.user.is_active:
        return None
    return token.system


# --- guessing secrets at /api/v1/token/ ---------------------------------------------------------------------------

def _cooloff() -> dt.timedelta:
    return dt.timedelta(minutes=settings.JOBSPOR_API_TOKEN_COOLOFF_MINUTES)


def _wait(times: list, limit: int, now) -> int | None:
    """Seconds until fewer than `limit` of these failure times (oldest first) are within the cool-off period, or
    None when there are fewer already."""
    if limit <= 0 or len(times) < limit:
        return None
    frees_at = times[len(times) - limit] + _cooloff()
    return max(1, math.ceil((frees_at - now).total_seconds()))


def token_throttled(*, client_id: str, address: str, now=None) -> int | None:
    """Seconds this client id must wait before trying again from this address (Retry-After), or None. Counted:
    failures for the client id from this address (JOBSPOR_API_TOKEN_FAILURE_LIMIT) and failures from this address
    over all client ids (JOBSPOR_API_TOKEN_IP_FAILURE_LIMIT), within the cool-off period. Failures from another
    address never hold a system up: the system itself, elsewhere, still gets its token."""
    now = now or timezone.now()
    recent = TokenFailure.objects.filter(address=address, at__gt=now - _cooloff()).order_by("at")
    by_address = list(recent.values_list("at", flat=True)[:10_000])
    by_pair = list(recent.filter(client_id=client_id).values_list("at", flat=True)[:10_000])
    waits = [w for w in (_wait(by_pair, settings.JOBSPOR_API_TOKEN_FAILURE_LIMIT, now),
                         _wait(by_address, settings.JOBSPOR_API_TOKEN_IP_FAILURE_LIMIT, now)) if w]
    return max(waits) if waits else None


def token_failure_record(*, client_id: str, address: str, now=None) -> None:
    """A refused secret (or unknown client id); rows past the cool-off period go at the same time."""
    now = now or timezone.now()
    TokenFailure.objects.filter(at__lte=now - _cooloff()).delete()
    TokenFailure.objects.create(client_id=client_id[:64], address=address[:45], at=now)


def token_failures_clear(*, client_id: str, address: str) -> None:
    """The right secret from this address: its earlier failures no longer count (as django-axes does for logins)."""
    TokenFailure.objects.filter(client_id=client_id[:64], address=address[:45]).delete()
