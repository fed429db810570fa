"""Min side "Mine breve": the citizen sees the letters sent to them (not drafts, not what still waits) and opens the
PDF that was sent; another citizen's letter answers 404; the citizen's own reads are logged as their own."""

import pytest
from django.urls import reverse

from jobspor.audit.models import AccessLog
from jobspor.citizen_portal.access import OWN_PURPOSE
from jobspor.letters import services
from jobspor.letters.choices import LetterKind
from jobspor.testing.factories import citizen_login, make_case

pytestmark = pytest.mark.django_db


def written(case, actor, subject, *, send=True):
    draft = services.letter_draft(actor=actor, case=case, kind=LetterKind.FREE)
    if not send:
        return services.letter_update(actor=actor, letter=draft, subject=subject, body="Tekst")
    return services.letter_send(actor=actor, letter=draft, subject=subject, body="Tekst")


def test_citizen_sees_sent_letters_and_their_pdf(client, case, job_broker, outbox):
    sent = written(case, job_broker.user, "Husk dit CV")
    written(case, job_broker.user, "Kladde til senere", send=False)
    citizen_login(client, case.citizen)
    page = client.get(reverse("minside:letters")).content.decode()
    assert "Husk dit CV" in page and "Kladde til senere" not in page
    pdf = client.get(reverse("minside:letter_pdf", args=[sent.pk]))
    assert pdf.status_code == 200 and pdf.content == (outbox / f"{sent.memo_uuid}.pdf").read_bytes()
    assert AccessLog.objects.filter(citizen_id=case.citizen_id, purpose=OWN_PURPOSE).count() == 2


def test_another_citizens_letter_answers_404(client, case, job_broker):
    other = make_case(primary=job_broker, name="Anden Borger")
    theirs = written(other, job_broker.user, "Til en anden")
    citizen_login(client, case.citizen)
    assert client.get(reverse("minside:letter_pdf", args=[theirs.pk])).status_code == 404
    assert "Til en anden" not in client.get(reverse("minside:letters")).content.decode()
