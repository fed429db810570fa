"""Replay protection: the ids of every accepted SAML response and assertion are kept in the database (shared by
all of gunicorn's workers) until they expire, and a second use is refused."""

import base64
import datetime as dt
import logging

from defusedxml import ElementTree
from django.db import IntegrityError, transaction
from django.utils import timezone

from jobspor.portal.models import SamlMessageSeen

logger = logging.getLogger(__name__)

SAMLP = "{urn:oasis:names:tc:SAML:2.0:protocol}"
SAML = "{urn:oasis:names:tc:SAML:2.0:assertion}"
# Kept at least this long, whatever the assertion says (NotOnOrAfter plus the allowed clock skew is shorter).
MIN_KEEP = dt.timedelta(hours=1)


class Replayed(Exception):
    pass


def seen_before(ids) -> bool:
    return bool(ids) and SamlMessageSeen.objects.filter(message_id__in=list(ids)).exists()


def mark_used(ids, *, expires_at=None) -> None:
    """Record the ids as used; raises Replayed if any was used before (also when two requests race)."""
    now = timezone.now()
    keep_until = max(expires_at or now, now + MIN_KEEP)
    try:
        with transaction.atomic():
            for message_id in ids:
                SamlMessageSeen.objects.create(message_id=message_id[:200], seen_at=now, expires_at=keep_until)
    except IntegrityError:
        raise Replayed(ids)
    SamlMessageSeen.objects.filter(expires_at__lt=now).delete()


class Peek:
    """What an unverified SAMLResponse says about itself: its ids and the request it answers."""

    def __init__(self, ids=(), in_response_to=None):
        self.ids = list(ids)
        self.in_response_to = in_response_to


def peek(saml_response: str) -> Peek:
    """The ids of a (still unverified) SAMLResponse and of its assertions: enough to refuse a known replay before
    any work, and to know which login it claims to answer. Unreadable gives no ids (and is refused)."""
    if not saml_response:
        return Peek()
    try:
        root = ElementTree.fromstring(base64.b64decode(saml_response, validate=False))
    except Exception:  # noqa: BLE001 - any garbage is refused
        return Peek()
    if root.tag != f"{SAMLP}Response":
        return Peek()
    ids = [root.get("ID")] + [a.get("ID") for a in root.iter(f"{SAML}Assertion")]
    return Peek([i for i in ids if i], root.get("InResponseTo"))


def not_on_or_after(assertion):
    """When the assertion stops being valid (its Conditions), as an aware datetime; None if it does not say."""
    value = getattr(getattr(assertion, "conditions", None), "not_on_or_after", None)
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
