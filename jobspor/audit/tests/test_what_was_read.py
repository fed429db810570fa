"""Access and logging (issue 10, point 6): the access log says what was read, pages and files with citizen data
are not cached, a refused tab says why, a mentor cannot reveal a full CPR number."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from jobspor.audit.models import AccessLog
from jobspor.cases.services import case_staff_add
from jobspor.placements.tests import matrix as placement_matrix
from jobspor.testing.factories import EmployeeFactory, make_case, make_cv

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(job_broker):
    case = make_case(primary=job_broker, name="Lise Læst")
    make_cv(case=case, tasks=["pakke varer"])
    return case


@pytest.fixture
def mentor(team, case):
    mentor = EmployeeFactory(team=team, roles=["mentor"])
    case_staff_add(actor=None, case=case, employee=mentor, role="mentor")
    return mentor


def _last(user):
    return AccessLog.objects.filter(user_id=user.pk).latest("id")


@pytest.mark.parametrize("fane, subject", [
    ("", "fane:overblik"), ("kontakter", "fane:kontakter"), ("vurderinger", "fane:vurderinger"),
    ("plan", "fane:plan"), ("cv", "fane:cv"), ("historik", "fane:historik"), ("ukendt", "fane:overblik")])
def test_the_access_log_names_the_tab_read(client, job_broker, case, fane, subject):
    client.force_login(job_broker.user)
    response = client.get(reverse("cases:detail", args=[case.pk]), {"fane": fane} if fane else {})
    assert response.status_code == 200
    entry = _last(job_broker.user)
    assert (entry.action, entry.citizen_id, entry.subject) == ("view", case.citizen_id, subject)


def test_the_access_log_names_the_documents_read(client, job_broker, case, team):
    client.force_login(job_broker.user)
    assert client.get(reverse("cv:pdf", args=[case.pk])).status_code == 200
    assert {e.subject for e in AccessLog.objects.filter(user_id=job_broker.user.pk)} == {"cv:pdf"}
    url = placement_matrix.url_for("placements:agreement_pdf", case)
    assert client.get(url).status_code == 200
    assert _last(job_broker.user).subject == "placements:agreement_pdf"
    leader = EmployeeFactory(team=team, roles=["leder"])
    client.force_login(leader.user)
    body = client.get(reverse("audit:citizen_access_log", args=[case.citizen_id])).content.decode()
    assert "CV som PDF" in body and "Arbejdsaftale som PDF" in body and ">Hvad<" in body


def test_the_access_log_stays_append_only_after_the_subject_column(client, case, job_broker):
    client.force_login(job_broker.user)
    client.get(reverse("cases:detail", args=[case.pk]))
    assert AccessLog.objects.filter(subject="fane:overblik").exists()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_accesslog SET subject = 'x'")


def test_pages_and_files_with_citizen_data_are_not_stored(client, job_broker, case):
    client.force_login(job_broker.user)
    for url in (reverse("cases:detail", args=[case.pk]), reverse("cv:pdf", args=[case.pk]),
                placement_matrix.url_for("placements:agreement_pdf", case), reverse("cases:list")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], url


def test_a_mentor_sees_no_cpr_button_and_the_endpoint_refuses_and_logs(client, case, mentor, job_broker):
    client.force_login(mentor.user)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Vis fuldt CPR-nummer" not in page and reverse("cases:cpr", args=[case.pk]) not in page
    response = client.post(reverse("cases:cpr", args=[case.pk]))
    body = response.content.decode()
    assert response.status_code == 403
    assert "en mentor kan ikke se borgerens fulde CPR-nummer" in body
    assert case.citizen.cpr not in body and f"{case.citizen.cpr[:6]}-{case.citizen.cpr[6:]}" not in body
    assert _last(mentor.user).action == "denied"
    assert not AccessLog.objects.filter(user_id=mentor.user.pk, action="cpr_reveal").exists()
    client.force_login(job_broker.user)
    assert "Vis fuldt CPR-nummer" in client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    shown = client.post(reverse("cases:cpr", args=[case.pk]), HTTP_HX_REQUEST="true")
    assert f"{case.citizen.cpr[:6]}-{case.citizen.cpr[6:]}" in shown.content.decode()
    assert _last(job_broker.user).action == "cpr_reveal"


def test_a_refused_tab_says_why_in_the_viewers_terms_and_is_logged(client, case, mentor, job_broker):
    client.force_login(mentor.user)
    response = client.get(reverse("cases:detail", args=[case.pk]), {"fane": "kontakter"})
    body = response.content.decode()
    assert response.status_code == 403
    assert "Du er tilknyttet sagen som mentor" in body and "ikke fanen «Kontakter»" in body
    assert "Forsøget er registreret i adgangsloggen" in body
    entry = _last(mentor.user)
    assert (entry.action, entry.subject) == ("denied", "fane:kontakter")
    assert not AccessLog.objects.filter(user_id=mentor.user.pk, action="view").exists()
    client.force_login(job_broker.user)
    own = client.get(reverse("cases:detail", args=[case.pk]), {"fane": "mentoropgave"})
    assert own.status_code == 403 and "sagens mentors egen visning" in own.content.decode()
