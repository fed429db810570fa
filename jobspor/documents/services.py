"""Keeping a document: check it, write the file outside the web root, record the row and an event."""

from django.db import transaction

from jobspor.audit.services import event_record

from .files import check_upload, store
from .models import Document, DocumentVerb


@transaction.atomic
def document_store(*, actor, uploaded, source, case=None, company=None) -> Document:
    """Raises ValidationError (Danish) for a file that is empty, too large or not what its name says; then nothing
    is written. A file written whose row is then rolled back stays as an unreferenced file (nothing is lost)."""
    checked = check_upload(uploaded)
    storage_name, sha256 = store(uploaded)
    document = Document.objects.create(case=case, company=company, name=checked.name,
                                       content_type=checked.content_type, size=checked.size, sha256=sha256,
                                       storage_name=storage_name, source=source, uploaded_by=actor)
    event_record(actor=actor, verb=DocumentVerb.STORED, target=document,
                 citizen_id=case.citizen_id if case else None, case_id=case.pk if case else None,
                 after={"name": checked.name, "type": checked.content_type, "size": checked.size, "source": source})
    return document
