import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jobspor.audit.models import Event
from jobspor.cases.services import case_staff_add
from jobspor.efforts.models import Notification, ParallelEffort, RehabRecommendation
from jobspor.efforts.selectors import cases_missing_notification, needs_notification
from jobspor.efforts.services import effort_save, notification_record, rehab_recommendation_record
from jobspor.testing.factories import EmployeeFactory, make_case, make_effort

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def case(job_broker):
    return make_case(primary=job_broker, name="Jens Hansen", fsm_group=2, opened=TODAY - dt.timedelta(days=100))


def tab(case):
    return reverse("cases:detail", args=[case.pk]) + "?fane=indsatser"


def test_an_effort_is_saved_changed_and_audited(case):
    effort = effort_save(actor=None, case=case, sector="misbrugscenter", status="planlagt",
                         contact_name="Lise Berg", contact_phone="79 29 10 10", contact_email="lise@example.org")
    effort_save(actor=None, case=case, effort=effort, status="i_gang", start=TODAY)
    effort.refresh_from_db()
    assert (effort.status, effort.start, effort.contact_name) == ("i_gang", TODAY, "Lise Berg")
    changed = Event.objects.filter(verb="effort_saved").order_by("id").last()
    assert changed.before == {"status": "planlagt", "start": None}
    assert changed.after == {"status": "i_gang", "start": TODAY.isoformat()}


@pytest.mark.parametrize("fields, field", [
    ({"sector": "frisør"}, "sector"), ({"status": "glemt"}, "status"),
    ({"start": TODAY, "end": TODAY - dt.timedelta(days=1)}, "end"),
])
def test_bad_efforts_are_refused(case, fields, field):
    with pytest.raises(ValidationError) as error:
        effort_save(actor=None, case=case, **({"sector": "psykolog", "status": "planlagt"} | fields))
    assert field in error.value.message_dict
    assert not ParallelEffort.objects.exists()


def test_rehab_recommendation_and_notification(case):
    rehab_recommendation_record(actor=None, case=case, date=TODAY, recommendation="ressourceforloeb",
                                text="Tværfagligt forløb.")
    with pytest.raises(ValidationError):
        rehab_recommendation_record(actor=None, case=case, date=TODAY + dt.timedelta(days=1),
                                    recommendation="fleksjob")
    with pytest.raises(ValidationError) as error:
        notification_record(actor=None, case=case, date=TODAY, recipient=" ", reason="")
    assert set(error.value.message_dict) == {"recipient", "reason"}
    assert RehabRecommendation.objects.count() == 1 and not Notification.objects.exists()


def test_group_3_without_underretning_shows_a_warning_until_one_is_recorded(client, job_broker):
    case = make_case(primary=job_broker, name="Jens Hansen", fsm_group=3)
    assert needs_notification(case) and list(cases_missing_notification()) == [case]
    client.force_login(job_broker.user)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="notice-underretning"' in page and "ikke registreret en underretning" in page

    response = client.post(reverse("efforts:notification_create", args=[case.pk]), {
        "date": TODAY.isoformat(), "recipient": "Socialafdelingen", "reason": "Borgeren kan ikke deltage nu."})
    assert response.status_code == 302
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="notice-underretning"' not in page
    assert not needs_notification(case)


def test_no_warning_for_other_groups(client, case, job_broker):
    client.force_login(job_broker.user)
    assert 'id="notice-underretning"' not in client.get(reverse("cases:detail", args=[case.pk])).content.decode()


def test_the_tab_lists_efforts_and_the_forms_show_danish_errors(client, case, job_broker):
    make_effort(case=case, sector="psykiatri", contact_name="Distriktspsykiatrien, Mette Lund")
    client.force_login(job_broker.user)
    page = client.get(tab(case)).content.decode()
    assert "Psykiatri" in page and "Mette Lund" in page and "Indsatser (1)" in page

    response = client.post(reverse("efforts:create", args=[case.pk]), {
        "sector": "", "status": "i_gang", "start": "2025-05-01", "end": "2025-04-01", "contact_email": "ikke-en-mail"})
    assert response.status_code == 400
    errors = response.context["effort_form"].errors
    assert errors["sector"] == ["Vælg sektor."]
    assert errors["end"] == ["Slutdatoen kan ikke ligge før startdatoen."]
    assert errors["contact_email"] == ["Skriv en gyldig e-mailadresse."]
    response = client.post(reverse("efforts:rehab_create", args=[case.pk]), {
        "date": (TODAY + dt.timedelta(days=3)).isoformat(), "recommendation": "fleksjob"})
    assert response.context["rehab_form"].errors["date"] == ["Datoen kan ikke ligge efter i dag."]
    assert ParallelEffort.objects.count() == 1 and not RehabRecommendation.objects.exists()


def test_an_effort_is_edited(client, case, job_broker):
    effort = make_effort(case=case, status="planlagt")
    client.force_login(job_broker.user)
    assert client.get(reverse("efforts:edit", args=[case.pk, effort.pk])).status_code == 200
    response = client.post(reverse("efforts:edit", args=[case.pk, effort.pk]),
                           {"sector": "misbrugscenter", "status": "afsluttet", "start": "2025-01-01",
                            "end": "2025-02-01"})
    assert response.status_code == 302
    effort.refresh_from_db()
    assert effort.status == "afsluttet" and str(effort.end) == "2025-02-01"


def test_a_mentor_cannot_see_or_change_efforts(client, case):
    mentor = EmployeeFactory(team=case.team, roles=["mentor"])
    case_staff_add(actor=None, case=case, employee=mentor, role="mentor")
    effort = make_effort(case=case)
    client.force_login(mentor.user)
    assert client.get(tab(case)).status_code == 403
    assert client.get(reverse("efforts:edit", args=[case.pk, effort.pk])).status_code == 403
    assert client.post(reverse("efforts:notification_create", args=[case.pk]), {}).status_code == 403
