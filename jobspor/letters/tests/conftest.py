import datetime as dt

import pytest

from jobspor.testing.factories import make_case


@pytest.fixture(autouse=True)
def letter_dirs(settings, tmp_path):
    """PDFs kept and the outbox, both in the test's own folder."""
    settings.JOBSPOR_DOCUMENTS_DIR = tmp_path / "documents"
    settings.JOBSPOR_LETTER_OUTBOX_DIR = tmp_path / "outbox"
    settings.JOBSPOR_LETTER_TRANSPORT = "outbox"
    return tmp_path


@pytest.fixture
def outbox(letter_dirs):
    return letter_dirs / "outbox"


@pytest.fixture
def case(job_broker):
    return make_case(primary=job_broker, name="Jens Hansen", opened=dt.date(2025, 1, 10))
