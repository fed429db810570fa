"""Worked examples, computed by hand from the rule texts, against the calculator.

The earnings rule and the 2025 supplements are the rows the migration ships (economy-sources.md):
  grundsats/mindstesats: 5.000 kr./md. disregarded, then 65 %, krone for krone from 85 % of the maximum dagpenge rate;
  forhøjet sats: 2.500 kr. disregarded, then 65 %, krone for krone from 100 %;
  hjemmeboende: no disregard, 65 % from the first krone.
The sources give NO base rates and no maximum dagpenge rate, so each test adds its own, clearly made-up figures
(HYPOTHETICAL_*) — they test the arithmetic, not the law's amounts.
A month of earnings = hourly wage × hours per week × 52/12.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from jobspor.economy.calculator import Situation, calculate
from jobspor.economy.models import EarningsRule, Rate

DAY = dt.date(2025, 10, 1)
HYPOTHETICAL_GRUNDSATS = Decimal("7000")
HYPOTHETICAL_FORHOEJET = Decimal("12000")
HYPOTHETICAL_HJEMMEBOENDE = Decimal("3500")
HYPOTHETICAL_MAX_DAGPENGE = Decimal("20000")  # per month


def add_rate(category, amount, kind="sats", confirmed=True, valid_from=dt.date(2025, 7, 1), valid_to=None):
    return Rate.objects.create(scheme="kontanthjaelp", kind=kind, category=category, amount=amount,
                               valid_from=valid_from, valid_to=valid_to, source="test", confirmed=confirmed)


@pytest.fixture
def rates(db):
    add_rate("grundsats", HYPOTHETICAL_GRUNDSATS)
    add_rate("forhoejet_sats", HYPOTHETICAL_FORHOEJET)
    add_rate("hjemmeboende", HYPOTHETICAL_HJEMMEBOENDE)
    add_rate("", HYPOTHETICAL_MAX_DAGPENGE, kind="hoejeste_dagpengesats")


def situation(**kw):
    base = {"scheme": "kontanthjaelp", "category": "grundsats", "day": DAY, "hourly_wage": Decimal("150"),
            "hours_per_week": Decimal("10")}
    return Situation(**(base | kw))


def test_the_migration_ships_the_sourced_rows(db):
    assert EarningsRule.objects.filter(scheme="kontanthjaelp").count() == 4
    assert not EarningsRule.objects.filter(confirmed=True).exists()  # the earnings rule is unconfirmed
    assert Rate.objects.get(kind="boernetillaeg").amount == Decimal("2784")
    assert not Rate.objects.filter(kind="sats").exists()  # no base rate is in the sources: none is shipped


def test_grundsats_10_hours_at_150_kr(rates):
    # Hours per month: 10 × 52/12 = 43,333…; earnings 150 × 43,333… = 6.500,00 kr.
    # Over the disregard: 6.500 − 5.000 = 1.500; deducted 65 % × 1.500 = 975,00.
    # Benefit 7.000 − 975 = 6.025,00. Limit 85 % × 20.000 = 17.000; 6.025 + 6.500 = 12.525 < 17.000: no cap.
    # Income 12.525,00; without hours 7.000,00; gain 5.525,00.
    # Next hour: the citizen keeps 35 % of 150 = 52,50 kr.
    r = calculate(situation())
    assert round(r.with_hours.earnings, 2) == Decimal("6500.00")
    assert round(r.with_hours.benefit, 2) == Decimal("6025.00")
    assert round(r.with_hours.income, 2) == Decimal("12525.00")
    assert round(r.without.income, 2) == Decimal("7000.00")
    assert round(r.gain, 2) == Decimal("5525.00")
    assert r.keep_per_hour == Decimal("52.50") and r.keep_share == 35


def test_within_the_disregard_every_krone_is_kept(rates):
    # 5 hours: 150 × 5 × 52/12 = 3.250 kr. < 5.000 disregard: benefit stays 7.000, income 10.250, keep 150 per hour.
    r = calculate(situation(hours_per_week=Decimal("5")))
    assert round(r.with_hours.benefit, 2) == Decimal("7000.00")
    assert round(r.with_hours.income, 2) == Decimal("10250.00")
    assert r.keep_per_hour == Decimal("150.00")


def test_forhoejet_sats_single_reaches_the_krone_for_krone_limit(rates):
    # Forhøjet sats 12.000 + tillæg til enlige ikke-forsørgere 1.092 (2025) = 13.092.
    # 25 hours at 140 kr.: 140 × 25 × 52/12 = 15.166,67 kr.
    # 65 % of (15.166,67 − 2.500) = 8.233,33 → soft benefit 13.092 − 8.233,33 = 4.858,67.
    # 4.858,67 + 15.166,67 = 20.025,33 > limit 100 % × 20.000 → krone for krone: benefit 20.000 − 15.166,67 = 4.833,33.
    # Income 20.000,00; gain 20.000 − 13.092 = 6.908,00; the next hour is all deducted: keep 0,00.
    r = calculate(situation(category="forhoejet_sats", single=True, hourly_wage=Decimal("140"),
                            hours_per_week=Decimal("25")))
    assert round(r.with_hours.benefit, 2) == Decimal("4833.33")
    assert round(r.with_hours.income, 2) == Decimal("20000.00")
    assert round(r.gain, 2) == Decimal("6908.00")
    assert r.keep_per_hour == Decimal("0.00")
    # The benefit stops where earnings alone reach the limit: 20.000 / 140 / (52/12) = 32,97 → 33,0 hours a week.
    assert r.benefit_stops_at == Decimal("33.0")


def test_hjemmeboende_65_percent_from_the_first_krone(rates):
    # 8 hours at 130 kr.: 130 × 8 × 52/12 = 4.506,67; 65 % = 2.929,33 → benefit 3.500 − 2.929,33 = 570,67.
    # Income 5.077,33, gain 1.577,33. Benefit 0 when 0,65 × E = 3.500 → E = 5.384,62 → 5.384,62/130/(52/12)
    # = 9,56 hours a week → 9,6.
    r = calculate(situation(category="hjemmeboende", hourly_wage=Decimal("130"), hours_per_week=Decimal("8")))
    assert round(r.with_hours.benefit, 2) == Decimal("570.67")
    assert round(r.gain, 2) == Decimal("1577.33")
    assert r.benefit_stops_at == Decimal("9.6")


def test_grundsats_single_provider_activity_ready_gets_the_supplements(rates):
    # 7.000 + børnetillæg 2.784 + enlige forsørgere 1.638 + særligt ungetillæg (forsørger) 2.590 = 14.012 kr.
    r = calculate(situation(provider=True, single=True, activity_ready=True, age_band="25_29",
                            hours_per_week=Decimal("0")))
    assert round(r.without.income, 2) == Decimal("14012.00")
    labels = [u.label for u in r.used]
    assert "Børnetillæg" in labels and "Tillæg til enlige forsørgere" in labels


def test_rows_cover_0_to_37_hours_and_mark_the_chosen(rates):
    r = calculate(situation(hours_per_week=Decimal("12")))
    assert [row.hours_per_week for row in r.rows][:3] == [0, 5, 10]
    assert [row.hours_per_week for row in r.rows if row.is_chosen] == [Decimal("12")]
    assert r.rows[0].gain == 0


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"hours_per_week": Decimal("-1")}, "hours_per_week", "negative"),
    ({"hours_per_week": Decimal("61")}, "hours_per_week", "60 timer"),
    ({"hourly_wage": Decimal("0")}, "hourly_wage", "over 0 kr"),
    ({"hourly_wage": Decimal("5000")}, "hourly_wage", "ikke realistisk"),
    ({"category": "standard"}, "category", "findes ikke"),
    ({"scheme": "noget"}, "scheme", "Vælg en ydelse"),
])
def test_input_that_makes_no_sense_is_refused(rates, change, field, message):
    with pytest.raises(ValidationError) as caught:
        calculate(situation(**change))
    assert message in " ".join(caught.value.message_dict[field])


def test_a_day_with_no_rate_in_force_is_refused(rates):
    # The 2025 supplements end 31 December 2025; the made-up base rate is open-ended: a provider in 2026 fails.
    with pytest.raises(ValidationError) as caught:
        calculate(situation(day=dt.date(2026, 3, 1), provider=True))
    assert "ingen sats for kontanthjælp, børnetillæg, der gælder 1. marts 2026" in caught.value.messages[0]
    with pytest.raises(ValidationError) as caught:
        calculate(situation(day=dt.date(2025, 6, 30)))  # before the new system: no rate, no rule
    assert "ingen sats" in caught.value.messages[0]


def test_without_a_base_rate_nothing_is_computed(db):
    with pytest.raises(ValidationError) as caught:
        calculate(situation(category="mindstesats"))
    assert "ingen sats for kontanthjælp, mindstesats" in caught.value.messages[0]


def test_unconfirmed_rows_are_flagged(rates):
    r = calculate(situation())
    assert r.unconfirmed  # the shipped earnings rule is unconfirmed
    assert [u.confirmed for u in r.used if u.label == "Fradrag for løn"] == [False]
