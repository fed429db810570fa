"""Integrating systems (another system of the municipality that reads or writes through the API), the short-lived
tokens they are given, and the stored answers of idempotent writes.

A system acts through its own user account and a staff record (organisation.Employee) with a team and roles: the
same access rules as a person with that team and those roles, and every read and change is logged with the system
as the actor. Secrets and tokens are kept only as hashes."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IntegrationSystem(models.Model):
    name = models.CharField(_("navn"), max_length=100, unique=True)
    client_id = models.CharField(_("klient-id"), max_length=64, unique=True)
    secret_hash = models.CharField(_("hemmelighed (hash)"), max_length=200, editable=False)
    scopes = models.JSONField(_("rettigheder"), default=list, blank=True)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="integration_system",
                                verbose_name=_("brugerkonto"), editable=False)
    is_active = models.BooleanField(_("aktiv"), default=True)
    token_minutes = models.PositiveSmallIntegerField(_("tokens gyldighed (minutter)"), default=15)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("integrerende system")
        verbose_name_plural = _("integrerende systemer")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])


class ApiToken(models.Model):
    """A bearer token issued by /api/v1/token/ (OAuth2 client credentials); only its SHA-256 is stored."""

    system = models.ForeignKey(IntegrationSystem, on_delete=models.CASCADE, related_name="tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("adgangstoken")
        verbose_name_plural = _("adgangstokens")

    def __str__(self):
        return f"{self.system} til {self.expires_at:%Y-%m-%d %H:%M}"


class IdempotentRequest(models.Model):
    """The answer given to a write with an Idempotency-Key: the same key and body again gets this answer back
    without writing again; the same key with another body is refused."""

    system = models.ForeignKey(IntegrationSystem, on_delete=models.CASCADE, related_name="idempotent_requests")
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64)  # SHA-256 of method, path and body
    status_code = models.PositiveSmallIntegerField()
    body = models.JSONField(null=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["system", "key"], name="api_idempotency_key_unique")]

    def __str__(self):
        return f"{self.system}: {self.key}"


class TokenFailure(models.Model):
    """A refused /api/v1/token/ request (unknown client id or wrong secret), counted per client id and source
    address, and per address alone, to refuse further guesses for a while (services.token_throttled). Kept in the
    database, so every gunicorn worker and app server counts the same failures; rows older than the cool-off
    period are deleted as new failures come in."""

    client_id = models.CharField(max_length=64)
    address = models.CharField(max_length=45)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["address", "at"]), models.Index(fields=["client_id", "address", "at"])]

    def __str__(self):
        return f"{self.client_id} fra {self.address} {self.at:%Y-%m-%d %H:%M:%S}"
