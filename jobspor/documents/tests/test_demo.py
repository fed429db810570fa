import filetype
import pytest

from jobspor.demo.generator import demo_load
from jobspor.documents.files import path_of
from jobspor.documents.models import Document


@pytest.mark.django_db
def test_the_demo_files_a_few_real_pdfs_on_the_demo_cases():
    result = demo_load(cases=120, seed=3)
    documents = list(Document.objects.select_related("case"))
    assert 4 <= len(documents) <= 30 and (len(documents), "dokument", "dokumenter") in result.extra
    assert Document.objects.filter(case__staff__employee__user__username="jobformidler").exists()
    for document in documents:
        content = path_of(document).read_bytes()
        assert filetype.guess(content).mime == "application/pdf" and content.endswith(b"%%EOF\n")
        assert document.case.closed is None and document.title
