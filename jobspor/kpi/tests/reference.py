"""A deliberately plain, independent implementation of kpi.md (version 2), used only to check the engine.

It shares no code with jobspor.kpi.engine: it loads every row as a plain dict and loops, reading kpi.md
line by line. Slow, obvious, and hopefully right. Written from the text of kpi.md, not from the engine.
"""

import datetime as dt
from collections import defaultdict

from jobspor.cases.models import Case, CaseStaff
from jobspor.citizens.models import Citizen
from jobspor.cv.models import Cv, CvExperience, CvItem, CvJobGoal
from jobspor.jobs.models import JobOpening
from jobspor.placements.models import Placement, WeekHours, WorkAgreement

COMPANY_KINDS = {"virksomhedspraktik", "loentilskud_privat", "loentilskud_offentlig", "ordinaere_timer",
                 "fleksjob", "jobrotation", "voksenlaerling", "ordinaer_uddannelse"}


def load():
    """Everything the measures read, as lists of plain dicts."""
    return {
        "cases": list(Case.objects.values("id", "citizen_id", "benefit", "target_group", "fsm_group", "opened",
                                          "closed", "close_reason", "team_id")),
        "citizens": {c["id"]: c for c in Citizen.objects.values("id", "birth_date", "sex")},
        "primary": {s["case_id"]: s["employee_id"]
                    for s in CaseStaff.objects.filter(is_primary=True).values("case_id", "employee_id")},
        "cvs": list(Cv.objects.values("id", "citizen_id", "created")),
        "items": list(CvItem.objects.values("cv_id", "kind", "created")),
        "experience": list(CvExperience.objects.values("cv_id", "created")),
        "goals": list(CvJobGoal.objects.values("cv_id", "set_on")),
        "placements": list(Placement.objects.values("id", "case_id", "company_id", "kind", "start", "end")),
        "agreements": list(WorkAgreement.objects.values("placement_id", "signed_on")),
        "hours": list(WeekHours.objects.values("placement_id", "week", "internship_hours", "ordinary_hours")),
        "jobs": list(JobOpening.objects.values("kind", "posted", "deadline", "status", "filled_on")),
    }


def age_on(birth, day):
    age = day.year - birth.year
    if (day.month, day.day) < (birth.month, birth.day):
        age -= 1
    return age


def in_band(age, band):
    if band == "under30":
        return age <= 29
    if band == "60plus":
        return age >= 60
    low, high = band.split("-")
    return int(low) <= age <= int(high)


def ratio(n, d):
    if d == 0:
        return {"numerator": n, "denominator": d, "share": None}
    return {"numerator": n, "denominator": d, "share": n / d}


def monday_in_period(week, start, end):
    assert week.weekday() == 0
    return start <= week <= end


