"""Keeping a document: check it, write the file outside the web root, record the row and an event. Erasing a
document's file content after its retention period (the row stays, marked)."""

import datetime as dt
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobspor.audit.services import actor_label, event_record

from .files import check_upload, path_of, store
from .models import Document, DocumentKind, DocumentSource, DocumentVerb
from .retention import retention_end

log = logging.getLogger(__name__)
TITLE_MAX = 200


@transaction.atomic
def document_store(*, actor, uploaded, source, case=None, company=None, kind=None, title="", at=None) -> Document:
    """Raises ValidationError (Danish) for a file that is empty, too large or not what its name says; then nothing
    is written. A file written whose row is then rolled back stays as an unreferenced file (nothing is lost).
    A message attachment is of the type "Bilag til en besked" unless a type is given."""
    if kind is None:
        kind = DocumentKind.CORRESPONDENCE if source == DocumentSource.MESSAGE else DocumentKind.OTHER
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Vælg en dokumenttype.")})
    title = (title or "").strip()
    if len(title) > TITLE_MAX:
        raise ValidationError({"title": _("Titlen må højst være %(n)s tegn.") % {"n": TITLE_MAX}})
    checked = check_upload(uploaded)
    storage_name, sha256 = store(uploaded)
    document = Document.objects.create(case=case, company=company, name=checked.name,
                                       content_type=checked.content_type, size=checked.size, sha256=sha256,
                                       storage_name=storage_name, source=source, kind=kind, title=title,
                                       uploaded_by=actor, uploaded_at=at or timezone.now())
    event_record(actor=actor, verb=DocumentVerb.STORED, target=document,
                 citizen_id=case.citizen_id if case else None, case_id=case.pk if case else None,
                 after={"name": checked.name, "type": checked.content_type, "size": checked.size, "source": source,
                        "kind": kind, "title": title})
    return document


@dataclass
class Due:
    document: Document
    retention_end: dt.date


def documents_due(*, today: dt.date) -> list[Due]:
    """Documents on closed cases whose retention period ended before `today`, not yet erased (oldest first)."""
    candidates = (Document.objects.filter(case__closed__isnull=False, erased_at__isnull=True)
                  .select_related("case").order_by("case__closed", "id"))
    due = []
    for document in candidates.iterator(chunk_size=2000):
        end = retention_end(document.kind, document.case.closed)
        if end < today:
            due.append(Due(document, end))
    return due


def document_erase(*, actor, document: Document, end: dt.date, now=None) -> Document:
    """Erase the file content of one document past its retention period; the row stays, marked with who, when
    and the end of the period, and an event is recorded. The file goes once the row is saved (a file left by a
    crash in between is removed by the next run: files_left_behind)."""
    now = now or timezone.now()
    who = actor_label(actor)
    with transaction.atomic():
        updated = Document.objects.filter(pk=document.pk, erased_at__isnull=True).update(
            erased_at=now, erased_by=who[:200], retention_end=end)
        if not updated:
            return Document.objects.get(pk=document.pk)  # erased by a run at the same time
        event_record(actor=actor, verb=DocumentVerb.ERASED, target=document,
                     citizen_id=document.case.citizen_id if document.case_id else None, case_id=document.case_id,
                     before={"name": document.name, "kind": document.kind, "sha256": document.sha256},
                     after={"retention_end": end.isoformat(), "erased_by": who})
    path_of(document).unlink(missing_ok=True)
    document.erased_at, document.erased_by, document.retention_end = now, who[:200], end
    return document


def files_left_behind() -> int:
    """Remove the files of documents marked erased whose file is still there (a run stopped half-way)."""
    removed = 0
    for document in Document.objects.filter(erased_at__isnull=False).only("storage_name").iterator():
        path = path_of(document)
        if path.exists():
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def retention_run(*, actor, today: dt.date, apply: bool) -> list[Due]:
    """What is due (dry run) or, with `apply`, erase it. Returns the documents due."""
    due = documents_due(today=today)
    if apply:
        for item in due:
            document_erase(actor=actor, document=item.document, end=item.retention_end)
        left = files_left_behind()
        if left:
            log.warning("Removed %d files of documents already marked erased", left)
    return due
