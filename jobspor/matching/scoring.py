"""The match score: a transparent weighted sum of job-relevant facts, each part with a Danish reason.

Only these facts are inputs (see CitizenFacts / JobFacts / CompanyFacts): the citizen's CV tasks,
competencies, job goals, hours, driving licence, commute limit and home postal code; the case's status,
target group and how long the citizen has waited for a placement; the opening's tasks, requirements, hours
and workplace postal code; the company's history. Sex, age, birth date, name, nationality, ethnicity and
the CPR number are not fields of these classes, so they cannot influence a score
(tests/test_protected_grounds.py changes them and shows that no ranking changes).

Weights (points; the total is at most 100):

    tasks        40  × the mean, over the opening's tasks, of the best similarity (≥ 0.5 counts) with the
                       citizen's tasks and competencies
    goal         15  × similarity of the opening's title with the citizen's job goals / job wishes
    competencies 10  × share of the opening's wanted competencies the citizen has (no wanted → 10 if tasks
                       match, else 0)
    hours        10  × 1 if the citizen can work the opening's hours now, else hours now / opening's hours
    distance     10  × (1 − km / 40), at least 0; unknown distance gives 0
    company      10  3.5 per citizen given ordinary hours (placements or filled openings) in the last year
                       (at most 7), 3 for rummelighed if the citizen is in target group 2 and the company has
                       given ordinary hours or placements to target-group-2 citizens; the share of shortlisted
                       candidates the company accepted moves it by up to ±3 (after 2 or more outcomes)
    waiting       5  × months waited for a placement / 12, at most 5

Hard requirements (the candidate is not listed at all): a required driving licence the citizen lacks, a
required competency the citizen lacks, home farther from the workplace than the citizen's max_commute_km,
a case that is not active.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .text import Lexicon, dice, tokens

FLEX_JOB = "fleksjob"  # jobs.choices.JobKind.FLEX_JOB: only for citizens visitated to fleksjob

W_TASKS, W_GOAL, W_COMPETENCIES, W_HOURS, W_DISTANCE, W_COMPANY, W_WAITING = 40, 15, 10, 10, 10, 10, 5
TASK_THRESHOLD = 0.5
DISTANCE_SCALE_KM = 40.0


@dataclass
class CitizenFacts:
    case_id: int
    tasks: list[str] = field(default_factory=list)
    competencies: list[str] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)  # job goals and job wishes
    driving_licence: list[str] = field(default_factory=list)
    hours_now: int | None = None
    hours_wanted: int | None = None
    max_commute_km: int | None = None
    postal_code: str | None = None
    case_active: bool = True
    target_group: int | None = None
    waiting_days: int = 0
    in_placement: bool = False
    fleksjob_visitated: bool = False  # visitated to fleksjob (ledighedsydelse implies it)


@dataclass
class JobFacts:
    job_id: int
    title: str
    tasks: list[str]
    hours_per_week: int
    driving_licence: str = ""
    competencies_required: list[str] = field(default_factory=list)
    competencies_wanted: list[str] = field(default_factory=list)
    postal_code: str | None = None
    company_id: int | None = None
    kind: str = ""  # the opening's kind (jobs.choices.JobKind)


@dataclass
class CompanyFacts:
    ordinary_hours_citizens: int = 0  # citizens given ordinary hours (placements, filled openings) last year
    target_group_2_citizens: int = 0  # of those and of placements: citizens in target group 2
    accepted: int = 0  # shortlist outcomes: interview, placement started, hired
    declined: int = 0  # shortlist outcomes: declined by the company


@dataclass
class Score:
    total: float
    parts: dict[str, float]
    reasons: list[str]


def _licence_ok(required: str, held: list[str]) -> bool:
    if not required:
        return True
    held = {h.upper() for h in held}
    if required.upper() in held:
        return True
    # A higher class includes B (C, D, CE, DE all require B).
    return required.upper() == "B" and bool(held & {"C", "C1", "D", "D1", "CE", "DE", "C1E", "D1E"})


def _has(competency: str, have: list[str], lexicon: Lexicon) -> bool:
    want = tokens(competency, lexicon)
    return any(dice(want, tokens(h, lexicon)) >= 0.99 or tokens(h, lexicon) >= want for h in have)


def hard_requirements_failed(citizen: CitizenFacts, job: JobFacts, distance_km: float | None,
                             lexicon: Lexicon) -> list[str]:
    """Why the citizen may not be listed for the opening (empty: may be listed). Never overridden by score."""
    failed = []
    if not citizen.case_active:
        failed.append(_("Sagen er ikke aktiv"))
    if job.kind == FLEX_JOB and not citizen.fleksjob_visitated:
        failed.append(_("Borgeren er ikke visiteret til fleksjob"))
    if not _licence_ok(job.driving_licence, citizen.driving_licence):
        failed.append(_("Mangler kørekort %(class)s") % {"class": job.driving_licence})
    for competency in job.competencies_required:
        if not _has(competency, citizen.competencies + citizen.tasks, lexicon):
            failed.append(_("Mangler den krævede kompetence %(c)s") % {"c": competency})
    if citizen.max_commute_km is not None:
        if distance_km is None:
            failed.append(_("Afstanden kan ikke beregnes, og borgeren har en grænse for transport"))
        elif distance_km > citizen.max_commute_km:
            failed.append(_("Bor %(km)d km væk; højst %(max)d km") % {"km": round(distance_km),
                                                                     "max": citizen.max_commute_km})
    return failed


def task_overlap(job_tasks: list[str], have: list[str], lexicon: Lexicon) -> list[tuple[str, str, float]]:
    """For each of the opening's tasks: (task, the citizen's best matching text, similarity)."""
    have_tokens = [(h, tokens(h, lexicon)) for h in have]
    result = []
    for task in job_tasks:
        want = tokens(task, lexicon)
        best, best_sim = "", 0.0
        for text, toks in have_tokens:
            sim = dice(want, toks)
            if sim > best_sim:
                best, best_sim = text, sim
        result.append((task, best, best_sim))
    return result


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " " + _("og") + " " + items[-1]


def _months(days: int) -> int:
    return max(0, round(days / 30.4))


def score(citizen: CitizenFacts, job: JobFacts, company: CompanyFacts, distance_km: float | None,
          lexicon: Lexicon) -> Score:
    parts: dict[str, float] = {}
    reasons: list[str] = []

    # Tasks
    overlap = task_overlap(job.tasks, citizen.tasks + citizen.competencies, lexicon)
    matched = [(t, h, s) for t, h, s in overlap if s >= TASK_THRESHOLD]
    parts["tasks"] = W_TASKS * (sum(s for _t, _h, s in matched) / len(job.tasks)) if job.tasks else 0.0
    if matched:
        exact = [h for t, h, s in matched if s >= 0.99]
        similar = _("ligner")
        close = [f"{h} ({similar} {t})" for t, h, s in matched if s < 0.99]
        reasons.append(_("Har erfaring med at %(tasks)s (%(n)d af %(total)d opgaver)") % {
            "tasks": _join(exact + close), "n": len(matched), "total": len(job.tasks)})
    elif job.tasks:
        reasons.append(_("Ingen af jobbets %(total)d opgaver står på CV'et") % {"total": len(job.tasks)})

    # Job goal
    title = tokens(job.title, lexicon)
    best_goal, goal_sim = "", 0.0
    for goal in citizen.goals:
        sim = dice(title, tokens(goal, lexicon))
        if sim > goal_sim:
            best_goal, goal_sim = goal, sim
    parts["goal"] = W_GOAL * goal_sim if goal_sim >= TASK_THRESHOLD else 0.0
    if parts["goal"]:
        if goal_sim >= 0.99:
            reasons.append(_("Jobmålet %(goal)s passer til jobbet") % {"goal": best_goal})
        else:
            reasons.append(_("Jobmålet %(goal)s ligner jobbet (%(title)s)") % {"goal": best_goal, "title": job.title})

    # Wanted competencies
    if job.competencies_wanted:
        have = [c for c in job.competencies_wanted if _has(c, citizen.competencies + citizen.tasks, lexicon)]
        parts["competencies"] = W_COMPETENCIES * len(have) / len(job.competencies_wanted)
        if have:
            reasons.append(_("Har de ønskede kompetencer %(c)s") % {"c": _join(have)})
    else:
        parts["competencies"] = W_COMPETENCIES if matched else 0.0
    if job.competencies_required:
        reasons.append(_("Har de krævede kompetencer %(c)s") % {"c": _join(job.competencies_required)})
    if job.driving_licence:
        reasons.append(_("Har kørekort %(c)s") % {"c": job.driving_licence})

    # Hours
    now = citizen.hours_now if citizen.hours_now is not None else citizen.hours_wanted
    if now is None:
        parts["hours"] = W_HOURS / 2
        reasons.append(_("Det vides ikke, hvor mange timer borgeren kan arbejde nu"))
    elif now >= job.hours_per_week:
        parts["hours"] = W_HOURS
        reasons.append(_("Jobbets %(job)d timer om ugen passer til de %(now)d timer, borgeren kan arbejde nu") % {
            "job": job.hours_per_week, "now": now})
    else:
        parts["hours"] = W_HOURS * now / job.hours_per_week
        reasons.append(_("Jobbet er på %(job)d timer om ugen; borgeren kan arbejde %(now)d timer nu") % {
            "job": job.hours_per_week, "now": now})
    if citizen.hours_wanted and citizen.hours_wanted >= job.hours_per_week > (citizen.hours_now or 0):
        reasons.append(_("Borgeren ønsker at nå %(w)d timer om ugen") % {"w": citizen.hours_wanted})

    # Distance
    if distance_km is None:
        parts["distance"] = 0.0
        reasons.append(_("Afstanden kendes ikke (postnummer mangler eller er ukendt)"))
    else:
        parts["distance"] = W_DISTANCE * max(0.0, 1 - distance_km / DISTANCE_SCALE_KM)
        reasons.append(_("Bor %(km)d km fra arbejdspladsen") % {"km": round(distance_km)})

    # Company history, rummelighed, shortlist outcomes
    history = min(7.0, 3.5 * company.ordinary_hours_citizens)
    if company.ordinary_hours_citizens:
        reasons.append(ngettext(
            "Virksomheden har givet ordinære timer til %(n)d borger det seneste år",
            "Virksomheden har givet ordinære timer til %(n)d borgere det seneste år",
            company.ordinary_hours_citizens) % {"n": company.ordinary_hours_citizens})
    if citizen.target_group == 2 and company.target_group_2_citizens:
        history += 3.0
        reasons.append(ngettext(
            "Virksomheden er rummelig: den har haft %(n)d borger i målgruppe 2 i forløb eller ordinære timer",
            "Virksomheden er rummelig: den har haft %(n)d borgere i målgruppe 2 i forløb eller ordinære timer",
            company.target_group_2_citizens) % {"n": company.target_group_2_citizens})
    outcomes = company.accepted + company.declined
    if outcomes >= 2:
        rate = company.accepted / outcomes
        history += 6 * (rate - 0.5)
        reasons.append(_("Virksomheden har taget imod %(a)d af %(n)d foreslåede kandidater") % {
            "a": company.accepted, "n": outcomes})
    parts["company"] = max(0.0, min(float(W_COMPANY), history))

    # Waiting for a placement
    if citizen.in_placement:
        parts["waiting"] = 0.0
        reasons.append(_("Er i et virksomhedsforløb nu"))
    else:
        parts["waiting"] = W_WAITING * min(1.0, citizen.waiting_days / 365)
        months = _months(citizen.waiting_days)
        if months >= 1:
            reasons.append(ngettext("Har ventet %(m)d måned på et forløb", "Har ventet %(m)d måneder på et forløb",
                                    months) % {"m": months})

    total = round(sum(parts.values()), 1)
    return Score(total=total, parts={k: round(v, 1) for k, v in parts.items()}, reasons=reasons)


def waiting_days(*, today: dt.date, case_opened: dt.date, last_placement_end: dt.date | None) -> int:
    start = max(case_opened, last_placement_end) if last_placement_end else case_opened
    return max(0, (today - start).days)
