"""SQLite: a writer waits for another's commit (busy timeout, IMMEDIATE transactions) rather than failing; if the
database still stays locked, the user gets a Danish page saying nothing was saved — never the raw error."""

import pytest
from django.conf import settings
from django.db import OperationalError
from django.urls import reverse

from config.settings import base


def test_sqlite_waits_for_writers_instead_of_failing():
    database = settings.DATABASES["default"]
    if "sqlite" not in database["ENGINE"]:  # the tests run on PostgreSQL: the SQLite branch of the settings
        source = open(base.__file__, encoding="utf-8").read()
        assert '"transaction_mode": "IMMEDIATE"' in source and '"timeout": 30' in source
        return
    options = database["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] >= 20
    assert "journal_mode=WAL" in options["init_command"]


@pytest.mark.django_db
def test_a_locked_database_is_a_danish_page(client, job_broker, monkeypatch):
    from jobspor.cases import selectors

    def locked(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(selectors, "case_list_page", locked)
    client.force_login(job_broker.user)
    response = client.get(reverse("cases:list"))
    body = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "Systemet er optaget lige nu" in body and "intet er gemt" in body and "locked" not in body
    assert settings.DEBUG is False
