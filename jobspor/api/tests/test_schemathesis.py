"""Schemathesis drives every operation of the served OpenAPI description through Django's WSGI application (with a
system's token and a purpose), 100 generated cases each, derandomized: no server error, and every answer as the
schema says (status code, content type, body)."""

import os
import time
from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from jobspor.api.scopes import Scope
from jobspor.api.services import system_create
from jobspor.testing.factories import make_job

from .conftest import bearer

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = int(os.environ.get("JOBSPOR_API_EXAMPLES", "100"))
TIMINGS: dict[str, float] = {}


@pytest.fixture
def api_headers(team, case, placement, opening, company):
    """A system on Team Nord with every scope, and a little of everything for it to find."""
    make_job(company=company, title="Rengøring", kind="ordinaer_stilling", hours_per_week=20)
    system, secret = system_create(actor=None, name="Schemathesis", scopes=Scope.values, team=team)
    # The WSGI handler would close the test's connection after each request (and with it the test transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield {"Authorization": bearer(system, secret)["HTTP_AUTHORIZATION"], "X-Jobspor-Purpose": "Test af API'et"}
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# The committed description (test_openapi_file.py proves it is the one served), called through the WSGI
# application. Generating it here instead cost every test worker ≈ 2 s of CPU while collecting.
schema = schemathesis.openapi.from_path(Path(__file__).resolve().parents[3] / "docs" / "openapi.yaml")
schema.app = get_wsgi_application()


@schema.parametrize()
@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
@pytest.mark.django_db
def test_every_operation_answers_as_documented(case, api_headers):
    started = time.monotonic()
    case.call_and_validate(headers=api_headers, checks=CHECKS)
    TIMINGS[case.operation.label] = TIMINGS.get(case.operation.label, 0) + time.monotonic() - started
