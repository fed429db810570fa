"""Reads of signable documents, for a case the caller has already checked and logged."""

from .choices import DocumentKind
from .models import SignableDocument


def document_on_case(*, case, pk) -> SignableDocument | None:
    return (SignableDocument.objects.select_related("case__citizen", "signature", "created_by__employee")
            .filter(case=case, pk=pk).first())


def documents_by_kind(*, case) -> list[dict]:
    """Every version of every kind, newest first, each marked signed / waiting / replaced."""
    docs = list(SignableDocument.objects.filter(case=case).select_related("signature", "created_by__employee")
                .order_by("kind", "-version"))
    groups = []
    for kind, label in DocumentKind.choices:
        versions = [d for d in docs if d.kind == kind]
        for i, d in enumerate(versions):
            d.is_latest = i == 0
            d.signed = getattr(d, "signature", None)
        groups.append({"kind": kind, "label": label, "versions": versions})
    return groups


def plan_versions(*, case) -> list[SignableDocument]:
    docs = list(SignableDocument.objects.filter(case=case, kind=DocumentKind.PLAN).select_related("signature")
                .order_by("-version"))
    for i, d in enumerate(docs):
        d.is_latest = i == 0
        d.signed = getattr(d, "signature", None)
    return docs
