"""Each role starts where its work is (issue 13 point 8): after login, "/" sends a leader to Ledelsesinfo, a
jobformidler to Mine opgaver, a virksomhedskonsulent to Mine virksomheder and a mentor to their mentor assignments."""

import datetime as dt

import pytest
from django.urls import reverse

from jobspor.audit.models import AccessLog
from jobspor.mentors.catalogue import AREAS
from jobspor.mentors.services import mentor_assign
from jobspor.testing.factories import PASSWORD, EmployeeFactory, make_case


@pytest.mark.parametrize(("roles", "start"), [
    (["leder"], "kpi:dashboard"),
    (["jobformidler"], "followup:my_tasks"),
    (["virksomhedskonsulent"], "companies:mine"),
    (["mentor"], "mentors:mine"),
    (["myndighedssagsbehandler"], "cases:list"),
    (["jobformidler", "leder"], "kpi:dashboard"),
])
def test_login_lands_on_the_roles_start_page(client, db, roles, start):
    employee = EmployeeFactory(roles=roles)
    response = client.post(reverse("accounts:login"), {"username": employee.user.username, "password": PASSWORD},
                           follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].split("?")[0] == reverse(start)


def test_mentor_sees_own_assignments_logged(client, db):
    broker = EmployeeFactory(roles=["jobformidler"])
    mentor = EmployeeFactory(roles=["mentor"], team=broker.team)
    other = EmployeeFactory(roles=["mentor"], team=broker.team)
    mine = make_case(primary=broker, name="Mona Mentee")
    theirs = make_case(primary=broker, name="Olga Anden")
    for case, who in ((mine, mentor), (theirs, other)):
        mentor_assign(actor=broker.user, case=case, employee=who, areas=[AREAS[0].key], tasks="Følges til arbejde",
                          hours_per_week=2, starts=dt.date(2026, 1, 5))
    client.force_login(mentor.user)
    body = client.get(reverse("mentors:mine")).content.decode()
    assert "Mona Mentee" in body and "Olga Anden" not in body
    assert AccessLog.objects.filter(user_id=mentor.user.pk, action="list", citizen_id=mine.citizen_id).exists()
