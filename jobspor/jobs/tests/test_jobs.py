import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobspor.audit.models import AccessLog
from jobspor.jobs.geo import distance_km, haversine_km
from jobspor.jobs.models import JobOpening
from jobspor.jobs.selectors import fill_statistics
from jobspor.jobs.services import job_fill
from jobspor.testing.factories import EmployeeFactory, TeamFactory, make_case, make_company, make_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(consultant):
    return make_company(owner=consultant, name="Nordlager ApS", postal_code="8700")


def test_deadline_before_posted_is_refused_in_danish(company):
    with pytest.raises(ValidationError) as caught:
        make_job(company=company, posted=dt.date(2025, 3, 10), deadline=dt.date(2025, 3, 1))
    assert caught.value.message_dict["deadline"] == ["Fristen kan ikke ligge før jobåbningen er oprettet."]
    assert not JobOpening.objects.exists()


def test_an_opening_posted_in_year_one_gets_a_danish_message_not_a_server_error(company):
    # The API's property test found it: posted 0001-01-01 made "a year before posted" overflow (a 500).
    with pytest.raises(ValidationError) as caught:
        make_job(company=company, posted=dt.date(1, 1, 1), start=dt.date(1, 1, 1), deadline=dt.date(1, 1, 2))
    assert caught.value.message_dict
    make_job(company=company, posted=dt.date(2026, 3, 10), start=dt.date(2025, 3, 10))  # 365 days: saved
    with pytest.raises(ValidationError) as caught:
        make_job(company=company, posted=dt.date(2026, 3, 10), start=dt.date(2025, 3, 9))
    assert "start" in caught.value.message_dict


def test_a_small_job_has_1_to_37_hours(company):
    with pytest.raises(ValidationError) as caught:
        make_job(company=company, kind="smaajob", hours_per_week=40)
    assert "mellem 1 og 37 timer" in caught.value.message_dict["hours_per_week"][0]
    job = make_job(company=company, kind="ordinaer_stilling", hours_per_week=37)
    assert job.consultant == company.owner and job.postal_code_id == "8700"


def test_the_form_refuses_bad_input_and_saves_nothing(client, company, consultant):
    client.force_login(consultant.user)
    url = reverse("jobs:create") + f"?virksomhed={company.pk}"
    data = {"title": "Lagerhjælp", "kind": "smaajob", "hours_per_week": 45, "posted": "2025-03-10",
            "deadline": "2025-03-01", "tasks": "pakke varer\nrengøre lager"}
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Timer pr. uge" in body and ("mellem 1 og 37" in body or "mindre end eller lig med" in body)
    response = client.post(url, data | {"hours_per_week": 8})
    assert response.status_code == 400 and "Fristen kan ikke ligge før" in response.content.decode()
    assert not JobOpening.objects.exists()
    response = client.post(url, data | {"hours_per_week": 8, "deadline": "2025-03-31"})
    assert response.status_code == 302
    assert JobOpening.objects.get().tasks == ["pakke varer", "rengøre lager"]


def test_haversine_distance_between_postal_codes():
    assert haversine_km(55.0, 10.0, 55.0, 10.0) == 0
    assert 35 < distance_km("8700", "8000") < 50  # Horsens – Aarhus


def test_distance_filter_uses_the_postal_codes_coordinates(client, company, consultant):
    far = make_company(owner=consultant, name="København ApS", postal_code="2100")
    make_job(company=company, title="Horsensjob")
    make_job(company=far, title="Københavnerjob")
    client.force_login(consultant.user)
    body = client.get(reverse("jobs:list"), {"near": "8700", "km": "25"}).content.decode()
    assert "Horsensjob" in body and "Københavnerjob" not in body
    body = client.get(reverse("jobs:list"), {"near": "8700", "km": "300"}).content.decode()
    assert "Horsensjob" in body and "Københavnerjob" in body
    response = client.get(reverse("jobs:list"), {"near": "0000", "km": "10"})
    assert "Ukendt postnummer: 0000." in response.content.decode()


