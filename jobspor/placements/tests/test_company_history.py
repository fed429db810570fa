import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from jobspor.audit.models import AccessLog
from jobspor.companies import activity
from jobspor.placements import services
from jobspor.testing.factories import EmployeeFactory


@pytest.mark.django_db
def test_every_staff_member_sees_which_placements_gave_ordinary_hours_and_for_which_tasks(
        client, placement, company, other_team):
    weeks = [{"week": dt.date(2025, 3, d), "internship_hours": 10, "ordinary_hours": 0} for d in (3, 10, 17)]
    weeks[-1]["ordinary_hours"] = Decimal("4")
    services.hours_save(actor=None, placement=placement, weeks=weeks)
    url = reverse("companies:detail", args=[company.pk]) + "?fane=historik"

    outsider = EmployeeFactory(team=other_team, roles=["virksomhedskonsulent"])
    client.force_login(outsider.user)
    page = client.get(url).content.decode()
    assert "Opgaver, der er blevet til ordinære timer:" in page and "pakke varer" in page
    assert "en borger" in page and "Jens Hansen" not in page  # not the outsider's case
    assert not AccessLog.objects.filter(user_id=outsider.user.pk, citizen_id=placement.case.citizen_id).exists()

    insider = EmployeeFactory(team=placement.case.team, roles=["jobformidler"])
    client.force_login(insider.user)
    page = client.get(url).content.decode()
    assert "Jens Hansen" in page and "(1 uge)" in page
    assert AccessLog.objects.filter(user_id=insider.user.pk, citizen_id=placement.case.citizen_id,
                                    purpose="Virksomhedens historik").exists()


@pytest.mark.django_db
def test_placements_count_in_the_company_activity_score(placement, company):
    services.hours_save(actor=None, placement=placement, weeks=[
        {"week": dt.date(2025, 3, 10), "internship_hours": 6, "ordinary_hours": 2}])
    assert activity.scores([company.pk], dt.date(2025, 6, 1))[company.pk] >= 2
