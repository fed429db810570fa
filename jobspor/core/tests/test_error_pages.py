"""Error pages are Danish pages with the right status codes; the favicon answers."""

import pytest
from django.contrib.auth.decorators import login_not_required
from django.test import Client, override_settings
from django.urls import path, reverse

from config.urls import urlpatterns as project_urls
from jobspor.testing.factories import PASSWORD, make_case


@login_not_required
def _boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("test-fejl/", _boom), *project_urls]
handler500 = "jobspor.core.views.server_error"


@pytest.fixture
def logged_in(client, job_broker):
    client.post(reverse("accounts:login"), {"username": "anne", "password": PASSWORD})
    return client


@pytest.mark.django_db
def test_404_is_danish(logged_in):
    response = logged_in.get("/findes-ikke/")
    assert response.status_code == 404
    assert "Siden findes ikke" in response.content.decode()


@pytest.mark.django_db
def test_403_is_danish(logged_in, other_team):
    from jobspor.testing.factories import EmployeeFactory
    stranger = EmployeeFactory(name="Dorte Ek", team=other_team, roles=["jobformidler"])
    case = make_case(primary=stranger)
    response = logged_in.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 403
    assert "Ingen adgang" in response.content.decode()


@pytest.mark.django_db
def test_405_is_a_danish_page_that_keeps_the_allow_header(logged_in):
    response = logged_in.get(reverse("accounts:logout"))
    assert response.status_code == 405
    assert "Handlingen er ikke mulig her" in response.content.decode()
    assert "POST" in response["Allow"]
    assert '<html lang="da">' in response.content.decode()


@pytest.mark.django_db
def test_405_to_htmx_stays_bare(logged_in):
    response = logged_in.get(reverse("accounts:logout"), HTTP_HX_REQUEST="true")
    assert response.status_code == 405 and response.content == b""


@pytest.mark.django_db
def test_csrf_failure_is_danish(job_broker):
    response = Client(enforce_csrf_checks=True).post(reverse("accounts:login"), {"username": "anne"})
    assert response.status_code == 403
    assert "Formularen kunne ikke sendes" in response.content.decode()


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_500_is_danish():
    client = Client(raise_request_exception=False)
    response = client.get("/test-fejl/")
    assert response.status_code == 500
    assert "Der opstod en fejl" in response.content.decode()
    assert "Traceback" not in response.content.decode()


@pytest.mark.django_db
def test_favicon(client, logged_in):
    response = Client().get("/favicon.ico")  # not logged in: browsers ask before anything else
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert 'rel="icon"' in logged_in.get(reverse("cases:list")).content.decode()
