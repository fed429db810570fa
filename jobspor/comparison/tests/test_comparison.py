"""Comparison with a comparison group (issue 14 point 5): the engine's shares, Newcombe's interval, bad input."""

import datetime as dt

import pytest
from django.urls import reverse

from jobspor.comparison.stats import difference, wilson
from jobspor.placements.models import Placement
from jobspor.testing.factories import EmployeeFactory, make_case, make_company

START, END = dt.date(2026, 7, 1), dt.date(2026, 9, 30)


def test_wilson_and_newcombe_match_published_values():
    # Newcombe (1998), table II, example (a): 56/70 against 48/80 → difference 0.2000, interval 0.0524 to 0.3339.
    result = difference(56, 70, 48, 80)
    assert round(result.diff, 4) == 0.2
    assert (round(result.low, 4), round(result.high, 4)) == (0.0524, 0.3339)
    assert result.clear
    low, high = wilson(0, 10)
    assert low == 0 and round(high, 4) == 0.2775
    assert not difference(1, 10, 2, 10).clear  # small groups: no clear difference


@pytest.fixture
def leader(team):
    return EmployeeFactory(team=team, roles=["leder"], name="Lis Leder")


def _placed(case, company, start):
    Placement.objects.create(case=case, company=company, kind="virksomhedspraktik", start=start,
                             planned_end=start + dt.timedelta(weeks=13), status="active", external_id=f"P-{case.pk}")


def test_a_team_against_another_team(client, leader, team, other_team, job_broker):
    company = make_company()
    for n in range(4):
        case = make_case(primary=job_broker, name=f"Nord {n}", opened=dt.date(2026, 1, 5))
        if n < 3:
            _placed(case, company, dt.date(2026, 8, 3))
    stranger = EmployeeFactory(team=other_team, roles=["jobformidler"])
    for n in range(5):
        make_case(primary=stranger, name=f"Syd {n}", opened=dt.date(2026, 1, 5))
    client.force_login(leader.user)
    page = client.get(reverse("comparison:page"), {"team": team.pk, "start": START, "end": END, "kind": "team",
                                                   "other_team": other_team.pk})
    assert page.status_code == 200
    html = page.content.decode()
    assert "samvariation, ikke en effekt" in html
    rows = {r.key: r for _label, r in page.context["rows"]}
    assert (rows["company_placement"].k1, rows["company_placement"].n1) == (3, 4)
    assert (rows["company_placement"].k2, rows["company_placement"].n2) == (0, 5)
    assert "+75,0" in html or "+75.0" in html


@pytest.mark.parametrize("params, message", [
    ({"kind": "team"}, "Vælg det team, der skal sammenlignes med."),
    ({"kind": "rest"}, "Vælg et team: resten af jobcentret er så sammenligningsgruppen."),
    ({"kind": "year_before", "end": "2099-01-01"}, "resultater fra fremtiden findes ikke"),
    ({"kind": "year_before", "start": "2026-09-30", "end": "2026-07-01"}, "Perioden slutter før den begynder"),
])
def test_bad_input_gives_a_danish_message_and_no_number(client, leader, params, message):
    client.force_login(leader.user)
    page = client.get(reverse("comparison:page"), {"start": START, "end": END, **params})
    assert page.status_code == 400 and message in page.content.decode()
    assert "rows" not in page.context


def test_an_empty_comparison_group_gives_a_message_and_no_number(client, leader, team, job_broker):
    make_case(primary=job_broker, name="Kun Nu", opened=dt.date(2026, 6, 1))
    client.force_login(leader.user)
    page = client.get(reverse("comparison:page"), {"team": team.pk, "start": START, "end": END,
                                                   "kind": "year_before"})
    assert page.status_code == 200
    assert "Sammenligningsgruppen har ingen sager i perioden" in page.content.decode()
    assert page.context["rows"] == []


def test_only_leaders(client, job_broker):
    client.force_login(job_broker.user)
    assert client.get(reverse("comparison:page")).status_code == 403
