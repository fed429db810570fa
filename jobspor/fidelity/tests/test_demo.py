"""The demo gives the demo leader's team answered cycles, so its chart of fidelity beside results has lines."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from jobspor.demo.generator import demo_load
from jobspor.fidelity.models import Answer, Cycle
from jobspor.organisation.models import Employee


@pytest.mark.django_db
def test_the_demo_team_has_answered_cycles(client):
    demo_load(cases=40, seed=3)
    team = Employee.objects.get(user__username="leder").team
    cycles = list(Cycle.objects.filter(team=team).order_by("start"))
    assert len(cycles) == 4
    assert [Answer.objects.filter(cycle=c).count() for c in cycles[:3]] == [46, 46, 46]
    assert 0 < Answer.objects.filter(cycle=cycles[3]).count() < 46
    assert not Answer.objects.exclude(action="").filter(action_owner__isnull=True).exists()
    client.force_login(get_user_model().objects.get(username="leder"))
    body = client.get(reverse("fidelity:team", args=[team.pk])).content.decode()
    assert body.count("<polyline") >= 2  # fidelity and at least one result over several quarters
