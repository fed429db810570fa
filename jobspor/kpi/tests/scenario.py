"""Generated data full of the edge cases of kpi.md, written straight to the tables (fast, no services).

Dates cluster around WINDOW so that every test period has cases closed before it, placements across its
edges, weeks whose Monday falls just outside it, 13-week runs broken by a zero week or split across two
companies, utility jobs (nytteindsats), several cases per citizen and CVs created after `to`.
"""

import datetime as dt
import random

from jobspor.cases.models import Case, CaseStaff
from jobspor.citizens.models import Citizen
from jobspor.core.statistics import statistics_refresh
from jobspor.cv.models import Cv, CvExperience, CvItem, CvJobGoal
from jobspor.jobs.models import JobOpening
from jobspor.placements.models import Placement, WeekHours, WorkAgreement
from jobspor.testing.factories import EmployeeFactory, TeamFactory, make_company

WINDOW = (dt.date(2024, 9, 1), dt.date(2026, 3, 1))
KINDS = ["virksomhedspraktik", "loentilskud_privat", "loentilskud_offentlig", "ordinaere_timer", "fleksjob",
         "jobrotation", "voksenlaerling", "ordinaer_uddannelse", "nytteindsats", "nytteindsats"]
REASONS = ["ordinaer_beskaeftigelse", "ordinaer_uddannelse", "fleksjob", "foertidspension", "ressourceforloeb",
           "jobafklaringsforloeb", "flyttet", "andet"]
