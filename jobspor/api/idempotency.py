"""Idempotent writes: a write sent with an Idempotency-Key header is done once. The same key with the same method,
path and body again gets the stored answer (header Idempotent-Replayed: true) and writes nothing; the same key
with anything else is refused with 422, nothing changed. Keys are per system; a successful answer is kept with
the write in one transaction, so a key never stands for a write that did not happen."""

import functools
import hashlib
import json

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from .errors import ApiError
from .models import IdempotentRequest

HEADER = "Idempotency-Key"
MAX_KEY = 200


def _key(request) -> str | None:
    key = request.META.get("HTTP_IDEMPOTENCY_KEY")
    if key is None:
        return None
    key = key.strip()
    if not key or len(key) > MAX_KEY or not key.isprintable():
        raise ApiError(_("Idempotency-Key skal være 1–%(max)d almindelige tegn, fx et UUID.") % {"max": MAX_KEY},
                       code="idempotency_key_invalid", status_code=400)
    return key


def _fingerprint(request) -> str:
    body = json.dumps(request.data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def idempotent(handler):
    """Wrap a view's post/put/patch."""

    @functools.wraps(handler)
    def wrapper(view, request, *args, **kwargs):
        key = _key(request)
        if key is None:
            return handler(view, request, *args, **kwargs)
        fingerprint = _fingerprint(request)
        system = request.auth
        stored = IdempotentRequest.objects.filter(system=system, key=key).first()
        if stored is not None:
            return _replay(stored, fingerprint)
        try:
            with transaction.atomic():
                response = handler(view, request, *args, **kwargs)
                if 200 <= response.status_code < 300:
                    IdempotentRequest.objects.create(
                        system=system, key=key, fingerprint=fingerprint, status_code=response.status_code,
                        body=json.loads(JSONRenderer().render(response.data) or b"null"))
        except IntegrityError:
            # Another request with the same key committed first: its write stands, this one is undone.
            stored = IdempotentRequest.objects.filter(system=system, key=key).first()
            if stored is None:
                raise
            return _replay(stored, fingerprint)
        return response

    return wrapper


def _replay(stored: IdempotentRequest, fingerprint: str) -> Response:
    if stored.fingerprint != fingerprint:
        raise ApiError(_("Idempotency-Key er allerede brugt til en anden forespørgsel (anden krop, metode eller "
                         "adresse). Intet er ændret. Brug en ny nøgle til en ny ændring."),
                       code="idempotency_conflict", status_code=422)
    response = Response(stored.body, status=stored.status_code)
    response["Idempotent-Replayed"] = "true"
    return response
