"""Demo letters for `jobspor demo`: on a few open cases a sent letter, one that failed (Digital Post could not be
reached; "Prøv igen" sends it to the outbox in `make run`) and a draft. No PDF is rendered: the sent ones share one
tiny PDF made here by hand, so the demo stays fast."""

import datetime as dt
import uuid

from django.core.files.base import ContentFile
from django.utils import timezone

from jobspor.cases.models import Case
from jobspor.documents.files import store

from .choices import Channel, LetterKind, LetterStatus
from .models import Letter
from .texts import closing, greeting, sender_for

DEMO_REASON = ("Digital Post kunne ikke nås (Serviceplatformen svarer ikke). Brevet venter i udbakken og prøves igen.")


def _tiny_pdf(text: str) -> bytes:
    """A one-page PDF with one line of text (Helvetica, no fonts embedded), its cross-reference table computed."""
    stream = f"BT /F1 14 Tf 72 770 Td ({text}) Tj ET".encode("latin-1")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def demo_extend(*, rng, today, fake, say):
    cases = list(Case.objects.filter(closed__isnull=True, staff__is_primary=True)
                 .select_related("citizen", "team__department__jobcentre").order_by("id")[:6])
    if not cases:
        return [(0, "brev", "breve")]
    storage_name, sha256 = store(ContentFile(_tiny_pdf("Demobrev fra Jobspor - se brevteksten i Jobspor.")))
    now = timezone.now()
    letters = []
    for number, case in enumerate(cases):
        sender = sender_for(case)
        body = "\n".join([greeting(case), "", "Husk at tage dit CV og dine papirer fra lægen med til vores næste "
                          "samtale.", "", closing(sender)])
        status = [LetterStatus.SENT, LetterStatus.SENT, LetterStatus.FAILED, LetterStatus.SENT,
                  LetterStatus.DRAFT, LetterStatus.SENT][number]
        queued = now - dt.timedelta(days=number + 1, hours=rng.randint(0, 6))
        letter = Letter(case=case, kind=LetterKind.FREE, subject="Husk dit CV til samtalen", body=body,
                        status=status)
        if status != LetterStatus.DRAFT:
            letter.channel, letter.recipient_name = Channel.DIGITAL, case.citizen.name
            letter.pdf_storage_name, letter.pdf_sha256 = storage_name, sha256
            letter.memo_uuid, letter.queued_at, letter.attempts = uuid.uuid4(), queued, 1
            letter.last_attempt_at = queued
            letter.transport = "outbox"
        if status == LetterStatus.SENT:
            letter.sent_at, letter.message_id = queued, str(letter.memo_uuid)
        if status == LetterStatus.FAILED:
            letter.transport, letter.last_error = "digital_post", DEMO_REASON
            letter.next_attempt_at = queued + dt.timedelta(minutes=1)
        letters.append(letter)
    Letter.objects.bulk_create(letters)
    return [(len(letters), "brev", "breve")]
