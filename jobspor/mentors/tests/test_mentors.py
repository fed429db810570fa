import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobspor.audit.models import Event
from jobspor.cases.models import CaseStaff
from jobspor.cases.selectors import cases_visible
from jobspor.mentors.catalogue import AREAS, BY_KEY
from jobspor.mentors.models import MentorAssignment, Volunteer
from jobspor.mentors.services import mentor_assign, mentor_follow_up_add, volunteer_create
from jobspor.testing.factories import EmployeeFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
START = dt.date(2025, 2, 1)


def assign(case, **kwargs):
    data = {"areas": ["praktiske_opgaver"], "tasks": "Øve busturen til praktikken", "hours_per_week": Decimal("2"),
            "starts": START, **kwargs}
    return mentor_assign(actor=None, case=case, **data)


def test_catalogue_is_seed_000s_table():
    assert [a.name for a in AREAS] == ["Praktiske opgaver", "Kontakt", "Ressourceafklaring", "Tillid og motivation",
                                       "Netværk", "Sproglig og kulturel støtte", "Personlige udfordringer"]
    assert all(a.focus and a.examples and a.not_allowed for a in AREAS)
    assert "At søge bevillinger for borgeren" in BY_KEY["kontakt"].not_allowed
    assert "At dokumentere eller vurdere borgerens arbejdsevne" in BY_KEY["ressourceafklaring"].not_allowed


def test_staff_mentor_is_attached_to_the_case_and_sees_it(case, mentor):
    assert not cases_visible(user=mentor.user).exists()
    assignment = assign(case, employee=mentor)
    assert CaseStaff.objects.get(case=case, employee=mentor).role == "mentor"
    assert list(cases_visible(user=mentor.user)) == [case]
    assert Event.objects.filter(verb="mentor_assigned", target_id=assignment.pk, case_id=case.pk).exists()


def test_only_employees_with_the_mentor_role(case, job_broker):
    broker = EmployeeFactory(team=job_broker.team, roles=["jobformidler"])
    with pytest.raises(ValidationError) as exc:
        assign(case, employee=broker)
    assert "har ikke rollen mentor" in exc.value.message_dict["employee"][0]


def test_a_volunteer_has_no_login(case):
    volunteer = volunteer_create(actor=None, name="Karen Frivillig", phone="20 30 40 50",
                                 organisation="Røde Kors Horsens")
    assignment = assign(case, volunteer=volunteer)
    assert assignment.mentor_name == "Karen Frivillig" and assignment.is_volunteer
    assert not hasattr(Volunteer, "user")
    assert not CaseStaff.objects.filter(case=case, role="mentor").exists()


@pytest.mark.parametrize("kwargs, field", [
    ({"areas": []}, "areas"),
    ({"areas": ["at_vaere_ven"]}, "areas"),
    ({"tasks": " "}, "tasks"),
    ({"hours_per_week": Decimal("0")}, "hours_per_week"),
    ({"ends": dt.date(2025, 1, 31)}, "ends"),
    ({"starts": dt.date(2024, 1, 1)}, "starts"),
])
def test_assignment_is_validated(case, mentor, kwargs, field):
    with pytest.raises(ValidationError) as exc:
        assign(case, employee=mentor, **kwargs)
    assert field in exc.value.message_dict
    assert not MentorAssignment.objects.exists() and not CaseStaff.objects.filter(employee=mentor).exists()


def test_ending_the_assignment_ends_the_mentors_access(case, mentor):
    assignment = assign(case, employee=mentor)
    mentor_follow_up_add(actor=None, assignment=assignment, held_on=TODAY, notes="Går godt", decision="fortsaet")
    assert cases_visible(user=mentor.user).exists()
    with pytest.raises(ValidationError) as exc:
        mentor_follow_up_add(actor=None, assignment=assignment, held_on=TODAY + dt.timedelta(days=1), notes="x",
                             decision="afslut")
    assert exc.value.message_dict["held_on"] == ["En opfølgning kan ikke dateres i fremtiden."]
    mentor_follow_up_add(actor=None, assignment=assignment, held_on=TODAY, notes="Målet er nået", decision="afslut")
    assignment.refresh_from_db()
    assert assignment.ends == TODAY
    assert not cases_visible(user=mentor.user).exists()


def form_data(**changes):
    data = {"kind": "medarbejder", "employee": "", "volunteer": "", "volunteer_name": "", "volunteer_phone": "",
            "volunteer_email": "", "volunteer_organisation": "", "areas": ["kontakt", "netvaerk"],
            "tasks": "Følge borgeren til lægen første gang", "hours_per_week": "1,5", "starts": "2025-02-01",
            "ends": ""}
    data.update(changes)
    return data


@pytest.fixture
def staff_client(client, job_broker):
    client.force_login(job_broker.user)
    return client


