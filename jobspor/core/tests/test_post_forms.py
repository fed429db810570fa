"""Reloading a form's URL after a failed save shows the form (via the page that holds it), not a blank 405."""

import pytest
from django.urls import reverse

from jobspor.testing.factories import make_case, make_company, make_job


@pytest.fixture
def logged_in(client, job_broker):
    client.force_login(job_broker.user)
    return client


def test_a_failed_save_then_a_reload_shows_the_form(logged_in, job_broker):
    case = make_case(primary=job_broker)
    url = reverse("cases:staff_add", args=[case.pk])
    failed = logged_in.post(url, {"employee": "", "role": "mentor"})
    assert failed.status_code == 400
    reloaded = logged_in.get(url, follow=True)
    assert reloaded.status_code == 200
    assert reloaded.redirect_chain[-1][0] == reverse("cases:detail", args=[case.pk]) + "?fane=medarbejdere"
    assert 'name="employee"' in reloaded.content.decode()


@pytest.mark.parametrize("name, tab", [
    ("contacts:create", "kontakter"), ("contacts:action_create", "kontakter"), ("efforts:create", "indsatser"),
    ("efforts:rehab_create", "indsatser"), ("efforts:notification_create", "indsatser"), ("cv:item_add", "cv"),
    ("cv:experience_add", "cv"), ("cv:goal_add", "cv"), ("cv:language_add", "cv"), ("cv:details", "cv"),
    ("cv:statement_add", "cv"), ("messaging:case_thread_new", "beskeder"),
])
def test_case_form_urls_lead_to_their_tab(logged_in, job_broker, name, tab):
    case = make_case(primary=job_broker)
    response = logged_in.get(reverse(name, args=[case.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[case.pk]) + f"?fane={tab}"
    assert logged_in.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("name, tab", [("companies:contact_add", "kontakter"),
                                       ("companies:workplace_add", "kontakter"),
                                       ("companies:agreement_add", "aftaler"),
                                       ("messaging:company_thread_new", "beskeder")])
def test_company_form_urls_lead_to_their_tab(logged_in, name, tab):
    company = make_company()
    response = logged_in.get(reverse(name, args=[company.pk]), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("companies:detail", args=[company.pk]) + f"?fane={tab}"


def test_shortlist_form_urls_lead_to_the_candidates(logged_in):
    job = make_job(company=make_company())
    for name in ("matching:shortlist_send", "matching:places"):
        response = logged_in.get(reverse(name, args=[job.pk]))
        assert (response.status_code, response["Location"]) == \
            (302, reverse("matching:job_candidates", args=[job.pk]))
    assert logged_in.get(reverse("matching:shortlist_outcome", args=[999999])).status_code == 404


def test_other_methods_are_still_refused(logged_in, job_broker):
    case = make_case(primary=job_broker)
    assert logged_in.put(reverse("cases:staff_add", args=[case.pk])).status_code == 405
