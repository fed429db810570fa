"""Company suggestions read the placements' latest week with ordinary hours instead of the weekly hours rows:
the results are those of the old computation (kept here verbatim as the reference) on a varied history."""

import datetime as dt
from collections import defaultdict

import pytest
from django.utils import timezone

from jobspor.companies.services import contact_save
from jobspor.jobs.choices import JobStatus
from jobspor.jobs.models import JobOpening
from jobspor.matching import engine, history, scoring, vocabulary
from jobspor.matching.text import dice, tokens
from jobspor.placements import services as placements
from jobspor.placements.models import Placement, WeekHours, WorkAgreement
from jobspor.testing.factories import make_case, make_company, make_cv, make_job

pytestmark = pytest.mark.django_db

YEAR = dt.timedelta(days=365)


# --- the computation before issue 16 (reads every weekly hours row) --------------------------------------------

def old_company_hours(company_ids, today):
    hours = defaultdict(set)
    for company_id, citizen_id in (WeekHours.objects.filter(placement__company_id__in=company_ids,
                                                            week__gte=today - YEAR, ordinary_hours__gt=0)
                                   .values_list("placement__company_id", "placement__case__citizen_id").distinct()):
        hours[company_id].add(citizen_id)
    for company_id, citizen_id in (JobOpening.objects.filter(company_id__in=company_ids, status=JobStatus.FILLED,
                                                             filled_on__gte=today - YEAR, filled_by__isnull=False)
                                   .values_list("company_id", "filled_by_id")):
        hours[company_id].add(citizen_id)
    return {c: len(v) for c, v in hours.items()}


def old_tasks_with_ordinary_hours(*, exclude_company_ids=(), today):
    since = today - 2 * YEAR
    with_open = set(JobOpening.objects.filter(status=JobStatus.OPEN).values_list("company_id", flat=True).distinct())
    skip = with_open | set(exclude_company_ids)
    tasks, meta = defaultdict(set), {}
    for company_id, name, code, job_tasks in (JobOpening.objects.filter(status=JobStatus.FILLED, filled_on__gte=since)
                                              .values_list("company_id", "company__name", "company__postal_code_id",
                                                           "tasks")):
        if company_id in skip:
            continue
        tasks[company_id].update(job_tasks or [])
        meta[company_id] = (name, code)
    placements_with_hours = Placement.objects.filter(hours__ordinary_hours__gt=0, hours__week__gte=since).values("pk")
    for company_id, name, code, agreed in (WorkAgreement.objects.filter(placement__in=placements_with_hours)
                                           .values_list("placement__company_id", "placement__company__name",
                                                        "placement__company__postal_code_id", "tasks")):
        if company_id in skip:
            continue
        tasks[company_id].update(agreed or [])
        meta[company_id] = (name, code)
    return [(company_id, *meta[company_id], sorted(t)) for company_id, t in tasks.items()]


def old_companies_for_citizen(case, *, today, top=10):
    from jobspor.jobs import geo

    lexicon = vocabulary.current()["lexicon"]
    citizen = engine.citizen_facts(case, today)
    if not citizen.case_active or not (citizen.tasks or citizen.competencies):
        return []
    have = [tokens(t, lexicon) for t in citizen.tasks + citizen.competencies]
    limit = citizen.max_commute_km if citizen.max_commute_km is not None else engine.NO_LIMIT_KM
    coords = geo.coordinates()
    home = coords.get(citizen.postal_code or "")
    by_company, names, codes = defaultdict(set), {}, {}
    for company_id, name, code, tasks in old_tasks_with_ordinary_hours(today=today):
        for task in tasks:
            if any(dice(tokens(task, lexicon), h) >= scoring.TASK_THRESHOLD for h in have):
                by_company[company_id].add(task)
        names[company_id], codes[company_id] = name, code
    hours = old_company_hours(set(by_company), today)
    found = []
    for company_id, similar in by_company.items():
        where = coords.get(codes[company_id] or "")
        distance = geo.haversine_km(*home, *where) if home and where else None
        if distance is not None and distance > limit or distance is None and citizen.max_commute_km is not None:
            continue
        value = 10 * len(similar) + 3 * hours.get(company_id, 0) - (distance or 0) / 4
        found.append((distance, round(value, 1), names[company_id], company_id, sorted(similar),
                      hours.get(company_id, 0)))
    # The old order was by distance, then score; among equal (distance, score) it followed the query's row order.
    # The new code breaks such ties by name: the reference does the same, to compare like with like.
    found.sort(key=lambda r: (r[0] if r[0] is not None else engine.NO_LIMIT_KM, -r[1], r[2], r[3]))
    return found[:top]


# --- a varied history ------------------------------------------------------------------------------------------

def _monday(day):
    return day - dt.timedelta(days=day.weekday())


