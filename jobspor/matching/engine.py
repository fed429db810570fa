"""Finding and ranking: candidates for an opening, openings and companies for a citizen.

No access control and no logging here — selectors.py wraps these for users and the command line. Every
function reads only job-relevant facts (scoring.CitizenFacts/JobFacts/CompanyFacts); the citizen's name,
CPR, birth date and sex are never selected from the database.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery
from django.utils import timezone

from jobspor.cases.models import Case
from jobspor.cv.choices import ItemKind
from jobspor.cv.models import CvItem, CvJobGoal
from jobspor.jobs import geo
from jobspor.jobs.choices import JobStatus
from jobspor.jobs.models import JobOpening

from . import history, scoring, vocabulary
from .text import dice, tokens

NO_LIMIT_KM = 10_000  # citizens without a commute limit: every distance is allowed (and scored lower)


@dataclass
class Candidate:
    case_id: int
    case_ref: str
    citizen_id: int
    citizen_ref: str
    score: scoring.Score
    distance_km: float | None


@dataclass
class JobMatch:
    job: JobOpening
    score: scoring.Score
    distance_km: float | None
    same_municipality: bool


@dataclass
class CompanyMatch:
    company_id: int
    company_name: str
    similar: list[str]
    ordinary_hours_citizens: int
    distance_km: float | None
    score: float
    reasons: list[str]


def job_facts(job: JobOpening) -> scoring.JobFacts:
    return scoring.JobFacts(job_id=job.pk, title=job.title, tasks=list(job.tasks or []),
                            hours_per_week=job.hours_per_week, driving_licence=job.driving_licence or "",
                            competencies_required=list(job.competencies_required or []),
                            competencies_wanted=list(job.competencies_wanted or []),
                            postal_code=job.postal_code_id, company_id=job.company_id)


def _matching_keys(texts, state, kinds, threshold=scoring.TASK_THRESHOLD, superset=False):
    lexicon = state["lexicon"]
    wanted = [tokens(t, lexicon) for t in texts]
    keys = set()
    for kind, key, text in state["items"]:
        if kind not in kinds:
            continue
        have = tokens(text, lexicon)
        for want in wanted:
            if (have >= want) if superset else (dice(want, have) >= threshold):
                keys.add(key)
                break
    return keys


def _case_rows(case_q: Q, today: dt.date):
    from jobspor.placements.choices import PlacementStatus
    from jobspor.placements.models import Placement

    last_end = Placement.objects.filter(case_id=OuterRef("pk"), end__isnull=False).order_by("-end").values("end")[:1]
    active = Placement.objects.filter(case_id=OuterRef("pk"), status=PlacementStatus.ACTIVE)
    return (Case.objects.filter(case_q)
            .annotate(last_end=Subquery(last_end), in_placement=Exists(active))
            .values("pk", "external_id", "citizen_id", "citizen__external_id", "citizen__postal_code_id",
                    "target_group", "opened", "closed", "last_end", "in_placement", "citizen__cv__id",
                    "citizen__cv__hours_now", "citizen__cv__hours_wanted", "citizen__cv__max_commute_km",
                    "citizen__cv__driving_licence"))


def _facts_from_row(row, items, goals, today) -> scoring.CitizenFacts:
    cv_items = items.get(row["citizen__cv__id"], [])
    return scoring.CitizenFacts(
        case_id=row["pk"],
        tasks=[t for k, t in cv_items if k == ItemKind.TASK],
        competencies=[t for k, t in cv_items if k == ItemKind.COMPETENCY],
        goals=goals.get(row["citizen__cv__id"], []) + [t for k, t in cv_items if k == ItemKind.JOB_WISH],
        driving_licence=list(row["citizen__cv__driving_licence"] or []),
        hours_now=row["citizen__cv__hours_now"], hours_wanted=row["citizen__cv__hours_wanted"],
        max_commute_km=row["citizen__cv__max_commute_km"], postal_code=row["citizen__postal_code_id"],
        case_active=row["closed"] is None, target_group=row["target_group"],
        waiting_days=scoring.waiting_days(today=today, case_opened=row["opened"], last_placement_end=row["last_end"]),
        in_placement=bool(row["in_placement"]))


def candidates_for_job(job: JobOpening, *, scope_q: Q | None = None, top: int | None = 20,
                       today: dt.date | None = None) -> list[Candidate]:
    """Active cases whose CV matches the opening, best first. `scope_q` limits to the cases a user may see.

    With `top`, the fast path: every candidate gets a cheap upper bound of its score from one query (which of
    the matching CV keys it holds, hours, distance, target group, case age), candidates are fully scored in
    order of that bound, and the search stops once the `top`-th best full score beats every remaining bound.
    The top `top` is therefore exactly what scoring every candidate would give (test_fast_equals_exhaustive).
    """
    if not top:
        return _candidates_exhaustive(job, scope_q=scope_q, top=top, today=today)
    return _candidates_bounded(job, scope_q=scope_q, top=top, today=today)


def _job_context(job, today):
    state = vocabulary.current()
    lexicon = state["lexicon"]
    facts = job_facts(job)
    task_keys = _matching_keys(facts.tasks + facts.competencies_wanted, state,
                               {ItemKind.TASK, ItemKind.COMPETENCY})
    wish_keys = _matching_keys([facts.title], state, {ItemKind.JOB_WISH})
    title = tokens(facts.title, lexicon)
    goal_titles = [g for g in _goals_sharing_a_token(state, title)
                   if dice(title, tokens(g, lexicon)) >= scoring.TASK_THRESHOLD]
    keys = task_keys | wish_keys
    company = history.company_facts([job.company_id]).get(job.company_id, scoring.CompanyFacts())
    return dict(state=state, lexicon=lexicon, facts=facts, task_keys=task_keys, wish_keys=wish_keys,
                goal_titles=goal_titles, keys=keys, company=company,
                load_keys=keys | _required_keys(facts, state))


def _case_q(ctx) -> Q:
    """Active cases holding a matching key or goal, the required competencies, and not too far (for
    _candidates_exhaustive; the fast path checks the same in Python)."""
    state, facts, keys = ctx["state"], ctx["facts"], ctx["keys"]
    case_q = Q(closed__isnull=True) & (
        Q(citizen__cv__pk__in=CvItem.objects.filter(kind__in=vocabulary.MATCH_KINDS, key__in=keys).values("cv_id"))
        | Q(citizen__cv__pk__in=CvJobGoal.objects.filter(title__in=ctx["goal_titles"]).values("cv_id")))
    for competency in facts.competencies_required:  # hard requirement, in the database
        have = _matching_keys([competency], state, {ItemKind.COMPETENCY, ItemKind.TASK}, superset=True)
        case_q &= Q(citizen__cv__pk__in=CvItem.objects.filter(key__in=have).values("cv_id"))
    if facts.postal_code:  # nobody whose commute limit the workplace exceeds (checked exactly in Python)
        case_q &= (Q(citizen__cv__max_commute_km__isnull=True)
                   | Q(citizen__postal_code__in=geo.codes_within(facts.postal_code, 200)))
    return case_q


def _goals_sharing_a_token(state, title_tokens) -> set[str]:
    """Distinct job-goal titles with a token in common with the title (only those can reach the threshold);
    the token index is built once per vocabulary state."""
    index = state.get("goal_index")
    if index is None:
        index = defaultdict(set)
        for goal in state["goals"]:
            for token in tokens(goal, state["lexicon"]):
                index[token].add(goal)
        state["goal_index"] = index
    return set().union(*(index.get(t, ()) for t in title_tokens)) if title_tokens else set()


def _goal_cvs(state) -> dict[str, list[int]]:
    """Job-goal title → the CVs holding it, once per vocabulary state (its signature covers the goals)."""
    cvs = state.get("goal_cvs")
    if cvs is None:
        cvs = defaultdict(list)
        for cv_id, title in CvJobGoal.objects.values_list("cv_id", "title"):
            cvs[title].append(cv_id)
        state["goal_cvs"] = cvs
    return cvs


def _score_rows(rows, ctx, today):
    """Full scoring of case rows (from _case_rows): [(row, Score, distance)] for those meeting the hard
    requirements."""
    facts, lexicon = ctx["facts"], ctx["lexicon"]
    cv_ids = {r["citizen__cv__id"] for r in rows}
    items = defaultdict(list)
    for cv_id, kind, text in (CvItem.objects.filter(kind__in=vocabulary.MATCH_KINDS, key__in=ctx["load_keys"],
                                                    cv_id__in=cv_ids).values_list("cv_id", "kind", "text")):
        items[cv_id].append((kind, text))
    goals = defaultdict(list)
    wanted = set(ctx["goal_titles"])
    for cv_id, goal in CvJobGoal.objects.filter(cv_id__in=cv_ids).values_list("cv_id", "title"):
        if goal in wanted:
            goals[cv_id].append(goal)
    found = []
    for row in rows:
        citizen = _facts_from_row(row, items, goals, today)
        distance = geo.distance_km(citizen.postal_code, facts.postal_code) if citizen.postal_code and \
            facts.postal_code else None
        if scoring.hard_requirements_failed(citizen, facts, distance, lexicon):
            continue
        found.append((row, scoring.score(citizen, facts, ctx["company"], distance, lexicon), distance))
    return found


def _candidate(row, result, distance):
    return Candidate(case_id=row["pk"], case_ref=row["external_id"], citizen_id=row["citizen_id"],
                     citizen_ref=row["citizen__external_id"], score=result, distance_km=distance)


def _best_per_citizen(found: list[Candidate]) -> list[Candidate]:
    """One line per citizen (a citizen with two active cases: the better one), best first."""
    found.sort(key=lambda c: (-c.score.total, c.case_ref))
    seen, result = set(), []
    for candidate in found:
        if candidate.citizen_id not in seen:
            seen.add(candidate.citizen_id)
            result.append(candidate)
    return result


def _candidates_exhaustive(job, *, scope_q=None, top=None, today=None) -> list[Candidate]:
    """Every candidate fully scored (the reference the fast path is tested against; used for top=None)."""
    today = today or timezone.localdate()
    ctx = _job_context(job, today)
    case_q = _case_q(ctx) & scope_q if scope_q is not None else _case_q(ctx)
    rows = list(_case_rows(case_q, today))
    found = _best_per_citizen([_candidate(*hit) for hit in _score_rows(rows, ctx, today)])
    return found[:top] if top else found


BATCH = 100


def _candidates_bounded(job, *, scope_q=None, top=20, today=None) -> list[Candidate]:
    today = today or timezone.localdate()
    ctx = _job_context(job, today)
    bounds = _upper_bounds(ctx, today)
    if scope_q is not None:
        allowed = set(Case.objects.filter(scope_q, closed__isnull=True).values_list("pk", flat=True))
        bounds = [b for b in bounds if b[1] in allowed]
    bounds.sort(key=lambda pair: -pair[0])
    found: list[Candidate] = []
    i = 0
    while i < len(bounds):
        if len(found) >= top:
            kth = found[top - 1].score.total
            if round(bounds[i][0] + 1e-6, 1) < kth:  # no remaining candidate can reach the top
                break
        batch = [pk for _ub, pk in bounds[i:i + BATCH]]
        i += BATCH
        rows = list(_case_rows(Q(pk__in=batch, closed__isnull=True), today))
        found = _best_per_citizen(found + [_candidate(*hit) for hit in _score_rows(rows, ctx, today)])
    return found[:top]


_active: dict = {}


def _active_cases() -> dict[int, list[tuple]]:
    """cv id → [(case id, home postal code, target group, opened, hours now, hours wanted, commute limit,
    driving licences)] for every active case with a CV; cached per process and reloaded when a case, a CV or
    a citizen changes (count and last change of each). Only used to order candidates: everything is read
    again from the database before a candidate is scored."""
    from jobspor.citizens.models import Citizen
    from jobspor.cv.models import Cv

    signature = tuple(tuple(model.objects.aggregate(n=Count("id"), at=Max("updated_at")).values())
                      for model in (Case, Cv, Citizen))
    if _active.get("signature") == signature:
        return _active["by_cv"]
    by_cv = defaultdict(list)
    for cv_id, *rest in Case.objects.filter(closed__isnull=True, citizen__cv__isnull=False).values_list(
            "citizen__cv__id", "pk", "citizen__postal_code_id", "target_group", "opened", "citizen__cv__hours_now",
            "citizen__cv__hours_wanted", "citizen__cv__max_commute_km", "citizen__cv__driving_licence"):
        by_cv[cv_id].append(tuple(rest))
    _active.clear()
    _active.update(signature=signature, by_cv=dict(by_cv))
    return _active["by_cv"]


def _upper_bounds(ctx, today) -> list[tuple[float, int]]:
    """(upper bound of the score, case id) for every candidate meeting the hard requirements that can be
    checked without the CV texts (licence, commute limit). Each part of scoring.score is bounded:
    tasks exactly (per task the best similarity among the CV's matching keys: keys outside ctx["keys"] are
    below the threshold by construction), goal by the best matching goal or wish, wanted competencies by their
    full weight, hours and distance exactly, company exactly for the target group, waiting by the age of
    the case (a placement that ended later only shortens the wait)."""
    facts, lexicon, company, state = ctx["facts"], ctx["lexicon"], ctx["company"], ctx["state"]
    job_tasks = [tokens(t, lexicon) for t in facts.tasks]
    title = tokens(facts.title, lexicon)
    task_sims, goal_sims = {}, {}
    for kind, key, text in state["items"]:
        if kind == ItemKind.JOB_WISH:
            if key in ctx["wish_keys"]:
                goal_sims[(kind, key)] = dice(title, tokens(text, lexicon))
        elif key in ctx["task_keys"]:
            have = tokens(text, lexicon)
            sims = tuple(s if (s := dice(t, have)) >= scoring.TASK_THRESHOLD else 0.0 for t in job_tasks)
            task_sims[(kind, key)] = sims
    per_cv_tasks: dict[int, list[float]] = {}
    per_cv_goal: dict[int, float] = defaultdict(float)
    for cv_id, kind, key in CvItem.objects.filter(kind__in=vocabulary.MATCH_KINDS, key__in=ctx["keys"]).values_list(
            "cv_id", "kind", "key"):
        sims = task_sims.get((kind, key))
        if sims is not None:
            best = per_cv_tasks.get(cv_id)
            per_cv_tasks[cv_id] = list(sims) if best is None else [max(a, b) for a, b in zip(best, sims, strict=True)]
        elif (g := goal_sims.get((kind, key))) is not None and g > per_cv_goal[cv_id]:
            per_cv_goal[cv_id] = g
    goal_cvs = _goal_cvs(state)
    for goal in ctx["goal_titles"]:
        g = dice(title, tokens(goal, lexicon))
        for cv_id in goal_cvs.get(goal, ()):
            if g > per_cv_goal[cv_id]:
                per_cv_goal[cv_id] = g
    company_part = {}
    for group in (2, None):
        history_part = min(7.0, 3.5 * company.ordinary_hours_citizens)
        if group == 2 and company.target_group_2_citizens:
            history_part += 3.0
        outcomes = company.accepted + company.declined
        if outcomes >= 2:
            history_part += 6 * (company.accepted / outcomes - 0.5)
        company_part[group] = max(0.0, min(float(scoring.W_COMPANY), history_part))
    coords = geo.coordinates()
    work = coords.get(facts.postal_code or "")
    n_tasks = len(job_tasks)
    result = []
    active = _active_cases()
    required = None
    for competency in facts.competencies_required:  # hard requirement: CVs holding every required competency
        have = _matching_keys([competency], state, {ItemKind.COMPETENCY, ItemKind.TASK}, superset=True)
        holders = set(CvItem.objects.filter(key__in=have).values_list("cv_id", flat=True))
        required = holders if required is None else required & holders
    candidates = set(per_cv_tasks) | set(per_cv_goal)
    if required is not None:
        candidates &= required
    distances = {}
    rows = ((cv_id, *case) for cv_id in candidates for case in active.get(cv_id, ()))
    for (cv_id, pk, code, group, opened, now, wanted, limit, licence) in rows:
        if code in distances:
            distance = distances[code]
        else:
            home = coords.get(code or "")
            distance = distances[code] = geo.haversine_km(*home, *work) if home and work else None
        if limit is not None and (distance is None or distance > limit):
            continue
        if not scoring._licence_ok(facts.driving_licence, list(licence or [])):
            continue
        sims = per_cv_tasks.get(cv_id)
        tasks_part = scoring.W_TASKS * sum(sims) / n_tasks if sims and n_tasks else 0.0
        goal = per_cv_goal.get(cv_id, 0.0)
        bound = tasks_part + (scoring.W_GOAL * goal if goal >= scoring.TASK_THRESHOLD else 0.0)
        if facts.competencies_wanted or (sims and any(sims)):
            bound += scoring.W_COMPETENCIES
        hours = now if now is not None else wanted
        if hours is None:
            bound += scoring.W_HOURS / 2
        elif hours >= facts.hours_per_week:
            bound += scoring.W_HOURS
        else:
            bound += scoring.W_HOURS * hours / facts.hours_per_week
        if distance is not None:
            bound += scoring.W_DISTANCE * max(0.0, 1 - distance / scoring.DISTANCE_SCALE_KM)
        bound += company_part[2 if group == 2 else None]
        bound += scoring.W_WAITING * min(1.0, max(0, (today - opened).days) / 365)
        result.append((bound, pk))
    return result


def _required_keys(facts, state):
    keys = set()
    for competency in facts.competencies_required:
        keys |= _matching_keys([competency], state, {ItemKind.COMPETENCY, ItemKind.TASK}, superset=True)
    return keys


def citizen_facts(case: Case, today: dt.date | None = None) -> scoring.CitizenFacts:
    today = today or timezone.localdate()
    row = _case_rows(Q(pk=case.pk), today).first()
    cv_id = row["citizen__cv__id"]
    items = defaultdict(list)
    goals = defaultdict(list)
    if cv_id:
        for kind, text in CvItem.objects.filter(cv_id=cv_id, kind__in=vocabulary.MATCH_KINDS).values_list("kind",
                                                                                                          "text"):
            items[cv_id].append((kind, text))
        goals[cv_id] = list(CvJobGoal.objects.filter(cv_id=cv_id).values_list("title", flat=True))
    return _facts_from_row(row, items, goals, today)


def jobs_for_citizen(case: Case, *, top: int | None = 20, today: dt.date | None = None) -> list[JobMatch]:
    """Open openings (small jobs included) the citizen meets the hard requirements of, best first."""
    state = vocabulary.current()
    lexicon = state["lexicon"]
    citizen = citizen_facts(case, today)
    if not citizen.case_active:
        return []
    openings = JobOpening.objects.filter(status=JobStatus.OPEN).select_related("company", "postal_code")
    if citizen.max_commute_km is not None:
        openings = openings.filter(postal_code__in=geo.codes_within(citizen.postal_code or "", citizen.max_commute_km))
    have = set().union(*[tokens(t, lexicon) for t in citizen.tasks + citizen.competencies]) if (
        citizen.tasks or citizen.competencies) else set()
    goal_tokens = [tokens(g, lexicon) for g in citizen.goals]
    coords = geo.coordinates()
    home = coords.get(citizen.postal_code or "")
    home_municipality = _municipality(citizen.postal_code)
    shortlist = []
    for job in openings.only("id", "external_id", "title", "kind", "tasks", "hours_per_week", "driving_licence",
                             "competencies_required", "competencies_wanted", "postal_code", "company_id",
                             "company__name", "postal_code__municipality"):
        job_tokens = set().union(*[tokens(t, lexicon) for t in job.tasks]) if job.tasks else set()
        title = tokens(job.title, lexicon)
        if not (job_tokens & have) and not any(dice(title, g) >= scoring.TASK_THRESHOLD for g in goal_tokens):
            continue
        shortlist.append(job)
    companies = history.company_facts({j.company_id for j in shortlist})
    found = []
    for job in shortlist:
        facts = job_facts(job)
        where = coords.get(job.postal_code_id or "")
        distance = geo.haversine_km(*home, *where) if home and where else None
        if scoring.hard_requirements_failed(citizen, facts, distance, lexicon):
            continue
        result = scoring.score(citizen, facts, companies.get(job.company_id, scoring.CompanyFacts()), distance,
                               lexicon)
        same = bool(job.postal_code_id and home_municipality
                    and job.postal_code.municipality == home_municipality)
        found.append(JobMatch(job=job, score=result, distance_km=distance, same_municipality=same))
    found.sort(key=lambda m: (-m.score.total, m.job.external_id))
    return found[:top] if top else found


def _municipality(code):
    from jobspor.citizens.models import PostalCode

    return PostalCode.objects.filter(code=code).values_list("municipality", flat=True).first() if code else None


def companies_for_citizen(case: Case, *, exclude_company_ids=(), top: int = 10,
                          today: dt.date | None = None) -> list[CompanyMatch]:
    """Companies without an open opening that gave ordinary hours (or filled an opening) in similar tasks:
    the jobformidler can call them and create the opening. Nearby first."""
    state = vocabulary.current()
    lexicon = state["lexicon"]
    citizen = citizen_facts(case, today)
    if not citizen.case_active or not (citizen.tasks or citizen.competencies):
        return []
    have = [tokens(t, lexicon) for t in citizen.tasks + citizen.competencies]
    limit = citizen.max_commute_km if citizen.max_commute_km is not None else NO_LIMIT_KM
    coords = geo.coordinates()
    home = coords.get(citizen.postal_code or "")
    by_company = defaultdict(set)
    names, codes = {}, {}
    for company_id, name, code, tasks in history.tasks_with_ordinary_hours(exclude_company_ids=exclude_company_ids):
        for task in tasks:
            if any(dice(tokens(task, lexicon), h) >= scoring.TASK_THRESHOLD for h in have):
                by_company[company_id].add(task)
        names[company_id], codes[company_id] = name, code
    facts = history.company_facts(set(by_company))
    found = []
    for company_id, similar in by_company.items():
        where = coords.get(codes[company_id] or "")
        distance = geo.haversine_km(*home, *where) if home and where else None
        if distance is not None and distance > limit or distance is None and citizen.max_commute_km is not None:
            continue
        company = facts.get(company_id, scoring.CompanyFacts())
        reasons = [scoring._("Har før givet ordinære timer eller besat et job med %(tasks)s") % {
            "tasks": scoring._join(sorted(similar))}]
        if distance is not None:
            reasons.append(scoring._("Ligger %(km)d km fra borgerens bopæl") % {"km": round(distance)})
        value = 10 * len(similar) + 3 * company.ordinary_hours_citizens - (distance or 0) / 4
        found.append(CompanyMatch(company_id=company_id, company_name=names[company_id], similar=sorted(similar),
                                  ordinary_hours_citizens=company.ordinary_hours_citizens, distance_km=distance,
                                  score=round(value, 1), reasons=reasons))
    found.sort(key=lambda c: (c.distance_km if c.distance_km is not None else NO_LIMIT_KM, -c.score))
    return found[:top]

