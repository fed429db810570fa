"""Documents on the case: staff file a document with a type and title; the Dokumenter tab lists every document
of the case whatever its source (staff, the citizen's message on Min side) with type, source, who and when;
downloads are access-checked and logged; a file that is not what its name says, or too large, is refused in Danish
and nothing is stored; the case's front page shows the latest three."""


import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobspor.audit.models import AccessLog, Event
from jobspor.documents.models import Document, DocumentKind, DocumentSource
from jobspor.documents.services import document_store
from jobspor.messaging.models import AuthorKind
from jobspor.messaging.services import thread_start
from jobspor.testing.factories import EmployeeFactory, TeamFactory, citizen_login, make_case

from .samples import EXE, PDF, PNG, upload


@pytest.fixture
def world(db):
    team = TeamFactory(name="Team Nord")
    anne = EmployeeFactory(name="Anne Holm", team=team, roles=["jobformidler"])
    case = make_case(primary=anne, name="Jens Hansen")
    other = make_case(primary=EmployeeFactory(team=TeamFactory(name="Ude")), name="Ude Borger")
    return {"anne": anne, "case": case, "other": other}


def tab_url(case):
    return f"{reverse('cases:detail', args=[case.pk])}?fane=dokumenter"


def post_upload(client, case, *, name="laegeerklaering.pdf", content=PDF, kind="helbred", title="Lægeerklæring"):
    return client.post(reverse("documents:upload", args=[case.pk]),
                       {"kind": kind, "title": title, "file": upload(name, content)})


def test_staff_file_a_document_on_the_case(client, world, documents_dir):
    client.force_login(world["anne"].user)
    response = post_upload(client, world["case"])
    assert response.status_code == 302 and response["Location"] == tab_url(world["case"])
    document = Document.objects.get()
    assert (document.case, document.source, document.kind, document.title) == (
        world["case"], DocumentSource.UPLOAD, DocumentKind.HEALTH, "Lægeerklæring")
    assert (documents_dir / document.storage_name).read_bytes() == PDF
    event = Event.objects.get(verb="document_stored")
    assert event.case_id == world["case"].pk and event.after["kind"] == "helbred"
    page = client.get(tab_url(world["case"])).content.decode()
    assert "«Lægeerklæring» er gemt på sagen." in page
    row = page[page.index('id="documents"'):]
    assert "Lægeerklæring" in row and "laegeerklaering.pdf" in row
    assert "Lægeerklæring eller helbredsoplysninger" in row and "Lagt på sagen" in row and "Anne Holm" in row


@pytest.mark.parametrize(("name", "content", "says"), [
    ("laegeerklaering.pdf", EXE, "ikke en af de filtyper"),  # a program renamed to .pdf
    ("laegeerklaering.pdf", PNG, "ikke det, navnet siger"),  # a picture called .pdf
])
def test_a_file_that_is_not_what_its_name_says_is_refused_and_nothing_stored(client, world, documents_dir, name,
                                                                              content, says):
    client.force_login(world["anne"].user)
    response = post_upload(client, world["case"], name=name, content=content)
    assert response.status_code == 400
    assert says in response.content.decode()
    assert "Der er fejl i formularen" in response.content.decode() or "Ret de markerede felter" in \
        response.content.decode()
    assert not Document.objects.exists() and not Event.objects.filter(verb="document_stored").exists()
    assert not documents_dir.exists() or not any(documents_dir.iterdir())


def test_a_file_too_large_is_refused_and_nothing_stored(client, world, documents_dir, settings):
    settings.JOBSPOR_DOCUMENT_MAX_BYTES = 1024 * 1024
    client.force_login(world["anne"].user)
    response = post_upload(client, world["case"], content=PDF + b"0" * (1024 * 1024))
    assert response.status_code == 400
    assert "Den må højst fylde 1 MB" in response.content.decode()
    assert not Document.objects.exists()
    assert not documents_dir.exists() or not any(documents_dir.iterdir())


def test_a_type_must_be_chosen(client, world):
    client.force_login(world["anne"].user)
    response = post_upload(client, world["case"], kind="")
    assert response.status_code == 400 and "Vælg en dokumenttype." in response.content.decode()
    assert not Document.objects.exists()


def test_allowed_types_follow_the_setting(client, world, settings):
    settings.JOBSPOR_DOCUMENT_TYPES = ["pdf"]
    client.force_login(world["anne"].user)
    response = post_upload(client, world["case"], name="foto.png", content=PNG, kind="borger")
    assert response.status_code == 400 and "(PDF)" in response.content.decode()
    assert post_upload(client, world["case"]).status_code == 302


