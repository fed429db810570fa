"""Finding and ranking: candidates for an opening, openings and companies for a citizen.

No access control and no logging here — selectors.py wraps these for users and the command line. Every
function reads only job-relevant facts (scoring.CitizenFacts/JobFacts/CompanyFacts); the citizen's name,
CPR, birth date and sex are never selected from the database.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from jobspor.cases.models import Case
from jobspor.cv.choices import ItemKind
from jobspor.cv.models import CvItem, CvJobGoal
from jobspor.jobs import geo
from jobspor.jobs.choices import JobStatus
from jobspor.jobs.models import JobOpening

from . import bounds, history, scoring, vocabulary
from .text import dice, tokens

LEDIGHEDSYDELSE = "ledighedsydelse"
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
                            postal_code=job.postal_code_id, company_id=job.company_id, kind=job.kind)


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
                    "benefit", "fleksjob_visitated",
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
        in_placement=bool(row["in_placement"]), fleksjob_visitated=visitated(row))


def visitated(row) -> bool:
    """Visitated to fleksjob: recorded on the case, or implied by ledighedsydelse."""
    return bool(row["fleksjob_visitated"]) or row["benefit"] == LEDIGHEDSYDELSE


def visitated_q() -> Q:
    return Q(fleksjob_visitated=True) | Q(benefit=LEDIGHEDSYDELSE)


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


def _job_context(job, today, state=None):
    state = state or vocabulary.current()
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
    if facts.kind == scoring.FLEX_JOB:  # hard requirement: only citizens visitated to fleksjob
        case_q &= visitated_q()
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


class Preloaded:
    """Case rows, CV items and goals of many cases read once (bulk matching scores them against many
    openings without a query per opening)."""

    def __init__(self, case_ids, today, chunk=500):
        case_ids = list(case_ids)
        self.rows, self.items, self.goals = {}, defaultdict(list), defaultdict(list)
        for i in range(0, len(case_ids), chunk):
            for row in _case_rows(Q(pk__in=case_ids[i:i + chunk]), today):
                self.rows[row["pk"]] = row
        cv_ids = sorted({r["citizen__cv__id"] for r in self.rows.values() if r["citizen__cv__id"]})
        for i in range(0, len(cv_ids), chunk):
            part = cv_ids[i:i + chunk]
            for cv_id, kind, key, text in CvItem.objects.filter(kind__in=vocabulary.MATCH_KINDS, cv_id__in=part
                                                                ).values_list("cv_id", "kind", "key", "text"):
                self.items[cv_id].append((kind, key, text))
            for cv_id, title in CvJobGoal.objects.filter(cv_id__in=part).values_list("cv_id", "title"):
                self.goals[cv_id].append(title)


def _load(rows, ctx, preload):
    """The CV items (those with a matching or required key) and matching goals of the rows' CVs."""
    cv_ids = {r["citizen__cv__id"] for r in rows}
    items, goals = defaultdict(list), defaultdict(list)
    wanted_goals, keys = set(ctx["goal_titles"]), ctx["load_keys"]
    if preload is None:
        for cv_id, kind, text in (CvItem.objects.filter(kind__in=vocabulary.MATCH_KINDS, key__in=keys,
                                                        cv_id__in=cv_ids).values_list("cv_id", "kind", "text")):
            items[cv_id].append((kind, text))
        found_goals = CvJobGoal.objects.filter(cv_id__in=cv_ids).values_list("cv_id", "title")
    else:
        for cv_id in cv_ids:
            items[cv_id] = [(kind, text) for kind, key, text in preload.items.get(cv_id, ()) if key in keys]
        found_goals = ((cv_id, title) for cv_id in cv_ids for title in preload.goals.get(cv_id, ()))
    for cv_id, goal in found_goals:
        if goal in wanted_goals:
            goals[cv_id].append(goal)
    return items, goals


def _score_rows(rows, ctx, today, preload=None):
    """Full scoring of case rows (from _case_rows): [(row, Score, distance)] for those meeting the hard
    requirements."""
    facts, lexicon = ctx["facts"], ctx["lexicon"]
    items, goals = _load(rows, ctx, preload)
    found = []
    for row in rows:
        citizen = _facts_from_row(row, items, goals, today)
        distance = geo.distance_km(citizen.postal_code, facts.postal_code) if citizen.postal_code and \
            facts.postal_code else None
        if scoring.hard_requirements_failed(citizen, facts, distance, lexicon):
            continue
        found.append((row, scoring.score(citizen, facts, ctx["company"], distance, lexicon), distance))
    return found


