import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from jobspor.audit.models import AccessLog
from jobspor.cases.services import case_staff_add
from jobspor.cv import services
from jobspor.cv.models import Cv, CvItem
from jobspor.testing.factories import EmployeeFactory, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, job_broker):
    client.force_login(job_broker.user)
    return client


def tab(client, case):
    return client.get(reverse("cases:detail", args=[case.pk]), {"fane": "cv"})


def test_cv_tab_shows_the_cv_and_logs_the_read(logged_in, case, job_broker):
    services.cv_item_add(actor=None, citizen=case.citizen, kind="task", text="pakke varer")
    response = tab(logged_in, case)
    body = response.content.decode()
    assert response.status_code == 200
    assert "pakke varer" in body and "Hent CV som PDF" in body
    assert AccessLog.objects.filter(user_id=job_broker.user.pk, citizen_id=case.citizen_id, purpose="CV",
                                    action="view").exists()


def test_adding_a_task_with_htmx_redraws_the_tab(logged_in, case):
    response = logged_in.post(reverse("cv:item_add", args=[case.pk]), {"kind": "task", "task-text": "plukke ordrer"},
                              HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="cv-tab"') and "plukke ordrer" in body
    assert "autofocus" in body  # the cursor stays in the task field for the next one
    assert list(CvItem.objects.values_list("text", flat=True)) == ["plukke ordrer"]


def test_a_bad_task_gets_a_danish_error_at_the_field(logged_in, case):
    response = logged_in.post(reverse("cv:item_add", args=[case.pk]),
                              {"kind": "task", "task-text": "Pakke varer. Køre truck."}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'id="id_task-text-error"' in body and "uden punktum i midten" in body
    assert not CvItem.objects.exists()
    response = logged_in.post(reverse("cv:item_add", args=[case.pk]),
                              {"kind": "task", "task-text": "x" * 130})  # without JavaScript
    assert response.status_code == 400 and "højst 120 tegn" in response.content.decode()


def test_unknown_licence_class_in_the_form(logged_in, case):
    response = logged_in.post(reverse("cv:details", args=[case.pk]),
                              {"details-hours_now": "12", "details-driving_licence": "B, Q"})
    assert response.status_code == 400
    assert "Ukendt kørekortkategori: Q" in response.content.decode()
    assert not Cv.objects.exists()
    response = logged_in.post(reverse("cv:details", args=[case.pk]),
                              {"details-hours_now": "12", "details-driving_licence": "b be",
                               "details-transport": ["bil"]})
    assert response.status_code == 302
    cv = Cv.objects.get()
    assert (cv.hours_now, cv.driving_licence, cv.transport) == (12, ["B", "BE"], ["bil"])


def test_experience_dates_in_wrong_order_in_the_form(logged_in, case):
    response = logged_in.post(reverse("cv:experience_add", args=[case.pk]), {
        "experience-kind": "job", "experience-title": "Lagerarbejder", "experience-start": "2012-06-30",
        "experience-end": "2009-01-01"})
    assert response.status_code == 400
    assert "Til-datoen kan ikke ligge før fra-datoen." in response.content.decode()


def test_remove_and_goal_and_statement(logged_in, case):
    url = reverse("cv:goal_add", args=[case.pk])
    assert logged_in.post(url, {"goal-title": "Lagermedarbejder", "goal-set_on": "2025-02-01"}).status_code == 302
    goal = Cv.objects.get().job_goals.get()
    assert goal.set_on == dt.date(2025, 2, 1)
    response = logged_in.post(reverse("cv:statement_add", args=[case.pk]), {
        "statement-company_name": "Nordlager ApS", "statement-given_by": "Lone Berg",
        "statement-given_on": "2025-05-01",
        "statement-text": "Stabil og glad."}, HTTP_HX_REQUEST="true")
    assert "Stabil og glad." in response.content.decode()
    logged_in.post(reverse("cv:remove", args=[case.pk]), {"section": "job_goal", "id": goal.pk})
    assert not Cv.objects.get().job_goals.exists()


def test_mentor_does_not_see_the_cv_tab(client, case, team):
    mentor = EmployeeFactory(team=team, roles=["mentor"])
    case_staff_add(actor=None, case=case, employee=mentor, role="mentor")
    client.force_login(mentor.user)
    page = client.get(reverse("cases:detail", args=[case.pk]))
    assert page.status_code == 200 and "?fane=cv" not in page.content.decode()
    assert tab(client, case).status_code == 403
    assert client.get(reverse("cv:pdf", args=[case.pk])).status_code == 403
    assert client.post(reverse("cv:item_add", args=[case.pk]), {"kind": "task", "task-text": "x"}).status_code == 403


def test_tab_query_count_does_not_grow_with_rows(logged_in, case):
    services.cv_item_add(actor=None, citizen=case.citizen, kind="task", text="pakke varer")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert tab(logged_in, case).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for i, text in enumerate(["plukke ordrer", "køre truck", "modtage varer", "vaske gulve", "sortere affald"]):
        services.cv_item_add(actor=None, citizen=case.citizen, kind="task", text=text)
        services.cv_item_add(actor=None, citizen=case.citizen, kind="competency", text=f"kursus {chr(97 + i)}")
        services.cv_job_goal_add(actor=None, citizen=case.citizen, title=f"Jobmål {i}")
        services.cv_experience_add(actor=None, citizen=case.citizen, kind="job", title=f"Job {i}",
                                   start=dt.date(2010 + i, 1, 1), end=None)
        services.cv_language_add(actor=None, citizen=case.citizen, language=f"Sprog {i}", level="godt")
    assert count() == few
    assert few <= 34  # the page header and every tab badge included (Møder, Dokumenter, Breve too), and the
    # access log's hash chain (jobspor/audit/chain.py)


def _other_cvs(job_broker, phrases, n=2):
    for i in range(n):
        other = make_case(primary=job_broker, name=f"Anden Borger {i}")
        for text in phrases:
            services.cv_item_add(actor=None, citizen=other.citizen, kind="task", text=text)


def test_suggestions_find_phrases_by_meaning_most_used_first(logged_in, case, job_broker):
    _other_cvs(job_broker, ["pakke varer", "pakke gaver ind"], n=3)
    _other_cvs(job_broker, ["pakning af varer", "plukke ordrer"], n=1)
    _other_cvs(job_broker, ["pakke kasser til Mette Jensen"], n=1)  # one CV only: never shown to others
    url = reverse("cv:suggest")
    body = logged_in.get(url, {"kind": "task", "task-text": "pakning", "case": case.pk}).content.decode()
    assert body.index("pakke varer") < body.index("pakke gaver ind")
    assert "pakning af varer" not in body  # the same task: shown once, in its most used wording
    assert "Mette Jensen" not in body and "Anden Borger" not in body
    assert "plukke ordrer" not in body
    assert logged_in.get(url, {"kind": "task", "task-text": "p"}).content.decode().strip() == ""
    body = logged_in.get(url, {"kind": "task", "task-text": "pluk", "case": case.pk}).content.decode()
    assert "plukke ordrer" not in body  # used by only one CV


def test_suggestions_use_the_index_and_a_registered_source(logged_in, case, job_broker):
    from jobspor.cv import vocabulary

    def jobs(*, kind, first_stem, limit):
        return [("pak paller", "pakke paller", 5)] if kind == "task" and "pak".startswith(first_stem[:3]) else []

    vocabulary.register_vocabulary_source(jobs)
    try:
        body = logged_in.get(reverse("cv:suggest"), {"kind": "task", "task-text": "pak"}).content.decode()
    finally:
        vocabulary._SOURCES.remove(jobs)
    assert "pakke paller" in body


def test_suggestions_are_for_staff_who_work_cases_only(client, team):
    mentor = EmployeeFactory(team=team, roles=["mentor"])
    client.force_login(mentor.user)
    assert client.get(reverse("cv:suggest"), {"kind": "task", "task-text": "pakke"}).status_code == 403


def test_pdf_has_the_tasks_and_no_cpr_and_logs_the_print(logged_in, case, job_broker):
    citizen = case.citizen
    for text in ["pakke varer", "køre truck", "rengøre lager"]:
        services.cv_item_add(actor=None, citizen=citizen, kind="task", text=text)
    services.cv_experience_add(actor=None, citizen=citizen, kind="job", title="Lagerarbejder", place="Nordlager",
                               start=dt.date(2009, 1, 1), end=dt.date(2012, 6, 30))
    services.cv_details_update(actor=None, citizen=citizen, driving_licence=["B"])
    services.cv_statement_add(actor=None, citizen=citizen, company_name="Nordlager ApS", given_on=dt.date(2025, 5, 1),
                              given_by="Lone Berg", text="Jens er stabil.")

    response = logged_in.get(reverse("cv:pdf", args=[case.pk]))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="CV-Jens-Hansen.pdf"'
    assert response.content.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in ["Jens Hansen", "Pakke varer", "Køre truck", "Lagerarbejder", "Kategori B", "Nordlager ApS",
                     "Det kan jeg", "Testvej 1"]:
        assert expected in text
    assert citizen.cpr not in text and citizen.cpr[:6] not in text
    assert text.index("Det kan jeg") < text.index("Erfaring")
    assert AccessLog.objects.filter(user_id=job_broker.user.pk, citizen_id=citizen.pk, action="export",
                                    purpose="Udskrift af CV").exists()
