"""The rates and rules the sources support (shared/spec/economy-sources.md, December 2026). Nothing else is shipped:
a rate the sources do not give (e.g. kontanthjælp's base rates, the maximum dagpenge rate, ledighedsydelse,
ressourceforløbsydelse, sygedagpenge) is left for an administrator to add with its source, and until then the
calculator says that it is missing instead of guessing."""

import datetime as dt
from decimal import Decimal

from django.db import migrations

NEW_SYSTEM = dt.date(2025, 7, 1)
KALUNDBORG = ("https://kalundborg.dk/service-and-selvbetjening/job-and-ledighed/hvis-du-bliver-ledig/kontanthjaelp-/"
              "kontanthjaelp/tillaeg-til-kontanthjaelp (\u201cSatser 2025\u201d)")
AGREEMENT = ("lundsteenwiederquist.dk, artikel 1. november 2023, der gengiver Beskæftigelsesministeriets faktaark om "
             "aftalen om et nyt kontanthjælpssystem (oktober 2023)")

# Supplements 2025, kr. per month. Kalundborg: "Satserne bliver opdateret hver januar" — so they end 31 Dec 2025.
SUPPLEMENTS_2025 = [
    ("boernetillaeg", "2784"),
    ("enlig_forsoerger", "1638"),
    ("enlig_ikke_forsoerger", "1092"),
    ("ungetillaeg_18_24", "1036"),
    ("ungetillaeg_25_29", "2590"),
    ("ungetillaeg_forsoerger", "2590"),
]

# Earnings rule of the new system, as the agreement was summarised — NOT confirmed from the law text:
# (category, monthly disregard, percent deducted above it, krone for krone from this % of the maximum dagpenge rate)
EARNINGS_2025 = [
    ("mindstesats", "5000", "65", "85"),
    ("grundsats", "5000", "65", "85"),
    ("forhoejet_sats", "2500", "65", "100"),
    ("hjemmeboende", "0", "65", None),  # the source gives no krone-for-krone limit for this rate
]


def ship(apps, schema_editor):
    Rate = apps.get_model("economy", "Rate")
    EarningsRule = apps.get_model("economy", "EarningsRule")
    for kind, amount in SUPPLEMENTS_2025:
        Rate.objects.get_or_create(
            scheme="kontanthjaelp", kind=kind, category="", valid_from=NEW_SYSTEM,
            defaults={"valid_to": dt.date(2025, 12, 31), "amount": Decimal(amount), "source": KALUNDBORG,
                      "confirmed": True,
                      "note": "Bekræftet i economy-sources.md (kommunens gengivelse af satserne for 2025)."})
    for category, disregard, percent, full_at in EARNINGS_2025:
        EarningsRule.objects.get_or_create(
            scheme="kontanthjaelp", category=category, valid_from=NEW_SYSTEM,
            defaults={"disregard_monthly": Decimal(disregard), "reduction_percent": Decimal(percent),
                      "full_deduction_at_percent": Decimal(full_at) if full_at else None,
                      "source": AGREEMENT, "confirmed": False,
                      "note": "Ikke bekræftet af lovteksten (aktivloven efter L 13, 2024/1). Beløbet kan være "
                              "reguleret siden aftalen."})


def unship(apps, schema_editor):
    apps.get_model("economy", "Rate").objects.filter(valid_from=NEW_SYSTEM, source=KALUNDBORG).delete()
    apps.get_model("economy", "EarningsRule").objects.filter(valid_from=NEW_SYSTEM, source=AGREEMENT).delete()


class Migration(migrations.Migration):
    dependencies = [("economy", "0001_initial")]
    operations = [migrations.RunPython(ship, unship)]
