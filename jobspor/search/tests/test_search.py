"""Search from every page: cases (scoped and logged exactly as the case list), companies and openings, with Danish
letters forgiven ("soren" finds Søren, "aa" finds å)."""

import datetime as dt

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


# --- Danish letters, however they are typed ------------------------------------------------------------------

@pytest.mark.parametrize("term", ["Soren", "soren", "SØREN", "soeren", "Søren", "aero", "AERO", "Aeroe", "ærø"])
def test_name_found_however_the_danish_letters_are_typed(client, world, term):
    """ø as o or oe, æ as ae, any case: "Søren Ærø" is found."""
    client.force_login(world["broker"].user)
    assert "Søren Ærø" in client.get(reverse("search:search"), {"q": term}).content.decode()


@pytest.mark.parametrize("term", ["aase", "ase", "Åse", "AASE", "aaberg"])
def test_aa_finds_aa_letter(client, world, term):
    make_case(primary=world["broker"], name="Åse Åberg")
    client.force_login(world["broker"].user)
    assert "Åse Åberg" in client.get(reverse("search:search"), {"q": term}).content.decode()


def test_first_and_last_name_together(client, world):
    make_case(primary=world["broker"], name="Søren Hansen")
    client.force_login(world["broker"].user)
    body = client.get(reverse("search:search"), {"q": "soren han"}).content.decode()
    assert "Søren Hansen" in body and "Søren Ærø" not in body


# --- scope and access log --------------------------------------------------------------------------------------

def test_a_case_outside_the_scope_is_not_found_by_cpr_or_case_id_either(client, world):
    """The outsider's case is invisible to the broker however it is looked up, and nothing about it is logged as
    shown."""
    client.force_login(world["broker"].user)
    other = world["other"]
    for term in (other.citizen.cpr, other.external_id, "Andersen"):
        body = client.get(reverse("search:search"), {"q": term}).content.decode()
        assert "Søren Andersen" not in body, term
    assert not AccessLog.objects.filter(case_id=other.pk).exists()


def test_every_case_shown_is_logged_with_the_search(client, world):
    mine2 = make_case(primary=world["broker"], name="Søren Østergaard")
    client.force_login(world["broker"].user)
    client.get(reverse("search:search"), {"q": "sor"})
    logged = set(AccessLog.objects.filter(user_id=world["broker"].user.pk, action="search")
                 .values_list("case_id", flat=True))
    assert logged == {world["mine"].pk, mine2.pk}
    assert set(AccessLog.objects.filter(action="search").values_list("path", flat=True)) == {"/soeg/?q=sor"}


# --- best matches first, bounded work ---------------------------------------------------------------------------

def test_whole_name_word_before_longer_names(client, world):
    """ "jens" shows Jens before Jensen (the name-word index order), whatever order the cases were opened in."""
    broker = world["broker"]
    make_case(primary=broker, name="Anne Jensen", opened=dt.date(2025, 3, 1))
    make_case(primary=broker, name="Jens Berg", opened=dt.date(2024, 1, 1))
    client.force_login(broker.user)
    body = client.get(reverse("search:search"), {"q": "jens"}).content.decode()
    assert body.index("Jens Berg") < body.index("Anne Jensen")


def test_many_hits_show_the_first_and_count_up_to_the_cap(client, world, monkeypatch):
    from jobspor.cases import selectors
    from jobspor.search import services

    monkeypatch.setattr(selectors, "SEARCH_COUNT_CAP", 12)
    monkeypatch.setattr(services, "COUNT_CAP", 12)
    for n in range(14):
        make_case(primary=world["broker"], name=f"Jens Hansen{n:02d}")
    client.force_login(world["broker"].user)
    body = client.get(reverse("search:search"), {"q": "hansen"}).content.decode()
    assert body.count("Jens Hansen") == services.SHOWN
    assert "Sager (over 12)" in body and "Mere end 12 resultater" in body
    assert "Se alle sager i sagslisten" in body


def test_a_narrow_scope_still_finds_its_case_behind_many_others(client, world, monkeypatch):
    """The name words are walked a little at a time; a user who sees few of many matches still gets theirs."""
    from jobspor.cases import selectors

    monkeypatch.setattr(selectors, "_FIRST_WALK", 2)
    outsider = EmployeeFactory(roles=["jobformidler"], team=TeamFactory())
    for n in range(8):
        make_case(primary=outsider, name=f"Hans Jensen{n}")
    make_case(primary=world["broker"], name="Jensine Holm")
    client.force_login(world["broker"].user)
    body = client.get(reverse("search:search"), {"q": "jens"}).content.decode()
    assert "Jensine Holm" in body and "Hans Jensen" not in body
    assert "Sager (1)" in body


def test_query_count_does_not_grow_with_the_hits(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world["broker"].user)
    client.get(reverse("search:search"), {"q": "sor"})
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("search:search"), {"q": "sor"})
    for n in range(12):
        make_case(primary=world["broker"], name=f"Søren Sørensen{n}")
        make_job(company=world["company"], title=f"Sorteringsmedarbejder {n}")
    with CaptureQueriesContext(connection) as many:
        body = client.get(reverse("search:search"), {"q": "sor"}).content.decode()
    # Søren Ærø and the first 9 of the 12 Sørensens; 10 of the 12 openings.
    assert "Søren Ærø" in body and body.count("Søren Sørensen") == 9 and body.count("Sorteringsmedarbejder") == 10
    assert len(many) <= len(few) + 3  # the capped counts, asked only when a group is full
    assert len(many) <= 22