BENEFITS = ["kontanthjaelp_aktivitetsparat", "kontanthjaelp_jobparat", "a_dagpenge"]
JOB_KINDS = ["ordinaer_stilling", "smaajob", "loentilskud", "virksomhedspraktik"]


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def build(seed: int, *, citizens=70, key_dates=(), window=WINDOW):
    """Generate one data set. `key_dates` (period starts and ends) attract dates to within a few days."""
    rng = random.Random(seed)
    lo, hi = window
    span = (hi - lo).days
    keys = list(key_dates)

    def day():
        if keys and rng.random() < 0.35:  # close to a period edge: before, on or after it
            return rng.choice(keys) + dt.timedelta(days=rng.randint(-9, 9))
        return lo + dt.timedelta(days=rng.randint(0, span))

    teams = [TeamFactory() for _ in range(3)]
    staff = [EmployeeFactory(team=teams[i % 3]) for i in range(5)]
    companies = [make_company(name=f"Virksomhed {i} ApS") for i in range(4)]

    births = [dt.date(1996, 2, 29), dt.date(1995, 3, 1), dt.date(1965, 1, 1), dt.date(1985, 12, 31)]
    people = []
    for i in range(citizens):
        if rng.random() < 0.3:
            birth = rng.choice(births)
        elif keys and rng.random() < 0.3:  # a birthday right at a period start
            edge = rng.choice(keys)
            birth = edge.replace(year=edge.year - rng.choice([30, 40, 50, 60])) + dt.timedelta(days=rng.randint(-1, 1))
        else:
            birth = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 45))
        people.append(Citizen(external_id=f"B{seed}-{i}", cpr=f"{seed % 100:02d}{i:08d}", name=f"Borger {i}",
                              search_name=f"borger {i}", birth_date=birth, sex=rng.choice("MK")))
    Citizen.objects.bulk_create(people)

    cases, links = [], []
    for i, citizen in enumerate(people):
        for j in range(rng.choice([1, 1, 1, 2, 3])):  # several cases per citizen
            opened = day()
            closed = reason = None
            if rng.random() < 0.5:
                closed = opened + dt.timedelta(days=rng.randint(0, 400))
                if rng.random() < 0.3 and keys:
                    closed = max(opened, rng.choice(keys) + dt.timedelta(days=rng.randint(-2, 2)))
                reason = rng.choice(REASONS)
            cases.append(Case(external_id=f"S{seed}-{i}-{j}", citizen=citizen, benefit=rng.choice(BENEFITS),
                              target_group=rng.choice([1, 2, 3, None]), fsm_group=rng.choice([1, 1, 2, 3, None]),
                              opened=opened, closed=closed, close_reason=reason or "",
                              team=rng.choice(teams + [None])))
    # Relapses after exit to ordinary employment: a new case for the same citizen on the day of the exit (not
    # "after"), just inside and just outside the 26 weeks (182 days).
    for case in list(cases):
        if case.close_reason == "ordinaer_beskaeftigelse" and rng.random() < 0.6:
            gap = rng.choice([0, 1, 90, 181, 182, 183, 250])
            cases.append(Case(external_id=f"{case.external_id}-igen", citizen=case.citizen,
                              benefit=rng.choice(BENEFITS), target_group=case.target_group,
                              fsm_group=case.fsm_group, opened=case.closed + dt.timedelta(days=gap),
                              team=case.team))
    Case.objects.bulk_create(cases)
    for case in cases:
        if rng.random() < 0.9:
            employee = rng.choice(staff)
            links.append(CaseStaff(case=case, employee=employee, role="jobformidler", is_primary=True))
    CaseStaff.objects.bulk_create(links)

    # CVs: some without qualifying entries, some created after the period, some with goals later.
    for citizen in people:
        if rng.random() < 0.25:
            continue
        cv = Cv.objects.create(citizen=citizen, created=day())

        def entry_day(cv=cv):  # each entry its own date: mostly the CV's day or later, or near a period edge
            return cv.created if rng.random() < 0.3 else max(cv.created, day())

        for k in range(rng.randint(0, 3)):
            CvItem.objects.create(cv=cv, kind=rng.choice(["competency", "task", "job_wish", "accommodation"]),
                                  text=f"punkt {k}", key=f"punkt {k}", position=k, created=entry_day())
        if rng.random() < 0.3:
            CvExperience.objects.create(cv=cv, kind="job", title="Lagerarbejder", start=dt.date(2010, 1, 1),
                                        created=entry_day())
        for k in range(rng.choice([0, 0, 1, 2])):
            CvJobGoal.objects.create(cv=cv, title=f"Jobmål {k}", set_on=day())

    # Placements and hours.
    placements, hours, agreements = [], [], []
    seq = 0
    for case in cases:
        count = rng.choice([0, 0, 1, 1, 2, 3])
        start_at = monday(day()) + dt.timedelta(days=rng.randint(0, 6))
        for _k in range(count):
            seq += 1
            kind = rng.choice(KINDS)
            start = start_at if rng.random() < 0.5 else day()
            length = rng.choice([1, 7, 60, 90, 91, 120, 200, 400])
            end = start + dt.timedelta(days=length) if rng.random() < 0.6 else None
            company = rng.choice(companies[:2] if rng.random() < 0.7 else companies)
            placement = Placement(external_id=f"P{seed}-{seq}", case=case, company=company, kind=kind,
                                  start=start, end=end, status="ended" if end else "active",
                                  end_reason="andet" if end else "")
            placements.append(placement)
            last = end or start + dt.timedelta(days=rng.choice([100, 200, 300]))
            week = monday(start)
            pattern = rng.choice(["steady", "steady", "gappy", "ordinary_late", "zero"])
            gap = rng.randint(3, 16)
            n = 0
            while week <= last:
                internship = ordinary = 0
                if pattern != "zero":
                    internship = rng.choice([0, 5, 10, 15]) if pattern == "gappy" else rng.choice([5, 10, 12])
                    if pattern == "ordinary_late" and n > 4:
                        ordinary = rng.choice([0, 2, 4, 8, 10])
                    elif rng.random() < 0.15:
                        ordinary = rng.choice([1, 3, 6])
                    if n == gap and rng.random() < 0.5:  # a zero week breaking a run
                        internship = ordinary = 0
                if rng.random() < 0.9:
                    hours.append(WeekHours(placement=placement, week=week, internship_hours=internship,
                                           ordinary_hours=ordinary))
                week += dt.timedelta(weeks=1)
                n += 1
            for version in range(1, rng.choice([1, 1, 2, 3]) + 1):
                signed_on = day() if rng.random() < 0.6 else None
                agreements.append(WorkAgreement(placement=placement, version=version, goal="Mål", conversion="-",
                                                hours_per_week=10, start=start, signed_on=signed_on))
    Placement.objects.bulk_create(placements)
    WeekHours.objects.bulk_create(hours)
    WorkAgreement.objects.bulk_create(agreements)

    jobs = []
    for k in range(40):
        posted = day()
        deadline = posted + dt.timedelta(days=rng.randint(0, 60)) if rng.random() < 0.8 else None
        status = rng.choice(["open", "filled", "filled", "cancelled", "expired"])
        filled_on = None
        if status == "filled":
            filled_on = posted + dt.timedelta(days=rng.randint(0, 70))
        jobs.append(JobOpening(external_id=f"J{seed}-{k}", company=rng.choice(companies), title=f"Job {k}",
                               kind=rng.choice(JOB_KINDS), hours_per_week=10, posted=posted, deadline=deadline,
                               status=status, filled_on=filled_on))
    JobOpening.objects.bulk_create(jobs)
    statistics_refresh()  # as after any bulk load: plans made on fresh statistics
    return {"teams": teams, "staff": staff, "companies": companies, "cases": cases}


