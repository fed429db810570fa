"""Uploads are accepted by what their content is, within the size limit, and kept outside the web root."""

import stat

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from jobspor.documents.files import check_upload, path_of
from jobspor.documents.models import Document, DocumentSource
from jobspor.documents.services import document_store
from jobspor.testing.factories import EmployeeFactory, make_case

from .samples import EXE, JPEG, PDF, PNG, docx, upload


@pytest.mark.parametrize(("name", "content", "mime"), [
    ("note.pdf", PDF, "application/pdf"), ("foto.PNG", PNG, "image/png"), ("scan.jpg", JPEG, "image/jpeg"),
    ("scan.jpeg", JPEG, "image/jpeg"),
    ("brev.docx", docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document")])
def test_allowed_types_are_recognised_by_content(name, content, mime):
    assert check_upload(upload(name, content, "application/octet-stream")).content_type == mime


@pytest.mark.parametrize(("name", "content", "says"), [
    ("laegeerklaering.pdf", EXE, "ikke en af de filtyper"),  # a program renamed to .pdf
    ("laegeerklaering.pdf", PNG, "ikke det, navnet siger"),  # a picture called .pdf
    ("billede.png", PDF, "ikke det, navnet siger"),
    ("noter.txt", b"just some text", "ikke en af de filtyper"),
    ("arkiv.docx", b"PK\x03\x04" + b"\x00" * 40, "ikke en af de filtyper"),  # a zip that is not Word
])
def test_content_that_is_not_what_the_name_says_is_refused(name, content, says):
    with pytest.raises(ValidationError) as exc:
        check_upload(upload(name, content, "application/pdf"))
    assert says in exc.value.messages[0]


def test_too_large_and_empty_files_are_refused(settings):
    settings.JOBSPOR_DOCUMENT_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="højst fylde 0 MB|højst fylde"):
        check_upload(upload("stor.pdf", PDF + b"0" * 2048))
    with pytest.raises(ValidationError, match="tom"):
        check_upload(upload("tom.pdf", b""))


def test_default_limit_is_ten_megabytes():
    assert settings.JOBSPOR_DOCUMENT_MAX_BYTES == 10 * 1024 * 1024


def test_stored_outside_the_web_root_under_a_random_name(db, documents_dir):
    case = make_case(primary=EmployeeFactory())
    document = document_store(actor=case.staff.first().employee.user, uploaded=upload("Mit navn.pdf"),
                              source=DocumentSource.MESSAGE, case=case)
    path = path_of(document)
    assert path.parent == documents_dir
    assert path.read_bytes() == PDF
    assert "Mit navn" not in path.name and len(path.name) == 40
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert settings.STATIC_ROOT not in path.parents
    assert document.name == "Mit navn.pdf" and document.content_type == "application/pdf"
    assert len(document.sha256) == 64
    with pytest.raises(Exception, match="slettes ikke"):
        document.delete()
    assert Document.objects.count() == 1
