"""Beskeder on Min side and Virksomhedsindgang: write with an attachment, read the answer with an unread mark;
bad input changes nothing; another's thread or attachment is a 404 and logged as denied."""

import pytest
from django.urls import reverse

from jobspor.audit.models import AccessLog, Event
from jobspor.documents.models import Document
from jobspor.documents.tests.samples import EXE, PDF, PNG, upload
from jobspor.messaging.models import AuthorKind, Message, Thread
from jobspor.messaging.services import message_send, thread_start
from jobspor.testing.factories import (
    EmployeeFactory,
    citizen_login,
    company_login,
    make_case,
    make_company,
    make_company_user,
)


@pytest.fixture
def world(db):
    broker = EmployeeFactory(name="Anne Holm", roles=["jobformidler"])
    case = make_case(primary=broker, name="Jens Hansen")
    other = make_case(primary=broker, name="Ida Andersen")
    company = make_company(owner=broker, name="Nordlager ApS")
    other_company = make_company(owner=broker, name="Sydlager ApS")
    return {"broker": broker, "case": case, "other": other, "company": company, "other_company": other_company,
            "company_user": make_company_user(company=company), "other_user": make_company_user(
                company=other_company, name="Ole Syd")}


def post_new(client, url, **extra):
    data = {"subject": "Lægeerklæring", "body": "Her er min lægeerklæring.", **extra}
    return client.post(url, data)


def test_citizen_writes_with_an_attachment_saved_on_the_case(client, world):
    user = citizen_login(client, world["case"].citizen)
    page = client.get(reverse("minside:messages"))
    assert "Du får svar inden for 24 timer på hverdage" in page.content.decode()
    response = post_new(client, reverse("minside:message_new"), attachment=upload())
    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("minside:thread", args=[thread.pk])
    assert thread.case == world["case"] and thread.awaiting_since is not None
    message = thread.messages.get()
    assert message.author == user and message.author_kind == AuthorKind.CITIZEN
    document = Document.objects.get()
    assert document.case == world["case"] and message.attachments.get().document == document
    event = Event.objects.get(verb="message_sent")
    assert event.actor == "Jens Hansen (borgeren selv)" and event.case_id == world["case"].pk
    assert event.after["attachments"] == ["laegeerklaering.pdf"]
    # The citizen downloads their own attachment; the read is logged as their own.
    download = client.get(reverse("minside:attachment", args=[message.attachments.get().pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")


def test_the_answer_is_shown_unread_until_opened(client, world):
    citizen_login(client, world["case"].citizen)
    post_new(client, reverse("minside:message_new"))
    thread = Thread.objects.get()
    message_send(actor=world["broker"].user, thread=thread, author_kind=AuthorKind.STAFF, body="Tak, modtaget.")
    listing = client.get(reverse("minside:messages")).content.decode()
    assert "1 ulæst" in listing
    page = client.get(reverse("minside:thread", args=[thread.pk])).content.decode()
    assert "Tak, modtaget." in page and "jobspor-message--new" in page
    assert "ulæst" not in client.get(reverse("minside:messages")).content.decode()
    assert AccessLog.objects.filter(purpose="Borgerens egen visning på Min side", case_id=world["case"].pk).exists()


@pytest.mark.parametrize(("extra", "says"), [
    ({"body": "  "}, "Skriv en besked."),
    ({"attachment": upload("laegeerklaering.pdf", EXE)}, "ikke en af de filtyper"),
    ({"attachment": upload("laegeerklaering.pdf", PNG)}, "ikke det, navnet siger"),
])
def test_bad_input_is_refused_in_danish_and_nothing_is_saved(client, world, extra, says):
    citizen_login(client, world["case"].citizen)
    response = post_new(client, reverse("minside:message_new"), **extra)
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not Thread.objects.exists() and not Message.objects.exists() and not Document.objects.exists()


def test_an_oversized_attachment_is_refused(client, world, settings, documents_dir):
    settings.JOBSPOR_DOCUMENT_MAX_BYTES = 1024 * 1024
    citizen_login(client, world["case"].citizen)
    response = post_new(client, reverse("minside:message_new"),
                        attachment=upload("stor.pdf", PDF + b"0" * (1024 * 1024 + 1)))
    assert response.status_code == 400 and "højst fylde 1 MB" in response.content.decode()
    assert not Thread.objects.exists() and not Document.objects.exists()
    assert not documents_dir.exists() or not any(documents_dir.iterdir())


def test_an_answer_with_an_empty_body_is_refused(client, world):
    citizen_login(client, world["case"].citizen)
    post_new(client, reverse("minside:message_new"))
    thread = Thread.objects.get()
    response = client.post(reverse("minside:thread", args=[thread.pk]), {"body": ""})
    assert response.status_code == 400 and "Skriv en besked." in response.content.decode()
    assert thread.messages.count() == 1


def test_another_citizens_thread_and_attachment_are_404_and_logged(client, world):
    broker = world["broker"].user
    theirs = thread_start(actor=broker, author_kind=AuthorKind.STAFF, case=world["other"], subject="Møde",
                          body="Hej Ida", attachments=[upload()])
    attachment = theirs.messages.get().attachments.get()
    citizen_login(client, world["case"].citizen)
    for url in (reverse("minside:thread", args=[theirs.pk]), reverse("minside:attachment", args=[attachment.pk])):
        assert client.get(url).status_code == 404
    assert client.post(reverse("minside:thread", args=[theirs.pk]), {"body": "Indbrud"}).status_code == 404
    assert theirs.messages.count() == 1
    denied = AccessLog.objects.filter(action="denied", citizen_id=world["other"].citizen_id)
    assert denied.count() == 3
    assert "Hej Ida" not in client.get(reverse("minside:messages")).content.decode()


def test_company_writes_and_reads_only_its_own_threads(client, world):
    company_login(client, world["company_user"])
    page = client.get(reverse("virk:messages")).content.decode()
    assert "Du får svar inden for 24 timer på hverdage" in page
    assert post_new(client, reverse("virk:message_new"), attachment=upload("kontrakt.pdf")).status_code == 302
    thread = Thread.objects.get()
    assert thread.company == world["company"] and thread.case is None
    assert Document.objects.get().company == world["company"]
    event = Event.objects.get(verb="message_sent")
    assert event.actor == "Birthe Virksomhed, Nordlager ApS (virksomhed)"
    # Another company's user cannot open it: 404 and the attempt is logged.
    client.logout()
    company_login(client, world["other_user"])
    assert client.get(reverse("virk:thread", args=[thread.pk])).status_code == 404
    attachment = thread.messages.get().attachments.get()
    assert client.get(reverse("virk:attachment", args=[attachment.pk])).status_code == 404
    assert AccessLog.objects.filter(action="denied").count() == 2
    assert "Lægeerklæring" not in client.get(reverse("virk:messages")).content.decode()


def test_a_company_cannot_open_a_citizens_thread(client, world):
    thread = thread_start(actor=world["broker"].user, author_kind=AuthorKind.STAFF, case=world["case"],
                          subject="Plan", body="Hej Jens")
    company_login(client, world["company_user"])
    assert client.get(reverse("virk:thread", args=[thread.pk])).status_code == 404
    assert AccessLog.objects.filter(action="denied", citizen_id=world["case"].citizen_id).exists()


def test_menu_shows_beskeder_on_both_portals(client, world):
    citizen_login(client, world["case"].citizen)
    assert reverse("minside:messages") in client.get(reverse("minside:home")).content.decode()
    client.logout()
    company_login(client, world["company_user"])
    assert reverse("virk:messages") in client.get(reverse("virk:home")).content.decode()
