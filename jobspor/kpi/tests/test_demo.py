import datetime as dt

import pytest

from jobspor.demo.generator import demo_load
from jobspor.kpi import engine
from jobspor.kpi.models import Goal

from . import reference


@pytest.mark.django_db
def test_demo_goals_and_the_engine_on_demo_data():
    result = demo_load(cases=400, seed=3)
    goals = Goal.objects.count()
    assert goals > 2 and (goals, "mål", "mål") in result.extra
    assert Goal.objects.filter(milestones__isnull=False).distinct().count() == goals
    today = dt.date.today()
    start = today - dt.timedelta(days=364)
    # The demo data, too: engine and reference agree.
    for filters in ({}, {"fsm_group": 1}):
        assert engine.compute(engine.KpiQuery(start=start, end=today, **filters)) == reference.compute(
            reference.load(), start, today, **filters)
