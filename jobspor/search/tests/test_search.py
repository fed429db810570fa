"""Search from every page: cases (scoped and logged exactly as the case list), companies and openings, with Danish
letters forgiven ("soren" finds Søren, "aa" finds å)."""

import pytest
from django.urls import reverse

from jobspor.audit.models import AccessLog
from jobspor.testing.factories import EmployeeFactory, TeamFactory, make_case, make_company, make_job


@pytest.fixture
def world(db):
    broker = EmployeeFactory(roles=["jobformidler"])
    outsider = EmployeeFactory(roles=["jobformidler"], team=TeamFactory())
    mine = make_case(primary=broker, name="Søren Ærø")
    other = make_case(primary=outsider, name="Søren Andersen")
    company = make_company(owner=broker, name="Åbybro Østergård ApS")
    make_job(company=company, title="Køkkenhjælp")
    return {"broker": broker, "mine": mine, "other": other, "company": company}


def test_soren_finds_soeren_in_scope_only_and_is_logged(client, world):
    client.force_login(world["broker"].user)
    body = client.get(reverse("search:search"), {"q": "soren"}).content.decode()
    assert "Søren Ærø" in body and "Søren Andersen" not in body
    log = AccessLog.objects.get(user_id=world["broker"].user.pk, action="search")
    assert log.citizen_id == world["mine"].citizen_id and "q=soren" in log.query


@pytest.mark.parametrize("term", ["aabybro", "abybro", "ostergard", "oestergaard", "ÅBYBRO"])
def test_company_found_however_the_letters_are_typed(client, world, term):
    client.force_login(world["broker"].user)
    assert "Åbybro Østergård ApS" in client.get(reverse("search:search"), {"q": term}).content.decode()


def test_opening_by_title_and_cvr_and_case_id(client, world):
    client.force_login(world["broker"].user)
    assert "Køkkenhjælp" in client.get(reverse("search:search"), {"q": "kokkenhjælp"}).content.decode()
    assert "Åbybro Østergård ApS" in client.get(reverse("search:search"),
                                                {"q": world["company"].cvr}).content.decode()
    assert "Søren Ærø" in client.get(reverse("search:search"), {"q": world["mine"].external_id}).content.decode()


def test_too_short_says_so_and_logs_nothing(client, world):
    client.force_login(world["broker"].user)
    body = client.get(reverse("search:search"), {"q": "s"}).content.decode()
    assert "Skriv mindst 2 tegn" in body
    assert not AccessLog.objects.filter(action="search").exists()


def test_search_field_on_every_staff_page(client, world):
    client.force_login(world["broker"].user)
    for name in ("companies:list", "jobs:list", "followup:my_tasks"):
        assert 'id="header-search"' in client.get(reverse(name)).content.decode()
