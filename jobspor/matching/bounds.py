"""Cheap upper bounds of the match score, for all active cases at once (numpy), so that only the few
hundred candidates that can reach the top are scored in full (engine._candidates_bounded).

Two in-process tables, updated for what changed (jobspor.matching.index applies the change log) and stored
for new processes:
- `Index` (part of the vocabulary state): normalised CV key → the CVs holding it, and job-goal title → CVs;
- `Active`: one row per active case with a CV, by case id: case id, CV id, home postal code, target group,
  waiting since, in a placement, hours, commute limit, licences, visitated to fleksjob.

Both only order and prune candidates: a candidate is read again from the database before it is scored.

Bound of each part of scoring.score (the bound is ≥ the score, so a candidate whose bound is below the
N-th best full score cannot enter the top N):
    tasks         exact: per opening task, the best similarity among the CV's keys that match (keys outside
                  the matching set are below the threshold by construction and count 0 in the score)
    goal          exact: the best similarity of a matching job goal or job wish
    competencies  exact: the share of wanted competencies among the CV's items (else full weight if tasks match)
    hours         exact from the CV's hours now (else hours wanted)
    distance      exact from the postal codes
    company       exact for the case's target group
    waiting       exact: from the later of the date opened and the end of the last placement; 0 in a placement
Hard requirements are applied exactly: the commute limit, the driving licence, the required competencies
(CVs holding a key that contains each required competency), fleksjob only for cases visitated to it.
"""

import datetime as dt
from collections import defaultdict

import numpy as np
from django.db.models import Max

from jobspor.cases.models import Case
from jobspor.cv.choices import ItemKind
from jobspor.cv.models import CvItem, CvJobGoal
from jobspor.jobs import geo

from . import scoring, vocabulary
from .text import dice, tokens

LEDIGHEDSYDELSE = "ledighedsydelse"  # implies a visitation to fleksjob (cases.choices.Benefit)


def index(state) -> dict:
    """{"keys": {(kind, key): array of CV ids}, "goals": {title: array of CV ids}, "size": max CV id + 1}."""
    found = state.get("bounds_index")
    if found is None:
        keys, goals = defaultdict(list), defaultdict(list)
        size = 0
        for cv_id, kind, key in CvItem.objects.filter(kind__in=vocabulary.MATCH_KINDS).values_list(
                "cv_id", "kind", "key").iterator(chunk_size=20_000):
            keys[(kind, key)].append(cv_id)
            size = max(size, cv_id)
        for cv_id, title in CvJobGoal.objects.values_list("cv_id", "title").iterator(chunk_size=20_000):
            goals[title].append(cv_id)
            size = max(size, cv_id)
        found = {"keys": {k: np.unique(np.array(v, dtype=np.int64)) for k, v in keys.items()},
                 "goals": {k: np.unique(np.array(v, dtype=np.int64)) for k, v in goals.items()}, "size": size + 1}
        state["bounds_index"] = found
    return found


def reset():
    from . import index as matching_index

    matching_index.reset()


def active() -> dict:
    """Arrays over the active cases with a CV (see the module docstring), kept up to date by index.py."""
    from . import index as matching_index

    return matching_index.sync()["active"]


ARRAYS = ("pk", "cv", "code", "group2", "waiting_from", "in_placement", "hours", "limit", "fleks")


def _active_rows(case_ids=None):
    """(rows, last placement end per case, cases in a placement) for all active cases with a CV, or for
    `case_ids` only."""
    from jobspor.placements.choices import PlacementStatus
    from jobspor.placements.models import Placement

    cases = Case.objects.filter(closed__isnull=True, citizen__cv__isnull=False)
    placements = Placement.objects.all()
    if case_ids is not None:
        cases, placements = cases.filter(pk__in=case_ids), placements.filter(case_id__in=case_ids)
    rows = list(cases.values_list(
        "pk", "citizen__cv__id", "citizen__postal_code_id", "target_group", "opened", "citizen__cv__hours_now",
        "citizen__cv__hours_wanted", "citizen__cv__max_commute_km", "citizen__cv__driving_licence",
        "fleksjob_visitated", "benefit"))
    last_end = dict(placements.filter(end__isnull=False).values("case_id").annotate(last=Max("end"))
                    .values_list("case_id", "last"))
    in_placement = set(placements.filter(status=PlacementStatus.ACTIVE).values_list("case_id", flat=True))
    return rows, last_end, in_placement


