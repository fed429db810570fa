"""Example rates for `jobspor demo`, so the calculator can be tried in `make run`.

No published source gives the base rates of the July 2025 kontanthjælp or the maximum dagpenge rate (see
spec/economy-sources.md). The demo fills that gap with round example amounts, marked not confirmed and named as
examples in their source, so every page shows "ikke bekræftet" beside them. Migrations never load these: a real
installation enters the ministry's rates in the administration."""

import datetime as dt
from decimal import Decimal

from .choices import Category, RateKind, Scheme
from .models import Rate

SOURCE = "DEMO: eksempelbeløb, ikke en gældende sats. Indtast Beskæftigelsesministeriets satser i administrationen."
EXAMPLES = [
    (RateKind.BASE, Category.MINDSTESATS, "6000"),
    (RateKind.BASE, Category.GRUNDSATS, "7000"),
    (RateKind.BASE, Category.FORHOEJET, "12000"),
    (RateKind.BASE, Category.HJEMMEBOENDE, "3500"),
    (RateKind.MAX_DAGPENGE, "", "20000"),
]


def demo_extend(*, rng, today, fake, say):
    made = 0
    for kind, category, amount in EXAMPLES:
        if Rate.objects.filter(scheme=Scheme.KONTANTHJAELP, kind=kind, category=category).exists():
            continue  # an administrator's (or an earlier demo's) rate stays
        Rate.objects.create(scheme=Scheme.KONTANTHJAELP, kind=kind, category=category, amount=Decimal(amount),
                            valid_from=dt.date(2025, 7, 1), source=SOURCE, confirmed=False,
                            note="Eksempel til demo – ikke bekræftet.")
        made += 1
    return [(made, "eksempelsats til ydelsesberegneren", "eksempelsatser til ydelsesberegneren")]
