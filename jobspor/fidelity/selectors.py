"""Reads for the fidelity pages: a cycle's checklist and score, a team's history with its results beside it,
caseloads per primary contact. Counts only: no citizen is named on these pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from jobspor.cases.models import CaseStaff
from jobspor.core.dbfunctions import DayNumber
from jobspor.core.roles import Role
from jobspor.kpi import engine
from jobspor.kpi.engine import KpiQuery
from jobspor.organisation.models import Employee

from . import cycles
from .choices import Strand
from .models import Answer, CaseloadNorm, Cycle, Question
from .scoring import score

HISTORY_CYCLES = 8
# The team's results shown beside fidelity: kpi.md version 2 measures, computed by the KPI engine.
RESULT_KEYS = ("company_placement", "ordinary_hours", "continuous_13_weeks", "exit_employment_or_education")
# The IPS guidance: an external reference only, never a norm (seed 002: no agreed right caseload).
IPS_REFERENCE = (20, 25)


def question_pairs() -> list[tuple[int, int]]:
    return list(Question.objects.order_by("section", "position").values_list("pk", "strand"))


def cycle_of(team, start: dt.date) -> Cycle | None:
    return Cycle.objects.filter(team=team, start=start).first()


def checklist(team, start: dt.date, end: dt.date) -> dict:
    """The questions grouped by strand and list, each with this cycle's answer (or None), and the score."""
    cycle = cycle_of(team, start)
    answers = {}
    if cycle is not None:
        answers = {a.question_id: a for a in Answer.objects.filter(cycle=cycle).select_related(
            "action_owner", "answered_by", "updated_by__employee")}
    questions = list(Question.objects.order_by("section", "position"))
    strands = []
    for strand in Strand:
        sections = []
        for q in questions:
            if q.strand != strand.value:
                continue
            q.answer = answers.get(q.pk)
            if not sections or sections[-1]["number"] != q.section:
                sections.append({"number": q.section, "heading": q.section_heading, "questions": []})
            sections[-1]["questions"].append(q)
        strands.append({"strand": strand, "sections": sections})
    result = score([(q.pk, q.strand) for q in questions], {k: a.value for k, a in answers.items()})
    return {"cycle": cycle, "strands": strands, "score": result, "questions": questions}


def scores_by_cycle(team, bounds: list[tuple[dt.date, dt.date]]) -> dict[dt.date, dict]:
    """Cycle start -> score (total and per strand) for each cycle in `bounds`; two queries in all."""
    pairs = question_pairs()
    starts = [start for start, _end in bounds]
    given: dict[dt.date, dict] = {start: {} for start in starts}
    for start, question_id, value in (Answer.objects.filter(cycle__team=team, cycle__start__in=starts)
                                      .values_list("cycle__start", "question_id", "value")):
        given[start][question_id] = value
    return {start: score(pairs, given[start]) for start in starts}


@dataclass
class ResultRow:
    start: dt.date
    end: dt.date
    label: str
    until_today: bool
    population: int
    figures: dict  # key -> {"numerator", "denominator", "share"}
    fidelity: object  # scoring.Score (total)
    strands: list  # scoring.Score per strand

    @property
    def score(self) -> dict:
        return {"total": self.fidelity, "strands": self.strands}

    @property
    def result_cells(self) -> list[dict]:
        """The results in RESULT_KEYS order: percentage (or None) and numerator."""
        cells = []
        for key in RESULT_KEYS:
            figure = self.figures[key]
            pct = None if figure["share"] is None else round(100 * figure["share"], 1)
            cells.append({"key": key, "pct": pct, "n": figure["numerator"], "d": figure["denominator"]})
        return cells


def results(team, start: dt.date, end: dt.date) -> tuple[int, dict]:
    """The team's kpi.md measures for [start, end], by the KPI engine's own definitions (population and
    numerators of engine.py): population, and key -> share."""
    query = KpiQuery(start=start, end=end, team_ids=(team.pk,))
    cases = engine.population(query)
    small = engine.is_small(query)
    keys = [k for k in RESULT_KEYS if k != "continuous_13_weeks"]
    counts = cases.aggregate(population=Count("pk"),
                             **{k: Count("pk", filter=engine.measure_q(k, query, correlated=small)) for k in keys})
    total = counts["population"]
    figures = {k: engine.share(counts[k], total) for k in keys}
    figures["continuous_13_weeks"] = engine.share(engine.continuous_13_weeks_count(query, cases), total)
    return total, figures


