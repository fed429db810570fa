"""The case's front page says where the citizen stands: job goal, placement with this month's hours, next
appointment, next action, sub-goals due, flags, forecast, last contact — and a mentor sees none of it."""

import datetime as dt

import pytest
from django.urls import reverse

from jobspor.cases.services import case_staff_add
from jobspor.cases.standing import citizen_standing
from jobspor.companies.services import contact_save
from jobspor.placements import services as placements
from jobspor.placements.tests.conftest import AGREEMENT
from jobspor.testing.factories import EmployeeFactory, make_case, make_company, make_contact, make_cv

TODAY = dt.date(2025, 6, 18)


@pytest.fixture
def world(db):
    broker = EmployeeFactory(roles=["jobformidler"], name="Anne Holm")
    case = make_case(primary=broker, name="Jens Hansen", opened=dt.date(2025, 1, 10))
    make_cv(case=case, job_goals=["Lagermedarbejder"], created=dt.date(2025, 2, 1))
    company = make_company(name="Nordlager ApS")
    contact = contact_save(actor=None, company=company, name="Mette Lund", phone="20304050")
    placement = placements.placement_create(actor=broker.user, case=case, company=company, contact=contact,
                                            kind="virksomhedspraktik", purpose=1, start=dt.date(2025, 3, 3),
                                            title="Lagerhjælp", agreement=dict(AGREEMENT))
    weeks = ((dt.date(2025, 6, 2), (10, 2)), (dt.date(2025, 6, 9), (10, 3)), (dt.date(2025, 5, 26), (9, 0)))
    for week, hours in weeks:
        placements.hours_upsert(actor=broker.user, placement=placement, week=week, internship_hours=hours[0],
                                ordinary_hours=hours[1])
    make_contact(case=case, date=dt.date(2025, 6, 10), next_date=dt.date(2025, 6, 24), next_kind="jobsamtale")
    return {"broker": broker, "case": case, "placement": placement}


def test_standing_collects_what_matters(world):
    standing = citizen_standing(world["case"], today=TODAY)
    assert standing.job_goal.title == "Lagermedarbejder"
    assert standing.placement == world["placement"]
    assert standing.hours_month == {"internship": 20, "ordinary": 5}  # June's weeks only (by their Monday)
    assert standing.next_contact.next_date == dt.date(2025, 6, 24)
    assert standing.last_contact.date == dt.date(2025, 6, 10)
    assert "Ingen planlagt handling." in standing.flags


def test_stalled_flag_after_30_days_without_contact(world):
    standing = citizen_standing(world["case"], today=dt.date(2025, 8, 1))
    assert any("Gået i stå" in f for f in standing.flags)
    assert standing.next_contact is None  # the agreed date has passed


def test_front_page_shows_it_and_a_mentor_sees_none_of_it(client, world):
    client.force_login(world["broker"].user)
    body = client.get(reverse("cases:detail", args=[world["case"].pk])).content.decode()
    assert "Hvor står borgeren" in body and "Lagermedarbejder" in body and "Nordlager ApS" in body
    mentor = EmployeeFactory(roles=["mentor"], team=world["broker"].team)
    case_staff_add(actor=None, case=world["case"], employee=mentor, role="mentor")
    client.force_login(mentor.user)
    body = client.get(reverse("cases:detail", args=[world["case"].pk])).content.decode()
    assert "Hvor står borgeren" not in body
