"""The dashboard tables that count in their own queries, against plain computations from the rows."""

import datetime as dt
from collections import defaultdict

from jobspor.kpi import engine, selectors
from jobspor.kpi.engine import KpiQuery

from . import reference, scenario

START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


def plain_hours(data, query, key):
    """(cases with ordinary hours, ordinary hours) per `key(week)`, for the population's placements."""
    population = set(engine.population(query).values_list("pk", flat=True))
    case_of = {p["id"]: p["case_id"] for p in data["placements"]}
    cases, hours = defaultdict(set), defaultdict(float)
    for h in data["hours"]:
        case_id = case_of[h["placement_id"]]
        if case_id in population and query.start <= h["week"] <= query.end and h["ordinary_hours"] > 0:
            cases[key(h["week"])].add(case_id)
            hours[key(h["week"])] += float(h["ordinary_hours"])
    return [[k, len(cases[k]), hours[k]] for k in sorted(cases)]


def test_ordinary_hours_by_month_and_by_week(db):
    data = scenario.build(8, key_dates=[START, END])
    loaded = reference.load()
    for filters in ({}, {"team_ids": (data["teams"][0].pk,)}, {"fsm_group": 1}):
        year = KpiQuery(start=START, end=END, **filters)  # more than 26 weeks: by month
        table = selectors.hours_over_time(year, engine.population(year))
        assert table.rows == plain_hours(loaded, year, lambda week: f"{week:%Y-%m}"), filters
        assert len(table.rows) >= 6
        quarter = KpiQuery(start=dt.date(2025, 3, 3), end=dt.date(2025, 5, 31), **filters)  # by ISO week
        table = selectors.hours_over_time(quarter, engine.population(quarter))
        assert table.rows == plain_hours(loaded, quarter, lambda week: f"{week:%G-W%V}"), filters
