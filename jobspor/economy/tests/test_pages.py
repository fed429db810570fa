"""The calculator's three pages: on the case (checked and access-logged), on Min side (own case, own read logged)
and in Virksomhedsindgang (no citizen's data). Bad input gives a Danish message and no result."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from jobspor.audit.models import AccessLog
from jobspor.testing.factories import (
    EmployeeFactory,
    citizen_login,
    company_login,
    make_case,
    make_company,
    make_company_user,
)

from .test_calculator import add_rate

DAY = "2025-10-01"
QUERY = {"scheme": "kontanthjaelp", "category": "grundsats", "hourly_wage": "150", "hours_per_week": "10",
         "day": DAY}


@pytest.fixture
def rates(db):
    add_rate("grundsats", Decimal("7000"))  # made-up base rate (the sources give none)
    add_rate("forhoejet_sats", Decimal("12000"))
    add_rate("", Decimal("20000"), kind="hoejeste_dagpengesats")


@pytest.fixture
def broker(db):
    return EmployeeFactory(roles=["jobformidler"])


@pytest.fixture
def case(broker):
    # Born 1 January 1990: 35 on 1 October 2025 → prefilled forhøjet sats.
    return make_case(primary=broker, name="Karen Kalkule", benefit="kontanthjaelp_aktivitetsparat")


def test_staff_page_is_prefilled_from_the_case_and_logged(client, broker, case, rates):
    client.force_login(broker.user)
    response = client.get(reverse("economy:case", args=[case.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Karen Kalkule" in body and "Hvad giver ordinære timer borgeren?" in body
    assert 'value="forhoejet_sats" selected' in body or 'value="forhoejet_sats"  selected' in body
    entry = AccessLog.objects.filter(user_id=broker.user.pk, citizen_id=case.citizen_id).latest("id")
    assert entry.action == "view" and entry.purpose.startswith("Økonomiberegning")


def test_staff_page_computes_and_shows_chart_table_and_unconfirmed(client, broker, case, rates):
    client.force_login(broker.user)
    response = client.get(reverse("economy:case", args=[case.pk]), QUERY)
    body = response.content.decode()
    assert response.status_code == 200
    assert "12.525 kr." in body  # 7.000 − 975 + 6.500 (worked example in test_calculator)
    assert "5.525 kr." in body  # the gain
    assert "<svg" in body and "Tabellen bag grafen" in body
    assert "ikke bekræftet" in body  # the shipped earnings rule is unconfirmed
    assert "Ikke med i beregningen" in body and "skat" in body


def test_the_case_page_has_an_economy_tab(client, broker, case):
    client.force_login(broker.user)
    body = client.get(reverse("cases:detail", args=[case.pk]) + "?fane=oekonomi").content.decode()
    assert reverse("economy:case", args=[case.pk]) in body


def test_out_of_scope_case_is_refused_and_logged(client, case, rates):
    stranger = EmployeeFactory(roles=["jobformidler"])
    client.force_login(stranger.user)
    response = client.get(reverse("economy:case", args=[case.pk]), QUERY)
    assert response.status_code == 403
    assert "Karen Kalkule" not in response.content.decode()
    assert AccessLog.objects.filter(user_id=stranger.user.pk, citizen_id=case.citizen_id, action="denied").exists()


@pytest.mark.parametrize(("change", "message"), [
    ({"hours_per_week": "-3"}, "Timer pr. uge kan ikke være negative."),
    ({"hours_per_week": "80"}, "Mere end 60 timer om ugen giver ikke mening her."),
    ({"hourly_wage": "0"}, "Timelønnen skal være over 0 kr."),
    ({"hourly_wage": "99999"}, "ikke realistisk"),
    ({"category": "ukendt"}, "Marker en gyldig valgmulighed"),
    ({"category": "standard"}, "Satskategorien findes ikke for den valgte ydelse."),
    ({"day": "2024-01-01"}, "Der er ingen sats for kontanthjælp, grundsats, der gælder 1. januar 2024."),
    ({"hourly_wage": "mange"}, "Indtast et tal."),
])
def test_bad_input_is_a_danish_message_and_nothing_is_computed(client, broker, case, rates, change, message):
    client.force_login(broker.user)
    response = client.get(reverse("economy:case", args=[case.pk]), QUERY | change)
    body = response.content.decode()
    assert response.status_code == 400
    assert message in body
    assert "Resultat pr. måned" not in body and "<svg" not in body


def test_minside_prefills_from_own_case_and_logs_own_read(client, case, rates):
    user = citizen_login(client, case.citizen)
    response = client.get(reverse("minside:economy"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ordinære timer og min økonomi" in body
    assert reverse("minside:economy") in body  # the menu entry now exists
    entry = AccessLog.objects.filter(user_id=user.pk).latest("id")
    assert entry.citizen_id == case.citizen_id and entry.purpose == "Borgerens egen visning på Min side"
    response = client.get(reverse("minside:economy"), QUERY)
    assert response.status_code == 200 and "12.525 kr." in response.content.decode()
    assert "ikke bekræftet" in response.content.decode()


def test_minside_shows_only_the_citizens_own_case(client, broker, case, rates):
    other = make_case(primary=broker, name="Anden Borger", birth="010105", benefit="ledighedsydelse",
                      fleksjob_visitated=True)
    user = citizen_login(client, other.citizen)
    body = client.get(reverse("minside:economy")).content.decode()
    # Prefilled from the other citizen's OWN case (ledighedsydelse), never from Karen's.
    assert 'value="ledighedsydelse" selected' in body
    assert "Karen Kalkule" not in body
    assert not AccessLog.objects.filter(citizen_id=case.citizen_id, user_id=user.pk).exists()


def test_minside_other_benefit_without_rates_says_so(client, broker, rates):
    other = make_case(primary=broker, name="Anden Borger", birth="010105", benefit="ledighedsydelse",
                      fleksjob_visitated=True)
    citizen_login(client, other.citizen)
    response = client.get(reverse("minside:economy"), QUERY | {"scheme": "ledighedsydelse", "category": "standard"})
    assert response.status_code == 400
    assert "Der er ingen sats for ledighedsydelse, almindelig sats" in response.content.decode()


def test_company_page_has_no_citizen_and_logs_nothing(client, broker, case, rates):
    company_user = make_company_user(company=make_company(owner=broker))
    company_login(client, company_user)
    before = AccessLog.objects.count()
    response = client.get(reverse("virk:economy"), QUERY | {"category": "forhoejet_sats", "single": "on"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Hvad giver ordinære timer borgeren?" in body and "Karen Kalkule" not in body
    assert "Tillæg til enlige ikke-forsørgere" in body  # the 2025 supplement applies to a single on forhøjet sats
    assert AccessLog.objects.count() == before


@pytest.mark.parametrize("url_name", ["minside:economy", "virk:economy"])
def test_phone_first_form_has_decimal_keyboard(client, broker, case, url_name):
    if url_name == "minside:economy":
        citizen_login(client, case.citizen)
    else:
        company_login(client, make_company_user(company=make_company(owner=broker)))
    body = client.get(reverse(url_name)).content.decode()
    assert 'inputmode="decimal"' in body and 'name="viewport"' in body


def test_day_defaults_to_today(client, broker, case):
    client.force_login(broker.user)
    body = client.get(reverse("economy:case", args=[case.pk])).content.decode()
    assert dt.date.today().isoformat() in body


def test_english_with_the_language_cookie(client, broker, case, rates):
    from django.conf import settings

    client.force_login(broker.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(reverse("economy:case", args=[case.pk]), QUERY).content.decode()
    assert "What do ordinary hours give the citizen?" in body
    assert "not confirmed" in body and "Of each extra hour you keep" in body


def test_a_benefit_the_calculator_does_not_cover_is_said(client, broker, rates):
    case = make_case(primary=broker, name="Dagmar Dagpenge", benefit="a_dagpenge")
    client.force_login(broker.user)
    body = client.get(reverse("economy:case", args=[case.pk])).content.decode()
    assert "Beregneren har ikke regler for A-dagpenge" in body


def test_danish_decimal_comma_is_read(client, broker, case, rates):
    client.force_login(broker.user)
    response = client.get(reverse("economy:case", args=[case.pk]),
                          QUERY | {"hourly_wage": "150,00", "hours_per_week": "10,0"})
    assert response.status_code == 200 and "12.525 kr." in response.content.decode()
