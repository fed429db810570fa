"""Guessing client secrets at /api/v1/token/ is throttled: after JOBSPOR_API_TOKEN_FAILURE_LIMIT wrong secrets for
one client id from one address that pair gets 429 with Retry-After in the API's error shape, even with the right
secret; the system itself, from its own address, still gets its token; an address trying many client ids is
refused as a whole; every refusal is logged on the API's logger. The counts live in the database, so every gunicorn
worker sees the same ones."""

import datetime as dt
import logging

import pytest
from django.utils import timezone

from jobspor.api.models import TokenFailure

ATTACKER = "203.0.113.9"
SYSTEM_HOST = "10.20.30.40"


def token(client, client_id, secret, address):
    return client.post("/api/v1/token/", {"grant_type": "client_credentials", "client_id": client_id,
                                          "client_secret": secret}, content_type="application/json",
                       REMOTE_ADDR=address)


@pytest.fixture
def limits(settings):
    settings.JOBSPOR_API_TOKEN_FAILURE_LIMIT = 3
    settings.JOBSPOR_API_TOKEN_IP_FAILURE_LIMIT = 8
    settings.JOBSPOR_API_TOKEN_COOLOFF_MINUTES = 15
    return settings


def test_wrong_secrets_from_one_address_are_refused_with_429_but_the_system_elsewhere_gets_its_token(
        client, esdh, limits, caplog):
    system, secret = esdh
    caplog.set_level(logging.WARNING, logger="jobspor.api")
    for _attempt in range(3):
        assert token(client, system.client_id, "gæt", ATTACKER).status_code == 401
    refused = token(client, system.client_id, secret, ATTACKER)  # even the right secret: nothing to learn
    assert refused.status_code == 429
    body = refused.json()
    assert body["status"] == 429 and body["code"] == "throttled" and body["error"] == "throttled"
    assert body["detail"] == "For mange forkerte forsøg fra denne adresse. Prøv igen om 15 minutter."
    assert 14 * 60 < int(refused["Retry-After"]) <= 15 * 60
    # The system itself, from its own address, is not locked out by someone else's guesses.
    ok = token(client, system.client_id, secret, SYSTEM_HOST)
    assert ok.status_code == 200 and ok.json()["token_type"] == "Bearer"
    messages = [r.getMessage() for r in caplog.records if r.name == "jobspor.api"]
    assert sum("wrong secret" in m and ATTACKER in m for m in messages) == 3
    assert any("too many failures" in m and ATTACKER in m and system.client_id in m for m in messages)
    assert TokenFailure.objects.count() == 3  # refusals are not counted as more failures


def test_the_refusal_ends_when_the_failures_are_older_than_the_cool_off(client, esdh, limits):
    system, secret = esdh
    for _attempt in range(3):
        token(client, system.client_id, "gæt", ATTACKER)
    assert token(client, system.client_id, secret, ATTACKER).status_code == 429
    TokenFailure.objects.update(at=timezone.now() - dt.timedelta(minutes=16))
    assert token(client, system.client_id, secret, ATTACKER).status_code == 200
    assert not TokenFailure.objects.filter(address=ATTACKER).exists()  # the right secret clears the pair


def test_retry_after_counts_from_the_failure_that_must_expire(client, esdh, limits):
    system, _secret = esdh
    for minutes_ago in (10, 5, 1):
        TokenFailure.objects.create(client_id=system.client_id, address=ATTACKER,
                                    at=timezone.now() - dt.timedelta(minutes=minutes_ago))
    refused = token(client, system.client_id, "gæt", ATTACKER)
    assert refused.status_code == 429
    assert 4 * 60 < int(refused["Retry-After"]) <= 5 * 60  # the oldest of the three goes in 5 minutes
    assert refused.json()["detail"].endswith("Prøv igen om 5 minutter.")


def test_one_address_guessing_many_client_ids_is_refused_as_a_whole(client, esdh, limits):
    system, secret = esdh
    for n in range(8):
        assert token(client, f"ukendt-{n}", "gæt", ATTACKER).status_code == 401
    assert token(client, system.client_id, secret, ATTACKER).status_code == 429
    assert token(client, "endnu-et", "gæt", ATTACKER).status_code == 429
    assert token(client, system.client_id, secret, SYSTEM_HOST).status_code == 200


def test_behind_the_proxy_the_clients_address_is_counted(client, esdh, limits):
    """JOBSPOR_PROXY_COUNT=1 (nginx): the address in X-Forwarded-For, not the proxy's own, is throttled."""
    system, secret = esdh
    limits.JOBSPOR_PROXY_COUNT = 1
    for _attempt in range(3):
        token(client, system.client_id, "gæt", "127.0.0.1")  # no X-Forwarded-For: counted as the proxy
    assert token(client, system.client_id, secret, "127.0.0.1").status_code == 429
    ok = client.post("/api/v1/token/", {"grant_type": "client_credentials", "client_id": system.client_id,
                                        "client_secret": secret}, content_type="application/json",
                     REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=SYSTEM_HOST)
    assert ok.status_code == 200
