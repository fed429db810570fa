import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from jobspor.audit.models import Event
from jobspor.letters import memo, services
from jobspor.letters.choices import LetterKind, LetterStatus
from jobspor.letters.models import Letter
from jobspor.plans.services import plan_save, sub_goal_add

pytestmark = pytest.mark.django_db


def free_letter(case, actor, body="Kære Jens\n\nHusk at tage dit CV med.\n\nMed venlig hilsen\nAnne"):
    letter = services.letter_draft(actor=actor, case=case, kind=LetterKind.FREE)
    return services.letter_update(actor=actor, letter=letter, subject="Husk dit CV", body=body)


def test_free_letter_is_merged_with_the_case_and_sent_to_the_outbox(case, job_broker, outbox):
    draft = services.letter_draft(actor=job_broker.user, case=case, kind=LetterKind.FREE)
    assert draft.body.startswith("Kære Jens Hansen") and "Anne Holm" in draft.body  # the jobformidler signs
    letter = free_letter(case, job_broker.user)
    sent = services.letter_send(actor=job_broker.user, letter=letter)
    assert sent.status == LetterStatus.SENT and sent.transport == "outbox" and sent.attempts == 1
    assert sent.channel == "digital" and sent.sent_at and sent.message_id == str(sent.memo_uuid)
    pdf = (outbox / f"{sent.memo_uuid}.pdf").read_bytes()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Husk at tage dit CV med." in text and f"Sag {case.external_id}" in text and "Jobcenter Test" in text
    xml = (outbox / f"{sent.memo_uuid}.xml").read_text()
    memo.validate(xml)  # the message written is valid MeMo (schema in jobspor/letters/data)
    assert case.citizen.cpr in xml and "Husk dit CV" in xml
    verbs = list(Event.objects.filter(target_type="letter", target_id=sent.pk).order_by("id")
                 .values_list("verb", flat=True))
    assert verbs == ["letter_drafted", "letter_edited", "letter_queued", "letter_sent"]


def test_a_sent_letter_cannot_be_edited_or_discarded(case, job_broker):
    letter = services.letter_send(actor=job_broker.user, letter=free_letter(case, job_broker.user))
    with pytest.raises(ValidationError, match="kan ikke længere ændres"):
        services.letter_update(actor=job_broker.user, letter=letter, subject="Ny", body="Ny tekst")
    with pytest.raises(ValidationError):
        services.letter_discard(actor=job_broker.user, letter=letter)
    letter.refresh_from_db()
    assert letter.subject == "Husk dit CV"


def test_meeting_invitation_from_plain_values(case, job_broker, outbox):
    start = timezone.make_aware(dt.datetime(2026, 3, 2, 10, 0))
    letter = services.draft_meeting_invitation(case, actor=job_broker.user, start=start,
                                               end=start + dt.timedelta(hours=1), place="Jobcentret, lokale 4",
                                               video_link="")
    assert letter.kind == LetterKind.MEETING
    assert "2. marts 2026 kl. 10.00–11.00" in letter.body and "Jobcentret, lokale 4" in letter.body
    sent = services.letter_send(actor=job_broker.user, letter=letter)
    xml = (outbox / f"{sent.memo_uuid}.xml").read_text()
    memo.validate(xml)
    assert "<memo:actionCode>AFTALE</memo:actionCode>" in xml
    assert "<memo:startDateTime>2026-03-02T09:00:00Z</memo:startDateTime>" in xml  # 10.00 in Copenhagen, in UTC


@pytest.mark.parametrize("hours, place, message", [(-1, "Jobcentret", "slutte efter"), (1, "", "hvor mødet")])
def test_meeting_invitation_refuses_bad_input(case, job_broker, hours, place, message):
    start = timezone.make_aware(dt.datetime(2026, 3, 2, 10, 0))
    with pytest.raises(ValidationError, match=message):
        services.draft_meeting_invitation(case, actor=job_broker.user, start=start,
                                          end=start + dt.timedelta(hours=hours), place=place)
    assert not Letter.objects.exists()


def test_plan_letter_needs_a_plan_and_then_states_it(case, job_broker):
    with pytest.raises(ValidationError, match="ingen plan"):
        services.letter_draft(actor=job_broker.user, case=case, kind=LetterKind.PLAN)
    plan = plan_save(actor=job_broker.user, case=case, goal="job", goal_text="Lagermedarbejder 25 timer",
                     made=dt.date(2025, 2, 1))
    sub_goal_add(actor=job_broker.user, plan=plan, text="Møde stabilt tre dage om ugen", due=dt.date(2025, 4, 1))
    letter = services.letter_draft(actor=job_broker.user, case=case, kind=LetterKind.PLAN)
    assert letter.subject == "Din plan"
    assert "Lagermedarbejder 25 timer" in letter.body and "Møde stabilt tre dage om ugen" in letter.body


