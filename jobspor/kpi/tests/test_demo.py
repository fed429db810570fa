import datetime as dt

import pytest

from jobspor.demo.generator import demo_load
from jobspor.kpi import engine, measures
from jobspor.kpi.models import Goal, PlannedVisitation

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
    # Issue 14: planned visitations per team and quarter, and visitations to hold them against.
    plans = PlannedVisitation.objects.count()
    assert plans > 0 and (plans, "planlagte visitationer", "planlagte visitationer") in result.extra
    quarters = measures.quarters_overlapping(start, today)
    rows = measures.visitations_planned_actual(None, quarters)
    assert any(r.planned for r in rows) and any(r.actual for r in rows)
