import random

import pytest
from django.urls import reverse
from pypdf import PdfReader

from jobspor.letters.choices import LetterStatus
from jobspor.letters.demo import _tiny_pdf, demo_extend
from jobspor.letters.models import Letter
from jobspor.testing.factories import make_case

pytestmark = pytest.mark.django_db


def test_the_demos_hand_made_pdf_is_a_real_pdf():
    import io

    reader = PdfReader(io.BytesIO(_tiny_pdf("Demobrev")))
    assert "Demobrev" in reader.pages[0].extract_text()


def test_demo_letters_show_on_the_case_and_the_failed_one_can_be_retried(client, job_broker, outbox):
    cases = [make_case(primary=job_broker, name=f"Borger {n}") for n in range(6)]
    [(made, _one, _many)] = demo_extend(rng=random.Random(1), today=None, fake=None, say=print)
    assert made == 6
    assert {s: Letter.objects.filter(status=s).count() for s in LetterStatus} == {
        LetterStatus.SENT: 4, LetterStatus.FAILED: 1, LetterStatus.DRAFT: 1, LetterStatus.QUEUED: 0}
    failed = Letter.objects.get(status=LetterStatus.FAILED)
    client.force_login(job_broker.user)
    page = client.get(reverse("cases:detail", args=[failed.case_id]) + "?fane=breve").content.decode()
    assert "Digital Post kunne ikke nås" in page and "Prøv igen" in page
    client.post(reverse("letters:retry", args=[failed.case_id, failed.pk]))
    failed.refresh_from_db()
    assert failed.status == LetterStatus.SENT and (outbox / f"{failed.memo_uuid}.xml").exists()
    sent = Letter.objects.filter(status=LetterStatus.SENT, case=cases[0]).first()
    pdf = client.get(reverse("letters:pdf", args=[sent.case_id, sent.pk]))
    assert pdf.content.startswith(b"%PDF")
