"""The facts kept for the dashboard (jobspor/kpi/facts.py): after every kind of write — bulk_create, queryset update,
delete, raw SQL, the services — the figures read from them equal a full recomputation from the source tables:
the ordinary hours per placement and month (kpi.OrdinaryMonth: the measure and its drill-down case ids, companies
with ordinary hours, hours over time, the companies table) for periods whose edges cut months in every way; has_cv
and has_job_goal from the stage dates (kpi.CaseFacts); the 13-week courses (kpi.CompanyCourse) for random periods
and a goal's milestones."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, Sum

from jobspor.cases.models import Case
from jobspor.core.dbfunctions import MonthStart
from jobspor.cv.models import Cv, CvExperience, CvItem, CvJobGoal
from jobspor.kpi import engine, selectors
from jobspor.kpi.engine import KpiQuery
from jobspor.kpi.facts import facts_refresh
from jobspor.kpi.models import CaseFactsChange, OrdinaryMonth
from jobspor.placements.models import Placement, WeekHours
from jobspor.placements.services import hours_save
from jobspor.testing.factories import make_company

from . import scenario

ON = dt.date(2025, 6, 15)
PERIODS = [
    (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),  # whole months only
    (dt.date(2025, 1, 15), dt.date(2025, 9, 10)),  # cut months at both edges
    (dt.date(2024, 12, 1), dt.date(2025, 6, 15)),  # starts on the 1st, ends mid-month
    (dt.date(2024, 11, 20), dt.date(2025, 6, 30)),  # ends on the month's last day
    (dt.date(2025, 2, 10), dt.date(2025, 4, 5)),  # one whole month between two cut ones
    (dt.date(2025, 3, 3), dt.date(2025, 3, 20)),  # inside one month: no whole month
    (dt.date(2025, 3, 20), dt.date(2025, 4, 10)),  # across a month's end, no whole month
    (dt.date(2025, 6, 9), dt.date(2025, 6, 9)),  # one Monday
    (dt.date(2024, 9, 1), dt.date(2026, 3, 1)),  # the whole window
]


# --- the full recomputation: straight from the hours (the code before OrdinaryMonth) --------------------------

def ordinary_rows(query, cases):
    placements = Placement.objects.filter(case_id__in=cases.values("pk")).values("pk")
    return WeekHours.objects.filter(week__gte=query.start, week__lte=query.end, ordinary_hours__gt=0,
                                    placement_id__in=placements)


def recomputed_case_ids(query, cases):
    return sorted(cases.filter(Exists(WeekHours.objects.filter(
        placement__case_id=OuterRef("pk"), week__gte=query.start, week__lte=query.end, ordinary_hours__gt=0)))
        .values_list("pk", flat=True))


def recomputed_companies_count(query, cases):
    return ordinary_rows(query, cases).values("placement__company_id").distinct().count()


def recomputed_hours(query, cases):
    rows = ordinary_rows(query, cases)
    if (query.end - query.start).days // 7 + 1 <= selectors.WEEKS_SHOWN:
        grouped = rows.values("week").annotate(cases=Count("placement__case_id", distinct=True),
                                               hours=Sum("ordinary_hours")).order_by("week")
        return [(r["week"].isoformat(), r["cases"], float(r["hours"])) for r in grouped]
    grouped = (rows.annotate(month=MonthStart("week")).values("month")
               .annotate(cases=Count("placement__case_id", distinct=True), hours=Sum("ordinary_hours"))
               .order_by("month"))
    return [(selectors._as_date(r["month"]).strftime("%Y-%m"), r["cases"], float(r["hours"])) for r in grouped]


def recomputed_companies(query, cases):
    rows = (ordinary_rows(query, cases).values("placement__company__name", "placement__title")
            .annotate(cases=Count("placement__case_id", distinct=True), hours=Sum("ordinary_hours")))
    out = [[r["placement__company__name"], r["placement__title"] or "–", r["cases"], float(r["hours"])]
           for r in rows]
    return sorted(out, key=lambda r: (-r[3], r[0], "" if r[1] == "–" else r[1]))[:30]


def recomputed_months():
    months = defaultdict(int)
    for placement_id, case_id, week, hours in WeekHours.objects.filter(ordinary_hours__gt=0).values_list(
            "placement_id", "placement__case_id", "week", "ordinary_hours"):
        months[case_id, placement_id, week.replace(day=1)] += int(hours * 10)
    return dict(months)


def assert_kept_equals_recomputed(teams):
    facts_refresh()
    assert not CaseFactsChange.objects.exists()
    kept = {(r.case_id, r.placement_id, r.month): r.tenths for r in OrdinaryMonth.objects.all()}
    assert kept == recomputed_months()
    for start, end in PERIODS:
        for team_ids in (None, teams):
            query = KpiQuery(start=start, end=end, team_ids=team_ids)
            cases = engine.population(query)
            where = (start, end, team_ids)
            ids = recomputed_case_ids(query, cases)
            assert sorted(cases.filter(engine.ordinary_hours_q(query)).values_list("pk", flat=True)) == ids, where
            assert sorted(engine.measure_cases("ordinary_hours", query).values_list("pk", flat=True)) == ids, where
            assert engine.compute(query)["ordinary_hours"]["numerator"] == len(ids), where
            assert engine.companies_with_ordinary_hours(query, cases) == recomputed_companies_count(query, cases)
            hours = [tuple(row) for row in selectors.hours_over_time(query, cases).rows]
            if (end - start).days // 7 + 1 > selectors.WEEKS_SHOWN:
                assert hours == recomputed_hours(query, cases), where
            else:  # by ISO week: compare the counts
                assert [row[1:] for row in hours] == [row[1:] for row in recomputed_hours(query, cases)], where
            assert selectors.companies_table(query, cases).rows == recomputed_companies(query, cases), where
            for kept_q, recomputed_q in ((engine.has_cv_q, engine.has_cv_recomputed_q),
                                         (engine.has_job_goal_q, engine.has_job_goal_recomputed_q)):
                assert sorted(cases.filter(kept_q(end)).values_list("pk", flat=True)) == sorted(
                    cases.filter(recomputed_q(end)).values_list("pk", flat=True)), where


def test_kept_ordinary_months_follow_every_writer(db):
    data = scenario.build(33, key_dates=[ON, dt.date(2025, 3, 1), dt.date(2025, 9, 30)])
    teams = (data["teams"][0].pk,)
    assert WeekHours.objects.filter(ordinary_hours__gt=0).count() > 50
    assert_kept_equals_recomputed(teams)

    case = Case.objects.filter(chain_open_q()).order_by("pk").first()
    company = make_company(name="Månedens Virksomhed ApS")
    placement = Placement.objects.create(external_id="OM-1", case=case, company=company, kind="ordinaere_timer",
                                         title="Lager", start=dt.date(2025, 1, 20), status="active")
    # bulk_create: weeks across a month's end
    WeekHours.objects.bulk_create([WeekHours(placement=placement, week=scenario.monday(dt.date(2025, 1, 27))
                                             + dt.timedelta(weeks=k), internship_hours=0, ordinary_hours=h)
                                   for k, h in enumerate([Decimal("5.5"), 0, 7, Decimal("12.3"), 9])])
    assert_kept_equals_recomputed(teams)

    # queryset update: hours corrected to none, from none, another amount, a week moved into another month
    WeekHours.objects.filter(placement=placement, ordinary_hours=7).update(ordinary_hours=0)
    WeekHours.objects.filter(placement=placement, ordinary_hours=0).update(ordinary_hours=Decimal("2.5"))
    WeekHours.objects.filter(pk__in=WeekHours.objects.filter(ordinary_hours__gt=0).exclude(placement=placement)
                             .values("pk")[:5]).update(ordinary_hours=Decimal("0.1"))
    moved = WeekHours.objects.filter(placement=placement).order_by("week").first()
    WeekHours.objects.filter(pk=moved.pk).update(week=dt.date(2025, 3, 31))
    # a placement moved to another case, to another company and job function
    other = Case.objects.exclude(pk=case.pk).filter(team_id=teams[0]).first()
    Placement.objects.filter(pk=Placement.objects.filter(hours__ordinary_hours__gt=0).exclude(pk=placement.pk)
                             .values("pk")[:1]).update(case=other, title="Ny funktion", company=company)
    assert_kept_equals_recomputed(teams)

    # delete: hours rows, a placement with its hours (as Django's collector does)
    WeekHours.objects.filter(pk__in=WeekHours.objects.filter(ordinary_hours__gt=0).values("pk")[:4]).delete()
    Placement.objects.filter(hours__ordinary_hours__gt=0).exclude(pk=placement.pk).first().delete()
    assert_kept_equals_recomputed(teams)

    # raw SQL: hours inserted, changed and removed, a placement moved to another case
    with connection.cursor() as cursor:
        cursor.execute("UPDATE placements_weekhours SET ordinary_hours = 30 WHERE placement_id = %s", [placement.pk])
        cursor.execute("DELETE FROM placements_weekhours WHERE id = %s",
                       [WeekHours.objects.filter(ordinary_hours__gt=0).exclude(placement=placement).first().pk])
        cursor.execute("UPDATE placements_placement SET case_id = %s WHERE id = %s", [other.pk, placement.pk])
    assert_kept_equals_recomputed(teams)

    # CV lines, experience and job goals (has_cv, has_job_goal from the kept stage dates): bulk_create, queryset
    # update, delete, raw SQL
    cvs = list(Cv.objects.order_by("pk")[:6])
    CvItem.objects.bulk_create([CvItem(cv=cv, kind="task", text="Lager", key="lager", created=dt.date(2025, 2, 3))
                                for cv in cvs[:3]])
    CvItem.objects.filter(pk__in=CvItem.objects.values("pk")[:5]).update(created=dt.date(2025, 8, 1))
    CvExperience.objects.filter(pk__in=CvExperience.objects.values("pk")[:3]).delete()
    CvJobGoal.objects.create(cv=cvs[4], title="Chauffør", set_on=dt.date(2025, 3, 12))
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cv_cvjobgoal SET set_on = %s WHERE id = %s",
                       [dt.date(2025, 10, 1), CvJobGoal.objects.order_by("pk").first().pk])
    assert_kept_equals_recomputed(teams)

    # the service: a week recorded, one corrected to no ordinary hours, one cleared
    placement.refresh_from_db()
    hours_save(actor=None, placement=placement, weeks=[
        {"week": dt.date(2025, 2, 24), "internship_hours": 0, "ordinary_hours": 4},
        {"week": dt.date(2025, 3, 31), "internship_hours": 3, "ordinary_hours": 0},
        {"week": scenario.monday(dt.date(2025, 2, 10)), "clear": True},
    ])
    assert_kept_equals_recomputed(teams)


def chain_open_q():
    from jobspor.kpi import chain

    return chain.active_on(ON)


def test_the_demo_leaves_the_ordinary_months_computed(db):
    from jobspor.demo.generator import demo_load

    demo_load(cases=60, seed=7)
    assert not CaseFactsChange.objects.exists()
    assert {(r.case_id, r.placement_id, r.month): r.tenths for r in OrdinaryMonth.objects.all()} \
        == recomputed_months()
    today = dt.date.today()
    query = KpiQuery(start=dt.date(today.year - 1, 1, 15), end=today)
    cases = engine.population(query)
    assert sorted(cases.filter(engine.ordinary_hours_q(query)).values_list("pk", flat=True)) \
        == recomputed_case_ids(query, cases)
    assert selectors.companies_table(query, cases).rows == recomputed_companies(query, cases)
    assert engine.continuous_13_weeks_cases(query, cases) == engine.continuous_13_weeks_recomputed(query, cases)


# --- the courses kept per case and company (kpi.CompanyCourse) -------------------------------------------------

def course_periods(rng, n=40):
    periods = [(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), (dt.date(2025, 6, 4), dt.date(2025, 6, 4)),
               (dt.date(2025, 6, 2), dt.date(2025, 6, 4)), (dt.date(2024, 9, 1), dt.date(2026, 3, 1))]
    for _i in range(n):
        start = dt.date(2024, 9, 1) + dt.timedelta(days=rng.randrange(500))
        periods.append((start, start + dt.timedelta(days=rng.choice([0, 2, 6, 30, 90, 91, 120, 200, 365]))))
    return periods


def assert_courses_equal_recomputed(periods, teams):
    facts_refresh()
    assert not CaseFactsChange.objects.exists()
    for start, end in periods:
        for team_ids in (None, teams):
            query = KpiQuery(start=start, end=end, team_ids=team_ids)
            cases = engine.population(query)
            assert engine.continuous_13_weeks_cases(query, cases) == engine.continuous_13_weeks_recomputed(
                query, cases), (start, end, team_ids)


def random_placements(rng, cases, companies, n):
    kinds = [*engine.COMPANY_PLACEMENT_KINDS, "nytteindsats"]
    made = []
    for i in range(n):
        start = dt.date(2024, 8, 1) + dt.timedelta(days=rng.randrange(560))
        end = None if rng.random() < 0.3 else start + dt.timedelta(days=rng.choice([0, 6, 13, 40, 83, 84, 90, 200]))
        made.append(Placement(external_id=f"RC-{i}", case=rng.choice(cases), company=rng.choice(companies),
                              kind=rng.choice(kinds), start=start, end=end,
                              status="ended" if end else "active", end_reason="andet" if end else ""))
    return Placement.objects.bulk_create(made)


def test_kept_courses_follow_every_writer(db):
    import random

    rng = random.Random(16)
    data = scenario.build(34, citizens=40, key_dates=[ON])
    scenario.build_runs(start=ON)
    teams = (data["teams"][0].pk,)
    periods = course_periods(rng)
    assert_courses_equal_recomputed(periods, teams)

    cases = list(Case.objects.order_by("pk")[:12])
    companies = [make_company(name=f"Forløb {n} ApS") for n in range(3)]
    made = random_placements(rng, cases, companies, 60)  # bulk_create: many placements at few companies
    # placements starting after a period's end in its last week (that week counts, the placement not)
    for start, end in periods[:10]:
        Placement.objects.create(external_id=f"RL-{start}-{end}", case=rng.choice(cases), company=companies[0],
                                 kind="virksomhedspraktik", start=end + dt.timedelta(days=1), status="active")
    # 12 weeks up to `to`'s week, and a placement at the same company from the day after `to` (a Wednesday): the
    # course kept has 13 weeks and more, the period's has 12
    to = dt.date(2025, 6, 4)
    periods.append((dt.date(2025, 3, 1), to))
    lone = (Case.objects.filter(Q(closed__isnull=True) | Q(closed__gt=to), opened__lt=dt.date(2025, 3, 1))
            .exclude(pk__in=Placement.objects.values("case_id")).first())
    Placement.objects.bulk_create([
        Placement(external_id="RT-1", case=lone, company=companies[2], kind="virksomhedspraktik",
                  start=dt.date(2025, 3, 10), end=dt.date(2025, 6, 1), status="ended", end_reason="andet"),
        Placement(external_id="RT-2", case=lone, company=companies[2], kind="virksomhedspraktik",
                  start=to + dt.timedelta(days=1), status="active")])
    assert not engine.continuous_13_weeks_recomputed(KpiQuery(start=dt.date(2025, 3, 1), end=to),
                                                     Case.objects.filter(pk=lone.pk))
    assert lone.pk in engine.continuous_13_weeks_recomputed(KpiQuery(start=dt.date(2025, 3, 1), end=to + dt.timedelta(
        days=1)), Case.objects.filter(pk=lone.pk))
    assert_courses_equal_recomputed(periods, teams)

    # queryset update: ends set and removed, starts moved, company and kind changed, a placement to another case
    Placement.objects.filter(pk__in=[p.pk for p in made[:8]]).update(end=None, status="active", end_reason="")
    Placement.objects.filter(pk__in=[p.pk for p in made[8:16]], end__isnull=True,
                             start__lte=dt.date(2025, 7, 6)).update(
        end=dt.date(2025, 7, 6), status="ended", end_reason="andet")
    Placement.objects.filter(Q(end__isnull=True) | Q(end__gte=dt.date(2025, 2, 3)),
                             pk__in=[p.pk for p in made[16:20]]).update(start=dt.date(2025, 2, 3))
    Placement.objects.filter(pk__in=[p.pk for p in made[20:24]]).update(company=companies[1])
    Placement.objects.filter(pk__in=[p.pk for p in made[24:28]]).update(kind="nytteindsats")
    Placement.objects.filter(pk=made[28].pk).update(case=cases[0])
    assert_courses_equal_recomputed(periods, teams)

    # delete, and raw SQL
    Placement.objects.filter(pk__in=[p.pk for p in made[30:36]]).delete()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE placements_placement SET \"end\" = NULL, status = 'active', end_reason = '', "
                       "case_id = %s WHERE id = %s", [cases[1].pk, made[40].pk])
        cursor.execute("UPDATE placements_placement SET company_id = %s WHERE id = %s",
                       [companies[2].pk, made[41].pk])
        cursor.execute("DELETE FROM placements_placement WHERE id = %s", [made[42].pk])
    assert_courses_equal_recomputed(periods, teams)

    # a 13-weeks goal's milestones, from the kept courses (an empty log) and from the placements (a change logged)
    from jobspor.kpi import services
    from jobspor.kpi.models import Goal

    goal = Goal.objects.create(title="13 uger", level="jobcentre", measure="continuous_13_weeks",
                               start=dt.date(2025, 1, 6), deadline=dt.date(2025, 12, 31), target_percent=30)
    ends = [dt.date(2025, 3, 1), to, dt.date(2025, 7, 6), dt.date(2025, 7, 9), dt.date(2025, 12, 31)]
    facts_refresh()
    kept = services._course_actuals(goal, ends)
    CaseFactsChange.objects.create(case_id=cases[0].pk)
    assert engine.continuous_13_weeks_at_ends([services.goal_query(goal, end) for end in ends],
                                              Case.objects.all()) is None
    assert services._course_actuals(goal, ends) == kept
    assert len(set(kept.values())) >= 3
