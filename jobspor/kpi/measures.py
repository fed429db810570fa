"""The seeds' own measures, each against the population it was defined for (issue 14, point 2), computed from
the KPI engine's population and conditions so that there is one way of computing:

- 'Flere skal med' criterion 2 (seed 002, kpi.md's reference figure): at least 40 % of fsm_group 1 in
  `company_placement`, per calendar quarter — always group 1 and whole quarters, whatever the dashboard's period
  and 'Flere skal med' filter (the other filters narrow it as they narrow the population);
- criterion 1, "visiteret som planlagt": the visitations a leader planned per team and quarter against those
  held — a case of the team visited to a 'Flere skal med' group (fsm_group set) with a contact of kind
  `visitation` in the quarter;
- weekly contact until the citizen is in a company placement (seed 004): of the weeks in P in which a case of
  fsm_group 1 or 2 was open and not in a company placement, the share with at least one contact (weeks, not
  cases: a share of case-weeks, so one long silence weighs as it should);
- screening for 'Flere skal med' (seed 002): open cases on public support (`public_support_since`, interchange.md)
  for 5 years or more that are not yet visited (no fsm_group).
Counts only; the screening list names citizens and is read through selectors (scoped, logged).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace

import numpy as np
from django.db.models import Count, Q, Sum

from jobspor.cases.models import Case
from jobspor.contacts.models import Contact
from jobspor.core.dbfunctions import DayNumber
from jobspor.placements.models import Placement

from . import engine
from .engine import KpiQuery

FSM_CRITERION = 0.40  # 'Flere skal med': at least 40 % of group 1 in company placements over 3 months
WEEKLY_GROUPS = (1, 2)  # fsm groups the weekly-contact measure is for (group 3 cannot take part now)
SCREENING_YEARS = 5
# seed 002's target group: activity-ready recipients of cash benefit, education benefit and integration benefit
# (today selvforsørgelses- og hjemrejseydelse)
FSM_TARGET_BENEFITS = ("kontanthjaelp_aktivitetsparat", "uddannelseshjaelp_aktivitetsparat",
                       "selvforsoergelses_og_hjemrejseydelse")


# --- quarters --------------------------------------------------------------------------------------------

def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, 3 * quarter - 2, 1)
    after = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    return start, after - dt.timedelta(days=1)


def quarters_overlapping(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    """The calendar quarters that share at least a day with [start, end], oldest first."""
    year, quarter = quarter_of(start)
    out = []
    while quarter_bounds(year, quarter)[0] <= end:
        out.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return out


def is_calendar_quarter(start: dt.date, end: dt.date) -> bool:
    return quarter_bounds(*quarter_of(start)) == (start, end)


def quarter_label(year: int, quarter: int) -> str:
    from django.utils.translation import gettext as _

    return _("%(q)d. kvt. %(year)d") % {"q": quarter, "year": year}


# --- criterion 2: 40 % of group 1 in company placements, per quarter -----------------------------------------

@dataclass
class QuarterFigure:
    year: int
    quarter: int
    start: dt.date
    end: dt.date
    figure: dict  # share object (kpi.md)
    complete: bool  # the quarter has ended

    @property
    def label(self) -> str:
        return quarter_label(self.year, self.quarter)

    @property
    def meets(self) -> bool | None:
        share = self.figure["share"]
        return None if share is None else share >= FSM_CRITERION


def fsm_criterion_by_quarter(query: KpiQuery, today: dt.date) -> list[QuarterFigure]:
    """Per calendar quarter overlapping the query's period: the share of fsm_group 1 cases active in the quarter
    with a company placement overlapping it (kpi.md `company_placement` over the quarter, fsm_group 1). One
    aggregate query per quarter; for a whole jobcentre one for all of them."""
    quarters = [(year, quarter, *quarter_bounds(year, quarter))
                for year, quarter in quarters_overlapping(query.start, query.end)]
    whole = query.team_ids is None and query.primary_contact_id is None and query.scope is None
    if whole and query.age_band is None and quarters:  # (an age band is taken at each quarter's start)
        return _fsm_quarters_at_once(query, quarters, today)
    out = []
    for year, quarter, start, end in quarters:
        q = replace(query, start=start, end=end, fsm_group=1)
        cases, small = engine.population(q), engine.is_small(q)
        aggregates = {"d": Count("pk"), "n": Count("pk", filter=engine.measure_q("company_placement", q,
                                                                                 correlated=small))}
        counts = cases.aggregate(**aggregates) if small else engine.facts_aggregate(cases, aggregates, "d")
        out.append(QuarterFigure(year, quarter, start, end, engine.share(counts["n"], counts["d"]), end < today))
    return out


def _fsm_quarters_at_once(query: KpiQuery, quarters, today: dt.date) -> list[QuarterFigure]:
    """fsm_criterion_by_quarter for a whole jobcentre in one aggregate from the facts kept per case: the population
    of the quarters' whole span, each quarter's population and numerator a filtered count of it (a case active in a
    quarter is active in the span; the filters other than the period are the same)."""
    span = replace(query, start=quarters[0][2], end=quarters[-1][3], fsm_group=1)
    aggregates = {"all": Count("pk")}
    for index, (_year, _quarter, start, end) in enumerate(quarters):
        q = replace(query, start=start, end=end, fsm_group=1)
        active = Q(opened__lte=end) & (Q(closed__isnull=True) | Q(closed__gte=start))
        aggregates[f"d{index}"] = Count("pk", filter=active)
        aggregates[f"n{index}"] = Count("pk", filter=active & engine.measure_q("company_placement", q))
    counts = engine.facts_aggregate(engine.population(span), aggregates, "all")
    return [QuarterFigure(year, quarter, start, end, engine.share(counts[f"n{index}"], counts[f"d{index}"]),
                          end < today)
            for index, (year, quarter, start, end) in enumerate(quarters)]


# --- criterion 1: visitations as planned ----------------------------------------------------------------------

def visited_cases(team_ids, start: dt.date, end: dt.date):
    """Cases of these teams (None: every team) visited to a 'Flere skal med' group in [start, end]: fsm_group set
    and a visitation conversation (contact kind `visitation`) in the quarter."""
    cases = Case.objects.using(engine.kpi_database()).filter(
        fsm_group__isnull=False,
        pk__in=Contact.objects.filter(kind="visitation", date__gte=start, date__lte=end).values("case_id"))
    if team_ids is not None:
        cases = cases.filter(team_id__in=team_ids)
    return cases


@dataclass
class VisitationRow:
    year: int
    quarter: int
    planned: int | None  # None: no plan recorded for any of the teams
    actual: int

    @property
    def label(self) -> str:
        return quarter_label(self.year, self.quarter)

    @property
    def share(self) -> float | None:
        return self.actual / self.planned if self.planned else None


def visitations_planned_actual(team_ids, quarters) -> list[VisitationRow]:
    """Planned (summed over the teams' plans) against actual visitations, per quarter."""
    from .models import PlannedVisitation

    plans = PlannedVisitation.objects.using(engine.kpi_database())
    if team_ids is not None:
        plans = plans.filter(team_id__in=team_ids)
    planned = defaultdict(lambda: None)
    for row in plans.values("year", "quarter").annotate(total=Sum("planned")).order_by():
        planned[row["year"], row["quarter"]] = row["total"]
    rows = []
    for year, quarter in quarters:
        start, end = quarter_bounds(year, quarter)
        rows.append(VisitationRow(year, quarter, planned[year, quarter],
                                  visited_cases(team_ids, start, end).count()))
    return rows


# --- weekly contact until the placement -------------------------------------------------------------------------

def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def weekly_contact(query: KpiQuery) -> dict:
    """Share object over case-weeks: the weeks in P (Monday in P) in which a population case of fsm_group 1 or 2
    was open (opened by the Sunday, not closed before the Monday) and not in a company placement (none overlapping
    the week); numerator those with a contact dated in the week. Three linear reads, counted with numpy: each
    (case, week) pair is one integer code, so "not in a placement" and "with a contact" are sorted-array lookups
    (a Python loop over 60,000 cases and 200,000 contacts was half of this measure's time)."""
    if query.fsm_group is not None and query.fsm_group not in WEEKLY_GROUPS:
        return engine.share(0, 0)
    cases = engine.population(query).filter(fsm_group__in=WEEKLY_GROUPS)
    first = _monday(query.start)
    if first < query.start:
        first += dt.timedelta(days=7)  # the week is in P when its Monday is
    if first > query.end:
        return engine.share(0, 0)
    last = (query.end - first).days // 7  # the weeks in P are numbered 0..last from the first Monday in P
    first_n = first.toordinal()
    # Dates as day numbers (DayNumber): no date object per row; an open end is after P.
    after = first_n + 7 * (last + 1)
    rows = engine.raw_rows(cases.order_by().annotate(opened_n=DayNumber("opened"), closed_n=DayNumber("closed"))
                           .values_list("pk", "opened_n", "closed_n"))
    if not rows:
        return engine.share(0, 0)
    ids, opened, closed = _columns(rows, after)
    order = np.argsort(ids)
    ids = ids[order]
    low = np.maximum(0, (opened[order] - first_n) // 7)  # each case's open weeks in P: low..high
    high = np.minimum(last, (closed[order] - first_n) // 7)
    span = last + 1  # a (case, week) pair as the code case index * span + week

    population = cases.order_by().values("pk")
    db = cases.db
    last_sunday = _monday(query.end) + dt.timedelta(days=6)
    placed = engine.raw_rows(Placement.objects.using(db).filter(
        Q(end__isnull=True) | Q(end__gte=query.start), case_id__in=population,
        kind__in=engine.COMPANY_PLACEMENT_KINDS, start__lte=last_sunday)
        .annotate(start_n=DayNumber("start"), end_n=DayNumber("end")).values_list("case_id", "start_n", "end_n")
        .order_by())
    away = np.empty(0, np.int64)  # the codes of open weeks overlapped by a company placement
    if placed:
        case_ids, starts, ends = _columns(placed, after)
        at = np.searchsorted(ids, case_ids)
        since = np.maximum(low[at], (starts - first_n) // 7)
        until = np.minimum(high[at], (ends - first_n) // 7)
        keep = since <= until
        at, since, lengths = at[keep], since[keep], (until - since + 1)[keep]
        # Every week of every span: each span's first code, repeated once per week, plus a running 0, 1, 2 ...
        offsets = at * span + since - np.cumsum(lengths) + lengths
        away = _unique(np.repeat(offsets, lengths) + np.arange(lengths.sum()))
    contacts = engine.raw_rows(Contact.objects.using(db).filter(
        case_id__in=population, date__gte=_monday(query.start), date__lte=last_sunday)
        .annotate(day=DayNumber("date")).values_list("case_id", "day").order_by())
    with_contact = 0
    if contacts:
        pairs = np.array(contacts, dtype=np.int64)
        at = np.searchsorted(ids, pairs[:, 0])
        week = (pairs[:, 1] - first_n) // 7
        inside = (low[at] <= week) & (week <= high[at])
        codes = _unique(at[inside] * span + week[inside])
        with_contact = codes.size - _count_in(codes, away)
    open_weeks = high - low + 1
    weeks = int(open_weeks[open_weeks > 0].sum()) - away.size
    return engine.share(int(with_contact), weeks)


def _columns(rows, none_as):
    """The columns of (id, day, day or None) rows as int64 arrays, None as `none_as`."""
    n = len(rows)
    return (np.fromiter((r[0] for r in rows), np.int64, n), np.fromiter((r[1] for r in rows), np.int64, n),
            np.fromiter((none_as if r[2] is None else r[2] for r in rows), np.int64, n))


def _unique(codes):
    """Sorted distinct values (np.unique took 1.2 s for 500,000 integers with numpy 2.4 here; sorting 70 ms)."""
    codes = np.sort(codes)
    return codes[np.concatenate(([True], codes[1:] != codes[:-1]))] if codes.size else codes


def _count_in(values, sorted_values) -> int:
    """How many of `values` are in `sorted_values`."""
    if not sorted_values.size:
        return 0
    at = np.minimum(np.searchsorted(sorted_values, values), sorted_values.size - 1)
    return int((sorted_values[at] == values).sum())


# --- screening -----------------------------------------------------------------------------------------------

def screening_q(today: dt.date, target_only: bool = False) -> Q:
    """Open cases on public support for SCREENING_YEARS years or more on `today`, not yet visited (no fsm_group)."""
    q = Q(closed__isnull=True, fsm_group__isnull=True,
          public_support_since__lte=engine.years_before(today, SCREENING_YEARS))
    if target_only:
        q &= Q(benefit__in=FSM_TARGET_BENEFITS)
    return q