def test_assign_a_staff_mentor_through_the_form(staff_client, case, mentor):
    url = reverse("mentors:assignment_new", args=[case.pk])
    page = staff_client.get(url).content.decode()
    assert "At søge bevillinger for borgeren" in page and "Mette Mentor" in page
    response = staff_client.post(url, form_data(employee=mentor.pk))
    assert response.status_code == 302
    assignment = MentorAssignment.objects.get()
    assert assignment.employee == mentor and assignment.hours_per_week == Decimal("1.5")
    body = staff_client.get(reverse("cases:detail", args=[case.pk]), {"fane": "mentor"}).content.decode()
    # Next to each chosen area: what the mentor may not do; nothing of the areas not chosen.
    assert "At søge bevillinger for borgeren" in body
    assert "At indgå i borgerens sociale netværk" in body
    assert "At dokumentere eller vurdere borgerens arbejdsevne" not in body


def test_assign_a_new_volunteer_through_the_form(staff_client, case):
    response = staff_client.post(reverse("mentors:assignment_new", args=[case.pk]), form_data(
        kind="frivillig", volunteer_name="Karen Frivillig", volunteer_phone="20 30 40 50",
        volunteer_email="karen@example.org", volunteer_organisation="Røde Kors"))
    assert response.status_code == 302
    assert MentorAssignment.objects.get().volunteer.organisation == "Røde Kors"


@pytest.mark.parametrize("changes, field, message", [
    ({"areas": []}, "areas", "Vælg mindst ét opgaveområde fra mentorkataloget."),
    ({}, "employee", "Vælg mentoren fra jobcentret."),
    ({"kind": "frivillig"}, "volunteer_name", "Vælg en kendt frivillig mentor, eller skriv den frivilliges navn."),
    ({"hours_per_week": "tre"}, "hours_per_week", "Skriv et tal, fx 2 eller 1,5."),
    ({"ends": "2025-01-01"}, "ends", "Slutdatoen kan ikke ligge før startdatoen."),
    ({"kind": "frivillig", "volunteer_name": "K", "volunteer_email": "ikke-en-mail"}, "volunteer_email",
     "Skriv en gyldig e-mailadresse."),
])
def test_form_errors_are_danish_and_nothing_is_saved(staff_client, case, changes, field, message):
    response = staff_client.post(reverse("mentors:assignment_new", args=[case.pk]), form_data(**changes))
    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    assert not MentorAssignment.objects.exists() and not Volunteer.objects.exists()


def test_follow_up_through_the_form(staff_client, case, mentor):
    assignment = assign(case, employee=mentor)
    url = reverse("mentors:follow_up_add", args=[case.pk, assignment.pk])
    response = staff_client.post(url, {"held_on": TODAY.isoformat(), "notes": "Justér: mere fokus på netværk",
                                       "decision": "juster"})
    assert response.status_code == 302
    body = staff_client.get(reverse("cases:detail", args=[case.pk]), {"fane": "mentor"}).content.decode()
    assert "Justér: mere fokus på netværk" in body


def test_mentor_gets_403_on_the_mentor_pages(client, case, mentor):
    assignment = assign(case, employee=mentor)
    client.force_login(mentor.user)
    assert client.get(reverse("cases:detail", args=[case.pk]), {"fane": "mentor"}).status_code == 403
    for url in (reverse("mentors:assignment_new", args=[case.pk]),
                reverse("mentors:assignment_edit", args=[case.pk, assignment.pk]),
                reverse("mentors:follow_up_add", args=[case.pk, assignment.pk])):
        assert client.get(url).status_code == 403


def test_mentor_tab_query_count_does_not_grow(staff_client, case, mentor):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert staff_client.get(reverse("cases:detail", args=[case.pk]), {"fane": "mentor"}).status_code == 200
        return len(ctx.captured_queries)

    first = assign(case, employee=mentor)
    mentor_follow_up_add(actor=None, assignment=first, held_on=TODAY, notes="ok", decision="fortsaet")
    few = count()
    for i in range(6):
        volunteer = volunteer_create(actor=None, name=f"Frivillig {i}", organisation="Røde Kors")
        a = assign(case, volunteer=volunteer)
        mentor_follow_up_add(actor=None, assignment=a, held_on=TODAY, notes="ok", decision="fortsaet")
    assert count() == few


def test_the_mentor_sees_their_own_tasks_and_limits_but_not_the_follow_ups(client, case, mentor):
    assignment = assign(case, employee=mentor, areas=["kontakt"], tasks="Følge Jens til lægen")
    mentor_follow_up_add(actor=None, assignment=assignment, held_on=TODAY, notes="Intern note fra jobcentret",
                         decision="fortsaet")
    client.force_login(mentor.user)
    body = client.get(reverse("cases:detail", args=[case.pk]), {"fane": "mentoropgave"}).content.decode()
    assert "Følge Jens til lægen" in body and "At søge bevillinger for borgeren" in body
    assert "Intern note fra jobcentret" not in body


def test_staff_do_not_get_the_mentors_own_tab(staff_client, case):
    body = staff_client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'href="?fane=mentor"' in body and 'href="?fane=mentoropgave"' not in body
    assert staff_client.get(reverse("cases:detail", args=[case.pk]), {"fane": "mentoropgave"}).status_code == 403
