"""The demo's example rates make the calculator usable in `make run`, and say plainly that they are examples."""

import datetime as dt
import random
from decimal import Decimal

import pytest
from faker import Faker

from jobspor.economy import demo
from jobspor.economy.models import Rate


@pytest.mark.django_db
def test_demo_rates_are_marked_as_unconfirmed_examples():
    demo.demo_extend(rng=random.Random(1), today=dt.date(2026, 12, 6), fake=Faker("da_DK"), say=print)
    rates = Rate.objects.filter(source=demo.SOURCE)
    assert rates.count() == len(demo.EXAMPLES)
    assert not rates.filter(confirmed=True).exists()
    assert rates.get(category="grundsats").amount == Decimal("7000")
    again = demo.demo_extend(rng=random.Random(1), today=dt.date(2026, 12, 6), fake=Faker("da_DK"), say=print)
    assert again[0][0] == 0  # nothing twice
