"""Administrators add next year's rates in Django's admin, without code. The same rate never has two rows in force
on one day, and amounts are never negative (model validation in the admin; constraints in the database)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from jobspor.economy.models import EarningsRule, Rate


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("satsadmin", "s@example.dk", "pw-not-used")
    client.force_login(user)
    return client


def post_rate(client, **fields):
    data = {"scheme": "kontanthjaelp", "kind": "sats", "category": "grundsats", "amount": "7100",
            "valid_from": "2027-01-01", "valid_to": "", "source": "bm.dk, Satser for 2027", "confirmed": "on",
            "note": ""} | fields
    return client.post(reverse("admin:economy_rate_add"), data)


def test_an_administrator_adds_next_years_rate(admin_client):
    response = post_rate(admin_client)
    assert response.status_code == 302
    rate = Rate.objects.get(category="grundsats", valid_from=dt.date(2027, 1, 1))
    assert rate.amount == Decimal("7100") and rate.confirmed and rate.created_by.username == "satsadmin"


def test_an_overlapping_period_for_the_same_rate_is_refused(admin_client):
    assert post_rate(admin_client).status_code == 302  # 2027-01-01, open-ended
    response = post_rate(admin_client, valid_from="2027-06-01", amount="7200")
    body = response.content.decode()
    assert response.status_code == 200  # the form again, with the reason
    assert "Perioden overlapper en sats" in body and "01.01.2027" in body
    assert Rate.objects.filter(category="grundsats").count() == 1
    # Ending the old row first makes room for the new one.
    old = Rate.objects.get(category="grundsats")
    old.valid_to = dt.date(2027, 5, 31)
    old.full_clean()
    old.save()
    assert post_rate(admin_client, valid_from="2027-06-01", amount="7200").status_code == 302


def test_another_category_may_share_the_period(admin_client):
    assert post_rate(admin_client).status_code == 302
    assert post_rate(admin_client, category="forhoejet_sats", amount="12500").status_code == 302


def test_shipped_supplements_block_a_second_2025_row(admin_client):
    response = post_rate(admin_client, kind="boernetillaeg", category="", valid_from="2025-12-01",
                         valid_to="2026-01-31")
    assert "Perioden overlapper" in response.content.decode()


@pytest.mark.parametrize(("fields", "message"), [
    ({"amount": "-1"}, "Beløbet kan ikke være negativt."),
    ({"valid_to": "2026-12-31"}, "Slutdatoen ligger før startdatoen."),
    ({"kind": "boernetillaeg"}, "Et tillæg har ingen satskategori"),
    ({"category": ""}, "Vælg satskategorien."),
    ({"scheme": "sygedagpenge"}, "Kategorien hører ikke til ydelsen."),
    ({"source": " "}, "Dette felt er påkrævet."),
])
def test_bad_rates_are_refused_with_a_reason(admin_client, fields, message):
    response = post_rate(admin_client, **fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Rate.objects.filter(kind="sats").exists()


def test_an_earnings_rule_overlap_is_refused(admin_client):
    data = {"scheme": "kontanthjaelp", "category": "grundsats", "disregard_monthly": "5100", "disregard_per_hour": "0",
            "reduction_percent": "65", "full_deduction_at_percent": "85", "valid_from": "2026-01-01",
            "source": "aktivloven", "note": ""}
    response = admin_client.post(reverse("admin:economy_earningsrule_add"), data)
    assert "Perioden overlapper" in response.content.decode()  # the shipped rule runs from 1 July 2025, open-ended
    response = admin_client.post(reverse("admin:economy_earningsrule_add"), data | {"reduction_percent": "120"})
    assert "Angiv en procent mellem 0 og 100." in response.content.decode()


def test_the_database_refuses_a_negative_amount_too(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Rate.objects.create(scheme="kontanthjaelp", kind="sats", category="grundsats", amount=Decimal("-5"),
                            valid_from=dt.date(2027, 1, 1), source="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        EarningsRule.objects.create(scheme="kontanthjaelp", category="grundsats", reduction_percent=Decimal("150"),
                                    valid_from=dt.date(2030, 1, 1), source="x")


def test_model_validation_without_the_admin(db):
    rate = Rate(scheme="kontanthjaelp", kind="boernetillaeg", amount=Decimal("2900"), valid_from=dt.date(2025, 9, 1),
                source="x")
    with pytest.raises(ValidationError) as caught:
        rate.full_clean()
    assert "valid_from" in caught.value.message_dict


@pytest.mark.parametrize("valid_from", [dt.date(2025, 12, 1), dt.date(2025, 7, 1), dt.date(2025, 1, 1)])
def test_the_database_refuses_an_overlap_that_goes_around_the_admin(db, valid_from):
    # The shipped børnetillæg runs 1 July – 31 December 2025; a bulk load must not add a second row for those days.
    with pytest.raises(IntegrityError), transaction.atomic():
        Rate.objects.create(scheme="kontanthjaelp", kind="boernetillaeg", category="", amount=Decimal("1"),
                            valid_from=valid_from, valid_to=None, source="script")
    shipped = Rate.objects.get(kind="boernetillaeg")
    shipped.valid_to = None  # open-ended is fine on its own …
    shipped.save()
    Rate.objects.create(scheme="kontanthjaelp", kind="sats", category="grundsats", amount=Decimal("1"),
                        valid_from=dt.date(2027, 1, 1), source="x")
    with pytest.raises(IntegrityError), transaction.atomic():  # … but not a rule starting inside the shipped one
        EarningsRule.objects.create(scheme="kontanthjaelp", category="grundsats", reduction_percent=Decimal("50"),
                                    valid_from=dt.date(2026, 1, 1), source="script")


def test_the_database_allows_adjacent_periods(db):
    Rate.objects.create(scheme="kontanthjaelp", kind="boernetillaeg", category="", amount=Decimal("2900"),
                        valid_from=dt.date(2026, 1, 1), source="bm.dk")
    assert Rate.objects.filter(kind="boernetillaeg").count() == 2