def score_case_for_job(job: JobOpening, case: Case, *, today: dt.date | None = None
                       ) -> tuple[scoring.Score | None, list[str]]:
    """One case against one opening, as the candidate list scores it: (score, []) — or (None, the hard
    requirements it fails). The shortlist stores this score; a score sent by the browser is never used."""
    today = today or timezone.localdate()
    ctx = _job_context(job, today)
    row = _case_rows(Q(pk=case.pk), today).first()
    items, goals = _load([row], ctx, None)
    citizen = _facts_from_row(row, items, goals, today)
    facts = ctx["facts"]
    distance = geo.distance_km(citizen.postal_code, facts.postal_code) if citizen.postal_code and \
        facts.postal_code else None
    failed = scoring.hard_requirements_failed(citizen, facts, distance, ctx["lexicon"])
    if failed:
        return None, failed
    return scoring.score(citizen, facts, ctx["company"], distance, ctx["lexicon"]), []


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
    values, pks = bounds.upper_bounds(ctx, today)
    if scope_q is not None:
        allowed = np.isin(pks, list(Case.objects.filter(scope_q, closed__isnull=True).values_list("pk", flat=True)))
        values, pks = values[allowed], pks[allowed]
    return _top_by_bounds(ctx, values.tolist(), pks.tolist(), top, today)


def _top_by_bounds(ctx, values, pks, top, today, preload=None, batch_size=BATCH) -> list[Candidate]:
    """Full scoring in order of the bounds (best first) until no remaining bound can reach the top."""
    found: list[Candidate] = []
    i = 0
    while i < len(pks):
        if len(found) >= top:
            kth = found[top - 1].score.total
            if round(values[i] + 1e-6, 1) < kth:  # no remaining candidate can reach the top
                break
        batch = pks[i:i + batch_size]
        i += batch_size
        if preload is None:
            rows = list(_case_rows(Q(pk__in=batch, closed__isnull=True), today))
        else:
            rows = [preload.rows[pk] for pk in batch if pk in preload.rows]
        found = _best_per_citizen(found + [_candidate(*hit) for hit in _score_rows(rows, ctx, today, preload)])
    return found[:top]


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


def _within(citizen: scoring.CitizenFacts, within_km: int | None) -> scoring.CitizenFacts:
    """Only openings within `within_km` as well (as if the citizen's commute limit were that, when tighter)."""
    if within_km is not None:
        limit = citizen.max_commute_km
        citizen.max_commute_km = within_km if limit is None else min(limit, within_km)
    return citizen


def jobs_for_citizen(case: Case, *, top: int | None = 20, today: dt.date | None = None,
                     within_km: int | None = None) -> list[JobMatch]:
    """Open openings (small jobs included) the citizen meets the hard requirements of, best first; with
    `within_km`, only those that near the citizen's home.

    The open openings are held in a per-process table (bounds.open_openings). For the citizen, each distinct
    task text and title is compared once; every opening then gets its score without the company part plus
    the company part's maximum as an upper bound, and openings are scored in full (with reasons) in order of
    that bound until the `top`-th best score beats every remaining bound: the same top as scoring them all."""
    if not top:
        return _jobs_for_citizen_exhaustive(case, top=top, today=today, within_km=within_km)
    state = vocabulary.current()
    lexicon = state["lexicon"]
    citizen = _within(citizen_facts(case, today), within_km)
    if not citizen.case_active:
        return []
    table = bounds.open_openings()
    values, ids = bounds.citizen_bounds(citizen, table, lexicon)
    home_municipality = _municipality(citizen.postal_code)
    coords = geo.coordinates()
    home = coords.get(citizen.postal_code or "")
    found: list[JobMatch] = []
    i = 0
    while i < len(ids):
        if len(found) >= top and round(values[i] + 1e-6, 1) < found[top - 1].score.total:
            break
        batch = ids[i:i + 50]
        i += 50
        openings = list(JobOpening.objects.filter(pk__in=batch, status=JobStatus.OPEN)
                        .select_related("company", "postal_code"))
        companies = history.company_facts({j.company_id for j in openings})
        found += _score_jobs(openings, citizen, companies, coords, home, home_municipality, lexicon)
        found.sort(key=lambda m: (-m.score.total, m.job.external_id))
    return found[:top]


