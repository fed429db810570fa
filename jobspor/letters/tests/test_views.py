import datetime as dt

import pytest
from django.urls import reverse

from jobspor.audit.models import AccessLog
from jobspor.contacts.models import StandardText
from jobspor.letters import services
from jobspor.letters.choices import LetterKind, LetterStatus
from jobspor.letters.models import Letter
from jobspor.testing.factories import EmployeeFactory, TeamFactory, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, job_broker):
    client.force_login(job_broker.user)
    return client


def tab(case):
    return reverse("cases:detail", args=[case.pk]) + "?fane=breve"


def test_write_a_free_letter_and_send_it_to_the_outbox(staff, case, outbox):
    page = staff.get(tab(case))
    assert page.status_code == 200 and "Der er ikke skrevet breve" in page.content.decode()
    response = staff.post(reverse("letters:new", args=[case.pk]), {"kind": LetterKind.FREE})
    letter = Letter.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("letters:detail", args=[case.pk, letter.pk])
    edit = staff.get(response["Location"])
    assert 'data-std-search="std-search"' in edit.content.decode()  # "//" standard texts work in the body
    preview = staff.get(reverse("letters:pdf", args=[case.pk, letter.pk]))
    assert preview["Content-Type"] == "application/pdf" and preview.content.startswith(b"%PDF")
    response = staff.post(reverse("letters:detail", args=[case.pk, letter.pk]),
                          {"subject": "Husk dit CV", "body": "Kære Jens\n\nHusk CV.", "action": "send"}, follow=True)
    body = response.content.decode()
    assert "er sendt til udbakken som Digital Post" in body and "Sendt" in body
    letter.refresh_from_db()
    assert letter.status == LetterStatus.SENT and (outbox / f"{letter.memo_uuid}.pdf").exists()
    sent_pdf = staff.get(reverse("letters:pdf", args=[case.pk, letter.pk]))
    assert sent_pdf.content == (outbox / f"{letter.memo_uuid}.pdf").read_bytes()  # exactly what was sent
    assert AccessLog.objects.filter(citizen_id=case.citizen_id, subject="letters:pdf", action="view").exists()


def test_standard_texts_are_found_for_the_letter(staff, case):
    StandardText.objects.create(title="Udeblevet fra samtale", text="Du udeblev fra samtalen.")
    response = staff.get(reverse("contacts:standard_text_search"), {"q": "udeblev"})
    assert 'data-note="id_note"' in response.content.decode()  # the letter's body field is id_note


def test_a_failed_letter_shows_on_the_case_with_its_reason_and_retry(staff, case, job_broker, settings, letter_dirs):
    (letter_dirs / "blocked").write_text("")
    settings.JOBSPOR_LETTER_OUTBOX_DIR = letter_dirs / "blocked" / "outbox"
    draft = services.letter_draft(actor=job_broker.user, case=case, kind=LetterKind.FREE)
    response = staff.post(reverse("letters:detail", args=[case.pk, draft.pk]),
                          {"subject": "Husk dit CV", "body": "Tekst", "action": "send"}, follow=True)
    body = response.content.decode()
    assert "kunne ikke sendes" in body and "venter i udbakken" in body
    assert "Brevet kunne ikke lægges i udbakken" in body and "Prøv igen" in body
    overview = staff.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "1 brev kunne ikke sendes og venter i udbakken." in overview  # visible above every tab
    settings.JOBSPOR_LETTER_OUTBOX_DIR = letter_dirs / "outbox"
    response = staff.post(reverse("letters:retry", args=[case.pk, draft.pk]), follow=True)
    assert "er sendt til udbakken" in response.content.decode()
    assert Letter.objects.get().status == LetterStatus.SENT


def test_no_address_is_refused_with_a_danish_message_and_the_draft_kept(staff, case, job_broker):
    services.exemption_set(actor=job_broker.user, citizen=case.citizen)
    citizen = case.citizen
    citizen.address = ""
    citizen.save()
    draft = services.letter_draft(actor=job_broker.user, case=case, kind=LetterKind.FREE)
    response = staff.post(reverse("letters:detail", args=[case.pk, draft.pk]),
                          {"subject": "Husk dit CV", "body": "Tekst", "action": "send"})
    assert response.status_code == 400
    assert "ingen postadresse" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == LetterStatus.DRAFT and draft.subject == ""


def test_meeting_invitation_from_the_tab(staff, case):
    response = staff.post(reverse("letters:new", args=[case.pk]), {
        "kind": LetterKind.MEETING, "date": "2026-03-02", "start": "10:00", "end": "09:00", "place": "Jobcentret"})
    assert response.status_code == 400 and "slutte efter det begynder" in response.content.decode()
    assert not Letter.objects.exists()
    response = staff.post(reverse("letters:new", args=[case.pk]), {
        "kind": LetterKind.MEETING, "date": "2026-03-02", "start": "10:00", "end": "11:00", "place": "Jobcentret"})
    letter = Letter.objects.get()
    assert letter.kind == LetterKind.MEETING and letter.meeting_start.date() == dt.date(2026, 3, 2)


def test_another_teams_letters_are_refused_and_logged(client, case, job_broker):
    draft = services.letter_draft(actor=job_broker.user, case=case, kind=LetterKind.FREE)
    stranger = EmployeeFactory(team=TeamFactory(name="Syd"), roles=["jobformidler"])
    client.force_login(stranger.user)
    for url in (reverse("letters:detail", args=[case.pk, draft.pk]), reverse("letters:pdf", args=[case.pk, draft.pk])):
        assert client.get(url).status_code == 403
    assert AccessLog.objects.filter(user_id=stranger.user.pk, action="denied", citizen_id=case.citizen_id).exists()


def test_a_letter_of_another_case_answers_404(staff, case, job_broker):
    other = make_case(primary=job_broker, name="Anden Borger")
    draft = services.letter_draft(actor=job_broker.user, case=other, kind=LetterKind.FREE)
    assert staff.get(reverse("letters:detail", args=[case.pk, draft.pk])).status_code == 404