@pytest.fixture
def history_world(job_broker):
    today = timezone.localdate()
    this_week = _monday(today)
    towns = ["8700", "7100", "8000", "8210", "9000", "8600", "7100", "8700", "6000", "8700"]
    task_sets = [["pakke varer", "plukke ordrer"], ["rengøre lager"], ["pakke varer"], ["køre truck", "pakke varer"],
                 ["betjene kasse"], ["pakning af varer", "fylde varer op"], ["rengøring af kontorer"],
                 ["plukke ordrer"], ["pakke varer", "rengøre lager"], ["lave kaffe"]]
    companies = [make_company(name=f"Firma {i:02d} ApS", postal_code=code) for i, code in enumerate(towns)]
    cases = [make_case(primary=job_broker, name=f"Borger {i}", postal_code="8700", opened=today - 3 * YEAR)
             for i in range(8)]
    for i, company in enumerate(companies):
        contact = contact_save(actor=None, company=company, name=f"Kontakt {i}")
        for j in range(2):  # two placements per company, of different cases
            case = cases[(i + j) % len(cases)]
            start = this_week - dt.timedelta(weeks=30 + 40 * ((i + j) % 3))  # 30, 70 or 110 weeks ago
            agreement = {"goal": "Ordinære timer", "tasks": task_sets[(i + j) % len(task_sets)], "hours_per_week": 10,
                         "conversion": "Mestrede opgaver bliver ordinære timer.", "follow_up_weeks": 2,
                         "start": start}
            placement = placements.placement_create(actor=None, case=case, company=company, contact=contact,
                                                    kind="virksomhedspraktik", purpose=1, start=start,
                                                    agreement=agreement)
            # Ordinary hours: none, only long ago (outside two years / one year), or recent.
            pattern = (i * 2 + j) % 4
            weeks = []
            for n in range(0, 30, 3):
                week = start + dt.timedelta(weeks=n)
                if week > this_week:
                    break
                ordinary = {0: 0, 1: 4 if n < 6 else 0, 2: 2 * (n // 3), 3: 5}[pattern]
                weeks.append({"week": week, "internship_hours": 6, "ordinary_hours": ordinary})
            placements.hours_save(actor=None, placement=placement, weeks=weeks)
    # Filled openings (one recent, one older than two years) and a company with an open opening (left out).
    for company, filled_on, case in ((companies[4], today - dt.timedelta(days=30), cases[0]),
                                     (companies[9], today - 3 * YEAR, cases[1])):
        job = make_job(company=company, title="Butiksassistent", tasks=["betjene kasse", "fylde varer op"],
                       postal_code=company.postal_code_id)
        JobOpening.objects.filter(pk=job.pk).update(status=JobStatus.FILLED, filled_on=filled_on,
                                                    filled_by=case.citizen, filled_case=case)
    make_job(company=companies[7], title="Lagerhjælp", tasks=["plukke ordrer"], postal_code="8700")
    seeker = make_case(primary=job_broker, name="Søger Sørensen", postal_code="8700")
    make_cv(case=seeker, tasks=["pakke varer", "plukke ordrer", "rengøre lager"], competencies=["betjene kasse"])
    near = make_case(primary=job_broker, name="Nær Nielsen", postal_code="8700")
    make_cv(case=near, tasks=["pakke varer", "fylde varer op"], max_commute_km=30)
    return {"today": today, "companies": companies, "cases": cases, "seeker": seeker, "near": near}


def _as_rows(found):
    return [(m.distance_km, m.score, m.company_name, m.company_id, m.similar, m.ordinary_hours_citizens)
            for m in found]


def test_company_suggestions_equal_the_old_computation(history_world):
    today = history_world["today"]
    assert Placement.objects.filter(last_ordinary_week__isnull=False).exists()
    for case in (history_world["seeker"], history_world["near"]):
        for top in (3, 10):
            new = engine.companies_for_citizen(case, top=top, today=today)
            assert new, "the fixture should give suggestions"
            assert _as_rows(new) == old_companies_for_citizen(case, today=today, top=top)
    # The reasons the user sees: the similar tasks, then the distance.
    first = engine.companies_for_citizen(history_world["seeker"], today=today)[0]
    assert first.reasons[0].startswith("Har før givet ordinære timer eller besat et job med")
    assert "km fra borgerens bopæl" in first.reasons[1]


def test_company_history_equals_the_hours_rows(history_world):
    today = history_world["today"]
    ids = [c.pk for c in history_world["companies"]]
    new = {c: f.ordinary_hours_citizens for c, f in history.company_facts(ids, today=today).items()
           if f.ordinary_hours_citizens}
    assert new == old_company_hours(ids, today)
    assert sorted(history.tasks_with_ordinary_hours(today=today)) == sorted(old_tasks_with_ordinary_hours(today=today))


def test_a_new_week_of_ordinary_hours_counts_at_once(history_world):
    """The suggestion follows the hours as they are written (the flag is kept by the hours services)."""
    today = history_world["today"]
    placement = Placement.objects.filter(last_ordinary_week__isnull=True).first()
    week = _monday(placement.start) + dt.timedelta(weeks=1)
    placements.hours_save(actor=None, placement=placement, weeks=[{"week": week, "internship_hours": 2,
                                                                   "ordinary_hours": 3}])
    assert sorted(history.tasks_with_ordinary_hours(today=today)) == sorted(old_tasks_with_ordinary_hours(today=today))
    ids = [c.pk for c in history_world["companies"]]
    new = {c: f.ordinary_hours_citizens for c, f in history.company_facts(ids, today=today).items()
           if f.ordinary_hours_citizens}
    assert new == old_company_hours(ids, today)
