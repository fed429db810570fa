"""A CPR number is not a key to someone else's case (issue 10, point 0): creating a case never overwrites an
existing citizen and never opens a citizen the user could not see; changing a citizen's details is its own,
scoped and logged edit."""

import datetime as dt

import pytest
from django.urls import reverse

from jobspor.audit.models import AccessLog, Event
from jobspor.cases.models import Case
from jobspor.cases.services import case_update
from jobspor.citizens.models import Citizen
from jobspor.testing.factories import DepartmentFactory, EmployeeFactory, TeamFactory, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    home = TeamFactory(name="Team Hjem")
    away = TeamFactory(name="Team Ude", department=DepartmentFactory(name="Ungeafdelingen"))
    broker = EmployeeFactory(team=home, roles=["jobformidler"])
    other = EmployeeFactory(team=away, roles=["jobformidler"])
    case_away = make_case(primary=other, name="Ude Borger")
    Citizen.objects.filter(pk=case_away.citizen_id).update(phone="11223344")
    return {"home": home, "away": away, "broker": broker, "other": other, "case_away": case_away,
            "citizen": Citizen.objects.get(pk=case_away.citizen_id)}


def _post_create(client, cpr, **extra):
    data = {"cpr": cpr, "name": "Falsk Navn", "address": "Angrebsvej 9", "postal_code": "8000",
            "phone": "99999999", "benefit": "sygedagpenge", "opened": "2025-02-01", "primary_role": "jobformidler"}
    return client.post(reverse("cases:create"), {**data, **extra})


def _details(citizen):
    citizen.refresh_from_db()
    return (citizen.name, citizen.address, citizen.postal_code_id, citizen.phone)


def test_cpr_of_a_citizen_with_an_active_case_elsewhere_is_refused_logged_and_changes_nothing(client, world):
    citizen = world["citizen"]
    before = _details(citizen)
    client.force_login(world["broker"].user)
    response = _post_create(client, citizen.cpr)
    body = response.content.decode()
    assert response.status_code == 400
    assert "har allerede en aktiv sag i Team Ude (Ungeafdelingen)" in body
    assert "Bed Team Ude (Ungeafdelingen) om at overdrage sagen" in body
    assert "Ude Borger" not in body and "11223344" not in body and "Testvej" not in body
    assert Case.objects.filter(citizen=citizen).count() == 1
    assert _details(citizen) == before
    denied = AccessLog.objects.get(user_id=world["broker"].user.pk, action="denied")
    assert denied.citizen_id == citizen.pk and denied.case_id == world["case_away"].pk
    assert denied.subject == "cases:create" and denied.purpose == "Oprettelse af sag"
    assert not AccessLog.objects.filter(user_id=world["broker"].user.pk, citizen_id=citizen.pk,
                                        action="view").exists()


def test_cpr_of_a_citizen_with_only_closed_cases_attaches_without_overwriting(client, world):
    citizen = world["citizen"]
    case_update(actor=None, case=world["case_away"], closed=dt.date(2025, 1, 20), close_reason="andet")
    before = _details(citizen)
    client.force_login(world["broker"].user)
    response = _post_create(client, f"{citizen.cpr[:6]}-{citizen.cpr[6:]}")  # typed with a dash
    assert response.status_code == 302
    new = Case.objects.exclude(pk=world["case_away"].pk).get()
    assert new.citizen_id == citizen.pk and new.team == world["home"]
    assert _details(citizen) == before  # the typed name, address and phone did not overwrite anything
    assert not Event.objects.filter(verb="citizen_updated", citizen_id=citizen.pk).exists()
    page = client.get(response.url)
    assert "Navn, adresse og telefon er ikke ændret" in page.content.decode()


def test_cpr_of_a_citizen_the_user_already_sees_attaches_without_overwriting(client, world):
    mine = make_case(primary=world["broker"], name="Min Borger")
    citizen = mine.citizen
    before = _details(citizen)
    client.force_login(world["broker"].user)
    assert _post_create(client, citizen.cpr).status_code == 302
    assert Case.objects.filter(citizen=citizen).count() == 2
    assert _details(citizen) == before


def test_a_new_cpr_creates_the_citizen(client, world):
    client.force_login(world["broker"].user)
    assert _post_create(client, "010387-4321").status_code == 302
    assert Citizen.objects.get(cpr="0103874321").name == "Falsk Navn"


def test_a_leader_of_the_department_is_not_refused(client, world):
    leader = EmployeeFactory(team=world["away"], roles=["leder"])
    client.force_login(leader.user)
    assert _post_create(client, world["citizen"].cpr).status_code == 302


def test_changing_a_citizens_details_is_an_explicit_scoped_logged_edit(client, world):
    case = world["case_away"]
    url = reverse("cases:citizen_edit", args=[case.pk])
    data = {"name": "Ude Borger", "address": "Ny Vej 2", "postal_code": "8000", "phone": "55556666", "email": ""}
    client.force_login(world["broker"].user)  # another department: refused and logged
    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    assert _details(world["citizen"])[1] == "Testvej 1"
    assert AccessLog.objects.filter(user_id=world["broker"].user.pk, action="denied", case_id=case.pk).count() == 2
    client.force_login(world["other"].user)
    page = client.get(reverse("cases:detail", args=[case.pk]))
    assert url in page.content.decode()
    bad = client.post(url, {**data, "postal_code": "0001"})
    assert bad.status_code == 400 and "Ukendt postnummer" in bad.content.decode()
    assert client.post(url, data).status_code == 302
    assert _details(world["citizen"]) == ("Ude Borger", "Ny Vej 2", "8000", "55556666")
    event = Event.objects.get(verb="citizen_updated", citizen_id=case.citizen_id)
    assert event.before["address"] == "Testvej 1" and event.after["address"] == "Ny Vej 2"


def test_a_mentor_cannot_edit_the_citizen(client, world):
    from jobspor.cases.services import case_staff_add

    mentor = EmployeeFactory(team=world["away"], roles=["mentor"])
    case_staff_add(actor=None, case=world["case_away"], employee=mentor, role="mentor")
    client.force_login(mentor.user)
    page = client.get(reverse("cases:detail", args=[world["case_away"].pk]))
    assert reverse("cases:citizen_edit", args=[world["case_away"].pk]) not in page.content.decode()
    assert client.get(reverse("cases:citizen_edit", args=[world["case_away"].pk])).status_code == 403
