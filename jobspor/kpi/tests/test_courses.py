"""courses_found (day numbers, no call per row) decides as _run_weeks and has_course do on dates."""

import datetime as dt
import random
from collections import defaultdict

from jobspor.kpi import engine
from jobspor.kpi.engine import KpiQuery


def by_dates(rows, query, members=None):
    at_company = defaultdict(list)
    for case_id, company_id, start, end in rows:
        if start <= query.end and (members is None or case_id in members):
            at_company[case_id, company_id].append(engine._run_weeks(start, end, query.end))
    return {case_id for (case_id, _c), periods in at_company.items() if engine.has_course(periods, query)}


def test_day_numbers_decide_as_dates_do_on_random_placements():
    rng = random.Random(16)
    base = dt.date(2025, 1, 1)
    for _ in range(200):
        rows = []
        for case_id in range(30):
            for _p in range(rng.choice([1, 1, 2, 3])):
                start = base + dt.timedelta(days=rng.randrange(0, 600))
                end = None if rng.random() < 0.3 else start + dt.timedelta(days=rng.randrange(0, 200))
                rows.append((case_id, rng.choice([1, 2]), start, end))
        first = base + dt.timedelta(days=rng.randrange(0, 500))
        query = KpiQuery(start=first, end=first + dt.timedelta(days=rng.randrange(0, 400)))
        members = set(rng.sample(range(30), 20)) if rng.random() < 0.5 else None
        numbers = [(c, k, s.toordinal(), e.toordinal() if e else None) for c, k, s, e in rows]
        assert engine.courses_found(numbers, query, members=members) == by_dates(rows, query, members)
