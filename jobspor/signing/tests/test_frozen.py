"""The database itself refuses changing or deleting frozen versions and signatures, and a signature naming
another hash (SQLite and PostgreSQL)."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from jobspor.signing import frozen, services
from jobspor.signing.models import DocumentSignature, SignableDocument

pytestmark = pytest.mark.django_db


def test_triggers_are_installed():
    assert frozen.installed(connection) == set(frozen.installed_names(connection.vendor))


@pytest.fixture
def signed(case, plan, job_broker):
    doc = services.plan_freeze(actor=job_broker.user, case=case)
    services.document_sign(actor=job_broker.user, doc=doc, signer_name="Jens Hansen", content_hash=doc.content_hash,
                           confirmed=True)
    return doc


def _refused(fn):
    with pytest.raises(IntegrityError), transaction.atomic():
        fn()


def test_frozen_version_cannot_change_or_go(signed):
    _refused(lambda: SignableDocument.objects.filter(pk=signed.pk).update(document={"goal": "andet"}))
    _refused(lambda: SignableDocument.objects.filter(pk=signed.pk).update(content_hash="0" * 64))
    _refused(lambda: SignableDocument.objects.filter(pk=signed.pk)._raw_delete(connection.alias))
    signed.refresh_from_db()
    assert services.document_verify(signed)["ok"]


def test_signature_cannot_change_or_go(signed):
    _refused(lambda: DocumentSignature.objects.filter(document=signed).update(signer_name="Anden Person"))
    _refused(lambda: DocumentSignature.objects.filter(document=signed)._raw_delete(connection.alias))
    assert DocumentSignature.objects.get(document=signed).signer_name == "Jens Hansen"


def test_a_signature_must_name_its_documents_hash(case, plan, job_broker):
    doc = services.plan_freeze(actor=job_broker.user, case=case)
    _refused(lambda: DocumentSignature.objects.create(document=doc, signer_name="Jens Hansen",
                                                      signed_at=timezone.now(), content_hash="f" * 64))
