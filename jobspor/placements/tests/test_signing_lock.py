"""Signing and saving take the same lock (the placement's row), so on PostgreSQL a save cannot slip in beside a
signature and clear the frozen document: the second of the two waits, then sees the first and refuses.
Two threads, each with its own database connection; the first holds its transaction open until told to commit."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from jobspor.placements import services
from jobspor.placements.models import Signature, WorkAgreement

from .conftest import AGREEMENT

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite writes one transaction at a time)")


@pytest.fixture(autouse=True)
def postal_codes(postgresql_only):
    """A transactional test empties every table afterwards, also the postal codes the migrations loaded."""
    from importlib import import_module

    from django.apps import apps

    from jobspor.citizens.models import PostalCode

    if not PostalCode.objects.exists():
        import_module("jobspor.citizens.migrations.0002_load_postal_codes").load(apps, None)


def _waiting_on_a_lock(timeout=20.0) -> bool:
    """True once another connection of this database waits for a lock."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                           "AND wait_event_type = 'Lock'")
            if cursor.fetchone()[0]:
                return True
        time.sleep(0.05)
    return False


def _race(first, second):
    """Run `first` in a transaction that stays open, and `second` meanwhile; return what `second` gave."""
    holding, release, outcome = threading.Event(), threading.Event(), {}

    def hold():
        try:
            with transaction.atomic():
                first()
                holding.set()
                release.wait(30)
        except Exception as exc:  # noqa: BLE001 – reported to the test below
            outcome["first"] = exc
            holding.set()
        finally:
            connection.close()

    def run_second():
        holding.wait(30)
        try:
            second()
            outcome["second"] = "done"
        except ValidationError as exc:
            outcome["second"] = exc.messages
        except Exception as exc:  # noqa: BLE001 – e.g. the database refusing what the lock should have prevented
            outcome["second"] = repr(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=hold), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    try:
        assert holding.wait(30) and "first" not in outcome, outcome.get("first")
        outcome["waited"] = _waiting_on_a_lock()
    finally:
        release.set()
        for thread in threads:
            thread.join(60)
    return outcome


def test_a_save_waits_for_a_signature_then_refuses(placement, job_broker):
    agreement = services.current_agreement(placement)
    shown = services.agreement_hash(agreement)

    outcome = _race(
        lambda: services.agreement_sign(actor=job_broker.user, agreement=agreement, role="borger",
                                        signer_name="Jens Hansen", content_hash=shown),
        lambda: services.agreement_save(actor=None, placement=placement, **(AGREEMENT | {"hours_per_week": 15})))

    assert outcome["waited"], "the save did not wait for the signature's lock"
    assert outcome["second"] == ["Arbejdsaftalen er underskrevet og kan ikke ændres. Lav en ny version – den skal "
                                 "underskrives igen."]
    agreement = WorkAgreement.objects.get(pk=agreement.pk)
    assert agreement.document is not None and agreement.document["hours_per_week"] == "10.0"
    assert agreement.content_hash == shown and agreement.hours_per_week == 10
    assert Signature.objects.filter(agreement=agreement, content_hash=shown).count() == 1


def test_a_signature_waits_for_a_save_then_refuses_the_changed_document(placement, job_broker):
    agreement = services.current_agreement(placement)
    shown = services.agreement_hash(agreement)

    outcome = _race(
        lambda: services.agreement_save(actor=None, placement=placement, **(AGREEMENT | {"hours_per_week": 15})),
        lambda: services.agreement_sign(actor=job_broker.user, agreement=agreement, role="borger",
                                        signer_name="Jens Hansen", content_hash=shown))

    assert outcome["waited"], "the signature did not wait for the save's lock"
    assert outcome["second"] == ["Aftalen er ændret, efter den blev vist. Læs den nye udgave igennem, og skriv "
                                 "under igen."]
    agreement = WorkAgreement.objects.get(pk=agreement.pk)
    assert agreement.hours_per_week == 15 and agreement.document is None and not Signature.objects.exists()
