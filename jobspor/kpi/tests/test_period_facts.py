"""The period measures from the facts kept per case (kpi.CaseFacts: two placements' spans for company_placement and
signed_agreement, the first and last week with ordinary hours; engine.kept_measure_q): after every kind of write to
placements, work agreements and hours — bulk_create, queryset update, delete, raw SQL, the services — each measure
equals its recomputed forms (the IN sets from the source tables and the EXISTS per case) over many periods, and so do
the dashboard's aggregates that read them facts first (engine.compute, selectors.team_counts, the 'Flere skal med'
quarters). The cases below have a placement between two others (the EXISTS fallback) and hours before and after a
period without any in it."""

import datetime as dt
import random

import pytest
from django.db import connection

from jobspor.cases.models import Case
from jobspor.companies.services import contact_save
from jobspor.kpi import engine, measures, selectors
from jobspor.kpi.engine import KpiQuery
from jobspor.kpi.facts import facts_refresh
from jobspor.kpi.models import CaseFacts, CaseFactsChange
from jobspor.placements import services
from jobspor.placements.models import Placement, WeekHours, WorkAgreement
from jobspor.testing.factories import EmployeeFactory, make_company

from . import scenario

pytestmark = pytest.mark.django_db
REF = dt.date(2025, 6, 16)  # a Monday
KEYS = ("has_cv", "has_job_goal", "company_placement", "signed_agreement", "ordinary_hours")
# The aggregates are built from the measures checked above on every period: they are checked on the fixed periods and
# the first five random ones (all 31 cost about 8 s more CPU per database and run).
AGGREGATE_PERIODS = 12


def periods(seed=7, n=24):
    """Fixed periods around the hand-made cases below, and random ones over the scenario's window."""
    fixed = [(REF - dt.timedelta(days=120), REF - dt.timedelta(days=80)),  # only the middle placement / hours
             (REF - dt.timedelta(days=300), REF + dt.timedelta(days=300)), (REF, REF),
             (REF - dt.timedelta(days=1), REF - dt.timedelta(days=1)), (dt.date(2020, 1, 1), dt.date(2020, 12, 31)),
             (dt.date(2025, 1, 1), dt.date(2025, 3, 31)), (dt.date(2025, 4, 1), dt.date(2025, 12, 31))]
    rng = random.Random(seed)
    lo, hi = scenario.WINDOW
    out = list(fixed)
    for _i in range(n):
        a = lo + dt.timedelta(days=rng.randrange((hi - lo).days))
        out.append((a, a + dt.timedelta(days=rng.choice([0, 6, 13, 30, 90, 200]))))
    return [KpiQuery(start=a, end=b) for a, b in out]


def ids(cases, q):
    return sorted(cases.filter(q).values_list("pk", flat=True))


def assert_kept_equals_recomputed(team):
    facts_refresh()
    assert not CaseFactsChange.objects.exists()
    assert CaseFacts.objects.count() == Case.objects.count()
    for n, query in enumerate(periods()):
        cases = engine.population(query)
        for key in KEYS:
            kept = ids(cases, engine.measure_q(key, query))
            assert kept == ids(cases, engine.measure_q(key, query, kept=False)) == ids(
                cases, engine.measure_q(key, query, correlated=True)), (key, query)
        if n >= AGGREGATE_PERIODS:
            continue
        # the aggregates read facts first (SQLite) against the EXISTS forms per case
        assert engine.compute(query, correlated=False) == engine.compute(query, correlated=True), query
        assert selectors.team_counts(query, False) == selectors.team_counts(query, True), query
        for narrowed in (query, KpiQuery(start=query.start, end=query.end, team_ids=(team.pk,))):
            by_quarter = measures.fsm_criterion_by_quarter(narrowed, REF)
            for figure in by_quarter:
                q = KpiQuery(start=figure.start, end=figure.end, fsm_group=1, team_ids=narrowed.team_ids)
                fsm1 = engine.population(q)
                assert figure.figure["denominator"] == fsm1.count()
                assert figure.figure["numerator"] == len(ids(fsm1, engine.measure_q("company_placement", q,
                                                                                     kept=False)))


def three_placements(case, company, kind="virksomhedspraktik", signed=True, prefix="M"):
    """An early, a middle and a late placement: a period holding only the middle one is decided by EXISTS."""
    spans = [(REF - dt.timedelta(days=300), REF - dt.timedelta(days=250)),
             (REF - dt.timedelta(days=110), REF - dt.timedelta(days=90)),
             (REF + dt.timedelta(days=100), None)]
    made = Placement.objects.bulk_create([
        Placement(external_id=f"{prefix}-{case.pk}-{n}", case=case, company=company, kind=kind, start=start, end=end,
                  status="active" if end is None else "ended") for n, (start, end) in enumerate(spans)])
    if signed:
        WorkAgreement.objects.bulk_create([WorkAgreement(placement=p, version=1, goal="Mål", conversion="-",
                                                         hours_per_week=10, start=p.start,
                                                         signed_on=p.start + dt.timedelta(days=3)) for p in made])
    return made