def compute(data, start, end, fsm_group=None, target_group=None, benefit=None, team_ids=None,
            primary_contact_id=None, sex=None, age_band=None):
    def passes_filters(case):
        citizen = data["citizens"][case["citizen_id"]]
        if fsm_group is not None and case["fsm_group"] != fsm_group:
            return False
        if target_group is not None and case["target_group"] != target_group:
            return False
        if benefit is not None and case["benefit"] != benefit:
            return False
        if team_ids is not None and case["team_id"] not in team_ids:
            return False
        if primary_contact_id is not None and data["primary"].get(case["id"]) != primary_contact_id:
            return False
        if sex is not None and citizen["sex"] != sex:
            return False
        if age_band is not None and not in_band(age_on(citizen["birth_date"], start), age_band):
            return False
        return True

    # --- population
    population = []
    for case in data["cases"]:
        if case["opened"] > end:
            continue
        if case["closed"] is not None and case["closed"] < start:
            continue
        if not passes_filters(case):
            continue
        population.append(case)
    case_ids = {c["id"] for c in population}

    # --- CV and job goals, per citizen
    # has_cv: a competency, task or experience entry created on or before `to` (the entry's own date).
    cv_of = {cv["id"]: cv for cv in data["cvs"]}
    citizens_with_cv = set()
    for item in data["items"]:
        if item["kind"] in ("competency", "task") and item["created"] <= end:
            citizens_with_cv.add(cv_of[item["cv_id"]]["citizen_id"])
    for exp in data["experience"]:
        if exp["created"] <= end:
            citizens_with_cv.add(cv_of[exp["cv_id"]]["citizen_id"])
    citizens_with_goal = set()
    for goal in data["goals"]:
        if goal["set_on"] <= end:
            citizens_with_goal.add(cv_of[goal["cv_id"]]["citizen_id"])

    # --- placements
    placement_of = {p["id"]: p for p in data["placements"]}

    def overlaps(p):
        return p["start"] <= end and (p["end"] is None or p["end"] >= start)

    company_placement_cases = set()
    for p in data["placements"]:
        if p["kind"] in COMPANY_KINDS and overlaps(p):
            company_placement_cases.add(p["case_id"])

    signed_placements = set()
    for a in data["agreements"]:
        if a["signed_on"] is not None and a["signed_on"] <= end:
            signed_placements.add(a["placement_id"])
    signed_cases = set()
    for p in data["placements"]:
        if overlaps(p) and p["id"] in signed_placements:
            signed_cases.add(p["case_id"])

    ordinary_cases = set()
    companies_ordinary = set()
    for h in data["hours"]:
        p = placement_of[h["placement_id"]]
        if not monday_in_period(h["week"], start, end):
            continue
        if h["ordinary_hours"] > 0:
            ordinary_cases.add(p["case_id"])
            if p["case_id"] in case_ids:
                companies_ordinary.add(p["company_id"])

    # continuous_13_weeks: a week (Monday to Sunday) belongs to a course at company c when a company placement
    # at c overlaps it; an open-ended placement runs to `to`; weeks whose Monday is after `to` do not count,
    # weeks before `from` do. A course of >= 13 consecutive weeks must hold at least one week in P.
    weeks_at = defaultdict(set)  # (case, company) -> Mondays of weeks belonging to a course there
    for p in data["placements"]:
        if p["kind"] not in COMPANY_KINDS:
            continue
        last_day = p["end"] if p["end"] is not None else end
        monday = p["start"] - dt.timedelta(days=p["start"].weekday())
        while monday <= end:
            sunday = monday + dt.timedelta(days=6)
            if monday <= last_day and sunday >= p["start"]:
                weeks_at[(p["case_id"], p["company_id"])].add(monday)
            if monday > last_day:
                break
            monday += dt.timedelta(weeks=1)

    continuous_cases = set()
    for (case_id, _company), weeks in weeks_at.items():
        for week in weeks:
            if not monday_in_period(week, start, end):
                continue
            # the course through this week: walk back and forward while the weeks continue
            first = week
            while first - dt.timedelta(weeks=1) in weeks:
                first -= dt.timedelta(weeks=1)
            last = week
            while last + dt.timedelta(weeks=1) in weeks:
                last += dt.timedelta(weeks=1)
            if (last - first).days // 7 + 1 >= 13:
                continuous_cases.add(case_id)
                break

    # relapse_26_weeks: over all cases (not only the population) closed to ordinary employment on c with
    # from <= c + 182 days <= to, narrowed by the same filters; numerator: the citizen has another case opened
    # after c and on or before c + 182 days.
    relapse_d, relapse_n = 0, 0
    for case in data["cases"]:
        if case["close_reason"] != "ordinaer_beskaeftigelse" or case["closed"] is None:
            continue
        c = case["closed"]
        if not (start <= c + dt.timedelta(days=182) <= end):
            continue
        if not passes_filters(case):
            continue
        relapse_d += 1
        for other in data["cases"]:
            if other["id"] != case["id"] and other["citizen_id"] == case["citizen_id"] \
                    and c < other["opened"] <= c + dt.timedelta(days=182):
                relapse_n += 1
                break

    # --- closings
    exits = defaultdict(int)
    exit_cases, clarified_cases = set(), set()
    for case in population:
        if case["closed"] is not None and start <= case["closed"] <= end:
            exits[case["close_reason"]] += 1
            if case["close_reason"] in ("ordinaer_beskaeftigelse", "ordinaer_uddannelse"):
                exit_cases.add(case["id"])
            if case["close_reason"] in ("fleksjob", "foertidspension", "ressourceforloeb"):
                clarified_cases.add(case["id"])

    def count(ids):
        return sum(1 for case in population if case["id"] in ids)

    def count_citizen(citizen_ids):
        return sum(1 for case in population if case["citizen_id"] in citizen_ids)

    # --- openings
    posted = defaultdict(int)
    due, filled = 0, 0
    for job in data["jobs"]:
        if start <= job["posted"] <= end:
            posted[job["kind"]] += 1
        if job["deadline"] is not None and start <= job["deadline"] <= end:
            due += 1
            if job["status"] == "filled" and job["filled_on"] is not None and job["filled_on"] <= job["deadline"]:
                filled += 1

    d = len(population)
    return {
        "population": d,
        "has_cv": ratio(count_citizen(citizens_with_cv), d),
        "has_job_goal": ratio(count_citizen(citizens_with_goal), d),
        "company_placement": ratio(count(company_placement_cases), d),
        "ordinary_hours": ratio(count(ordinary_cases), d),
        "continuous_13_weeks": ratio(count(continuous_cases), d),
        "signed_agreement": ratio(count(signed_cases), d),
        "exit_employment_or_education": ratio(count(exit_cases), d),
        "clarified": ratio(count(clarified_cases), d),
        "relapse_26_weeks": ratio(relapse_n, relapse_d),
        "exits_by_reason": dict(sorted(exits.items())),
        "jobs_posted": dict(sorted(posted.items())),
        "jobs_fill_rate": ratio(filled, due),
        "companies_with_ordinary_hours": len(companies_ordinary),
    }
