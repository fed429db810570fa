"""Answer times per team: median in weekday hours and the share answered within the promise, for the questions
asked in the period; shown on a page linked from Ledelsesinfo naming the unit and the period."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from jobspor.messaging.answer_times import answer_times
from jobspor.messaging.models import AuthorKind
from jobspor.messaging.services import message_send
from jobspor.testing.factories import EmployeeFactory, TeamFactory, make_case, make_company, make_company_user

CPH = ZoneInfo("Europe/Copenhagen")


def at(day, hour=0):
    return dt.datetime(2026, 11, day, hour, tzinfo=CPH)  # 2 November 2026 is a Monday


@pytest.fixture
def world(db):
    nord, syd = TeamFactory(name="Team Nord"), TeamFactory(name="Team Syd")
    anne = EmployeeFactory(name="Anne", team=nord, roles=["jobformidler", "leder"])
    bo = EmployeeFactory(name="Bo", team=syd, roles=["jobformidler"])
    return {"anne": anne, "bo": bo, "nord": nord, "syd": syd}


def conversation(world, employee, steps, *, company=False):
    """steps: (who, when) with who "q" (citizen/company) or "a" (staff)."""
    from jobspor.citizen_portal.services import citizen_user_for
    from jobspor.messaging.models import Thread

    if company:
        owner = make_company(owner=employee)
        asker, kind, target = make_company_user(company=owner).user, AuthorKind.COMPANY, {"company": owner}
    else:
        case = make_case(primary=employee)
        asker, kind, target = citizen_user_for(case.citizen), AuthorKind.CITIZEN, {"case": case}
    thread = Thread.objects.create(subject="Spørgsmål", created_at=steps[0][1], **target)
    for who, when in steps:
        message_send(actor=asker if who == "q" else employee.user, thread=thread,
                     author_kind=kind if who == "q" else AuthorKind.STAFF, body="tekst", sent_at=when)
    return thread


def test_median_and_share_within_the_promise_per_team(world):
    anne, bo = world["anne"], world["bo"]
    conversation(world, anne, [("q", at(2, 9)), ("a", at(2, 11))])  # 2 h
    conversation(world, anne, [("q", at(6, 15)), ("q", at(6, 16)), ("a", at(9, 9))])  # Fri 15 → Mon 9: 18 h
    conversation(world, anne, [("q", at(3, 8)), ("a", at(5, 8))])  # 48 h: late
    conversation(world, bo, [("q", at(4, 10)), ("a", at(4, 10)), ("q", at(4, 12))], company=True)  # 0 h; open
    conversation(world, bo, [("q", at(20, 10))])  # outside the period
    result = answer_times(dt.date(2026, 11, 1), dt.date(2026, 11, 15), now=at(30))
    nord, syd = result["teams"]
    assert (nord.name, nord.answered, nord.median, nord.within, nord.share_within) == ("Team Nord", 3, 18.0, 2, 67)
    assert (syd.name, syd.answered, syd.median, syd.unanswered_late, syd.share_within) == ("Team Syd", 1, 0.0, 1, 50)
    assert result["total"].answered == 4 and result["total"].missed == 2 and result["total"].share_within == 60


def test_a_question_still_inside_its_deadline_is_waiting_not_missed(world):
    conversation(world, world["anne"], [("q", at(2, 9))])
    result = answer_times(dt.date(2026, 11, 1), dt.date(2026, 11, 2), now=at(2, 12))
    assert result["total"].waiting == 1 and result["total"].share_within is None


def test_page_names_unit_and_period_and_is_linked_from_ledelsesinfo(client, world):
    conversation(world, world["anne"], [("q", at(2, 9)), ("a", at(2, 11))])
    client.force_login(world["anne"].user)
    assert reverse("messaging:answer_times") in client.get(reverse("kpi:dashboard")).content.decode()
    page = client.get(reverse("messaging:answer_times"), {"start": "2026-11-01", "end": "2026-11-30"})
    body = page.content.decode()
    assert page.status_code == 200
    assert "Enhed: hele jobcentret og hvert team" in body and "1. nov 2026–30. nov 2026" in body
    assert "Team Nord" in body and "100 %" in body
    bad = client.get(reverse("messaging:answer_times"), {"start": "2026-11-30", "end": "2026-11-01"})
    assert bad.status_code == 400 and "Slutdatoen ligger før startdatoen." in bad.content.decode()


def test_mentors_do_not_see_answer_times(client, world):
    mentor = EmployeeFactory(team=world["nord"], roles=["mentor"])
    client.force_login(mentor.user)
    assert client.get(reverse("messaging:answer_times")).status_code == 403