def results_by_period(team, periods: list[tuple[dt.date, dt.date]]) -> list[tuple[int, dict]]:
    """results(team, start, end) for each of `periods`, from one read of the team's cases active in any of them (a
    conditional count per period and measure, the measures from the facts kept per case) and one of their kept
    courses (engine.continuous_13_weeks_at_ends), each period's courses then narrowed to its population. Eight
    cycles read one by one took 0.55 s for a team of 14,000 cases, and 0.23 s more for their courses."""
    queries = [KpiQuery(start=start, end=end, team_ids=(team.pk,)) for start, end in periods]
    union = engine.population(KpiQuery(start=min(q.start for q in queries), end=max(q.end for q in queries),
                                       team_ids=(team.pk,)))
    keys = [k for k in RESULT_KEYS if k != "continuous_13_weeks"]
    aggregates = {}
    for index, query in enumerate(queries):
        member = (Q(closed__isnull=True) | Q(closed__gte=query.start)) & Q(opened__lte=query.end)
        aggregates[f"{index}:population"] = Count("pk", filter=member)
        for key in keys:
            aggregates[f"{index}:{key}"] = Count("pk", filter=member & engine.measure_q(key, query))
    counts = union.aggregate(**aggregates)
    found = engine.continuous_13_weeks_at_ends(queries, union)
    spans = {}
    if found is not None:  # (opening and closing days of the cases with a course in some period)
        with_course = set().union(*found)
        spans = {pk: (opened, closed) for pk, opened, closed in engine.raw_rows(
            union.order_by().annotate(o=DayNumber("opened"), c=DayNumber("closed")).values_list("pk", "o", "c"))
            if pk in with_course}
    out = []
    for index, query in enumerate(queries):
        total = counts[f"{index}:population"]
        figures = {key: engine.share(counts[f"{index}:{key}"], total) for key in keys}
        if found is None:  # the kept courses are behind: the placements decide
            n = engine.continuous_13_weeks_count(query, engine.population(query))
        else:
            start, end = query.start.toordinal(), query.end.toordinal()
            n = sum(1 for pk in found[index]
                    if spans[pk][0] <= end and (spans[pk][1] is None or spans[pk][1] >= start))
        figures["continuous_13_weeks"] = engine.share(n, total)
        out.append((total, figures))
    return out


def fidelity_beside_results(team, today: dt.date, count: int = HISTORY_CYCLES) -> list[ResultRow]:
    """Per cycle, oldest first: the team's fidelity score and its results over the same period (a running cycle
    up to today)."""
    bounds = cycles.recent(today, count)
    scores = scores_by_cycle(team, bounds)
    found = results_by_period(team, [(start, min(end, today)) for start, end in bounds])
    rows = []
    for (start, end), (population, figures) in zip(bounds, found, strict=True):
        until = min(end, today)
        rows.append(ResultRow(start=start, end=end, label=cycles.label(start, end), until_today=until < end,
                              population=population, figures=figures, fidelity=scores[start]["total"],
                              strands=scores[start]["strands"]))
    return rows


# --- caseload (point 6) -----------------------------------------------------------------------------------

def norm_current() -> CaseloadNorm | None:
    return CaseloadNorm.objects.select_related("set_by").first()


def norm_history(limit: int = 20):
    return list(CaseloadNorm.objects.select_related("set_by")[:limit])


def caseloads(team_ids: list[int] | None) -> list[dict]:
    """Open cases per primary contact in the unit (`team_ids`; None: the whole jobcentre): every active
    jobformidler of the unit (also with no cases) and anyone else of the unit who is some open case's primary
    contact; most cases first, then by name. Two queries: the open primary links counted per employee (grouping the
    employees with every case link they have, primary or not, took 0.5–1.6 s on 100,000 cases), then the
    employees."""
    links = CaseStaff.objects.filter(is_primary=True, case__closed__isnull=True)
    if team_ids is not None:
        links = links.filter(employee__team_id__in=team_ids)
    counts = dict(links.order_by().values("employee_id").annotate(n=Count("id")).values_list("employee_id", "n"))
    employees = Employee.objects.filter(is_active=True)
    if team_ids is not None:
        employees = employees.filter(team_id__in=team_ids)
    rows = list(employees.filter(Q(pk__in=list(counts)) | Q(roles__icontains=Role.JOB_BROKER.value))
                .select_related("team"))
    rows.sort(key=lambda e: (-counts.get(e.pk, 0), e.name))
    return [{"employee": e, "team": e.team, "cases": counts.get(e.pk, 0)} for e in rows]


def caseload_unit_cases(team_ids: list[int] | None) -> int:
    links = CaseStaff.objects.filter(is_primary=True, case__closed__isnull=True)
    if team_ids is not None:
        links = links.filter(employee__team_id__in=team_ids)
    return links.count()
