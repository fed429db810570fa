"""Attachments a company sends in Virksomhedsindgang land on the company: its page's Dokumenter tab lists them with
who sent them and the thread, for all staff (company data); another company's document is not found."""

import pytest
from django.urls import reverse

from jobspor.documents.models import Document
from jobspor.messaging.models import AuthorKind
from jobspor.messaging.services import thread_start
from jobspor.testing.factories import EmployeeFactory, make_case, make_company, make_company_user

from .samples import PDF, upload


@pytest.fixture
def world(db):
    anne = EmployeeFactory(name="Anne Holm", roles=["jobformidler"])
    company = make_company(owner=anne, name="Nordlager ApS")
    other = make_company(owner=anne, name="Sydlager ApS")
    birthe = make_company_user(company=company, name="Birthe Lager")
    thread_start(actor=birthe.user, author_kind=AuthorKind.COMPANY, company=company, subject="Timeseddel",
                 body="Her er timesedlen.", attachments=[upload("timeseddel.pdf")])
    return {"anne": anne, "company": company, "other": other, "document": Document.objects.get()}


def test_the_company_page_lists_the_companys_documents(client, world):
    client.force_login(EmployeeFactory(roles=["virksomhedskonsulent"]).user)
    page = client.get(f"{reverse('companies:detail', args=[world['company'].pk])}?fane=dokumenter")
    body = page.content.decode()
    assert page.status_code == 200
    assert "timeseddel.pdf" in body and "Birthe Lager, Nordlager ApS (virksomhed)" in body and "Timeseddel" in body
    assert "Læg et dokument på sagen" not in body and "Opbevaringsfrister" not in body
    response = client.get(reverse("documents:company_download", args=[world["company"].pk, world["document"].pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert client.get(reverse("documents:company_download",
                              args=[world["other"].pk, world["document"].pk])).status_code == 404


def test_a_company_document_is_not_on_any_case(client, world):
    case = make_case(primary=world["anne"])
    client.force_login(world["anne"].user)
    assert client.get(reverse("documents:download", args=[case.pk, world["document"].pk])).status_code == 404
