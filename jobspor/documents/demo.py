"""Demo documents for `jobspor demo`: a few tiny one-page PDFs on the cases of the demo-login citizens and of the
demo jobformidler, so the Dokumenter tab and the case's front page have something to show. Few and small on
purpose (files are written to JOBSPOR_DOCUMENTS_DIR; the demo must stay fast)."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jobspor.cases.models import Case, CaseStaff
from jobspor.citizen_portal.services import current_case
from jobspor.citizen_portal.views import demo_citizens

from .models import DocumentKind, DocumentSource
from .services import document_store

DOCUMENTS = [
    (DocumentKind.HEALTH, "Lægeerklæring fra egen læge", "laegeerklaering.pdf", "Laegeerklaering (demo)"),
    (DocumentKind.SIGNED_FORM, "Underskrevet samtykkeerklæring", "samtykke.pdf", "Samtykkeerklaering (demo)"),
    (DocumentKind.CERTIFICATE, "Truckcertifikat", "truckcertifikat.pdf", "Truckcertifikat (demo)"),
    (DocumentKind.FROM_CITIZEN, "Lønsedler fra tidligere job", "loensedler.pdf", "Loensedler (demo)"),
]
PER_CASE = 2
JOBFORMIDLER_CASES = 4


def pdf_bytes(text: str) -> bytes:
    """A valid one-page PDF saying `text` (ASCII), built by hand: the demo needs no PDF library."""
    stream = f"BT /F1 18 Tf 72 760 Td ({text}) Tj ET".encode("ascii")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
               b"/Contents 5 0 R >>", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def demo_extend(*, rng, today, fake, say):
    case_ids = [case.pk for citizen in demo_citizens() if (case := current_case(citizen)) is not None]
    case_ids += list(CaseStaff.objects.filter(employee__user__username="jobformidler", is_primary=True,
                                              case__closed__isnull=True)
                     .order_by("case_id").values_list("case_id", flat=True)[:JOBFORMIDLER_CASES])
    now = timezone.now()
    made = 0
    for case in Case.objects.filter(pk__in=set(case_ids)).order_by("pk"):
        link = CaseStaff.objects.filter(case=case, is_primary=True).select_related("employee__user").first()
        if link is None or link.employee.user is None:
            continue
        for kind, title, name, text in rng.sample(DOCUMENTS, PER_CASE):
            document_store(actor=link.employee.user, source=DocumentSource.UPLOAD, case=case, kind=kind,
                           title=title, uploaded=SimpleUploadedFile(name, pdf_bytes(text)),
                           at=now - dt.timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 8)))
            made += 1
    return [(made, "dokument", "dokumenter")]