def test_the_list_shows_every_source_with_who(client, world):
    case = world["case"]
    citizen_user = citizen_login(client, case.citizen)
    thread_start(actor=citizen_user, author_kind=AuthorKind.CITIZEN, case=case, subject="Min attest",
                 body="Her er den.", attachments=[upload("attest.pdf")])
    document_store(actor=world["anne"].user, uploaded=upload("blanket.pdf"), source=DocumentSource.UPLOAD,
                   case=case, kind=DocumentKind.SIGNED_FORM)
    client.force_login(world["anne"].user)
    page = client.get(tab_url(case)).content.decode()
    rows = page[page.index('id="documents"'):]
    assert "attest.pdf" in rows and "Jens Hansen (borgeren selv)" in rows
    assert "Vedhæftet beskeden" in rows and "Min attest" in rows and "Bilag til en besked" in rows
    assert "blanket.pdf" in rows and "Underskrevet blanket" in rows and "Anne Holm" in rows
    assert "Dokumenter (2)" in page  # the tab's badge


def test_the_list_costs_the_same_queries_for_one_or_many_documents(client, world):
    case = world["case"]
    client.force_login(world["anne"].user)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(tab_url(case)).status_code == 200
        return len(captured)

    citizen_user = citizen_login(client, case.citizen)
    thread_start(actor=citizen_user, author_kind=AuthorKind.CITIZEN, case=case, subject="Papir",
                 body="Se her.", attachments=[upload("a.pdf")])
    client.force_login(world["anne"].user)
    document_store(actor=world["anne"].user, uploaded=upload(), source=DocumentSource.UPLOAD, case=case)
    one = queries()
    for n in range(6):
        document_store(actor=world["anne"].user, uploaded=upload(f"x{n}.pdf"), source=DocumentSource.UPLOAD,
                       case=case)
        thread_start(actor=citizen_user, author_kind=AuthorKind.CITIZEN, case=case, subject=f"Papir {n}",
                     body="Se her.", attachments=[upload(f"b{n}.pdf")])
    assert queries() == one


def test_download_is_logged_and_scoped(client, world):
    document = document_store(actor=world["anne"].user, uploaded=upload(), source=DocumentSource.UPLOAD,
                              case=world["case"])
    client.force_login(world["anne"].user)
    response = client.get(document_url := reverse("documents:download", args=[world["case"].pk, document.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    entry = AccessLog.objects.filter(user_id=world["anne"].user.pk, path=document_url).get()
    assert entry.action == "view" and entry.citizen_id == world["case"].citizen_id
    assert entry.subject == "documents:download"
    # The document asked for through another case the user may see is not found.
    mine_too = make_case(primary=world["anne"], name="Ida Andersen")
    assert client.get(reverse("documents:download", args=[mine_too.pk, document.pk])).status_code == 404


def test_out_of_scope_and_mentors_are_refused_and_logged(client, world):
    document = document_store(actor=world["anne"].user, uploaded=upload(), source=DocumentSource.UPLOAD,
                              case=world["case"])
    stranger = EmployeeFactory(team=TeamFactory(name="Syd"), roles=["jobformidler"])
    client.force_login(stranger.user)
    assert client.get(reverse("documents:download", args=[world["case"].pk, document.pk])).status_code == 403
    assert post_upload(client, world["case"]).status_code == 403
    assert AccessLog.objects.filter(user_id=stranger.user.pk, action="denied").count() == 2
    mentor = EmployeeFactory(team=world["anne"].team, roles=["mentor"])
    from jobspor.cases.services import case_staff_add

    case_staff_add(actor=None, case=world["case"], employee=mentor, role="mentor")
    client.force_login(mentor.user)
    assert client.get(reverse("documents:download", args=[world["case"].pk, document.pk])).status_code == 403
    assert client.get(tab_url(world["case"])).status_code == 403
    assert "?fane=dokumenter" not in client.get(reverse("cases:detail", args=[world["case"].pk])).content.decode()
    assert Document.objects.count() == 1


def test_a_leader_may_read_but_the_upload_form_is_for_those_who_change_the_case(client, world):
    leader = EmployeeFactory(team=world["anne"].team, roles=["leder"])
    client.force_login(leader.user)
    page = client.get(tab_url(world["case"])).content.decode()
    assert "Ingen dokumenter på sagen endnu." in page
    client.force_login(world["anne"].user)
    assert "Læg et dokument på sagen" in client.get(tab_url(world["case"])).content.decode()


def test_the_front_page_shows_the_latest_three_with_links(client, world):
    case = world["case"]
    for n in range(4):
        document = document_store(actor=world["anne"].user, uploaded=upload(f"fil{n}.pdf"),
                                  source=DocumentSource.UPLOAD, case=case, title=f"Dokument {n}")
    client.force_login(world["anne"].user)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    front = page[page.index('id="standing-documents"'):]
    front = front[:front.index("</dd>")]
    newest = Document.objects.order_by("-uploaded_at", "-id")[:3]
    for document in newest:
        assert f'href="{reverse("documents:download", args=[case.pk, document.pk])}"' in front
        assert str(document) in front
    assert "Dokument 0" not in front
    assert "Alle dokumenter" in front


def test_the_front_page_without_documents(client, world):
    client.force_login(world["anne"].user)
    page = client.get(reverse("cases:detail", args=[world["case"].pk])).content.decode()
    assert "Ingen dokumenter endnu" in page
