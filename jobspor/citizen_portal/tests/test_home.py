"""Mit forløb: where I stand — job goal, current placement with company, contact person and this month's hours,
next appointment and my jobformidler's direct lines."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from jobspor.audit.models import AccessLog
from jobspor.citizen_portal.access import OWN_PURPOSE
from jobspor.companies.services import contact_save
from jobspor.placements import services
from jobspor.placements.weeks import monday_of, weeks_of_month
from jobspor.testing.factories import EmployeeFactory, citizen_login, make_case, make_company, make_contact, make_cv


@pytest.fixture
def broker(team):
    return EmployeeFactory(name="Anne Holm", team=team, roles=["jobformidler"], phone="11223344",
                           email="anne@jobcenter.dk")


@pytest.fixture
def case(broker):
    return make_case(primary=broker, name="Jens Hansen", opened=dt.date(2025, 1, 10))


def test_where_i_stand(client, case, broker):
    today = timezone.localdate()
    make_cv(case=case, tasks=["pakke varer"], job_goals=["Lagermedarbejder"])
    company = make_company(name="Nordlager ApS")
    contact = contact_save(actor=None, company=company, name="Mette Lund", phone="20304050")
    placement = services.placement_create(
        actor=broker.user, case=case, company=company, contact=contact, kind="virksomhedspraktik", purpose=1,
        start=monday_of(today) - dt.timedelta(weeks=6), agreement={
            "goal": "Ordinære timer", "tasks": ["pakke varer"], "hours_per_week": 10, "conversion": "Løntimer",
            "start": monday_of(today) - dt.timedelta(weeks=6)})
    month = weeks_of_month(today.year, today.month)
    services.hours_save(actor=broker.user, placement=placement, weeks=[
        {"week": w, "internship_hours": 10, "ordinary_hours": 2} for w in month if w <= today]
        + [{"week": month[0] - dt.timedelta(weeks=1), "internship_hours": 7, "ordinary_hours": 0}])  # last month
    make_contact(case=case, date=today - dt.timedelta(days=3), next_date=today + dt.timedelta(days=9),
                 next_kind="walk_and_talk")
    user = citizen_login(client, case.citizen)
    page = client.get(reverse("minside:home")).content.decode()
    weeks = sum(1 for w in month if w <= today)
    assert "Lagermedarbejder" in page
    assert "Nordlager ApS" in page and "Mette Lund" in page and "20304050" in page
    assert f"{10 * weeks} praktiktimer og {2 * weeks} ordinære timer" in page
    assert "Walk and talk" in page
    assert "Anne Holm" in page and 'href="tel:11223344"' in page and "mailto:anne@jobcenter.dk" in page
    read = AccessLog.objects.filter(user_id=user.pk).latest("id")
    assert read.purpose == OWN_PURPOSE and read.case_id == case.pk


def test_nothing_yet(client, case):
    citizen_login(client, case.citizen)
    page = client.get(reverse("minside:home")).content.decode()
    assert "Du har ikke sat et jobmål endnu" in page
    assert "Du er ikke i gang på en arbejdsplads lige nu" in page
    assert "Der er ingen aftale i kalenderen" in page


def test_another_citizens_placement_is_not_mine(client, case, broker):
    other = make_case(primary=broker, name="Karen Andersen")
    company = make_company(name="Sydlager ApS")
    services.placement_create(actor=broker.user, case=other, company=company,
                              contact=contact_save(actor=None, company=company, name="Ole"),
                              kind="ordinaere_timer", start=dt.date(2025, 3, 3))
    citizen_login(client, case.citizen)
    assert "Sydlager" not in client.get(reverse("minside:home")).content.decode()