def test_kept_period_facts_follow_every_writer():
    data = scenario.build(41, citizens=50, key_dates=[REF])
    team = data["teams"][0]
    company = make_company(name="Midt ApS")
    early = Case.objects.filter(closed__isnull=True).order_by("pk").values_list("pk", flat=True)[:6]
    Case.objects.filter(pk__in=list(early)).update(opened=dt.date(2024, 1, 2))  # active in every period below
    cases = list(Case.objects.filter(opened=dt.date(2024, 1, 2)).order_by("pk"))
    assert len(cases) == 6

    # bulk_create: a placement between two others (company kind, and nytteindsats with a signed agreement)
    middle = three_placements(cases[0], company)
    three_placements(cases[1], company, kind="nytteindsats", prefix="N")
    # hours before and after a period, none in it; and a week in it
    weeks = [scenario.monday(REF - dt.timedelta(days=290)), scenario.monday(REF - dt.timedelta(days=260))]
    WeekHours.objects.bulk_create([WeekHours(placement=middle[0], week=w, internship_hours=0, ordinary_hours=3)
                                   for w in weeks])
    late = three_placements(cases[2], company, signed=False, prefix="L")
    WeekHours.objects.bulk_create([
        WeekHours(placement=late[0], week=scenario.monday(REF - dt.timedelta(days=290)), internship_hours=0,
                  ordinary_hours=2),
        WeekHours(placement=late[2], week=scenario.monday(REF + dt.timedelta(days=120)), internship_hours=0,
                  ordinary_hours=4)])
    assert_kept_equals_recomputed(team)
    query = KpiQuery(start=REF - dt.timedelta(days=120), end=REF - dt.timedelta(days=80))
    facts = CaseFacts.objects.get(case=cases[0])
    assert facts.placement_on > query.start or facts.placed_first_end < query.start  # neither pair decides:
    assert facts.placed_last_start > query.end  # the EXISTS form counts the case
    assert cases[0].pk in ids(engine.population(query), engine.measure_q("company_placement", query))
    assert cases[2].pk not in ids(engine.population(query), engine.measure_q("ordinary_hours", query))

    # queryset update: the middle placement moved out of the period, an agreement signed later, a kind changed,
    # ordinary hours to none and an open end closed
    Placement.objects.filter(pk=middle[1].pk).update(start=REF - dt.timedelta(days=200))
    WorkAgreement.objects.filter(placement=middle[2]).update(signed_on=REF + dt.timedelta(days=400))
    Placement.objects.filter(pk=late[1].pk).update(kind="nytteindsats")
    WeekHours.objects.filter(placement=late[2]).update(ordinary_hours=0)
    Placement.objects.filter(case=cases[3], end__isnull=True).update(end=REF, status="ended")
    assert_kept_equals_recomputed(team)

    # delete: a placement (with its agreement and hours, as Django's collector does), an agreement, hours
    middle[0].delete()
    WorkAgreement.objects.filter(placement__case=cases[1]).order_by("pk").first().delete()
    WeekHours.objects.filter(pk__in=WeekHours.objects.filter(ordinary_hours__gt=0).values("pk")[:5]).delete()
    assert_kept_equals_recomputed(team)

    # raw SQL: a placement to another case, an end moved, a signature date and hours written directly
    with connection.cursor() as cursor:
        cursor.execute("UPDATE placements_placement SET case_id = %s WHERE id = %s", [cases[4].pk, late[0].pk])
        cursor.execute('UPDATE placements_placement SET "end" = %s WHERE id = %s',
                       [REF - dt.timedelta(days=100), middle[1].pk])
        cursor.execute("UPDATE placements_workagreement SET signed_on = %s WHERE placement_id = %s",
                       [REF - dt.timedelta(days=95), middle[1].pk])
        cursor.execute("UPDATE placements_weekhours SET ordinary_hours = 6 WHERE placement_id = %s",
                       [late[2].pk])
    assert_kept_equals_recomputed(team)

    # the services: a placement made, signed, given hours and ended
    broker = EmployeeFactory(team=team, roles=["jobformidler"])
    case = cases[5]
    contact = contact_save(actor=None, company=company, name="Mette Lund", role="Lagerchef", phone="20304050",
                           email="mette@midt.dk")
    made = services.placement_create(actor=broker.user, case=case, company=company, contact=contact,
                                     kind="ordinaere_timer", start=REF - dt.timedelta(days=21),
                                     title="Lager")
    services.agreement_signed_set(actor=broker.user, placement=made, signed_on=REF - dt.timedelta(days=14))
    services.hours_save(actor=broker.user, placement=made, weeks=[
        {"week": scenario.monday(REF - dt.timedelta(days=14)), "internship_hours": 0, "ordinary_hours": 5}])
    assert_kept_equals_recomputed(team)
    services.placement_end(actor=broker.user, placement=made, end=REF, end_reason="andet")
    assert_kept_equals_recomputed(team)


def test_a_case_without_its_kept_row_is_still_counted_in_the_population():
    """The facts-first aggregates join the kept rows inner (SQLite): a case without one falls back to the left join
    (every case still counted; its kept measures read as not met until the next refresh)."""
    scenario.build(42, citizens=20, key_dates=[REF])
    facts_refresh()
    query = KpiQuery(start=REF - dt.timedelta(days=365), end=REF)
    before = engine.compute(query, correlated=False)
    gone = engine.population(query).order_by("pk").first()
    CaseFacts.objects.filter(case=gone).delete()  # no trigger on the kept table: the log stays empty
    assert not CaseFactsChange.objects.exists()
    after = engine.compute(query, correlated=False)
    assert after["population"] == before["population"]
    assert sum(r["pop"] for r in selectors.team_counts(query, False).values()) == before["population"]


def test_sqlite_reads_the_kept_rows_first(job_broker):
    """On SQLite the aggregates read the kept rows first by rewriting the join Django writes (engine.facts_counted):
    if a Django upgrade wrote that join otherwise, the rewrite would silently stop (correct, but 3-4 times slower on a
    jobcentre's cases). This fails instead."""
    if connection.vendor != "sqlite":
        pytest.skip("the rewrite is SQLite's")
    from django.test.utils import CaptureQueriesContext

    query = KpiQuery(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    facts_refresh()
    with CaptureQueriesContext(connection) as queries:
        engine.compute(query)
    assert any(engine._FACTS_THEN_CASES in q["sql"] for q in queries.captured_queries)