def _score_jobs(openings, citizen, companies, coords, home, home_municipality, lexicon) -> list[JobMatch]:
    """Score each opening for the citizen in full; openings failing a hard requirement are left out."""
    found = []
    for job in openings:
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
    return found


def _jobs_for_citizen_exhaustive(case: Case, *, top: int | None = 20, today: dt.date | None = None,
                                 within_km: int | None = None) -> list[JobMatch]:
    """Every open opening scored in full (the reference the fast path is tested against)."""
    state = vocabulary.current()
    lexicon = state["lexicon"]
    citizen = _within(citizen_facts(case, today), within_km)
    if not citizen.case_active:
        return []
    openings = JobOpening.objects.filter(status=JobStatus.OPEN).select_related("company", "postal_code")
    if not citizen.fleksjob_visitated:
        openings = openings.exclude(kind=scoring.FLEX_JOB)
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
    found = _score_jobs(shortlist, citizen, companies, coords, home, home_municipality, lexicon)
    found.sort(key=lambda m: (-m.score.total, m.job.external_id))
    return found[:top] if top else found


def _municipality(code):
    from jobspor.citizens.models import PostalCode

    return PostalCode.objects.filter(code=code).values_list("municipality", flat=True).first() if code else None


def companies_for_citizen(case: Case, *, exclude_company_ids=(), top: int = 10,
                          today: dt.date | None = None) -> list[CompanyMatch]:
    """Companies without an open opening that gave ordinary hours (or filled an opening) in similar tasks:
    the jobformidler can call them and create the opening. Nearby first (ties: higher score, then name).

    Each distinct task text is compared with the citizen's once (companies repeat the same tasks); the companies'
    tasks and citizens given ordinary hours come from the process's company table (history.py, kept up to date
    by index.py), so no hours or agreements are read per request."""
    state = vocabulary.current()
    lexicon = state["lexicon"]
    citizen = citizen_facts(case, today)
    if not citizen.case_active or not (citizen.tasks or citizen.competencies):
        return []
    have = [tokens(t, lexicon) for t in citizen.tasks + citizen.competencies]
    limit = citizen.max_commute_km if citizen.max_commute_km is not None else NO_LIMIT_KM
    coords = geo.coordinates()
    home = coords.get(citizen.postal_code or "")
    similar_task: dict[str, bool] = {}

    def similar(task):
        found = similar_task.get(task)
        if found is None:
            want = tokens(task, lexicon)
            found = similar_task[task] = any(dice(want, h) >= scoring.TASK_THRESHOLD for h in have)
        return found

    near = []  # (distance key, company id, name, distance, similar tasks)
    for company_id, name, code, tasks in history.tasks_with_ordinary_hours(exclude_company_ids=exclude_company_ids,
                                                                           today=today):
        matched = sorted({t for t in tasks if similar(t)})
        if not matched:
            continue
        where = coords.get(code or "")
        distance = geo.haversine_km(*home, *where) if home and where else None
        if distance is not None and distance > limit or distance is None and citizen.max_commute_km is not None:
            continue
        near.append((distance if distance is not None else NO_LIMIT_KM, company_id, name, distance, matched))
    if not near:
        return []
    near.sort(key=lambda row: row[0])
    cutoff = near[min(top, len(near)) - 1][0]
    near = [row for row in near if row[0] <= cutoff]  # only these can be in the top (distance sorts first)
    hired = history.ordinary_hours_citizens([row[1] for row in near], today=today)
    found = []
    for _key, company_id, name, distance, matched in near:
        value = 10 * len(matched) + 3 * hired[company_id] - (distance or 0) / 4
        found.append(CompanyMatch(company_id=company_id, company_name=name, similar=matched,
                                  ordinary_hours_citizens=hired[company_id], distance_km=distance,
                                  score=round(value, 1), reasons=[]))
    found.sort(key=lambda c: (c.distance_km if c.distance_km is not None else NO_LIMIT_KM, -c.score,
                              c.company_name, c.company_id))
    for match in found[:top]:
        match.reasons = [scoring._("Har før givet ordinære timer eller besat et job med %(tasks)s") % {
            "tasks": scoring._join(match.similar)}]
        if match.distance_km is not None:
            match.reasons.append(scoring._("Ligger %(km)d km fra borgerens bopæl") % {"km": round(match.distance_km)})
    return found[:top]
