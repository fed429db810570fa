"""Beskeder for staff: the case's tab shows each thread's age and whether it awaits our answer; reading is a
logged read of the case (never a mentor's); answering clears the wait; new messages show in Mine opgaver and the
inbox; company threads on the company page."""

import secrets

import pytest
from django.urls import reverse

from jobspor.audit.models import AccessLog, Event
from jobspor.cases.services import case_staff_add
from jobspor.documents.models import Document
from jobspor.documents.tests.samples import PDF, upload
from jobspor.messaging.models import Attachment, AuthorKind, Thread
from jobspor.messaging.services import message_send, thread_start
from jobspor.testing.factories import (
    EmployeeFactory,
    TeamFactory,
    citizen_login,
    make_case,
    make_company,
    make_company_user,
)


def attachment_without_file(case):
    """An attachment row on a case thread (for access checks that refuse before the file is read)."""
    thread = thread_start(actor=case.staff.first().employee.user, author_kind=AuthorKind.STAFF, case=case,
                          subject="Papirer", body="Se vedhæftet.")
    document = Document.objects.create(case=case, name="x.pdf", content_type="application/pdf", size=1,
                                       sha256="0" * 64, storage_name=secrets.token_hex(20), source="besked",
                                       uploaded_by=case.staff.first().employee.user)
    return Attachment.objects.create(message=thread.messages.get(), document=document)


@pytest.fixture
def world(db):
    team = TeamFactory(name="Team Nord")
    broker = EmployeeFactory(name="Anne Holm", team=team, roles=["jobformidler"])
    case = make_case(primary=broker, name="Jens Hansen")
    citizen_user = citizen_login_user(case)
    thread = thread_start(actor=citizen_user, author_kind=AuthorKind.CITIZEN, case=case, subject="Lægeerklæring",
                          body="Her er min lægeerklæring.", attachments=[upload()])
    return {"team": team, "broker": broker, "case": case, "thread": thread, "citizen_user": citizen_user}


def citizen_login_user(case):
    from jobspor.citizen_portal.services import citizen_user_for

    return citizen_user_for(case.citizen)


def test_case_tab_shows_the_thread_awaiting_our_answer(client, world):
    client.force_login(world["broker"].user)
    response = client.get(reverse("cases:detail", args=[world["case"].pk]) + "?fane=beskeder")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Lægeerklæring" in body and "Venter på vores svar" in body and "1 ulæst" in body
    assert AccessLog.objects.filter(user_id=world["broker"].user.pk, subject="fane:beskeder", action="view").exists()


def test_reading_and_answering_is_logged_and_an_event(client, world):
    client.force_login(world["broker"].user)
    url = reverse("messaging:case_thread", args=[world["case"].pk, world["thread"].pk])
    page = client.get(url)
    assert page.status_code == 200 and "Her er min lægeerklæring." in page.content.decode()
    assert AccessLog.objects.filter(user_id=world["broker"].user.pk, citizen_id=world["case"].citizen_id,
                                    action="view", subject="messaging:case_thread").exists()
    response = client.post(url, {"body": "Tak, den er modtaget."})
    assert response.status_code == 302
    world["thread"].refresh_from_db()
    assert world["thread"].awaiting_since is None
    event = Event.objects.filter(verb="message_sent").latest("id")
    assert event.actor.startswith("Anne Holm") and event.after["from"] == "staff"
    # The citizen sees it as unread on Min side.
    citizen_login(client, world["case"].citizen)
    assert "1 ulæst" in client.get(reverse("minside:messages")).content.decode()


def test_staff_attachment_download_is_a_logged_read(client, world):
    attachment = world["thread"].messages.get().attachments.get()
    client.force_login(world["broker"].user)
    response = client.get(reverse("messaging:attachment", args=[attachment.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AccessLog.objects.filter(user_id=world["broker"].user.pk, subject="messaging:attachment",
                                    citizen_id=world["case"].citizen_id).exists()


def test_a_mentor_on_the_case_cannot_read_the_messages(client, world):
    mentor = EmployeeFactory(team=world["team"], roles=["mentor"])
    case_staff_add(actor=None, case=world["case"], employee=mentor, role="mentor")
    client.force_login(mentor.user)
    url = reverse("messaging:case_thread", args=[world["case"].pk, world["thread"].pk])
    assert client.get(url).status_code == 403
    assert AccessLog.objects.filter(user_id=mentor.user.pk, action="denied").exists()
    tab = client.get(reverse("cases:detail", args=[world["case"].pk]) + "?fane=beskeder")
    assert tab.status_code == 403


def test_staff_starts_a_thread_and_bad_input_changes_nothing(client, world):
    client.force_login(world["broker"].user)
    url = reverse("messaging:case_thread_new", args=[world["case"].pk])
    bad = client.post(url, {"subject": "Møde", "body": ""})
    assert bad.status_code == 400 and "Skriv en besked." in bad.content.decode()
    assert Thread.objects.count() == 1
    assert client.post(url, {"subject": "Møde", "body": "Vi ses torsdag."}).status_code == 302
    thread = Thread.objects.latest("id")
    assert thread.awaiting_since is None
    citizen_login(client, world["case"].citizen)
    assert "Møde" in client.get(reverse("minside:messages")).content.decode()


def test_new_messages_are_in_mine_opgaver_and_the_inbox(client, world):
    client.force_login(world["broker"].user)
    tasks = client.get(reverse("followup:my_tasks")).content.decode()
    assert "Besked fra borger" in tasks and "Lægeerklæring" in tasks
    inbox = client.get(reverse("messaging:inbox")).content.decode()
    assert "Jens Hansen" in inbox and "Lægeerklæring" in inbox
    assert AccessLog.objects.filter(user_id=world["broker"].user.pk, subject="messaging:inbox", action="list",
                                    citizen_id=world["case"].citizen_id).exists()
    message_send(actor=world["broker"].user, thread=world["thread"], author_kind=AuthorKind.STAFF, body="Tak.")
    assert "Lægeerklæring" not in client.get(reverse("followup:my_tasks")).content.decode()
    assert "Lægeerklæring" not in client.get(reverse("messaging:inbox")).content.decode()


def test_another_teams_inbox_does_not_show_the_thread(client, world):
    stranger = EmployeeFactory(team=TeamFactory(name="Team Syd"), roles=["jobformidler"])
    client.force_login(stranger.user)
    assert "Lægeerklæring" not in client.get(reverse("messaging:inbox")).content.decode()
    url = reverse("messaging:case_thread", args=[world["case"].pk, world["thread"].pk])
    assert client.get(url).status_code == 403


def test_company_messages_on_the_company_page(client, world):
    company = make_company(owner=world["broker"], name="Nordlager ApS")
    company_user = make_company_user(company=company)
    thread = thread_start(actor=company_user.user, author_kind=AuthorKind.COMPANY, company=company,
                          subject="Ny medarbejder", body="Har I en kandidat til lageret?")
    client.force_login(world["broker"].user)
    assert "Besked fra virksomhed" in client.get(reverse("followup:my_tasks")).content.decode()
    tab = client.get(reverse("companies:detail", args=[company.pk]) + "?fane=beskeder").content.decode()
    assert "Ny medarbejder" in tab and "Venter på vores svar" in tab
    url = reverse("messaging:company_thread", args=[company.pk, thread.pk])
    assert client.post(url, {"body": "Ja, jeg ringer i morgen."}).status_code == 302
    thread.refresh_from_db()
    assert thread.awaiting_since is None
    other = make_company(owner=world["broker"], name="Sydlager ApS")
    assert client.get(reverse("messaging:company_thread", args=[other.pk, thread.pk])).status_code == 404