def build_runs(*, start: dt.date):
    """Hand-made courses (kpi.md v2: by the company placements' periods, not their hours) around a period
    from `start` to `start` + 200 days. `a` is the first Monday in P. Named by what they test."""
    team = TeamFactory()
    first, second = make_company(name="Run A ApS"), make_company(name="Run B ApS")
    made = {}
    week = dt.timedelta(weeks=1)
    a = monday(start) if start.weekday() == 0 else monday(start) + week

    def case_with(name, plan, hours=()):
        citizen = Citizen.objects.create(external_id=f"R-{name}", cpr=f"99{abs(hash(name)) % 10**8:08d}",
                                         name=name, search_name=name, birth_date=dt.date(1980, 5, 5), sex="K")
        case = Case.objects.create(external_id=f"R-{name}", citizen=citizen, benefit="a_dagpenge",
                                   opened=start - dt.timedelta(days=200), team=team, fsm_group=1)
        for i, (company, kind, begin, end) in enumerate(plan):
            p = Placement.objects.create(external_id=f"R-{name}-{i}", case=case, company=company, kind=kind,
                                         start=begin, end=end, status="ended" if end else "active",
                                         end_reason="andet" if end else "")
            # Hours in some weeks only: the period makes the course, not the hours.
            WeekHours.objects.bulk_create([WeekHours(placement=p, week=w, internship_hours=h, ordinary_hours=0)
                                           for w, h in hours if monday(begin) <= w <= (end or w)])
        made[name] = case
        return case

    def weeks(n, *, from_monday=a):  # a placement of n whole weeks: Monday to Sunday
        return from_monday, from_monday + n * week - dt.timedelta(days=1)

    case_with("exact", [(first, "virksomhedspraktik", *weeks(13))])
    case_with("twelve", [(first, "virksomhedspraktik", *weeks(12))])
    case_with("starts_before", [(first, "virksomhedspraktik", *weeks(13, from_monday=a - 3 * week))])
    case_with("ends_before_p", [(first, "virksomhedspraktik", *weeks(13, from_monday=a - 14 * week))])
    case_with("two_companies", [(first, "virksomhedspraktik", *weeks(7)),
                                (second, "virksomhedspraktik", *weeks(6, from_monday=a + 7 * week))])
    case_with("same_company_two", [(first, "virksomhedspraktik", *weeks(7)),
                                   (first, "loentilskud_privat", *weeks(6, from_monday=a + 7 * week))])
    case_with("gap_week", [(first, "virksomhedspraktik", *weeks(6)),
                           (first, "loentilskud_privat", *weeks(7, from_monday=a + 7 * week))])
    case_with("utility", [(second, "nytteindsats", *weeks(13))])
    case_with("same_company_overlap", [(first, "virksomhedspraktik", *weeks(10)),
                                       (first, "ordinaere_timer", *weeks(9, from_monday=a + 5 * week))])
    case_with("sick_week", [(first, "virksomhedspraktik", *weeks(13))],
              hours=[(a + k * week, 0 if k == 6 else 10) for k in range(13)])
    # Wednesday of the first week to Tuesday of the 13th: overlaps 13 ISO weeks.
    case_with("midweek", [(first, "virksomhedspraktik", a + dt.timedelta(days=2),
                           a + 12 * week + dt.timedelta(days=1))])
    case_with("open_ended", [(first, "virksomhedspraktik", a - 5 * week, None)])
    return made
