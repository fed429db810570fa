"""The demo's signed plans: each a frozen version whose hash checks, signed by the case's own citizen."""

from io import StringIO

import pytest
from django.core.management import call_command

from jobspor.signing.models import DocumentSignature, SignableDocument
from jobspor.signing.services import document_verify


@pytest.mark.django_db
def test_demo_signs_a_few_plans_whose_hash_checks():
    out = StringIO()
    call_command("demo", "--cases", "200", stdout=out)
    assert "underskrevne planer" in out.getvalue()
    docs = list(SignableDocument.objects.select_related("case__citizen", "signature"))
    assert 0 < len(docs) <= 25 and DocumentSignature.objects.count() == len(docs)
    for doc in docs:
        assert document_verify(doc)["ok"]
        assert doc.signature.signer_name == doc.case.citizen.name