def test_job_list_query_count_does_not_grow_with_rows(client, company, consultant):
    client.force_login(consultant.user)
    make_job(company=company)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("jobs:list"), {"kind": "smaajob", "near": "8700", "km": "50"})
    for n in range(15):
        make_job(company=make_company(owner=consultant, name=f"Firma {n}"), title=f"Job {n}")
    with CaptureQueriesContext(connection) as many:
        body = client.get(reverse("jobs:list"), {"kind": "smaajob", "near": "8700", "km": "50"}).content.decode()
    assert "16 jobåbninger" in body
    assert len(many) <= len(few)


def test_fill_rate_and_days_to_fill(company, consultant):
    a = make_job(company=company, posted=dt.date(2025, 3, 1))
    b = make_job(company=company, posted=dt.date(2025, 3, 5), kind="ordinaer_stilling", hours_per_week=37)
    make_job(company=company, posted=dt.date(2025, 4, 1), status="cancelled")
    make_job(company=company, posted=dt.date(2025, 4, 2))  # still open: not counted in the rate
    job_fill(actor=None, job=a, filled_on=dt.date(2025, 3, 11), channel="jobcentret")
    job_fill(actor=None, job=b, filled_on=dt.date(2025, 3, 25), channel="virksomheden")
    consultants, months, total = fill_statistics(since=dt.date(2025, 1, 1), until=dt.date(2025, 12, 31))
    assert (total["openings"], total["small_jobs"], total["filled"], total["open"]) == (4, 3, 2, 1)
    assert total["fill_rate"] == 67  # 2 of the 3 no longer open
    assert (total["days_median"], total["days_mean"]) == (15, 15.0)  # 10 and 20 days
    assert consultants == [{"name": "Kim Konsulent", **total}]
    assert [(m["month"], m["openings"], m["fill_rate"]) for m in months] == [
        (dt.date(2025, 3, 1), 2, 100), (dt.date(2025, 4, 1), 2, 0)]


def test_history_names_the_citizen_only_for_those_who_may_see_the_case(client, company, consultant, job_broker):
    case = make_case(primary=job_broker, name="Jens Hansen")
    job = make_job(company=company, kind="ordinaer_stilling", hours_per_week=15, tasks=["pakke varer"])
    job_fill(actor=job_broker.user, job=job, case=case, filled_on=dt.date(2025, 3, 20), channel="jobcentret")
    url = reverse("companies:detail", args=[company.pk]) + "?fane=historik"

    client.force_login(job_broker.user)  # same team: sees the case
    body = client.get(url).content.decode()
    assert "Jens Hansen" in body and "pakke varer" in body and "15 ordinære timer" in body
    assert AccessLog.objects.filter(user_id=job_broker.user.pk, citizen_id=case.citizen_id,
                                    purpose="Virksomhedens historik").exists()

    outsider = EmployeeFactory(team=TeamFactory(name="Andet team"), roles=["jobformidler"])
    client.force_login(outsider.user)
    body = client.get(url).content.decode()
    assert "Jens Hansen" not in body and "en borger" in body and "pakke varer" in body
    assert not AccessLog.objects.filter(user_id=outsider.user.pk, citizen_id=case.citizen_id).exists()
    body = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Jens Hansen" not in body and "en borger" in body


def test_filling_needs_a_case_the_user_may_see(client, company, consultant):
    job = make_job(company=company)
    away = make_case(primary=EmployeeFactory(team=TeamFactory()), name="Ude Borger")
    client.force_login(consultant.user)
    response = client.post(reverse("jobs:fill", args=[job.pk]),
                           {"case": away.external_id, "channel": "jobcentret", "filled_on": "2025-03-20"})
    assert response.status_code == 400 and "som du har adgang til" in response.content.decode()
    job.refresh_from_db()
    assert job.status == "open"


def test_activity_score_suggests_raising_the_level(consultant):
    from jobspor.companies.selectors import company_activity

    company = make_company(owner=consultant, relation_level="kontakt")
    today = dt.date.today()
    for n in range(2):
        job = make_job(company=company, posted=today - dt.timedelta(days=10 + n))
        if n == 0:
            job_fill(actor=None, job=job, filled_on=today, channel="jobcentret")
    score, suggestion = company_activity(company=company, today=today)
    assert score == 3 and suggestion[0] == "samarbejde"
    partner = make_company(owner=consultant, relation_level="partnerskab", name="Partner")
    assert company_activity(company=partner, today=today)[1][0] == "samarbejde"
