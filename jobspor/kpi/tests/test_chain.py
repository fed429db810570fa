import datetime as dt

from jobspor.cases.models import Case
from jobspor.kpi import chain

from . import scenario

ON = dt.date(2025, 6, 15)


def plain_stage(case, on, data):
    """Stage by hand from plain rows (kpi.md's table), for comparison."""
    from . import reference
    dates = {0: case["opened"]}
    # Stage 1 as has_cv (kpi.md v2): the first competency, task or experience entry, by the entry's own date.
    mine_cvs = {cv["id"] for cv in data["cvs"] if cv["citizen_id"] == case["citizen_id"]}
    entries = [i["created"] for i in data["items"] if i["kind"] in ("competency", "task") and i["cv_id"] in mine_cvs]
    entries += [e["created"] for e in data["experience"] if e["cv_id"] in mine_cvs]
    entries = [d for d in entries if d <= on]
    if entries:
        dates[1] = min(entries)
    cv_ids = {cv["id"] for cv in data["cvs"] if cv["citizen_id"] == case["citizen_id"]}
    goals = [g["set_on"] for g in data["goals"] if g["cv_id"] in cv_ids and g["set_on"] <= on]
    if goals:
        dates[2] = min(goals)
    mine = {p["id"]: p for p in data["placements"] if p["case_id"] == case["id"]}
    starts = [p["start"] for p in mine.values() if p["kind"] in reference.COMPANY_KINDS and p["start"] <= on]
    if starts:
        dates[3] = min(starts)
    signed = [a["signed_on"] for a in data["agreements"]
              if a["placement_id"] in mine and a["signed_on"] and a["signed_on"] <= on]
    if signed:
        dates[4] = min(signed)
    weekly = {}
    for h in data["hours"]:
        if h["placement_id"] in mine and h["week"] <= on:
            weekly[h["week"]] = weekly.get(h["week"], 0) + h["ordinary_hours"]
    ordinary_weeks = sorted(w for w, s in weekly.items() if s > 0)
    if ordinary_weeks:
        first = ordinary_weeks[0]
        dates[5] = first
        more = [w for w in sorted(weekly) if w > first and weekly[w] > weekly[first]]
        if more:
            dates[6] = more[0]
    stage = max(dates)
    return stage, (on - dates[stage]).days


def test_stage_and_days_agree_with_a_plain_computation(db):
    from . import reference
    scenario.build(21, key_dates=[ON])
    data = reference.load()
    rows = chain.chain_rows(Case.objects.all(), ON)
    active = [c for c in data["cases"] if c["opened"] <= ON and (c["closed"] is None or c["closed"] >= ON)]
    assert len(rows) == len(active) > 20
    by_id = {c["id"]: c for c in active}
    stages_seen = set()
    for row in rows:
        expected = plain_stage(by_id[row["pk"]], ON, data)
        assert (row["stage"], row["days_in_stage"]) == expected, row
        stages_seen.add(row["stage"])
    assert len(stages_seen) >= 5
    counts = chain.stage_counts(Case.objects.all(), ON)
    assert sum(c.count for c in counts) == len(active)
    assert [c.code for c in counts] == ["start", "cv", "job_goal", "placement", "agreement", "ordinary_hours",
                                        "more_hours"]


def test_stage_counts_and_drill_ids_in_sql_agree_with_the_rows_per_case(db):
    """The dashboard counts stages in SQL (stages_sql); chain_rows merges per case in Python: same figures."""
    data = scenario.build(22, key_dates=[ON])
    for cases in (Case.objects.all(), Case.objects.filter(team=data["teams"][0]),
                  Case.objects.filter(fsm_group=1)):
        for on in (ON, dt.date(2025, 1, 6), dt.date(2026, 2, 1)):
            rows = chain.chain_rows(cases, on)
            assert chain.stage_counts(cases, on) == chain.stage_counts(cases, on, rows=rows)
            for number, _code, _label in chain.STAGES:
                expected = sorted(r["pk"] for r in rows if r["stage"] == number)
                assert sorted(chain.stage_case_ids(cases, on, number)) == expected, (number, on)
    assert len({r["stage"] for r in chain.chain_rows(Case.objects.all(), ON)}) >= 5  # not trivially equal


def test_more_hours_sums_a_weeks_hours_over_the_placements(db):
    """Stage 6 needs a week whose ordinary hours, summed over the case's placements, exceed the first week's:
    one placement (a lower week, then a higher one), and two placements that only together exceed it."""
    from jobspor.placements.models import Placement, WeekHours
    from jobspor.testing.factories import make_company

    from . import reference
    scenario.build(24, citizens=20, key_dates=[ON])
    active = Case.objects.filter(chain.active_on(ON), opened__lte=ON - dt.timedelta(weeks=20)).order_by("pk")
    single, double = active.exclude(placements__hours__ordinary_hours__gt=0).distinct()[:2]
    monday = ON - dt.timedelta(days=ON.weekday()) - dt.timedelta(weeks=10)
    plans = {single: [[8, 6, 9]], double: [[8, 5], [0, 5]]}
    for case, placements in plans.items():
        for n, weekly in enumerate(placements):
            p = Placement.objects.create(external_id=f"M-{case.pk}-{n}", case=case, company=make_company(),
                                         kind="ordinaere_timer", start=monday, status="active")
            WeekHours.objects.bulk_create([WeekHours(placement=p, week=monday + dt.timedelta(weeks=k),
                                                     internship_hours=0, ordinary_hours=h)
                                           for k, h in enumerate(weekly) if h])
    data = reference.load()
    by_id = {c["id"]: c for c in data["cases"]}
    rows = {r["pk"]: r for r in chain.chain_rows(Case.objects.all(), ON)}
    assert rows[single.pk]["more_on"] == monday + dt.timedelta(weeks=2)
    assert rows[double.pk]["more_on"] == monday + dt.timedelta(weeks=1)  # 5 + 5 > 8
    for case in (single, double):
        assert (rows[case.pk]["stage"], rows[case.pk]["days_in_stage"]) == plain_stage(by_id[case.pk], ON, data)


def test_the_stage_query_has_no_per_row_subquery(db):
    """Issue 10: on PostgreSQL the stage query once took a minute per run on 30 citizens (a correlated subquery
    per case, planned on stale statistics). Every part is now aggregated per case or citizen before the joins:
    the plan holds no SubPlan (a subquery run again for each row) on either database."""
    from django.db import connection

    data = scenario.build(25, citizens=20, key_dates=[ON])
    for cases in (Case.objects.all(), Case.objects.filter(team=data["teams"][0])):
        sql, params = chain.stages_recomputed_sql(cases, ON)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"EXPLAIN {sql}", params)
                plan = "\n".join(row[0] for row in cursor.fetchall())
                assert "SubPlan" not in plan, plan
            else:
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
                plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
                assert "CORRELATED" not in plan, plan
