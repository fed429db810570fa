import pytest


@pytest.fixture(autouse=True)
def documents_dir(settings, tmp_path):
    settings.JOBSPOR_DOCUMENTS_DIR = tmp_path / "documents"
    return settings.JOBSPOR_DOCUMENTS_DIR
