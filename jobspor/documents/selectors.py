"""Reading documents: a case's documents whatever their source, with who brought each, in a fixed number of
queries. The caller has checked access and written the access log."""

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Document, DocumentSource

_RELATED = ["uploaded_by__employee", "uploaded_by__citizen_user__citizen", "uploaded_by__company_user__company",
            "message_attachment__message__thread"]


def who_label(document) -> str:
    """Who brought the document, as the case page says it (no queries with _RELATED selected)."""
    user = document.uploaded_by
    employee = getattr(user, "employee", None)
    if employee is not None:
        return employee.name
    citizen_link = getattr(user, "citizen_user", None)
    if citizen_link is not None:
        return _("%(name)s (borgeren selv)") % {"name": citizen_link.citizen.name}
    company_link = getattr(user, "company_user", None)
    if company_link is not None:
        return _("%(name)s, %(company)s (virksomhed)") % {"name": company_link.name,
                                                          "company": company_link.company.name}
    return user.get_username()


def _decorate(documents, *, case=None, company=None):
    for document in documents:
        document.who = who_label(document)
        document.url = (reverse("documents:download", args=[case.pk, document.pk]) if case else
                        reverse("documents:company_download", args=[company.pk, document.pk]))
        document.thread = None
        if document.source == DocumentSource.MESSAGE:
            attachment = getattr(document, "message_attachment", None)
            if attachment is not None:
                document.thread = attachment.message.thread
                document.thread_url = (
                    reverse("messaging:case_thread", args=[case.pk, document.thread.pk]) if case else
                    reverse("messaging:company_thread", args=[company.pk, document.thread.pk]))
    return documents


def case_documents(case, *, limit=None) -> list[Document]:
    """Every document of the case, newest first: uploaded on the case and attached to messages."""
    documents = Document.objects.filter(case=case).select_related(*_RELATED).order_by("-uploaded_at", "-id")
    if limit:
        documents = documents[:limit]
    return _decorate(list(documents), case=case)


def latest_documents(case, n=3) -> list[Document]:
    return case_documents(case, limit=n)



def company_documents(company) -> list[Document]:
    """A company's own documents (attachments to its messages in Virksomhedsindgang and ours), newest first."""
    documents = Document.objects.filter(company=company).select_related(*_RELATED).order_by("-uploaded_at", "-id")
    return _decorate(list(documents), company=company)