def _arrays(rows, last_end, in_placement, codes: list) -> dict:
    """The table's arrays for `rows`; new postal codes are appended to `codes` (a list the table owns)."""
    code_at = {c: i for i, c in enumerate(codes)}
    for r in rows:
        if (r[2] or "") not in code_at:
            code_at[r[2] or ""] = len(codes)
            codes.append(r[2] or "")
    return dict(
        pk=np.array([r[0] for r in rows], dtype=np.int64),
        cv=np.array([r[1] for r in rows], dtype=np.int64),
        code=np.array([code_at[r[2] or ""] for r in rows], dtype=np.int64),
        group2=np.array([r[3] == 2 for r in rows], dtype=bool),
        waiting_from=np.array([max(r[4], last_end.get(r[0]) or r[4]).toordinal() for r in rows], dtype=np.int64),
        in_placement=np.array([r[0] in in_placement for r in rows], dtype=bool),
        hours=np.array([(r[5] if r[5] is not None else r[6]) if (r[5], r[6]) != (None, None) else -1
                        for r in rows], dtype=np.float64),
        limit=np.array([r[7] if r[7] is not None else -1 for r in rows], dtype=np.float64),
        licences=[r[8] or [] for r in rows],
        fleks=np.array([bool(r[9]) or r[10] == LEDIGHEDSYDELSE for r in rows], dtype=bool))


def _sorted_table(arrays: dict, codes: list) -> dict:
    order = np.argsort(arrays["pk"], kind="stable")
    table = {name: arrays[name][order] for name in ARRAYS}
    table["licences"] = [arrays["licences"][i] for i in order]
    table["codes"], table["licence_ok"] = codes, {}
    return table


def build_active() -> dict:
    codes: list = []
    return _sorted_table(_arrays(*_active_rows(), codes), codes)


def active_apply(table: dict, case_ids) -> dict:
    """A new table: `table` with the rows of `case_ids` read again (added, changed or gone)."""
    ids = np.array(sorted(case_ids), dtype=np.int64)
    codes = list(table["codes"])
    fresh = _arrays(*_active_rows(ids.tolist()), codes)
    keep = ~np.isin(table["pk"], ids)
    merged = {name: np.concatenate([table[name][keep], fresh[name]]) for name in ARRAYS}
    merged["licences"] = [table["licences"][i] for i in np.flatnonzero(keep)] + fresh["licences"]
    return _sorted_table(merged, codes)


def _licence_mask(table, required: str):
    mask = table["licence_ok"].get(required)
    if mask is None:
        mask = np.array([scoring._licence_ok(required, list(held)) for held in table["licences"]], dtype=bool)
        table["licence_ok"][required] = mask
    return mask


def _company_part(company: scoring.CompanyFacts, group2: bool) -> float:
    value = min(7.0, 3.5 * company.ordinary_hours_citizens)
    if group2 and company.target_group_2_citizens:
        value += 3.0
    outcomes = company.accepted + company.declined
    if outcomes >= 2:
        value += 6 * (company.accepted / outcomes - 0.5)
    return max(0.0, min(float(scoring.W_COMPANY), value))