def test_agreement_letter_needs_an_agreement(case, job_broker):
    with pytest.raises(ValidationError, match="ingen arbejdsaftale"):
        services.letter_draft(actor=job_broker.user, case=case, kind=LetterKind.AGREEMENT)


def test_letter_to_a_citizen_who_cannot_be_addressed_is_refused_and_nothing_changes(case, job_broker, outbox):
    services.exemption_set(actor=job_broker.user, citizen=case.citizen, reason="Fritaget efter ansøgning")
    citizen = case.citizen
    citizen.address, citizen.postal_code = "", None
    citizen.save()
    letter = free_letter(case, job_broker.user)
    with pytest.raises(ValidationError) as exc:
        services.letter_send(actor=job_broker.user, letter=letter, subject="Ændret", body="Ændret tekst")
    assert "fritaget for Digital Post" in exc.value.messages[0] and "ingen postadresse" in exc.value.messages[0]
    letter.refresh_from_db()
    assert (letter.status, letter.subject, letter.pdf_storage_name) == (LetterStatus.DRAFT, "Husk dit CV", "")
    assert not outbox.exists()


def test_citizen_exempt_from_digital_post_gets_a_paper_letter(case, job_broker, outbox):
    services.exemption_set(actor=job_broker.user, citizen=case.citizen)
    sent = services.letter_send(actor=job_broker.user, letter=free_letter(case, job_broker.user))
    assert (sent.status, sent.channel, sent.transport) == (LetterStatus.SENT, "fysisk", "print")
    assert (outbox / "fysisk" / f"{sent.memo_uuid}.pdf").exists()
    assert "Testvej 1" in (outbox / "fysisk" / f"{sent.memo_uuid}.adresse.txt").read_text()


def test_a_failed_delivery_keeps_the_letter_and_its_reason_and_is_retried(case, job_broker, settings, letter_dirs):
    blocker = letter_dirs / "blocked"
    blocker.write_text("not a folder")
    settings.JOBSPOR_LETTER_OUTBOX_DIR = blocker / "outbox"  # cannot be made: delivery fails
    letter = services.letter_send(actor=job_broker.user, letter=free_letter(case, job_broker.user))
    assert letter.status == LetterStatus.FAILED and letter.attempts == 1
    assert letter.last_error.startswith("Brevet kunne ikke lægges i udbakken")
    assert letter.next_attempt_at > timezone.now()
    assert Event.objects.filter(verb="letter_failed", target_id=letter.pk).exists()
    # The command leaves it until its turn; then, with the outbox back, it is sent.
    call_command("send_letters")
    letter.refresh_from_db()
    assert letter.status == LetterStatus.FAILED and letter.attempts == 1
    settings.JOBSPOR_LETTER_OUTBOX_DIR = letter_dirs / "outbox"
    sent, failed = services.letters_send_pending(now=timezone.now() + dt.timedelta(minutes=2))
    letter.refresh_from_db()
    assert (sent, failed) == (1, 0) and letter.status == LetterStatus.SENT and letter.attempts == 2
    assert letter.last_error == ""


def test_retry_sends_at_once(case, job_broker, settings, letter_dirs):
    settings.JOBSPOR_LETTER_OUTBOX_DIR = letter_dirs / "missing" / "x"
    (letter_dirs / "missing").write_text("")
    letter = services.letter_send(actor=job_broker.user, letter=free_letter(case, job_broker.user))
    settings.JOBSPOR_LETTER_OUTBOX_DIR = letter_dirs / "outbox"
    letter = services.letter_retry(actor=job_broker.user, letter=letter)
    assert letter.status == LetterStatus.SENT
    with pytest.raises(ValidationError, match="venter i udbakken"):
        services.letter_retry(actor=job_broker.user, letter=letter)


def test_an_unexpected_error_is_kept_as_the_reason_not_lost(case, job_broker, settings):
    settings.JOBSPOR_LETTER_TRANSPORT = "brevdue"  # a wrong setting: the letter still ends failed, with the reason
    letter = services.letter_send(actor=job_broker.user, letter=free_letter(case, job_broker.user))
    assert letter.status == LetterStatus.FAILED and letter.last_error.startswith("Uventet fejl ved afsendelsen")
