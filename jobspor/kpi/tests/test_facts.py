"""The production chain's stage dates kept per case (jobspor/kpi/facts.py): after every kind of write — bulk_create,
queryset update, delete, raw SQL, the services — the counts and drill-down from the kept dates equal a full
recomputation from the CV lines, placements, agreements and hours themselves."""

import datetime as dt
from collections import Counter

from django.db import connection

from jobspor.cases.models import Case
from jobspor.cv.models import Cv, CvItem, CvJobGoal
from jobspor.kpi import chain
from jobspor.kpi.facts import facts_refresh
from jobspor.kpi.models import CaseFacts, CaseFactsChange
from jobspor.placements.models import Placement, WeekHours, WorkAgreement
from jobspor.testing.factories import make_company

from . import scenario

ON = dt.date(2025, 6, 15)
DAYS = (ON, dt.date(2025, 1, 6), dt.date(2025, 9, 1), dt.date(2026, 2, 1))


def recomputed(cases, on):
    """(stage, since) → cases, and stage → case ids, straight from the source tables."""
    sql, params = chain.stages_recomputed_sql(cases, on)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    counts = Counter(row[1] for row in rows)
    return counts, {stage: sorted(r[0] for r in rows if r[1] == stage) for stage in counts}


def assert_kept_equals_recomputed(populations):
    for cases in populations:
        for on in DAYS:
            counts, ids = recomputed(cases, on)
            kept = chain.stage_counts(cases, on)
            assert {c.number: c.count for c in kept if c.count} == dict(counts), on
            for number, _code, _label in chain.STAGES:
                assert sorted(chain.stage_case_ids(cases, on, number)) == ids.get(number, []), (number, on)
            # the average days in each stage too: chain_rows merges the recomputed dates per case in Python
            assert kept == chain.stage_counts(cases, on, rows=chain.chain_rows(cases, on)), on


def test_kept_stage_dates_follow_every_writer(db):
    data = scenario.build(31, key_dates=[ON])
    populations = (Case.objects.all(), Case.objects.filter(team=data["teams"][0]))
    assert CaseFactsChange.objects.exists()  # the scenario's writes were logged by the triggers
    assert_kept_equals_recomputed(populations)
    assert not CaseFactsChange.objects.exists() and CaseFacts.objects.count() == Case.objects.count()
    assert len({c.number for c in chain.stage_counts(Case.objects.all(), ON) if c.count}) >= 5

    active = list(Case.objects.filter(chain.active_on(ON)).order_by("pk"))
    company = make_company(name="Ny Virksomhed ApS")
    # bulk_create: a placement with ordinary hours for a case without one; a CV line and a job goal
    fresh = next(c for c in active if not Placement.objects.filter(case=c).exists())
    placement = Placement.objects.create(external_id="F-1", case=fresh, company=company, kind="ordinaere_timer",
                                         start=ON - dt.timedelta(days=60), status="active")
    monday = scenario.monday(ON - dt.timedelta(days=50))
    WeekHours.objects.bulk_create([WeekHours(placement=placement, week=monday + dt.timedelta(weeks=k),
                                             internship_hours=0, ordinary_hours=h) for k, h in enumerate([5, 4, 7])])
    cv = Cv.objects.filter(citizen_id__in=[c.citizen_id for c in active]).first()
    CvItem.objects.bulk_create([CvItem(cv=cv, kind="task", text="Lager", key="lager",
                                       created=ON - dt.timedelta(days=300))])
    CvJobGoal.objects.create(cv=cv, title="Lagermedarbejder", set_on=ON - dt.timedelta(days=100))
    # queryset update: a later signature date, a moved placement start, hours corrected to none
    WorkAgreement.objects.filter(pk__in=WorkAgreement.objects.filter(signed_on__isnull=False)
                                 .values("pk")[:3]).update(signed_on=ON + dt.timedelta(days=30))
    Placement.objects.filter(pk__in=Placement.objects.exclude(pk=placement.pk).values("pk")[:3]).update(
        start=ON + dt.timedelta(days=10))
    WeekHours.objects.filter(pk__in=WeekHours.objects.filter(ordinary_hours__gt=0).values("pk")[:10]).update(
        ordinary_hours=0)
    assert_kept_equals_recomputed(populations)

    # delete: a placement with its hours and agreement (as Django's collector does), a CV line, a whole case
    gone = Placement.objects.filter(hours__ordinary_hours__gt=0).exclude(pk=placement.pk).first()
    gone.delete()
    CvItem.objects.filter(pk=CvItem.objects.filter(kind__in=("task", "competency")).first().pk).delete()
    # raw SQL: a placement moved to another case, the way an import or an operator might
    other = Placement.objects.exclude(case=fresh).first()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE placements_placement SET case_id = %s WHERE id = %s", [fresh.pk, other.pk])
    assert_kept_equals_recomputed(populations)

    # an unchanged save logs nothing (only what the stages read from counts)
    CaseFactsChange.objects.all().delete()
    Case.objects.get(pk=fresh.pk).save()
    WeekHours.objects.filter(placement=placement).update(internship_hours=3)
    assert not CaseFactsChange.objects.exists()


def test_a_refresh_recomputes_only_what_changed(db):
    scenario.build(32, citizens=30, key_dates=[ON])
    facts_refresh()
    case = Case.objects.filter(chain.active_on(ON)).first()
    CvJobGoal.objects.create(cv=Cv.objects.get_or_create(citizen=case.citizen, defaults={"created": ON})[0],
                             title="Chauffør", set_on=ON - dt.timedelta(days=3))
    assert facts_refresh() == Case.objects.filter(citizen=case.citizen).count()
    assert CaseFacts.objects.get(case=case).goal_on is not None
    assert facts_refresh() == 0


def test_the_demo_writes_without_the_triggers_and_leaves_the_chain_computed(db):
    from jobspor.demo.generator import demo_load

    demo_load(cases=60, seed=5)
    assert not CaseFactsChange.objects.exists() and CaseFacts.objects.count() == Case.objects.count() == 60
    assert_kept_equals_recomputed([Case.objects.all()])
    # the triggers are back after the load
    case = Case.objects.filter(closed__isnull=True).first()
    Placement.objects.create(external_id="D-1", case=case, company=make_company(), kind="virksomhedspraktik",
                             start=dt.date.today(), status="active")
    assert list(CaseFactsChange.objects.values_list("case_id", flat=True)) == [case.pk]