def upper_bounds(ctx, today: dt.date, *, rows=None, table=None) -> tuple[np.ndarray, np.ndarray]:
    """(bounds, case ids) of the candidates for ctx's opening that meet the hard requirements checkable here,
    best bound first. `rows` (an index array into active()) limits to some cases (bulk matching)."""
    facts, lexicon, state = ctx["facts"], ctx["lexicon"], ctx["state"]
    idx, table = index(state), table or active()
    # A CV with no matching items (or newer than the index) has an id past the index's size: it bounds to 0.
    size = max(idx["size"], int(table["cv"].max()) + 1 if len(table["cv"]) else 0)
    job_tasks = [tokens(t, lexicon) for t in facts.tasks]
    title = tokens(facts.title, lexicon)
    best = np.zeros((max(1, len(job_tasks)), size))
    goal = np.zeros(size)
    holds_key = np.zeros(size, dtype=bool)
    for kind, key, text in state["items"]:
        if key not in ctx["keys"]:
            continue
        cvs = idx["keys"].get((kind, key))
        if cvs is None:
            continue
        holds_key[cvs] = True
        if kind == ItemKind.JOB_WISH:
            if key in ctx["wish_keys"]:
                np.maximum.at(goal, cvs, dice(title, tokens(text, lexicon)))
        elif key in ctx["task_keys"]:
            have = tokens(text, lexicon)
            for i, want in enumerate(job_tasks):
                sim = dice(want, have)
                if sim >= scoring.TASK_THRESHOLD:
                    best[i, cvs] = np.maximum(best[i, cvs], sim)
    by_sim = defaultdict(list)
    for title_text in ctx["goal_titles"]:
        cvs = idx["goals"].get(title_text)
        if cvs is not None:
            by_sim[dice(title, tokens(title_text, lexicon))].append(cvs)
    for sim, arrays in by_sim.items():
        cvs = np.concatenate(arrays)
        holds_key[cvs] = True
        np.maximum.at(goal, cvs, sim)
    for competency in facts.competencies_required:
        from .engine import _matching_keys

        have = _matching_keys([competency], state, {ItemKind.COMPETENCY, ItemKind.TASK}, superset=True)
        holders = np.zeros(size, dtype=bool)
        for kind in (ItemKind.COMPETENCY, ItemKind.TASK):
            for key in have:
                cvs = idx["keys"].get((kind, key))
                if cvs is not None:
                    holders[cvs] = True
        holds_key &= holders

    # Wanted competencies, as scoring._has sees them: among the CV's items loaded for scoring (ctx["load_keys"])
    held_wanted = np.zeros(size)
    for competency in facts.competencies_wanted:
        want = tokens(competency, lexicon)
        holders = np.zeros(size, dtype=bool)
        for kind, key, text in state["items"]:
            if kind != ItemKind.JOB_WISH and key in ctx["load_keys"]:
                have = tokens(text, lexicon)
                if dice(want, have) >= 0.99 or have >= want:
                    cvs = idx["keys"].get((kind, key))
                    if cvs is not None:
                        holders[cvs] = True
        held_wanted += holders

    sel = np.arange(len(table["pk"])) if rows is None else rows
    cv = table["cv"][sel]
    keep = holds_key[cv] & _licence_mask(table, facts.driving_licence or "")[sel]
    if facts.kind == scoring.FLEX_JOB:
        keep &= table["fleks"][sel]
    coords = geo.coordinates()
    work = coords.get(facts.postal_code or "")
    per_code = np.array([geo.haversine_km(*coords[c], *work) if work and c in coords else np.nan
                         for c in table["codes"]])
    distance = per_code[table["code"][sel]]
    limit = table["limit"][sel]
    keep &= (limit < 0) | (~np.isnan(distance) & (distance <= limit))
    sel, cv, distance = sel[keep], cv[keep], distance[keep]

    tasks = best[:, cv].sum(axis=0) * scoring.W_TASKS / len(job_tasks) if job_tasks else np.zeros(len(cv))
    goal_sel = goal[cv]
    bound = tasks + np.where(goal_sel >= scoring.TASK_THRESHOLD, scoring.W_GOAL * goal_sel, 0.0)
    if facts.competencies_wanted:
        bound += held_wanted[cv] * scoring.W_COMPETENCIES / len(facts.competencies_wanted)
    elif job_tasks:
        bound += np.where(best[:, cv].max(axis=0) > 0, scoring.W_COMPETENCIES, 0.0)
    hours = table["hours"][sel]
    job_hours = facts.hours_per_week
    bound += np.where(hours < 0, scoring.W_HOURS / 2,
                      np.where(hours >= job_hours, scoring.W_HOURS,
                               scoring.W_HOURS * np.maximum(hours, 0) / max(job_hours, 1)))
    bound += np.where(np.isnan(distance), 0.0,
                      scoring.W_DISTANCE * np.maximum(0.0, 1 - np.nan_to_num(distance) / scoring.DISTANCE_SCALE_KM))
    company = ctx["company"]
    bound += np.where(table["group2"][sel], _company_part(company, True), _company_part(company, False))
    waited = np.maximum(0, today.toordinal() - table["waiting_from"][sel])
    bound += np.where(table["in_placement"][sel], 0.0, scoring.W_WAITING * np.minimum(1.0, waited / 365))
    order = np.argsort(-bound, kind="stable")
    return bound[order], table["pk"][sel][order]


def open_openings() -> dict:
    """The open openings as plain rows (id, title, tasks, hours, licence, required and wanted competencies,
    postal code, kind), kept up to date by index.py."""
    from . import index as matching_index

    return matching_index.sync()["openings"]


def _opening_rows(ids=None) -> list:
    from jobspor.jobs.choices import JobStatus
    from jobspor.jobs.models import JobOpening

    openings = JobOpening.objects.filter(status=JobStatus.OPEN)
    if ids is not None:
        openings = openings.filter(pk__in=ids)
    return list(openings.values_list("pk", "title", "tasks", "hours_per_week", "driving_licence",
                                     "competencies_required", "competencies_wanted", "postal_code_id", "kind"))


def build_openings() -> dict:
    return {"rows": sorted(_opening_rows())}


def openings_apply(table: dict, ids) -> dict:
    ids = set(ids)
    rows = [row for row in table["rows"] if row[0] not in ids] + _opening_rows(sorted(ids))
    return {"rows": sorted(rows, key=lambda row: row[0])}


def citizen_bounds(citizen: scoring.CitizenFacts, table: dict, lexicon) -> tuple[list[float], list[int]]:
    """(upper bounds, opening ids), best first, for the open openings whose hard requirements the citizen
    meets and that share a word with the citizen's tasks or whose title matches a job goal (as the exhaustive
    search). Every part of the score is computed exactly except the company's, which is bounded by its
    maximum; texts are compared once per distinct text."""
    have_texts = citizen.tasks + citizen.competencies
    have = [tokens(t, lexicon) for t in have_texts]
    have_all = set().union(*have) if have else set()
    goals = [tokens(g, lexicon) for g in citizen.goals]
    coords = geo.coordinates()
    home = coords.get(citizen.postal_code or "")
    task_cache, title_cache, has_cache, distance_cache = {}, {}, {}, {}

    def task(text):  # (best similarity if at least the threshold else 0, shares a word)
        found = task_cache.get(text)
        if found is None:
            want = tokens(text, lexicon)
            best = max((dice(want, h) for h in have), default=0.0)
            found = task_cache[text] = (best if best >= scoring.TASK_THRESHOLD else 0.0, bool(want & have_all))
        return found

    def title_sim(text):
        found = title_cache.get(text)
        if found is None:
            title = tokens(text, lexicon)
            found = title_cache[text] = max((dice(title, g) for g in goals), default=0.0)
        return found

    def has(competency):
        found = has_cache.get(competency)
        if found is None:
            found = has_cache[competency] = scoring._has(competency, have_texts, lexicon)
        return found

    now = citizen.hours_now if citizen.hours_now is not None else citizen.hours_wanted
    waiting = 0.0 if citizen.in_placement else scoring.W_WAITING * min(1.0, citizen.waiting_days / 365)
    company_max = float(scoring.W_COMPANY)
    result = []
    for pk, title, tasks, hours, licence, required, wanted, code, kind in table["rows"]:
        if kind == scoring.FLEX_JOB and not citizen.fleksjob_visitated:
            continue
        if code in distance_cache:
            distance = distance_cache[code]
        else:
            where = coords.get(code or "")
            distance = distance_cache[code] = geo.haversine_km(*home, *where) if home and where else None
        limit = citizen.max_commute_km
        if limit is not None and (distance is None or distance > limit):
            continue
        sims = [task(t) for t in tasks or []]
        goal = title_sim(title)
        if not any(shared for _s, shared in sims) and goal < scoring.TASK_THRESHOLD:
            continue
        if not scoring._licence_ok(licence, citizen.driving_licence) or not all(has(c) for c in required or []):
            continue
        tasks_part = scoring.W_TASKS * sum(s for s, _shared in sims) / len(sims) if sims else 0.0
        bound = tasks_part + (scoring.W_GOAL * goal if goal >= scoring.TASK_THRESHOLD else 0.0) + company_max + waiting
        if wanted:
            bound += scoring.W_COMPETENCIES * sum(has(c) for c in wanted) / len(wanted)
        elif tasks_part:
            bound += scoring.W_COMPETENCIES
        if now is None:
            bound += scoring.W_HOURS / 2
        else:
            bound += scoring.W_HOURS if now >= hours else scoring.W_HOURS * now / hours
        if distance is not None:
            bound += scoring.W_DISTANCE * max(0.0, 1 - distance / scoring.DISTANCE_SCALE_KM)
        result.append((bound, pk))
    result.sort(key=lambda pair: -pair[0])
    return [b for b, _pk in result], [pk for _b, pk in result]
